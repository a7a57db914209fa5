// slice objects.
#include "runtime/slice.h"

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

namespace {

// slice(stop) or slice(start, stop[, step])
Object* SliceNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("slice", kwnames)) return nullptr;
  size_t n = nargs - 1;
  if (n < 1 || n > 3) {
    return SetError(&TypeErrorType,
                    n < 1 ? "slice expected at least 1 argument, got 0"
                          : StrCat("slice expected at most 3 arguments, got ", n));
  }
  if (n == 1) return NewSlice(None(), args[1], None());
  return NewSlice(args[1], args[2], n == 3 ? args[3] : None());
}

Object* SliceGetAttr(Object* o, StrObject* name) {
  auto* s = static_cast<SliceObject*>(o);
  std::string_view n = StrView(name);
  if (n == "start") return NewRef(s->start);
  if (n == "stop") return NewRef(s->stop);
  if (n == "step") return NewRef(s->step);
  return GenericGetAttr(o, name);
}

}  // namespace

void InitSliceType() {
  InitStaticType(&SliceType, "slice", sizeof(SliceObject), &ObjectType);
  SliceType.dealloc = SliceDealloc;
  SliceType.repr = SliceRepr;
  SliceType.getattr = SliceGetAttr;
  SliceType.dict = NewDict();
  DictSetStr(SliceType.dict, "__new__", NewStaticNativeFunction("__new__", SliceNew, 0));
}

}  // namespace twinpy
