// The builtins module: functions and the names of the built-in types.
#include "runtime/builtins.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/file.h"
#include "runtime/float.h"
#include "runtime/format.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/iterators.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/range.h"
#include "runtime/set.h"
#include "runtime/slice.h"
#include "runtime/str.h"
#include "runtime/str_format.h"
#include "runtime/stream.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

// Keyword arguments of a native call, by name.
Object* Keyword(Object* const* args, size_t nargs, TupleObject* kwnames,
                std::string_view name) {
  if (kwnames == nullptr) return nullptr;
  for (int64_t i = 0; i < kwnames->size; ++i) {
    if (StrView(kwnames->items[i]) == name) return args[nargs + i];
  }
  return nullptr;
}

bool CheckKeywords(const char* fname, TupleObject* kwnames,
                   std::initializer_list<std::string_view> allowed) {
  if (kwnames == nullptr) return true;
  for (int64_t i = 0; i < kwnames->size; ++i) {
    std::string_view k = StrView(kwnames->items[i]);
    bool ok = false;
    for (std::string_view a : allowed) ok |= a == k;
    if (!ok) {
      SetError(&TypeErrorType,
               StrCat("'", k, "' is an invalid keyword argument for ",
                            fname, "()"));
      return false;
    }
  }
  return true;
}

// print(*objects, sep=' ', end='\n', file=None, flush=False)
Object* Print(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckKeywords("print", kwnames, {"sep", "end", "file", "flush"})) {
    return nullptr;
  }
  std::string_view sep = " ", end = "\n";
  for (const char* name : {"sep", "end"}) {
    Object* v = Keyword(args, nargs, kwnames, name);
    if (v == nullptr || v == None()) continue;
    if (!IsStr(v)) {
      return SetError(&TypeErrorType,
                      StrCat(name, " must be None or a string, not ",
                                   TypeName(v)));
    }
    (name[0] == 's' ? sep : end) = StrView(v);
  }
  // file=None means sys.stdout; anything else needs a write() method.
  Object* file = Keyword(args, nargs, kwnames, "file");
  if (file == None()) file = nullptr;
  std::string text;
  for (size_t i = 0; i < nargs; ++i) {
    if (i > 0) text.append(sep);
    std::string s;
    if (!StrString(args[i], &s)) return nullptr;
    text.append(s);
  }
  text.append(end);
  Object* flush = Keyword(args, nargs, kwnames, "flush");
  if (file == nullptr || file->type == &StreamType) {
    auto* stream = static_cast<StreamObject*>(file ? file : StdoutStream());
    StreamWrite(stream, text);
    if (flush != nullptr && IsTrue(flush) > 0) fflush(stream->file);
    return None();
  }
  StrObject* s = NewStr(text);
  if (s == nullptr) return nullptr;
  Object* written = CallMethod(file, "write", reinterpret_cast<Object**>(&s), 1);
  Decref(s);
  if (written == nullptr) return nullptr;
  Decref(written);
  return None();
}

Object* Len(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("len", nargs, 1, 1)) return nullptr;
  int64_t n = Length(args[0]);
  return n < 0 ? nullptr : NewInt(n);
}

Object* ReprBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("repr", nargs, 1, 1)) return nullptr;
  return Repr(args[0]);
}

Object* AsciiBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("ascii", nargs, 1, 1)) return nullptr;
  return Ascii(args[0]);
}

Object* Abs(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("abs", nargs, 1, 1)) return nullptr;
  Object* x = args[0];
  if (IsInt(x)) return IntSign(x) < 0 ? Negative(x) : Positive(x);
  if (IsFloat(x)) return NewFloat(std::fabs(FloatValue(x)));
  static StrObject* name = InternStr("__abs__");
  if (LookupType(x->type, name) != nullptr) return CallMethod(x, "__abs__", nullptr, 0);
  return SetError(&TypeErrorType,
                  StrCat("bad operand type for abs(): '", TypeName(x), "'"));
}

