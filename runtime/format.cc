// The format-specification mini-language:
//   [[fill]align][sign][#][0][width][grouping][.precision][type]
#include "runtime/format.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "runtime/abstract.h"
#include "runtime/errors.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/function.h"
#include "runtime/typeobject.h"

namespace twinpy {

namespace {

struct Spec {
  std::string fill = " ";
  char align = 0;
  char sign = 0;
  bool no_negative_zero = false;  // 'z' (3.11): -0.0 formats as 0.0
  bool alternate = false;
  int64_t width = -1;
  char grouping = 0;
  int64_t precision = -1;
  char type = 0;
};

bool IsAlign(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

size_t Utf8CharLen(unsigned char c) {
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

bool ParseSpec(std::string_view s, Object* value, Spec* spec) {
  size_t i = 0;
  // A fill character is whatever precedes an alignment mark.
  if (!s.empty()) {
    size_t n = Utf8CharLen(static_cast<unsigned char>(s[0]));
    if (n < s.size() && IsAlign(s[n])) {
      spec->fill = std::string(s.substr(0, n));
      spec->align = s[n];
      i = n + 1;
    } else if (IsAlign(s[0])) {
      spec->align = s[0];
      i = 1;
    }
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) spec->sign = s[i++];
  if (i < s.size() && s[i] == 'z') {
    spec->no_negative_zero = true;
    ++i;
  }
  if (i < s.size() && s[i] == '#') {
    spec->alternate = true;
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    if (spec->align == 0) {
      spec->fill = "0";
      spec->align = '=';
    }
    ++i;
  }
  auto number = [&](int64_t* out) {
    if (i >= s.size() || !isdigit(static_cast<unsigned char>(s[i]))) return false;
    int64_t v = 0;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) {
      v = v * 10 + (s[i++] - '0');
      if (v > (int64_t{1} << 31)) v = int64_t{1} << 31;
    }
    *out = v;
    return true;
  };
  number(&spec->width);
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) spec->grouping = s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!number(&spec->precision)) {
      SetError(&ValueErrorType, "Format specifier missing precision");
      return false;
    }
  }
  if (i < s.size()) spec->type = s[i++];
  if (i != s.size()) {
    SetError(&ValueErrorType, StrCat("Invalid format specifier '", s,
                                     "' for object of type '", TypeName(value),
                                     "'"));
    return false;
  }
  return true;
}

// Inserts `sep` every `every` digits from the right of the digit run.
std::string Group(std::string_view digits, char sep, int every) {
  std::string out;
  int count = 0;
  for (size_t k = digits.size(); k > 0; --k) {
    if (count > 0 && count % every == 0) out.push_back(sep);
    out.push_back(digits[k - 1]);
    ++count;
  }
  return std::string(out.rbegin(), out.rend());
}

int64_t Utf8Width(std::string_view s) { return Utf8Length(s); }

// Pads sign + prefix + body to the spec's width.
std::string Pad(const Spec& spec, std::string_view sign_prefix,
                std::string_view body, char default_align) {
  int64_t len = Utf8Width(sign_prefix) + Utf8Width(body);
  char align = spec.align ? spec.align : default_align;
  if (spec.width <= len) return StrCat(sign_prefix, body);
  int64_t pad = spec.width - len;
  auto fill = [&](int64_t n) {
    std::string f;
    for (int64_t k = 0; k < n; ++k) f += spec.fill;
    return f;
  };
  switch (align) {
    case '<': return StrCat(sign_prefix, body, fill(pad));
    case '^': return StrCat(fill(pad / 2), sign_prefix, body, fill(pad - pad / 2));
    case '=': return StrCat(sign_prefix, fill(pad), body);
    default: return StrCat(fill(pad), sign_prefix, body);
  }
}

std::string SignFor(bool negative, char sign) {
  if (negative) return "-";
  if (sign == '+') return "+";
  if (sign == ' ') return " ";
  return "";
}

Object* FormatFloatValue(double v, const Spec& spec, Object* original);

Object* FormatIntValue(Object* value, const Spec& spec) {
  char type = spec.type ? spec.type : 'd';
  switch (type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
      double d;
      if (!IntToDouble(value, &d)) return nullptr;
      return FormatFloatValue(d, spec, value);
    }
    case 'c': {
      int64_t c;
      if (!IntToInt64(value, &c) || c < 0 || c > 0x10FFFF) {
        return SetError(&OverflowErrorType, "%c arg not in range(0x110000)");
      }
      if (spec.sign) {
        return SetError(&ValueErrorType,
                        "Sign not allowed with integer format specifier 'c'");
      }
      return NewStr(Pad(spec, "", EncodeUtf8(c), '>'));
    }
    case 'd': case 'n': case 'b': case 'o': case 'x': case 'X':
      break;
    default:
      return SetError(&ValueErrorType, StrCat("Unknown format code '", type,
                                              "' for object of type '",
                                              TypeName(value), "'"));
  }
  if (spec.precision >= 0) {
    return SetError(&ValueErrorType,
                    "Precision not allowed in integer format specifier");
  }
  int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
  std::string digits = IntToString(value, base);
  bool negative = digits[0] == '-';
  if (negative) digits.erase(0, 1);
  if (type == 'X') {
    for (char& c : digits) c = static_cast<char>(toupper(c));
  }
  if (spec.grouping) {
    if (spec.grouping == ',' && base != 10) {
      return SetError(&ValueErrorType, "Cannot specify ',' with '" +
                                           std::string(1, type) + "'.");
    }
    digits = Group(digits, spec.grouping, base == 10 ? 3 : 4);
  }
  std::string prefix;
  if (spec.alternate && base != 10) {
    prefix = base == 2 ? "0b" : base == 8 ? "0o" : type == 'X' ? "0X" : "0x";
  }
  return NewStr(Pad(spec, SignFor(negative, spec.sign) + prefix, digits, '>'));
}

