// float: an IEEE double, printed the way CPython prints it.
#ifndef TWINPY_RUNTIME_FLOAT_H_
#define TWINPY_RUNTIME_FLOAT_H_

#include <string>

#include "runtime/object.h"

namespace twinpy {

struct FloatObject : Object {
  double value;
};

extern Type FloatType;

inline bool IsFloat(const Object* o) { return o->type == &FloatType; }
inline double FloatValue(const Object* o) {
  return static_cast<const FloatObject*>(o)->value;
}
Object* NewFloat(double v);

// repr(): the shortest string that round-trips, CPython's layout rules.
std::string FloatRepr(double v);
int64_t FloatHash(double v);
// Converts an int or float operand to double; false (TypeError unset) if
// the object is neither, false with OverflowError set for huge ints.
bool ToDouble(Object* o, double* out, bool* overflow);
Object* FloatFromString(std::string_view text);  // float("...")

void InitFloatType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_FLOAT_H_