// min() and max(): one iterable or several arguments; key= and default=.
Object* MinMax(Object* const* args, size_t nargs, TupleObject* kwnames,
               const char* name, CompareOp op) {
  if (!CheckKeywords(name, kwnames, {"key", "default"})) return nullptr;
  Object* key = Keyword(args, nargs, kwnames, "key");
  Object* dflt = Keyword(args, nargs, kwnames, "default");
  if (key == None()) key = nullptr;
  if (nargs == 0) {
    return SetError(&TypeErrorType,
                    StrCat(name, " expected at least 1 argument, got 0"));
  }
  if (nargs > 1 && dflt != nullptr) {
    return SetError(&TypeErrorType,
                    StrCat("Cannot specify a default for ", name,
                                 "() with multiple positional arguments"));
  }
  Object* it;
  if (nargs == 1) {
    it = GetIter(args[0]);
  } else {
    TupleObject* t = TupleFrom(args, static_cast<int64_t>(nargs));
    if (t == nullptr) return nullptr;
    it = GetIter(t);
    Decref(t);
  }
  if (it == nullptr) return nullptr;
  Object* best = nullptr;
  Object* best_key = nullptr;
  bool failed = false;
  while (Object* item = IterNext(it)) {
    Object* k = key ? Call(key, &item, 1) : NewRef(item);
    if (k == nullptr) {
      Decref(item);
      failed = true;
      break;
    }
    int better = best == nullptr ? 1 : RichCompareBool(k, best_key, op);
    if (better < 0) {
      Decref(item);
      Decref(k);
      failed = true;
      break;
    }
    if (better) {
      XDecref(best);
      XDecref(best_key);
      best = item;
      best_key = k;
    } else {
      Decref(item);
      Decref(k);
    }
  }
  Decref(it);
  if (failed || ErrorOccurred()) {
    XDecref(best);
    XDecref(best_key);
    return nullptr;
  }
  XDecref(best_key);
  if (best == nullptr) {
    if (dflt != nullptr) return NewRef(dflt);
    return SetError(&ValueErrorType,
                    StrCat(name, "() arg is an empty sequence"));
  }
  return best;
}

Object* Min(Object* const* a, size_t n, TupleObject* k) {
  return MinMax(a, n, k, "min", CompareOp::kLt);
}
Object* Max(Object* const* a, size_t n, TupleObject* k) {
  return MinMax(a, n, k, "max", CompareOp::kGt);
}

Object* Sum(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckKeywords("sum", kwnames, {"start"})) return nullptr;
  if (!CheckArgCount("sum", nargs, 1, 2)) return nullptr;
  Object* start = nargs > 1 ? args[1] : Keyword(args, nargs, kwnames, "start");
  if (start != nullptr && IsStr(start)) {
    return SetError(&TypeErrorType,
                    "sum() can't sum strings [use ''.join(seq) instead]");
  }
  Object* total = start ? NewRef(start) : NewInt(0);
  Object* it = GetIter(args[0]);
  if (it == nullptr) {
    Decref(total);
    return nullptr;
  }
  while (Object* item = IterNext(it)) {
    Object* next;
    // Small-int fast path: no allocation churn through the slot table.
    if (IsExactInt(total) && IsExactInt(item) && IsSmallInt(total) &&
        IsSmallInt(item)) {
      next = IntAdd(total, item);
    } else {
      next = BinaryOp(total, item, BinOp::kAdd);
    }
    Decref(item);
    Decref(total);
    if (next == nullptr) {
      Decref(it);
      return nullptr;
    }
    total = next;
  }
  Decref(it);
  if (ErrorOccurred()) {
    Decref(total);
    return nullptr;
  }
  return total;
}

// isinstance/issubclass accept a type or a (nested) tuple of types.
int ClassInfoMatch(Type* t, Object* info, const char* fname) {
  if (info->type == &TypeType || IsSubtype(info->type, &TypeType)) {
    return IsSubtype(t, static_cast<Type*>(info));
  }
  if (IsTuple(info)) {
    auto* tuple = static_cast<TupleObject*>(info);
    for (int64_t i = 0; i < tuple->size; ++i) {
      int r = ClassInfoMatch(t, tuple->items[i], fname);
      if (r != 0) return r;
    }
    return 0;
  }
  SetError(&TypeErrorType,
           StrCat(fname,
                        "() arg 2 must be a type, a tuple of types, or a union"));
  return -1;
}

