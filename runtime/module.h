// Module objects, the interpreter-wide state they hang off, and import of
// native modules.
#ifndef TWINPY_RUNTIME_MODULE_H_
#define TWINPY_RUNTIME_MODULE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/function.h"
#include "runtime/object.h"

namespace twinpy {

struct ModuleObject : Object {
  DictObject* dict;
  StrObject* name;
};

extern Type ModuleType;

ModuleObject* NewModule(std::string_view name);

// State shared by every thread of the interpreter.
struct Interpreter {
  DictObject* builtins = nullptr;   // the builtins module's dict
  DictObject* modules = nullptr;    // sys.modules
  ListObject* argv = nullptr;       // sys.argv
  ListObject* path = nullptr;       // sys.path
  int recursion_limit = 1000;
};

Interpreter& GetInterpreter();

// Native modules register a constructor under their name.
using ModuleInit = ModuleObject* (*)();
void RegisterNativeModule(const char* name, ModuleInit init);

// Modules written in Python are compiled by the interpreter layer, which
// installs this hook; it returns nullptr with ModuleNotFoundError when the
// name is not found as a file either.
using SourceImportHook = Object* (*)(std::string_view name);
void SetSourceImportHook(SourceImportHook hook);

// Functions the interpreter layer adds to sys (those that read frames).
void AddSysExtension(const char* name, NativeFn fn);
const std::vector<std::pair<const char*, NativeFn>>& SysExtensions();

// import NAME: sys.modules, then native modules, then the source hook.
Object* ImportModule(std::string_view name);

// Creates every built-in type, the builtins module and sys; call once at
// start-up on the main thread, after AttachThread().
void InitRuntime(const std::vector<std::string>& argv);

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_MODULE_H_
