// String literals: prefixes, escape decoding, implicit concatenation and
// f-strings (scanned as CPython 3.11 does; each replacement field is parsed
// by a nested Parser over "(" field ")").
#include <cstdio>
#include <utility>

#include "interp/lexer.h"
#include "interp/parser_internal.h"

namespace twinpy::parser_internal {

struct Parser::StringPart {
  bool is_expr = false;
  std::string text;
  ast::ExprPtr expr;
};

namespace {

struct Literal {
  bool raw = false, bytes = false, fstring = false;
  std::string_view body;  // between the quotes
  int body_offset = 0;    // of body within the token text
};

Literal SplitLiteral(std::string_view text) {
  Literal lit;
  size_t i = 0;
  while (i < text.size() && text[i] != '\'' && text[i] != '"') {
    char c = text[i++];
    if (c == 'r' || c == 'R') lit.raw = true;
    if (c == 'b' || c == 'B') lit.bytes = true;
    if (c == 'f' || c == 'F') lit.fstring = true;
  }
  char q = text[i];
  size_t qlen = 1;
  if (text.size() >= i + 6 && text[i + 1] == q && text[i + 2] == q) qlen = 3;
  lit.body_offset = static_cast<int>(i + qlen);
  lit.body = text.substr(i + qlen, text.size() - i - 2 * qlen);
  return lit;
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

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes backslash escapes. On error returns false with CPython's message.
// Positions in unicode errors count as CPython's decoder sees the text:
// every non-ASCII character there is a 10-byte "\UXXXXXXXX".
bool DecodeEscapes(std::string_view s, bool bytes, std::string* out,
                   std::string* error) {
  size_t n = s.size();
  size_t i = 0;
  long vpos = 0;  // position as CPython's unicode_escape decoder counts
  auto unicode_error = [&](long start, long end, const char* what) {
    char buf[200];
    if (end - start <= 1) {
      std::snprintf(buf, sizeof buf,
                    "(unicode error) 'unicodeescape' codec can't decode byte "
                    "0x5c in position %ld: %s",
                    start, what);
    } else {
      std::snprintf(buf, sizeof buf,
                    "(unicode error) 'unicodeescape' codec can't decode bytes "
                    "in position %ld-%ld: %s",
                    start, end - 1, what);
    }
    *error = buf;
    return false;
  };
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c != '\\') {
      if (c >= 0x80) {
        // Copy one UTF-8 character.
        size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        out->append(s.substr(i, len));
        i += len;
        vpos += 10;
      } else {
        out->push_back(static_cast<char>(c));
        ++i;
        ++vpos;
      }
      continue;
    }
    long start = vpos;
    size_t esc_start = i;
    ++i;
    ++vpos;
    if (i >= n) {
      out->push_back('\\');
      break;
    }
    char e = s[i++];
    ++vpos;
    switch (e) {
      case '\n':
        break;
      case '\\':
        out->push_back('\\');
        break;
      case '\'':
        out->push_back('\'');
        break;
      case '"':
        out->push_back('"');
        break;
      case 'a':
        out->push_back('\a');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'v':
        out->push_back('\v');
        break;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        uint32_t v = static_cast<uint32_t>(e - '0');
        for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; ++k) {
          v = v * 8 + static_cast<uint32_t>(s[i++] - '0');
          ++vpos;
        }
        if (bytes) {
          out->push_back(static_cast<char>(v & 0xFF));
        } else {
          AppendUtf8(out, v);
        }
        break;
      }
      case 'x':
      case 'u':
      case 'U': {
        if (bytes && e != 'x') {
          out->push_back('\\');
          out->push_back(e);
          break;
        }
        int count = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        const char* what = e == 'x'   ? "truncated \\xXX escape"
                           : e == 'u' ? "truncated \\uXXXX escape"
                                      : "truncated \\UXXXXXXXX escape";
        uint32_t v = 0;
        for (int k = 0; k < count; ++k) {
          if (i >= n || HexValue(s[i]) < 0) {
            if (bytes) {
              char buf[120];
              std::snprintf(buf, sizeof buf,
                            "(value error) invalid \\x escape at position %zu",
                            esc_start);
              *error = buf;
              return false;
            }
            return unicode_error(start, vpos, what);
          }
          v = v * 16 + static_cast<uint32_t>(HexValue(s[i++]));
          ++vpos;
        }
        if (bytes) {
          out->push_back(static_cast<char>(v));
        } else if (v > 0x10FFFF) {
          return unicode_error(start, vpos, "illegal Unicode character");
        } else {
          AppendUtf8(out, v);
        }
        break;
      }
      case 'N':
        if (bytes) {
          out->push_back('\\');
          out->push_back('N');
          break;
        }
        // No Unicode name database in twinpy.
        if (i < n && s[i] == '{') {
          size_t close = s.find('}', i);
          if (close != std::string_view::npos && close > i + 1) {
            vpos += static_cast<long>(close + 1 - i);
            return unicode_error(start, vpos, "unknown Unicode character name");
          }
          if (close == std::string_view::npos) {
            vpos += static_cast<long>(n - i);
          } else {
            ++vpos;
          }
        }
        return unicode_error(start, vpos, "malformed \\N character escape");
      default:
        // Unknown escapes stay as written (CPython warns).
        out->push_back('\\');
        if (static_cast<unsigned char>(e) >= 0x80) {
          --i;  // let the main loop copy the whole character
          --vpos;
          vpos += 5;
        } else {
          out->push_back(e);
        }
        break;
    }
  }
  return true;
}

