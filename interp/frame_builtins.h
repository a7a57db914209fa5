// Builtins that look at the calling frame: globals, locals, dir, vars.
#ifndef TWINPY_INTERP_FRAME_BUILTINS_H_
#define TWINPY_INTERP_FRAME_BUILTINS_H_

#include "runtime/dict.h"

namespace twinpy {

void AddFrameBuiltins(DictObject* builtins);

}  // namespace twinpy

#endif  // TWINPY_INTERP_FRAME_BUILTINS_H_
