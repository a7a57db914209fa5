// The math module: the common functions over doubles, exact ones over ints.
#include <cmath>

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/module.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

bool Arg(Object* o, double* out) {
  bool overflow;
  if (ToDouble(o, out, &overflow)) return true;
  if (!overflow) {
    SetError(&TypeErrorType, StrCat("must be real number, not ", TypeName(o)));
  }
  return false;
}

// A one-argument function with Python's domain and range errors.
template <double (*Fn)(double)>
Object* Unary(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("math function", nargs, 1, 1)) return nullptr;
  double x;
  if (!Arg(args[0], &x)) return nullptr;
  double r = Fn(x);
  if (std::isnan(r) && !std::isnan(x)) {
    return SetError(&ValueErrorType, "math domain error");
  }
  if (std::isinf(r) && std::isfinite(x)) {
    return SetError(&OverflowErrorType, "math range error");
  }
  return NewFloat(r);
}

Object* Sqrt(Object* const* args, size_t nargs, TupleObject* kw) {
  if (nargs == 1) {
    double x;
    if (!Arg(args[0], &x)) return nullptr;
    if (x < 0) return SetError(&ValueErrorType, "math domain error");
  }
  return Unary<std::sqrt>(args, nargs, kw);
}

Object* Log(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("log", nargs, 1, 2)) return nullptr;
  double x;
  if (!Arg(args[0], &x)) return nullptr;
  if (x <= 0) return SetError(&ValueErrorType, "math domain error");
  double r = std::log(x);
  if (nargs == 2) {
    double b;
    if (!Arg(args[1], &b)) return nullptr;
    if (b <= 0 || b == 1) {
      return SetError(b == 1 ? &ZeroDivisionErrorType : &ValueErrorType,
                      b == 1 ? "float division by zero" : "math domain error");
    }
    r /= std::log(b);
  }
  return NewFloat(r);
}

// floor/ceil/trunc return ints.
template <double (*Fn)(double)>
Object* ToInt(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("math function", nargs, 1, 1)) return nullptr;
  if (IsInt(args[0])) return Positive(args[0]);
  double x;
  if (!Arg(args[0], &x)) return nullptr;
  return NewIntFromDouble(Fn(x));
}

Object* Pow(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("pow", nargs, 2, 2)) return nullptr;
  double x, y;
  if (!Arg(args[0], &x) || !Arg(args[1], &y)) return nullptr;
  if (x == 0 && y < 0) return SetError(&ValueErrorType, "math domain error");
  double r = std::pow(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) {
    return SetError(&ValueErrorType, "math domain error");
  }
  if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) {
    return SetError(&OverflowErrorType, "math range error");
  }
  return NewFloat(r);
}

Object* Atan2(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("atan2", nargs, 2, 2)) return nullptr;
  double y, x;
  if (!Arg(args[0], &y) || !Arg(args[1], &x)) return nullptr;
  return NewFloat(std::atan2(y, x));
}

Object* Hypot(Object* const* args, size_t nargs, TupleObject*) {
  double r = 0;
  for (size_t i = 0; i < nargs; ++i) {
    double x;
    if (!Arg(args[i], &x)) return nullptr;
    r = std::hypot(r, x);
  }
  return NewFloat(r);
}

Object* Fabs(Object* const* args, size_t nargs, TupleObject* kw) {
  return Unary<std::fabs>(args, nargs, kw);
}

Object* Gcd(Object* const* args, size_t nargs, TupleObject*) {
  Object* g = NewInt(0);
  for (size_t i = 0; i < nargs; ++i) {
    if (!IsInt(args[i])) {
      Decref(g);
      return SetError(&TypeErrorType,
                      StrCat("'", TypeName(args[i]),
                                   "' object cannot be interpreted as an integer"));
    }
    mpz_t a, b;
    mpz_inits(a, b, nullptr);
    IntToMpz(g, a);
    IntToMpz(args[i], b);
    mpz_gcd(a, a, b);
    Decref(g);
    g = NewIntFromMpz(a);
    mpz_clears(a, b, nullptr);
    if (g == nullptr) return nullptr;
  }
  return g;
}

Object* Factorial(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("factorial", nargs, 1, 1)) return nullptr;
  int64_t n;
  if (!IsInt(args[0])) {
    return SetError(&TypeErrorType,
                    StrCat("'", TypeName(args[0]),
                                 "' object cannot be interpreted as an integer"));
  }
  if (!IntToInt64(args[0], &n)) {
    return SetError(&OverflowErrorType, "factorial() argument should not exceed 9223372036854775807");
  }
  if (n < 0) {
    return SetError(&ValueErrorType, "factorial() not defined for negative values");
  }
  // n! has about n * (log2(n) - log2(e)) bits.
  if (n > 2 && !IntSizeAllowed(static_cast<double>(n) *
                               (std::log2(static_cast<double>(n)) - 1.4427))) {
    return nullptr;
  }
  mpz_t r;
  mpz_init(r);
  mpz_fac_ui(r, static_cast<unsigned long>(n));
  Object* result = NewIntFromMpz(r);
  mpz_clear(r);
  return result;
}

