// Scope analysis in two passes: collect how each scope uses each name, then
// resolve names top-down so that captured locals become cells.
#include "interp/symtable.h"

#include <algorithm>
#include <set>

#include "runtime/strcat.h"

namespace twinpy {

namespace {

enum SymbolFlags : uint32_t {
  kDefLocal = 1u << 0,
  kDefParam = 1u << 1,
  kDefGlobal = 1u << 2,
  kDefNonlocal = 1u << 3,
  kUse = 1u << 4,
};

}  // namespace

std::string Mangle(const std::string& private_name, const std::string& name) {
  if (private_name.empty() || name.size() < 3 || name.compare(0, 2, "__") != 0 ||
      name.compare(name.size() - 2, 2, "__") == 0 || name.find('.') != std::string::npos) {
    return name;
  }
  size_t start = private_name.find_first_not_of('_');
  if (start == std::string::npos) return name;
  return "_" + private_name.substr(start) + name;
}

NameScope Scope::Lookup(const std::string& name) const {
  auto it = resolved.find(name);
  if (it != resolved.end()) return it->second;
  return kind == ScopeKind::kFunction ? NameScope::kGlobalImplicit
                                      : NameScope::kNamespace;
}

int Scope::VarIndex(const std::string& name) const {
  auto it = std::find(varnames.begin(), varnames.end(), name);
  return it == varnames.end() ? -1 : static_cast<int>(it - varnames.begin());
}

int Scope::DerefIndex(const std::string& name) const {
  auto c = std::find(cellvars.begin(), cellvars.end(), name);
  if (c != cellvars.end()) return static_cast<int>(c - cellvars.begin());
  auto f = std::find(freevars.begin(), freevars.end(), name);
  if (f != freevars.end()) {
    return static_cast<int>(cellvars.size() + (f - freevars.begin()));
  }
  return -1;
}

Scope* SymbolTable::ScopeFor(const void* node) const {
  auto it = scopes_.find(node);
  return it == scopes_.end() ? nullptr : it->second;
}

// Pass 1: walks the tree recording definitions and uses per scope.
class ScopeBuilder {
 public:
  explicit ScopeBuilder(SymbolTable* table) : table_(table) {}

  std::optional<SyntaxErrorInfo> Run(const ast::Module& module) {
    table_->root_ = std::make_unique<Scope>();
    current_ = table_->root_.get();
    current_->kind = ScopeKind::kModule;
    current_->name = "<module>";
    for (const auto& s : module.body) Stmt(s.get());
    if (error_) return error_;
    Resolve(table_->root_.get(), {});
    return error_;
  }

 private:
  void Fail(const ast::Node& node, std::string msg) {
    if (error_) return;
    SyntaxErrorInfo e;
    e.type = "SyntaxError";
    e.msg = std::move(msg);
    // Byte offsets; Compile() turns them into CPython's character offsets.
    e.line = node.line;
    e.col = node.col + 1;
    e.end_line = node.end_line;
    e.end_col = node.end_col + 1;
    error_ = e;
  }

  void Mark(const std::string& raw_name, uint32_t flag) {
    std::string name = Mangle(current_->private_name, raw_name);
    uint32_t& f = current_->flags[name];
    if ((flag & (kDefLocal | kDefParam)) && !(f & (kDefLocal | kDefParam))) {
      if (current_->kind == ScopeKind::kFunction &&
          std::find(current_->varnames.begin(), current_->varnames.end(),
                    name) == current_->varnames.end()) {
        current_->varnames.push_back(name);
      }
    }
    f |= flag;
  }

  Scope* Open(const void* node, ScopeKind kind, const std::string& name) {
    auto scope = std::make_unique<Scope>();
    scope->kind = kind;
    scope->name = name;
    scope->parent = current_;
    if (current_->kind == ScopeKind::kModule) {
      scope->qualname = name;
    } else if (current_->kind == ScopeKind::kClass) {
      scope->qualname = StrCat(current_->qualname, ".", name);
    } else {
      scope->qualname = StrCat(current_->qualname, ".<locals>.", name);
    }
    // A class mangles with its own name; other scopes keep their parent's.
    scope->private_name = kind == ScopeKind::kClass ? name : current_->private_name;
    Scope* raw = scope.get();
    current_->children.push_back(std::move(scope));
    table_->scopes_[node] = raw;
    return raw;
  }

