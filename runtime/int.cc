// int: machine-word fast paths, GMP beyond them.
#include "runtime/int.h"

#include <cctype>
#include <cmath>
#include <cstring>
#include <new>
#include <string>

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/out_of_memory.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

namespace twinpy {

Type IntType;
Type BoolType;
IntObject TrueObject;
IntObject FalseObject;
IntObject small_ints[kSmallIntMax - kSmallIntMin + 1];

namespace {

// CPython 3.11's default limit on decimal conversions (CVE-2020-10735).
constexpr int64_t kMaxStrDigits = 4300;

// An mpz view of any int: borrows the big value or holds the small one.
class MpzArg {
 public:
  explicit MpzArg(const Object* o) {
    auto* i = static_cast<const IntObject*>(o);
    if (i->big != nullptr) {
      ptr_ = i->big;
    } else {
      mpz_init(own_);
      SetInt64(own_, i->value);
      ptr_ = own_;
      owned_ = true;
    }
  }
  ~MpzArg() {
    if (owned_) mpz_clear(own_);
  }
  const __mpz_struct* get() const { return ptr_; }

  static void SetInt64(mpz_t out, int64_t v) {
    if (v >= LONG_MIN && v <= LONG_MAX) {
      mpz_set_si(out, static_cast<long>(v));
    } else {
      // Not reached on LP64, where long is 64 bits.
      mpz_set_si(out, static_cast<long>(v >> 32));
      mpz_mul_2exp(out, out, 32);
      mpz_add_ui(out, out, static_cast<unsigned long>(v & 0xffffffff));
    }
  }

 private:
  mpz_t own_;
  const __mpz_struct* ptr_;
  bool owned_ = false;
};

class Mpz {
 public:
  Mpz() { mpz_init(v_); }
  ~Mpz() { mpz_clear(v_); }
  __mpz_struct* get() { return v_; }

