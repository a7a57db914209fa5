// range: arbitrary int bounds, with machine-word fast paths.
#include "runtime/range.h"

#include <string>

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/slice.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

Type RangeType;
Type RangeIteratorType;
Type LongRangeIteratorType;

namespace {

// len(range(start, stop, step)) with Python ints.
Object* ComputeLength(Object* start, Object* stop, Object* step) {
  bool up = IntSign(step) > 0;
  Object* lo = up ? start : stop;
  Object* hi = up ? stop : start;
  if (IntCompare(lo, hi) >= 0) return NewInt(0);
  Object* diff = BinaryOp(hi, lo, BinOp::kSub);
  if (diff == nullptr) return nullptr;
  Object* one = NewInt(1);
  Object* d1 = BinaryOp(diff, one, BinOp::kSub);
  Decref(diff);
  if (d1 == nullptr) return nullptr;
  Object* abs_step = up ? NewRef(step) : Negative(step);
  Object* q = abs_step ? BinaryOp(d1, abs_step, BinOp::kFloorDiv) : nullptr;
  Decref(d1);
  XDecref(abs_step);
  if (q == nullptr) return nullptr;
  Object* n = BinaryOp(q, one, BinOp::kAdd);
  Decref(q);
  return n;
}

// Steals the three bounds.
Object* MakeRange(Object* start, Object* stop, Object* step) {
  Object* length = ComputeLength(start, stop, step);
  if (length == nullptr) {
    Decref(start);
    Decref(stop);
    Decref(step);
    return nullptr;
  }
  auto* r =
      static_cast<RangeObject*>(AllocObject(&RangeType, sizeof(RangeObject)));
  if (r == nullptr) {
    Decref(start);
    Decref(stop);
    Decref(step);
    Decref(length);
    return nullptr;
  }
  r->start = start;
  r->stop = stop;
  r->step = step;
  r->length = length;
  r->small = IntToInt64(start, &r->istart) && IntToInt64(stop, &r->istop) &&
             IntToInt64(step, &r->istep) && IntToInt64(length, &r->ilength);
  return r;
}

Object* RangeArg(Object* o) {
  if (!IsInt(o)) {
    return SetError(&TypeErrorType,
                    StrCat("'", TypeName(o),
                           "' object cannot be interpreted as an integer"));
  }
  return o->type == &IntType ? NewRef(o) : Positive(o);
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
  Object* bounds[3] = {nullptr, nullptr, nullptr};
  for (size_t i = 0; i < n; ++i) {
    bounds[i] = RangeArg(args[i + 1]);
    if (bounds[i] == nullptr) {
      for (Object* b : bounds) XDecref(b);
      return nullptr;
    }
  }
  if (n == 1) return MakeRange(NewInt(0), bounds[0], NewInt(1));
  Object* step = n == 3 ? bounds[2] : NewInt(1);
  if (IntSign(step) == 0) {
    Decref(bounds[0]);
    Decref(bounds[1]);
    Decref(step);
    return SetError(&ValueErrorType, "range() arg 3 must not be zero");
  }
  return MakeRange(bounds[0], bounds[1], step);
}

void RangeDealloc(Object* o) {
  auto* r = static_cast<RangeObject*>(o);
  Decref(r->start);
  Decref(r->stop);
  Decref(r->step);
  Decref(r->length);
  FreeObject(o, sizeof(RangeObject));
}

Object* RangeRepr(Object* o) {
  auto* r = static_cast<RangeObject*>(o);
  std::string a = IntToString(r->start, 10), b = IntToString(r->stop, 10);
  if (IntCompare(r->step, NewInt(1)) == 0) {
    return NewStr(StrCat("range(", a, ", ", b, ")"));
  }
  return NewStr(StrCat("range(", a, ", ", b, ", ", IntToString(r->step, 10), ")"));
}

int64_t RangeLen(Object* o) {
  auto* r = static_cast<RangeObject*>(o);
  if (r->small) return r->ilength;
  SetError(&OverflowErrorType, "Python int too large to convert to C ssize_t");
  return -1;
}

int RangeTruth(Object* o) {
  return IntSign(static_cast<RangeObject*>(o)->length) != 0;
}

// start + i * step as a Python int.
Object* Element(RangeObject* r, Object* i) {
  Object* offset = BinaryOp(i, r->step, BinOp::kMul);
  if (offset == nullptr) return nullptr;
  Object* v = BinaryOp(r->start, offset, BinOp::kAdd);
  Decref(offset);
  return v;
}

Object* RangeGetItem(Object* o, Object* key) {
  auto* r = static_cast<RangeObject*>(o);
  if (IsInt(key)) {
    Object* i = NewRef(key);
    if (IntSign(i) < 0) {
      Object* j = BinaryOp(i, r->length, BinOp::kAdd);
      Decref(i);
      if (j == nullptr) return nullptr;
      i = j;
    }
    if (IntSign(i) < 0 || IntCompare(i, r->length) >= 0) {
      Decref(i);
      return SetError(&IndexErrorType, "range object index out of range");
    }
    Object* v = Element(r, i);
    Decref(i);
    return v;
  }
  if (IsSlice(key)) {
    if (!r->small) {
      return SetError(&OverflowErrorType,
                      "Python int too large to convert to C ssize_t");
    }
    int64_t start, stop, step;
    int64_t n = SliceIndices(static_cast<SliceObject*>(key), r->ilength, &start,
                             &stop, &step);
    if (n < 0) return nullptr;
    Object* s = NewInt(start);
    Object* first = Element(r, s);
    Decref(s);
    Object* st = NewInt(step);
    Object* new_step = BinaryOp(r->step, st, BinOp::kMul);
    Decref(st);
    Object* count = NewInt(n);
    Object* span = new_step ? BinaryOp(count, new_step, BinOp::kMul) : nullptr;
    Decref(count);
    Object* last = first && span ? BinaryOp(first, span, BinOp::kAdd) : nullptr;
    XDecref(span);
    if (last == nullptr) {
      XDecref(first);
      XDecref(new_step);
      return nullptr;
    }
    return MakeRange(first, last, new_step);
  }
  return SetError(&TypeErrorType,
                  StrCat("range indices must be integers or slices, not ",
                         TypeName(key)));
}

int RangeContains(Object* o, Object* v) {
  auto* r = static_cast<RangeObject*>(o);
  if (v->type == &IntType || v->type == &BoolType) {
    bool up = IntSign(r->step) > 0;
    int lo = IntCompare(v, r->start);
    int hi = IntCompare(v, r->stop);
    if (up ? (lo < 0 || hi >= 0) : (lo > 0 || hi <= 0)) return 0;
    Object* diff = BinaryOp(v, r->start, BinOp::kSub);
    if (diff == nullptr) return -1;
    Object* rem = BinaryOp(diff, r->step, BinOp::kMod);
    Decref(diff);
    if (rem == nullptr) return -1;
    int zero = IntSign(rem) == 0;
    Decref(rem);
    return zero;
  }
  // Other types compare by equality with each element.
  Object* it = GetIter(o);
  if (it == nullptr) return -1;
  while (Object* e = IterNext(it)) {
    int eq = EqualBool(e, v);
    Decref(e);
    if (eq != 0) {
      Decref(it);
      return eq;
    }
  }
  Decref(it);
  return ErrorOccurred() ? -1 : 0;
}

Object* RangeCompare(Object* a, Object* b, CompareOp op) {
  if (a->type != &RangeType || b->type != &RangeType ||
      (op != CompareOp::kEq && op != CompareOp::kNe)) {
    return NotImplemented();
  }
  auto* x = static_cast<RangeObject*>(a);
  auto* y = static_cast<RangeObject*>(b);
  bool eq = IntCompare(x->length, y->length) == 0 &&
            (IntSign(x->length) == 0 ||
             (IntCompare(x->start, y->start) == 0 &&
              (IntCompare(x->length, NewInt(1)) == 0 ||
               IntCompare(x->step, y->step) == 0)));
  return Bool(op == CompareOp::kEq ? eq : !eq);
}

struct LongRangeIterator : Object {
  Object* next;
  Object* step;
  Object* remaining;
  ObjectMutex mutex;
};

Object* RangeIter(Object* o) {
  auto* r = static_cast<RangeObject*>(o);
  if (r->small) {
    auto* it = static_cast<RangeIterator*>(
        AllocObject(&RangeIteratorType, sizeof(RangeIterator)));
    if (it == nullptr) return nullptr;
    it->start = r->istart;
    it->step = r->istep;
    it->length = r->ilength;
    it->index = 0;
    return it;
  }
  auto* it = static_cast<LongRangeIterator*>(
      AllocObject(&LongRangeIteratorType, sizeof(LongRangeIterator)));
  if (it == nullptr) return nullptr;
  it->next = NewRef(r->start);
  it->step = NewRef(r->step);
  it->remaining = NewRef(r->length);
  new (&it->mutex) ObjectMutex();
  return it;
}

Object* RangeIterNext(Object* o) {
  int64_t v;
  if (!RangeIteratorNext(static_cast<RangeIterator*>(o), &v)) return nullptr;
  return NewInt(v);
}

// Int arithmetic runs no Python code, so the whole step may run locked.
Object* LongRangeIterNext(Object* o) {
  auto* it = static_cast<LongRangeIterator*>(o);
  CriticalSection cs(it->mutex);
  if (IntSign(it->remaining) <= 0) return nullptr;
  Object* one = NewInt(1);
  Object* remaining = BinaryOp(it->remaining, one, BinOp::kSub);
  if (remaining == nullptr) return nullptr;
  Object* following = BinaryOp(it->next, it->step, BinOp::kAdd);
  if (following == nullptr) {
    Decref(remaining);
    return nullptr;
  }
  SetRef(&it->remaining, remaining);
  Object* v = it->next;
  it->next = following;
  return v;
}

void RangeIterDealloc(Object* o) { FreeObject(o, sizeof(RangeIterator)); }

void LongRangeIterDealloc(Object* o) {
  auto* it = static_cast<LongRangeIterator*>(o);
  Decref(it->next);
  Decref(it->step);
  Decref(it->remaining);
  FreeObject(o, sizeof(LongRangeIterator));
}

Object* SelfIter(Object* o) { return NewRef(o); }

Object* RangeGetAttr(Object* o, StrObject* name) {
  auto* r = static_cast<RangeObject*>(o);
  std::string_view n = StrView(name);
  if (n == "start") return NewRef(r->start);
  if (n == "stop") return NewRef(r->stop);
  if (n == "step") return NewRef(r->step);
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
  DictSetStr(RangeType.dict, "__new__", NewStaticNativeFunction("__new__", RangeNew, 0));

  InitStaticType(&RangeIteratorType, "range_iterator", sizeof(RangeIterator),
                 &ObjectType);
  RangeIteratorType.dealloc = RangeIterDealloc;
  RangeIteratorType.iter = SelfIter;
  RangeIteratorType.iternext = RangeIterNext;
  RangeIteratorType.getattr = GenericGetAttr;

  InitStaticType(&LongRangeIteratorType, "longrange_iterator",
                 sizeof(LongRangeIterator), &ObjectType);
  LongRangeIteratorType.dealloc = LongRangeIterDealloc;
  LongRangeIteratorType.iter = SelfIter;
  LongRangeIteratorType.iternext = LongRangeIterNext;
  LongRangeIteratorType.getattr = GenericGetAttr;
}

}  // namespace twinpy
