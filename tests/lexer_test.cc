// Tokenizer tests: token streams (INDENT/DEDENT corner cases, numbers,
// strings, operators) and CPython 3.11's error messages and positions.
#include "interp/lexer.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace twinpy {
namespace {

std::string Describe(const Token& t) {
  switch (t.type) {
    case TokenType::kEndMarker:
      return "END";
    case TokenType::kNewline:
      return "NL";
    case TokenType::kIndent:
      return "IN";
    case TokenType::kDedent:
      return "DE";
    case TokenType::kName:
      return std::string(t.kw == Kw::kNone ? "N:" : "K:") + std::string(t.text);
    case TokenType::kNumber:
      return "#" + std::string(t.text);
    case TokenType::kString:
      return "S:" + std::string(t.text);
    case TokenType::kOp:
      return std::string(t.text);
    case TokenType::kError:
      return "ERR";
  }
  return "?";
}

struct Lexed {
  SourceText source;
  LexResult result;
};

// Tokens joined by spaces, e.g. "N:x = #1 NL END".
std::string Lex(const std::string& src,
                std::optional<LexError>* error = nullptr) {
  SourceText text;
  auto load_error = text.Load(src, "t.py");
  EXPECT_FALSE(load_error.has_value()) << load_error->msg;
  LexResult r = Tokenize(text);
  std::string out;
  for (const Token& t : r.tokens) {
    if (!out.empty()) out += ' ';
    out += Describe(t);
  }
  if (error != nullptr) *error = r.error;
  return out;
}

LexError LexErrorOf(const std::string& src) {
  std::optional<LexError> e;
  Lex(src, &e);
  EXPECT_TRUE(e.has_value()) << "no error for: " << src;
  return e.value_or(LexError{});
}

TEST(LexerTest, SimpleStatement) {
  EXPECT_EQ(Lex("x = 1\n"), "N:x = #1 NL END");
  EXPECT_EQ(Lex("print(a, b)"), "N:print ( N:a , N:b ) NL END");
}

TEST(LexerTest, Keywords) {
  EXPECT_EQ(Lex("if not x: pass"), "K:if K:not N:x : K:pass NL END");
  EXPECT_EQ(Lex("match = case"), "N:match = N:case NL END");  // soft keywords
  EXPECT_EQ(Lex("None True False"), "K:None K:True K:False NL END");
}

TEST(LexerTest, IndentDedent) {
  EXPECT_EQ(Lex("if x:\n    y\nz\n"), "K:if N:x : NL IN N:y NL DE N:z NL END");
  // Several levels closed at once, and at end of file.
  EXPECT_EQ(Lex("a:\n b:\n  c\nd\n"),
            "N:a : NL IN N:b : NL IN N:c NL DE DE N:d NL END");
  EXPECT_EQ(Lex("a:\n b:\n  c"), "N:a : NL IN N:b : NL IN N:c NL DE DE END");
}

TEST(LexerTest, BlankAndCommentLinesDoNotIndent) {
  EXPECT_EQ(Lex("if x:\n\n    # c\n        # deeper\n    y\n"),
            "K:if N:x : NL IN N:y NL DE END");
  EXPECT_EQ(Lex("x = 1  # trailing\n"), "N:x = #1 NL END");
  EXPECT_EQ(Lex("\n\n   \n"), "END");
  EXPECT_EQ(Lex(""), "END");
  EXPECT_EQ(Lex("# only a comment"), "END");
}

TEST(LexerTest, ImplicitLineJoining) {
  EXPECT_EQ(Lex("x = (1,\n        2,\n  3)\n"),
            "N:x = ( #1 , #2 , #3 ) NL END");
  EXPECT_EQ(Lex("f([\n{\n}\n])"), "N:f ( [ { } ] ) NL END");
}

TEST(LexerTest, BackslashContinuation) {
  EXPECT_EQ(Lex("x = 1 + \\\n    2\n"), "N:x = #1 + #2 NL END");
  EXPECT_EQ(Lex("if x:\n    a = \\\n1\n"),
            "K:if N:x : NL IN N:a = #1 NL DE END");
}

TEST(LexerTest, LineEndingsAndMissingFinalNewline) {
  EXPECT_EQ(Lex("a\r\nb\rc"), "N:a NL N:b NL N:c NL END");
  EXPECT_EQ(Lex("if x:\r\n  y"), "K:if N:x : NL IN N:y NL DE END");
}

TEST(LexerTest, TabsAdvanceToMultiplesOfEight) {
  EXPECT_EQ(Lex("if x:\n\ty\n\tz\n"), "K:if N:x : NL IN N:y NL N:z NL DE END");
  // A tab and eight spaces are the same column but not the same text.
  LexError e = LexErrorOf("if x:\n\ty\n        z\n");
  EXPECT_EQ(e.kind, LexErrorKind::kTabSpace);
  EXPECT_EQ(e.info.type, "TabError");
  EXPECT_EQ(e.info.msg, "inconsistent use of tabs and spaces in indentation");
  EXPECT_EQ(e.info.line, 3);
  EXPECT_EQ(e.info.col, 1);
}

TEST(LexerTest, InconsistentDedent) {
  LexError e = LexErrorOf("if x:\n    a\n  b\n");
  EXPECT_EQ(e.kind, LexErrorKind::kDedent);
  EXPECT_EQ(e.info.type, "IndentationError");
  EXPECT_EQ(e.info.msg, "unindent does not match any outer indentation level");
  EXPECT_EQ(e.info.line, 3);
  EXPECT_EQ(e.info.col, 4);
}

TEST(LexerTest, TooManyIndentationLevels) {
  std::string src;
  for (int i = 0; i < 150; ++i) src += std::string(i, ' ') + "if x:\n";
  LexError e = LexErrorOf(src);
  EXPECT_EQ(e.kind, LexErrorKind::kTooDeep);
  EXPECT_EQ(e.info.msg, "too many levels of indentation");
  EXPECT_EQ(e.info.line, 101);
}

TEST(LexerTest, Numbers) {
  EXPECT_EQ(Lex("0 00 0x_1f 0XaB 0o17 0O7 0b1_0 0B1 1_000 123"),
            "#0 #00 #0x_1f #0XaB #0o17 #0O7 #0b1_0 #0B1 #1_000 #123 NL END");
  EXPECT_EQ(Lex("1.5 .5 5. 1e10 1E-5 1.5e+3 0.0 00.5 1_0.2_5"),
            "#1.5 #.5 #5. #1e10 #1E-5 #1.5e+3 #0.0 #00.5 #1_0.2_5 NL END");
  EXPECT_EQ(Lex("1j 1.5J 0j 1e5j .5j 09.5 0e0"),
            "#1j #1.5J #0j #1e5j #.5j #09.5 #0e0 NL END");
  // A number may run into the keywords that can follow it.
  EXPECT_EQ(Lex("1if x else 2"), "#1 K:if N:x K:else #2 NL END");
  EXPECT_EQ(Lex("x[1:2]"), "N:x [ #1 : #2 ] NL END");
  EXPECT_EQ(Lex("1..real"), "#1. . N:real NL END");
}

struct ErrorCase {
  const char* src;
  const char* msg;
  int line;
  int col;
};

TEST(LexerTest, NumberErrorsMatchCPython) {
  // Values from CPython 3.11's compile().
  const ErrorCase cases[] = {
      {"0777",
       "leading zeros in decimal integer literals are not permitted; "
       "use an 0o prefix for octal integers",
       1, 1},
      {"1a", "invalid decimal literal", 1, 1},
      {"1_", "invalid decimal literal", 1, 2},
      {"1__0", "invalid decimal literal", 1, 2},
      {"1e", "invalid decimal literal", 1, 1},
      {"x = 1e+", "invalid decimal literal", 1, 7},
      {"0x", "invalid hexadecimal literal", 1, 2},
      {"0xg", "invalid hexadecimal literal", 1, 2},
      {"0b12", "invalid digit '2' in binary literal", 1, 4},
      {"0o8", "invalid digit '8' in octal literal", 1, 3},
      {"0b", "invalid binary literal", 1, 2},
  };
  for (const ErrorCase& c : cases) {
    LexError e = LexErrorOf(c.src);
    EXPECT_EQ(e.kind, LexErrorKind::kHard) << c.src;
    EXPECT_EQ(e.info.msg, c.msg) << c.src;
    EXPECT_EQ(e.info.line, c.line) << c.src;
    EXPECT_EQ(e.info.col, c.col) << c.src;
  }
}

TEST(LexerTest, Strings) {
  EXPECT_EQ(Lex("'a' \"b\" '''c''' \"\"\"d\"\"\""),
            "S:'a' S:\"b\" S:'''c''' S:\"\"\"d\"\"\" NL END");
  EXPECT_EQ(Lex("r'\\d' b'x' f'{x}' rb'y' BR'z' Rf'w' fR'v' u'u' U'U'"),
            "S:r'\\d' S:b'x' S:f'{x}' S:rb'y' S:BR'z' S:Rf'w' S:fR'v' S:u'u' "
            "S:U'U' NL END");
  EXPECT_EQ(Lex("'it\\'s' 'a\\\\'"), "S:'it\\'s' S:'a\\\\' NL END");
  // Not prefixes: ub, bu, fb are names followed by strings.
  EXPECT_EQ(Lex("ub'x'"), "N:ub S:'x' NL END");
  EXPECT_EQ(Lex("''"), "S:'' NL END");
  EXPECT_EQ(Lex("'a\\\nb'"), "S:'a\\\nb' NL END");
}

TEST(LexerTest, TripleQuotedStringPositions) {
  SourceText text;
  ASSERT_FALSE(text.Load("x = '''a\nbc'''  + 1\n", "t.py").has_value());
  LexResult r = Tokenize(text);
  ASSERT_FALSE(r.error.has_value());
  const Token& s = r.tokens[2];
  EXPECT_EQ(s.type, TokenType::kString);
  EXPECT_EQ(s.line, 1);
  EXPECT_EQ(s.col, 4);
  EXPECT_EQ(s.end_line, 2);
  EXPECT_EQ(s.end_col, 5);
  EXPECT_EQ(r.tokens[3].line, 2);  // '+'
  EXPECT_EQ(r.tokens[3].col, 7);
}

TEST(LexerTest, UnterminatedStrings) {
  LexError e = LexErrorOf("x = 'abc\n");
  EXPECT_EQ(e.info.msg, "unterminated string literal (detected at line 1)");
  EXPECT_EQ(e.info.line, 1);
  EXPECT_EQ(e.info.col, 5);
  e = LexErrorOf("'abc\\\ndef");
  EXPECT_EQ(e.info.msg, "unterminated string literal (detected at line 2)");
  EXPECT_EQ(e.info.col, 1);
  e = LexErrorOf("x = 1\ny = b\"\"\"abc\n\n");
  EXPECT_EQ(e.info.msg,
            "unterminated triple-quoted string literal (detected at line 3)");
  EXPECT_EQ(e.info.line, 2);
  EXPECT_EQ(e.info.col, 5);
}

TEST(LexerTest, Operators) {
  EXPECT_EQ(Lex("a += b -= c *= d /= e //= f %= g @= h &= i |= j ^= k >>= l "
                "<<= m **= n := o"),
            "N:a += N:b -= N:c *= N:d /= N:e //= N:f %= N:g @= N:h &= N:i |= "
            "N:j ^= N:k >>= N:l <<= N:m **= N:n := N:o NL END");
  EXPECT_EQ(Lex("a->b ... . == != <= >= < > << >> ** // ~ ^ | & @ % ; ,"),
            "N:a -> N:b ... . == != <= >= < > << >> ** // ~ ^ | & @ % ; , NL "
            "END");
  SourceText text;
  ASSERT_FALSE(text.Load("a.. b", "t.py").has_value());
  LexResult r = Tokenize(text);
  EXPECT_EQ(r.tokens[1].op, Op::kDot);
  EXPECT_EQ(r.tokens[2].op, Op::kDot);
}

TEST(LexerTest, NonAsciiIdentifiers) {
  EXPECT_EQ(Lex("é = 1\nαβγ = имя_2\n"), "N:é = #1 NL N:αβγ = N:имя_2 NL END");
  // Columns are byte offsets, as CPython's col_offset.
  SourceText text;
  ASSERT_FALSE(text.Load("é = 1", "t.py").has_value());
  LexResult r = Tokenize(text);
  EXPECT_EQ(r.tokens[1].col, 3);
}

TEST(LexerTest, InvalidCharacters) {
  LexError e = LexErrorOf("x = €");
  EXPECT_EQ(e.info.msg, "invalid character '€' (U+20AC)");
  EXPECT_EQ(e.info.col, 5);  // a character offset, not bytes
  e = LexErrorOf("a = “hello”");
  EXPECT_EQ(e.info.msg, "invalid character '“' (U+201C)");
  e = LexErrorOf("x = 1 \xe2\x80\x8b+ 2");
  EXPECT_EQ(e.info.msg, "invalid non-printable character U+200B");
  EXPECT_EQ(e.info.col, 7);
  e = LexErrorOf("x = 1\n\x01\n");
  EXPECT_EQ(e.info.msg, "invalid non-printable character U+0001");
  EXPECT_EQ(e.info.line, 2);
  EXPECT_EQ(e.info.col, 1);
  // $, ? and backtick reach the parser, which says "invalid syntax".
  EXPECT_EQ(Lex("a $ b ? `"), "N:a $ N:b ? ` NL END");
  SourceText text;
  ASSERT_FALSE(text.Load("$", "t.py").has_value());
  EXPECT_EQ(Tokenize(text).tokens[0].op, Op::kUnknown);
}

TEST(LexerTest, Brackets) {
  LexError e = LexErrorOf("x = )");
  EXPECT_EQ(e.info.msg, "unmatched ')'");
  EXPECT_EQ(e.info.col, 5);
  e = LexErrorOf("x = (]");
  EXPECT_EQ(e.info.msg,
            "closing parenthesis ']' does not match opening parenthesis '('");
  EXPECT_EQ(e.info.col, 6);
  e = LexErrorOf("x = (\n]");
  EXPECT_EQ(e.info.msg,
            "closing parenthesis ']' does not match opening parenthesis '(' "
            "on line 1");
  e = LexErrorOf(std::string(201, '(') + std::string(201, ')'));
  EXPECT_EQ(e.info.msg, "too many nested parentheses");
  EXPECT_EQ(e.info.col, 201);
  std::optional<LexError> none;
  Lex(std::string(200, '[') + std::string(200, ']'), &none);
  EXPECT_FALSE(none.has_value());
  // End of file inside brackets: reported by the parser as never closed.
  e = LexErrorOf("x = [1,\n  (2,\n");
  EXPECT_EQ(e.kind, LexErrorKind::kEof);
  EXPECT_EQ(e.open_paren, '(');
  EXPECT_EQ(e.open_paren_line, 2);
  EXPECT_EQ(e.open_paren_col, 2);
}

TEST(LexerTest, LineContinuationErrors) {
  LexError e = LexErrorOf("x = 1 \\ y");
  EXPECT_EQ(e.kind, LexErrorKind::kLineCont);
  EXPECT_EQ(e.info.msg,
            "unexpected character after line continuation character");
  EXPECT_EQ(e.info.col, 8);
  e = LexErrorOf("x = 1 +\\");
  EXPECT_EQ(e.kind, LexErrorKind::kEof);
  EXPECT_EQ(e.info.msg, "unexpected EOF while parsing");
  EXPECT_EQ(e.info.col, 9);
}

TEST(LexerTest, SourceChecks) {
  SourceText text;
  auto e = text.Load(std::string("x = 1\ny = 'a\0'\n", 14), "t.py");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->msg, "source code cannot contain null bytes");
  EXPECT_EQ(e->line, 2);
  e = text.Load("x = 1\ny = '\xff'\n", "t.py");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->msg,
            "Non-UTF-8 code starting with '\\xff' in file t.py on line 2, but "
            "no encoding declared; see https://peps.python.org/pep-0263/ for "
            "details");
  EXPECT_EQ(e->line, 2);
  e = text.Load("x = '\xc3'", "t.py");  // truncated sequence
  ASSERT_TRUE(e.has_value());
  e = text.Load("x = '\xed\xa0\x80'", "t.py");  // encoded surrogate
  ASSERT_TRUE(e.has_value());
  // A UTF-8 byte order mark is skipped.
  EXPECT_EQ(Lex("\xEF\xBB\xBFx = 1"), "N:x = #1 NL END");
}

