// The iterator types behind enumerate, zip, map, filter and reversed.
//
// Shared by threads (free-threaded build), each holds an IteratorMutex
// across the part of next() that reads and advances its state, inner
// iterators included, so items pair up and are handed out exactly as with
// one thread. map and filter keep no state of their own: their inner
// iterators protect themselves, and the user function runs unlocked.
#include "runtime/iterators.h"

#include <vector>

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/object_lock.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

namespace twinpy {

Type EnumerateType;
Type ZipType;
Type MapType;
Type FilterType;
Type ReversedType;

namespace {

Object* SelfIter(Object* o) { return NewRef(o); }

// enumerate(iterable, start=0)
struct EnumerateObject : Object {
  Object* iterator;
  Object* index;  // an int, so counting past 2**63 stays exact
  IteratorMutex mutex;
};

Object* EnumerateNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* iterable = nargs > 1 ? args[1] : nullptr;
  Object* start = nargs > 2 ? args[2] : nullptr;
  size_t nkw = kwnames ? kwnames->size : 0;
  for (size_t i = 0; i < nkw; ++i) {
    std::string_view k = StrView(kwnames->items[i]);
    if (k == "start") {
      start = args[nargs + i];
    } else if (k == "iterable") {
      iterable = args[nargs + i];
    } else {
      return SetError(&TypeErrorType,
                      StrCat("'", k,
                                   "' is an invalid keyword argument for "
                                   "enumerate()"));
    }
  }
  if (iterable == nullptr || nargs > 3) {
    return SetError(&TypeErrorType,
                    iterable == nullptr
                        ? "enumerate() missing required argument 'iterable' (pos 1)"
                        : "enumerate() takes at most 2 arguments");
  }
  if (start != nullptr && !IsInt(start)) {
    return SetError(&TypeErrorType,
                    StrCat("'", TypeName(start),
                                 "' object cannot be interpreted as an integer"));
  }
  Object* it = GetIter(iterable);
  if (it == nullptr) return nullptr;
  auto* e = static_cast<EnumerateObject*>(
      AllocObject(&EnumerateType, sizeof(EnumerateObject)));
  if (e == nullptr) {
    Decref(it);
    return nullptr;
  }
  e->iterator = it;
  e->index = start ? NewRef(start) : NewInt(0);
  new (&e->mutex) IteratorMutex();
  return e;
}

Object* EnumerateNext(Object* o) {
  auto* e = static_cast<EnumerateObject*>(o);
  IteratorSection section(e->mutex);
  Object* item = IterNext(e->iterator);
  if (item == nullptr) return nullptr;
  Object* one = NewInt(1);
  Object* next = BinaryOp(e->index, one, BinOp::kAdd);
  if (next == nullptr) {
    Decref(item);
    return nullptr;
  }
  TupleObject* pair = NewTuple(2);
  if (pair == nullptr) {
    Decref(item);
    Decref(next);
    return nullptr;
  }
  pair->items[0] = e->index;
  pair->items[1] = item;
  e->index = next;
  return pair;
}

void EnumerateDealloc(Object* o) {
  auto* e = static_cast<EnumerateObject*>(o);
  Decref(e->iterator);
  Decref(e->index);
  FreeObject(o, sizeof(EnumerateObject));
}

// zip(*iterables) and map(function, *iterables) both hold a list of
// iterators.
struct MultiIterator : Object {
  Object* function;  // map only
  ListObject* iterators;
  IteratorMutex mutex;  // pairs the items of one next() (zip, map)
};

ListObject* IteratorsOf(Object* const* args, size_t n) {
  ListObject* its = NewList(0);
  if (its == nullptr) return nullptr;
  for (size_t i = 0; i < n; ++i) {
    Object* it = GetIter(args[i]);
    if (it == nullptr || ListAppendSteal(its, it) < 0) {
      Decref(its);
      return nullptr;
    }
  }
  return its;
}

Object* NewMulti(Type* type, Object* function, Object* const* iterables,
                 size_t n) {
  ListObject* its = IteratorsOf(iterables, n);
  if (its == nullptr) return nullptr;
  auto* m = static_cast<MultiIterator*>(AllocObject(type, sizeof(MultiIterator)));
  if (m == nullptr) {
    Decref(its);
    return nullptr;
  }
  m->function = function ? NewRef(function) : nullptr;
  m->iterators = its;
  new (&m->mutex) IteratorMutex();
  return m;
}

Object* ZipNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("zip", kwnames)) return nullptr;
  return NewMulti(&ZipType, nullptr, args + 1, nargs - 1);
}