 private:
  mpz_t v_;
};

void IntDealloc(Object* o) {
  auto* i = static_cast<IntObject*>(o);
  if (i->big != nullptr) {
    mpz_clear(i->big);
    delete i->big;
  }
  FreeObject(o, sizeof(IntObject));
}

bool BothInts(Object* a, Object* b) { return IsInt(a) && IsInt(b); }

Object* ZeroDivision(const char* message) {
  return SetError(&ZeroDivisionErrorType, message);
}

}  // namespace

bool IntSizeAllowed(double bits) {
  if (bits <= static_cast<double>(kMaxIntBits)) return true;
  NoMemory();
  return false;
}

namespace {

// Bits of |v|, the size the GMP results below are estimated from.
double MpzBits(const __mpz_struct* v) {
  return static_cast<double>(mpz_sizeinbase(v, 2));
}

}  // namespace

Object* NewIntSlow(int64_t v) {
  auto* i = static_cast<IntObject*>(AllocObject(&IntType, sizeof(IntObject)));
  if (i == nullptr) return nullptr;
  i->value = v;
  i->big = nullptr;
  return i;
}

Object* NewIntFromMpz(const mpz_t v) {
  if (mpz_fits_slong_p(v)) return NewInt(mpz_get_si(v));
  auto* i = static_cast<IntObject*>(AllocObject(&IntType, sizeof(IntObject)));
  if (i == nullptr) return nullptr;
  i->value = 0;
  i->big = nullptr;
  auto* big = new (std::nothrow) __mpz_struct;
  if (big == nullptr || !GmpGuarded([&] { mpz_init_set(big, v); })) {
    delete big;  // abandoned by GMP, if it got that far: nothing to clear
    Decref(i);
    return NoMemory();
  }
  i->big = big;
  return i;
}

Object* NewIntFromDouble(double d) {
  if (std::isinf(d)) {
    return SetError(&OverflowErrorType,
                    "cannot convert float infinity to integer");
  }
  if (std::isnan(d)) {
    return SetError(&ValueErrorType, "cannot convert float NaN to integer");
  }
  double t = std::trunc(d);
  if (t >= -9223372036854775808.0 && t < 9223372036854775808.0) {
    return NewInt(static_cast<int64_t>(t));
  }
  Mpz m;
  mpz_set_d(m.get(), t);
  return NewIntFromMpz(m.get());
}

Object* NewIntFromDigits(std::string_view digits, int base) {
  if (digits.size() < 16) {
    uint64_t v = 0;
    bool ok = true;
    for (char c : digits) {
      int d = std::isdigit(static_cast<unsigned char>(c))
                  ? c - '0'
                  : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
      if (d < 0 || d >= base) {
        ok = false;
        break;
      }
      v = v * base + d;
    }
    if (ok && v <= static_cast<uint64_t>(INT64_MAX)) {
      return NewInt(static_cast<int64_t>(v));
    }
  }
  Mpz m;
  if (mpz_set_str(m.get(), std::string(digits).c_str(), base) != 0) {
    return SetError(&ValueErrorType, "invalid digits in integer literal");
  }
  return NewIntFromMpz(m.get());
}

Object* IntFromString(std::string_view text, int base) {
  auto invalid = [&]() -> Object* {
    return SetError(&ValueErrorType,
                    StrCat("invalid literal for int() with base ", base,
                                 ": ", StrRepr(text)));
  };
  if (base != 0 && (base < 2 || base > 36)) {
    return SetError(&ValueErrorType,
                    "int() base must be >= 2 and <= 36, or 0");
  }
  std::string_view s = text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int b = base;
  if (s.size() >= 2 && s[0] == '0') {
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
    int prefix_base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (prefix_base != 0 && (base == 0 || base == prefix_base)) {
      b = prefix_base;
      s.remove_prefix(2);
      if (!s.empty() && s[0] == '_') s.remove_prefix(1);
    }
  }
  if (b == 0) {
    // Base 0 without a prefix is decimal, and forbids leading zeros.
    b = 10;
    if (s.size() > 1 && s[0] == '0') {
      for (char c : s) {
        if (c != '0' && c != '_') return invalid();
      }
    }
  }
  std::string digits;
  digits.reserve(s.size());
  bool last_underscore = true;  // no leading underscore
  for (char c : s) {
    if (c == '_') {
      if (last_underscore) return invalid();
      last_underscore = true;
      continue;
    }
    int d = std::isdigit(static_cast<unsigned char>(c))
                ? c - '0'
            : std::isalpha(static_cast<unsigned char>(c))
                ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                : 99;
    if (d >= b) return invalid();
    digits.push_back(c);
    last_underscore = false;
  }
  if (digits.empty() || last_underscore) return invalid();
  if (b == 10 && static_cast<int64_t>(digits.size()) > kMaxStrDigits) {
    return SetError(
        &ValueErrorType,
        StrCat("Exceeds the limit (", kMaxStrDigits,
                     " digits) for integer string conversion: value has ",
                     digits.size(),
                     " digits; use sys.set_int_max_str_digits() to increase "
                     "the limit"));
  }
  Object* v = NewIntFromDigits(digits, b);
  if (v == nullptr || !negative) return v;
  Object* n = Negative(v);
  Decref(v);
  return n;
}

bool IntToInt64(const Object* o, int64_t* out) {
  auto* i = static_cast<const IntObject*>(o);
  if (i->big != nullptr) return false;
  *out = i->value;
  return true;
}

void IntToMpz(const Object* o, mpz_t out) {
  auto* i = static_cast<const IntObject*>(o);
  if (i->big != nullptr) {
    mpz_set(out, i->big);
  } else {
    MpzArg::SetInt64(out, i->value);
  }
}

int IntSign(const Object* o) {
  auto* i = static_cast<const IntObject*>(o);
  if (i->big != nullptr) return mpz_sgn(i->big);
  return (i->value > 0) - (i->value < 0);
}

namespace {

// Rounds |m| (an mpz) * 2**exp to the nearest double, ties to even: keeps
// 65 significant bits plus a sticky bit, which the 128-bit integer to
// double conversion then rounds correctly.
double MpzToDoubleScaled(const __mpz_struct* m, int64_t exp, bool* overflow) {
  *overflow = false;
  size_t bits = mpz_sizeinbase(m, 2);
  Mpz top;
  int64_t shift = 0;
  if (bits > 65) {
    shift = static_cast<int64_t>(bits) - 65;
    mpz_tdiv_q_2exp(top.get(), m, shift);
    if (mpz_scan1(m, 0) < static_cast<mp_bitcnt_t>(shift)) {
      mpz_setbit(top.get(), 0);  // inexact: the sticky bit
    }
  } else {
    mpz_abs(top.get(), m);
  }
  mpz_abs(top.get(), top.get());
  unsigned __int128 v = 0;
  size_t count = 0;
  uint64_t limbs[2] = {0, 0};
  mpz_export(limbs, &count, -1, sizeof(uint64_t), 0, 0, top.get());
  v = (static_cast<unsigned __int128>(limbs[1]) << 64) | limbs[0];
  double d = static_cast<double>(v);
  int64_t total = shift + exp;
  if (total > 2000) {
    *overflow = true;
    return 0;
  }
  d = std::ldexp(d, static_cast<int>(total < -2000 ? -2000 : total));
  if (std::isinf(d)) *overflow = true;
  return mpz_sgn(m) < 0 ? -d : d;
}

}  // namespace

bool IntToDouble(const Object* o, double* out) {
  auto* i = static_cast<const IntObject*>(o);
  if (i->big == nullptr) {
    *out = static_cast<double>(i->value);
    return true;
  }
  bool overflow;
  *out = MpzToDoubleScaled(i->big, 0, &overflow);
  if (overflow) {
    SetError(&OverflowErrorType, "int too large to convert to float");
    return false;
  }
  return true;
}

std::string IntToString(const Object* o, int base) {
  auto* i = static_cast<const IntObject*>(o);
  if (i->big == nullptr && base == 10) return std::to_string(i->value);
  MpzArg m(o);
  std::string s(mpz_sizeinbase(m.get(), base) + 2, '\0');
  mpz_get_str(s.data(), base, m.get());
  s.resize(strlen(s.c_str()));
  return s;
}

bool IntAsSsize(const Object* o, int64_t* out) {
  if (IntToInt64(o, out)) return true;
  SetError(&IndexErrorType, "cannot fit 'int' into an index-sized integer");
  return false;
}

int64_t IntHash(const Object* o) {
  // Python's numeric hash: the value modulo the Mersenne prime 2**61 - 1,
  // so equal ints and floats hash alike.
  constexpr uint64_t kModulus = (uint64_t{1} << 61) - 1;
  auto* i = static_cast<const IntObject*>(o);
  int64_t h;
  if (i->big == nullptr) {
    uint64_t magnitude = i->value < 0 ? 0 - static_cast<uint64_t>(i->value)
                                      : static_cast<uint64_t>(i->value);
    h = static_cast<int64_t>(magnitude % kModulus);
    if (i->value < 0) h = -h;
  } else {
    Mpz a;
    mpz_abs(a.get(), i->big);
    h = static_cast<int64_t>(mpz_fdiv_ui(a.get(), kModulus));
    if (mpz_sgn(i->big) < 0) h = -h;
  }
  return h == -1 ? -2 : h;
}

int IntCompare(const Object* a, const Object* b) {
  auto* x = static_cast<const IntObject*>(a);
  auto* y = static_cast<const IntObject*>(b);
  if (x->big == nullptr && y->big == nullptr) {
    return (x->value > y->value) - (x->value < y->value);
  }
  MpzArg mx(a), my(b);
  int c = mpz_cmp(mx.get(), my.get());
  return (c > 0) - (c < 0);
}

namespace {

template <class Fn>
Object* BigBinary(Object* a, Object* b, Fn fn) {
  MpzArg x(a), y(b);
  mpz_t r;
  mpz_init(r);
  if (!GmpGuarded([&] { fn(r, x.get(), y.get()); })) return nullptr;  // r abandoned
  Object* result = NewIntFromMpz(r);
  mpz_clear(r);
  return result;
}

// Bits of |o|; 0 for 0.
uint64_t BitLength(const Object* o) {
  MpzArg x(o);
  return mpz_sgn(x.get()) == 0 ? 0 : mpz_sizeinbase(x.get(), 2);
}

}  // namespace

Object* IntAdd(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  int64_t r;
  if (IsSmallInt(a) && IsSmallInt(b) &&
      !__builtin_add_overflow(SmallIntValue(a), SmallIntValue(b), &r)) {
    return NewInt(r);
  }
  return BigBinary(a, b, mpz_add);
}

Object* IntSub(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  int64_t r;
  if (IsSmallInt(a) && IsSmallInt(b) &&
      !__builtin_sub_overflow(SmallIntValue(a), SmallIntValue(b), &r)) {
    return NewInt(r);
  }
  return BigBinary(a, b, mpz_sub);
}

Object* IntMul(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  int64_t r;
  if (IsSmallInt(a) && IsSmallInt(b) &&
      !__builtin_mul_overflow(SmallIntValue(a), SmallIntValue(b), &r)) {
    return NewInt(r);
  }
  if (BitLength(a) + BitLength(b) > kMaxIntBits) return NoMemory();
  return BigBinary(a, b, mpz_mul);
}

Object* IntFloorDiv(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  if (IntSign(b) == 0) {
    return ZeroDivision("integer division or modulo by zero");
  }
  if (IsSmallInt(a) && IsSmallInt(b)) {
    int64_t x = SmallIntValue(a), y = SmallIntValue(b);
    if (!(x == INT64_MIN && y == -1)) {
      int64_t q = x / y;
      if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
      return NewInt(q);
    }
  }
  return BigBinary(a, b, mpz_fdiv_q);
}

Object* IntMod(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  if (IntSign(b) == 0) return ZeroDivision("integer modulo by zero");
  if (IsSmallInt(a) && IsSmallInt(b)) {
    int64_t x = SmallIntValue(a), y = SmallIntValue(b);
    if (y == -1) return NewInt(0);
    int64_t r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) r += y;
    return NewInt(r);
  }
  return BigBinary(a, b, mpz_fdiv_r);
}

