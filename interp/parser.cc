// Parser infrastructure (tokens, errors, node bookkeeping) and statements.
// Expressions are in parser_expr.cc, literals in parser_strings.cc.
#include "interp/parser.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "interp/ast_visit.h"
#include "interp/lexer.h"
#include "interp/parser_internal.h"

namespace twinpy {
namespace parser_internal {

namespace {

std::string Printf(const char* fmt, const char* a, int b = 0) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return buf;
}

bool IsAugAssign(const Token& t, ast::Operator* op) {
  if (t.type != TokenType::kOp) return false;
  switch (t.op) {
    case Op::kPlusEqual:
      *op = ast::Operator::Add;
      return true;
    case Op::kMinEqual:
      *op = ast::Operator::Sub;
      return true;
    case Op::kStarEqual:
      *op = ast::Operator::Mult;
      return true;
    case Op::kAtEqual:
      *op = ast::Operator::MatMult;
      return true;
    case Op::kSlashEqual:
      *op = ast::Operator::Div;
      return true;
    case Op::kPercentEqual:
      *op = ast::Operator::Mod;
      return true;
    case Op::kAmperEqual:
      *op = ast::Operator::BitAnd;
      return true;
    case Op::kVbarEqual:
      *op = ast::Operator::BitOr;
      return true;
    case Op::kCircumflexEqual:
      *op = ast::Operator::BitXor;
      return true;
    case Op::kLeftShiftEqual:
      *op = ast::Operator::LShift;
      return true;
    case Op::kRightShiftEqual:
      *op = ast::Operator::RShift;
      return true;
    case Op::kDoubleStarEqual:
      *op = ast::Operator::Pow;
      return true;
    case Op::kDoubleSlashEqual:
      *op = ast::Operator::FloorDiv;
      return true;
    default:
      return false;
  }
}

// Whether `e` is something CPython's `bitwise_or` rule would have parsed
// as a whole (so not a comparison, `not`, boolean op, conditional, ...).
bool IsBitwiseLevel(const ast::Expr& e) {
  if (e.parenthesized) return true;
  switch (e.kind) {
    case ast::ExprKind::Compare:
    case ast::ExprKind::BoolOp:
    case ast::ExprKind::IfExp:
    case ast::ExprKind::Lambda:
    case ast::ExprKind::NamedExpr:
    case ast::ExprKind::Yield:
    case ast::ExprKind::YieldFrom:
    case ast::ExprKind::Starred:
      return false;
    case ast::ExprKind::UnaryOp:
      return static_cast<const ast::UnaryOp&>(e).op != ast::UnaryOperator::Not;
    case ast::ExprKind::Tuple:
      return false;  // unparenthesized
    default:
      return true;
  }
}

// CPython's lookahead !(list|tuple|genexp|'True'|'None'|'False') at the
// start of `e`: finds the leftmost atom and tests it.
bool StartsWithExcludedAtom(const ast::Expr& e) {
  const ast::Expr* cur = &e;
  for (;;) {
    const ast::Expr* next = nullptr;
    if (!cur->parenthesized || cur == &e) {
      switch (cur->kind) {
        case ast::ExprKind::BinOp:
          next = static_cast<const ast::BinOp*>(cur)->left.get();
          break;
        case ast::ExprKind::Call:
          next = static_cast<const ast::Call*>(cur)->func.get();
          break;
        case ast::ExprKind::Attribute:
          next = static_cast<const ast::Attribute*>(cur)->value.get();
          break;
        case ast::ExprKind::Subscript:
          next = static_cast<const ast::Subscript*>(cur)->value.get();
          break;
        default:
          break;
      }
    }
    if (cur != &e && cur->parenthesized) next = nullptr;
    if (next == nullptr || next->line != cur->line || next->col != cur->col) {
      break;
    }
    cur = next;
  }
  switch (cur->kind) {
    case ast::ExprKind::List:
    case ast::ExprKind::GeneratorExp:
      return true;
    case ast::ExprKind::Tuple:
      return cur->parenthesized;
    case ast::ExprKind::Constant: {
      auto k = static_cast<const ast::Constant*>(cur)->value_kind;
      return !cur->parenthesized &&
             (k == ast::ConstantKind::True || k == ast::ConstantKind::False ||
              k == ast::ConstantKind::None);
    }
    default:
      return false;
  }
}

// For `target = rhs`: does `rhs` begin with a bitwise_or that is not
// followed by '=' (CPython's `bitwise_or !('='|':=')`)? Returns that
// bitwise_or, or null.
const ast::Expr* LeadingBitwiseOr(const ast::Expr& rhs, bool rhs_then_equal) {
  const ast::Expr* r = &rhs;
  for (;;) {
    if (r->parenthesized) break;
    if (r->kind == ast::ExprKind::Tuple) {
      const auto& t = static_cast<const ast::Tuple&>(*r);
      if (t.elts.empty()) return nullptr;
      r = t.elts[0].get();
      continue;
    }
    if (r->kind == ast::ExprKind::Compare) {
      r = static_cast<const ast::Compare*>(r)->left.get();
      continue;
    }
    if (r->kind == ast::ExprKind::BoolOp) {
      r = static_cast<const ast::BoolOp*>(r)->values[0].get();
      continue;
    }
    if (r->kind == ast::ExprKind::IfExp) {
      r = static_cast<const ast::IfExp*>(r)->body.get();
      continue;
    }
    break;
  }
  if (!IsBitwiseLevel(*r)) return nullptr;
  if (r == &rhs && rhs_then_equal) return nullptr;
  return r;
}

}  // namespace

// ---------------------------------------------------------------------------
// Construction.

Parser::Parser(const SourceText& source, LexResult* lex,
               std::string_view filename, int depth)
    : src_(source),
      toks_(lex->tokens),
      lex_error_(lex->error),
      filename_(filename),
      depth_(depth) {}

RecursionGuard::RecursionGuard(Parser* p, int weight) : p_(p), weight_(weight) {
  p->depth_ += weight;
  if (p->depth_ > kMaxRecursionDepth) p->RaiseTooDeep();
}

// ---------------------------------------------------------------------------
// Tokens.

const Token& Parser::Tok(int k) {
  size_t i = pos_ + static_cast<size_t>(k);
  if (i >= toks_.size()) i = toks_.size() - 1;
  if (i > max_pos_) max_pos_ = i;
  if (i > max_fetch_) max_fetch_ = i;
  const Token& t = toks_[i];
  if (t.type == TokenType::kError) RaiseLexError();
  return t;
}

const Token& Parser::Advance() {
  const Token& t = Tok();
  if (pos_ + 1 < toks_.size()) ++pos_;
  if (t.type != TokenType::kNewline && t.type != TokenType::kIndent &&
      t.type != TokenType::kDedent && t.type != TokenType::kEndMarker) {
    last_end_line_ = t.end_line;
    last_end_col_ = t.end_col;
  }
  return t;
}

bool Parser::AcceptOp(Op op) {
  if (!AtOp(op)) return false;
  Advance();
  return true;
}

bool Parser::AcceptKw(Kw kw) {
  if (!AtKw(kw)) return false;
  Advance();
  return true;
}

const Token& Parser::ExpectOp(Op op) {
  if (!AtOp(op)) Fail();
  return Advance();
}

const Token& Parser::ExpectKw(Kw kw) {
  if (!AtKw(kw)) Fail();
  return Advance();
}

const Token& Parser::ExpectForced(Op op, const char* text) {
  if (!AtOp(op)) {
    RaiseAtToken(Tok(), std::string("expected '") + text + "'");
  }
  return Advance();
}

std::string Parser::ExpectName() {
  if (!AtName()) Fail();
  return std::string(Advance().text);
}

// ---------------------------------------------------------------------------
// Errors.

void Parser::Fail() {
  const Token& t = toks_[max_pos_];
  if (t.type == TokenType::kIndent || t.type == TokenType::kDedent) {
    // CPython returns before looking for tokenizer errors further on.
    lex_priority_ = false;
    RaiseAtToken(t,
                 t.type == TokenType::kIndent ? "unexpected indent"
                                              : "unexpected unindent",
                 "IndentationError");
  }
  next_error_generic_ = true;
  if (t.err_col != t.col + 1) {
    // A token without a start (ENDMARKER): CPython's offset is 0 here.
    Raise("SyntaxError", "invalid syntax", t.line, 0, t.line, 0);
  }
  RaiseAtToken(t, "invalid syntax");
}

void Parser::RaiseLast(const std::string& msg, const char* type) {
  RaiseAtToken(toks_[max_pos_], msg, type);
}

void Parser::RaiseAtToken(const Token& t, const std::string& msg,
                          const char* type) {
  bool has_start = t.err_col == t.col + 1;
  Raise(type, msg, t.line, t.err_col, has_start ? t.end_line : t.line,
        has_start ? t.end_col + 1 : 0);
}

void Parser::RaiseAtNode(const ast::Node& n, const std::string& msg,
                         const char* type) {
  Raise(type, msg, n.line, n.col + 1, n.end_line, n.end_col + 1);
}

void Parser::RaiseRange(const ast::Node& a, const ast::Node& b,
                        const std::string& msg) {
  Raise("SyntaxError", msg, a.line, a.col + 1, b.end_line, b.end_col + 1);
}

void Parser::Raise(const char* type, const std::string& msg, int line, int col,
                   int end_line, int end_col) {
  SyntaxErrorInfo info;
  info.type = type;
  info.msg = fstring_mode_ ? "f-string: " + msg : msg;
  int base = fstring_mode_ ? fstring_first_line_ - 1 : 0;
  if (fstring_mode_) {
    // CPython 3.11 reports f-string field errors relative to "(field)".
    if (line == fstring_first_line_) col -= fstring_col_shift_;
    if (end_line == fstring_first_line_) end_col -= fstring_col_shift_;
  }
  info.line = line;
  info.col = src_.CharOffset(line - base, col);
  info.end_line = end_line;
  info.end_col = end_col > 0 ? src_.CharOffset(end_line - base, end_col) : 0;
  info.text = std::string(src_.Line(line - base));
  RaiseInfo(std::move(info));
}

void Parser::RaiseInfo(SyntaxErrorInfo info) {
  error_generic_ = next_error_generic_;
  next_error_generic_ = false;
  // CPython tokenizes the rest of the file after a parser error: a
  // tokenizer error found there wins, and so does a bracket left open on
  // an earlier line.
  if (lex_error_ && lex_priority_) {
    if (lex_error_->kind == LexErrorKind::kHard) {
      error_generic_ = false;
      error_ = lex_error_->info;
      throw ParseAbort{};
    }
    if (lex_error_->kind == LexErrorKind::kEof &&
        lex_error_->open_paren_level > 0 &&
        lex_error_->open_paren_line < toks_[max_fetch_].line) {
      RaiseLexError();
    }
  }
  error_ = std::move(info);
  throw ParseAbort{};
}

void Parser::RaiseLexError() {
  const LexError& e = *lex_error_;
  lex_error_hit_ = true;
  error_generic_ = next_error_generic_ = false;
  if (e.kind == LexErrorKind::kEof && e.open_paren_level > 0) {
    SyntaxErrorInfo info;
    info.type = "SyntaxError";
    info.msg = std::string("'") + e.open_paren + "' was never closed";
    int base = fstring_mode_ ? fstring_first_line_ - 1 : 0;
    info.line = e.open_paren_line;
    info.col = src_.CharOffset(e.open_paren_line - base, e.open_paren_col + 1);
    info.end_line = e.open_paren_line;
    info.end_col = 0;
    info.text = std::string(src_.Line(e.open_paren_line - base));
    error_ = std::move(info);
  } else {
    error_ = e.info;
  }
  throw ParseAbort{};
}

// CPython's parser gives up with a bare MemoryError when its own stack of
// rule calls overflows (prefix chains such as `not not ... x`).
void Parser::RaiseTooDeep() {
  SyntaxErrorInfo info;
  info.type = "MemoryError";
  info.line = toks_[std::min(pos_, toks_.size() - 1)].line;
  info.located = false;
  error_ = std::move(info);
  error_generic_ = next_error_generic_ = false;
  throw ParseAbort{};
}

// A tree too tall for the passes that recurse over it: CPython's symbol
// table and compiler raise RecursionError at about the same height.
void Parser::RaiseTooTall() {
  SyntaxErrorInfo info;
  info.type = "RecursionError";
  info.msg = "maximum recursion depth exceeded during compilation";
  info.line = toks_[std::min(pos_, toks_.size() - 1)].line;
  info.located = false;
  error_ = std::move(info);
  error_generic_ = next_error_generic_ = false;
  throw ParseAbort{};
}

// ---------------------------------------------------------------------------
// Node bookkeeping.

void Parser::UpdateHeight(ast::Expr* e) {
  int h = 0;
  ast::ForEachChild(*e,
                    [&h](const ast::Expr* c) { h = std::max(h, c->height); });
  e->height = h + 1;
  if (e->height > ast::kMaxTreeHeight) RaiseTooTall();
}

void Parser::UpdateHeight(ast::Stmt* s) {
  int h = 0;
  ast::ForEachChild(
      *s, [&h](const ast::Expr* c) { h = std::max(h, c->height); },
      [&h](const ast::Stmt* c) { h = std::max(h, c->height); });
  s->height = h + 1;
  if (s->height > ast::kMaxTreeHeight) RaiseTooTall();
}

void Parser::Finish(ast::Expr* e) {
  EndAtLast(e);
  UpdateHeight(e);
}

void Parser::Finish(ast::Stmt* s) {
  EndAtLast(s);
  UpdateHeight(s);
}

void Parser::FinishAt(ast::Expr* e, const ast::Node& end) {
  e->end_line = end.end_line;
  e->end_col = end.end_col;
  UpdateHeight(e);
}

// ---------------------------------------------------------------------------
// Target helpers.

const char* Parser::ExprName(const ast::Expr& e) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Attribute:
      return "attribute";
    case K::Subscript:
      return "subscript";
    case K::Starred:
      return "starred";
    case K::Name:
      return "name";
    case K::List:
      return "list";
    case K::Tuple:
      return "tuple";
    case K::Lambda:
      return "lambda";
    case K::Call:
      return "function call";
    case K::BoolOp:
    case K::BinOp:
    case K::UnaryOp:
      return "expression";
    case K::GeneratorExp:
      return "generator expression";
    case K::Yield:
    case K::YieldFrom:
      return "yield expression";
    case K::ListComp:
      return "list comprehension";
    case K::SetComp:
      return "set comprehension";
    case K::DictComp:
      return "dict comprehension";
    case K::Dict:
      return "dict literal";
    case K::Set:
      return "set display";
    case K::JoinedStr:
    case K::FormattedValue:
      return "f-string expression";
    case K::Constant:
      switch (static_cast<const ast::Constant&>(e).value_kind) {
        case ast::ConstantKind::None:
          return "None";
        case ast::ConstantKind::True:
          return "True";
        case ast::ConstantKind::False:
          return "False";
        case ast::ConstantKind::Ellipsis:
          return "ellipsis";
        default:
          return "literal";
      }
    case K::Compare:
      return "comparison";
    case K::IfExp:
      return "conditional expression";
    case K::NamedExpr:
      return "named expression";
    case K::Slice:
      return "slice";
  }
  return "expression";
}

