// The tokenizer follows the control flow of CPython 3.11's tokenizer.c
// (read one byte at a time, back up when a token ends) because the column
// CPython reports for an error is simply where its read position stood.
#include "interp/lexer.h"

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <utility>

namespace twinpy {
namespace {

constexpr int kEof = -1;
constexpr int kTabSize = 8;

bool IsAsciiDigit(int c) { return c >= '0' && c <= '9'; }
bool IsAsciiHexDigit(int c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsPotentialIdentifierStart(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c >= 128;
}
bool IsPotentialIdentifierChar(int c) {
  return IsPotentialIdentifierStart(c) || IsAsciiDigit(c);
}

// Decodes one UTF-8 sequence at s[i] (already validated). Returns the code
// point and advances i.
uint32_t DecodeUtf8(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  uint32_t cp = n == 0   ? c
                : n == 1 ? (c & 0x1F)
                : n == 2 ? (c & 0x0F)
                         : (c & 0x07);
  ++*i;
  for (int k = 0; k < n && *i < s.size(); ++k, ++*i) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i]) & 0x3F);
  }
  return cp;
}

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

struct Range {
  uint32_t lo, hi;
};

bool InRanges(uint32_t cp, const Range* ranges, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (cp >= ranges[i].lo && cp <= ranges[i].hi) return true;
  }
  return false;
}

// Code points >= 0x80 that are neither XID_Start nor XID_Continue, for the
// blocks people actually type by accident (punctuation, symbols, currency,
// arrows, box drawing, emoji, ...). Everything else non-ASCII is accepted.
constexpr Range kNotIdentifier[] = {
    {0x80, 0xA9},       {0xAB, 0xB4},        {0xB6, 0xB6},
    {0xB8, 0xB9},       {0xBB, 0xBF},        {0xD7, 0xD7},
    {0xF7, 0xF7},       {0x2C2, 0x2C5},      {0x2D2, 0x2DF},
    {0x2E5, 0x2EB},     {0x2ED, 0x2ED},      {0x2EF, 0x2FF},
    {0x375, 0x375},     {0x37E, 0x37E},      {0x384, 0x385},
    {0x387, 0x387},     {0x3F6, 0x3F6},      {0x482, 0x482},
    {0x55A, 0x55F},     {0x589, 0x58A},      {0x5BE, 0x5BE},
    {0x5C0, 0x5C0},     {0x5C3, 0x5C3},      {0x5C6, 0x5C6},
    {0x5F3, 0x5F4},     {0x600, 0x60F},      {0x61B, 0x61F},
    {0x66A, 0x66D},     {0x6D4, 0x6D4},      {0x964, 0x965},
    {0x970, 0x970},     {0xE3F, 0xE3F},      {0xE4F, 0xE4F},
    {0xE5A, 0xE5B},     {0x2000, 0x203E},    {0x2041, 0x2053},
    {0x2055, 0x206F},   {0x2070, 0x2070},    {0x2072, 0x207E},
    {0x2080, 0x208F},   {0x20A0, 0x20FF},    {0x2100, 0x2101},
    {0x2103, 0x2106},   {0x2108, 0x2109},    {0x2114, 0x2114},
    {0x2116, 0x2118},   {0x211E, 0x2123},    {0x2125, 0x2125},
    {0x2127, 0x2127},   {0x2129, 0x2129},    {0x212E, 0x212E},
    {0x213A, 0x213B},   {0x2140, 0x2144},    {0x214A, 0x214D},
    {0x214F, 0x215F},   {0x2189, 0x2BFF},    {0x2CE5, 0x2CEA},
    {0x2CF9, 0x2CFF},   {0x2E00, 0x2E7F},    {0x2FF0, 0x3004},
    {0x3008, 0x3020},   {0x3030, 0x3030},    {0x3036, 0x3037},
    {0x303D, 0x303F},   {0x309B, 0x309C},    {0x30A0, 0x30A0},
    {0x30FB, 0x30FB},   {0x3200, 0x33FF},    {0x4DC0, 0x4DFF},
    {0xA490, 0xA4CF},   {0xD800, 0xF8FF},    {0xFD3E, 0xFD3F},
    {0xFE10, 0xFE1F},   {0xFE30, 0xFE32},    {0xFE35, 0xFE4C},
    {0xFE50, 0xFE6F},   {0xFEFF, 0xFEFF},    {0xFF01, 0xFF0F},
    {0xFF1A, 0xFF20},   {0xFF3B, 0xFF3E},    {0xFF40, 0xFF40},
    {0xFF5B, 0xFF65},   {0xFFE0, 0xFFFF},    {0x1D000, 0x1D3FF},
    {0x1F000, 0x1FBFF}, {0xE0000, 0x10FFFF},
};