  void Params(const ast::Arguments& args) {
    auto add = [&](const ast::Arg& a) {
      Mark(a.arg, kDefParam);
      current_->params.push_back(Mangle(current_->private_name, a.arg));
    };
    for (const auto& a : args.posonlyargs) add(a);
    for (const auto& a : args.args) add(a);
    for (const auto& a : args.kwonlyargs) add(a);
    if (args.vararg) add(*args.vararg);
    if (args.kwarg) add(*args.kwarg);
  }

  void Defaults(const ast::Arguments& args) {
    for (const auto& d : args.defaults) Expr(d.get());
    for (const auto& d : args.kw_defaults) {
      if (d) Expr(d.get());
    }
  }

  void Body(const ast::StmtList& body) {
    for (const auto& s : body) Stmt(s.get());
  }

  void Stmt(const ast::Stmt* s) {
    using K = ast::StmtKind;
    switch (s->kind) {
      case K::FunctionDef: {
        auto* f = static_cast<const ast::FunctionDef*>(s);
        for (const auto& d : f->decorator_list) Expr(d.get());
        Defaults(f->args);
        Mark(f->name, kDefLocal);
        Scope* saved = current_;
        current_ = Open(f, ScopeKind::kFunction, f->name);
        Params(f->args);
        Body(f->body);
        current_ = saved;
        break;
      }
      case K::ClassDef: {
        auto* c = static_cast<const ast::ClassDef*>(s);
        for (const auto& d : c->decorator_list) Expr(d.get());
        for (const auto& b : c->bases) Expr(b.get());
        for (const auto& k : c->keywords) Expr(k.value.get());
        Mark(c->name, kDefLocal);
        Scope* saved = current_;
        current_ = Open(c, ScopeKind::kClass, c->name);
        Body(c->body);
        current_ = saved;
        break;
      }
      case K::Return: {
        auto* r = static_cast<const ast::Return*>(s);
        if (r->value) Expr(r->value.get());
        break;
      }
      case K::Delete:
        for (const auto& t : static_cast<const ast::Delete*>(s)->targets) {
          Expr(t.get());
        }
        break;
      case K::Assign: {
        auto* a = static_cast<const ast::Assign*>(s);
        Expr(a->value.get());
        for (const auto& t : a->targets) Expr(t.get());
        break;
      }
      case K::AugAssign: {
        auto* a = static_cast<const ast::AugAssign*>(s);
        Expr(a->value.get());
        Expr(a->target.get());
        if (auto* n = ast::As<ast::Name>(a->target.get())) Mark(n->id, kUse);
        break;
      }
      case K::AnnAssign: {
        auto* a = static_cast<const ast::AnnAssign*>(s);
        if (a->value) Expr(a->value.get());
        Expr(a->target.get());
        break;
      }
      case K::For: {
        auto* f = static_cast<const ast::For*>(s);
        Expr(f->iter.get());
        Expr(f->target.get());
        Body(f->body);
        Body(f->orelse);
        break;
      }
      case K::While: {
        auto* w = static_cast<const ast::While*>(s);
        Expr(w->test.get());
        Body(w->body);
        Body(w->orelse);
        break;
      }
      case K::If: {
        auto* i = static_cast<const ast::If*>(s);
        Expr(i->test.get());
        Body(i->body);
        Body(i->orelse);
        break;
      }
      case K::With: {
        auto* w = static_cast<const ast::With*>(s);
        for (const auto& item : w->items) {
          Expr(item.context_expr.get());
          if (item.optional_vars) Expr(item.optional_vars.get());
        }
        Body(w->body);
        break;
      }
      case K::Raise: {
        auto* r = static_cast<const ast::Raise*>(s);
        if (r->exc) Expr(r->exc.get());
        if (r->cause) Expr(r->cause.get());
        break;
      }
      case K::Try: {
        auto* t = static_cast<const ast::Try*>(s);
        Body(t->body);
        for (const auto& h : t->handlers) {
          if (h.type) Expr(h.type.get());
          if (!h.name.empty()) Mark(h.name, kDefLocal);
          Body(h.body);
        }
        Body(t->orelse);
        Body(t->finalbody);
        break;
      }
      case K::Assert: {
        auto* a = static_cast<const ast::Assert*>(s);
        Expr(a->test.get());
        if (a->msg) Expr(a->msg.get());
        break;
      }
      case K::Import:
        for (const auto& alias : static_cast<const ast::Import*>(s)->names) {
          std::string bound = alias.asname.empty()
                                  ? alias.name.substr(0, alias.name.find('.'))
                                  : alias.asname;
          Mark(bound, kDefLocal);
        }
        break;
      case K::ImportFrom:
        for (const auto& alias : static_cast<const ast::ImportFrom*>(s)->names) {
          if (alias.name == "*") continue;
          Mark(alias.asname.empty() ? alias.name : alias.asname, kDefLocal);
        }
        break;
      case K::Global:
        for (const auto& n : static_cast<const ast::Global*>(s)->names) {
          if (current_->flags.count(n) && (current_->flags[n] & kDefParam)) {
            Fail(*s, StrCat("name '", n, "' is parameter and global"));
          }
          Mark(n, kDefGlobal);
        }
        break;
      case K::Nonlocal:
        for (const auto& n : static_cast<const ast::Nonlocal*>(s)->names) {
          if (current_->kind == ScopeKind::kModule) {
            Fail(*s, "nonlocal declaration not allowed at module level");
          } else if (current_->flags.count(n) &&
                     (current_->flags[n] & kDefParam)) {
            Fail(*s, StrCat("name '", n, "' is parameter and nonlocal"));
          }
          Mark(n, kDefNonlocal);
          current_->nonlocal_at.emplace(Mangle(current_->private_name, n), s);
        }
        break;
      case K::Expr:
        Expr(static_cast<const ast::ExprStmt*>(s)->value.get());
        break;
      case K::Pass:
      case K::Break:
      case K::Continue:
        break;
    }
  }