const ast::Expr* Parser::InvalidTarget(const ast::Expr* e, TargetKind kind) {
  if (e == nullptr) return nullptr;
  switch (e->kind) {
    case ast::ExprKind::List:
      for (const auto& c : static_cast<const ast::List*>(e)->elts) {
        if (const ast::Expr* bad = InvalidTarget(c.get(), kind)) return bad;
      }
      return nullptr;
    case ast::ExprKind::Tuple:
      for (const auto& c : static_cast<const ast::Tuple*>(e)->elts) {
        if (const ast::Expr* bad = InvalidTarget(c.get(), kind)) return bad;
      }
      return nullptr;
    case ast::ExprKind::Starred:
      if (kind == TargetKind::kDel) return e;
      return InvalidTarget(static_cast<const ast::Starred*>(e)->value.get(),
                           kind);
    case ast::ExprKind::Compare:
      if (kind == TargetKind::kFor) {
        const auto* c = static_cast<const ast::Compare*>(e);
        if (c->ops[0] == ast::CmpOp::In) {
          return InvalidTarget(c->left.get(), kind);
        }
        return nullptr;
      }
      return e;
    case ast::ExprKind::Name:
    case ast::ExprKind::Subscript:
    case ast::ExprKind::Attribute:
      return nullptr;
    default:
      return e;
  }
}