// The next item of each iterator, or nullptr when any is exhausted.
bool NextOfEach(MultiIterator* m, std::vector<Object*>* items) {
  ListObject* its = m->iterators;
  IteratorSection section(m->mutex);
  for (int64_t i = 0; i < its->size; ++i) {
    Object* item = IterNext(its->items[i]);
    if (item == nullptr) {
      for (Object* o : *items) Decref(o);
      items->clear();
      return false;
    }
    items->push_back(item);
  }
  return true;
}

Object* ZipNext(Object* o) {
  auto* m = static_cast<MultiIterator*>(o);
  if (m->iterators->size == 0) return nullptr;
  std::vector<Object*> items;
  if (!NextOfEach(m, &items)) return nullptr;
  TupleObject* t = NewTuple(static_cast<int64_t>(items.size()));
  if (t == nullptr) {
    for (Object* i : items) Decref(i);
    return nullptr;
  }
  for (size_t i = 0; i < items.size(); ++i) t->items[i] = items[i];
  return t;
}

Object* MapNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("map", kwnames)) return nullptr;
  if (nargs < 3) {
    return SetError(&TypeErrorType, "map() must have at least two arguments.");
  }
  return NewMulti(&MapType, args[1], args + 2, nargs - 2);
}

Object* MapNext(Object* o) {
  auto* m = static_cast<MultiIterator*>(o);
  std::vector<Object*> items;
  if (!NextOfEach(m, &items)) return nullptr;
  Object* r = Call(m->function, items.data(), items.size());
  for (Object* i : items) Decref(i);
  return r;
}

Object* FilterNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("filter", kwnames) ||
      !CheckArgCount("filter", nargs - 1, 2, 2)) {
    return nullptr;
  }
  return NewMulti(&FilterType, args[1], args + 2, 1);
}

Object* FilterNext(Object* o) {
  auto* m = static_cast<MultiIterator*>(o);
  Object* it = m->iterators->items[0];
  while (Object* item = IterNext(it)) {
    int keep;
    if (m->function == None()) {
      keep = IsTrue(item);
    } else {
      Object* r = Call(m->function, &item, 1);
      keep = r == nullptr ? -1 : IsTrue(r);
      XDecref(r);
    }
    if (keep > 0) return item;
    Decref(item);
    if (keep < 0) return nullptr;
  }
  return nullptr;
}

void MultiDealloc(Object* o) {
  auto* m = static_cast<MultiIterator*>(o);
  XDecref(m->function);
  Decref(m->iterators);
  FreeObject(o, sizeof(MultiIterator));
}

// reversed(sequence): indexes from the end.
struct ReversedObject : Object {
  Object* sequence;
  int64_t index;
  IteratorMutex mutex;
};

Object* ReversedNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("reversed", kwnames) ||
      !CheckArgCount("reversed", nargs - 1, 1, 1)) {
    return nullptr;
  }
  Object* seq = args[1];
  if (seq->type->length == nullptr || seq->type->getitem == nullptr ||
      IsDict(seq)) {
    return SetError(&TypeErrorType, StrCat("'", TypeName(seq),
                                                 "' object is not reversible"));
  }
  int64_t n = Length(seq);
  if (n < 0) return nullptr;
  auto* r = static_cast<ReversedObject*>(
      AllocObject(&ReversedType, sizeof(ReversedObject)));
  if (r == nullptr) return nullptr;
  r->sequence = NewRef(seq);
  r->index = n - 1;
  new (&r->mutex) IteratorMutex();
  return r;
}