  void Comprehension(const ast::Expr* node, const char* name,
                     const std::vector<ast::Comprehension>& generators,
                     std::initializer_list<const ast::Expr*> elts) {
    // The first iterable is evaluated in the enclosing scope.
    Expr(generators[0].iter.get());
    Scope* saved = current_;
    current_ = Open(node, ScopeKind::kFunction, name);
    Mark(".0", kDefParam);
    current_->params.push_back(".0");
    for (size_t i = 0; i < generators.size(); ++i) {
      const auto& g = generators[i];
      if (i > 0) Expr(g.iter.get());
      Expr(g.target.get());
      for (const auto& cond : g.ifs) Expr(cond.get());
    }
    for (const ast::Expr* e : elts) Expr(e);
    if (node->kind == ast::ExprKind::GeneratorExp) current_->is_generator = true;
    current_ = saved;
  }

  void Expr(const ast::Expr* e) {
    using K = ast::ExprKind;
    switch (e->kind) {
      case K::BoolOp:
        for (const auto& v : static_cast<const ast::BoolOp*>(e)->values) {
          Expr(v.get());
        }
        break;
      case K::NamedExpr: {
        auto* n = static_cast<const ast::NamedExpr*>(e);
        Expr(n->value.get());
        Expr(n->target.get());
        break;
      }
      case K::BinOp: {
        auto* b = static_cast<const ast::BinOp*>(e);
        Expr(b->left.get());
        Expr(b->right.get());
        break;
      }
      case K::UnaryOp:
        Expr(static_cast<const ast::UnaryOp*>(e)->operand.get());
        break;
      case K::Lambda: {
        auto* l = static_cast<const ast::Lambda*>(e);
        Defaults(l->args);
        Scope* saved = current_;
        current_ = Open(l, ScopeKind::kFunction, "<lambda>");
        Params(l->args);
        Expr(l->body.get());
        current_ = saved;
        break;
      }
      case K::IfExp: {
        auto* i = static_cast<const ast::IfExp*>(e);
        Expr(i->test.get());
        Expr(i->body.get());
        Expr(i->orelse.get());
        break;
      }
      case K::Dict: {
        auto* d = static_cast<const ast::Dict*>(e);
        for (const auto& k : d->keys) {
          if (k) Expr(k.get());
        }
        for (const auto& v : d->values) Expr(v.get());
        break;
      }
      case K::Set:
        for (const auto& v : static_cast<const ast::Set*>(e)->elts) Expr(v.get());
        break;
      case K::ListComp: {
        auto* c = static_cast<const ast::ListComp*>(e);
        Comprehension(e, "<listcomp>", c->generators, {c->elt.get()});
        break;
      }
      case K::SetComp: {
        auto* c = static_cast<const ast::SetComp*>(e);
        Comprehension(e, "<setcomp>", c->generators, {c->elt.get()});
        break;
      }
      case K::DictComp: {
        auto* c = static_cast<const ast::DictComp*>(e);
        Comprehension(e, "<dictcomp>", c->generators,
                      {c->key.get(), c->value.get()});
        break;
      }
      case K::GeneratorExp: {
        auto* c = static_cast<const ast::GeneratorExp*>(e);
        Comprehension(e, "<genexpr>", c->generators, {c->elt.get()});
        break;
      }
      case K::Yield: {
        auto* y = static_cast<const ast::Yield*>(e);
        current_->is_generator = true;
        if (y->value) Expr(y->value.get());
        break;
      }
      case K::YieldFrom:
        current_->is_generator = true;
        Expr(static_cast<const ast::YieldFrom*>(e)->value.get());
        break;
      case K::Compare: {
        auto* c = static_cast<const ast::Compare*>(e);
        Expr(c->left.get());
        for (const auto& v : c->comparators) Expr(v.get());
        break;
      }
      case K::Call: {
        auto* c = static_cast<const ast::Call*>(e);
        Expr(c->func.get());
        for (const auto& a : c->args) Expr(a.get());
        for (const auto& k : c->keywords) Expr(k.value.get());
        break;
      }
      case K::FormattedValue: {
        auto* f = static_cast<const ast::FormattedValue*>(e);
        Expr(f->value.get());
        if (f->format_spec) Expr(f->format_spec.get());
        break;
      }
      case K::JoinedStr:
        for (const auto& v : static_cast<const ast::JoinedStr*>(e)->values) {
          Expr(v.get());
        }
        break;
      case K::Constant:
        break;
      case K::Attribute:
        Expr(static_cast<const ast::Attribute*>(e)->value.get());
        break;
      case K::Subscript: {
        auto* s = static_cast<const ast::Subscript*>(e);
        Expr(s->value.get());
        Expr(s->slice.get());
        break;
      }
      case K::Starred:
        Expr(static_cast<const ast::Starred*>(e)->value.get());
        break;
      case K::Name: {
        auto* n = static_cast<const ast::Name*>(e);
        Mark(n->id, n->ctx == ast::ExprContext::Load ? kUse : kDefLocal);
        // Zero-argument super() reads the implicit __class__ cell.
        if (n->id == "super" && n->ctx == ast::ExprContext::Load &&
            current_->kind == ScopeKind::kFunction) {
          Mark("__class__", kUse);
        }
        break;
      }
      case K::List:
        for (const auto& v : static_cast<const ast::List*>(e)->elts) Expr(v.get());
        break;
      case K::Tuple:
        for (const auto& v : static_cast<const ast::Tuple*>(e)->elts) Expr(v.get());
        break;
      case K::Slice: {
        auto* s = static_cast<const ast::Slice*>(e);
        if (s->lower) Expr(s->lower.get());
        if (s->upper) Expr(s->upper.get());
        if (s->step) Expr(s->step.get());
        break;
      }
    }
  }