Object* IsInstanceBuiltin(Object* const* args, size_t nargs,
                          TupleObject* kwnames) {
  if (!CheckArgCount("isinstance", nargs, 2, 2)) return nullptr;
  int r = ClassInfoMatch(args[0]->type, args[1], "isinstance");
  return r < 0 ? nullptr : Bool(r);
}

Object* IsSubclassBuiltin(Object* const* args, size_t nargs,
                          TupleObject* kwnames) {
  if (!CheckArgCount("issubclass", nargs, 2, 2)) return nullptr;
  if (args[0]->type != &TypeType && !IsSubtype(args[0]->type, &TypeType)) {
    return SetError(&TypeErrorType, "issubclass() arg 1 must be a class");
  }
  int r = ClassInfoMatch(static_cast<Type*>(args[0]), args[1], "issubclass");
  return r < 0 ? nullptr : Bool(r);
}

Object* IterBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("iter", nargs, 1, 1)) return nullptr;
  return GetIter(args[0]);
}

Object* NextBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("next", nargs, 1, 2)) return nullptr;
  if (args[0]->type->iternext == nullptr) {
    return SetError(&TypeErrorType, StrCat("'", TypeName(args[0]),
                                                 "' object is not an iterator"));
  }
  // The slot directly: a generator's StopIteration(value) must reach the
  // caller, which IterNext would swallow.
  Object* item = args[0]->type->iternext(args[0]);
  if (item != nullptr) return item;
  if (ErrorOccurred() && !(nargs > 1 && ErrorMatches(&StopIterationType))) {
    return nullptr;
  }
  ClearError();
  if (nargs > 1) return NewRef(args[1]);
  Object* stop = Call(&StopIterationType, nullptr, 0);
  return stop == nullptr ? nullptr : SetErrorObject(stop);
}

Object* Sorted(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckKeywords("sorted", kwnames, {"key", "reverse"})) return nullptr;
  if (nargs != 1) {
    return SetError(&TypeErrorType,
                    nargs == 0 ? "sorted expected 1 argument, got 0"
                               : StrCat("sorted expected 1 argument, got ",
                                              nargs));
  }
  ListObject* list = ListFromIterable(args[0]);
  if (list == nullptr) return nullptr;
  Object* key = Keyword(args, nargs, kwnames, "key");
  Object* reverse = Keyword(args, nargs, kwnames, "reverse");
  int rev = reverse ? IsTrue(reverse) : 0;
  if (rev < 0 || ListSort(list, key, rev) < 0) {
    Decref(list);
    return nullptr;
  }
  return list;
}

Object* AnyAll(Object* const* args, size_t nargs, const char* name, bool any) {
  if (!CheckArgCount(name, nargs, 1, 1)) return nullptr;
  Object* it = GetIter(args[0]);
  if (it == nullptr) return nullptr;
  while (Object* item = IterNext(it)) {
    int t = IsTrue(item);
    Decref(item);
    if (t < 0 || t == any) {
      Decref(it);
      return t < 0 ? nullptr : Bool(any);
    }
  }
  Decref(it);
  if (ErrorOccurred()) return nullptr;
  return Bool(!any);
}

Object* Any(Object* const* a, size_t n, TupleObject*) { return AnyAll(a, n, "any", true); }
Object* All(Object* const* a, size_t n, TupleObject*) { return AnyAll(a, n, "all", false); }

Object* Chr(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("chr", nargs, 1, 1)) return nullptr;
  int64_t c;
  if (!AsIndex(args[0], &c, "chr")) return nullptr;
  if (c < 0 || c > 0x10FFFF) {
    return SetError(&ValueErrorType, "chr() arg not in range(0x110000)");
  }
  return NewStr(EncodeUtf8(c));
}