Object* ReversedNext(Object* o) {
  auto* r = static_cast<ReversedObject*>(o);
  IteratorSection section(r->mutex);
  if (r->index < 0) return nullptr;
  Object* i = NewInt(r->index--);
  Object* item = GetItem(r->sequence, i);
  Decref(i);
  if (item == nullptr && (ErrorMatches(&IndexErrorType) ||
                          ErrorMatches(&StopIterationType))) {
    ClearError();
    r->index = -1;
  }
  return item;
}

void ReversedDealloc(Object* o) {
  Decref(static_cast<ReversedObject*>(o)->sequence);
  FreeObject(o, sizeof(ReversedObject));
}

struct SequenceIterator : Object {
  Object* sequence;  // nullptr once exhausted
  int64_t index;
  IteratorMutex mutex;  // also keeps `sequence` alive for whoever reads it
};

Type SequenceIteratorType;

Object* SequenceIterNext(Object* o) {
  auto* it = static_cast<SequenceIterator*>(o);
  IteratorSection section(it->mutex);
  if (it->sequence == nullptr) return nullptr;
  Object* i = NewInt(it->index);
  Object* item = GetItem(it->sequence, i);
  Decref(i);
  if (item != nullptr) {
    ++it->index;
    return item;
  }
  if (ErrorMatches(&IndexErrorType) || ErrorMatches(&StopIterationType)) {
    ClearError();
    Object* s = it->sequence;
    it->sequence = nullptr;
    Decref(s);
  }
  return nullptr;
}

void SequenceIterDealloc(Object* o) {
  XDecref(static_cast<SequenceIterator*>(o)->sequence);
  FreeObject(o, sizeof(SequenceIterator));
}

void InitIterType(Type* t, const char* name, size_t size, void (*dealloc)(Object*),
                  UnaryFn next, NativeFn ctor) {
  InitStaticType(t, name, size, &ObjectType);
  t->dealloc = dealloc;
  t->iter = SelfIter;
  t->iternext = next;
  t->getattr = GenericGetAttr;
  t->dict = NewDict();
  DictSetStr(t->dict, "__new__", NewStaticNativeFunction("__new__", ctor, kNativeKeywords));
}

}  // namespace

Object* NewSequenceIterator(Object* sequence) {
  auto* it = static_cast<SequenceIterator*>(
      AllocObject(&SequenceIteratorType, sizeof(SequenceIterator)));
  if (it == nullptr) return nullptr;
  it->sequence = NewRef(sequence);
  it->index = 0;
  new (&it->mutex) IteratorMutex();
  return it;
}

void InitIteratorTypes() {
  InitStaticType(&SequenceIteratorType, "iterator", sizeof(SequenceIterator),
                 &ObjectType);
  SequenceIteratorType.dealloc = SequenceIterDealloc;
  SequenceIteratorType.iter = SelfIter;
  SequenceIteratorType.iternext = SequenceIterNext;
  SequenceIteratorType.getattr = GenericGetAttr;
  InitIterType(&EnumerateType, "enumerate", sizeof(EnumerateObject),
               EnumerateDealloc, EnumerateNext, EnumerateNew);
  InitIterType(&ZipType, "zip", sizeof(MultiIterator), MultiDealloc, ZipNext,
               ZipNew);
  InitIterType(&MapType, "map", sizeof(MultiIterator), MultiDealloc, MapNext,
               MapNew);
  InitIterType(&FilterType, "filter", sizeof(MultiIterator), MultiDealloc,
               FilterNext, FilterNew);
  InitIterType(&ReversedType, "reversed", sizeof(ReversedObject),
               ReversedDealloc, ReversedNext, ReversedNew);
}

}  // namespace twinpy