Object* IntTrueDiv(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  if (IntSign(b) == 0) return ZeroDivision("division by zero");
  constexpr int64_t kExact = int64_t{1} << 53;
  if (IsSmallInt(a) && IsSmallInt(b)) {
    int64_t x = SmallIntValue(a), y = SmallIntValue(b);
    if (x >= -kExact && x <= kExact && y >= -kExact && y <= kExact) {
      return NewFloat(static_cast<double>(x) / static_cast<double>(y));
    }
  }
  // Correctly rounded: scale so the integer quotient has at least 66 bits,
  // keep a sticky bit for the remainder, round once.
  MpzArg x(a), y(b);
  Mpz n, d, q, r;
  mpz_abs(n.get(), x.get());
  mpz_abs(d.get(), y.get());
  int64_t shift = 66 + static_cast<int64_t>(mpz_sizeinbase(d.get(), 2)) -
                  static_cast<int64_t>(mpz_sizeinbase(n.get(), 2));
  if (mpz_sgn(n.get()) == 0) return NewFloat(IntSign(a) * IntSign(b) < 0 ? -0.0 : 0.0);
  if (shift > 0) {
    mpz_mul_2exp(n.get(), n.get(), shift);
  } else {
    mpz_mul_2exp(d.get(), d.get(), -shift);
  }
  mpz_tdiv_qr(q.get(), r.get(), n.get(), d.get());
  if (mpz_sgn(r.get()) != 0) mpz_setbit(q.get(), 0);
  bool overflow;
  double result = MpzToDoubleScaled(q.get(), -shift, &overflow);
  if (overflow) {
    return SetError(&OverflowErrorType,
                    "integer division result too large for a float");
  }
  return NewFloat(IntSign(a) * IntSign(b) < 0 ? -result : result);
}

