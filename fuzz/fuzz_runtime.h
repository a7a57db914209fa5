// Start-up shared by the fuzz targets: one runtime per process, set up as
// interp/main.cc does, before the first input.
#ifndef TWINPY_FUZZ_FUZZ_RUNTIME_H_
#define TWINPY_FUZZ_FUZZ_RUNTIME_H_

#include "interp/eval.h"
#include "runtime/gil.h"
#include "runtime/module.h"
#include "runtime/thread_state.h"

namespace twinpy {

inline ThreadState* FuzzRuntime() {
  static ThreadState* ts = [] {
    ThreadState* main_thread = AttachThread();
    GilAcquire(main_thread);
    InitRuntime({"fuzz"});
    InitEval();
    return main_thread;
  }();
  return ts;
}

}  // namespace twinpy

#endif  // TWINPY_FUZZ_FUZZ_RUNTIME_H_
