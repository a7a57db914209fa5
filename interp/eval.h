// The evaluation loop and the entry points that run code.
#ifndef TWINPY_INTERP_EVAL_H_
#define TWINPY_INTERP_EVAL_H_

#include "runtime/code.h"
#include "runtime/dict.h"
#include "runtime/function.h"
#include "runtime/object.h"
#include "runtime/tuple.h"

namespace twinpy {

// Runs module-level code with `globals` as its namespace. New reference or
// nullptr with an exception set.
Object* EvalModuleCode(CodeObject* code, DictObject* globals);

// Runs a class body with `ns` as its namespace; returns what the body
// returns (its __class__ cell, or None).
Object* EvalClassBody(FunctionObject* body, DictObject* ns);

// For zero-argument super(): the calling method's first argument and the
// class it was defined in. False with RuntimeError set when there is none.
bool CurrentMethodContext(Object** self, Type** cls);

struct Frame;

// Runs a generator's frame from where it stopped, with `sent` (or nothing)
// pushed as the value of its yield, or raising the thread's pending
// exception there when `throwing`. Sets frame->yielded when it yields.
Object* ResumeFrame(Frame* frame, Object* sent, bool throwing);

// Releases the references a frame holds.
void ClearFrame(Frame* frame);

// Installs the evaluation loop as the call slot of Python functions and
// adds the builtins that need it.
void InitEval();

}  // namespace twinpy

#endif  // TWINPY_INTERP_EVAL_H_
