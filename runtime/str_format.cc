// str.format() (PEP 3101 replacement fields) and printf-style `%`
// formatting, with CPython 3.11's parsing order and error messages.
#include "runtime/str_format.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/float.h"
#include "runtime/format.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

// Decodes the code point starting at text[*i] (valid UTF-8), advancing *i.
int64_t DecodeAt(std::string_view text, size_t* i) {
  auto b = static_cast<unsigned char>(text[*i]);
  int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
  int64_t cp = extra == 0   ? b
               : extra == 1 ? (b & 0x1F)
               : extra == 2 ? (b & 0x0F)
                            : (b & 0x07);
  for (int k = 1; k <= extra && *i + k < text.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[*i + k]) & 0x3F);
  }
  *i += static_cast<size_t>(extra) + 1;
  return cp;
}

// The first `n` code points of text.
std::string_view PrefixChars(std::string_view text, int64_t n) {
  size_t i = 0;
  for (int64_t k = 0; k < n && i < text.size(); ++k) DecodeAt(text, &i);
  return text.substr(0, i);
}

}  // namespace

std::string EscapeNonAscii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    int64_t cp = DecodeAt(text, &i);
    char buf[16];
    if (cp < 0x100) {
      snprintf(buf, sizeof(buf), "\\x%02x", static_cast<unsigned>(cp));
    } else if (cp < 0x10000) {
      snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(cp));
    } else {
      snprintf(buf, sizeof(buf), "\\U%08x", static_cast<unsigned>(cp));
    }
    out += buf;
  }
  return out;
}

Object* Ascii(Object* o) {
  StrObject* r = Repr(o);
  if (r == nullptr || r->ascii) return r;
  std::string escaped = EscapeNonAscii(StrView(r));
  Decref(r);
  return NewStr(escaped);
}