bool IsFieldSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f';
}

}  // namespace

ast::ExprPtr Parser::ParseStrings() {
  std::vector<const Token*> toks;
  while (AtType(TokenType::kString)) toks.push_back(&Advance());
  const Token& first = *toks.front();
  const Token& last = *toks.back();
  bool any_bytes = false, any_text = false, any_f = false;
  std::vector<Literal> lits;
  lits.reserve(toks.size());
  for (const Token* t : toks) {
    lits.push_back(SplitLiteral(t->text));
    const Literal& l = lits.back();
    (l.bytes ? any_bytes : any_text) = true;
    any_f = any_f || l.fstring;
  }
  if (any_bytes && any_text)
    RaiseLast("cannot mix bytes and nonbytes literals");
  std::string kind = first.text[0] == 'u' ? "u" : "";

  auto make_constant = [&](std::string value, ast::ConstantKind k) {
    auto c = NewAt<ast::Constant>(first);
    c->value_kind = k;
    c->str_value = std::move(value);
    c->string_kind = kind;
    c->end_line = last.end_line;
    c->end_col = last.end_col;
    return c;
  };

  if (any_bytes) {
    std::string value;
    for (size_t i = 0; i < toks.size(); ++i) {
      const Literal& l = lits[i];
      for (char ch : l.body) {
        if (static_cast<unsigned char>(ch) >= 0x80) {
          // CPython 3.11.2 reports this at the token after the strings.
          RaiseLast("bytes can only contain ASCII literal characters");
        }
      }
      if (l.raw) {
        value.append(l.body);
      } else {
        std::string err;
        if (!DecodeEscapes(l.body, true, &value, &err)) RaiseLast(err);
      }
    }
    return make_constant(std::move(value), ast::ConstantKind::Bytes);
  }

  if (!any_f) {
    std::string value;
    for (const Literal& l : lits) {
      if (l.raw) {
        value.append(l.body);
      } else {
        std::string err;
        if (!DecodeEscapes(l.body, false, &value, &err)) RaiseLast(err);
      }
    }
    return make_constant(std::move(value), ast::ConstantKind::Str);
  }

  std::vector<StringPart> parts;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Literal& l = lits[i];
    if (l.fstring) {
      size_t pos = 0;
      DecodeFString(*toks[i], l.body, l.raw, l.body_offset, 0, &pos, &parts,
                    first, last);
    } else {
      StringPart p;
      if (l.raw) {
        p.text = std::string(l.body);
      } else {
        std::string err;
        if (!DecodeEscapes(l.body, false, &p.text, &err)) RaiseLast(err);
      }
      parts.push_back(std::move(p));
    }
  }
  auto joined = NewAt<ast::JoinedStr>(first);
  std::string pending;
  for (StringPart& p : parts) {
    if (!p.is_expr) {
      pending += p.text;
      continue;
    }
    if (!pending.empty()) {
      joined->values.push_back(
          make_constant(std::move(pending), ast::ConstantKind::Str));
      pending.clear();
    }
    joined->values.push_back(std::move(p.expr));
  }
  if (!pending.empty()) {
    joined->values.push_back(
        make_constant(std::move(pending), ast::ConstantKind::Str));
  }
  joined->end_line = last.end_line;
  joined->end_col = last.end_col;
  UpdateHeight(joined.get());
  return joined;
}