// Combining marks and non-ASCII digits: may continue but not start a name.
constexpr Range kContinueOnly[] = {
    {0x300, 0x36F},   {0x483, 0x487},   {0x591, 0x5BD},   {0x660, 0x669},
    {0x6F0, 0x6F9},   {0x966, 0x96F},   {0xE50, 0xE59},   {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x203F, 0x2040}, {0x2054, 0x2054}, {0x20D0, 0x20FF},
    {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFE33, 0xFE34}, {0xFE4D, 0xFE4F},
    {0xFF10, 0xFF19}, {0xFF3F, 0xFF3F},
};

// Code points Python's str.isprintable() rejects: controls, separators
// other than ASCII space, format characters, surrogates, private use,
// unassigned planes.
constexpr Range kNonPrintable[] = {
    {0x00, 0x1F},        {0x7F, 0xA0},       {0xAD, 0xAD},
    {0x600, 0x605},      {0x61C, 0x61C},     {0x6DD, 0x6DD},
    {0x70F, 0x70F},      {0x180E, 0x180E},   {0x2000, 0x200F},
    {0x2028, 0x202F},    {0x205F, 0x2064},   {0x2066, 0x206F},
    {0x3000, 0x3000},    {0xD800, 0xF8FF},   {0xFDD0, 0xFDEF},
    {0xFEFF, 0xFEFF},    {0xFFF0, 0xFFFB},   {0xFFFE, 0xFFFF},
    {0x1FFFE, 0x1FFFF},  {0x2FFFE, 0x2FFFF}, {0x3134B, 0xDFFFF},
    {0xE0000, 0x10FFFF},
};

Kw KeywordOf(std::string_view s) {
  struct Entry {
    const char* name;
    Kw kw;
  };
  static constexpr Entry kTable[] = {
      {"False", Kw::kFalse},
      {"None", Kw::kNoneKw},
      {"True", Kw::kTrue},
      {"and", Kw::kAnd},
      {"as", Kw::kAs},
      {"assert", Kw::kAssert},
      {"async", Kw::kAsync},
      {"await", Kw::kAwait},
      {"break", Kw::kBreak},
      {"class", Kw::kClass},
      {"continue", Kw::kContinue},
      {"def", Kw::kDef},
      {"del", Kw::kDel},
      {"elif", Kw::kElif},
      {"else", Kw::kElse},
      {"except", Kw::kExcept},
      {"finally", Kw::kFinally},
      {"for", Kw::kFor},
      {"from", Kw::kFrom},
      {"global", Kw::kGlobal},
      {"if", Kw::kIf},
      {"import", Kw::kImport},
      {"in", Kw::kIn},
      {"is", Kw::kIs},
      {"lambda", Kw::kLambda},
      {"nonlocal", Kw::kNonlocal},
      {"not", Kw::kNot},
      {"or", Kw::kOr},
      {"pass", Kw::kPass},
      {"raise", Kw::kRaise},
      {"return", Kw::kReturn},
      {"try", Kw::kTry},
      {"while", Kw::kWhile},
      {"with", Kw::kWith},
      {"yield", Kw::kYield},
  };
  if (s.size() < 2 || s.size() > 8) return Kw::kNone;
  for (const Entry& e : kTable) {
    if (s == e.name) return e.kw;
  }
  return Kw::kNone;
}

Op OneCharOp(int c) {
  switch (c) {
    case '(':
      return Op::kLpar;
    case ')':
      return Op::kRpar;
    case '[':
      return Op::kLsqb;
    case ']':
      return Op::kRsqb;
    case '{':
      return Op::kLbrace;
    case '}':
      return Op::kRbrace;
    case ':':
      return Op::kColon;
    case ',':
      return Op::kComma;
    case ';':
      return Op::kSemi;
    case '+':
      return Op::kPlus;
    case '-':
      return Op::kMinus;
    case '*':
      return Op::kStar;
    case '/':
      return Op::kSlash;
    case '|':
      return Op::kVbar;
    case '&':
      return Op::kAmper;
    case '<':
      return Op::kLess;
    case '>':
      return Op::kGreater;
    case '=':
      return Op::kEqual;
    case '.':
      return Op::kDot;
    case '%':
      return Op::kPercent;
    case '~':
      return Op::kTilde;
    case '^':
      return Op::kCircumflex;
    case '@':
      return Op::kAt;
    case '!':
      return Op::kUnknown;  // not a token in 3.11
    default:
      return Op::kUnknown;
  }
}