namespace {

// --- str.format -------------------------------------------------------------

Object* Convert(Object* value, int64_t conversion) {
  switch (conversion) {
    case 'r':
      return Repr(value);
    case 's':
      return Str(value);
    case 'a':
      return Ascii(value);
    default: {
      std::string c = EncodeUtf8(conversion);
      return SetError(&ValueErrorType,
                      StrCat("Unknown conversion specifier ", c));
    }
  }
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// An index made of decimal digits; false (ValueError set) when too large.
bool ParseIndex(std::string_view s, int64_t* out) {
  int64_t v = 0;
  for (char c : s) {
    if (v > (INT64_MAX - 9) / 10) {
      SetError(&ValueErrorType, "Too many decimal digits in format string");
      return false;
    }
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

class Formatter {
 public:
  // Positional arguments, then keyword values named by kwnames; or a
  // mapping (format_map), with no positional arguments at all.
  Formatter(Object* const* args, size_t nargs, Object* const* kwvalues,
            TupleObject* kwnames, Object* mapping)
      : args_(args),
        nargs_(nargs),
        kwvalues_(kwvalues),
        kwnames_(kwnames),
        mapping_(mapping) {}

  bool Build(std::string_view fmt, int depth, std::string* out) {
    if (depth <= 0) {
      SetError(&ValueErrorType, "Max string recursion exceeded");
      return false;
    }
    size_t i = 0, n = fmt.size();
    while (i < n) {
      // Literal text up to a brace.
      size_t start = i;
      while (i < n && fmt[i] != '{' && fmt[i] != '}') ++i;
      out->append(fmt.substr(start, i - start));
      if (i >= n) break;
      char c = fmt[i++];
      bool at_end = i >= n;
      if (c == '}') {
        if (at_end || fmt[i] != '}') {
          SetError(&ValueErrorType, "Single '}' encountered in format string");
          return false;
        }
        out->push_back('}');
        ++i;
        continue;
      }
      if (at_end) {
        SetError(&ValueErrorType, "Single '{' encountered in format string");
        return false;
      }
      if (fmt[i] == '{') {
        out->push_back('{');
        ++i;
        continue;
      }
      if (!Field(fmt, &i, depth, out)) return false;
    }
    return true;
  }

 private:
  // Parses one replacement field starting just after its '{' and renders
  // it; on return *pos is just past the closing '}'.
  bool Field(std::string_view fmt, size_t* pos, int depth, std::string* out) {
    size_t i = *pos, n = fmt.size();
    size_t name_start = i;
    char c = 0;
    // The field name ends at '}', ':' or '!'; brackets are skipped whole.
    while (i < n) {
      c = fmt[i++];
      if (c == '{') {
        SetError(&ValueErrorType, "unexpected '{' in field name");
        return false;
      }
      if (c == '[') {
        while (i < n && fmt[i] != ']') ++i;
        continue;
      }
      if (c == '}' || c == ':' || c == '!') break;
    }
    bool terminated = c == '}' || c == ':' || c == '!';
    std::string_view name =
        fmt.substr(name_start, (terminated ? i - 1 : i) - name_start);
    int64_t conversion = 0;
    std::string_view spec;
    bool spec_needs_expanding = false;
    if (c == '!' || c == ':') {
      bool spec_follows = true;
      if (c == '!') {
        if (i >= n) {
          SetError(&ValueErrorType,
                   "end of string while looking for conversion specifier");
          return false;
        }
        conversion = DecodeAt(fmt, &i);
        if (i < n) {
          char next = fmt[i++];
          if (next == '}') {
            spec_follows = false;
          } else if (next != ':') {
            SetError(&ValueErrorType,
                     "expected ':' after conversion specifier");
            return false;
          }
        }
      }
      if (spec_follows) {
        size_t spec_start = i;
        int count = 1;
        bool closed = false;
        while (i < n) {
          char d = fmt[i++];
          if (d == '{') {
            spec_needs_expanding = true;
            ++count;
          } else if (d == '}' && --count == 0) {
            spec = fmt.substr(spec_start, i - 1 - spec_start);
            closed = true;
            break;
          }
        }
        if (!closed) {
          SetError(&ValueErrorType, "unmatched '{' in format spec");
          return false;
        }
      }
    } else if (c != '}') {
      SetError(&ValueErrorType, "expected '}' before end of string");
      return false;
    }
    *pos = i;

    Object* value = FieldValue(name);
    if (value == nullptr) return false;
    if (conversion != 0) {
      Object* converted = Convert(value, conversion);
      Decref(value);
      if (converted == nullptr) return false;
      value = converted;
    }
    std::string expanded;
    if (spec_needs_expanding) {
      if (!Build(spec, depth - 1, &expanded)) {
        Decref(value);
        return false;
      }
      spec = expanded;
    }
    Object* text = Format(value, spec);
    Decref(value);
    if (text == nullptr) return false;
    out->append(StrView(text));
    Decref(text);
    return true;
  }

  // Resolves "first(.attr|[key])*" to a new reference.
  Object* FieldValue(std::string_view name) {
    size_t i = 0;
    while (i < name.size() && name[i] != '.' && name[i] != '[') ++i;
    std::string_view first = name.substr(0, i);
    Object* value;
    if (first.empty() || AllDigits(first)) {
      int64_t index;
      if (first.empty()) {
        if (numbering_ == Numbering::kManual) {
          return SetError(&ValueErrorType,
                          "cannot switch from manual field specification to "
                          "automatic field numbering");
        }
        numbering_ = Numbering::kAuto;
        index = next_auto_++;
      } else {
        if (numbering_ == Numbering::kAuto) {
          return SetError(&ValueErrorType,
                          "cannot switch from automatic field numbering to "
                          "manual field specification");
        }
        numbering_ = Numbering::kManual;
        if (!ParseIndex(first, &index)) return nullptr;
      }
      if (mapping_ != nullptr) {
        return SetError(&ValueErrorType,
                        "Format string contains positional fields");
      }
      if (index >= static_cast<int64_t>(nargs_)) {
        return SetError(&IndexErrorType,
                        StrCat("Replacement index ", index,
                               " out of range for positional args tuple"));
      }
      value = NewRef(args_[index]);
    } else {
      value = Keyword(first);
      if (value == nullptr) return nullptr;
    }
    // The accessors that follow.
    while (i < name.size()) {
      char c = name[i++];
      Object* next;
      if (c != '.' && c != '[') {
        // Only after ']': checked lazily, once the earlier steps succeeded.
        Decref(value);
        return SetError(&ValueErrorType,
                        "Only '.' or '[' may follow ']' in format field "
                        "specifier");
      }
      if (c == '.') {
        size_t start = i;
        while (i < name.size() && name[i] != '.' && name[i] != '[') ++i;
        if (i == start) {
          Decref(value);
          return SetError(&ValueErrorType, "Empty attribute in format string");
        }
        StrObject* attr = NewStr(name.substr(start, i - start));
        if (attr == nullptr) {
          Decref(value);
          return nullptr;
        }
        next = GetAttr(value, attr);
        Decref(attr);
      } else {
        size_t start = i;
        while (i < name.size() && name[i] != ']') ++i;
        if (i >= name.size()) {
          Decref(value);
          return SetError(&ValueErrorType, "Missing ']' in format string");
        }
        std::string_view key_text = name.substr(start, i - start);
        ++i;  // the ']'
        if (key_text.empty()) {
          Decref(value);
          return SetError(&ValueErrorType, "Empty attribute in format string");
        }
        Object* key;
        if (AllDigits(key_text)) {
          int64_t index;
          if (!ParseIndex(key_text, &index)) {
            Decref(value);
            return nullptr;
          }
          key = NewInt(index);
        } else {
          key = NewStr(key_text);
        }
        if (key == nullptr) {
          Decref(value);
          return nullptr;
        }
        next = GetItem(value, key);
        Decref(key);
      }
      Decref(value);
      if (next == nullptr) return nullptr;
      value = next;
    }
    return value;
  }

  Object* Keyword(std::string_view key) {
    if (mapping_ != nullptr) {
      StrObject* k = NewStr(key);
      if (k == nullptr) return nullptr;
      Object* v = GetItem(mapping_, k);
      Decref(k);
      return v;
    }
    if (kwnames_ != nullptr) {
      for (int64_t k = 0; k < kwnames_->size; ++k) {
        if (StrView(kwnames_->items[k]) == key) return NewRef(kwvalues_[k]);
      }
    }
    StrObject* k = NewStr(key);
    if (k == nullptr) return nullptr;
    SetKeyError(k);
    Decref(k);
    return nullptr;
  }

  enum class Numbering { kUnset, kAuto, kManual };

  Object* const* args_;
  size_t nargs_;
  Object* const* kwvalues_;
  TupleObject* kwnames_;
  Object* mapping_;
  Numbering numbering_ = Numbering::kUnset;
  int64_t next_auto_ = 0;
};

// Nested replacement fields may appear in a format spec, one level deep.
constexpr int kFormatRecursionDepth = 2;

Object* RunFormatter(Formatter* f, Object* format) {
  std::string out;
  if (!f->Build(StrView(format), kFormatRecursionDepth, &out)) return nullptr;
  return NewStr(out);
}

// --- printf-style formatting -------------------------------------------------

enum PercentFlags : int {
  kLeft = 1,   // '-'
  kSign = 2,   // '+'
  kBlank = 4,  // ' '
  kAlt = 8,    // '#'
  kZero = 16,  // '0'
};

struct PercentSpec {
  int flags = 0;
  int64_t width = -1;
  int64_t precision = -1;
  int64_t type = 0;
  bool numeric = false;  // sign and zero padding apply
};

// Where the arguments come from: a tuple, one object, or (for %(key)) the
// value looked up in a mapping, which then acts as the single argument.
struct PercentArgs {
  Object* args;
  int64_t count;  // -1: a single, non-tuple argument
  int64_t next;   // -2 when single and unused, as in CPython
  Object* mapping;
  Object* owned = nullptr;  // the looked-up value, when args points at it

  Object* Next() {
    if (next < count) {
      int64_t i = next++;
      if (count < 0) return args;
      return static_cast<TupleObject*>(args)->items[i];
    }
    SetError(&TypeErrorType, "not enough arguments for format string");
    return nullptr;
  }
};

// Pads the formatted body the way CPython's unicode_format_arg_output
// does: sign and 0x prefix go before zero padding, after space padding.
void Emit(const PercentSpec& spec, std::string_view body, std::string* out) {
  int64_t len = Utf8Length(body);
  size_t pos = 0;
  char fill = (spec.numeric && (spec.flags & kZero)) ? '0' : ' ';
  bool sign = spec.numeric;
  char sign_char = 0;
  if (sign) {
    if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
      sign_char = body[0];
      --len;
      ++pos;
    } else if (spec.flags & kSign) {
      sign_char = '+';
    } else if (spec.flags & kBlank) {
      sign_char = ' ';
    } else {
      sign = false;
    }
  }
  int64_t width = spec.width < len ? len : spec.width;
  if (sign) {
    if (fill != ' ') out->push_back(sign_char);
    if (width > len) --width;
  }
  bool prefix = (spec.flags & kAlt) &&
                (spec.type == 'x' || spec.type == 'X' || spec.type == 'o');
  if (prefix) {
    if (fill != ' ') {
      out->push_back('0');
      out->push_back(static_cast<char>(spec.type));
    }
    width = width < 2 ? 0 : width - 2;
    len -= 2;
    pos += 2;
  }
  if (width > len && !(spec.flags & kLeft)) {
    out->append(static_cast<size_t>(width - len), fill);
    width = len;
  }
  if (fill == ' ') {
    if (sign) out->push_back(sign_char);
    if (prefix) {
      out->push_back('0');
      out->push_back(static_cast<char>(spec.type));
    }
  }
  out->append(body.substr(pos));
  if (width > len) out->append(static_cast<size_t>(width - len), ' ');
}

// sign, prefix and digits of an int for %d %x %X %o.
std::string IntBody(Object* value, const PercentSpec& spec) {
  int base = spec.type == 'o'                         ? 8
             : (spec.type == 'x' || spec.type == 'X') ? 16
                                                      : 10;
  std::string digits = IntToString(value, base);
  bool negative = digits[0] == '-';
  if (negative) digits.erase(0, 1);
  if (spec.type == 'X') {
    for (char& c : digits) c = static_cast<char>(toupper(c));
  }
  if (spec.precision > static_cast<int64_t>(digits.size())) {
    digits.insert(0, static_cast<size_t>(spec.precision) - digits.size(), '0');
  }
  std::string body = negative ? "-" : "";
  if ((spec.flags & kAlt) && base != 10) {
    body += '0';
    body += static_cast<char>(spec.type);
  }
  return body + digits;
}

std::string FloatBody(double v, const PercentSpec& spec) {
  auto type = static_cast<char>(spec.type);
  if (std::isnan(v)) {
    bool upper = type == 'F' || type == 'E' || type == 'G';
    return upper ? "NAN" : "nan";
  }
  int precision = spec.precision < 0 ? 6 : static_cast<int>(spec.precision);
  std::string f = (spec.flags & kAlt) ? "%#.*" : "%.*";
  f += type;
  int n = snprintf(nullptr, 0, f.c_str(), precision, v);
  std::string out(static_cast<size_t>(n) + 1, '\0');
  snprintf(out.data(), out.size(), f.c_str(), precision, v);
  out.resize(static_cast<size_t>(n));
  return out;
}

// Formats one argument for a conversion character; false on error.
bool FormatOne(PercentSpec* spec, Object* v, std::string* out) {
  std::string body;
  switch (spec->type) {
    case 's':
    case 'r':
    case 'a': {
      Object* s = spec->type == 's'   ? Str(v)
                  : spec->type == 'r' ? Repr(v)
                                      : Ascii(v);
      if (s == nullptr) return false;
      body = std::string(StrView(s));
      Decref(s);
      if (spec->precision >= 0)
        body = std::string(PrefixChars(body, spec->precision));
      break;
    }
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X': {
      char t = static_cast<char>(spec->type);
      Object* number;
      if (IsInt(v)) {
        number = NewRef(v);
      } else if (IsFloat(v) && t != 'o' && t != 'x' && t != 'X') {
        number = NewIntFromDouble(FloatValue(v));
        if (number == nullptr) return false;
      } else {
        bool integer_only = t == 'o' || t == 'x' || t == 'X';
        SetError(&TypeErrorType,
                 StrCat("%", t, " format: ",
                        integer_only ? "an integer" : "a real number",
                        " is required, not ", TypeName(v)));
        return false;
      }
      spec->numeric = true;
      if (t == 'i' || t == 'u') spec->type = 'd';
      body = IntBody(number, *spec);
      Decref(number);
      break;
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      double d;
      bool overflow = false;
      if (!ToDouble(v, &d, &overflow)) {
        if (!overflow) {
          SetError(&TypeErrorType,
                   StrCat("must be real number, not ", TypeName(v)));
        }
        return false;
      }
      spec->numeric = true;
      body = FloatBody(d, *spec);
      break;
    }
    case 'c': {
      if (IsInt(v)) {
        int64_t c;
        if (!IntToInt64(v, &c) || c < 0 || c > 0x10FFFF) {
          SetError(&OverflowErrorType, "%c arg not in range(0x110000)");
          return false;
        }
        body = EncodeUtf8(c);
      } else if (IsStr(v) && static_cast<StrObject*>(v)->length == 1) {
        body = std::string(StrView(v));
      } else {
        SetError(&TypeErrorType, "%c requires int or char");
        return false;
      }
      break;
    }
    default:
      return false;  // the caller reports the character
  }
  Emit(*spec, body, out);
  return true;
}

// A '*' width or precision: the next argument, which must be an int.
bool StarArg(PercentArgs* a, int64_t* out) {
  Object* v = a->Next();
  if (v == nullptr) return false;
  if (!IsInt(v)) {
    SetError(&TypeErrorType, "* wants int");
    return false;
  }
  if (!IntToInt64(v, out)) {
    SetError(&OverflowErrorType,
             "Python int too large to convert to C ssize_t");
    return false;
  }
  return true;
}

bool IsFormatType(int64_t c) {
  switch (c) {
    case 's':
    case 'r':
    case 'a':
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'c':
      return true;
    default:
      return false;
  }
}

Object* PercentFormat(std::string_view fmt, Object* args_obj) {
  PercentArgs a;
  a.args = args_obj;
  if (IsTuple(args_obj)) {
    a.count = static_cast<TupleObject*>(args_obj)->size;
    a.next = 0;
  } else {
    a.count = -1;
    a.next = -2;
  }
  // Anything subscriptable but a tuple or str may serve %(key)s, and then
  // need not be used up (CPython's PyMapping_Check).
  a.mapping = (args_obj->type->getitem != nullptr && !IsTuple(args_obj) &&
               !IsStr(args_obj))
                  ? args_obj
                  : nullptr;
  std::string out;
  size_t i = 0, n = fmt.size();
  auto fail = [&]() -> Object* {
    XDecref(a.owned);
    return nullptr;
  };
  while (i < n) {
    size_t start = i;
    while (i < n && fmt[i] != '%') ++i;
    out.append(fmt.substr(start, i - start));
    if (i >= n) break;
    ++i;  // the '%'
    if (i < n && fmt[i] == '%') {
      out.push_back('%');
      ++i;
      continue;
    }
    PercentSpec spec;
    if (i < n && fmt[i] == '(') {
      if (a.mapping == nullptr) {
        SetError(&TypeErrorType, "format requires a mapping");
        return fail();
      }
      size_t key_start = ++i;
      int depth = 1;
      while (i < n && depth > 0) {
        if (fmt[i] == '(') ++depth;
        if (fmt[i] == ')') --depth;
        ++i;
      }
      if (depth > 0) {
        SetError(&ValueErrorType, "incomplete format key");
        return fail();
      }
      StrObject* key = NewStr(fmt.substr(key_start, i - 1 - key_start));
      if (key == nullptr) return fail();
      Object* value = GetItem(a.mapping, key);
      Decref(key);
      if (value == nullptr) return fail();
      XDecref(a.owned);
      a.owned = value;
      a.args = value;
      a.count = -1;
      a.next = -2;
    }
    while (i < n) {
      char c = fmt[i];
      int flag = c == '-'   ? kLeft
                 : c == '+' ? kSign
                 : c == ' ' ? kBlank
                 : c == '#' ? kAlt
                 : c == '0' ? kZero
                            : 0;
      if (flag == 0) break;
      spec.flags |= flag;
      ++i;
    }
    if (i < n && fmt[i] == '*') {
      ++i;
      if (!StarArg(&a, &spec.width)) return fail();
      if (spec.width < 0) {
        spec.flags |= kLeft;
        spec.width = -spec.width;
      }
    } else {
      while (i < n && fmt[i] >= '0' && fmt[i] <= '9') {
        spec.width = (spec.width < 0 ? 0 : spec.width) * 10 + (fmt[i++] - '0');
        if (spec.width > (int64_t{1} << 40)) {
          SetError(&ValueErrorType, "width too big");
          return fail();
        }
      }
    }
    if (i < n && fmt[i] == '.') {
      ++i;
      spec.precision = 0;
      if (i < n && fmt[i] == '*') {
        ++i;
        if (!StarArg(&a, &spec.precision)) return fail();
        if (spec.precision < 0) spec.precision = 0;
      } else {
        while (i < n && fmt[i] >= '0' && fmt[i] <= '9') {
          spec.precision = spec.precision * 10 + (fmt[i++] - '0');
          if (spec.precision > (int64_t{1} << 40)) {
            SetError(&ValueErrorType, "precision too big");
            return fail();
          }
        }
      }
    }
    // C length modifiers are accepted and ignored.
    if (i < n && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L')) ++i;
    if (i >= n) {
      SetError(&ValueErrorType, "incomplete format");
      return fail();
    }
    size_t type_at = i;
    spec.type = DecodeAt(fmt, &i);
    Object* v = a.Next();
    if (v == nullptr) return fail();
    if (!IsFormatType(spec.type)) {
      char hex[16];
      snprintf(hex, sizeof(hex), "%x", static_cast<unsigned>(spec.type));
      SetError(&ValueErrorType,
               StrCat("unsupported format character '", EncodeUtf8(spec.type),
                      "' (0x", hex, ") at index ",
                      Utf8Length(fmt.substr(0, type_at))));
      return fail();
    }
    if (!FormatOne(&spec, v, &out)) return fail();
  }
  if (a.next < a.count && a.mapping == nullptr) {
    SetError(&TypeErrorType,
             "not all arguments converted during string formatting");
    return fail();
  }
  XDecref(a.owned);
  return NewStr(out);
}

}  // namespace

Object* StrFormatMethod(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  if (nargs == 0 || !IsStr(args[0])) {
    return SetError(&TypeErrorType,
                    "descriptor 'format' for 'str' objects doesn't apply");
  }
  Formatter f(args + 1, nargs - 1, args + nargs, kwnames, nullptr);
  return RunFormatter(&f, args[0]);
}

Object* StrFormatMapMethod(Object* const* args, size_t nargs,
                           TupleObject* kwnames) {
  if (!CheckNoKeywords("format_map", kwnames) ||
      !CheckArgCount("format_map", nargs - 1, 1, 1)) {
    return nullptr;
  }
  Formatter f(nullptr, 0, nullptr, nullptr, args[1]);
  return RunFormatter(&f, args[0]);
}

Object* StrPercentFormat(Object* format, Object* args) {
  if (!IsStr(format)) return NotImplemented();
  return PercentFormat(StrView(format), args);
}

}  // namespace twinpy
