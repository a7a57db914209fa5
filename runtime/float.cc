// float: arithmetic with Python's rounding and error rules, repr as CPython.
#include "runtime/float.h"

#include <gmp.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

namespace twinpy {

Type FloatType;

Object* NewFloat(double v) {
  auto* f =
      static_cast<FloatObject*>(AllocObject(&FloatType, sizeof(FloatObject)));
  if (f == nullptr) return nullptr;
  f->value = v;
  return f;
}

std::string FloatRepr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  // Shortest round-tripping digits, then Python's layout: positional when
  // the decimal point falls within -4 < exponent < 16, else scientific.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v,
                           std::chars_format::scientific);
  std::string s(buf, res.ptr);
  std::string sign;
  if (s[0] == '-') {
    sign = "-";
    s.erase(0, 1);
  }
  size_t e = s.find('e');
  int exponent = std::atoi(s.c_str() + e + 1);
  std::string digits = s.substr(0, e);
  if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
  int decpt = exponent + 1;  // digits[0:decpt] is the integer part
  if (decpt > -4 && decpt <= 16) {
    std::string out;
    if (decpt <= 0) {
      out = "0." + std::string(-decpt, '0') + digits;
    } else if (static_cast<size_t>(decpt) >= digits.size()) {
      out = digits + std::string(decpt - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, decpt) + "." + digits.substr(decpt);
    }
    return sign + out;
  }
  std::string mantissa = digits.substr(0, 1);
  if (digits.size() > 1) mantissa += "." + digits.substr(1);
  char exp[16];
  snprintf(exp, sizeof(exp), "e%c%02d", exponent < 0 ? '-' : '+',
           std::abs(exponent));
  return sign + mantissa + exp;
}

int64_t FloatHash(double v) {
  // Python's numeric hash (value modulo 2**61 - 1), so that hash(2.0) ==
  // hash(2) and dict keys 2 and 2.0 coincide.
  constexpr int kBits = 61;
  constexpr uint64_t kModulus = (uint64_t{1} << kBits) - 1;
  if (std::isinf(v)) return v > 0 ? 314159 : -314159;
  if (std::isnan(v)) return 0;
  int e;
  double m = std::frexp(v, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m != 0) {
    x = ((x << 28) & kModulus) | x >> (kBits - 28);
    m *= 268435456.0;  // 2**28
    e -= 28;
    auto y = static_cast<uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kModulus) x -= kModulus;
  }
  e = e >= 0 ? e % kBits : kBits - 1 - ((-1 - e) % kBits);
  x = ((x << e) & kModulus) | x >> (kBits - e);
  auto h = static_cast<int64_t>(x) * sign;
  return h == -1 ? -2 : h;
}

bool ToDouble(Object* o, double* out, bool* overflow) {
  *overflow = false;
  if (IsFloat(o)) {
    *out = FloatValue(o);
    return true;
  }
  if (IsInt(o)) {
    if (IntToDouble(o, out)) return true;
    *overflow = true;
    return false;
  }
  return false;
}

Object* FloatFromString(std::string_view text) {
  std::string s;
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  bool ok = b < e;
  // Underscores may only separate digits.
  for (size_t i = b; i < e && ok; ++i) {
    char c = text[i];
    if (c == '_') {
      ok = i > b && i + 1 < e && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
           std::isdigit(static_cast<unsigned char>(text[i + 1]));
    } else {
      s.push_back(c);
    }
  }
  if (ok) {
    std::string lower;
    for (char c : s) lower.push_back(static_cast<char>(std::tolower(c)));
    std::string_view body = lower;
    bool negative = false;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
      negative = body[0] == '-';
      body.remove_prefix(1);
    }
    if (body == "inf" || body == "infinity") {
      return NewFloat(negative ? -HUGE_VAL : HUGE_VAL);
    }
    if (body == "nan") return NewFloat(negative ? -NAN : NAN);
    // strtod would accept hex and other spellings Python rejects.
    bool digits = false;
    for (char c : body) {
      if (std::isdigit(static_cast<unsigned char>(c))) {
        digits = true;
      } else if (c != '.' && c != 'e' && c != '+' && c != '-') {
        ok = false;
      }
    }
    if (ok && digits) {
      char* end;
      errno = 0;
      double v = std::strtod(s.c_str(), &end);
      if (*end == '\0') return NewFloat(v);
    }
  }
  return SetError(&ValueErrorType,
                  StrCat("could not convert string to float: ",
                               StrRepr(text)));
}