Op TwoCharOp(int c1, int c2) {
  switch (c1) {
    case '!':
      if (c2 == '=') return Op::kNotEqual;
      break;
    case '%':
      if (c2 == '=') return Op::kPercentEqual;
      break;
    case '&':
      if (c2 == '=') return Op::kAmperEqual;
      break;
    case '*':
      if (c2 == '*') return Op::kDoubleStar;
      if (c2 == '=') return Op::kStarEqual;
      break;
    case '+':
      if (c2 == '=') return Op::kPlusEqual;
      break;
    case '-':
      if (c2 == '=') return Op::kMinEqual;
      if (c2 == '>') return Op::kRarrow;
      break;
    case '/':
      if (c2 == '/') return Op::kDoubleSlash;
      if (c2 == '=') return Op::kSlashEqual;
      break;
    case ':':
      if (c2 == '=') return Op::kColonEqual;
      break;
    case '<':
      if (c2 == '<') return Op::kLeftShift;
      if (c2 == '=') return Op::kLessEqual;
      if (c2 == '>') return Op::kNotEqual;  // only valid under barry_as_FLUFL
      break;
    case '=':
      if (c2 == '=') return Op::kEqEqual;
      break;
    case '>':
      if (c2 == '=') return Op::kGreaterEqual;
      if (c2 == '>') return Op::kRightShift;
      break;
    case '@':
      if (c2 == '=') return Op::kAtEqual;
      break;
    case '^':
      if (c2 == '=') return Op::kCircumflexEqual;
      break;
    case '|':
      if (c2 == '=') return Op::kVbarEqual;
      break;
    default:
      break;
  }
  return Op::kNone;
}

Op ThreeCharOp(int c1, int c2, int c3) {
  if (c3 != '=') {
    if (c1 == '.' && c2 == '.' && c3 == '.') return Op::kEllipsis;
    return Op::kNone;
  }
  if (c1 == '*' && c2 == '*') return Op::kDoubleStarEqual;
  if (c1 == '/' && c2 == '/') return Op::kDoubleSlashEqual;
  if (c1 == '<' && c2 == '<') return Op::kLeftShiftEqual;
  if (c1 == '>' && c2 == '>') return Op::kRightShiftEqual;
  return Op::kNone;
}

std::string Format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string Format(const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return buf;
}

class Lexer {
 public:
  Lexer(const SourceText& source, int first_line, int first_col)
      : src_(source),
        text_(source.text()),
        line_shift_(first_line - 1),
        first_col_(first_col) {}

  LexResult Run() {
    LexResult result;
    // Typical Python averages well under one token per 3 bytes.
    result.tokens.reserve(text_.size() / 3 + 16);
    for (;;) {
      Token tok;
      bool ok = Next(&tok);
      if (!ok) {
        Token err;
        err.type = TokenType::kError;
        err.line = err.end_line = lineno_ + line_shift_;
        err.col = err.end_col = static_cast<int>(cur_ - line_start_);
        err.err_col = err.col;
        err.level = static_cast<int16_t>(level_);
        result.tokens.push_back(err);
        result.error = std::move(error_);
        return result;
      }
      result.tokens.push_back(tok);
      if (tok.type == TokenType::kEndMarker) return result;
    }
  }

 private:
  int NextC() {
    if (cur_ >= text_.size()) {
      cur_ = text_.size();
      return kEof;
    }
    if (cur_ > line_start_ && text_[cur_ - 1] == '\n') {
      line_start_ = cur_;
      ++lineno_;
    }
    return static_cast<unsigned char>(text_[cur_++]);
  }

  void Backup(int c) {
    if (c != kEof) --cur_;
  }

  int ColOf(size_t pos) const {
    int col = static_cast<int>(pos - line_start_);
    return lineno_ == 1 ? col + first_col_ : col;
  }

  // CPython's syntaxerror(): the column is where the read position stands.
  bool HardError(std::string msg) {
    return HardErrorAt(std::move(msg), static_cast<int>(cur_ - line_start_),
                       -1);
  }

  bool HardErrorAt(std::string msg, int byte_col, int end_byte_col) {
    LexError e;
    e.kind = LexErrorKind::kHard;
    int line = lineno_ + line_shift_;
    int shift = lineno_ == 1 ? first_col_ : 0;
    e.info = MakeSyntaxError(
        src_, "SyntaxError", std::move(msg), lineno_, byte_col + shift, lineno_,
        (end_byte_col < 0 ? byte_col : end_byte_col) + shift);
    e.info.line = line;
    e.info.end_line = line;
    error_ = std::move(e);
    return false;
  }