Object* IntPow(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  if (IntSign(b) < 0) {
    // A negative exponent makes a float, as in Python.
    double x, y;
    if (!IntToDouble(a, &x) || !IntToDouble(b, &y)) return nullptr;
    if (x == 0) {
      return ZeroDivision("0.0 cannot be raised to a negative power");
    }
    return NewFloat(std::pow(x, y));
  }
  int64_t exponent;
  if (!IntToInt64(b, &exponent)) {
    // Only 0, 1 and -1 survive a huge exponent without exhausting memory.
    int64_t base;
    if (IntToInt64(a, &base) && (base == 0 || base == 1)) return NewInt(base);
    if (IntToInt64(a, &base) && base == -1) {
      MpzArg e(b);
      return NewInt(mpz_odd_p(e.get()) ? -1 : 1);
    }
    return NoMemory();
  }
  if (IsSmallInt(a)) {
    // Square-and-multiply in machine words until it overflows.
    int64_t base = SmallIntValue(a), result = 1, e = exponent;
    bool overflow = false;
    while (e > 0) {
      if (e & 1) overflow |= __builtin_mul_overflow(result, base, &result);
      e >>= 1;
      if (e > 0) overflow |= __builtin_mul_overflow(base, base, &base);
      if (overflow) break;
    }
    if (!overflow) return NewInt(result);
  }
  // The result has at least (bits - 1) * exponent + 1 bits: refuse what
  // GMP cannot hold before it starts.
  uint64_t bits = BitLength(a);
  if (bits > 1 && static_cast<double>(bits - 1) * static_cast<double>(exponent) >
                      static_cast<double>(kMaxIntBits)) {
    return NoMemory();
  }
  MpzArg x(a);
  // |a| >= 2 here (0 and ±1 never overflow a word), so the result has at
  // least (bits(a) - 1) * exponent bits.
  if (!IntSizeAllowed((MpzBits(x.get()) - 1) * static_cast<double>(exponent))) {
    return nullptr;
  }
  mpz_t r;
  mpz_init(r);
  if (!GmpGuarded([&] { mpz_pow_ui(r, x.get(), static_cast<unsigned long>(exponent)); })) {
    return nullptr;  // r abandoned
  }
  Object* result = NewIntFromMpz(r);
  mpz_clear(r);
  return result;
}