  // Pass 2. `enclosing` holds the names bound in enclosing function scopes;
  // returns the free names this scope (or its children) need from outside.
  std::set<std::string> Resolve(Scope* scope,
                                const std::set<std::string>& enclosing) {
    std::set<std::string> bound_here;
    std::set<std::string> free;
    for (const auto& [name, f] : scope->flags) {
      NameScope ns;
      if (f & kDefGlobal) {
        ns = NameScope::kGlobalExplicit;
      } else if (f & kDefNonlocal) {
        if (!enclosing.count(name)) {
          Fail(*scope->nonlocal_at[name],
               StrCat("no binding for nonlocal '", name, "' found"));
        }
        ns = NameScope::kFree;
        free.insert(name);
      } else if (f & (kDefLocal | kDefParam)) {
        ns = scope->kind == ScopeKind::kFunction ? NameScope::kLocal
                                                 : NameScope::kNamespace;
        if (scope->kind == ScopeKind::kFunction) bound_here.insert(name);
      } else if (scope->kind != ScopeKind::kModule && enclosing.count(name)) {
        ns = NameScope::kFree;
        free.insert(name);
      } else {
        ns = scope->kind == ScopeKind::kFunction ? NameScope::kGlobalImplicit
                                                 : NameScope::kNamespace;
      }
      scope->resolved[name] = ns;
    }
    // Class bodies do not make their names visible to nested functions.
    std::set<std::string> inner = enclosing;
    if (scope->kind == ScopeKind::kFunction) {
      inner.insert(bound_here.begin(), bound_here.end());
      for (const auto& n : free) inner.insert(n);
    } else if (scope->kind == ScopeKind::kClass) {
      inner.insert("__class__");  // the cell methods' super() reads
    }
    bool class_cell = false;
    // Free variables: used here, or passing through to an inner scope.
    std::set<std::string> passthrough;
    for (auto& child : scope->children) {
      for (const std::string& name : Resolve(child.get(), inner)) {
        auto it = scope->resolved.find(name);
        bool local_here =
            scope->kind == ScopeKind::kFunction && it != scope->resolved.end() &&
            (it->second == NameScope::kLocal || it->second == NameScope::kCell);
        if (local_here) {
          it->second = NameScope::kCell;
          continue;
        }
        if (scope->kind == ScopeKind::kClass && name == "__class__") {
          class_cell = true;
          continue;
        }
        // The cell comes from further out and passes through this scope.
        free.insert(name);
        if (scope->kind == ScopeKind::kClass) {
          passthrough.insert(name);
        } else if (it == scope->resolved.end()) {
          scope->resolved[name] = NameScope::kFree;
        }
      }
    }
    for (const auto& [name, ns] : scope->resolved) {
      if (ns == NameScope::kCell) scope->cellvars.push_back(name);
      if (ns == NameScope::kFree) passthrough.insert(name);
    }
    scope->freevars.assign(passthrough.begin(), passthrough.end());
    if (class_cell) scope->cellvars.push_back("__class__");
    // Parameters come first among the local slots, in declaration order.
    if (scope->kind == ScopeKind::kFunction) {
      std::vector<std::string> ordered = scope->params;
      for (const auto& n : scope->varnames) {
        if (std::find(ordered.begin(), ordered.end(), n) == ordered.end() &&
            scope->resolved[n] == NameScope::kLocal) {
          ordered.push_back(n);
        }
      }
      scope->varnames = ordered;
    }
    return free;
  }

  SymbolTable* table_;
  Scope* current_ = nullptr;
  std::optional<SyntaxErrorInfo> error_;
};

std::optional<SyntaxErrorInfo> SymbolTable::Build(const ast::Module& module) {
  ScopeBuilder builder(this);
  return builder.Run(module);
}

}  // namespace twinpy