  bool SoftError(LexErrorKind kind) {
    LexError e;
    e.kind = kind;
    e.info.type = "SyntaxError";
    e.info.line = lineno_ + line_shift_;
    e.info.text = std::string(src_.Line(lineno_));
    int shift = lineno_ == 1 ? first_col_ : 0;
    int byte_col = static_cast<int>(cur_ - line_start_);
    switch (kind) {
      case LexErrorKind::kEof:
        e.info.msg = "unexpected EOF while parsing";
        if (level_ > 0) {
          e.open_paren_level = level_;
          e.open_paren = paren_stack_[level_ - 1];
          e.open_paren_line = paren_line_[level_ - 1] + line_shift_;
          e.open_paren_col = paren_col_[level_ - 1];
        }
        break;
      case LexErrorKind::kDedent:
        e.info.type = "IndentationError";
        e.info.msg = "unindent does not match any outer indentation level";
        break;
      case LexErrorKind::kTabSpace:
        e.info.type = "TabError";
        e.info.msg = "inconsistent use of tabs and spaces in indentation";
        byte_col = 1;
        break;
      case LexErrorKind::kTooDeep:
        e.info.type = "IndentationError";
        e.info.msg = "too many levels of indentation";
        byte_col = 1;
        break;
      case LexErrorKind::kLineCont:
        e.info.msg = "unexpected character after line continuation character";
        break;
      case LexErrorKind::kHard:
        break;
    }
    e.info.col = src_.CharOffset(lineno_, byte_col + shift);
    e.info.end_line = e.info.line;
    error_ = std::move(e);
    return false;
  }

  void Emit(Token* tok, TokenType type, size_t start, size_t end,
            int start_line) {
    tok->type = type;
    tok->text = std::string_view(text_).substr(start, end - start);
    tok->line = start_line + line_shift_;
    // The start may lie on an earlier line (triple-quoted strings).
    size_t start_line_begin = start_line == lineno_
                                  ? line_start_
                                  : static_cast<size_t>(multi_line_start_);
    int col = static_cast<int>(start - start_line_begin);
    tok->col = start_line == 1 ? col + first_col_ : col;
    tok->end_line = lineno_ + line_shift_;
    tok->end_col = ColOf(end);
    tok->err_col = tok->col + 1;
    tok->level = static_cast<int16_t>(level_);
  }

  void EmitNoStart(Token* tok, TokenType type) {
    tok->type = type;
    tok->text = std::string_view();
    tok->line = tok->end_line = lineno_ + line_shift_;
    tok->col = tok->end_col = ColOf(cur_);
    tok->err_col = tok->col;
    tok->level = static_cast<int16_t>(level_);
  }

  // tok_continuation_line(): after a backslash.
  bool ContinuationLine(int* out) {
    int c = NextC();
    if (c != '\n') return SoftError(LexErrorKind::kLineCont);
    c = NextC();
    if (c == kEof) return SoftError(LexErrorKind::kEof);
    Backup(c);
    *out = c;
    return true;
  }

  // Computes indentation at the beginning of a line; may queue INDENT or
  // DEDENT tokens in pendin_. Sets *blankline.
  bool Indentation(bool* blankline) {
    int col = 0, altcol = 0, cont_line_col = 0;
    int c;
    for (;;) {
      c = NextC();
      if (c == ' ') {
        ++col;
        ++altcol;
      } else if (c == '\t') {
        col = (col / kTabSize + 1) * kTabSize;
        altcol = altcol + 1;
      } else if (c == '\014') {
        col = altcol = 0;
      } else if (c == '\\') {
        // The first backslash decides the indentation of what follows.
        cont_line_col = cont_line_col ? cont_line_col : col;
        if (!ContinuationLine(&c)) return false;
      } else {
        break;
      }
    }
    Backup(c);
    if (c == '#' || c == '\n' || c == '\r') *blankline = true;
    // At EOF a line of only whitespace counts as blank for dedenting
    // purposes only if nothing follows; CPython dedents to column 0.
    if (c == kEof) col = altcol = 0;
    if (*blankline || level_ != 0) return true;
    if (cont_line_col) col = altcol = cont_line_col;
    if (col == indstack_[indent_]) {
      if (altcol != altindstack_[indent_]) {
        return SoftError(LexErrorKind::kTabSpace);
      }
    } else if (col > indstack_[indent_]) {
      if (indent_ + 1 >= kMaxIndent) {
        cur_ = LineEnd();
        return SoftError(LexErrorKind::kTooDeep);
      }
      if (altcol <= altindstack_[indent_]) {
        return SoftError(LexErrorKind::kTabSpace);
      }
      ++pendin_;
      ++indent_;
      indstack_[indent_] = col;
      altindstack_[indent_] = altcol;
    } else {
      while (indent_ > 0 && col < indstack_[indent_]) {
        --pendin_;
        --indent_;
      }
      if (col != indstack_[indent_]) {
        cur_ = LineEnd();
        return SoftError(LexErrorKind::kDedent);
      }
      if (altcol != altindstack_[indent_]) {
        return SoftError(LexErrorKind::kTabSpace);
      }
    }
    return true;
  }