void Parser::SetContext(ast::Expr* e, ast::ExprContext ctx) {
  switch (e->kind) {
    case ast::ExprKind::Name:
      static_cast<ast::Name*>(e)->ctx = ctx;
      break;
    case ast::ExprKind::Attribute:
      static_cast<ast::Attribute*>(e)->ctx = ctx;
      break;
    case ast::ExprKind::Subscript:
      static_cast<ast::Subscript*>(e)->ctx = ctx;
      break;
    case ast::ExprKind::Starred: {
      auto* s = static_cast<ast::Starred*>(e);
      s->ctx = ctx;
      SetContext(s->value.get(), ctx);
      break;
    }
    case ast::ExprKind::List: {
      auto* l = static_cast<ast::List*>(e);
      l->ctx = ctx;
      for (auto& c : l->elts) SetContext(c.get(), ctx);
      break;
    }
    case ast::ExprKind::Tuple: {
      auto* t = static_cast<ast::Tuple*>(e);
      t->ctx = ctx;
      for (auto& c : t->elts) SetContext(c.get(), ctx);
      break;
    }
    default:
      break;
  }
}

// ---------------------------------------------------------------------------
// Entry points.

std::unique_ptr<ast::Module> Parser::ParseFile() {
  try {
    auto module = std::make_unique<ast::Module>();
    while (!AtType(TokenType::kEndMarker)) ParseStatement(&module->body);
    return module;
  } catch (const ParseAbort&) {
    return nullptr;
  }
}