TEST(LexerTest, CharOffsetCountsCharacters) {
  SourceText text;
  ASSERT_FALSE(text.Load("é = ü + x\nab\n", "t.py").has_value());
  EXPECT_EQ(text.CharOffset(1, 1), 1);
  EXPECT_EQ(text.CharOffset(1, 3), 2);     // after 'é' (2 bytes)
  EXPECT_EQ(text.CharOffset(1, 100), 10);  // clamped to the line + newline
  EXPECT_EQ(text.Line(2), "ab");
  EXPECT_EQ(text.Line(3), "");
}

TEST(LexerTest, FirstLineAndColumnShift) {
  SourceText text;
  text.LoadTrusted("(a +\nb)");
  LexResult r = Tokenize(text, 5, 10);
  ASSERT_FALSE(r.error.has_value());
  EXPECT_EQ(r.tokens[1].line, 5);  // a
  EXPECT_EQ(r.tokens[1].col, 11);
  EXPECT_EQ(r.tokens[3].line, 6);  // b: later lines are not shifted
  EXPECT_EQ(r.tokens[3].col, 0);
}

TEST(LexerTest, UnicodeClassification) {
  EXPECT_TRUE(IsIdentifierStart('a'));
  EXPECT_FALSE(IsIdentifierStart('1'));
  EXPECT_TRUE(IsIdentifierContinue('1'));
  EXPECT_TRUE(IsIdentifierStart(0xE9));     // é
  EXPECT_TRUE(IsIdentifierStart(0x4E2D));   // 中
  EXPECT_FALSE(IsIdentifierStart(0x20AC));  // €
  EXPECT_FALSE(IsIdentifierStart(0x0301));  // combining acute
  EXPECT_TRUE(IsIdentifierContinue(0x0301));
  EXPECT_FALSE(IsIdentifierStart(0x1F600));  // emoji
  EXPECT_TRUE(IsPrintable('a'));
  EXPECT_FALSE(IsPrintable(0x200B));
  EXPECT_FALSE(IsPrintable(0xA0));
  EXPECT_TRUE(IsPrintable(0xE9));
}

}  // namespace
}  // namespace twinpy