  // End of the current line including its newline (CPython's tok->inp).
  size_t LineEnd() const {
    size_t nl = text_.find('\n', line_start_);
    return nl == std::string::npos ? text_.size() : nl + 1;
  }

  // Validates a name containing non-ASCII bytes (verify_identifier()).
  bool VerifyIdentifier(size_t start) {
    std::string_view s = std::string_view(text_).substr(start, cur_ - start);
    size_t i = 0;
    bool first = true;
    while (i < s.size()) {
      uint32_t cp = DecodeUtf8(s, &i);
      bool ok;
      if (cp < 0x80) {
        ok = IsPotentialIdentifierChar(static_cast<int>(cp)) &&
             !(first && IsAsciiDigit(static_cast<int>(cp)));
      } else {
        ok = first ? IsIdentifierStart(cp) : IsIdentifierContinue(cp);
      }
      if (!ok) {
        cur_ = start + i;  // just past the offending character
        if (IsPrintable(cp)) {
          std::string ch;
          AppendUtf8(&ch, cp);
          return HardError(Format("invalid character '%s' (U+%04X)", ch.c_str(),
                                  static_cast<unsigned>(cp)));
        }
        return HardError(Format("invalid non-printable character U+%04X",
                                static_cast<unsigned>(cp)));
      }
      first = false;
    }
    return true;
  }

  // verify_end_of_number(): a number may not run into a name, except into
  // the keywords that can legally follow a number (a warning in CPython).
  bool VerifyEndOfNumber(int c, const char* kind) {
    bool r = false;
    auto lookahead = [&](const char* rest) {
      size_t n = std::strlen(rest);
      return text_.compare(cur_, n, rest) == 0;
    };
    if (c == 'a') {
      r = lookahead("nd");
    } else if (c == 'e') {
      r = lookahead("lse");
    } else if (c == 'f') {
      r = lookahead("or");
    } else if (c == 'i') {
      int c2 = cur_ < text_.size() ? text_[cur_] : 0;
      r = c2 == 'f' || c2 == 'n' || c2 == 's';
    } else if (c == 'o') {
      r = lookahead("r");
    } else if (c == 'n') {
      r = lookahead("ot");
    }
    if (r) return true;
    if (c != kEof && IsPotentialIdentifierChar(c)) {
      Backup(c);
      return HardError(Format("invalid %s literal", kind));
    }
    return true;
  }

  // tok_decimal_tail(): digits with single underscores between them.
  // Returns the first character after them, or -2 after an error.
  int DecimalTail() {
    int c;
    for (;;) {
      do {
        c = NextC();
      } while (IsAsciiDigit(c));
      if (c != '_') break;
      c = NextC();
      if (!IsAsciiDigit(c)) {
        Backup(c);
        HardError("invalid decimal literal");
        return -2;
      }
    }
    return c;
  }

  // Non-decimal integers after the prefix: hex, octal or binary.
  bool RadixDigits(int base, const char* kind, int* out) {
    auto is_digit = [base](int c) {
      if (base == 16) return IsAsciiHexDigit(c);
      return c >= '0' && c < '0' + base;
    };
    int c = NextC();
    do {
      if (c == '_') c = NextC();
      if (!is_digit(c)) {
        if (base != 16 && IsAsciiDigit(c)) {
          return HardError(Format("invalid digit '%c' in %s literal", c, kind));
        }
        Backup(c);
        return HardError(Format("invalid %s literal", kind));
      }
      do {
        c = NextC();
      } while (is_digit(c));
    } while (c == '_');
    if (base != 16 && IsAsciiDigit(c)) {
      return HardError(Format("invalid digit '%c' in %s literal", c, kind));
    }
    if (!VerifyEndOfNumber(c, kind)) return false;
    *out = c;
    return true;
  }

