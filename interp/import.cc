// Source modules: NAME.py along sys.path, compiled and run once, cached in
// sys.modules (registered before running, so circular imports see the
// partly initialised module, as in CPython).
#include "interp/import.h"

#include <fstream>
#include <sstream>
#include <string>

#include "interp/compiler.h"
#include "interp/eval.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/int.h"
#include "runtime/errors.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  if (out->compare(0, 3, "\xEF\xBB\xBF") == 0) out->erase(0, 3);
  return true;
}

// A SyntaxError exception carrying CPython's attributes.
Object* RaiseSyntaxError(const SyntaxErrorInfo& info, const std::string& path) {
  Type* type = info.type == "IndentationError" ? &IndentationErrorType
               : info.type == "TabError"       ? &TabErrorType
                                               : &SyntaxErrorType;
  Object* exc = NewException(type, info.msg);
  if (exc == nullptr) return nullptr;
  auto set = [&](const char* name, Object* value) {
    if (value != nullptr) {
      SetAttr(exc, InternStr(name), value);
      Decref(value);
    }
  };
  set("msg", NewStr(info.msg));
  set("filename", NewStr(path));
  set("lineno", NewInt(info.line));
  set("offset", NewInt(info.col));
  set("text", NewStr(info.text));
  return SetErrorObject(exc);
}

}  // namespace

Object* ImportSourceModule(std::string_view name) {
  Interpreter& interp = GetInterpreter();
  std::string path;
  std::string source;
  bool found = false;
  for (int64_t i = 0; i < interp.path->size && !found; ++i) {
    Object* entry = interp.path->items[i];
    if (!IsStr(entry)) continue;
    std::string dir(StrView(entry));
    path = dir.empty() ? StrCat(name, ".py") : StrCat(dir, "/", name, ".py");
    found = ReadFile(path, &source);
  }
  if (!found) {
    return SetError(&ModuleNotFoundErrorType,
                    StrCat("No module named '", name, "'"));
  }
  CompileResult compiled = CompileSource(source, path);
  if (compiled.error) return RaiseSyntaxError(*compiled.error, path);
  ModuleObject* module = NewModule(name);
  if (module == nullptr) {
    Decref(compiled.code);
    return nullptr;
  }
  DictSetStr(module->dict, "__file__", NewStr(path));
  DictSetStr(module->dict, "__builtins__", NewRef(interp.builtins));
  StrObject* key = NewStr(name);
  if (DictSetItem(interp.modules, key, module) < 0) {
    Decref(key);
    Decref(module);
    Decref(compiled.code);
    return nullptr;
  }
  Object* result = EvalModuleCode(compiled.code, module->dict);
  Decref(compiled.code);
  if (result == nullptr) {
    DictDelItem(interp.modules, key);  // a failed import leaves no trace
    Decref(key);
    Decref(module);
    return nullptr;
  }
  Decref(result);
  Decref(key);
  return module;
}

}  // namespace twinpy
