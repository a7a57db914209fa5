// Python tokenizer: source text to a vector of tokens.
//
// Mirrors CPython 3.11's tokenizer (Parser/tokenizer.c) closely enough that
// error messages and positions agree: indentation stack with tab stops of 8
// (and a check against tab size 1 for TabError), implicit line joining in
// brackets, backslash continuation, numbers, strings as single tokens.
#ifndef TWINPY_INTERP_LEXER_H_
#define TWINPY_INTERP_LEXER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interp/syntax_error.h"
#include "interp/token.h"

namespace twinpy {

// How a lexer error interacts with parser errors. CPython's tokenizer raises
// most errors itself ("hard": they win over any parser error, since CPython
// tokenizes the rest of the file after a parse failure); a few it only
// signals with an error code, and the parser reports them only when it
// actually reaches that point ("soft").
enum class LexErrorKind {
  kHard,
  kEof,       // EOF inside brackets or after a backslash (E_EOF)
  kDedent,    // unindent does not match (E_DEDENT)
  kTabSpace,  // inconsistent tabs and spaces (E_TABSPACE)
  kTooDeep,   // too many levels of indentation (E_TOODEEP)
  kLineCont,  // unexpected character after line continuation (E_LINECONT)
};

struct LexError {
  LexErrorKind kind = LexErrorKind::kHard;
  SyntaxErrorInfo info;
  // For kEof: the innermost unclosed bracket, if any (level > 0).
  int open_paren_level = 0;
  char open_paren = 0;
  int open_paren_line = 0;
  int open_paren_col = 0;  // 0-based byte offset
};

struct LexResult {
  // Tokens up to the first error. When `error` is set the last token has
  // type kError and stands where the error was detected; otherwise the last
  // token is kEndMarker.
  std::vector<Token> tokens;
  std::optional<LexError> error;
};

class SourceText;

// Maximum bracket nesting (CPython's MAXLEVEL) and indentation depth
// (CPython's MAXINDENT).
inline constexpr int kMaxParenLevel = 200;
inline constexpr int kMaxIndent = 100;

// Holds the normalised source (CRLF and CR turned into LF, a final newline
// added, a UTF-8 BOM removed) and answers line queries for error messages.
// Tokens point into text(), so a SourceText must outlive its tokens.
class SourceText {
 public:
  SourceText() = default;
  // Normalises `raw`. Returns an error for invalid UTF-8 or NUL bytes.
  std::optional<SyntaxErrorInfo> Load(std::string_view raw,
                                      std::string_view filename);
  // Normalises without checking (for text already checked, e.g. f-string
  // replacement fields).
  void LoadTrusted(std::string text);

  const std::string& text() const { return text_; }
  // The 1-based line `line` without its newline ("" when out of range).
  std::string_view Line(int line) const;
  // CPython's SyntaxError.offset for a 1-based byte offset in `line`:
  // the number of characters in the first `byte_offset` bytes.
  int CharOffset(int line, int byte_offset) const;

 private:
  void IndexLines();
  std::string text_;
  std::vector<size_t> line_starts_;
};

// Tokenizes a whole source. `first_line` and `first_col` shift every
// position (used for f-string replacement fields, which are tokenized on
// their own but must report positions in the enclosing file).
LexResult Tokenize(const SourceText& source, int first_line = 1,
                   int first_col = 0);

// Fills `info.msg/line/col/...` for an error at 1-based byte offset
// `byte_col` of `line`, converting to CPython's character offset.
SyntaxErrorInfo MakeSyntaxError(const SourceText& source, std::string type,
                                std::string msg, int line, int byte_col,
                                int end_line = 0, int end_byte_col = 0);

// True for a Unicode code point that may start (or continue) an identifier.
// An approximation of XID_Start / XID_Continue good for common scripts.
bool IsIdentifierStart(uint32_t cp);
bool IsIdentifierContinue(uint32_t cp);
// Python's str.isprintable() for one code point (approximate).
bool IsPrintable(uint32_t cp);

}  // namespace twinpy

#endif  // TWINPY_INTERP_LEXER_H_
