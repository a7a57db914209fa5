// Direct-children visitors for the syntax tree, so generic passes (tree
// height, walks in tests) need not repeat the field lists of ast.h.
#ifndef TWINPY_INTERP_AST_VISIT_H_
#define TWINPY_INTERP_AST_VISIT_H_

#include "interp/ast.h"

namespace twinpy::ast {

namespace visit_internal {

template <typename F>
void VisitArguments(const Arguments& a, F& f) {
  auto arg = [&f](const Arg& x) {
    if (x.annotation) f(x.annotation.get());
  };
  for (const Arg& x : a.posonlyargs) arg(x);
  for (const Arg& x : a.args) arg(x);
  if (a.vararg) arg(*a.vararg);
  for (const Arg& x : a.kwonlyargs) arg(x);
  for (const auto& d : a.kw_defaults) {
    if (d) f(d.get());
  }
  if (a.kwarg) arg(*a.kwarg);
  for (const auto& d : a.defaults) f(d.get());
}

template <typename F>
void VisitGenerators(const std::vector<Comprehension>& gens, F& f) {
  for (const Comprehension& c : gens) {
    f(c.target.get());
    f(c.iter.get());
    for (const auto& i : c.ifs) f(i.get());
  }
}

template <typename F>
void VisitList(const ExprList& list, F& f) {
  for (const auto& e : list) {
    if (e) f(e.get());
  }
}

}  // namespace visit_internal

// Calls f(const Expr*) for every non-null direct child expression of e, in
// field order.
template <typename F>
void ForEachChild(const Expr& e, F&& f) {
  using namespace visit_internal;
  auto opt = [&f](const ExprPtr& p) {
    if (p) f(p.get());
  };
  switch (e.kind) {
    case ExprKind::BoolOp:
      VisitList(static_cast<const BoolOp&>(e).values, f);
      break;
    case ExprKind::NamedExpr: {
      const auto& n = static_cast<const NamedExpr&>(e);
      opt(n.target);
      opt(n.value);
      break;
    }
    case ExprKind::BinOp: {
      const auto& n = static_cast<const BinOp&>(e);
      opt(n.left);
      opt(n.right);
      break;
    }
    case ExprKind::UnaryOp:
      opt(static_cast<const UnaryOp&>(e).operand);
      break;
    case ExprKind::Lambda: {
      const auto& n = static_cast<const Lambda&>(e);
      VisitArguments(n.args, f);
      opt(n.body);
      break;
    }
    case ExprKind::IfExp: {
      const auto& n = static_cast<const IfExp&>(e);
      opt(n.test);
      opt(n.body);
      opt(n.orelse);
      break;
    }
    case ExprKind::Dict: {
      const auto& n = static_cast<const Dict&>(e);
      VisitList(n.keys, f);
      VisitList(n.values, f);
      break;
    }
    case ExprKind::Set:
      VisitList(static_cast<const Set&>(e).elts, f);
      break;
    case ExprKind::ListComp: {
      const auto& n = static_cast<const ListComp&>(e);
      opt(n.elt);
      VisitGenerators(n.generators, f);
      break;
    }
    case ExprKind::SetComp: {
      const auto& n = static_cast<const SetComp&>(e);
      opt(n.elt);
      VisitGenerators(n.generators, f);
      break;
    }
    case ExprKind::GeneratorExp: {
      const auto& n = static_cast<const GeneratorExp&>(e);
      opt(n.elt);
      VisitGenerators(n.generators, f);
      break;
    }
    case ExprKind::DictComp: {
      const auto& n = static_cast<const DictComp&>(e);
      opt(n.key);
      opt(n.value);
      VisitGenerators(n.generators, f);
      break;
    }
    case ExprKind::Yield:
      opt(static_cast<const Yield&>(e).value);
      break;
    case ExprKind::YieldFrom:
      opt(static_cast<const YieldFrom&>(e).value);
      break;
    case ExprKind::Compare: {
      const auto& n = static_cast<const Compare&>(e);
      opt(n.left);
      VisitList(n.comparators, f);
      break;
    }
    case ExprKind::Call: {
      const auto& n = static_cast<const Call&>(e);
      opt(n.func);
      VisitList(n.args, f);
      for (const Keyword& k : n.keywords) opt(k.value);
      break;
    }
    case ExprKind::FormattedValue: {
      const auto& n = static_cast<const FormattedValue&>(e);
      opt(n.value);
      opt(n.format_spec);
      break;
    }
    case ExprKind::JoinedStr:
      VisitList(static_cast<const JoinedStr&>(e).values, f);
      break;
    case ExprKind::Constant:
    case ExprKind::Name:
      break;
    case ExprKind::Attribute:
      opt(static_cast<const Attribute&>(e).value);
      break;
    case ExprKind::Subscript: {
      const auto& n = static_cast<const Subscript&>(e);
      opt(n.value);
      opt(n.slice);
      break;
    }
    case ExprKind::Starred:
      opt(static_cast<const Starred&>(e).value);
      break;
    case ExprKind::List:
      VisitList(static_cast<const List&>(e).elts, f);
      break;
    case ExprKind::Tuple:
      VisitList(static_cast<const Tuple&>(e).elts, f);
      break;
    case ExprKind::Slice: {
      const auto& n = static_cast<const Slice&>(e);
      opt(n.lower);
      opt(n.upper);
      opt(n.step);
      break;
    }
  }
}

// Calls fe(const Expr*) for each direct child expression and
// fs(const Stmt*) for each direct child statement of s (bodies of except
// handlers included).
template <typename FE, typename FS>
void ForEachChild(const Stmt& s, FE&& fe, FS&& fs) {
  using namespace visit_internal;
  auto opt = [&fe](const ExprPtr& p) {
    if (p) fe(p.get());
  };
  auto body = [&fs](const StmtList& list) {
    for (const auto& c : list) fs(c.get());
  };
  switch (s.kind) {
    case StmtKind::FunctionDef: {
      const auto& n = static_cast<const FunctionDef&>(s);
      VisitArguments(n.args, fe);
      body(n.body);
      VisitList(n.decorator_list, fe);
      opt(n.returns);
      break;
    }
    case StmtKind::ClassDef: {
      const auto& n = static_cast<const ClassDef&>(s);
      VisitList(n.bases, fe);
      for (const Keyword& k : n.keywords) opt(k.value);
      body(n.body);
      VisitList(n.decorator_list, fe);
      break;
    }
    case StmtKind::Return:
      opt(static_cast<const Return&>(s).value);
      break;
    case StmtKind::Delete:
      VisitList(static_cast<const Delete&>(s).targets, fe);
      break;
    case StmtKind::Assign: {
      const auto& n = static_cast<const Assign&>(s);
      VisitList(n.targets, fe);
      opt(n.value);
      break;
    }
    case StmtKind::AugAssign: {
      const auto& n = static_cast<const AugAssign&>(s);
      opt(n.target);
      opt(n.value);
      break;
    }
    case StmtKind::AnnAssign: {
      const auto& n = static_cast<const AnnAssign&>(s);
      opt(n.target);
      opt(n.annotation);
      opt(n.value);
      break;
    }
    case StmtKind::For: {
      const auto& n = static_cast<const For&>(s);
      opt(n.target);
      opt(n.iter);
      body(n.body);
      body(n.orelse);
      break;
    }
    case StmtKind::While: {
      const auto& n = static_cast<const While&>(s);
      opt(n.test);
      body(n.body);
      body(n.orelse);
      break;
    }
    case StmtKind::If: {
      const auto& n = static_cast<const If&>(s);
      opt(n.test);
      body(n.body);
      body(n.orelse);
      break;
    }
    case StmtKind::With: {
      const auto& n = static_cast<const With&>(s);
      for (const WithItem& i : n.items) {
        opt(i.context_expr);
        opt(i.optional_vars);
      }
      body(n.body);
      break;
    }
    case StmtKind::Raise: {
      const auto& n = static_cast<const Raise&>(s);
      opt(n.exc);
      opt(n.cause);
      break;
    }
    case StmtKind::Try: {
      const auto& n = static_cast<const Try&>(s);
      body(n.body);
      for (const ExceptHandler& h : n.handlers) {
        opt(h.type);
        body(h.body);
      }
      body(n.orelse);
      body(n.finalbody);
      break;
    }
    case StmtKind::Assert: {
      const auto& n = static_cast<const Assert&>(s);
      opt(n.test);
      opt(n.msg);
      break;
    }
    case StmtKind::Expr:
      opt(static_cast<const ExprStmt&>(s).value);
      break;
    case StmtKind::Import:
    case StmtKind::ImportFrom:
    case StmtKind::Global:
    case StmtKind::Nonlocal:
    case StmtKind::Pass:
    case StmtKind::Break:
    case StmtKind::Continue:
      break;
  }
}

}  // namespace twinpy::ast

#endif  // TWINPY_INTERP_AST_VISIT_H_