ast::ExprPtr Parser::ParseEvalInput() {
  try {
    ast::ExprPtr e = ParseStarExpressions();
    while (AtType(TokenType::kNewline)) Advance();
    if (!AtType(TokenType::kEndMarker)) Fail();
    return e;
  } catch (const ParseAbort&) {
    return nullptr;
  }
}

ast::ExprPtr Parser::ParseFStringField() {
  try {
    // The field was wrapped as "(" text ")" and, as in CPython, the whole
    // is parsed as star_expressions (so `{a, b}` is a tuple, `{*a}` an
    // error, and the parentheses count in positions).
    ast::ExprPtr e = ParseStarExpressions();
    if (!AtType(TokenType::kNewline) && !AtType(TokenType::kEndMarker)) {
      Fail();
    }
    return e;
  } catch (const ParseAbort&) {
    return nullptr;
  }
}

// ---------------------------------------------------------------------------
// Statements.

void Parser::ParseStatement(ast::StmtList* out) {
  RecursionGuard guard(this, 6);
  const Token& t = Tok();
  if (t.type == TokenType::kName) {
    switch (t.kw) {
      case Kw::kDef:
      case Kw::kIf:
      case Kw::kClass:
      case Kw::kWith:
      case Kw::kFor:
      case Kw::kTry:
      case Kw::kWhile:
        out->push_back(ParseCompound());
        return;
      default:
        break;
    }
  } else if (t.type == TokenType::kOp && t.op == Op::kAt) {
    out->push_back(ParseDecorated());
    return;
  }
  ParseSimpleStatements(out);
}

void Parser::ParseSimpleStatements(ast::StmtList* out) {
  for (;;) {
    out->push_back(ParseSimpleStatement());
    if (AcceptOp(Op::kSemi)) {
      if (AtType(TokenType::kNewline)) break;
      continue;
    }
    break;
  }
  if (!AtType(TokenType::kNewline)) Fail();
  Advance();
}

ast::StmtPtr Parser::ParseSimpleStatement() {
  const Token& t = Tok();
  if (t.type == TokenType::kName) {
    switch (t.kw) {
      case Kw::kReturn:
        return ParseReturn();
      case Kw::kImport:
        return ParseImport();
      case Kw::kFrom:
        return ParseImportFrom();
      case Kw::kRaise:
        return ParseRaise();
      case Kw::kPass: {
        auto s = NewAt<ast::Pass>(Advance());
        Finish(s.get());
        return s;
      }
      case Kw::kBreak: {
        auto s = NewAt<ast::Break>(Advance());
        Finish(s.get());
        return s;
      }
      case Kw::kContinue: {
        auto s = NewAt<ast::Continue>(Advance());
        Finish(s.get());
        return s;
      }
      case Kw::kDel:
        return ParseDel();
      case Kw::kGlobal:
      case Kw::kNonlocal:
        return ParseGlobalOrNonlocal();
      case Kw::kAssert:
        return ParseAssert();
      default:
        break;
    }
  }
  return ParseExpressionStatement();
}

void Parser::CheckAnnTarget(const ast::Expr& target) {
  switch (target.kind) {
    case ast::ExprKind::Name:
    case ast::ExprKind::Attribute:
    case ast::ExprKind::Subscript:
      return;
    case ast::ExprKind::Tuple:
      if (!target.parenthesized) {
        RaiseAtNode(*static_cast<const ast::Tuple&>(target).elts[0],
                    "only single target (not tuple) can be annotated");
      }
      RaiseAtNode(target, "only single target (not tuple) can be annotated");
    case ast::ExprKind::List:
      RaiseAtNode(target, "only single target (not list) can be annotated");
    default:
      RaiseAtNode(target, "illegal target for annotation");
  }
}

void Parser::CheckAssignTargets(ast::ExprList& targets,
                                const ast::Expr& value) {
  size_t n = targets.size();
  for (size_t i = 0; i < n; ++i) {
    const ast::Expr& t = *targets[i];
    if ((t.kind == ast::ExprKind::Yield ||
         t.kind == ast::ExprKind::YieldFrom) &&
        !t.parenthesized) {
      RaiseAtNode(t, "assignment to yield expression not possible");
    }
    const ast::Expr* bad = InvalidTarget(&t, TargetKind::kStar);
    if (bad == nullptr) continue;
    // CPython's second pass tries invalid_named_expression on the first
    // target before complaining about the invalid one.
    const ast::Expr& t0 = *targets[0];
    const ast::Expr& rhs = n > 1 ? *targets[1] : value;
    const ast::Expr* r0 = LeadingBitwiseOr(rhs, n > 1);
    if (r0 != nullptr) {
      const ast::Expr* cand = &t0;
      if (t0.kind == ast::ExprKind::Tuple && !t0.parenthesized) {
        cand = static_cast<const ast::Tuple&>(t0).elts.back().get();
      }
      if (cand->kind == ast::ExprKind::Name && !cand->parenthesized) {
        RaiseRange(*cand, *r0,
                   "invalid syntax. Maybe you meant '==' or ':=' instead of "
                   "'='?");
      }
      if (IsBitwiseLevel(*cand) && !StartsWithExcludedAtom(*cand) &&
          InvalidTarget(cand, TargetKind::kStar) != nullptr) {
        RaiseAtNode(*cand,
                    Printf("cannot assign to %s here. Maybe you meant '==' "
                           "instead of '='?",
                           ExprName(*cand)));
      }
    }
    RaiseAtNode(*bad, Printf("cannot assign to %s", ExprName(*bad)));
  }
}

