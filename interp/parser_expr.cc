// Expressions: from star_expressions down to atoms, with CPython 3.11's
// precedence, associativity and error messages.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "interp/parser_internal.h"

namespace twinpy::parser_internal {

namespace {

struct BinaryOpInfo {
  int prec;
  ast::Operator op;
};

// Precedence levels of the binary operators below comparisons.
bool BinaryOpOf(const Token& t, BinaryOpInfo* info) {
  if (t.type != TokenType::kOp) return false;
  switch (t.op) {
    case Op::kVbar:
      *info = {0, ast::Operator::BitOr};
      return true;
    case Op::kCircumflex:
      *info = {1, ast::Operator::BitXor};
      return true;
    case Op::kAmper:
      *info = {2, ast::Operator::BitAnd};
      return true;
    case Op::kLeftShift:
      *info = {3, ast::Operator::LShift};
      return true;
    case Op::kRightShift:
      *info = {3, ast::Operator::RShift};
      return true;
    case Op::kPlus:
      *info = {4, ast::Operator::Add};
      return true;
    case Op::kMinus:
      *info = {4, ast::Operator::Sub};
      return true;
    case Op::kStar:
      *info = {5, ast::Operator::Mult};
      return true;
    case Op::kSlash:
      *info = {5, ast::Operator::Div};
      return true;
    case Op::kDoubleSlash:
      *info = {5, ast::Operator::FloorDiv};
      return true;
    case Op::kPercent:
      *info = {5, ast::Operator::Mod};
      return true;
    case Op::kAt:
      *info = {5, ast::Operator::MatMult};
      return true;
    default:
      return false;
  }
}

std::string Printf1(const char* fmt, const char* a) {
  char buf[256];
  std::snprintf(buf, sizeof buf, fmt, a);
  return buf;
}

}  // namespace

bool Parser::CanStartBitwiseOr(int k) {
  const Token& t = Tok(k);
  switch (t.type) {
    case TokenType::kName:
      return t.kw == Kw::kNone || t.kw == Kw::kTrue || t.kw == Kw::kFalse ||
             t.kw == Kw::kNoneKw || t.kw == Kw::kAwait;
    case TokenType::kNumber:
    case TokenType::kString:
      return true;
    case TokenType::kOp:
      switch (t.op) {
        case Op::kLpar:
        case Op::kLsqb:
        case Op::kLbrace:
        case Op::kMinus:
        case Op::kPlus:
        case Op::kTilde:
        case Op::kEllipsis:
          return true;
        default:
          return false;
      }
    default:
      return false;
  }
}

bool Parser::CanStartExpression(int k) {
  return CanStartBitwiseOr(k) || AtKw(Kw::kNot, k) || AtKw(Kw::kLambda, k);
}

// ---------------------------------------------------------------------------
// Expression lists.

ast::ExprPtr Parser::ParseYieldOrStarExpressions() {
  if (AtKw(Kw::kYield)) return ParseYieldExpr();
  return ParseStarExpressions();
}

ast::ExprPtr Parser::ParseYieldExpr() {
  const Token& kw = Advance();
  if (AcceptKw(Kw::kFrom)) {
    auto node = NewAt<ast::YieldFrom>(kw);
    node->value = ParseExpression();
    Finish(node.get());
    return node;
  }
  auto node = NewAt<ast::Yield>(kw);
  if (CanStartExpression() || AtOp(Op::kStar)) {
    node->value = ParseStarExpressions();
  }
  Finish(node.get());
  return node;
}

ast::ExprPtr Parser::ParseStarExpressions() {
  const Token& start = Tok();
  ast::ExprPtr first = ParseStarExpression();
  if (!AtOp(Op::kComma)) return first;
  auto tuple = NewAt<ast::Tuple>(start);
  tuple->elts.push_back(std::move(first));
  while (AcceptOp(Op::kComma)) {
    if (!CanStartExpression() && !AtOp(Op::kStar)) break;
    tuple->elts.push_back(ParseStarExpression());
  }
  Finish(tuple.get());
  return tuple;
}

ast::ExprPtr Parser::ParseStarExpression() {
  if (AtOp(Op::kStar)) {
    const Token& star = Advance();
    RecursionGuard guard(this, 1);
    auto node = NewAt<ast::Starred>(star);
    node->value = ParseBitwiseOr();
    Finish(node.get());
    return node;
  }
  return ParseExpression();
}

ast::ExprPtr Parser::ParseStarNamedExpression() {
  if (AtOp(Op::kStar)) {
    const Token& star = Advance();
    RecursionGuard guard(this, 1);
    auto node = NewAt<ast::Starred>(star);
    node->value = ParseBitwiseOr();
    Finish(node.get());
    return node;
  }
  return ParseNamedExpression();
}

ast::ExprPtr Parser::ParseNamedExpression() {
  const Token& start = Tok();
  if (AtName() && AtOp(Op::kColonEqual, 1)) {
    auto node = NewAt<ast::NamedExpr>(start);
    auto target = NewAt<ast::Name>(start);
    target->id = std::string(Advance().text);
    target->ctx = ast::ExprContext::Store;
    Finish(target.get());
    node->target = std::move(target);
    Advance();  // :=
    node->value = ParseExpression();
    Finish(node.get());
    return node;
  }
  ast::ExprPtr e = ParseExpression();
  if (AtOp(Op::kColonEqual) && !no_invalid_) {
    // CPython's invalid_named_expression: expression ':=' expression.
    if (Speculate([&] {
          Advance();
          ParseExpression();
        })) {
      RaiseAtNode(*e, Printf1("cannot use assignment expressions with %s",
                              ExprName(*e)));
    }
  }
  if (AtOp(Op::kEqual) && !no_invalid_) {
    // CPython's invalid_named_expression: `if x = 1:` and the like.
    bool is_name = e->kind == ast::ExprKind::Name && !e->parenthesized;
    bool bitwise = e->parenthesized;
    switch (e->kind) {
      case ast::ExprKind::Compare:
      case ast::ExprKind::BoolOp:
      case ast::ExprKind::IfExp:
      case ast::ExprKind::Lambda:
      case ast::ExprKind::Tuple:
      case ast::ExprKind::List:
      case ast::ExprKind::GeneratorExp:
        break;
      case ast::ExprKind::UnaryOp:
        bitwise = bitwise ||
                  static_cast<ast::UnaryOp&>(*e).op != ast::UnaryOperator::Not;
        break;
      case ast::ExprKind::Constant: {
        auto k = static_cast<ast::Constant&>(*e).value_kind;
        bitwise = bitwise || (k != ast::ConstantKind::True &&
                              k != ast::ConstantKind::False &&
                              k != ast::ConstantKind::None);
        break;
      }
      default:
        bitwise = true;
        break;
    }
    if (e->kind == ast::ExprKind::Tuple || e->kind == ast::ExprKind::List ||
        e->kind == ast::ExprKind::GeneratorExp) {
      bitwise = false;
    }
    if (is_name || bitwise) {
      ast::ExprPtr rhs;
      bool then_equal = true;
      bool ok = Speculate([&] {
        Advance();
        rhs = ParseBitwiseOr();
        then_equal = AtOp(Op::kEqual) || AtOp(Op::kColonEqual);
      });
      if (ok && !then_equal) {
        if (is_name) {
          RaiseRange(*e, *rhs,
                     "invalid syntax. Maybe you meant '==' or ':=' instead of "
                     "'='?");
        }
        RaiseAtNode(*e, Printf1("cannot assign to %s here. Maybe you meant "
                                "'==' instead of '='?",
                                ExprName(*e)));
      }
    }
  }
  return e;
}

// ---------------------------------------------------------------------------
// expression: disjunction ['if' disjunction 'else' expression] | lambdef

ast::ExprPtr Parser::ParseExpression() {
  // Weight ~ the frames between here and the next ParseExpression.
  RecursionGuard guard(this, 14);
  if (AtKw(Kw::kLambda)) return ParseLambda();
  const Token& start = Tok();
  size_t start_pos = pos_;
  ast::ExprPtr body = ParseDisjunction();
  if (AtKw(Kw::kIf)) {
    Advance();
    ast::ExprPtr test = ParseDisjunction();
    if (!AtKw(Kw::kElse)) {
      if (!AtOp(Op::kColon) && !no_invalid_) {
        RaiseRange(*body, *test, "expected 'else' after 'if' expression");
      }
      Fail();
    }
    Advance();
    auto node = NewAt<ast::IfExp>(start);
    node->test = std::move(test);
    node->body = std::move(body);
    node->orelse = ParseExpression();
    Finish(node.get());
    return node;
  }
  if (!no_invalid_ && CanStartExpression())
    CheckJuxtaposed(*body, toks_[start_pos]);
  return body;
}

// Two expressions side by side: CPython's invalid_expression ("Perhaps you
// forgot a comma?") and invalid_legacy_expression (print "x").
void Parser::CheckJuxtaposed(const ast::Expr& a, const Token& a_start) {
  size_t a_pos = static_cast<size_t>(&a_start - toks_.data());
  bool legacy = false;
  if (a.kind == ast::ExprKind::Name && !a.parenthesized) {
    const std::string& id = static_cast<const ast::Name&>(a).id;
    legacy = id == "print" || id == "exec";
  }
  const Token& next = toks_[std::min(a_pos + 1, toks_.size() - 1)];
  bool name_string =
      a_start.type == TokenType::kName && next.type == TokenType::kString;
  bool soft_keyword = a_start.type == TokenType::kName &&
                      (a_start.text == "_" || a_start.text == "match" ||
                       a_start.text == "case");
  if (!legacy && !name_string && !soft_keyword) {
    ast::ExprPtr b;
    int level = 0;
    if (Speculate([&] {
          b = ParseExpressionNoInvalid();
          level = toks_[pos_ - 1].level;
        }) &&
        level > 0) {
      RaiseRange(a, *b, "invalid syntax. Perhaps you forgot a comma?");
    }
  }
  if (name_string && !legacy && a.kind == ast::ExprKind::Name &&
      !a.parenthesized) {
    // CPython skips `name "string"` here but its invalid_legacy_expression
    // parses on from the string, where the same check applies.
    ast::ExprPtr a2, b;
    int level = 0;
    if (Speculate([&] {
          a2 = ParseDisjunction();
          if (!CanStartExpression()) throw ParseAbort{};
          b = ParseExpressionNoInvalid();
          level = toks_[pos_ - 1].level;
        }) &&
        level > 0) {
      RaiseRange(*a2, *b, "invalid syntax. Perhaps you forgot a comma?");
    }
  }
  if (legacy && !AtOp(Op::kLpar)) {
    ast::ExprPtr b;
    if (Speculate([&] { b = ParseStarExpressions(); })) {
      const std::string& id = static_cast<const ast::Name&>(a).id;
      RaiseRange(a, *b,
                 "Missing parentheses in call to '" + id + "'. Did you mean " +
                     id + "(...)?");
    }
  }
}

ast::ExprPtr Parser::ParseExpressionNoInvalid() {
  bool saved = no_invalid_;
  no_invalid_ = true;
  ast::ExprPtr e = ParseExpression();
  no_invalid_ = saved;
  return e;
}

ast::ExprPtr Parser::ParseLambda() {
  const Token& kw = Advance();
  auto node = NewAt<ast::Lambda>(kw);
  if (!AtOp(Op::kColon)) ParseParameters(&node->args, true);
  ExpectOp(Op::kColon);
  node->body = ParseExpression();
  Finish(node.get());
  return node;
}

ast::ExprPtr Parser::ParseDisjunction() {
  const Token& start = Tok();
  ast::ExprPtr first = ParseConjunction();
  if (!AtKw(Kw::kOr)) return first;
  auto node = NewAt<ast::BoolOp>(start);
  node->op = ast::BoolOperator::Or;
  node->values.push_back(std::move(first));
  while (AcceptKw(Kw::kOr)) node->values.push_back(ParseConjunction());
  Finish(node.get());
  return node;
}

ast::ExprPtr Parser::ParseConjunction() {
  const Token& start = Tok();
  ast::ExprPtr first = ParseInversion();
  if (!AtKw(Kw::kAnd)) return first;
  auto node = NewAt<ast::BoolOp>(start);
  node->op = ast::BoolOperator::And;
  node->values.push_back(std::move(first));
  while (AcceptKw(Kw::kAnd)) node->values.push_back(ParseInversion());
  Finish(node.get());
  return node;
}

ast::ExprPtr Parser::ParseInversion() {
  if (AtKw(Kw::kNot)) {
    const Token& kw = Advance();
    RecursionGuard guard(this, 1);
    auto node = NewAt<ast::UnaryOp>(kw);
    node->op = ast::UnaryOperator::Not;
    node->operand = ParseInversion();
    Finish(node.get());
    return node;
  }
  return ParseComparison();
}

ast::ExprPtr Parser::ParseComparison() {
  const Token& start = Tok();
  ast::ExprPtr left = ParseBitwiseOr();
  std::unique_ptr<ast::Compare> node;
  for (;;) {
    const Token& t = Tok();
    ast::CmpOp op;
    int width = 1;
    if (t.type == TokenType::kOp) {
      switch (t.op) {
        case Op::kEqEqual:
          op = ast::CmpOp::Eq;
          break;
        case Op::kNotEqual:
          if (t.text == "<>") Fail();  // only with barry_as_FLUFL
          op = ast::CmpOp::NotEq;
          break;
        case Op::kLess:
          op = ast::CmpOp::Lt;
          break;
        case Op::kLessEqual:
          op = ast::CmpOp::LtE;
          break;
        case Op::kGreater:
          op = ast::CmpOp::Gt;
          break;
        case Op::kGreaterEqual:
          op = ast::CmpOp::GtE;
          break;
        default:
          goto done;
      }
    } else if (t.type == TokenType::kName) {
      if (t.kw == Kw::kIn && !no_in_) {
        op = ast::CmpOp::In;
      } else if (t.kw == Kw::kNot && AtKw(Kw::kIn, 1)) {
        op = ast::CmpOp::NotIn;
        width = 2;
      } else if (t.kw == Kw::kIs) {
        if (AtKw(Kw::kNot, 1)) {
          op = ast::CmpOp::IsNot;
          width = 2;
        } else {
          op = ast::CmpOp::Is;
        }
      } else {
        break;
      }
    } else {
      break;
    }
    for (int i = 0; i < width; ++i) Advance();
    if (!node) {
      node = NewAt<ast::Compare>(start);
      node->left = std::move(left);
    }
    node->ops.push_back(op);
    node->comparators.push_back(ParseBitwiseOr());
  }
done:
  if (!node) return left;
  Finish(node.get());
  return node;
}

// Precedence climbing over | ^ & << >> + - * / // % @ (all left-assoc).
ast::ExprPtr Parser::ParseBinary(int min_prec) {
  const Token& start = Tok();
  ast::ExprPtr left = ParseFactor();
  BinaryOpInfo info;
  while (BinaryOpOf(Tok(), &info) && info.prec >= min_prec) {
    Advance();
    RecursionGuard guard(this, 1);
    ast::ExprPtr right = ParseBinary(info.prec + 1);
    auto node = NewAt<ast::BinOp>(start);
    node->left = std::move(left);
    node->op = info.op;
    node->right = std::move(right);
    Finish(node.get());
    left = std::move(node);
  }
  return left;
}

ast::ExprPtr Parser::ParseFactor() {
  const Token& t = Tok();
  if (t.type == TokenType::kOp &&
      (t.op == Op::kPlus || t.op == Op::kMinus || t.op == Op::kTilde)) {
    Advance();
    RecursionGuard guard(this, 1);
    auto node = NewAt<ast::UnaryOp>(t);
    node->op = t.op == Op::kPlus    ? ast::UnaryOperator::UAdd
               : t.op == Op::kMinus ? ast::UnaryOperator::USub
                                    : ast::UnaryOperator::Invert;
    node->operand = ParseFactor();
    Finish(node.get());
    return node;
  }
  return ParsePower();
}

// power: primary ['**' factor] -- right-associative, and binds tighter
// than a unary minus on its left.
ast::ExprPtr Parser::ParsePower() {
  const Token& start = Tok();
  ast::ExprPtr base = ParsePrimary();
  if (!AtOp(Op::kDoubleStar)) return base;
  Advance();
  RecursionGuard guard(this, 2);  // ParsePower -> ParseFactor -> ParsePower
  auto node = NewAt<ast::BinOp>(start);
  node->left = std::move(base);
  node->op = ast::Operator::Pow;
  node->right = ParseFactor();
  Finish(node.get());
  return node;
}

ast::ExprPtr Parser::ParsePrimary() {
  const Token& start = Tok();
  if (AtKw(Kw::kAwait)) Fail();  // async is not supported
  ast::ExprPtr e = ParseAtom();
  for (;;) {
    if (AtOp(Op::kDot)) {
      Advance();
      auto node = NewAt<ast::Attribute>(start);
      node->value = std::move(e);
      node->attr = ExpectName();
      Finish(node.get());
      e = std::move(node);
    } else if (AtOp(Op::kLpar)) {
      Advance();
      NoInScope no_in(this, false);
      auto node = NewAt<ast::Call>(start);
      node->func = std::move(e);
      if (!AtOp(Op::kRpar)) ParseCallArgs(node.get(), true);
      ExpectOp(Op::kRpar);
      Finish(node.get());
      e = std::move(node);
    } else if (AtOp(Op::kLsqb)) {
      Advance();
      NoInScope no_in(this, false);
      auto node = NewAt<ast::Subscript>(start);
      node->value = std::move(e);
      node->slice = ParseSlices();
      ExpectOp(Op::kRsqb);
      Finish(node.get());
      e = std::move(node);
    } else {
      return e;
    }
  }
}

void Parser::ParseCallArgs(ast::Call* call, bool allow_genexp) {
  const Token& open = toks_[pos_ - 1];
  bool saw_keyword = false, saw_double_star = false;
  const char* order_error = nullptr;
  const Token& first_arg = Tok();
  for (;;) {
    if (AtOp(Op::kRpar)) break;
    if (AtOp(Op::kStar)) {
      if (saw_double_star) {
        // CPython 3.11.2 points at the arguments before the ", *".
        const Token& before = toks_[pos_ - 2];  // the token before ','
        Raise("SyntaxError",
              "iterable argument unpacking follows keyword argument unpacking",
              first_arg.line, first_arg.col + 1, before.end_line,
              before.end_col + 1);
      }
      const Token& star = Advance();
      auto node = NewAt<ast::Starred>(star);
      node->value = ParseExpression();
      Finish(node.get());
      call->args.push_back(std::move(node));
    } else if (AtOp(Op::kDoubleStar)) {
      const Token& dstar = Advance();
      ast::Keyword kw;
      kw.line = dstar.line;
      kw.col = dstar.col;
      kw.value = ParseExpression();
      EndAtLast(&kw);
      call->keywords.push_back(std::move(kw));
      saw_double_star = true;
    } else if (AtName() && AtOp(Op::kEqual, 1)) {
      const Token& name = Advance();
      Advance();
      ast::Keyword kw;
      kw.line = name.line;
      kw.col = name.col;
      kw.arg = std::string(name.text);
      kw.value = ParseExpression();
      EndAtLast(&kw);
      if (AtKw(Kw::kFor)) Fail();
      call->keywords.push_back(std::move(kw));
      saw_keyword = true;
    } else {
      const Token& t = Tok();
      if ((t.kw == Kw::kTrue || t.kw == Kw::kFalse || t.kw == Kw::kNoneKw) &&
          t.type == TokenType::kName && AtOp(Op::kEqual, 1)) {
        std::string msg = "cannot assign to " + std::string(t.text);
        const Token& eq = Tok(1);
        Raise("SyntaxError", msg, t.line, t.col + 1, eq.end_line,
              eq.end_col + 1);
      }
      ast::ExprPtr e;
      if (AtName() && AtOp(Op::kColonEqual, 1)) {
        e = ParseNamedExpression();
      } else {
        e = ParseExpression();
      }
      if (AtKw(Kw::kFor)) {
        if (!allow_genexp) Fail();
        auto gen = NewAt<ast::GeneratorExp>(open);
        gen->elt = std::move(e);
        gen->generators = ParseComprehensions();
        bool first_arg = call->args.empty() && call->keywords.empty();
        if (first_arg && !AtOp(Op::kRpar) && !AtOp(Op::kComma)) Fail();
        if (!first_arg || AtOp(Op::kComma)) {
          const auto& last = gen->generators.back();
          const ast::Expr& end =
              last.ifs.empty() ? *last.iter : *last.ifs.back();
          RaiseRange(*gen->elt, end,
                     "Generator expression must be parenthesized");
        }
        const Token& close = Tok();
        gen->end_line = close.end_line;
        gen->end_col = close.end_col;
        UpdateHeight(gen.get());
        e = std::move(gen);
      } else if (AtOp(Op::kEqual)) {
        const Token& eq = Tok();
        Raise("SyntaxError",
              "expression cannot contain assignment, perhaps you meant "
              "\"==\"?",
              e->line, e->col + 1, eq.end_line, eq.end_col + 1);
      }
      if (order_error == nullptr) {
        if (saw_double_star) {
          order_error =
              "positional argument follows keyword argument unpacking";
        } else if (saw_keyword) {
          order_error = "positional argument follows keyword argument";
        }
      }
      call->args.push_back(std::move(e));
    }
    if (!AcceptOp(Op::kComma)) break;
  }
  if (order_error != nullptr) {
    Tok();  // CPython reports at the token after the arguments
    RaiseLast(order_error);
  }
}

std::vector<ast::Comprehension> Parser::ParseComprehensions() {
  std::vector<ast::Comprehension> gens;
  while (AtKw(Kw::kFor)) {
    Advance();
    ast::Comprehension c;
    c.target = ParseStarTargetsForLoop();
    ExpectKw(Kw::kIn);
    c.iter = ParseDisjunction();
    while (AcceptKw(Kw::kIf)) c.ifs.push_back(ParseDisjunction());
    gens.push_back(std::move(c));
  }
  if (AtKw(Kw::kAsync)) Fail();
  return gens;
}

// star_targets of a for loop or comprehension: parsed as an expression in
// which `in` does not start a comparison, then checked.
ast::ExprPtr Parser::ParseStarTargetsForLoop() {
  ast::ExprPtr e;
  {
    NoInScope no_in(this, true);
    e = ParseStarExpressions();
  }
  if (const ast::Expr* bad = InvalidTarget(e.get(), TargetKind::kFor)) {
    RaiseAtNode(*bad, Printf1("cannot assign to %s", ExprName(*bad)));
  }
  SetContext(e.get(), ast::ExprContext::Store);
  return e;
}

// ---------------------------------------------------------------------------
// Subscripts.

ast::ExprPtr Parser::ParseSlices() {
  const Token& start = Tok();
  auto one = [this]() -> ast::ExprPtr {
    if (AtOp(Op::kStar)) {
      const Token& star = Advance();
      auto node = NewAt<ast::Starred>(star);
      node->value = ParseBitwiseOr();
      Finish(node.get());
      return node;
    }
    return ParseSlice();
  };
  ast::ExprPtr first = one();
  // A lone starred item still makes a tuple: `a[*b]` is `a[(*b,)]`.
  if (!AtOp(Op::kComma) && first->kind != ast::ExprKind::Starred) {
    return first;
  }
  auto tuple = NewAt<ast::Tuple>(start);
  tuple->elts.push_back(std::move(first));
  while (AcceptOp(Op::kComma)) {
    if (AtOp(Op::kRsqb)) break;
    tuple->elts.push_back(one());
  }
  Finish(tuple.get());
  return tuple;
}

ast::ExprPtr Parser::ParseSlice() {
  const Token& start = Tok();
  ast::ExprPtr lower;
  if (!AtOp(Op::kColon)) {
    lower = ParseNamedExpression();
    if (!AtOp(Op::kColon)) return lower;
  }
  Advance();  // ':'
  auto node = NewAt<ast::Slice>(start);
  node->lower = std::move(lower);
  auto ends_part = [this] {
    return AtOp(Op::kColon) || AtOp(Op::kRsqb) || AtOp(Op::kComma);
  };
  if (!ends_part()) node->upper = ParseExpression();
  if (AcceptOp(Op::kColon)) {
    if (!ends_part()) node->step = ParseExpression();
  }
  Finish(node.get());
  return node;
}

// ---------------------------------------------------------------------------
// Atoms.

ast::ExprPtr Parser::ParseAtom() {
  const Token& t = Tok();
  switch (t.type) {
    case TokenType::kName:
      switch (t.kw) {
        case Kw::kNone: {
          auto node = NewAt<ast::Name>(t);
          node->id = std::string(t.text);
          Advance();
          Finish(node.get());
          return node;
        }
        case Kw::kTrue:
        case Kw::kFalse:
        case Kw::kNoneKw: {
          auto node = NewAt<ast::Constant>(t);
          node->value_kind = t.kw == Kw::kTrue    ? ast::ConstantKind::True
                             : t.kw == Kw::kFalse ? ast::ConstantKind::False
                                                  : ast::ConstantKind::None;
          Advance();
          Finish(node.get());
          return node;
        }
        default:
          Fail();
      }
    case TokenType::kNumber:
      return ParseNumber(t);
    case TokenType::kString:
      return ParseStrings();
    case TokenType::kOp:
      switch (t.op) {
        case Op::kLpar:
          return ParseParenAtom();
        case Op::kLsqb:
          return ParseListAtom();
        case Op::kLbrace:
          return ParseBraceAtom();
        case Op::kEllipsis: {
          auto node = NewAt<ast::Constant>(t);
          node->value_kind = ast::ConstantKind::Ellipsis;
          Advance();
          Finish(node.get());
          return node;
        }
        default:
          Fail();
      }
    default:
      Fail();
  }
}

ast::ExprPtr Parser::ParseNumber(const Token& t) {
  Advance();
  auto node = NewAt<ast::Constant>(t);
  std::string s;
  s.reserve(t.text.size());
  for (char c : t.text) {
    if (c != '_') s.push_back(c);
  }
  char last = s.back();
  bool radix = s.size() > 1 && s[0] == '0' &&
               (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' ||
                s[1] == 'b' || s[1] == 'B');
  if (last == 'j' || last == 'J') {
    s.pop_back();
    node->value_kind = ast::ConstantKind::Imaginary;
    node->float_value = std::strtod(s.c_str(), nullptr);
  } else if (!radix && s.find_first_of(".eE") != std::string::npos) {
    node->value_kind = ast::ConstantKind::Float;
    node->float_value = std::strtod(s.c_str(), nullptr);
  } else {
    node->value_kind = ast::ConstantKind::Int;
    size_t begin = 0;
    if (radix) {
      char p = s[1];
      node->int_base = (p == 'x' || p == 'X')   ? 16
                       : (p == 'o' || p == 'O') ? 8
                                                : 2;
      begin = 2;
    }
    while (begin + 1 < s.size() && s[begin] == '0') ++begin;
    node->int_digits = s.substr(begin);
  }
  Finish(node.get());
  return node;
}

ast::ExprPtr Parser::ParseParenAtom() {
  const Token& open = Advance();
  NoInScope no_in(this, false);
  if (AtOp(Op::kRpar)) {
    auto tuple = NewAt<ast::Tuple>(open);
    Advance();
    Finish(tuple.get());
    tuple->parenthesized = true;
    return tuple;
  }
  if (AtKw(Kw::kYield)) {
    ast::ExprPtr e = ParseYieldExpr();
    ExpectOp(Op::kRpar);
    e->parenthesized = true;
    return e;
  }
  if (AtOp(Op::kDoubleStar)) {
    const Token& dstar = Tok();
    ast::ExprPtr e;
    if (Speculate([&] {
          Advance();
          e = ParseExpression();
          ExpectOp(Op::kRpar);
        })) {
      RaiseAtToken(dstar, "cannot use double starred expression here");
    }
    Fail();
  }
  ast::ExprPtr first = ParseStarNamedExpression();
  if (AtKw(Kw::kFor)) {
    if (first->kind == ast::ExprKind::Starred) {
      RaiseAtNode(*first, "iterable unpacking cannot be used in comprehension");
    }
    auto gen = NewAt<ast::GeneratorExp>(open);
    gen->elt = std::move(first);
    gen->generators = ParseComprehensions();
    ExpectOp(Op::kRpar);
    Finish(gen.get());
    gen->parenthesized = true;
    return gen;
  }
  if (AtOp(Op::kComma)) {
    auto tuple = NewAt<ast::Tuple>(open);
    tuple->elts.push_back(std::move(first));
    while (AcceptOp(Op::kComma)) {
      if (AtOp(Op::kRpar)) break;
      tuple->elts.push_back(ParseStarNamedExpression());
    }
    ExpectOp(Op::kRpar);
    Finish(tuple.get());
    tuple->parenthesized = true;
    return tuple;
  }
  if (first->kind == ast::ExprKind::Starred && AtOp(Op::kRpar)) {
    RaiseAtNode(*first, "cannot use starred expression here");
  }
  ExpectOp(Op::kRpar);
  first->parenthesized = true;
  return first;
}

ast::ExprPtr Parser::ParseListAtom() {
  const Token& open = Advance();
  NoInScope no_in(this, false);
  if (AtOp(Op::kRsqb)) {
    auto list = NewAt<ast::List>(open);
    Advance();
    Finish(list.get());
    return list;
  }
  ast::ExprPtr first = ParseStarNamedExpression();
  if (AtKw(Kw::kFor)) {
    if (first->kind == ast::ExprKind::Starred) {
      RaiseAtNode(*first, "iterable unpacking cannot be used in comprehension");
    }
    auto comp = NewAt<ast::ListComp>(open);
    comp->elt = std::move(first);
    comp->generators = ParseComprehensions();
    ExpectOp(Op::kRsqb);
    Finish(comp.get());
    return comp;
  }
  auto list = NewAt<ast::List>(open);
  list->elts.push_back(std::move(first));
  while (AcceptOp(Op::kComma)) {
    if (AtOp(Op::kRsqb)) break;
    if (AtKw(Kw::kFor) && !no_invalid_) {
      // `[a, for x in y]`: the range ends at the comma.
      ast::Node end;
      end.end_line = toks_[pos_ - 1].end_line;
      end.end_col = toks_[pos_ - 1].end_col;
      RaiseRange(*list->elts[0],
                 list->elts.size() == 1 ? end : *list->elts.back(),
                 "did you forget parentheses around the comprehension "
                 "target?");
    }
    list->elts.push_back(ParseStarNamedExpression());
  }
  if (AtKw(Kw::kFor) && list->elts.size() > 1 && !no_invalid_) {
    RaiseRange(*list->elts[0], *list->elts.back(),
               "did you forget parentheses around the comprehension target?");
  }
  ExpectOp(Op::kRsqb);
  Finish(list.get());
  return list;
}

ast::ExprPtr Parser::ParseBraceAtom() {
  const Token& open = Advance();
  NoInScope no_in(this, false);
  if (AtOp(Op::kRbrace)) {
    auto dict = NewAt<ast::Dict>(open);
    Advance();
    Finish(dict.get());
    return dict;
  }
  // A dict display starts with `key:` or `**`; anything else is a set.
  ast::ExprPtr first_key, first_value;
  bool is_dict = false;
  if (AtOp(Op::kDoubleStar)) {
    const Token& dstar = Advance();
    first_value = ParseBitwiseOr();
    is_dict = true;
    if (AtKw(Kw::kFor)) {
      RaiseAtToken(dstar,
                   "dict unpacking cannot be used in dict comprehension");
    }
  } else {
    first_key = ParseStarNamedExpression();
    if (AtOp(Op::kColon) && first_key->kind != ast::ExprKind::Starred) {
      const Token& colon = Advance();
      is_dict = true;
      if (AtOp(Op::kRbrace) || AtOp(Op::kComma)) {
        RaiseAtToken(colon, "expression expected after dictionary key and ':'");
      }
      first_value = ParseExpression();
    }
  }
  if (is_dict) {
    if (first_key && AtKw(Kw::kFor)) {
      auto comp = NewAt<ast::DictComp>(open);
      comp->key = std::move(first_key);
      comp->value = std::move(first_value);
      comp->generators = ParseComprehensions();
      ExpectOp(Op::kRbrace);
      Finish(comp.get());
      return comp;
    }
    auto dict = NewAt<ast::Dict>(open);
    dict->keys.push_back(std::move(first_key));
    dict->values.push_back(std::move(first_value));
    while (AcceptOp(Op::kComma)) {
      if (AtOp(Op::kRbrace)) break;
      if (AcceptOp(Op::kDoubleStar)) {
        dict->keys.push_back(nullptr);
        dict->values.push_back(ParseBitwiseOr());
        continue;
      }
      ast::ExprPtr key = ParseExpression();
      if (!AtOp(Op::kColon)) {
        if (AtOp(Op::kRbrace) || AtOp(Op::kComma)) {
          RaiseAtNode(*key, "':' expected after dictionary key");
        }
        Fail();
      }
      const Token& colon = Advance();
      if (AtOp(Op::kRbrace) || AtOp(Op::kComma)) {
        RaiseAtToken(colon, "expression expected after dictionary key and ':'");
      }
      dict->keys.push_back(std::move(key));
      dict->values.push_back(ParseExpression());
    }
    ExpectOp(Op::kRbrace);
    Finish(dict.get());
    return dict;
  }
  if (AtKw(Kw::kFor)) {
    if (first_key->kind == ast::ExprKind::Starred) {
      RaiseAtNode(*first_key,
                  "iterable unpacking cannot be used in comprehension");
    }
    auto comp = NewAt<ast::SetComp>(open);
    comp->elt = std::move(first_key);
    comp->generators = ParseComprehensions();
    ExpectOp(Op::kRbrace);
    Finish(comp.get());
    return comp;
  }
  auto set = NewAt<ast::Set>(open);
  set->elts.push_back(std::move(first_key));
  while (AcceptOp(Op::kComma)) {
    if (AtOp(Op::kRbrace)) break;
    if (AtKw(Kw::kFor) && !no_invalid_) {
      ast::Node end;
      end.end_line = toks_[pos_ - 1].end_line;
      end.end_col = toks_[pos_ - 1].end_col;
      RaiseRange(*set->elts[0], set->elts.size() == 1 ? end : *set->elts.back(),
                 "did you forget parentheses around the comprehension "
                 "target?");
    }
    set->elts.push_back(ParseStarNamedExpression());
  }
  if (AtKw(Kw::kFor) && set->elts.size() > 1 && !no_invalid_) {
    RaiseRange(*set->elts[0], *set->elts.back(),
               "did you forget parentheses around the comprehension target?");
  }
  ExpectOp(Op::kRbrace);
  Finish(set.get());
  return set;
}

}  // namespace twinpy::parser_internal
