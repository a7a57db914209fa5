// Tokens of Python source, as produced by the lexer (interp/lexer.h).
#ifndef TWINPY_INTERP_TOKEN_H_
#define TWINPY_INTERP_TOKEN_H_

#include <cstdint>
#include <string_view>

namespace twinpy {

enum class TokenType : uint8_t {
  kEndMarker,
  kName,  // identifiers and keywords (see Token::kw)
  kNumber,
  kString,  // the whole literal, prefix and quotes included; f-strings too
  kNewline,
  kIndent,
  kDedent,
  kOp,
  kError,  // where the lexer stopped with an error (always the last token)
};

// Operators and delimiters. kUnknown is a character that is no operator
// (`$`, `?`, backtick): CPython's tokenizer passes it to the parser, which
// reports "invalid syntax" at it.
enum class Op : uint8_t {
  kNone,
  kLpar,
  kRpar,
  kLsqb,
  kRsqb,
  kLbrace,
  kRbrace,
  kColon,
  kComma,
  kSemi,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kVbar,
  kAmper,
  kLess,
  kGreater,
  kEqual,
  kDot,
  kPercent,
  kEqEqual,
  kNotEqual,
  kLessEqual,
  kGreaterEqual,
  kTilde,
  kCircumflex,
  kLeftShift,
  kRightShift,
  kDoubleStar,
  kPlusEqual,
  kMinEqual,
  kStarEqual,
  kSlashEqual,
  kPercentEqual,
  kAmperEqual,
  kVbarEqual,
  kCircumflexEqual,
  kLeftShiftEqual,
  kRightShiftEqual,
  kDoubleStarEqual,
  kDoubleSlash,
  kDoubleSlashEqual,
  kAt,
  kAtEqual,
  kRarrow,
  kEllipsis,
  kColonEqual,
  kUnknown,
};

// Hard keywords of Python 3.11.
enum class Kw : uint8_t {
  kNone,
  kFalse,
  kNoneKw,
  kTrue,
  kAnd,
  kAs,
  kAssert,
  kAsync,
  kAwait,
  kBreak,
  kClass,
  kContinue,
  kDef,
  kDel,
  kElif,
  kElse,
  kExcept,
  kFinally,
  kFor,
  kFrom,
  kGlobal,
  kIf,
  kImport,
  kIn,
  kIs,
  kLambda,
  kNonlocal,
  kNot,
  kOr,
  kPass,
  kRaise,
  kReturn,
  kTry,
  kWhile,
  kWith,
  kYield,
};

struct Token {
  TokenType type = TokenType::kEndMarker;
  Op op = Op::kNone;  // for kOp
  Kw kw = Kw::kNone;  // for kName: which keyword, if any
  // Bracket nesting depth after this token (CPython's token level).
  int16_t level = 0;
  std::string_view text;  // the token's bytes in the normalised source
  int line = 0;           // 1-based
  int col = 0;            // 0-based byte offset in its line
  int end_line = 0;
  int end_col = 0;
  // Where CPython would point a SyntaxError "at" this token: a 1-based
  // byte offset in `line`. Equals col + 1 for ordinary tokens; INDENT,
  // DEDENT and ENDMARKER have no start, and CPython then points at the
  // tokenizer's read position.
  int err_col = 0;
};

}  // namespace twinpy

#endif  // TWINPY_INTERP_TOKEN_H_