namespace {

Object* IntLShift(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  if (IntSign(b) < 0) return SetError(&ValueErrorType, "negative shift count");
  int64_t count;
  if (!IntToInt64(b, &count)) return NoMemory();
  if (IsSmallInt(a)) {
    int64_t x = SmallIntValue(a);
    if (x == 0) return NewInt(0);
    if (count < 63) {
      int64_t r = static_cast<int64_t>(static_cast<uint64_t>(x) << count);
      if ((r >> count) == x) return NewInt(r);
    }
  }
  if (BitLength(a) + static_cast<uint64_t>(count) > kMaxIntBits) return NoMemory();
  MpzArg x(a);
  if (!IntSizeAllowed(MpzBits(x.get()) + static_cast<double>(count))) return nullptr;
  mpz_t r;
  mpz_init(r);
  if (!GmpGuarded([&] { mpz_mul_2exp(r, x.get(), static_cast<mp_bitcnt_t>(count)); })) {
    return nullptr;  // r abandoned
  }
  Object* result = NewIntFromMpz(r);
  mpz_clear(r);
  return result;
}

Object* IntRShift(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  if (IntSign(b) < 0) return SetError(&ValueErrorType, "negative shift count");
  int64_t count;
  if (!IntToInt64(b, &count)) return NewInt(IntSign(a) < 0 ? -1 : 0);
  if (IsSmallInt(a)) {
    int64_t x = SmallIntValue(a);
    return NewInt(count >= 64 ? (x < 0 ? -1 : 0) : (x >> count));
  }
  MpzArg x(a);
  Mpz r;
  mpz_fdiv_q_2exp(r.get(), x.get(), static_cast<mp_bitcnt_t>(count));
  return NewIntFromMpz(r.get());
}

Object* IntAnd(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  if (IsSmallInt(a) && IsSmallInt(b)) {
    return NewInt(SmallIntValue(a) & SmallIntValue(b));
  }
  return BigBinary(a, b, mpz_and);
}

Object* IntOr(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  if (IsSmallInt(a) && IsSmallInt(b)) {
    return NewInt(SmallIntValue(a) | SmallIntValue(b));
  }
  return BigBinary(a, b, mpz_ior);
}

Object* IntXor(Object* a, Object* b) {
  if (!BothInts(a, b)) return NotImplemented();
  if (IsSmallInt(a) && IsSmallInt(b)) {
    return NewInt(SmallIntValue(a) ^ SmallIntValue(b));
  }
  return BigBinary(a, b, mpz_xor);
}

// bool & bool, bool | bool, bool ^ bool stay bool; other operands as int.
template <BinOp kOp>
Object* BoolBitwise(Object* a, Object* b) {
  if (a->type == &BoolType && b->type == &BoolType) {
    bool x = SmallIntValue(a) != 0, y = SmallIntValue(b) != 0;
    return Bool(kOp == BinOp::kAnd ? (x && y) : kOp == BinOp::kOr ? (x || y) : (x != y));
  }
  return IntType.number[static_cast<int>(kOp)](a, b);
}

Object* IntNegative(Object* a) {
  if (IsSmallInt(a) && SmallIntValue(a) != INT64_MIN) {
    return NewInt(-SmallIntValue(a));
  }
  MpzArg x(a);
  Mpz r;
  mpz_neg(r.get(), x.get());
  return NewIntFromMpz(r.get());
}

Object* IntPositive(Object* a) {
  if (a->type == &IntType) return NewRef(a);
  MpzArg x(a);
  return NewIntFromMpz(x.get());
}

Object* IntInvert(Object* a) {
  if (IsSmallInt(a)) return NewInt(~SmallIntValue(a));
  MpzArg x(a);
  Mpz r;
  mpz_com(r.get(), x.get());
  return NewIntFromMpz(r.get());
}

Object* IntRepr(Object* o) {
  auto* i = static_cast<IntObject*>(o);
  if (o->type == &BoolType) return NewStr(i->value ? "True" : "False");
  if (i->big != nullptr &&
      mpz_sizeinbase(i->big, 10) > static_cast<size_t>(kMaxStrDigits)) {
    // sizeinbase may overstate by one: check the exact digit count.
    std::string s = IntToString(o, 10);
    size_t digits = s.size() - (s[0] == '-' ? 1 : 0);
    if (digits > static_cast<size_t>(kMaxStrDigits)) {
      return SetError(&ValueErrorType,
                      StrCat("Exceeds the limit (", kMaxStrDigits,
                                   " digits) for integer string conversion; "
                                   "use sys.set_int_max_str_digits() to "
                                   "increase the limit"));
    }
    return NewStr(s);
  }
  return NewStr(IntToString(o, 10));
}

int64_t IntHashSlot(Object* o) { return IntHash(o); }

int IntTruth(Object* o) { return IntSign(o) != 0; }

Object* IntIndex(Object* o) { return IntPositive(o); }

// int(x=0, base=10)
Object* IntNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  size_t nkw = kwnames == nullptr ? 0 : kwnames->size;
  Object* x = nargs > 1 ? args[1] : nullptr;
  Object* base_obj = nargs > 2 ? args[2] : nullptr;
  for (size_t i = 0; i < nkw; ++i) {
    if (StrView(kwnames->items[i]) == "base") {
      base_obj = args[nargs + i];
    } else {
      return SetError(&TypeErrorType,
                      StrCat("'", StrView(kwnames->items[i]),
                                   "' is an invalid keyword argument for int()"));
    }
  }
  if (nargs > 3) {
    return SetError(&TypeErrorType,
                    StrCat("int() takes at most 2 arguments (", nargs - 1,
                                 " given)"));
  }
  if (x == nullptr) return NewInt(0);
  if (base_obj != nullptr) {
    int64_t base;
    if (!IsInt(base_obj) || !IntToInt64(base_obj, &base)) {
      return SetError(&TypeErrorType,
                      "'" + std::string(TypeName(base_obj)) +
                          "' object cannot be interpreted as an integer");
    }
    if (!IsStr(x)) {
      return SetError(&TypeErrorType,
                      "int() can't convert non-string with explicit base");
    }
    return IntFromString(StrView(x), static_cast<int>(base));
  }
  if (IsExactInt(x)) return NewRef(x);
  if (IsInt(x)) return IntPositive(x);
  if (IsFloat(x)) return NewIntFromDouble(FloatValue(x));
  if (IsStr(x)) return IntFromString(StrView(x), 10);
  static StrObject* int_name = InternStr("__int__");
  static StrObject* index_name = InternStr("__index__");
  for (StrObject* name : {int_name, index_name}) {
    if (LookupType(x->type, name) != nullptr) {
      Object* r = CallMethod(x, StrView(name).data(), nullptr, 0);
      if (r == nullptr || IsInt(r)) return r;
      Decref(r);
      return SetError(&TypeErrorType, "__int__ returned non-int");
    }
  }
  return SetError(&TypeErrorType,
                  StrCat("int() argument must be a string, a bytes-like "
                               "object or a real number, not '",
                               TypeName(x), "'"));
}

