// Entry point of the front end: source text to an ast::Module, or a
// SyntaxError description as CPython 3.11 would report it.
#ifndef TWINPY_INTERP_PARSER_H_
#define TWINPY_INTERP_PARSER_H_

#include <memory>
#include <optional>
#include <string_view>

#include "interp/ast.h"
#include "interp/syntax_error.h"

namespace twinpy {

struct ParseResult {
  std::unique_ptr<ast::Module> module;  // null on error
  std::optional<SyntaxErrorInfo> error;
};

// Parses a whole file (CPython's `exec` mode). Never throws, never crashes:
// any input yields either a module or an error. `filename` is only used in
// messages that CPython builds from it (currently none).
ParseResult Parse(std::string_view source, std::string_view filename);

// Parses a single expression (CPython's `eval` mode), e.g. for tests.
struct ExprParseResult {
  ast::ExprPtr expr;  // null on error
  std::optional<SyntaxErrorInfo> error;
};
ExprParseResult ParseExpression(std::string_view source,
                                std::string_view filename);

}  // namespace twinpy

#endif  // TWINPY_INTERP_PARSER_H_