Object* Ord(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("ord", nargs, 1, 1)) return nullptr;
  if (!IsStr(args[0])) {
    return SetError(&TypeErrorType,
                    StrCat("ord() expected string of length 1, but ",
                                 TypeName(args[0]), " found"));
  }
  auto* s = static_cast<StrObject*>(args[0]);
  if (s->length != 1) {
    return SetError(&TypeErrorType,
                    StrCat("ord() expected a character, but string of "
                                 "length ",
                                 s->length, " found"));
  }
  auto* b = reinterpret_cast<const unsigned char*>(s->data);
  int64_t c;
  if (b[0] < 0x80) {
    c = b[0];
  } else if (b[0] < 0xE0) {
    c = ((b[0] & 0x1F) << 6) | (b[1] & 0x3F);
  } else if (b[0] < 0xF0) {
    c = ((b[0] & 0x0F) << 12) | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F);
  } else {
    c = ((b[0] & 0x07) << 18) | ((b[1] & 0x3F) << 12) | ((b[2] & 0x3F) << 6) |
        (b[3] & 0x3F);
  }
  return NewInt(c);
}

Object* BaseString(Object* const* args, size_t nargs, const char* name,
                   int base, const char* prefix) {
  if (!CheckArgCount(name, nargs, 1, 1)) return nullptr;
  if (!IsInt(args[0])) {
    return SetError(&TypeErrorType,
                    StrCat("'", TypeName(args[0]),
                                 "' object cannot be interpreted as an integer"));
  }
  std::string digits = IntToString(args[0], base);
  if (digits[0] == '-') return NewStr(StrCat("-", prefix, digits.substr(1)));
  return NewStr(StrCat(prefix, digits));
}

Object* Hex(Object* const* a, size_t n, TupleObject*) {
  return BaseString(a, n, "hex", 16, "0x");
}
Object* Oct(Object* const* a, size_t n, TupleObject*) {
  return BaseString(a, n, "oct", 8, "0o");
}
Object* Bin(Object* const* a, size_t n, TupleObject*) {
  return BaseString(a, n, "bin", 2, "0b");
}

Object* DivMod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("divmod", nargs, 2, 2)) return nullptr;
  Object* q = BinaryOp(args[0], args[1], BinOp::kFloorDiv);
  if (q == nullptr) return nullptr;
  Object* r = BinaryOp(args[0], args[1], BinOp::kMod);
  if (r == nullptr) {
    Decref(q);
    return nullptr;
  }
  TupleObject* t = NewTuple(2);
  if (t == nullptr) {
    Decref(q);
    Decref(r);
    return nullptr;
  }
  t->items[0] = q;
  t->items[1] = r;
  return t;
}

Object* Pow(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("pow", nargs, 2, 3)) return nullptr;
  if (nargs == 2 || args[2] == None()) {
    return BinaryOp(args[0], args[1], BinOp::kPow);
  }
  if (!IsInt(args[0]) || !IsInt(args[1]) || !IsInt(args[2])) {
    return SetError(&TypeErrorType,
                    "pow() 3rd argument not allowed unless all arguments are "
                    "integers");
  }
  if (IntSign(args[2]) == 0) {
    return SetError(&ValueErrorType, "pow() 3rd argument cannot be 0");
  }
  mpz_t b, e, m, r;
  mpz_inits(b, e, m, r, nullptr);
  IntToMpz(args[0], b);
  IntToMpz(args[1], e);
  IntToMpz(args[2], m);
  Object* result = nullptr;
  bool negative_modulus = mpz_sgn(m) < 0;
  mpz_abs(m, m);
  if (mpz_sgn(e) < 0) {
    if (mpz_invert(b, b, m) == 0) {
      SetError(&ValueErrorType, "base is not invertible for the given modulus");
    } else {
      mpz_neg(e, e);
    }
  }
  if (!ErrorOccurred()) {
    mpz_powm(r, b, e, m);
    // Python's result takes the modulus's sign.
    if (negative_modulus && mpz_sgn(r) != 0) mpz_sub(r, r, m);
    result = NewIntFromMpz(r);
  }
  mpz_clears(b, e, m, r, nullptr);
  return result;
}

