// Helpers for tests that run the interpreter in-process.
#ifndef TWINPY_TESTS_INTERP_TESTING_H_
#define TWINPY_TESTS_INTERP_TESTING_H_

#include <string>

#include "interp/compiler.h"
#include "interp/eval.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/module.h"
#include "runtime/str.h"
#include "runtime/thread_state.h"

namespace twinpy::interp_testing {

// Starts the runtime once per test process.
inline void InitOnce() {
  static bool done = [] {
    AttachThread();
    InitRuntime({"test"});
    InitEval();
    return true;
  }();
  (void)done;
}

struct RunResult {
  DictObject* globals = nullptr;  // owned; null on a compile error
  std::string error;              // "Type: message" of an uncaught exception
  std::string syntax_error;       // "Type: message (line L, col C)"
  int traceback_line = 0;         // innermost traceback line, if raised
};

inline RunResult RunProgram(const std::string& source) {
  InitOnce();
  RunResult r;
  CompileResult c = CompileSource(source, "<test>");
  if (c.error) {
    r.syntax_error = c.error->type + ": " + c.error->msg + " (line " +
                     std::to_string(c.error->line) + ", col " +
                     std::to_string(c.error->col) + ")";
    return r;
  }
  r.globals = NewDict();
  Object* result = EvalModuleCode(c.code, r.globals);
  Decref(c.code);
  if (result == nullptr) {
    Object* exc = FetchError();
    std::string text = FormatExceptionOnly(exc);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    r.error = text;
    auto* e = static_cast<ExceptionObject*>(exc);
    for (TracebackObject* tb = e->traceback; tb != nullptr; tb = tb->next) {
      r.traceback_line = tb->line;
    }
    Decref(exc);
  } else {
    Decref(result);
  }
  return r;
}

// Owns a compiled code object for the length of a test.
struct CompiledCode {
  explicit CompiledCode(const std::string& source) {
    InitOnce();
    result = CompileSource(source, "<test>");
  }
  ~CompiledCode() { XDecref(result.code); }
  CompileResult result;
};

// repr() of a global after RunProgram, or "<unset>".
inline std::string Global(const RunResult& r, const char* name) {
  if (r.globals == nullptr) return "<no globals>";
  Object* v = DictGetStr(r.globals, InternStr(name));
  if (v == nullptr) return "<unset>";
  std::string s;
  if (!ReprString(v, &s)) {
    ClearError();
    return "<repr failed>";
  }
  return s;
}

}  // namespace twinpy::interp_testing

#endif  // TWINPY_TESTS_INTERP_TESTING_H_