Object* IsClose(Object* const* args, size_t nargs, TupleObject* kwnames) {
  size_t nkw = kwnames ? kwnames->size : 0;
  if (nargs != 2) return SetError(&TypeErrorType, "isclose() takes exactly 2 positional arguments");
  double a, b, rel = 1e-9, abs_tol = 0.0;
  if (!Arg(args[0], &a) || !Arg(args[1], &b)) return nullptr;
  for (size_t i = 0; i < nkw; ++i) {
    std::string_view k = StrView(kwnames->items[i]);
    double* target = k == "rel_tol" ? &rel : k == "abs_tol" ? &abs_tol : nullptr;
    if (target == nullptr) {
      return SetError(&TypeErrorType,
                      StrCat("isclose() got an unexpected keyword argument '", k, "'"));
    }
    if (!Arg(args[nargs + i], target)) return nullptr;
  }
  if (a == b) return True();
  if (std::isinf(a) || std::isinf(b)) return False();
  double diff = std::fabs(b - a);
  return Bool(diff <= std::fabs(rel * b) || diff <= std::fabs(rel * a) ||
              diff <= abs_tol);
}

template <bool (*Pred)(double)>
Object* Test(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("math function", nargs, 1, 1)) return nullptr;
  double x;
  if (!Arg(args[0], &x)) return nullptr;
  return Bool(Pred(x));
}

bool IsNan(double x) { return std::isnan(x); }
bool IsInf(double x) { return std::isinf(x); }
bool IsFinite(double x) { return std::isfinite(x); }
double Floor(double x) { return std::floor(x); }
double Ceil(double x) { return std::ceil(x); }
double Trunc(double x) { return std::trunc(x); }
double Degrees(double x) { return x * (180.0 / M_PI); }
double Radians(double x) { return x * (M_PI / 180.0); }

ModuleObject* NewMathModule() {
  ModuleObject* m = NewModule("math");
  if (m == nullptr) return nullptr;
  DictObject* d = m->dict;
  const struct {
    const char* name;
    NativeFn fn;
    uint32_t flags;
  } kFunctions[] = {
      {"sqrt", Sqrt, 0},
      {"exp", Unary<std::exp>, 0},
      {"log", Log, 0},
      {"log2", Unary<std::log2>, 0},
      {"log10", Unary<std::log10>, 0},
      {"sin", Unary<std::sin>, 0},
      {"cos", Unary<std::cos>, 0},
      {"tan", Unary<std::tan>, 0},
      {"asin", Unary<std::asin>, 0},
      {"acos", Unary<std::acos>, 0},
      {"atan", Unary<std::atan>, 0},
      {"sinh", Unary<std::sinh>, 0},
      {"cosh", Unary<std::cosh>, 0},
      {"tanh", Unary<std::tanh>, 0},
      {"fabs", Fabs, 0},
      {"degrees", Unary<Degrees>, 0},
      {"radians", Unary<Radians>, 0},
      {"floor", ToInt<Floor>, 0},
      {"ceil", ToInt<Ceil>, 0},
      {"trunc", ToInt<Trunc>, 0},
      {"pow", Pow, 0},
      {"atan2", Atan2, 0},
      {"hypot", Hypot, 0},
      {"gcd", Gcd, 0},
      {"factorial", Factorial, 0},
      {"isclose", IsClose, kNativeKeywords},
      {"isnan", Test<IsNan>, 0},
      {"isinf", Test<IsInf>, 0},
      {"isfinite", Test<IsFinite>, 0},
  };
  for (const auto& f : kFunctions) {
    DictSetStr(d, f.name, NewStaticNativeFunction(f.name, f.fn, f.flags));
  }
  DictSetStr(d, "pi", NewFloat(M_PI));
  DictSetStr(d, "e", NewFloat(M_E));
  DictSetStr(d, "tau", NewFloat(2 * M_PI));
  DictSetStr(d, "inf", NewFloat(HUGE_VAL));
  DictSetStr(d, "nan", NewFloat(NAN));
  return m;
}

struct Register {
  Register() { RegisterNativeModule("math", NewMathModule); }
} register_math;

}  // namespace

}  // namespace twinpy