Object* Round(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckKeywords("round", kwnames, {"ndigits"})) return nullptr;
  Object* ndigits = nargs > 1 ? args[1] : Keyword(args, nargs, kwnames, "ndigits");
  if (!CheckArgCount("round", nargs, 1, 2)) return nullptr;
  Object* x = args[0];
  if (ndigits == None()) ndigits = nullptr;
  int64_t n = 0;
  if (ndigits != nullptr && !AsIndex(ndigits, &n, "ndigits")) return nullptr;
  if (IsInt(x)) {
    if (ndigits == nullptr || n >= 0) return NewRef(x);
    // Round half to even at 10**-n.
    // 10**-n has about 3.32 * -n bits.
    if (!IntSizeAllowed(-3.33 * static_cast<double>(n))) return nullptr;
    mpz_t v, p, q, r, twice;
    mpz_inits(v, p, q, r, twice, nullptr);
    IntToMpz(x, v);
    mpz_ui_pow_ui(p, 10, static_cast<unsigned long>(-n));
    mpz_fdiv_qr(q, r, v, p);
    mpz_mul_2exp(twice, r, 1);
    int c = mpz_cmp(twice, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    mpz_mul(q, q, p);
    Object* result = NewIntFromMpz(q);
    mpz_clears(v, p, q, r, twice, nullptr);
    return result;
  }
  if (IsFloat(x)) {
    double d = FloatValue(x);
    if (ndigits == nullptr) {
      if (!std::isfinite(d)) return NewIntFromDouble(d);
      return NewIntFromDouble(std::nearbyint(d));
    }
    if (!std::isfinite(d) || n > 323) return NewFloat(d);
    if (n >= 0) {
      // printf rounds the exact binary value correctly, as CPython's dtoa.
      char buf[400];
      snprintf(buf, sizeof(buf), "%.*f", static_cast<int>(n), d);
      return NewFloat(std::strtod(buf, nullptr));
    }
    if (n < -308) return NewFloat(std::copysign(0.0, d));
    double p = std::pow(10.0, static_cast<double>(-n));
    double y = std::nearbyint(d / p) * p;
    return NewFloat(y);
  }
  static StrObject* name = InternStr("__round__");
  if (LookupType(x->type, name) != nullptr) {
    return CallMethod(x, "__round__", ndigits ? &ndigits : nullptr, ndigits ? 1 : 0);
  }
  return SetError(&TypeErrorType,
                  StrCat("type ", TypeName(x),
                               " doesn't define __round__ method"));
}

Object* FormatBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("format", nargs, 1, 2)) return nullptr;
  if (nargs == 2 && !IsStr(args[1])) {
    return SetError(&TypeErrorType,
                    StrCat("format() argument 2 must be str, not ", TypeName(args[1])));
  }
  return Format(args[0], nargs == 2 ? StrView(args[1]) : std::string_view());
}

Object* HashBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("hash", nargs, 1, 1)) return nullptr;
  int64_t h = Hash(args[0]);
  return h == -1 ? nullptr : NewInt(h);
}

Object* Id(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("id", nargs, 1, 1)) return nullptr;
  return NewInt(static_cast<int64_t>(reinterpret_cast<uintptr_t>(args[0])));
}

Object* CallableBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("callable", nargs, 1, 1)) return nullptr;
  return Bool(args[0]->type->call != nullptr);
}

bool AttrName(Object* o, const char* fname, StrObject** out) {
  if (!IsStr(o)) {
    SetError(&TypeErrorType, StrCat(fname, "(): attribute name must be string"));
    return false;
  }
  *out = InternStr(StrView(o));
  return *out != nullptr;
}

Object* GetAttrBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("getattr", nargs, 2, 3)) return nullptr;
  StrObject* name;
  if (!AttrName(args[1], "getattr", &name)) return nullptr;
  Object* v = GetAttr(args[0], name);
  if (v == nullptr && nargs == 3 && ErrorMatches(&AttributeErrorType)) {
    ClearError();
    return NewRef(args[2]);
  }
  return v;
}

