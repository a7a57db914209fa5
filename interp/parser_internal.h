// The recursive-descent parser behind Parse(). Private to interp/parser*.cc.
//
// Grammar and error reporting follow CPython 3.11 (Grammar/python.gram):
// the parser is LL with a few speculative look-aheads, and where CPython's
// second "invalid_*" pass would produce a specialised message, the same
// situation is recognised at the point where this parser fails.
#ifndef TWINPY_INTERP_PARSER_INTERNAL_H_
#define TWINPY_INTERP_PARSER_INTERNAL_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interp/ast.h"
#include "interp/lexer.h"
#include "interp/syntax_error.h"
#include "interp/token.h"

namespace twinpy::parser_internal {

// Thrown (internally only) once the error has been recorded.
struct ParseAbort {};

// Kinds of assignment target checked by InvalidTarget (CPython's
// TARGETS_TYPE).
enum class TargetKind { kStar, kDel, kFor };

class Parser {
 public:
  // `source` and `lex` must outlive the parser. `depth` is the recursion
  // budget already used by an enclosing parser (f-string fields).
  Parser(const SourceText& source, LexResult* lex, std::string_view filename,
         int depth);

  std::unique_ptr<ast::Module> ParseFile();
  // CPython's eval input: expressions NEWLINE* ENDMARKER.
  ast::ExprPtr ParseEvalInput();
  // An f-string replacement field, tokenized as "(" text ")".
  ast::ExprPtr ParseFStringField();

  const std::optional<SyntaxErrorInfo>& error() const { return error_; }

  // For f-string fields: errors are reported relative to the field text,
  // as CPython 3.11 does, with "f-string: " before parser messages.
  void SetFStringMode(int first_line, int col_shift) {
    fstring_mode_ = true;
    fstring_first_line_ = first_line;
    fstring_col_shift_ = col_shift;
  }

 private:
  friend class RecursionGuard;
  friend class NoInScope;

  // ---- Tokens (parser.cc) ----
  const Token& Tok(int k = 0);
  const Token& Advance();
  bool AtOp(Op op, int k = 0) {
    const Token& t = Tok(k);
    return t.type == TokenType::kOp && t.op == op;
  }
  bool AtKw(Kw kw, int k = 0) {
    const Token& t = Tok(k);
    return t.type == TokenType::kName && t.kw == kw;
  }
  bool AtType(TokenType type, int k = 0) { return Tok(k).type == type; }
  bool AtName(int k = 0) {
    const Token& t = Tok(k);
    return t.type == TokenType::kName && t.kw == Kw::kNone;
  }
  bool AcceptOp(Op op);
  bool AcceptKw(Kw kw);
  const Token& ExpectOp(Op op);
  const Token& ExpectKw(Kw kw);
  // CPython's forced tokens (&&':'): "expected ':'" at the current token.
  const Token& ExpectForced(Op op, const char* text);
  std::string ExpectName();

  // ---- Errors (parser.cc) ----
  [[noreturn]] void Fail();  // generic "invalid syntax" at the last token
  [[noreturn]] void RaiseLast(const std::string& msg,
                              const char* type = "SyntaxError");
  [[noreturn]] void RaiseAtToken(const Token& t, const std::string& msg,
                                 const char* type = "SyntaxError");
  [[noreturn]] void RaiseAtNode(const ast::Node& n, const std::string& msg,
                                const char* type = "SyntaxError");
  [[noreturn]] void RaiseRange(const ast::Node& a, const ast::Node& b,
                               const std::string& msg);
  // Positions are 1-based byte columns; end_col 0 when unknown.
  [[noreturn]] void Raise(const char* type, const std::string& msg, int line,
                          int col, int end_line, int end_col);
  [[noreturn]] void RaiseLexError();
  [[noreturn]] void RaiseInfo(SyntaxErrorInfo info);
  [[noreturn]] void RaiseTooDeep();
  [[noreturn]] void RaiseTooTall();

