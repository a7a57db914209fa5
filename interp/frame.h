// Frames: one activation of a code object, carved from the thread's value
// stack (runtime/thread_state.h).
#ifndef TWINPY_INTERP_FRAME_H_
#define TWINPY_INTERP_FRAME_H_

#include "runtime/code.h"
#include "runtime/function.h"
#include "runtime/object.h"

namespace twinpy {

struct Frame {
  Frame* back;
  CodeObject* code;
  FunctionObject* func;   // owned; nullptr for module code
  DictObject* globals;    // borrowed from func or the module
  DictObject* builtins;
  DictObject* locals;     // a class body's namespace, else nullptr
  const CodeWord* ip;     // the next instruction, saved across calls
  Object** sp;            // operand stack top, saved across calls
  bool entry;             // return to C++ when this frame returns
  bool heap;              // owned by a generator, not the thread's stack
  bool yielded;           // the last Run() of this frame ended in a yield
  // Bit i: slots[i] is an argument lent by the caller's local
  // (LOAD_FAST_LENT, FAST_LOAD_METHOD): not counted here, so not dropped
  // when the frame is cleared.
  uint32_t borrowed;
  // Local slots, then cells and free variables, then the operand stack.
  Object* slots[1];

  Object** stack_base() { return slots + code->nlocals + code->NumCells() + code->NumFree(); }
  // The instruction being executed (the one before ip).
  int CurrentInstruction() const {
    return static_cast<int>(ip - code->code.data()) - 1;
  }
};

}  // namespace twinpy

#endif  // TWINPY_INTERP_FRAME_H_
