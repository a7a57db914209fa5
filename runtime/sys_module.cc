// The sys module.
#include <cstdlib>
#include <string>
#include <vector>

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/float.h"
#include "runtime/gil.h"
#include "runtime/module.h"
#include "runtime/stats.h"
#include "runtime/str.h"
#include "runtime/stream.h"
#include "runtime/thread_state.h"
#include "runtime/tuple.h"
#include "runtime/variant.h"

namespace twinpy {

namespace {

Object* Exit(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("exit", nargs, 0, 1)) return nullptr;
  Object* e = Call(&SystemExitType, args, nargs);
  return e == nullptr ? nullptr : SetErrorObject(e);
}

Object* GetRecursionLimit(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("getrecursionlimit", nargs, 0, 0)) return nullptr;
  return NewInt(GetInterpreter().recursion_limit);
}

Object* SetRecursionLimit(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("setrecursionlimit", nargs, 1, 1)) return nullptr;
  int64_t limit;
  if (!AsIndex(args[0], &limit, "limit")) return nullptr;
  if (limit < 1) {
    return SetError(&ValueErrorType, "recursion limit must be greater or equal than 1");
  }
  if (limit > (1 << 30)) limit = 1 << 30;
  GetInterpreter().recursion_limit = static_cast<int>(limit);
  return None();
}

Object* IsGilEnabled(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("_is_gil_enabled", nargs, 0, 0)) return nullptr;
  return Bool(kHasGil);
}

// sys.excepthook(type, value, traceback): prints the report of an uncaught
// exception to stderr.
Object* ExceptHook(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("excepthook", nargs, 3, 3)) return nullptr;
  std::string report = FormatException(args[1]);
  fflush(stdout);
  fputs(report.c_str(), stderr);
  fflush(stderr);
  return None();
}

// sys.exc_info(): the exception an except clause is handling.
Object* ExcInfo(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("exc_info", nargs, 0, 0)) return nullptr;
  Object* e = CurrentThread()->handled;
  if (e == nullptr) return TupleOf({None(), None(), None()});
  auto* exc = static_cast<ExceptionObject*>(e);
  Object* tb = exc->traceback ? static_cast<Object*>(exc->traceback) : None();
  return TupleOf({e->type, e, tb});
}

Object* SetSwitchInterval(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("setswitchinterval", nargs, 1, 1)) return nullptr;
  double seconds;
  bool overflow;
  if (!ToDouble(args[0], &seconds, &overflow)) {
    if (!overflow) SetError(&TypeErrorType, "must be real number");
    return nullptr;
  }
  if (seconds <= 0) {
    return SetError(&ValueErrorType, "switch interval must be strictly positive");
  }
  GlobalGil().SetSwitchIntervalMicros(static_cast<int64_t>(seconds * 1e6 + 0.5));
  return None();
}

Object* GetSwitchInterval(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("getswitchinterval", nargs, 0, 0)) return nullptr;
  return NewFloat(static_cast<double>(GlobalGil().SwitchIntervalMicros()) / 1e6);
}

Object* GilStatsBuiltin(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("_gil_stats", nargs, 0, 0)) return nullptr;
  return RuntimeStatsObject();
}

Object* Intern(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("intern", nargs, 1, 1)) return nullptr;
  if (args[0]->type != &StrType) {
    return SetError(&TypeErrorType, "intern() argument must be str");
  }
  return InternStr(StrView(args[0]));
}

ModuleObject* NewSysModule() {
  ModuleObject* m = NewModule("sys");
  if (m == nullptr) return nullptr;
  Interpreter& interp = GetInterpreter();
  DictObject* d = m->dict;
  DictSetStr(d, "exit", NewStaticNativeFunction("exit", Exit, 0));
  DictSetStr(d, "getrecursionlimit",
             NewStaticNativeFunction("getrecursionlimit", GetRecursionLimit, 0));
  DictSetStr(d, "setrecursionlimit",
             NewStaticNativeFunction("setrecursionlimit", SetRecursionLimit, 0));
  DictSetStr(d, "_is_gil_enabled",
             NewStaticNativeFunction("_is_gil_enabled", IsGilEnabled, 0));
  DictSetStr(d, "intern", NewStaticNativeFunction("intern", Intern, 0));
  DictSetStr(d, "excepthook", NewStaticNativeFunction("excepthook", ExceptHook, 0));
  DictSetStr(d, "__excepthook__", NewStaticNativeFunction("excepthook", ExceptHook, 0));
  DictSetStr(d, "exc_info", NewStaticNativeFunction("exc_info", ExcInfo, 0));
  DictSetStr(d, "setswitchinterval",
             NewStaticNativeFunction("setswitchinterval", SetSwitchInterval, 0));
  DictSetStr(d, "getswitchinterval",
             NewStaticNativeFunction("getswitchinterval", GetSwitchInterval, 0));
  DictSetStr(d, "_gil_stats", NewStaticNativeFunction("_gil_stats", GilStatsBuiltin, 0));
  DictSetStr(d, "argv", NewRef(interp.argv));
  DictSetStr(d, "path", NewRef(interp.path));
  DictSetStr(d, "modules", NewRef(interp.modules));
  DictSetStr(d, "maxsize", NewInt(INT64_MAX));
  DictSetStr(d, "byteorder", NewStr("little"));
  DictSetStr(d, "platform", NewStr("linux"));
  DictSetStr(d, "version",
             NewStr(StrCat("3.11.0 (twinpy ", kVersion, ", ",
                                 kVariantName, " build)")));
  // The language level twinpy follows, as a tuple like CPython's.
  DictSetStr(d, "version_info",
             TupleOf({NewInt(3), NewInt(11), NewInt(0), NewStr("final"), NewInt(0)}));
  DictSetStr(d, "stdout", NewRef(StdoutStream()));
  DictSetStr(d, "stderr", NewRef(StderrStream()));
  DictSetStr(d, "__stdout__", NewRef(StdoutStream()));
  DictSetStr(d, "__stderr__", NewRef(StderrStream()));
  for (const auto& [name, fn] : SysExtensions()) {
    DictSetStr(d, name, NewStaticNativeFunction(name, fn, 0));
  }
  // sys.implementation.name: a module object stands in for the namespace.
  ModuleObject* impl = NewModule("implementation");
  DictSetStr(impl->dict, "name", NewStr("twinpy"));
  DictSetStr(impl->dict, "variant", NewStr(kVariantName));
  DictSetStr(d, "implementation", impl);
  return m;
}

struct Register {
  Register() { RegisterNativeModule("sys", NewSysModule); }
} register_sys;

}  // namespace

}  // namespace twinpy