  // ---- Node helpers (parser.cc) ----
  template <typename T>
  std::unique_ptr<T> NewAt(const Token& start) {
    auto n = std::make_unique<T>();
    n->line = start.line;
    n->col = start.col;
    return n;
  }
  template <typename T>
  std::unique_ptr<T> NewAt(const ast::Node& start) {
    auto n = std::make_unique<T>();
    n->line = start.line;
    n->col = start.col;
    return n;
  }
  // Sets the end to the last consumed token and computes the height.
  void Finish(ast::Expr* e);
  void Finish(ast::Stmt* s);
  void FinishAt(ast::Expr* e, const ast::Node& end);
  void EndAtLast(ast::Node* n) {
    n->end_line = last_end_line_;
    n->end_col = last_end_col_;
  }
  void UpdateHeight(ast::Expr* e);
  void UpdateHeight(ast::Stmt* s);

  // Runs f() as a trial parse: on a syntax error, restores the position
  // and returns false. Used only on paths that end in an error anyway.
  template <typename F>
  bool Speculate(F&& f) {
    size_t saved_pos = pos_, saved_max = max_pos_;
    int saved_line = last_end_line_, saved_col = last_end_col_;
    bool saved_no_invalid = no_invalid_;
    no_invalid_ = true;
    bool ok = true;
    try {
      f();
    } catch (const ParseAbort&) {
      // Reaching a tokenizer error ends CPython's parse in any pass.
      if (lex_error_hit_) throw;
      error_.reset();
      ok = false;
    }
    no_invalid_ = saved_no_invalid;
    pos_ = saved_pos;
    max_pos_ = saved_max;
    last_end_line_ = saved_line;
    last_end_col_ = saved_col;
    return ok;
  }

  // ---- Statements (parser.cc) ----
  void ParseStatement(ast::StmtList* out);
  void ParseSimpleStatements(ast::StmtList* out);
  ast::StmtPtr ParseSimpleStatement();
  ast::StmtPtr ParseExpressionStatement();
  ast::StmtPtr ParseCompound();
  ast::StmtList ParseBlock(const char* what, int line);
  ast::StmtPtr ParseIf();
  ast::StmtPtr ParseWhile();
  ast::StmtPtr ParseFor();
  ast::StmtPtr ParseWith();
  ast::StmtPtr ParseTry();
  ast::StmtPtr ParseFunctionDef(ast::ExprList decorators, const Token& start);
  ast::StmtPtr ParseClassDef(ast::ExprList decorators, const Token& start);
  ast::StmtPtr ParseDecorated();
  ast::StmtPtr ParseImport();
  ast::StmtPtr ParseImportFrom();
  ast::StmtPtr ParseDel();
  ast::StmtPtr ParseReturn();
  ast::StmtPtr ParseRaise();
  ast::StmtPtr ParseGlobalOrNonlocal();
  ast::StmtPtr ParseAssert();
  std::string ParseDottedName();
  ast::Alias ParseAlias(bool dotted);
  void ParseParameters(ast::Arguments* args, bool lambda);
  ast::Arg ParseParam(bool lambda);
  std::vector<ast::WithItem> ParseWithItems(bool parenthesized);
  void ParseExceptHandlers(ast::Try* node);
  void CheckAssignTargets(ast::ExprList& targets, const ast::Expr& rhs);
  void CheckAnnTarget(const ast::Expr& target);

  // ---- Expressions (parser_expr.cc) ----
  ast::ExprPtr ParseStarExpressions();  // star_expressions (tuple)
  ast::ExprPtr ParseStarExpression();
  ast::ExprPtr ParseYieldOrStarExpressions();
  ast::ExprPtr ParseYieldExpr();
  ast::ExprPtr ParseStarNamedExpression();
  ast::ExprPtr ParseNamedExpression();
  ast::ExprPtr ParseExpression();  // expression: ternary | lambda
  ast::ExprPtr ParseExpressionNoInvalid();
  ast::ExprPtr ParseLambda();
  ast::ExprPtr ParseDisjunction();
  ast::ExprPtr ParseConjunction();
  ast::ExprPtr ParseInversion();
  ast::ExprPtr ParseComparison();
  ast::ExprPtr ParseBitwiseOr() { return ParseBinary(0); }
  ast::ExprPtr ParseBinary(int min_prec);
  ast::ExprPtr ParseFactor();
  ast::ExprPtr ParsePower();
  ast::ExprPtr ParsePrimary();
  ast::ExprPtr ParseAtom();
  ast::ExprPtr ParseParenAtom();
  ast::ExprPtr ParseListAtom();
  ast::ExprPtr ParseBraceAtom();
  ast::ExprPtr ParseSlices();
  ast::ExprPtr ParseSlice();
  void ParseCallArgs(ast::Call* call, bool allow_genexp);
  std::vector<ast::Comprehension> ParseComprehensions();
  ast::ExprPtr ParseStarTargetsForLoop();
  ast::ExprPtr ParseNumber(const Token& t);
  void CheckJuxtaposed(const ast::Expr& a, const Token& a_start);
  bool CanStartExpression(int k = 0);
  bool CanStartBitwiseOr(int k = 0);

