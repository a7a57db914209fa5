// tuple.
#include "runtime/tuple.h"

#include <string>

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/object_lock.h"
#include "runtime/sequence.h"
#include "runtime/slice.h"
#include "runtime/str.h"

namespace twinpy {

Type TupleType;
Type TupleIteratorType;

namespace {

TupleObject* empty_tuple;

size_t TupleAllocSize(int64_t n) {
  return offsetof(TupleObject, items) + sizeof(Object*) * (n > 0 ? n : 1);
}

void TupleDealloc(Object* o) {
  auto* t = static_cast<TupleObject*>(o);
  for (int64_t i = 0; i < t->size; ++i) XDecref(t->items[i]);
  FreeObject(o, TupleAllocSize(t->size));
}

}  // namespace

TupleObject* NewTuple(int64_t size) {
  if (size == 0 && empty_tuple != nullptr) return empty_tuple;
  if (size < 0 || size > (int64_t{1} << 40)) return NoMemory();
  auto* t = static_cast<TupleObject*>(
      AllocObject(&TupleType, TupleAllocSize(size)));
  if (t == nullptr) return nullptr;
  t->size = size;
  for (int64_t i = 0; i < size; ++i) t->items[i] = nullptr;
  return t;
}

TupleObject* TupleFrom(Object* const* items, int64_t size) {
  TupleObject* t = NewTuple(size);
  if (t == nullptr) return nullptr;
  for (int64_t i = 0; i < size; ++i) t->items[i] = NewRef(items[i]);
  return t;
}

TupleObject* TupleOf(std::initializer_list<Object*> items) {
  return TupleFrom(items.begin(), static_cast<int64_t>(items.size()));
}

TupleObject* EmptyTuple() { return empty_tuple; }

namespace {

Object* TupleRepr(Object* o) {
  auto* t = static_cast<TupleObject*>(o);
  return SequenceRepr(o, t->items, t->size, "(", ")", "(...)", true);
}

int64_t TupleLength(Object* o) { return static_cast<TupleObject*>(o)->size; }

int64_t TupleHash(Object* o) {
  // The xxHash-style combination CPython 3.8+ uses for tuples.
  auto* t = static_cast<TupleObject*>(o);
  constexpr uint64_t kPrime1 = 11400714785074694791ULL;
  constexpr uint64_t kPrime2 = 14029467366897019727ULL;
  constexpr uint64_t kPrime5 = 2870177450012600261ULL;
  uint64_t acc = kPrime5;
  for (int64_t i = 0; i < t->size; ++i) {
    int64_t h = Hash(t->items[i]);
    if (h == -1) return -1;
    acc += static_cast<uint64_t>(h) * kPrime2;
    acc = (acc << 31) | (acc >> 33);
    acc *= kPrime1;
  }
  acc += static_cast<uint64_t>(t->size) ^ (kPrime5 ^ 3527539UL);
  if (acc == static_cast<uint64_t>(-1)) return 1546275796;
  return static_cast<int64_t>(acc);
}

Object* TupleCompare(Object* a, Object* b, CompareOp op) {
  if (!IsTuple(a) || !IsTuple(b)) return NotImplemented();
  auto* x = static_cast<TupleObject*>(a);
  auto* y = static_cast<TupleObject*>(b);
  return SequenceCompare(x->items, x->size, y->items, y->size, op);
}

Object* TupleGetItem(Object* o, Object* key) {
  auto* t = static_cast<TupleObject*>(o);
  if (IsInt(key)) {
    int64_t i;
    if (!IntAsSsize(key, &i)) return nullptr;
    if (!NormalizeIndex(&i, t->size)) {
      return SetError(&IndexErrorType, "tuple index out of range");
    }
    return NewRef(t->items[i]);
  }
  if (IsSlice(key)) {
    int64_t start, stop, step;
    int64_t n = SliceIndices(static_cast<SliceObject*>(key), t->size, &start,
                             &stop, &step);
    if (n < 0) return nullptr;
    if (n == t->size && step == 1 && o->type == &TupleType) return NewRef(o);
    TupleObject* r = NewTuple(n);
    if (r == nullptr) return nullptr;
    for (int64_t k = 0; k < n; ++k) r->items[k] = NewRef(t->items[start + k * step]);
    return r;
  }
  return SetError(&TypeErrorType,
                  StrCat("tuple indices must be integers or slices, not ",
                               TypeName(key)));
}

int TupleContains(Object* o, Object* v) {
  auto* t = static_cast<TupleObject*>(o);
  return SequenceContains(t->items, t->size, v);
}

Object* TupleConcat(Object* a, Object* b) {
  if (!IsTuple(a) || !IsTuple(b)) {
    if (IsTuple(a)) {
      return SetError(&TypeErrorType,
                      StrCat("can only concatenate tuple (not \"",
                                   TypeName(b), "\") to tuple"));
    }
    return NotImplemented();
  }
  auto* x = static_cast<TupleObject*>(a);
  auto* y = static_cast<TupleObject*>(b);
  TupleObject* r = NewTuple(x->size + y->size);
  if (r == nullptr) return nullptr;
  for (int64_t i = 0; i < x->size; ++i) r->items[i] = NewRef(x->items[i]);
  for (int64_t i = 0; i < y->size; ++i) r->items[x->size + i] = NewRef(y->items[i]);
  return r;
}

Object* TupleRepeat(Object* a, Object* b) {
  Object* seq = IsTuple(a) ? a : b;
  Object* count = IsTuple(a) ? b : a;
  if (!IsTuple(seq) || !IsInt(count)) return NotImplemented();
  int64_t n;
  if (!IntToInt64(count, &n)) {
    return SetError(&OverflowErrorType, "cannot fit 'int' into an index-sized integer");
  }
  auto* t = static_cast<TupleObject*>(seq);
  if (n <= 0 || t->size == 0) return EmptyTuple();
  if (t->size > (int64_t{1} << 36) / n) return NoMemory();
  TupleObject* r = NewTuple(t->size * n);
  if (r == nullptr) return nullptr;
  for (int64_t k = 0; k < n; ++k) {
    for (int64_t i = 0; i < t->size; ++i) {
      r->items[k * t->size + i] = NewRef(t->items[i]);
    }
  }
  return r;
}

struct TupleIterator : Object {
  TupleObject* tuple;
  int64_t index;
};

Object* TupleIter(Object* o) {
  auto* it = static_cast<TupleIterator*>(
      AllocObject(&TupleIteratorType, sizeof(TupleIterator)));
  if (it == nullptr) return nullptr;
  it->tuple = static_cast<TupleObject*>(NewRef(o));
  it->index = 0;
  return it;
}

// Threads sharing the iterator each claim a distinct index (the load first
// keeps an exhausted iterator's index from growing). The tuple stays until
// the iterator dies, so a claimer never reads a freed tuple.
Object* TupleIterNext(Object* o) {
  auto* it = static_cast<TupleIterator*>(o);
  int64_t size = it->tuple->size;
  if (SharedLoad(&it->index) >= size) return nullptr;
  int64_t i = SharedFetchAdd(&it->index, 1);
  if (i >= size) return nullptr;
  return NewRef(it->tuple->items[i]);
}

void TupleIterDealloc(Object* o) {
  Decref(static_cast<TupleIterator*>(o)->tuple);
  FreeObject(o, sizeof(TupleIterator));
}

Object* SelfIter(Object* o) { return NewRef(o); }

Object* TupleCount(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("count", kwnames) ||
      !CheckArgCount("count", nargs - 1, 1, 1)) {
    return nullptr;
  }
  auto* t = static_cast<TupleObject*>(args[0]);
  int64_t n = SequenceCount(t->items, t->size, args[1]);
  return n < 0 ? nullptr : NewInt(n);
}

Object* TupleIndex(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("index", kwnames) ||
      !CheckArgCount("index", nargs - 1, 1, 3)) {
    return nullptr;
  }
  auto* t = static_cast<TupleObject*>(args[0]);
  int64_t start = 0, stop = t->size;
  if (nargs > 2 && !AsIndex(args[2], &start, "start")) return nullptr;
  if (nargs > 3 && !AsIndex(args[3], &stop, "stop")) return nullptr;
  int64_t i = SequenceIndex(t->items, t->size, args[1], start, stop);
  if (i == -1) return SetError(&ValueErrorType, "tuple.index(x): x not in tuple");
  return i < 0 ? nullptr : NewInt(i);
}