namespace {

void FloatDealloc(Object* o) { FreeObject(o, sizeof(FloatObject)); }

// Converts both operands, or answers NotImplemented / raises OverflowError.
#define FLOAT_OPERANDS(a, b, x, y)                              \
  double x, y;                                                  \
  {                                                             \
    bool overflow_a, overflow_b;                                \
    bool ok_a = ToDouble(a, &x, &overflow_a);                   \
    if (!ok_a && overflow_a) return nullptr;                    \
    bool ok_b = ok_a && ToDouble(b, &y, &overflow_b);           \
    if (ok_a && !ok_b && overflow_b) return nullptr;            \
    if (!ok_a || !ok_b) return NotImplemented();                \
  }

Object* FloatAdd(Object* a, Object* b) {
  FLOAT_OPERANDS(a, b, x, y);
  return NewFloat(x + y);
}

Object* FloatSub(Object* a, Object* b) {
  FLOAT_OPERANDS(a, b, x, y);
  return NewFloat(x - y);
}

Object* FloatMul(Object* a, Object* b) {
  FLOAT_OPERANDS(a, b, x, y);
  return NewFloat(x * y);
}

Object* FloatTrueDiv(Object* a, Object* b) {
  FLOAT_OPERANDS(a, b, x, y);
  if (y == 0) return SetError(&ZeroDivisionErrorType, "float division by zero");
  return NewFloat(x / y);
}

// Python's float divmod: the remainder takes the divisor's sign.
void DivMod(double x, double y, double* floordiv, double* mod) {
  double m = std::fmod(x, y);
  double div = (x - m) / y;
  if (m != 0) {
    if ((y < 0) != (m < 0)) {
      m += y;
      div -= 1.0;
    }
  } else {
    m = std::copysign(0.0, y);
  }
  double fd;
  if (div != 0) {
    fd = std::floor(div);
    if (div - fd > 0.5) fd += 1.0;
  } else {
    fd = std::copysign(0.0, x / y);
  }
  *floordiv = fd;
  *mod = m;
}

Object* FloatFloorDiv(Object* a, Object* b) {
  FLOAT_OPERANDS(a, b, x, y);
  if (y == 0) {
    return SetError(&ZeroDivisionErrorType, "float floor division by zero");
  }
  double d, m;
  DivMod(x, y, &d, &m);
  return NewFloat(d);
}

Object* FloatMod(Object* a, Object* b) {
  FLOAT_OPERANDS(a, b, x, y);
  if (y == 0) return SetError(&ZeroDivisionErrorType, "float modulo");
  double d, m;
  DivMod(x, y, &d, &m);
  return NewFloat(m);
}

Object* FloatPow(Object* a, Object* b) {
  FLOAT_OPERANDS(a, b, x, y);
  if (x == 0 && y < 0) {
    return SetError(&ZeroDivisionErrorType,
                    "0.0 cannot be raised to a negative power");
  }
  if (x < 0 && y != std::floor(y) && std::isfinite(y)) {
    return SetError(&ValueErrorType,
                    "negative number cannot be raised to a fractional power "
                    "(complex numbers are not supported)");
  }
  errno = 0;
  double r = std::pow(x, y);
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) {
    return SetError(&OverflowErrorType, "(34, 'Numerical result out of range')");
  }
  return NewFloat(r);
}

Object* FloatNegative(Object* a) { return NewFloat(-FloatValue(a)); }
Object* FloatPositive(Object* a) { return NewFloat(FloatValue(a)); }

Object* FloatReprSlot(Object* o) { return NewStr(FloatRepr(FloatValue(o))); }

int64_t FloatHashSlot(Object* o) { return FloatHash(FloatValue(o)); }

int FloatTruth(Object* o) { return FloatValue(o) != 0; }