  // ---- Strings and f-strings (parser_strings.cc) ----
  ast::ExprPtr ParseStrings();

 public:
  // Used by parser_strings.cc helpers.
  struct StringPart;
  void DecodeFString(const Token& t, std::string_view body, bool raw,
                     int body_offset, int recurse, size_t* pos,
                     std::vector<StringPart>* parts, const Token& first,
                     const Token& last);
  ast::ExprPtr CompileFStringField(const Token& t, std::string_view body,
                                   int body_offset, size_t start, size_t end);
  int depth() const { return depth_; }

  // Target validation (CPython's _PyPegen_get_invalid_target).
  static const ast::Expr* InvalidTarget(const ast::Expr* e, TargetKind kind);
  static const char* ExprName(const ast::Expr& e);
  static void SetContext(ast::Expr* e, ast::ExprContext ctx);

 private:
  const SourceText& src_;
  std::vector<Token>& toks_;
  std::optional<LexError>& lex_error_;
  std::string filename_;
  size_t pos_ = 0;
  // Furthest token looked at outside speculation: CPython's first-pass
  // p->fill - 1, where generic errors are reported.
  size_t max_pos_ = 0;
  // Furthest token looked at at all (CPython's second pass reads further);
  // decides whether an unclosed bracket on an earlier line wins.
  size_t max_fetch_ = 0;
  int last_end_line_ = 1;
  int last_end_col_ = 0;
  int depth_ = 0;       // weighted recursion depth, see RecursionGuard
  bool no_in_ = false;  // `in` ends a comparison (for-loop targets)
  // Set while speculating for an error message: no nested error hunting.
  bool no_invalid_ = false;
  // False for errors CPython raises without tokenizing the rest first.
  bool lex_priority_ = true;
  bool lex_error_hit_ = false;   // the parser reached the lexer's error
  bool error_generic_ = false;   // error_ is the generic "invalid syntax"
  bool next_error_generic_ = false;
  std::optional<SyntaxErrorInfo> error_;
  bool fstring_mode_ = false;
  int fstring_first_line_ = 0;
  int fstring_col_shift_ = 0;
};

// Bounds the parser's own recursion (the C++ stack).
class RecursionGuard {
 public:
  RecursionGuard(Parser* p, int weight);
  ~RecursionGuard() { p_->depth_ -= weight_; }

 private:
  Parser* p_;
  int weight_;
};

// Lets `in` end a comparison while a for-loop target is parsed; brackets
// reset it.
class NoInScope {
 public:
  NoInScope(Parser* p, bool value) : p_(p), saved_(p->no_in_) {
    p->no_in_ = value;
  }
  ~NoInScope() { p_->no_in_ = saved_; }

 private:
  Parser* p_;
  bool saved_;
};

// Weighted recursion limit: a guard's weight is about the number of C++
// frames until the next guard, and a frame is ~100 bytes at -O2, so the
// parser stays within ~600 KB of stack for any input (three times that
// under ASan). 200 nested brackets cost 200 * 14 = 2800. The value is where
// CPython 3.11's parser overflows (MemoryError) on `x = not not ... x`:
// 5968 prefix operators.
inline constexpr int kMaxRecursionDepth = 5987;

}  // namespace twinpy::parser_internal

#endif  // TWINPY_INTERP_PARSER_INTERNAL_H_
