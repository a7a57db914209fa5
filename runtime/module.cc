// Modules and import of native modules.
#include "runtime/module.h"

#include <map>
#include <string>

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/import_lock.h"
#include "runtime/list.h"
#include "runtime/str.h"

namespace twinpy {

Type ModuleType;

namespace {

std::map<std::string, ModuleInit, std::less<>>& NativeModules() {
  static auto* modules = new std::map<std::string, ModuleInit, std::less<>>;
  return *modules;
}

SourceImportHook source_import_hook = nullptr;

void ModuleDealloc(Object* o) {
  auto* m = static_cast<ModuleObject*>(o);
  Decref(m->dict);
  Decref(m->name);
  FreeObject(o, sizeof(ModuleObject));
}

Object* ModuleRepr(Object* o) {
  auto* m = static_cast<ModuleObject*>(o);
  return NewStr(StrCat("<module '", StrView(m->name), "'>"));
}

Object* ModuleGetAttr(Object* o, StrObject* name) {
  auto* m = static_cast<ModuleObject*>(o);
  Object* v = DictGetStrRef(m->dict, name);
  if (v != nullptr) return v;
  if (StrView(name) == "__dict__") return NewRef(m->dict);
  return SetError(&AttributeErrorType,
                  StrCat("module '", StrView(m->name),
                               "' has no attribute '", StrView(name), "'"));
}

int ModuleSetAttr(Object* o, StrObject* name, Object* value) {
  auto* m = static_cast<ModuleObject*>(o);
  if (value != nullptr) return DictSetItem(m->dict, name, value);
  int r = DictDelItem(m->dict, name);
  if (r == 0) {
    SetError(&AttributeErrorType,
             StrCat("module '", StrView(m->name), "' has no attribute '",
                          StrView(name), "'"));
    return -1;
  }
  return r < 0 ? -1 : 0;
}

}  // namespace

ModuleObject* NewModule(std::string_view name) {
  auto* m = static_cast<ModuleObject*>(
      AllocObject(&ModuleType, sizeof(ModuleObject)));
  if (m == nullptr) return nullptr;
  m->dict = NewDict();
  m->name = NewStr(name);
  if (m->dict == nullptr || m->name == nullptr) {
    Decref(m);
    return nullptr;
  }
  DictSetItem(m->dict, InternStr("__name__"), m->name);
  ImmortalizeShared(m);
  ImmortalizeShared(m->dict);
  return m;
}

Interpreter& GetInterpreter() {
  static Interpreter* interp = new Interpreter();
  return *interp;
}

void RegisterNativeModule(const char* name, ModuleInit init) {
  NativeModules()[name] = init;
}

void SetSourceImportHook(SourceImportHook hook) { source_import_hook = hook; }

namespace {
std::vector<std::pair<const char*, NativeFn>>& Extensions() {
  static auto* v = new std::vector<std::pair<const char*, NativeFn>>;
  return *v;
}
}  // namespace

void AddSysExtension(const char* name, NativeFn fn) {
  Extensions().emplace_back(name, fn);
}

const std::vector<std::pair<const char*, NativeFn>>& SysExtensions() {
  return Extensions();
}

namespace {

// Creates NAME (native or source) and registers it in sys.modules; the
// caller holds NAME's import lock.
Object* LoadModule(std::string_view name, StrObject* key) {
  Interpreter& interp = GetInterpreter();
  auto& natives = NativeModules();
  auto it = natives.find(name);
  if (it != natives.end()) {
    Object* module = it->second();
    if (module != nullptr && DictSetItem(interp.modules, key, module) < 0) {
      Decref(module);
      return nullptr;
    }
    return module;
  }
  if (source_import_hook != nullptr) return source_import_hook(name);
  return SetError(&ModuleNotFoundErrorType,
                  StrCat("No module named '", name, "'"));
}

}  // namespace

Object* ImportModule(std::string_view name) {
  Interpreter& interp = GetInterpreter();
  StrObject* key = NewStr(name);
  if (key == nullptr) return nullptr;
  Object* module = DictGetItemRef(interp.modules, key);
  if (module != nullptr) {
    // A module in sys.modules may still be running its body in another
    // thread: wait for that import to end, as CPython does. When this
    // thread is the importer (a circular import) the lock is re-entered at
    // once, and when waiting would deadlock it is refused; either way the
    // partly initialised module is the answer, as in CPython.
    if (ImportsInProgress() && AcquireImportLock(name)) {
      ReleaseImportLock(name);
    }
    Decref(key);
    return module;
  }
  if (!AcquireImportLock(name)) {
    // Another thread is importing NAME and is itself waiting, directly or
    // not, for a module this thread is importing; NAME is not even in
    // sys.modules yet, so there is no partial module to hand out.
    Decref(key);
    return SetError(&ImportErrorType,
                    StrCat("deadlock detected importing '", name, "'"));
  }
  // The thread we may have waited for has registered it meanwhile.
  module = DictGetItemRef(interp.modules, key);
  if (module == nullptr) module = LoadModule(name, key);
  ReleaseImportLock(name);
  Decref(key);
  return module;
}

void InitModuleType() {
  InitStaticType(&ModuleType, "module", sizeof(ModuleObject), &ObjectType);
  ModuleType.dealloc = ModuleDealloc;
  ModuleType.repr = ModuleRepr;
  ModuleType.hash = ObjectType.hash;
  ModuleType.compare = ObjectType.compare;
  ModuleType.getattr = ModuleGetAttr;
  ModuleType.setattr = ModuleSetAttr;
}

}  // namespace twinpy
