// Source modules: NAME.py along sys.path, compiled and run once, cached in
// sys.modules (registered before running, so circular imports see the
// partly initialised module, as in CPython). Callers hold NAME's import
// lock (runtime/import_lock.h), so threads importing it at once run the
// body once.
#include "interp/import.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "interp/compiler.h"
#include "interp/eval.h"
#include "interp/stdlib_embedded.h"
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


// Where a module's source is: NAME.py or NAME/__init__.py along the
// search path (a submodule's path is its package's directory), else the
// modules embedded in the binary.
bool FindSource(std::string_view name, const std::vector<std::string>& dirs,
                std::string* path, std::string* source, bool* package) {
  std::string leaf(name.substr(name.rfind('.') + 1));
  for (const std::string& dir : dirs) {
    std::string base = dir.empty() ? leaf : StrCat(dir, "/", leaf);
    *package = false;
    *path = base + ".py";
    if (ReadFile(*path, source)) return true;
    *package = true;
    *path = base + "/__init__.py";
    if (ReadFile(*path, source)) return true;
  }
  for (int i = 0; i < kNumFrozenModules; ++i) {
    if (name == kFrozenModules[i].name) {
      *package = kFrozenModules[i].is_package;
      *path = StrCat("<frozen ", name, ">");
      *source = kFrozenModules[i].source;
      return true;
    }
  }
  return false;
}

}  // namespace

Object* ImportSourceModule(std::string_view name) {
  Interpreter& interp = GetInterpreter();
  std::vector<std::string> dirs;
  Object* parent = nullptr;
  size_t dot = name.rfind('.');
  if (dot != std::string_view::npos) {
    // A submodule: its package first, then the package's directory.
    parent = ImportModule(name.substr(0, dot));
    if (parent == nullptr) return nullptr;
    // The package's __init__ may have imported this submodule already.
    StrObject* key = NewStr(name);
    Object* done = key ? DictGetItemRef(interp.modules, key) : nullptr;
    XDecref(key);
    if (done != nullptr) {
      Decref(parent);
      return done;
    }
    Object* pkg_path = GetAttrString(parent, "__path__");
    if (pkg_path == nullptr) {
      ClearError();
    } else {
      if (IsStr(pkg_path)) dirs.emplace_back(StrView(pkg_path));
      Decref(pkg_path);
    }
  } else {
    // A snapshot: another thread may change sys.path meanwhile.
    for (Object* entry : ListSnapshot(interp.path)) {
      if (IsStr(entry)) dirs.emplace_back(StrView(entry));
      Decref(entry);
    }
  }
  std::string path, source;
  bool package = false;
  if (!FindSource(name, dirs, &path, &source, &package)) {
    XDecref(parent);
    return SetError(&ModuleNotFoundErrorType,
                    StrCat("No module named '", name, "'"));
  }
  CompileResult compiled = CompileSource(source, path);
  if (compiled.error) {
    XDecref(parent);
    return RaiseSyntaxError(*compiled.error, path);
  }
  ModuleObject* module = NewModule(name);
  if (module == nullptr) {
    XDecref(parent);
    Decref(compiled.code);
    return nullptr;
  }
  DictSetStr(module->dict, "__file__", NewStr(path));
  if (package) {
    size_t slash = path.rfind('/');
    DictSetStr(module->dict, "__path__",
               NewStr(slash == std::string::npos ? "" : path.substr(0, slash)));
  }
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
    XDecref(parent);
    return nullptr;
  }
  Decref(result);
  Decref(key);
  if (parent != nullptr) {
    // The package gets its submodule as an attribute: import a.b; a.b.x
    SetAttr(parent, InternStr(name.substr(dot + 1)), module);
    Decref(parent);
  }
  return module;
}

}  // namespace twinpy
