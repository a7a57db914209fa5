// The syntax tree of twinpy: a mirror of CPython 3.11's `ast` module for the
// subset of the language twinpy runs (no async, no match, no type aliases).
//
// Node and field names follow CPython (CamelCase node types, snake_case
// fields), so whoever knows `ast` knows this file. Exceptions, forced by C++:
//   - the expression statement `ast.Expr` is `ExprStmt` (StmtKind::Expr);
//   - the operator enums are Operator, UnaryOperator, BoolOperator, CmpOp
//     (CPython's `operator`, `unaryop`, `boolop`, `cmpop`), because the node
//     names UnaryOp and BoolOp are taken by the nodes;
//   - optional identifiers (alias.asname, keyword.arg, ExceptHandler.name,
//     ImportFrom.module) are empty strings when absent;
//   - Constant keeps its payload in typed fields (see Constant).
//
// Ownership: every child is held by std::unique_ptr; lists are vectors. The
// consumer switches on `kind` and static_casts, or uses ast::As<T>(node).
#ifndef TWINPY_INTERP_AST_H_
#define TWINPY_INTERP_AST_H_

#include <memory>
#include <string>
#include <vector>

namespace twinpy::ast {

// Source range of a node. line/end_line are 1-based; col/end_col are 0-based
// UTF-8 byte offsets within their line, like CPython's col_offset.
struct Node {
  int line = 0;
  int col = 0;
  int end_line = 0;
  int end_col = 0;
};

enum class ExprKind {
  BoolOp,
  NamedExpr,
  BinOp,
  UnaryOp,
  Lambda,
  IfExp,
  Dict,
  Set,
  ListComp,
  SetComp,
  DictComp,
  GeneratorExp,
  Yield,
  YieldFrom,
  Compare,
  Call,
  FormattedValue,
  JoinedStr,
  Constant,
  Attribute,
  Subscript,
  Starred,
  Name,
  List,
  Tuple,
  Slice,
};

enum class StmtKind {
  FunctionDef,
  ClassDef,
  Return,
  Delete,
  Assign,
  AugAssign,
  AnnAssign,
  For,
  While,
  If,
  With,
  Raise,
  Try,
  Assert,
  Import,
  ImportFrom,
  Global,
  Nonlocal,
  Expr,
  Pass,
  Break,
  Continue,
};

enum class ExprContext { Load, Store, Del };

enum class Operator {
  Add,
  Sub,
  Mult,
  MatMult,
  Div,
  Mod,
  Pow,
  LShift,
  RShift,
  BitOr,
  BitXor,
  BitAnd,
  FloorDiv,
};

enum class UnaryOperator { Invert, Not, UAdd, USub };

enum class BoolOperator { And, Or };

enum class CmpOp { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

// The parser guarantees that no tree it returns is taller than this (in
// Expr and Stmt levels), so consumers may recurse over the tree. It is
// CPython 3.11's limit: its symbol table gives up ("maximum recursion depth
// exceeded during compilation") when statement nesting plus expression
// height passes 3000.
inline constexpr int kMaxTreeHeight = 3000;

struct Expr : Node {
  explicit Expr(ExprKind k) : kind(k) {}
  virtual ~Expr() = default;
  const ExprKind kind;
  // Height of this subtree (1 for a leaf); see kMaxTreeHeight.
  int height = 1;
  // True when the source wrote this expression inside its own parentheses,
  // e.g. `(x)` or `(a, b)`; CPython's AST does not record this.
  bool parenthesized = false;
};

struct Stmt : Node {
  explicit Stmt(StmtKind k) : kind(k) {}
  virtual ~Stmt() = default;
  const StmtKind kind;
  // Height of this subtree counting statements and expressions.
  int height = 1;
};

using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using ExprList = std::vector<ExprPtr>;
using StmtList = std::vector<StmtPtr>;

// Checked downcast: returns nullptr when `node` is null or of another kind.
template <typename T>
T* As(Expr* node) {
  return node != nullptr && node->kind == T::kKind ? static_cast<T*>(node)
                                                   : nullptr;
}
template <typename T>
const T* As(const Expr* node) {
  return node != nullptr && node->kind == T::kKind ? static_cast<const T*>(node)
                                                   : nullptr;
}
template <typename T>
T* As(Stmt* node) {
  return node != nullptr && node->kind == T::kKind ? static_cast<T*>(node)
                                                   : nullptr;
}
template <typename T>
const T* As(const Stmt* node) {
  return node != nullptr && node->kind == T::kKind ? static_cast<const T*>(node)
                                                   : nullptr;
}
template <typename T>
T* As(const std::unique_ptr<Expr>& node) {
  return As<T>(node.get());
}
template <typename T>
T* As(const std::unique_ptr<Stmt>& node) {
  return As<T>(node.get());
}

// ---------------------------------------------------------------------------
// Helper records (CPython: arg, arguments, keyword, alias, withitem,
// comprehension, excepthandler).

struct Arg : Node {
  std::string arg;
  ExprPtr annotation;  // may be null
};
using ArgPtr = std::unique_ptr<Arg>;

// `defaults` align with the tail of posonlyargs + args; `kw_defaults` has one
// entry per kwonlyarg, null where that argument has no default.
struct Arguments {
  std::vector<Arg> posonlyargs;
  std::vector<Arg> args;
  ArgPtr vararg;  // null when absent
  std::vector<Arg> kwonlyargs;
  ExprList kw_defaults;
  ArgPtr kwarg;  // null when absent
  ExprList defaults;
};

struct Keyword : Node {
  std::string arg;  // empty for `**mapping`
  ExprPtr value;
};

struct Alias : Node {
  std::string name;    // dotted name, e.g. "os.path"; "*" in `from m import *`
  std::string asname;  // empty when absent
};

struct WithItem {
  ExprPtr context_expr;
  ExprPtr optional_vars;  // may be null
};

struct Comprehension {
  ExprPtr target;
  ExprPtr iter;
  ExprList ifs;
  int is_async = 0;  // always 0 in twinpy; kept for dump parity
};

struct ExceptHandler : Node {
  ExprPtr type;      // null for a bare `except:`
  std::string name;  // empty when absent
  StmtList body;
};

// ---------------------------------------------------------------------------
// Expressions.

struct BoolOp : Expr {
  static constexpr ExprKind kKind = ExprKind::BoolOp;
  BoolOp() : Expr(kKind) {}
  BoolOperator op = BoolOperator::And;
  ExprList values;  // two or more; `a or b or c` is one node
};

struct NamedExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::NamedExpr;
  NamedExpr() : Expr(kKind) {}
  ExprPtr target;  // a Name with ctx Store
  ExprPtr value;
};

struct BinOp : Expr {
  static constexpr ExprKind kKind = ExprKind::BinOp;
  BinOp() : Expr(kKind) {}
  ExprPtr left;
  Operator op = Operator::Add;
  ExprPtr right;
};

struct UnaryOp : Expr {
  static constexpr ExprKind kKind = ExprKind::UnaryOp;
  UnaryOp() : Expr(kKind) {}
  UnaryOperator op = UnaryOperator::Not;
  ExprPtr operand;
};

struct Lambda : Expr {
  static constexpr ExprKind kKind = ExprKind::Lambda;
  Lambda() : Expr(kKind) {}
  Arguments args;
  ExprPtr body;
};

struct IfExp : Expr {
  static constexpr ExprKind kKind = ExprKind::IfExp;
  IfExp() : Expr(kKind) {}
  ExprPtr test;
  ExprPtr body;
  ExprPtr orelse;
};

struct Dict : Expr {
  static constexpr ExprKind kKind = ExprKind::Dict;
  Dict() : Expr(kKind) {}
  ExprList keys;  // a null key means `**values[i]`
  ExprList values;
};

struct Set : Expr {
  static constexpr ExprKind kKind = ExprKind::Set;
  Set() : Expr(kKind) {}
  ExprList elts;
};

struct ListComp : Expr {
  static constexpr ExprKind kKind = ExprKind::ListComp;
  ListComp() : Expr(kKind) {}
  ExprPtr elt;
  std::vector<Comprehension> generators;
};

struct SetComp : Expr {
  static constexpr ExprKind kKind = ExprKind::SetComp;
  SetComp() : Expr(kKind) {}
  ExprPtr elt;
  std::vector<Comprehension> generators;
};

struct DictComp : Expr {
  static constexpr ExprKind kKind = ExprKind::DictComp;
  DictComp() : Expr(kKind) {}
  ExprPtr key;
  ExprPtr value;
  std::vector<Comprehension> generators;
};

struct GeneratorExp : Expr {
  static constexpr ExprKind kKind = ExprKind::GeneratorExp;
  GeneratorExp() : Expr(kKind) {}
  ExprPtr elt;
  std::vector<Comprehension> generators;
};

struct Yield : Expr {
  static constexpr ExprKind kKind = ExprKind::Yield;
  Yield() : Expr(kKind) {}
  ExprPtr value;  // may be null
};

struct YieldFrom : Expr {
  static constexpr ExprKind kKind = ExprKind::YieldFrom;
  YieldFrom() : Expr(kKind) {}
  ExprPtr value;
};

struct Compare : Expr {
  static constexpr ExprKind kKind = ExprKind::Compare;
  Compare() : Expr(kKind) {}
  ExprPtr left;
  std::vector<CmpOp> ops;
  ExprList comparators;  // same length as ops
};

struct Call : Expr {
  static constexpr ExprKind kKind = ExprKind::Call;
  Call() : Expr(kKind) {}
  ExprPtr func;
  ExprList args;  // may contain Starred for `*iterable`
  std::vector<Keyword> keywords;
};

// One `{...}` replacement field of an f-string.
struct FormattedValue : Expr {
  static constexpr ExprKind kKind = ExprKind::FormattedValue;
  FormattedValue() : Expr(kKind) {}
  ExprPtr value;
  int conversion = -1;  // -1 (none), 's', 'r' or 'a'
  ExprPtr format_spec;  // a JoinedStr, or null
};

// An f-string (after implicit concatenation): Constant(Str) and
// FormattedValue parts, adjacent constant parts merged, empty ones dropped.
struct JoinedStr : Expr {
  static constexpr ExprKind kKind = ExprKind::JoinedStr;
  JoinedStr() : Expr(kKind) {}
  ExprList values;
};

enum class ConstantKind {
  None,
  True,
  False,
  Ellipsis,
  Int,
  Float,
  Imaginary,
  Str,
  Bytes,
};

// The parser does not evaluate integers: the runtime has arbitrary precision.
struct Constant : Expr {
  static constexpr ExprKind kKind = ExprKind::Constant;
  Constant() : Expr(kKind) {}
  ConstantKind value_kind = ConstantKind::None;
  // Int: digits without prefix or underscores, in base int_base (2, 8, 10 or
  // 16); hex digits may be upper or lower case. Never has a sign.
  std::string int_digits;
  int int_base = 10;
  // Float: the value; Imaginary: the imaginary part.
  double float_value = 0.0;
  // Str: the decoded text as UTF-8 (may contain lone surrogates encoded
  // WTF-8 style if the source wrote `\ud800`); Bytes: the raw bytes.
  std::string str_value;
  // CPython's Constant.kind: "u" when the (first) literal had a u prefix.
  std::string string_kind;
};

struct Attribute : Expr {
  static constexpr ExprKind kKind = ExprKind::Attribute;
  Attribute() : Expr(kKind) {}
  ExprPtr value;
  std::string attr;
  ExprContext ctx = ExprContext::Load;
};

struct Subscript : Expr {
  static constexpr ExprKind kKind = ExprKind::Subscript;
  Subscript() : Expr(kKind) {}
  ExprPtr value;
  ExprPtr slice;  // a Slice, a Tuple (possibly holding Slices), or any expr
  ExprContext ctx = ExprContext::Load;
};

struct Starred : Expr {
  static constexpr ExprKind kKind = ExprKind::Starred;
  Starred() : Expr(kKind) {}
  ExprPtr value;
  ExprContext ctx = ExprContext::Load;
};

struct Name : Expr {
  static constexpr ExprKind kKind = ExprKind::Name;
  Name() : Expr(kKind) {}
  std::string id;  // NFKC normalisation is not applied
  ExprContext ctx = ExprContext::Load;
};

struct List : Expr {
  static constexpr ExprKind kKind = ExprKind::List;
  List() : Expr(kKind) {}
  ExprList elts;
  ExprContext ctx = ExprContext::Load;
};

struct Tuple : Expr {
  static constexpr ExprKind kKind = ExprKind::Tuple;
  Tuple() : Expr(kKind) {}
  ExprList elts;
  ExprContext ctx = ExprContext::Load;
};

struct Slice : Expr {
  static constexpr ExprKind kKind = ExprKind::Slice;
  Slice() : Expr(kKind) {}
  ExprPtr lower;  // each may be null
  ExprPtr upper;
  ExprPtr step;
};

// ---------------------------------------------------------------------------
// Statements.

struct FunctionDef : Stmt {
  static constexpr StmtKind kKind = StmtKind::FunctionDef;
  FunctionDef() : Stmt(kKind) {}
  std::string name;
  Arguments args;
  StmtList body;
  ExprList decorator_list;
  ExprPtr returns;  // the return annotation, may be null; twinpy ignores it
};

struct ClassDef : Stmt {
  static constexpr StmtKind kKind = StmtKind::ClassDef;
  ClassDef() : Stmt(kKind) {}
  std::string name;
  ExprList bases;  // may contain Starred
  std::vector<Keyword> keywords;
  StmtList body;
  ExprList decorator_list;
};

struct Return : Stmt {
  static constexpr StmtKind kKind = StmtKind::Return;
  Return() : Stmt(kKind) {}
  ExprPtr value;  // may be null
};

struct Delete : Stmt {
  static constexpr StmtKind kKind = StmtKind::Delete;
  Delete() : Stmt(kKind) {}
  ExprList targets;  // ctx Del
};

struct Assign : Stmt {
  static constexpr StmtKind kKind = StmtKind::Assign;
  Assign() : Stmt(kKind) {}
  ExprList targets;  // `a = b = 1` has two; each with ctx Store
  ExprPtr value;
};

struct AugAssign : Stmt {
  static constexpr StmtKind kKind = StmtKind::AugAssign;
  AugAssign() : Stmt(kKind) {}
  ExprPtr target;  // Name, Attribute or Subscript with ctx Store
  Operator op = Operator::Add;
  ExprPtr value;
};

struct AnnAssign : Stmt {
  static constexpr StmtKind kKind = StmtKind::AnnAssign;
  AnnAssign() : Stmt(kKind) {}
  ExprPtr target;
  ExprPtr annotation;
  ExprPtr value;   // may be null
  int simple = 0;  // 1 for a bare Name target not in parentheses
};

struct For : Stmt {
  static constexpr StmtKind kKind = StmtKind::For;
  For() : Stmt(kKind) {}
  ExprPtr target;
  ExprPtr iter;
  StmtList body;
  StmtList orelse;
};

struct While : Stmt {
  static constexpr StmtKind kKind = StmtKind::While;
  While() : Stmt(kKind) {}
  ExprPtr test;
  StmtList body;
  StmtList orelse;
};

// `elif` is a nested If as the sole statement of orelse, as in CPython.
struct If : Stmt {
  static constexpr StmtKind kKind = StmtKind::If;
  If() : Stmt(kKind) {}
  ExprPtr test;
  StmtList body;
  StmtList orelse;
};

struct With : Stmt {
  static constexpr StmtKind kKind = StmtKind::With;
  With() : Stmt(kKind) {}
  std::vector<WithItem> items;
  StmtList body;
};

struct Raise : Stmt {
  static constexpr StmtKind kKind = StmtKind::Raise;
  Raise() : Stmt(kKind) {}
  ExprPtr exc;    // may be null (bare `raise`)
  ExprPtr cause;  // may be null
};

struct Try : Stmt {
  static constexpr StmtKind kKind = StmtKind::Try;
  Try() : Stmt(kKind) {}
  StmtList body;
  std::vector<ExceptHandler> handlers;
  StmtList orelse;
  StmtList finalbody;
};

struct Assert : Stmt {
  static constexpr StmtKind kKind = StmtKind::Assert;
  Assert() : Stmt(kKind) {}
  ExprPtr test;
  ExprPtr msg;  // may be null
};

struct Import : Stmt {
  static constexpr StmtKind kKind = StmtKind::Import;
  Import() : Stmt(kKind) {}
  std::vector<Alias> names;
};

struct ImportFrom : Stmt {
  static constexpr StmtKind kKind = StmtKind::ImportFrom;
  ImportFrom() : Stmt(kKind) {}
  std::string module;  // empty for `from . import x`
  std::vector<Alias> names;
  int level = 0;  // number of leading dots
};

struct Global : Stmt {
  static constexpr StmtKind kKind = StmtKind::Global;
  Global() : Stmt(kKind) {}
  std::vector<std::string> names;
};

struct Nonlocal : Stmt {
  static constexpr StmtKind kKind = StmtKind::Nonlocal;
  Nonlocal() : Stmt(kKind) {}
  std::vector<std::string> names;
};

// CPython's `ast.Expr`: an expression evaluated for its effect.
struct ExprStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Expr;
  ExprStmt() : Stmt(kKind) {}
  ExprPtr value;
};

