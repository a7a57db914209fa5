// format(value, spec): the format-specification mini-language for int,
// float and str (f-strings and the format() builtin use it).
#ifndef TWINPY_RUNTIME_FORMAT_H_
#define TWINPY_RUNTIME_FORMAT_H_

#include <string_view>

#include "runtime/object.h"

namespace twinpy {

// New str reference, or nullptr with ValueError/TypeError set.
Object* Format(Object* value, std::string_view spec);

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_FORMAT_H_
