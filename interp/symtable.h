// Scope analysis: decides, before code generation, where every name of every
// scope lives (fast local, cell, free variable, global, or namespace dict).
#ifndef TWINPY_INTERP_SYMTABLE_H_
#define TWINPY_INTERP_SYMTABLE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "interp/ast.h"
#include "interp/syntax_error.h"

namespace twinpy {

enum class ScopeKind { kModule, kFunction, kClass };

enum class NameScope {
  kLocal,           // a fast local slot
  kCell,            // a local captured by an inner function
  kFree,            // captured from an enclosing function
  kGlobalExplicit,  // declared `global`
  kGlobalImplicit,  // not bound in any enclosing function
  kNamespace,       // module or class body: the namespace dict
};

struct Scope {
  ScopeKind kind = ScopeKind::kModule;
  std::string name;
  std::string qualname;
  // The class whose private names (__x) this scope mangles, or empty.
  std::string private_name;
  Scope* parent = nullptr;
  std::vector<std::unique_ptr<Scope>> children;
  bool is_generator = false;
  // Parameters in declaration order, then every other bound name in the
  // order first seen: the frame's local slots.
  std::vector<std::string> varnames;
  std::vector<std::string> cellvars;
  std::vector<std::string> freevars;
  std::map<std::string, NameScope> resolved;

  // Collected while walking.
  std::map<std::string, uint32_t> flags;
  std::vector<std::string> params;
  std::map<std::string, const ast::Node*> nonlocal_at;  // for error reports

  NameScope Lookup(const std::string& name) const;
  int VarIndex(const std::string& name) const;
  // Index among cells then free variables (LOAD_DEREF's argument).
  int DerefIndex(const std::string& name) const;
};

// Python's private-name mangling: inside class C, `__x` means `_C__x`.
std::string Mangle(const std::string& private_name, const std::string& name);

class SymbolTable {
 public:
  // Builds and resolves the scopes of a module; nullopt on success, else the
  // error (e.g. a nonlocal with no binding).
  std::optional<SyntaxErrorInfo> Build(const ast::Module& module);

  Scope* module_scope() { return root_.get(); }
  // The scope a function, lambda, class or comprehension node opens.
  Scope* ScopeFor(const void* node) const;

 private:
  friend class ScopeBuilder;
  std::unique_ptr<Scope> root_;
  std::unordered_map<const void*, Scope*> scopes_;
};

}  // namespace twinpy

#endif  // TWINPY_INTERP_SYMTABLE_H_