Object* BoolNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("bool", kwnames)) return nullptr;
  if (nargs > 2) {
    return SetError(&TypeErrorType,
                    StrCat("bool expected at most 1 argument, got ",
                                 nargs - 1));
  }
  if (nargs == 1) return False();
  int t = IsTrue(args[1]);
  if (t < 0) return nullptr;
  return Bool(t);
}

Object* IntBitLength(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("bit_length", kwnames) ||
      !CheckArgCount("bit_length", nargs - 1, 0, 0)) {
    return nullptr;
  }
  if (IntSign(args[0]) == 0) return NewInt(0);
  MpzArg x(args[0]);
  return NewInt(static_cast<int64_t>(mpz_sizeinbase(x.get(), 2)));
}

const MethodDef kIntMethods[] = {
    {"bit_length", IntBitLength, kNativeMethod},
    {nullptr, nullptr, 0},
};

void InitIntObject(IntObject* o, Type* type, int64_t v) {
  MakeImmortal(o);
  o->type = type;
  o->value = v;
  o->big = nullptr;
}

}  // namespace

Object* IntRichCompare(Object* a, Object* b, CompareOp op) {
  if (!BothInts(a, b)) return NotImplemented();
  int c = IntCompare(a, b);
  bool r = false;
  switch (op) {
    case CompareOp::kLt: r = c < 0; break;
    case CompareOp::kLe: r = c <= 0; break;
    case CompareOp::kEq: r = c == 0; break;
    case CompareOp::kNe: r = c != 0; break;
    case CompareOp::kGt: r = c > 0; break;
    case CompareOp::kGe: r = c >= 0; break;
  }
  return Bool(r);
}