ast::StmtPtr Parser::ParseExpressionStatement() {
  const Token& start = Tok();
  ast::ExprPtr first = ParseYieldOrStarExpressions();
  ast::Operator aug_op;
  if (AtOp(Op::kColonEqual) && first->kind != ast::ExprKind::Name &&
      first->kind != ast::ExprKind::Tuple) {
    if (Speculate([&] {
          Advance();
          ParseExpression();
        })) {
      RaiseAtNode(*first, Printf("cannot use assignment expressions with %s",
                                 ExprName(*first)));
    }
  }
  if (AtOp(Op::kColon)) {
    bool target_ok = first->kind == ast::ExprKind::Name ||
                     first->kind == ast::ExprKind::Attribute ||
                     first->kind == ast::ExprKind::Subscript;
    if (!first->parenthesized && (first->kind == ast::ExprKind::Yield ||
                                  first->kind == ast::ExprKind::YieldFrom ||
                                  first->kind == ast::ExprKind::Starred)) {
      Fail();  // not an `expression`: no invalid_* rule applies
    }
    if (!target_ok) {
      // CPython only reads past the ':' (second pass) to complain about
      // the target once an annotation follows.
      if (!Speculate([&] {
            Advance();
            ParseExpression();
          })) {
        Fail();
      }
      CheckAnnTarget(*first);
    }
    Advance();
    auto s = NewAt<ast::AnnAssign>(start);
    s->annotation = ParseExpression();
    CheckAnnTarget(*first);
    s->simple = first->kind == ast::ExprKind::Name && !first->parenthesized;
    SetContext(first.get(), ast::ExprContext::Store);
    s->target = std::move(first);
    if (AcceptOp(Op::kEqual)) s->value = ParseYieldOrStarExpressions();
    Finish(s.get());
    return s;
  }
  if (AtOp(Op::kEqual)) {
    auto s = NewAt<ast::Assign>(start);
    s->targets.push_back(std::move(first));
    ast::ExprPtr value;
    while (AcceptOp(Op::kEqual)) {
      if (value) s->targets.push_back(std::move(value));
      try {
        value = ParseYieldOrStarExpressions();
      } catch (const ParseAbort&) {
        // CPython's invalid_assignment needs only `target =`.
        if (!error_generic_) throw;
        for (const auto& t : s->targets) {
          if (const ast::Expr* bad =
                  InvalidTarget(t.get(), TargetKind::kStar)) {
            error_generic_ = false;
            RaiseAtNode(*bad, Printf("cannot assign to %s", ExprName(*bad)));
          }
        }
        throw;
      }
    }
    CheckAssignTargets(s->targets, *value);
    for (auto& t : s->targets) SetContext(t.get(), ast::ExprContext::Store);
    s->value = std::move(value);
    Finish(s.get());
    return s;
  }
  if (IsAugAssign(Tok(), &aug_op)) {
    if (!first->parenthesized && (first->kind == ast::ExprKind::Yield ||
                                  first->kind == ast::ExprKind::YieldFrom ||
                                  first->kind == ast::ExprKind::Starred)) {
      Fail();  // not a star_expressions: no invalid_* rule applies
    }
    switch (first->kind) {
      case ast::ExprKind::Name:
      case ast::ExprKind::Attribute:
      case ast::ExprKind::Subscript:
        break;
      default:
        if (!Speculate([&] {
              Advance();
              ParseYieldOrStarExpressions();
            })) {
          Fail();
        }
        RaiseAtNode(*first,
                    Printf("'%s' is an illegal expression for augmented "
                           "assignment",
                           ExprName(*first)));
    }
    Advance();
    auto s = NewAt<ast::AugAssign>(start);
    SetContext(first.get(), ast::ExprContext::Store);
    s->target = std::move(first);
    s->op = aug_op;
    s->value = ParseYieldOrStarExpressions();
    Finish(s.get());
    return s;
  }
  auto s = NewAt<ast::ExprStmt>(start);
  s->value = std::move(first);
  Finish(s.get());
  return s;
}

ast::StmtPtr Parser::ParseReturn() {
  auto s = NewAt<ast::Return>(Advance());
  if (!AtType(TokenType::kNewline) && !AtOp(Op::kSemi)) {
    s->value = ParseStarExpressions();
  }
  Finish(s.get());
  return s;
}

ast::StmtPtr Parser::ParseRaise() {
  auto s = NewAt<ast::Raise>(Advance());
  if (!AtType(TokenType::kNewline) && !AtOp(Op::kSemi)) {
    s->exc = ParseExpression();
    if (AcceptKw(Kw::kFrom)) s->cause = ParseExpression();
  }
  Finish(s.get());
  return s;
}

ast::StmtPtr Parser::ParseAssert() {
  auto s = NewAt<ast::Assert>(Advance());
  s->test = ParseExpression();
  if (AcceptOp(Op::kComma)) s->msg = ParseExpression();
  Finish(s.get());
  return s;
}

ast::StmtPtr Parser::ParseGlobalOrNonlocal() {
  const Token& kw = Advance();
  std::vector<std::string> names;
  names.push_back(ExpectName());
  while (AcceptOp(Op::kComma)) names.push_back(ExpectName());
  if (kw.kw == Kw::kGlobal) {
    auto s = NewAt<ast::Global>(kw);
    s->names = std::move(names);
    Finish(s.get());
    return s;
  }
  auto s = NewAt<ast::Nonlocal>(kw);
  s->names = std::move(names);
  Finish(s.get());
  return s;
}

ast::StmtPtr Parser::ParseDel() {
  auto s = NewAt<ast::Delete>(Advance());
  ast::ExprPtr e = ParseStarExpressions();
  if (e->kind == ast::ExprKind::Tuple && !e->parenthesized) {
    for (auto& c : static_cast<ast::Tuple*>(e.get())->elts) {
      s->targets.push_back(std::move(c));
    }
  } else {
    s->targets.push_back(std::move(e));
  }
  for (auto& t : s->targets) {
    if (const ast::Expr* bad = InvalidTarget(t.get(), TargetKind::kDel)) {
      RaiseAtNode(*bad, Printf("cannot delete %s", ExprName(*bad)));
    }
    SetContext(t.get(), ast::ExprContext::Del);
  }
  if (!AtType(TokenType::kNewline) && !AtOp(Op::kSemi)) Fail();
  Finish(s.get());
  return s;
}

