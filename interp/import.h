// Importing modules written in Python: NAME.py found along sys.path.
#ifndef TWINPY_INTERP_IMPORT_H_
#define TWINPY_INTERP_IMPORT_H_

#include <string_view>

#include "runtime/object.h"

namespace twinpy {

// The runtime's source-import hook (runtime/module.h).
Object* ImportSourceModule(std::string_view name);

}  // namespace twinpy

#endif  // TWINPY_INTERP_IMPORT_H_