  bool Number(int c, size_t start, bool leading_dot, Token* tok) {
    enum { kInt, kFraction, kExponent, kImaginary, kDone } state = kInt;
    if (leading_dot) {
      state = kFraction;
    } else if (c == '0') {
      c = NextC();
      if (c == 'x' || c == 'X') {
        if (!RadixDigits(16, "hexadecimal", &c)) return false;
        state = kDone;
      } else if (c == 'o' || c == 'O') {
        if (!RadixDigits(8, "octal", &c)) return false;
        state = kDone;
      } else if (c == 'b' || c == 'B') {
        if (!RadixDigits(2, "binary", &c)) return false;
        state = kDone;
      } else {
        bool nonzero = false;
        for (;;) {
          if (c == '_') {
            c = NextC();
            if (!IsAsciiDigit(c)) {
              Backup(c);
              return HardError("invalid decimal literal");
            }
          }
          if (c != '0') break;
          c = NextC();
        }
        size_t zeros_end = cur_;
        if (IsAsciiDigit(c)) {
          nonzero = true;
          c = DecimalTail();
          if (c == -2) return false;
        }
        if (c == '.') {
          c = NextC();
          state = kFraction;
        } else if (c == 'e' || c == 'E') {
          state = kExponent;
        } else if (c == 'j' || c == 'J') {
          state = kImaginary;
        } else if (nonzero) {
          Backup(c);
          return HardErrorAt(
              "leading zeros in decimal integer literals are not permitted; "
              "use an 0o prefix for octal integers",
              static_cast<int>(start + 1 - line_start_),
              static_cast<int>(zeros_end - line_start_));
        } else {
          if (!VerifyEndOfNumber(c, "decimal")) return false;
          state = kDone;
        }
      }
    } else {
      c = DecimalTail();
      if (c == -2) return false;
      if (c == '.') {
        c = NextC();
        state = kFraction;
      } else if (c == 'e' || c == 'E') {
        state = kExponent;
      } else if (c == 'j' || c == 'J') {
        state = kImaginary;
      } else {
        if (!VerifyEndOfNumber(c, "decimal")) return false;
        state = kDone;
      }
    }
    if (state == kFraction) {
      if (IsAsciiDigit(c)) {
        c = DecimalTail();
        if (c == -2) return false;
      }
      if (c == 'e' || c == 'E') {
        state = kExponent;
      } else if (c == 'j' || c == 'J') {
        state = kImaginary;
      } else {
        if (!VerifyEndOfNumber(c, "decimal")) return false;
        state = kDone;
      }
    }
    if (state == kExponent) {
      int e = c;
      c = NextC();
      if (c == '+' || c == '-') {
        c = NextC();
        if (!IsAsciiDigit(c)) {
          Backup(c);
          return HardError("invalid decimal literal");
        }
      } else if (!IsAsciiDigit(c)) {
        Backup(c);
        if (!VerifyEndOfNumber(e, "decimal")) return false;
        Backup(e);
        Emit(tok, TokenType::kNumber, start, cur_, lineno_);
        return true;
      }
      c = DecimalTail();
      if (c == -2) return false;
      if (c == 'j' || c == 'J') {
        state = kImaginary;
      } else {
        if (!VerifyEndOfNumber(c, "decimal")) return false;
        state = kDone;
      }
    }
    if (state == kImaginary) {
      c = NextC();
      if (!VerifyEndOfNumber(c, "imaginary")) return false;
    }
    Backup(c);
    Emit(tok, TokenType::kNumber, start, cur_, lineno_);
    return true;
  }

  bool String(int quote, size_t start, Token* tok) {
    int first_lineno = lineno_;
    multi_line_start_ = line_start_;
    int quote_size = 1, end_quote_size = 0;
    int c = NextC();
    if (c == quote) {
      c = NextC();
      if (c == quote) {
        quote_size = 3;
      } else {
        end_quote_size = 1;  // the empty string
      }
    }
    if (c != quote) Backup(c);
    while (end_quote_size != quote_size) {
      c = NextC();
      if (c == kEof || (quote_size == 1 && c == '\n')) {
        // Report from the opening quote, naming the line where it ended.
        int detected = lineno_;
        lineno_ = first_lineno;
        line_start_ = multi_line_start_;
        cur_ = start + 1;
        std::string msg =
            quote_size == 3
                ? Format(
                      "unterminated triple-quoted string literal "
                      "(detected at line %d)",
                      detected + line_shift_)
                : Format("unterminated string literal (detected at line %d)",
                         detected + line_shift_);
        return HardError(std::move(msg));
      }
      if (c == quote) {
        ++end_quote_size;
      } else {
        end_quote_size = 0;
        if (c == '\\') NextC();
      }
    }
    Emit(tok, TokenType::kString, start, cur_, first_lineno);
    return true;
  }

