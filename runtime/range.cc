// range: start, stop and step in machine words.
#include "runtime/range.h"

#include <string>

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/slice.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

namespace twinpy {

Type RangeType;
Type RangeIteratorType;

namespace {

int64_t RangeLength(int64_t start, int64_t stop, int64_t step) {
  // Unsigned arithmetic: stop - start can exceed int64 range.
  if (step > 0 && start < stop) {
    return static_cast<int64_t>(
        (static_cast<uint64_t>(stop) - static_cast<uint64_t>(start) - 1) /
            static_cast<uint64_t>(step) + 1);
  }
  if (step < 0 && start > stop) {
    return static_cast<int64_t>(
        (static_cast<uint64_t>(start) - static_cast<uint64_t>(stop) - 1) /
            (0 - static_cast<uint64_t>(step)) + 1);
  }
  return 0;
}

Object* MakeRange(int64_t start, int64_t stop, int64_t step) {
  auto* r =
      static_cast<RangeObject*>(AllocObject(&RangeType, sizeof(RangeObject)));
  if (r == nullptr) return nullptr;
  r->start = start;
  r->stop = stop;
  r->step = step;
  r->length = RangeLength(start, stop, step);
  return r;
}

bool RangeArg(Object* o, int64_t* out) {
  if (!IsInt(o)) {
    SetError(&TypeErrorType,
             StrCat("'", TypeName(o),
                          "' object cannot be interpreted as an integer"));
    return false;
  }
  if (!IntToInt64(o, out)) {
    SetError(&OverflowErrorType,
             "Python int too large to convert to C ssize_t");
    return false;
  }
  return true;
}

Object* RangeNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("range", kwnames)) return nullptr;
  size_t n = nargs - 1;
  if (n == 0) {
    return SetError(&TypeErrorType, "range expected at least 1 argument, got 0");
  }
  if (n > 3) {
    return SetError(&TypeErrorType,
                    StrCat("range expected at most 3 arguments, got ", n));
  }
  int64_t start = 0, stop, step = 1;
  if (n == 1) {
    if (!RangeArg(args[1], &stop)) return nullptr;
  } else {
    if (!RangeArg(args[1], &start) || !RangeArg(args[2], &stop)) return nullptr;
    if (n == 3 && !RangeArg(args[3], &step)) return nullptr;
  }
  if (step == 0) return SetError(&ValueErrorType, "range() arg 3 must not be zero");
  return MakeRange(start, stop, step);
}

void RangeDealloc(Object* o) { FreeObject(o, sizeof(RangeObject)); }

Object* RangeRepr(Object* o) {
  auto* r = static_cast<RangeObject*>(o);
  if (r->step == 1) return NewStr(StrCat("range(", r->start, ", ", r->stop, ")"));
  return NewStr(
      StrCat("range(", r->start, ", ", r->stop, ", ", r->step, ")"));
}

int64_t RangeLen(Object* o) { return static_cast<RangeObject*>(o)->length; }

int RangeTruth(Object* o) { return static_cast<RangeObject*>(o)->length != 0; }

Object* RangeGetItem(Object* o, Object* key) {
  auto* r = static_cast<RangeObject*>(o);
  if (IsInt(key)) {
    int64_t i;
    if (!IntAsSsize(key, &i)) return nullptr;
    if (!NormalizeIndex(&i, r->length)) {
      return SetError(&IndexErrorType, "range object index out of range");
    }
    return NewInt(r->start + i * r->step);
  }
  if (IsSlice(key)) {
    int64_t start, stop, step;
    int64_t n = SliceIndices(static_cast<SliceObject*>(key), r->length, &start,
                             &stop, &step);
    if (n < 0) return nullptr;
    int64_t new_step = r->step * step;
    int64_t new_start = r->start + start * r->step;
    return MakeRange(new_start, new_start + n * new_step, new_step);
  }
  return SetError(&TypeErrorType,
                  StrCat("range indices must be integers or slices, not ",
                               TypeName(key)));
}

int RangeContains(Object* o, Object* v) {
  auto* r = static_cast<RangeObject*>(o);
  if (v->type == &IntType || v->type == &BoolType) {
    int64_t x;
    if (!IntToInt64(v, &x)) return 0;
    if (r->step > 0 ? (x < r->start || x >= r->stop)
                    : (x > r->start || x <= r->stop)) {
      return 0;
    }
    return (x - r->start) % r->step == 0;
  }
  // Other types compare by equality with each element.
  for (int64_t i = 0; i < r->length; ++i) {
    Object* e = NewInt(r->start + i * r->step);
    if (e == nullptr) return -1;
    int eq = EqualBool(e, v);
    Decref(e);
    if (eq != 0) return eq;
  }
  return 0;
}

Object* RangeCompare(Object* a, Object* b, CompareOp op) {
  if (a->type != &RangeType || b->type != &RangeType ||
      (op != CompareOp::kEq && op != CompareOp::kNe)) {
    return NotImplemented();
  }
  auto* x = static_cast<RangeObject*>(a);
  auto* y = static_cast<RangeObject*>(b);
  bool eq = x->length == y->length &&
            (x->length == 0 ||
             (x->start == y->start && (x->length == 1 || x->step == y->step)));
  return Bool(op == CompareOp::kEq ? eq : !eq);
}

Object* RangeIter(Object* o) {
  auto* r = static_cast<RangeObject*>(o);
  auto* it = static_cast<RangeIterator*>(
      AllocObject(&RangeIteratorType, sizeof(RangeIterator)));
  if (it == nullptr) return nullptr;
  it->next = r->start;
  it->step = r->step;
  it->remaining = r->length;
  return it;
}

Object* RangeIterNext(Object* o) {
  auto* it = static_cast<RangeIterator*>(o);
  if (it->remaining <= 0) return nullptr;
  int64_t v = it->next;
  it->next += it->step;
  --it->remaining;
  return NewInt(v);
}

void RangeIterDealloc(Object* o) { FreeObject(o, sizeof(RangeIterator)); }

Object* SelfIter(Object* o) { return NewRef(o); }

Object* RangeGetAttr(Object* o, StrObject* name) {
  auto* r = static_cast<RangeObject*>(o);
  std::string_view n = StrView(name);
  if (n == "start") return NewInt(r->start);
  if (n == "stop") return NewInt(r->stop);
  if (n == "step") return NewInt(r->step);
  return GenericGetAttr(o, name);
}

}  // namespace

void InitRangeType() {
  InitStaticType(&RangeType, "range", sizeof(RangeObject), &ObjectType);
  RangeType.dealloc = RangeDealloc;
  RangeType.repr = RangeRepr;
  RangeType.length = RangeLen;
  RangeType.truth = RangeTruth;
  RangeType.getitem = RangeGetItem;
  RangeType.contains = RangeContains;
  RangeType.compare = RangeCompare;
  RangeType.iter = RangeIter;
  RangeType.getattr = RangeGetAttr;
  RangeType.dict = NewDict();
  DictSetStr(RangeType.dict, "__new__", NewNativeFunction("__new__", RangeNew, 0));

  InitStaticType(&RangeIteratorType, "range_iterator", sizeof(RangeIterator),
                 &ObjectType);
  RangeIteratorType.dealloc = RangeIterDealloc;
  RangeIteratorType.iter = SelfIter;
  RangeIteratorType.iternext = RangeIterNext;
  RangeIteratorType.getattr = GenericGetAttr;
}

}  // namespace twinpy