void Parser::DecodeFString(const Token& t, std::string_view body, bool raw,
                           int body_offset, int recurse, size_t* pos,
                           std::vector<StringPart>* parts, const Token& first,
                           const Token& last) {
  RecursionGuard guard(this, 4);
  const size_t n = body.size();
  for (;;) {
    // Literal text up to the next '{' or '}' ('{{' and '}}' at top level
    // stand for one brace).
    size_t lit_start = *pos;
    size_t s = *pos;
    bool doubled = false;
    while (s < n) {
      char ch = body[s++];
      if (!raw && ch == '\\' && s < n) {
        ch = body[s++];
        if (ch == 'N') {
          // Skip "\N{...}" so its braces do not start a field.
          if (s < n && body[s++] == '{') {
            while (s < n && body[s++] != '}') {
            }
          }
          continue;
        }
      }
      if (ch == '{' || ch == '}') {
        if (recurse == 0) {
          if (s < n && body[s] == ch) {
            doubled = true;
            break;
          }
          if (ch == '}') {
            *pos = s - 1;
            RaiseLast("f-string: single '}' is not allowed");
          }
        }
        --s;
        break;
      }
    }
    size_t lit_end = s;
    *pos = doubled ? s + 1 : s;
    if (lit_end > lit_start) {
      StringPart p;
      std::string_view text = body.substr(lit_start, lit_end - lit_start);
      if (raw) {
        p.text = std::string(text);
      } else {
        std::string err;
        if (!DecodeEscapes(text, false, &p.text, &err)) RaiseLast(err);
      }
      parts->push_back(std::move(p));
    }
    if (doubled) continue;
    if (*pos >= n || body[*pos] == '}') break;

    // A replacement field: {expr[=][!conv][:spec]}
    if (recurse >= 2) RaiseLast("f-string: expressions nested too deeply");
    ++*pos;
    size_t expr_start = *pos;
    char quote = 0;
    int string_type = 0;
    int nested = 0;
    char stack[kMaxParenLevel];
    for (; *pos < n; ++*pos) {
      char ch = body[*pos];
      if (ch == '\\') {
        RaiseLast("f-string expression part cannot include a backslash");
      }
      if (quote) {
        if (ch == quote) {
          if (string_type == 3) {
            if (*pos + 2 < n && body[*pos + 1] == ch && body[*pos + 2] == ch) {
              *pos += 2;
              string_type = 0;
              quote = 0;
            }
          } else {
            string_type = 0;
            quote = 0;
          }
        }
      } else if (ch == '\'' || ch == '"') {
        if (*pos + 2 < n && body[*pos + 1] == ch && body[*pos + 2] == ch) {
          string_type = 3;
          *pos += 2;
        } else {
          string_type = 1;
        }
        quote = ch;
      } else if (ch == '[' || ch == '{' || ch == '(') {
        if (nested >= kMaxParenLevel) {
          RaiseLast("f-string: too many nested parenthesis");
        }
        stack[nested++] = ch;
      } else if (ch == '#') {
        RaiseLast("f-string expression part cannot include '#'");
      } else if (nested == 0 && (ch == '!' || ch == ':' || ch == '}' ||
                                 ch == '=' || ch == '>' || ch == '<')) {
        if (*pos + 1 < n) {
          char next = body[*pos + 1];
          if ((ch == '!' && next == '=') || (ch == '=' && next == '=') ||
              (ch == '<' && next == '=') || (ch == '>' && next == '=')) {
            ++*pos;
            continue;
          }
        }
        if (ch == '>' || ch == '<') continue;
        break;
      } else if (ch == ']' || ch == '}' || ch == ')') {
        if (nested == 0) {
          RaiseLast(std::string("f-string: unmatched '") + ch + "'");
        }
        char opening = stack[--nested];
        if (!((opening == '(' && ch == ')') || (opening == '[' && ch == ']') ||
              (opening == '{' && ch == '}'))) {
          RaiseLast(std::string("f-string: closing parenthesis '") + ch +
                    "' does not match opening parenthesis '" + opening + "'");
        }
      }
    }
    size_t expr_end = *pos;
    if (quote) RaiseLast("f-string: unterminated string");
    if (nested) {
      RaiseLast(std::string("f-string: unmatched '") + stack[nested - 1] + "'");
    }
    if (*pos >= n) RaiseLast("f-string: expecting '}'");
    ast::ExprPtr value =
        CompileFStringField(t, body, body_offset, expr_start, expr_end);
    bool has_text = false;
    std::string expr_text;
    if (body[*pos] == '=') {
      ++*pos;
      while (*pos < n &&
             (body[*pos] == ' ' || body[*pos] == '\t' || body[*pos] == '\n' ||
              body[*pos] == '\f' || body[*pos] == '\r' || body[*pos] == '\v')) {
        ++*pos;
      }
      if (*pos >= n) RaiseLast("f-string: expecting '}'");
      has_text = true;
      expr_text = std::string(body.substr(expr_start, *pos - expr_start));
    }
    int conversion = -1;
    if (body[*pos] == '!') {
      ++*pos;
      if (*pos >= n) RaiseLast("f-string: expecting '}'");
      conversion = static_cast<unsigned char>(body[*pos]);
      ++*pos;
      if (conversion != 's' && conversion != 'r' && conversion != 'a') {
        RaiseLast(
            "f-string: invalid conversion character: expected 's', 'r', or "
            "'a'");
      }
    }
    ast::ExprPtr spec;
    if (*pos < n && body[*pos] == ':') {
      ++*pos;
      if (*pos >= n) RaiseLast("f-string: expecting '}'");
      std::vector<StringPart> spec_parts;
      DecodeFString(t, body, raw, body_offset, recurse + 1, pos, &spec_parts,
                    first, last);
      // CPython 3.11 gives the spec, and its final constant part, the
      // position of the current string token rather than the whole
      // concatenation; parts before a nested field get the whole span.
      auto js = NewAt<ast::JoinedStr>(t);
      std::string pending;
      auto flush = [&](const Token& from, const Token& to) {
        if (pending.empty()) return;
        auto c = NewAt<ast::Constant>(from);
        c->value_kind = ast::ConstantKind::Str;
        c->str_value = std::move(pending);
        c->end_line = to.end_line;
        c->end_col = to.end_col;
        js->values.push_back(std::move(c));
        pending.clear();
      };
      for (StringPart& p : spec_parts) {
        if (p.is_expr) {
          flush(first, last);
          js->values.push_back(std::move(p.expr));
        } else {
          pending += p.text;
        }
      }
      flush(t, t);
      js->end_line = t.end_line;
      js->end_col = t.end_col;
      UpdateHeight(js.get());
      spec = std::move(js);
    }
    if (*pos >= n || body[*pos] != '}') RaiseLast("f-string: expecting '}'");
    ++*pos;
    if (has_text && !spec && conversion == -1) conversion = 'r';
    if (has_text) {
      StringPart p;
      p.text = std::move(expr_text);
      parts->push_back(std::move(p));
    }
    auto fv = NewAt<ast::FormattedValue>(first);
    fv->value = std::move(value);
    fv->conversion = conversion;
    fv->format_spec = std::move(spec);
    fv->end_line = last.end_line;
    fv->end_col = last.end_col;
    UpdateHeight(fv.get());
    StringPart p;
    p.is_expr = true;
    p.expr = std::move(fv);
    parts->push_back(std::move(p));
  }
  if (recurse != 0 && (*pos >= n || body[*pos] != '}')) {
    RaiseLast("f-string: expecting '}'");
  }
}