  // One token, or false with error_ set. Follows tok_get().
  bool Next(Token* tok) {
    bool blankline = false;
  nextline:
    blankline = false;
    if (atbol_) {
      atbol_ = false;
      if (!Indentation(&blankline)) return false;
    }
    if (pendin_ != 0) {
      if (pendin_ < 0) {
        ++pendin_;
        EmitNoStart(tok, TokenType::kDedent);
      } else {
        --pendin_;
        EmitNoStart(tok, TokenType::kIndent);
      }
      return true;
    }
  again:
    int c;
    do {
      c = NextC();
    } while (c == ' ' || c == '\t' || c == '\014');
    size_t start = cur_ - (c == kEof ? 0 : 1);
    int start_line = lineno_;
    if (c == '#') {
      while (c != kEof && c != '\n') c = NextC();
    }
    if (c == kEof) {
      if (level_ > 0) return SoftError(LexErrorKind::kEof);
      EmitNoStart(tok, TokenType::kEndMarker);
      return true;
    }
    if (IsPotentialIdentifierStart(c)) {
      bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
      for (;;) {
        if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) {
          saw_b = true;
        } else if (!(saw_b || saw_u || saw_r || saw_f) &&
                   (c == 'u' || c == 'U')) {
          saw_u = true;
        } else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) {
          saw_r = true;
        } else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) {
          saw_f = true;
        } else {
          break;
        }
        c = NextC();
        if (c == '"' || c == '\'') return String(c, start, tok);
      }
      bool nonascii = false;
      while (IsPotentialIdentifierChar(c)) {
        if (c >= 128) nonascii = true;
        c = NextC();
      }
      Backup(c);
      if (nonascii && !VerifyIdentifier(start)) return false;
      Emit(tok, TokenType::kName, start, cur_, lineno_);
      tok->kw = KeywordOf(tok->text);
      return true;
    }
    if (c == '\n') {
      atbol_ = true;
      if (blankline || level_ > 0) goto nextline;
      Emit(tok, TokenType::kNewline, start, cur_ - 1, start_line);
      // The NEWLINE token ends on its own line.
      tok->end_line = tok->line;
      tok->end_col = static_cast<int>(cur_ - 1 - line_start_) +
                     (start_line == 1 ? first_col_ : 0);
      return true;
    }
    if (c == '.') {
      c = NextC();
      if (IsAsciiDigit(c)) return Number(c, start, true, tok);
      if (c == '.') {
        c = NextC();
        if (c == '.') {
          Emit(tok, TokenType::kOp, start, cur_, lineno_);
          tok->op = Op::kEllipsis;
          return true;
        }
        Backup(c);
        Backup('.');
      } else {
        Backup(c);
      }
      Emit(tok, TokenType::kOp, start, cur_, lineno_);
      tok->op = Op::kDot;
      return true;
    }
    if (IsAsciiDigit(c)) return Number(c, start, false, tok);
    if (c == '\'' || c == '"') return String(c, start, tok);
    if (c == '\\') {
      if (!ContinuationLine(&c)) return false;
      goto again;
    }
    {
      int c2 = NextC();
      Op op = TwoCharOp(c, c2);
      if (op != Op::kNone) {
        int c3 = NextC();
        Op op3 = ThreeCharOp(c, c2, c3);
        if (op3 != Op::kNone) {
          op = op3;
        } else {
          Backup(c3);
        }
        Emit(tok, TokenType::kOp, start, cur_, lineno_);
        tok->op = op;
        return true;
      }
      Backup(c2);
    }
    switch (c) {
      case '(':
      case '[':
      case '{':
        if (level_ >= kMaxParenLevel) {
          return HardError("too many nested parentheses");
        }
        paren_stack_[level_] = static_cast<char>(c);
        paren_line_[level_] = lineno_;
        paren_col_[level_] = ColOf(start);
        ++level_;
        break;
      case ')':
      case ']':
      case '}': {
        if (level_ == 0) return HardError(Format("unmatched '%c'", c));
        --level_;
        int opening = paren_stack_[level_];
        if (!((opening == '(' && c == ')') || (opening == '[' && c == ']') ||
              (opening == '{' && c == '}'))) {
          if (paren_line_[level_] != lineno_) {
            return HardError(
                Format("closing parenthesis '%c' does not match opening "
                       "parenthesis '%c' on line %d",
                       c, opening, paren_line_[level_] + line_shift_));
          }
          return HardError(Format(
              "closing parenthesis '%c' does not match opening parenthesis "
              "'%c'",
              c, opening));
        }
        break;
      }
      default:
        break;
    }
    if (c < 0x80 && !IsPrintable(static_cast<uint32_t>(c))) {
      return HardError(Format("invalid non-printable character U+%04X", c));
    }
    Emit(tok, TokenType::kOp, start, cur_, lineno_);
    tok->op = OneCharOp(c);
    return true;
  }

  const SourceText& src_;
  const std::string& text_;
  const int line_shift_;
  const int first_col_;
  size_t cur_ = 0;
  size_t line_start_ = 0;
  size_t multi_line_start_ = 0;
  int lineno_ = 1;
  bool atbol_ = true;
  int pendin_ = 0;
  int indent_ = 0;
  int indstack_[kMaxIndent + 1] = {0};
  int altindstack_[kMaxIndent + 1] = {0};
  int level_ = 0;
  char paren_stack_[kMaxParenLevel] = {0};
  int paren_line_[kMaxParenLevel] = {0};
  int paren_col_[kMaxParenLevel] = {0};
  LexError error_;
};

