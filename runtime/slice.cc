// slice objects.
#include "runtime/slice.h"

#include <string>

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/errors.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

namespace twinpy {

Type SliceType;

Object* NewSlice(Object* start, Object* stop, Object* step) {
  auto* s =
      static_cast<SliceObject*>(AllocObject(&SliceType, sizeof(SliceObject)));
  if (s == nullptr) return nullptr;
  s->start = NewRef(start);
  s->stop = NewRef(stop);
  s->step = NewRef(step);
  return s;
}

namespace {

// Reads one bound; huge values clamp, which is all slicing needs.
bool SliceBound(Object* o, int64_t* out) {
  if (IsInt(o)) {
    if (!IntToInt64(o, out)) *out = IntSign(o) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    return true;
  }
  SetError(&TypeErrorType,
           "slice indices must be integers or None or have an __index__ "
           "method");
  return false;
}

void SliceDealloc(Object* o) {
  auto* s = static_cast<SliceObject*>(o);
  Decref(s->start);
  Decref(s->stop);
  Decref(s->step);
  FreeObject(o, sizeof(SliceObject));
}

Object* SliceRepr(Object* o) {
  auto* s = static_cast<SliceObject*>(o);
  std::string a, b, c;
  if (!ReprString(s->start, &a) || !ReprString(s->stop, &b) ||
      !ReprString(s->step, &c)) {
    return nullptr;
  }
  return NewStr(StrCat("slice(", a, ", ", b, ", ", c, ")"));
}

}  // namespace

int64_t SliceIndices(SliceObject* s, int64_t length, int64_t* start,
                     int64_t* stop, int64_t* step) {
  *step = 1;
  if (s->step != None() && !SliceBound(s->step, step)) return -1;
  if (*step == 0) {
    SetError(&ValueErrorType, "slice step cannot be zero");
    return -1;
  }
  bool back = *step < 0;
  int64_t lower = back ? -1 : 0;
  int64_t upper = back ? length - 1 : length;
  auto resolve = [&](Object* bound, int64_t fallback, int64_t* out) {
    if (bound == None()) {
      *out = fallback;
      return true;
    }
    if (!SliceBound(bound, out)) return false;
    if (*out < 0) {
      *out += length;
      if (*out < lower) *out = lower;
    } else if (*out > upper) {
      *out = upper;
    }
    return true;
  };
  if (!resolve(s->start, back ? upper : lower, start)) return -1;
  if (!resolve(s->stop, back ? lower : upper, stop)) return -1;
  if (back) {
    return *stop < *start ? (*start - *stop - 1) / (-*step) + 1 : 0;
  }
  return *start < *stop ? (*stop - *start - 1) / *step + 1 : 0;
}

void InitSliceType() {
  InitStaticType(&SliceType, "slice", sizeof(SliceObject), &ObjectType);
  SliceType.dealloc = SliceDealloc;
  SliceType.repr = SliceRepr;
  SliceType.getattr = GenericGetAttr;
}

}  // namespace twinpy
