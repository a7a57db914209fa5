// int: arbitrary precision, with a machine-word fast path.
//
// A value that fits in int64_t is always stored in `value` with big ==
// nullptr; only larger magnitudes use a GMP integer. The evaluation loop's
// fast paths rely on that normal form.
#ifndef TWINPY_RUNTIME_INT_H_
#define TWINPY_RUNTIME_INT_H_

#include <gmp.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/object.h"

namespace twinpy {

struct IntObject : Object {
  int64_t value;
  __mpz_struct* big;
};

extern Type IntType;

// GMP aborts the process when a result would pass about 2^37 bits, or when
// it cannot allocate one. Operations whose result is known beforehand to
// pass out_of_memory.h's kMaxIntBits raise MemoryError instead.
// False with MemoryError set when an integer of about `bits` bits (an
// estimate, computed in double so it cannot wrap) is beyond kMaxIntBits.
bool IntSizeAllowed(double bits);

extern Type BoolType;
extern IntObject TrueObject;
extern IntObject FalseObject;

inline bool IsInt(const Object* o) {
  return o->type == &IntType || (o->type->flags & kTypeIntSubclass);
}
inline bool IsExactInt(const Object* o) { return o->type == &IntType; }
inline bool IsSmallInt(const Object* o) {
  return static_cast<const IntObject*>(o)->big == nullptr;
}
inline int64_t SmallIntValue(const Object* o) {
  return static_cast<const IntObject*>(o)->value;
}

inline Object* True() { return &TrueObject; }
inline Object* False() { return &FalseObject; }
inline Object* Bool(bool b) { return b ? True() : False(); }

// Cached immortal ints cover this range, as CPython's small-int cache.
inline constexpr int64_t kSmallIntMin = -5;
inline constexpr int64_t kSmallIntMax = 1024;
extern IntObject small_ints[kSmallIntMax - kSmallIntMin + 1];

Object* NewIntSlow(int64_t v);
inline Object* NewInt(int64_t v) {
  if (v >= kSmallIntMin && v <= kSmallIntMax) {
    return &small_ints[v - kSmallIntMin];
  }
  return NewIntSlow(v);
}
Object* NewIntFromMpz(const mpz_t v);  // copies; normalises to the fast form
Object* NewIntFromDouble(double d);    // truncates; OverflowError for inf/nan
// Parses Python int literal text (digits without prefix or underscores).
Object* NewIntFromDigits(std::string_view digits, int base);
// int(str, base) semantics: sign, whitespace, underscores, prefixes when
// base is 0 or matches; ValueError with CPython's message otherwise.
Object* IntFromString(std::string_view text, int base);

// Exact conversions. Return false (no exception) when out of range.
bool IntToInt64(const Object* o, int64_t* out);
// Python's int -> float (correctly rounded); OverflowError when too large.
bool IntToDouble(const Object* o, double* out);
void IntToMpz(const Object* o, mpz_t out);  // out must be initialised
int IntSign(const Object* o);
std::string IntToString(const Object* o, int base);
// Index conversion for subscripts and sizes: OverflowError ("cannot fit
// 'int' into an index-sized integer") when too large.
bool IntAsSsize(const Object* o, int64_t* out);
int64_t IntHash(const Object* o);
// Three-way comparison of two ints.
int IntCompare(const Object* a, const Object* b);

// Slots, exposed so the evaluation loop can call them directly.
Object* IntAdd(Object* a, Object* b);
Object* IntSub(Object* a, Object* b);
Object* IntMul(Object* a, Object* b);
Object* IntFloorDiv(Object* a, Object* b);
Object* IntMod(Object* a, Object* b);
Object* IntTrueDiv(Object* a, Object* b);
Object* IntPow(Object* a, Object* b);
Object* IntRichCompare(Object* a, Object* b, CompareOp op);

void InitIntType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_INT_H_