// Length of a valid UTF-8 sequence at s[i], or 0 if invalid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t n;
  uint32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

bool IsIdentifierStart(uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
  }
  return IsIdentifierContinue(cp) &&
         !InRanges(cp, kContinueOnly,
                   sizeof kContinueOnly / sizeof kContinueOnly[0]);
}

bool IsIdentifierContinue(uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9') || cp == '_';
  }
  if (cp == 0xB7) return true;  // MIDDLE DOT continues identifiers
  if (InRanges(cp, kContinueOnly,
               sizeof kContinueOnly / sizeof kContinueOnly[0])) {
    return true;
  }
  return !InRanges(cp, kNotIdentifier,
                   sizeof kNotIdentifier / sizeof kNotIdentifier[0]);
}

bool IsPrintable(uint32_t cp) {
  if (cp == ' ') return true;
  return !InRanges(cp, kNonPrintable,
                   sizeof kNonPrintable / sizeof kNonPrintable[0]);
}

std::optional<SyntaxErrorInfo> SourceText::Load(std::string_view raw,
                                                std::string_view filename) {
  size_t begin = 0;
  if (raw.size() >= 3 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) begin = 3;
  std::string out;
  out.reserve(raw.size() - begin + 1);
  int line = 1;
  for (size_t i = begin; i < raw.size();) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == 0) {
      text_ = std::move(out);
      text_.push_back('\n');
      IndexLines();
      SyntaxErrorInfo e;
      e.type = "SyntaxError";
      e.msg = "source code cannot contain null bytes";
      e.line = line;
      e.col = 0;  // CPython shows the line up to the NUL, without a caret
      e.text = std::string(Line(line));
      return e;
    }
    if (c == '\r') {
      out.push_back('\n');
      i += (i + 1 < raw.size() && raw[i + 1] == '\n') ? 2 : 1;
      ++line;
      continue;
    }
    if (c == '\n') {
      out.push_back('\n');
      ++i;
      ++line;
      continue;
    }
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t n = Utf8SequenceLength(raw, i);
    if (n == 0) {
      SyntaxErrorInfo e;
      e.type = "SyntaxError";
      e.msg = Format(
          "Non-UTF-8 code starting with '\\x%02x' in file %.*s on line %d, "
          "but no encoding declared; see https://peps.python.org/pep-0263/ "
          "for details",
          c, static_cast<int>(filename.size()), filename.data(), line);
      e.line = line;
      e.col = 0;
      e.located = false;
      return e;
    }
    out.append(raw.substr(i, n));
    i += n;
  }
  if (out.empty() || out.back() != '\n') out.push_back('\n');
  text_ = std::move(out);
  IndexLines();
  return std::nullopt;
}

void SourceText::LoadTrusted(std::string text) {
  text_ = std::move(text);
  if (text_.empty() || text_.back() != '\n') text_.push_back('\n');
  IndexLines();
}

void SourceText::IndexLines() {
  line_starts_.clear();
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n' && i + 1 < text_.size()) line_starts_.push_back(i + 1);
  }
}

std::string_view SourceText::Line(int line) const {
  if (line < 1 || static_cast<size_t>(line) > line_starts_.size()) return {};
  size_t b = line_starts_[line - 1];
  size_t e = text_.find('\n', b);
  if (e == std::string::npos) e = text_.size();
  return std::string_view(text_).substr(b, e - b);
}

int SourceText::CharOffset(int line, int byte_offset) const {
  std::string_view l = Line(line);
  if (byte_offset <= 0) return byte_offset;
  // CPython decodes the line with its newline and clamps to len + 1.
  size_t limit = std::min<size_t>(byte_offset, l.size() + 1);
  int chars = 0;
  for (size_t i = 0; i < limit; ++i) {
    if (i >= l.size()) {
      ++chars;  // the newline
      continue;
    }
    unsigned char c = static_cast<unsigned char>(l[i]);
    if ((c & 0xC0) != 0x80) ++chars;
  }
  return chars;
}

SyntaxErrorInfo MakeSyntaxError(const SourceText& source, std::string type,
                                std::string msg, int line, int byte_col,
                                int end_line, int end_byte_col) {
  SyntaxErrorInfo e;
  e.type = std::move(type);
  e.msg = std::move(msg);
  e.line = line;
  e.col = source.CharOffset(line, byte_col);
  e.end_line = end_line;
  e.end_col = end_line > 0 ? source.CharOffset(end_line, end_byte_col) : 0;
  e.text = std::string(source.Line(line));
  return e;
}

LexResult Tokenize(const SourceText& source, int first_line, int first_col) {
  Lexer lexer(source, first_line, first_col);
  return lexer.Run();
}

}  // namespace twinpy