std::string Parser::ParseDottedName() {
  std::string name = ExpectName();
  while (AtOp(Op::kDot)) {
    Advance();
    name += '.';
    name += ExpectName();
  }
  return name;
}

ast::Alias Parser::ParseAlias(bool dotted) {
  const Token& start = Tok();
  ast::Alias a;
  a.line = start.line;
  a.col = start.col;
  a.name = dotted ? ParseDottedName() : ExpectName();
  if (AcceptKw(Kw::kAs)) a.asname = ExpectName();
  EndAtLast(&a);
  return a;
}

ast::StmtPtr Parser::ParseImport() {
  auto s = NewAt<ast::Import>(Advance());
  s->names.push_back(ParseAlias(true));
  while (AcceptOp(Op::kComma)) s->names.push_back(ParseAlias(true));
  Finish(s.get());
  return s;
}

ast::StmtPtr Parser::ParseImportFrom() {
  auto s = NewAt<ast::ImportFrom>(Advance());
  for (;;) {
    if (AtOp(Op::kDot)) {
      s->level += 1;
    } else if (AtOp(Op::kEllipsis)) {
      s->level += 3;
    } else {
      break;
    }
    Advance();
  }
  if (s->level == 0 || !AtKw(Kw::kImport)) s->module = ParseDottedName();
  ExpectKw(Kw::kImport);
  if (AtOp(Op::kStar)) {
    const Token& star = Advance();
    ast::Alias a;
    a.line = star.line;
    a.col = star.col;
    a.name = "*";
    EndAtLast(&a);
    s->names.push_back(std::move(a));
  } else if (AcceptOp(Op::kLpar)) {
    s->names.push_back(ParseAlias(false));
    while (AcceptOp(Op::kComma)) {
      if (AtOp(Op::kRpar)) break;
      s->names.push_back(ParseAlias(false));
    }
    ExpectOp(Op::kRpar);
  } else {
    s->names.push_back(ParseAlias(false));
    while (AcceptOp(Op::kComma)) {
      if (AtType(TokenType::kNewline)) {
        RaiseLast("trailing comma not allowed without surrounding parentheses");
      }
      s->names.push_back(ParseAlias(false));
    }
  }
  Finish(s.get());
  return s;
}

// ---------------------------------------------------------------------------
// Compound statements.

ast::StmtList Parser::ParseBlock(const char* what, int line) {
  ast::StmtList body;
  if (AtType(TokenType::kNewline)) {
    Advance();
    if (!AtType(TokenType::kIndent)) {
      char buf[160];
      if (what == nullptr) {
        RaiseLast("expected an indented block", "IndentationError");
      }
      std::snprintf(buf, sizeof buf,
                    "expected an indented block after %s on line %d", what,
                    line);
      RaiseLast(buf, "IndentationError");
    }
    Advance();
    do {
      ParseStatement(&body);
    } while (!AtType(TokenType::kDedent));
    Advance();
    return body;
  }
  ParseSimpleStatements(&body);
  return body;
}

ast::StmtPtr Parser::ParseCompound() {
  switch (Tok().kw) {
    case Kw::kIf:
      return ParseIf();
    case Kw::kWhile:
      return ParseWhile();
    case Kw::kFor:
      return ParseFor();
    case Kw::kWith:
      return ParseWith();
    case Kw::kTry:
      return ParseTry();
    case Kw::kDef:
      return ParseFunctionDef({}, Tok());
    case Kw::kClass:
      return ParseClassDef({}, Tok());
    default:
      Fail();
  }
}

ast::StmtPtr Parser::ParseIf() {
  // An elif chain is built iteratively: each elif becomes an If nested in
  // the orelse of the previous one.
  std::vector<std::unique_ptr<ast::If>> chain;
  bool is_elif = false;
  do {
    const Token& kw = Advance();
    auto node = NewAt<ast::If>(kw);
    node->test = ParseNamedExpression();
    if (AtType(TokenType::kNewline)) RaiseLast("expected ':'");
    ExpectOp(Op::kColon);
    node->body =
        ParseBlock(is_elif ? "'elif' statement" : "'if' statement", kw.line);
    chain.push_back(std::move(node));
    is_elif = true;
  } while (AtKw(Kw::kElif));
  if (AtKw(Kw::kElse)) {
    const Token& kw = Advance();
    ExpectForced(Op::kColon, ":");
    chain.back()->orelse = ParseBlock("'else' statement", kw.line);
  }
  for (size_t i = chain.size(); i-- > 1;) {
    Finish(chain[i].get());
    chain[i - 1]->orelse.push_back(std::move(chain[i]));
  }
  Finish(chain[0].get());
  return std::move(chain[0]);
}

ast::StmtPtr Parser::ParseWhile() {
  const Token& kw = Advance();
  auto node = NewAt<ast::While>(kw);
  node->test = ParseNamedExpression();
  if (AtType(TokenType::kNewline)) RaiseLast("expected ':'");
  ExpectOp(Op::kColon);
  node->body = ParseBlock("'while' statement", kw.line);
  if (AtKw(Kw::kElse)) {
    const Token& ekw = Advance();
    ExpectForced(Op::kColon, ":");
    node->orelse = ParseBlock("'else' statement", ekw.line);
  }
  Finish(node.get());
  return node;
}

ast::StmtPtr Parser::ParseFor() {
  const Token& kw = Advance();
  auto node = NewAt<ast::For>(kw);
  node->target = ParseStarTargetsForLoop();
  ExpectKw(Kw::kIn);
  node->iter = ParseStarExpressions();
  if (AtType(TokenType::kNewline)) RaiseLast("expected ':'");
  ExpectOp(Op::kColon);
  node->body = ParseBlock("'for' statement", kw.line);
  if (AtKw(Kw::kElse)) {
    const Token& ekw = Advance();
    ExpectForced(Op::kColon, ":");
    node->orelse = ParseBlock("'else' statement", ekw.line);
  }
  Finish(node.get());
  return node;
}

