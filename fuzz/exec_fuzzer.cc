// Fuzz target: runs short programs. Each input is compiled and, if it
// compiles, run in a fresh __main__ namespace with a step budget (backward
// jumps and calls), so endless loops and deep recursion end with an
// exception instead of a timeout. An uncaught Python exception is a normal
// outcome; a crash, sanitizer report or a leaked pending exception is a bug.
//
// Inputs that could reach outside the process or block (import, open,
// input) are skipped, so the fuzzer never writes files or waits for stdin.
#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/fuzz_runtime.h"
#include "interp/compiler.h"
#include "interp/eval.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/module.h"
#include "runtime/object.h"
#include "runtime/str.h"
#include "runtime/thread_state.h"

namespace {

// Enough for a few thousand loop iterations or calls; small enough that an
// input rarely takes more than milliseconds.
constexpr int64_t kStepBudget = 20000;

bool Allowed(std::string_view source) {
  for (std::string_view banned :
       {"import", "open", "input", "__builtins__", "exit", "quit"}) {
    if (source.find(banned) != std::string_view::npos) return false;
  }
  return true;
}

void SilenceStdout() {
  static bool done = [] {
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, 1);
    return true;
  }();
  (void)done;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace twinpy;
  ThreadState* ts = FuzzRuntime();
  SilenceStdout();
  std::string_view source(reinterpret_cast<const char*>(data), size);
  if (!Allowed(source)) return -1;  // keep it out of the corpus
  CompileResult compiled = CompileSource(source, "<fuzz>");
  if (compiled.error) return 0;
  ModuleObject* module = NewModule("__main__");
  DictObject* globals = module->dict;
  DictSetStr(globals, "__builtins__", NewRef(GetInterpreter().builtins));
  SetStepBudget(ts, kStepBudget);
  Object* result = EvalModuleCode(compiled.code, globals);
  SetStepBudget(ts, -1);
  if (result == nullptr) {
    Object* exc = FetchError();
    if (exc == nullptr) {
      fprintf(stderr, "exec_fuzzer: failed without an exception\n");
      abort();
    }
    Decref(exc);
  } else {
    Decref(result);
  }
  if (ts->exception != nullptr) {
    fprintf(stderr, "exec_fuzzer: exception left pending after a run\n");
    abort();
  }
  // Break the module <-> globals cycle a program's functions make.
  DictClear(globals);
  Decref(module);
  Decref(compiled.code);
  fflush(stdout);
  return 0;
}
