// The builtins module.
#ifndef TWINPY_RUNTIME_BUILTINS_H_
#define TWINPY_RUNTIME_BUILTINS_H_

#include "runtime/module.h"

namespace twinpy {

ModuleObject* NewBuiltinsModule();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_BUILTINS_H_
