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
#include "runtime/module.h"
#include "runtime/str.h"
#include "runtime/stream.h"
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
  DictSetStr(d, "exit", NewNativeFunction("exit", Exit, 0));
  DictSetStr(d, "getrecursionlimit",
             NewNativeFunction("getrecursionlimit", GetRecursionLimit, 0));
  DictSetStr(d, "setrecursionlimit",
             NewNativeFunction("setrecursionlimit", SetRecursionLimit, 0));
  DictSetStr(d, "_is_gil_enabled",
             NewNativeFunction("_is_gil_enabled", IsGilEnabled, 0));
  DictSetStr(d, "intern", NewNativeFunction("intern", Intern, 0));
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