struct Pass : Stmt {
  static constexpr StmtKind kKind = StmtKind::Pass;
  Pass() : Stmt(kKind) {}
};

struct Break : Stmt {
  static constexpr StmtKind kKind = StmtKind::Break;
  Break() : Stmt(kKind) {}
};

struct Continue : Stmt {
  static constexpr StmtKind kKind = StmtKind::Continue;
  Continue() : Stmt(kKind) {}
};

struct Module {
  StmtList body;
};

// ---------------------------------------------------------------------------
// Text form for tests and debugging: the format of CPython's
// `ast.dump(node)` (no attributes), e.g.
//   Module(body=[Expr(value=Name(id='x', ctx=Load()))], type_ignores=[])
// With include_attributes, nodes that have positions also print
// lineno/col_offset/end_lineno/end_col_offset as ast.dump does.
std::string Dump(const Module& module, bool include_attributes = false);
std::string Dump(const Expr& expr, bool include_attributes = false);
std::string Dump(const Stmt& stmt, bool include_attributes = false);

// Names as in CPython's ast module, e.g. "BinOp", "Add", "NotIn", "Load".
const char* KindName(ExprKind kind);
const char* KindName(StmtKind kind);
const char* OperatorName(Operator op);
const char* OperatorName(UnaryOperator op);
const char* OperatorName(BoolOperator op);
const char* OperatorName(CmpOp op);
const char* ContextName(ExprContext ctx);

}  // namespace twinpy::ast

#endif  // TWINPY_INTERP_AST_H_