std::vector<ast::WithItem> Parser::ParseWithItems(bool parenthesized) {
  std::vector<ast::WithItem> items;
  for (;;) {
    ast::WithItem item;
    item.context_expr = ParseExpression();
    if (AcceptKw(Kw::kAs)) {
      ast::ExprPtr target;
      if (AtOp(Op::kStar)) {
        const Token& star = Advance();
        auto s = NewAt<ast::Starred>(star);
        s->value = ParseExpression();
        Finish(s.get());
        target = std::move(s);
      } else {
        target = ParseExpression();
      }
      if (const ast::Expr* bad =
              InvalidTarget(target.get(), TargetKind::kStar)) {
        if (AtOp(Op::kComma) || AtOp(Op::kRpar) || AtOp(Op::kColon)) {
          RaiseAtNode(*bad, Printf("cannot assign to %s", ExprName(*bad)));
        }
        Fail();
      }
      SetContext(target.get(), ast::ExprContext::Store);
      item.optional_vars = std::move(target);
    }
    items.push_back(std::move(item));
    if (!AcceptOp(Op::kComma)) break;
    if (parenthesized && AtOp(Op::kRpar)) break;
  }
  return items;
}

ast::StmtPtr Parser::ParseWith() {
  const Token& kw = Advance();
  auto node = NewAt<ast::With>(kw);
  bool done = false;
  if (AtOp(Op::kLpar)) {
    // `with (a as b, c):` -- tried first, as in CPython's grammar; falls
    // back to a parenthesized expression such as `with (a, b) as c:`.
    size_t saved_pos = pos_;
    int saved_line = last_end_line_, saved_col = last_end_col_;
    try {
      Advance();
      NoInScope no_in(this, false);
      std::vector<ast::WithItem> items = ParseWithItems(true);
      ExpectOp(Op::kRpar);
      if (!AtOp(Op::kColon)) throw ParseAbort{};
      node->items = std::move(items);
      done = true;
    } catch (const ParseAbort&) {
      // max_pos_ keeps the furthest token seen: CPython reports generic
      // errors there.
      if (lex_error_hit_) throw;
      error_.reset();
      pos_ = saved_pos;
      last_end_line_ = saved_line;
      last_end_col_ = saved_col;
    }
  }
  if (!done) node->items = ParseWithItems(false);
  if (AtType(TokenType::kNewline)) RaiseLast("expected ':'");
  ExpectOp(Op::kColon);
  node->body = ParseBlock("'with' statement", kw.line);
  Finish(node.get());
  return node;
}

void Parser::ParseExceptHandlers(ast::Try* node) {
  while (AtKw(Kw::kExcept)) {
    const Token& kw = Advance();
    ast::ExceptHandler h;
    h.line = kw.line;
    h.col = kw.col;
    if (AtType(TokenType::kNewline)) RaiseLast("expected ':'");
    if (!AtOp(Op::kColon)) {
      h.type = ParseExpression();
      if (AtOp(Op::kComma)) {
        Raise("SyntaxError", "multiple exception types must be parenthesized",
              h.type->line, h.type->col + 1, 0, 0);
      }
      if (AcceptKw(Kw::kAs)) h.name = ExpectName();
    }
    if (AtType(TokenType::kNewline)) RaiseLast("expected ':'");
    ExpectOp(Op::kColon);
    h.body = ParseBlock("'except' statement", kw.line);
    EndAtLast(&h);
    node->handlers.push_back(std::move(h));
  }
}

ast::StmtPtr Parser::ParseTry() {
  const Token& kw = Advance();
  auto node = NewAt<ast::Try>(kw);
  ExpectForced(Op::kColon, ":");
  node->body = ParseBlock("'try' statement", kw.line);
  ParseExceptHandlers(node.get());
  if (!node->handlers.empty() && AtKw(Kw::kElse)) {
    const Token& ekw = Advance();
    ExpectForced(Op::kColon, ":");
    node->orelse = ParseBlock("'else' statement", ekw.line);
  }
  if (AtKw(Kw::kFinally)) {
    const Token& fkw = Advance();
    ExpectForced(Op::kColon, ":");
    node->finalbody = ParseBlock("'finally' statement", fkw.line);
  } else if (node->handlers.empty()) {
    RaiseLast("expected 'except' or 'finally' block");
  }
  Finish(node.get());
  return node;
}

ast::Arg Parser::ParseParam(bool lambda) {
  const Token& t = Tok();
  ast::Arg a;
  a.line = t.line;
  a.col = t.col;
  a.arg = ExpectName();
  if (!lambda && AcceptOp(Op::kColon)) a.annotation = ParseExpression();
  EndAtLast(&a);
  return a;
}

