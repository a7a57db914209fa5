// The evaluation loop and the entry points that run code.
#ifndef TWINPY_INTERP_EVAL_H_
#define TWINPY_INTERP_EVAL_H_

#include "runtime/code.h"
#include "runtime/dict.h"
#include "runtime/object.h"
#include "runtime/tuple.h"

namespace twinpy {

// Runs module-level code with `globals` as its namespace. New reference or
// nullptr with an exception set.
Object* EvalModuleCode(CodeObject* code, DictObject* globals);

// Installs the evaluation loop as the call slot of Python functions.
void InitEval();

}  // namespace twinpy

#endif  // TWINPY_INTERP_EVAL_H_