void InitIntType() {
  InitStaticType(&IntType, "int", sizeof(IntObject), &ObjectType);
  IntType.flags |= kTypeIntSubclass | kTypeBaseType;
  IntType.dealloc = IntDealloc;
  IntType.repr = IntRepr;
  IntType.hash = IntHashSlot;
  IntType.compare = IntRichCompare;
  IntType.truth = IntTruth;
  IntType.getattr = GenericGetAttr;
  auto set = [](BinOp op, BinaryFn fn) {
    IntType.number[static_cast<int>(op)] = fn;
  };
  set(BinOp::kAdd, IntAdd);
  set(BinOp::kSub, IntSub);
  set(BinOp::kMul, IntMul);
  set(BinOp::kTrueDiv, IntTrueDiv);
  set(BinOp::kFloorDiv, IntFloorDiv);
  set(BinOp::kMod, IntMod);
  set(BinOp::kPow, IntPow);
  set(BinOp::kLShift, IntLShift);
  set(BinOp::kRShift, IntRShift);
  set(BinOp::kAnd, IntAnd);
  set(BinOp::kOr, IntOr);
  set(BinOp::kXor, IntXor);
  IntType.negative = IntNegative;
  IntType.positive = IntPositive;
  IntType.invert = IntInvert;
  IntType.as_index = IntIndex;
  AddMethods(&IntType, kIntMethods);
  DictSetStr(IntType.dict, "__new__",
             NewStaticNativeFunction("__new__", IntNew, kNativeKeywords));

  // bool is an int subclass whose two instances are the singletons.
  InitStaticType(&BoolType, "bool", sizeof(IntObject), &IntType);
  BoolType.flags &= ~kTypeBaseType;
  BoolType.dealloc = IntDealloc;
  BoolType.repr = IntRepr;
  BoolType.hash = IntHashSlot;
  BoolType.compare = IntRichCompare;
  BoolType.truth = IntTruth;
  BoolType.getattr = GenericGetAttr;
  for (int i = 0; i < static_cast<int>(BinOp::kCount); ++i) {
    BoolType.number[i] = IntType.number[i];
  }
  BoolType.number[static_cast<int>(BinOp::kAnd)] = BoolBitwise<BinOp::kAnd>;
  BoolType.number[static_cast<int>(BinOp::kOr)] = BoolBitwise<BinOp::kOr>;
  BoolType.number[static_cast<int>(BinOp::kXor)] = BoolBitwise<BinOp::kXor>;
  BoolType.negative = IntNegative;
  BoolType.positive = IntPositive;
  BoolType.invert = IntInvert;
  BoolType.as_index = IntIndex;
  BoolType.dict = NewDict();
  DictSetStr(BoolType.dict, "__new__",
             NewStaticNativeFunction("__new__", BoolNew, 0));

  InitIntObject(&TrueObject, &BoolType, 1);
  InitIntObject(&FalseObject, &BoolType, 0);
  for (int64_t v = kSmallIntMin; v <= kSmallIntMax; ++v) {
    InitIntObject(&small_ints[v - kSmallIntMin], &IntType, v);
  }
}

}  // namespace twinpy