// Compares a double with an int exactly, as Python does (no rounding of the
// int): returns -1, 0 or 1 for x <, ==, > i. x must not be NaN.
int CompareDoubleInt(double x, Object* i) {
  if (std::isinf(x)) return x > 0 ? 1 : -1;
  int64_t small;
  if (IntToInt64(i, &small) && small >= -(int64_t{1} << 53) &&
      small <= (int64_t{1} << 53)) {
    auto d = static_cast<double>(small);
    return (x > d) - (x < d);
  }
  double fl = std::floor(x);
  mpz_t a, b;
  mpz_init_set_d(a, fl);
  mpz_init(b);
  IntToMpz(i, b);
  int c = mpz_cmp(a, b);
  mpz_clear(a);
  mpz_clear(b);
  if (c < 0) return -1;  // x < floor(x) + 1 <= i
  if (c > 0) return 1;
  return fl == x ? 0 : 1;  // floor(x) == i: x > i unless integral
}

Object* FloatCompare(Object* a, Object* b, CompareOp op) {
  int c;
  bool nan = false;
  if (IsFloat(a) && IsFloat(b)) {
    double x = FloatValue(a), y = FloatValue(b);
    nan = std::isnan(x) || std::isnan(y);
    c = (x > y) - (x < y);
  } else if (IsFloat(a) && IsInt(b)) {
    double x = FloatValue(a);
    nan = std::isnan(x);
    c = nan ? 0 : CompareDoubleInt(x, b);
  } else if (IsInt(a) && IsFloat(b)) {
    double y = FloatValue(b);
    nan = std::isnan(y);
    c = nan ? 0 : -CompareDoubleInt(y, a);
  } else {
    return NotImplemented();
  }
  if (nan) return Bool(op == CompareOp::kNe);
  switch (op) {
    case CompareOp::kLt: return Bool(c < 0);
    case CompareOp::kLe: return Bool(c <= 0);
    case CompareOp::kEq: return Bool(c == 0);
    case CompareOp::kNe: return Bool(c != 0);
    case CompareOp::kGt: return Bool(c > 0);
    case CompareOp::kGe: return Bool(c >= 0);
  }
  return NotImplemented();
}

Object* FloatNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("float", kwnames)) return nullptr;
  if (nargs > 2) {
    return SetError(&TypeErrorType,
                    StrCat("float expected at most 1 argument, got ",
                                 nargs - 1));
  }
  if (nargs == 1) return NewFloat(0.0);
  Object* x = args[1];
  if (IsFloat(x)) return NewRef(x);
  if (IsInt(x)) {
    double d;
    if (!IntToDouble(x, &d)) return nullptr;
    return NewFloat(d);
  }
  if (IsStr(x)) return FloatFromString(StrView(x));
  static StrObject* float_name = InternStr("__float__");
  if (LookupType(x->type, float_name) != nullptr) {
    return CallMethod(x, "__float__", nullptr, 0);
  }
  return SetError(&TypeErrorType,
                  StrCat("float() argument must be a string or a real "
                               "number, not '",
                               TypeName(x), "'"));
}

Object* FloatIsInteger(Object* const* args, size_t nargs, TupleObject* kw) {
  if (!CheckNoKeywords("is_integer", kw) ||
      !CheckArgCount("is_integer", nargs - 1, 0, 0)) {
    return nullptr;
  }
  double v = FloatValue(args[0]);
  return Bool(std::isfinite(v) && v == std::floor(v));
}

const MethodDef kFloatMethods[] = {
    {"is_integer", FloatIsInteger, kNativeMethod},
    {nullptr, nullptr, 0},
};

}  // namespace

void InitFloatType() {
  InitStaticType(&FloatType, "float", sizeof(FloatObject), &ObjectType);
  FloatType.dealloc = FloatDealloc;
  FloatType.repr = FloatReprSlot;
  FloatType.hash = FloatHashSlot;
  FloatType.compare = FloatCompare;
  FloatType.truth = FloatTruth;
  FloatType.getattr = GenericGetAttr;
  auto set = [](BinOp op, BinaryFn fn) {
    FloatType.number[static_cast<int>(op)] = fn;
  };
  set(BinOp::kAdd, FloatAdd);
  set(BinOp::kSub, FloatSub);
  set(BinOp::kMul, FloatMul);
  set(BinOp::kTrueDiv, FloatTrueDiv);
  set(BinOp::kFloorDiv, FloatFloorDiv);
  set(BinOp::kMod, FloatMod);
  set(BinOp::kPow, FloatPow);
  FloatType.negative = FloatNegative;
  FloatType.positive = FloatPositive;
  AddMethods(&FloatType, kFloatMethods);
  DictSetStr(FloatType.dict, "__new__",
             NewStaticNativeFunction("__new__", FloatNew, 0));
}

}  // namespace twinpy