void Parser::ParseParameters(ast::Arguments* args, bool lambda) {
  const Op close = lambda ? Op::kColon : Op::kRpar;
  bool seen_default = false, seen_star = false, seen_slash = false;
  bool bare_star = false;
  const Token* bare_star_tok = nullptr;
  for (;;) {
    if (AtOp(close)) break;
    if (AtOp(Op::kLpar) && !seen_star) {
      // def f((a, b)): -- Python 2 tuple parameters.
      const Token& open = Tok();
      const Token* close_tok = nullptr;
      if (Speculate([&] {
            Advance();
            ParseParam(true);
            while (AcceptOp(Op::kComma)) {
              if (AtOp(Op::kRpar)) break;
              ParseParam(true);
            }
            if (!AtOp(Op::kRpar)) throw ParseAbort{};
            close_tok = &Tok();
          })) {
        Raise("SyntaxError",
              lambda ? "Lambda expression parameters cannot be parenthesized"
                     : "Function parameters cannot be parenthesized",
              open.line, open.col + 1, close_tok->end_line,
              close_tok->end_col + 1);
      }
      Fail();
    }
    if (AtOp(Op::kSlash)) {
      const Token& slash = Tok();
      if (seen_slash) RaiseAtToken(slash, "/ may appear only once");
      if (seen_star) RaiseAtToken(slash, "/ must be ahead of *");
      if (args->args.empty()) {
        RaiseAtToken(slash, "at least one argument must precede /");
      }
      Advance();
      seen_slash = true;
      args->posonlyargs = std::move(args->args);
      args->args.clear();
    } else if (AtOp(Op::kStar)) {
      const Token& star = Tok();
      if (seen_star) RaiseAtToken(star, "* argument may appear only once");
      Advance();
      seen_star = true;
      if (AtOp(Op::kComma) || AtOp(close)) {
        bare_star = true;
        bare_star_tok = &star;
        if (AtOp(close) || AtOp(close, 1) || AtOp(Op::kDoubleStar, 1)) {
          if (lambda) RaiseLast("named arguments must follow bare *");
          RaiseAtToken(star, "named arguments must follow bare *");
        }
      } else {
        args->vararg = std::make_unique<ast::Arg>(ParseParam(lambda));
        if (AtOp(Op::kEqual)) {
          RaiseAtToken(Tok(),
                       "var-positional argument cannot have default value");
        }
      }
    } else if (AtOp(Op::kDoubleStar)) {
      Advance();
      args->kwarg = std::make_unique<ast::Arg>(ParseParam(lambda));
      if (AtOp(Op::kEqual)) {
        RaiseAtToken(Tok(), "var-keyword argument cannot have default value");
      }
      if (AcceptOp(Op::kComma) && !AtOp(close)) {
        if (AtName() || AtOp(Op::kStar) || AtOp(Op::kDoubleStar) ||
            AtOp(Op::kSlash)) {
          RaiseAtToken(Tok(), "arguments cannot follow var-keyword argument");
        }
      }
      break;
    } else {
      ast::Arg p = ParseParam(lambda);
      ast::ExprPtr def;
      if (AtOp(Op::kEqual)) {
        const Token& eq = Advance();
        if (AtOp(Op::kComma) || AtOp(close)) {
          RaiseAtToken(eq, "expected default value expression");
        }
        def = ParseExpression();
      }
      if (seen_star) {
        args->kwonlyargs.push_back(std::move(p));
        args->kw_defaults.push_back(std::move(def));
        bare_star = false;
      } else {
        if (def) {
          seen_default = true;
          args->defaults.push_back(std::move(def));
        } else if (seen_default) {
          if (!AtOp(Op::kComma) && !AtOp(close)) Fail();
          RaiseAtNode(p, "non-default argument follows default argument");
        }
        args->args.push_back(std::move(p));
      }
    }
    if (!AcceptOp(Op::kComma)) break;
  }
  if (bare_star && bare_star_tok != nullptr) {
    RaiseAtToken(*bare_star_tok, "named arguments must follow bare *");
  }
}

ast::StmtPtr Parser::ParseFunctionDef(ast::ExprList decorators, const Token&) {
  const Token& kw = Advance();
  auto node = NewAt<ast::FunctionDef>(kw);
  node->decorator_list = std::move(decorators);
  node->name = ExpectName();
  ExpectForced(Op::kLpar, "(");
  {
    NoInScope no_in(this, false);
    if (!AtOp(Op::kRpar)) ParseParameters(&node->args, false);
    ExpectOp(Op::kRpar);
  }
  if (AtOp(Op::kRarrow)) {
    const Token& arrow = Tok();
    if (!Speculate([&] {
          Advance();
          ParseExpression();
        })) {
      RaiseAtToken(arrow, "expected ':'");
    }
    Advance();
    node->returns = ParseExpression();
  }
  ExpectForced(Op::kColon, ":");
  node->body = ParseBlock("function definition", kw.line);
  Finish(node.get());
  return node;
}

ast::StmtPtr Parser::ParseClassDef(ast::ExprList decorators, const Token&) {
  const Token& kw = Advance();
  auto node = NewAt<ast::ClassDef>(kw);
  node->decorator_list = std::move(decorators);
  node->name = ExpectName();
  if (AtOp(Op::kLpar)) {
    Advance();
    NoInScope no_in(this, false);
    ast::Call args;
    if (!AtOp(Op::kRpar)) ParseCallArgs(&args, /*allow_genexp=*/false);
    ExpectOp(Op::kRpar);
    node->bases = std::move(args.args);
    node->keywords = std::move(args.keywords);
  }
  if (AtType(TokenType::kNewline)) RaiseLast("expected ':'");
  ExpectOp(Op::kColon);
  node->body = ParseBlock("class definition", kw.line);
  Finish(node.get());
  return node;
}

ast::StmtPtr Parser::ParseDecorated() {
  const Token& start = Tok();
  ast::ExprList decorators;
  while (AcceptOp(Op::kAt)) {
    decorators.push_back(ParseNamedExpression());
    if (!AtType(TokenType::kNewline)) Fail();
    Advance();
  }
  if (AtKw(Kw::kDef)) return ParseFunctionDef(std::move(decorators), start);
  if (AtKw(Kw::kClass)) return ParseClassDef(std::move(decorators), start);
  Fail();
}

}  // namespace parser_internal

// ---------------------------------------------------------------------------
// Public API.

ParseResult Parse(std::string_view source, std::string_view filename) {
  ParseResult result;
  SourceText text;
  if (auto err = text.Load(source, filename)) {
    result.error = std::move(*err);
    return result;
  }
  LexResult lex = Tokenize(text);
  parser_internal::Parser parser(text, &lex, filename, 0);
  result.module = parser.ParseFile();
  if (!result.module) result.error = parser.error();
  return result;
}

ExprParseResult ParseExpression(std::string_view source,
                                std::string_view filename) {
  ExprParseResult result;
  SourceText text;
  if (auto err = text.Load(source, filename)) {
    result.error = std::move(*err);
    return result;
  }
  LexResult lex = Tokenize(text);
  parser_internal::Parser parser(text, &lex, filename, 0);
  result.expr = parser.ParseEvalInput();
  if (!result.expr) result.error = parser.error();
  return result;
}

}  // namespace twinpy