Object* FormatFloatValue(double v, const Spec& spec, Object* original) {
  char type = spec.type;
  std::string body;
  bool negative = std::signbit(v) && !std::isnan(v);
  double a = std::fabs(v);
  char buf[512];
  int precision = spec.precision < 0 ? 6 : static_cast<int>(std::min<int64_t>(spec.precision, 400));
  switch (type) {
    case 'f': case 'F':
      snprintf(buf, sizeof(buf), "%.*f", precision, a);
      body = buf;
      break;
    case 'e': case 'E':
      snprintf(buf, sizeof(buf), "%.*e", precision, a);
      body = buf;
      break;
    case 'g': case 'G': case 'n':
      snprintf(buf, sizeof(buf), spec.alternate ? "%#.*g" : "%.*g",
               precision == 0 ? 1 : precision, a);
      body = buf;
      break;
    case '%':
      snprintf(buf, sizeof(buf), "%.*f", precision, a * 100);
      body = StrCat(buf, "%");
      break;
    case 0:
      if (spec.precision < 0) {
        body = FloatRepr(a);
      } else {
        snprintf(buf, sizeof(buf), "%.*g", precision == 0 ? 1 : precision, a);
        body = buf;
        if (std::isfinite(a) && body.find_first_of(".e") == std::string::npos) {
          body += ".0";
        }
      }
      break;
    default:
      return SetError(&ValueErrorType, StrCat("Unknown format code '", type,
                                              "' for object of type '",
                                              TypeName(original), "'"));
  }
  if (type == 'F' || type == 'E' || type == 'G') {
    for (char& c : body) c = static_cast<char>(toupper(c));
  }
  if (negative && spec.no_negative_zero &&
      body.find_first_not_of("0.%") == std::string::npos) {
    negative = false;  // the value rounded to zero
  }
  if (spec.grouping && std::isfinite(a)) {
    size_t end = body.find_first_not_of("0123456789");
    if (end == std::string::npos) end = body.size();
    body = Group(body.substr(0, end), spec.grouping, 3) + body.substr(end);
  }
  return NewStr(Pad(spec, SignFor(negative, spec.sign), body, '>'));
}

Object* FormatStrValue(Object* value, const Spec& spec) {
  if (spec.type != 0 && spec.type != 's') {
    return SetError(&ValueErrorType, StrCat("Unknown format code '", spec.type,
                                            "' for object of type 'str'"));
  }
  if (spec.sign) {
    return SetError(&ValueErrorType, "Sign not allowed in string format specifier");
  }
  if (spec.align == '=') {
    return SetError(&ValueErrorType,
                    "'=' alignment not allowed in string format specifier");
  }
  std::string_view s = StrView(value);
  if (spec.precision >= 0 && spec.precision < Utf8Length(s)) {
    size_t bytes = 0;
    for (int64_t k = 0; k < spec.precision; ++k) {
      bytes += Utf8CharLen(static_cast<unsigned char>(s[bytes]));
    }
    s = s.substr(0, bytes);
  }
  return NewStr(Pad(spec, "", s, '<'));
}

}  // namespace

namespace {

// A __format__ written in Python on the value's class, called as
// format() does; nullptr without an error when there is none.
Object* UserFormat(Object* value, std::string_view spec_text) {
  if (!(value->type->flags & kTypeHeap)) return nullptr;
  static StrObject* name = InternStr("__format__");
  Object* method = LookupType(value->type, name);
  if (method == nullptr || method->type == &NativeFunctionType) return nullptr;
  StrObject* spec = NewStr(spec_text);
  if (spec == nullptr) return nullptr;
  Object* args[2] = {value, spec};
  Object* r = CallBorrowed(method, args, 2);
  Decref(spec);
  if (r != nullptr && !IsStr(r)) {
    SetError(&TypeErrorType, StrCat("__format__ must return a str, not ",
                                    TypeName(r)));
    Decref(r);
    return nullptr;
  }
  return r;
}

}  // namespace

Object* Format(Object* value, std::string_view spec_text) {
  if (Object* r = UserFormat(value, spec_text)) return r;
  if (ErrorOccurred()) return nullptr;
  if (spec_text.empty()) return Str(value);
  Spec spec;
  // bool formats as an int once there is a spec (int.__format__).
  if (IsInt(value)) {
    if (!ParseSpec(spec_text, value, &spec)) return nullptr;
    return FormatIntValue(value, spec);
  }
  if (IsFloat(value)) {
    if (!ParseSpec(spec_text, value, &spec)) return nullptr;
    return FormatFloatValue(FloatValue(value), spec, value);
  }
  if (IsStr(value)) {
    if (!ParseSpec(spec_text, value, &spec)) return nullptr;
    return FormatStrValue(value, spec);
  }
  return SetError(&TypeErrorType, StrCat("unsupported format string passed to ",
                                         TypeName(value), ".__format__"));
}

}  // namespace twinpy