ast::ExprPtr Parser::CompileFStringField(const Token& t, std::string_view body,
                                         int body_offset, size_t start,
                                         size_t end) {
  size_t k = start;
  while (k < end && IsFieldSpace(body[k])) ++k;
  if (k == end) {
    char c = body[end];
    if (c == '!' || c == ':' || c == '=') {
      RaiseLast(std::string("f-string: expression required before '") + c +
                "'");
    }
    RaiseLast("f-string: empty expression not allowed");
  }
  // Where the field starts in the file.
  size_t offset = static_cast<size_t>(body_offset) + start;
  int line = t.line;
  int col = t.col + static_cast<int>(offset);
  size_t nl = t.text.rfind('\n', offset == 0 ? 0 : offset - 1);
  if (nl != std::string_view::npos && nl < offset) {
    for (size_t i = 0; i < offset; ++i) {
      if (t.text[i] == '\n') ++line;
    }
    col = static_cast<int>(offset - nl - 1);
  }
  std::string text;
  text.reserve(end - start + 2);
  text.push_back('(');
  text.append(body.substr(start, end - start));
  text.push_back(')');
  SourceText sub;
  sub.LoadTrusted(std::move(text));
  LexResult lex = Tokenize(sub, line, col - 1);
  Parser parser(sub, &lex, filename_, depth_ + 4);
  parser.SetFStringMode(line, col - 1);
  ast::ExprPtr e = parser.ParseFStringField();
  if (!e) RaiseInfo(*parser.error());
  return e;
}

}  // namespace twinpy::parser_internal
