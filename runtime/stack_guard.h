// Bounds native recursion, so that no program can overflow the C++ stack.
//
// Two limits, as in CPython 3.12+: a count (sys.getrecursionlimit()) shared
// by Python frames and native recursion points such as repr() and
// comparisons, whose RecursionError messages match CPython 3.11's; and the
// thread's real stack, measured when the thread starts, which catches what
// the count cannot (a raised limit, or native code recursing without
// counting).
#ifndef TWINPY_RUNTIME_STACK_GUARD_H_
#define TWINPY_RUNTIME_STACK_GUARD_H_

#include <cstdint>

#include "runtime/module.h"
#include "runtime/thread_state.h"

namespace twinpy {

// Lowest frame address at which native code may still recurse; 0 when the
// thread's stack is unknown (no guard).
extern thread_local uintptr_t tls_stack_limit;

// Measures the calling thread's stack and sets tls_stack_limit, leaving a
// reserve below it for raising and reporting the error.
void InitThreadStackLimit();

// The stack size given to threads the runtime starts.
inline constexpr size_t kThreadStackBytes = size_t{16} << 20;

inline bool StackExhausted() {
  return reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) < tls_stack_limit;
}

// Sets RecursionError ("maximum recursion depth exceeded" + where); false.
bool RaiseRecursionError(const char* where);

// Py_EnterRecursiveCall: counts one level against the recursion limit and
// checks the stack; false with RecursionError set (nothing to leave then).
inline bool EnterRecursiveCall(const char* where) {
  ThreadState* ts = CurrentThread();
  if (__builtin_expect(
          ts->depth >= GetInterpreter().recursion_limit || StackExhausted(), 0)) {
    return RaiseRecursionError(where);
  }
  ++ts->depth;
  return true;
}
inline void LeaveRecursiveCall() { --CurrentThread()->depth; }

// The stack check alone, for recursion points CPython does not count.
inline bool CheckStack(const char* where) {
  if (__builtin_expect(StackExhausted(), 0)) return RaiseRecursionError(where);
  return true;
}

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_STACK_GUARD_H_