Object* SetAttrBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("setattr", nargs, 3, 3)) return nullptr;
  StrObject* name;
  if (!AttrName(args[1], "setattr", &name)) return nullptr;
  if (SetAttr(args[0], name, args[2]) < 0) return nullptr;
  return None();
}

Object* DelAttrBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("delattr", nargs, 2, 2)) return nullptr;
  StrObject* name;
  if (!AttrName(args[1], "delattr", &name)) return nullptr;
  if (SetAttr(args[0], name, nullptr) < 0) return nullptr;
  return None();
}

Object* HasAttrBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("hasattr", nargs, 2, 2)) return nullptr;
  StrObject* name;
  if (!AttrName(args[1], "hasattr", &name)) return nullptr;
  Object* v = GetAttr(args[0], name);
  if (v != nullptr) {
    Decref(v);
    return True();
  }
  if (ErrorMatches(&AttributeErrorType)) {
    ClearError();
    return False();
  }
  return nullptr;
}

const struct {
  const char* name;
  NativeFn fn;
  uint32_t flags;
} kBuiltinFunctions[] = {
    {"print", Print, kNativeKeywords},
    {"len", Len, 0},
    {"repr", ReprBuiltin, 0},
    {"ascii", AsciiBuiltin, 0},
    {"abs", Abs, 0},
    {"min", Min, kNativeKeywords},
    {"max", Max, kNativeKeywords},
    {"sum", Sum, kNativeKeywords},
    {"isinstance", IsInstanceBuiltin, 0},
    {"issubclass", IsSubclassBuiltin, 0},
    {"iter", IterBuiltin, 0},
    {"next", NextBuiltin, 0},
    {"sorted", Sorted, kNativeKeywords},
    {"any", Any, 0},
    {"all", All, 0},
    {"chr", Chr, 0},
    {"ord", Ord, 0},
    {"hex", Hex, 0},
    {"oct", Oct, 0},
    {"bin", Bin, 0},
    {"divmod", DivMod, 0},
    {"pow", Pow, 0},
    {"round", Round, kNativeKeywords},
    {"hash", HashBuiltin, 0},
    {"format", FormatBuiltin, 0},
    {"id", Id, 0},
    {"callable", CallableBuiltin, 0},
    {"getattr", GetAttrBuiltin, 0},
    {"setattr", SetAttrBuiltin, 0},
    {"delattr", DelAttrBuiltin, 0},
    {"hasattr", HasAttrBuiltin, 0},
};

}  // namespace

ModuleObject* NewBuiltinsModule() {
  ModuleObject* m = NewModule("builtins");
  if (m == nullptr) return nullptr;
  for (const auto& def : kBuiltinFunctions) {
    DictSetStr(m->dict, def.name, NewStaticNativeFunction(def.name, def.fn, def.flags));
  }
  const struct {
    const char* name;
    Object* value;
  } kValues[] = {
      {"None", None()},
      {"True", True()},
      {"False", False()},
      {"NotImplemented", NotImplemented()},
      {"Ellipsis", &EllipsisObject},
      {"int", &IntType},
      {"bool", &BoolType},
      {"float", &FloatType},
      {"str", &StrType},
      {"list", &ListType},
      {"tuple", &TupleType},
      {"dict", &DictType},
      {"set", &SetType},
      {"frozenset", &FrozenSetType},
      {"range", &RangeType},
      {"slice", &SliceType},
      {"object", &ObjectType},
      {"type", &TypeType},
      {"enumerate", &EnumerateType},
      {"zip", &ZipType},
      {"map", &MapType},
      {"filter", &FilterType},
      {"reversed", &ReversedType},
#define TWINPY_BUILTIN_EXCEPTION(cname, pyname, base) {pyname, &cname##Type},
      TWINPY_EXCEPTION_TYPES(TWINPY_BUILTIN_EXCEPTION)
#undef TWINPY_BUILTIN_EXCEPTION
  };
  for (const auto& v : kValues) DictSetStr(m->dict, v.name, NewRef(v.value));
  AddFileBuiltins(m->dict);
  return m;
}

}  // namespace twinpy