Object* TupleNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("tuple", kwnames)) return nullptr;
  if (nargs > 2) {
    return SetError(&TypeErrorType,
                    StrCat("tuple expected at most 1 argument, got ",
                                 nargs - 1));
  }
  auto* cls = static_cast<Type*>(args[0]);
  bool subtype = cls != &TupleType;
  if (nargs == 1 && !subtype) return EmptyTuple();
  if (nargs > 1 && args[1]->type == &TupleType && !subtype) return NewRef(args[1]);
  ListObject* list = nargs > 1 ? ListFromIterable(args[1]) : NewList(0);
  if (list == nullptr) return nullptr;
  TupleObject* t;
  if (subtype) {
    // A class deriving from tuple (namedtuple): a fresh tuple of that type,
    // never the shared empty one.
    t = static_cast<TupleObject*>(AllocObject(cls, TupleAllocSize(list->size)));
    if (t != nullptr) {
      t->size = list->size;
      for (int64_t i = 0; i < list->size; ++i) t->items[i] = NewRef(list->items[i]);
    }
  } else {
    t = TupleFrom(list->items, list->size);
  }
  Decref(list);
  return t;
}

const MethodDef kTupleMethods[] = {
    {"count", TupleCount, kNativeMethod},
    {"index", TupleIndex, kNativeMethod},
    {nullptr, nullptr, 0},
};

}  // namespace

void InitTupleType() {
  InitStaticType(&TupleType, "tuple", sizeof(TupleObject), &ObjectType);
  TupleType.flags |= kTypeTupleSubclass | kTypeBaseType;
  TupleType.dealloc = TupleDealloc;
  TupleType.repr = TupleRepr;
  TupleType.hash = TupleHash;
  TupleType.compare = TupleCompare;
  TupleType.length = TupleLength;
  TupleType.getitem = TupleGetItem;
  TupleType.contains = TupleContains;
  TupleType.iter = TupleIter;
  TupleType.getattr = GenericGetAttr;
  TupleType.number[static_cast<int>(BinOp::kAdd)] = TupleConcat;
  TupleType.number[static_cast<int>(BinOp::kMul)] = TupleRepeat;

  InitStaticType(&TupleIteratorType, "tuple_iterator", sizeof(TupleIterator),
                 &ObjectType);
  TupleIteratorType.dealloc = TupleIterDealloc;
  TupleIteratorType.iter = SelfIter;
  TupleIteratorType.iternext = TupleIterNext;
  TupleIteratorType.getattr = GenericGetAttr;

  empty_tuple = static_cast<TupleObject*>(
      AllocObject(&TupleType, TupleAllocSize(0)));
  empty_tuple->size = 0;
  MakeImmortal(empty_tuple);
  AddMethods(&TupleType, kTupleMethods);
  DictSetStr(TupleType.dict, "__new__",
             NewStaticNativeFunction("__new__", TupleNew, 0));
}

}  // namespace twinpy
