// The itertools module: each function is an iterator type, as in CPython,
// producing the same items in the same order.
//
// Threads may share one of these iterators (free-threaded build). Those
// whose next() runs no Python code (count, repeat, product and the
// combinatorics) guard their state with an ObjectMutex; those that call
// inner iterators or user functions and keep state between calls (islice,
// chain, cycle, accumulate, zip_longest, takewhile, dropwhile, compress,
// pairwise, groupby, tee) hold an IteratorMutex across next(), so each
// inner item is consumed and handed out once, in CPython's order. starmap
// and filterfalse keep no state of their own and need no lock.
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/native_args.h"
#include "runtime/object_lock.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

Type CountType, IsliceType, ChainType, ProductType, PermutationsType,
    CombinationsType, CombinationsWithReplacementType, RepeatType, CycleType,
    AccumulateType, ZipLongestType, StarmapType, TakewhileType, DropwhileType,
    FilterfalseType, CompressType, GroupbyType, GrouperType, TeeType,
    TeeDataType, PairwiseType;

Object* SelfIter(Object* o) { return NewRef(o); }

template <class T>
T* Alloc(Type* type) {
  auto* o = static_cast<T*>(AllocObject(type, sizeof(T)));
  if (o == nullptr) return nullptr;
  // Every field after the header starts null/zero (locks: unlocked).
  memset(reinterpret_cast<char*>(o) + sizeof(Object), 0,
         sizeof(T) - sizeof(Object));
  return o;
}

// The bare type name, for argument messages ("count", not
// "itertools.count").
const char* ShortName(Type* t) {
  const char* dot = strrchr(t->name, '.');
  return dot ? dot + 1 : t->name;
}

// A tuple of the pool's items at `indices`.
TupleObject* Pick(TupleObject* pool, const std::vector<int64_t>& indices,
                  size_t count) {
  TupleObject* t = NewTuple(static_cast<int64_t>(count));
  if (t == nullptr) return nullptr;
  for (size_t i = 0; i < count; ++i) {
    t->items[i] = NewRef(pool->items[indices[i]]);
  }
  return t;
}

TupleObject* TupleOfIterable(Object* iterable) {
  if (iterable->type == &TupleType) {
    return static_cast<TupleObject*>(NewRef(iterable));
  }
  ListObject* list = ListFromIterable(iterable);
  if (list == nullptr) return nullptr;
  TupleObject* t = TupleFrom(list->items, list->size);
  Decref(list);
  return t;
}

// --- count(start=0, step=1)
// ----------------------------------------------------

struct CountObject : Object {
  Object* current;
  Object* step;
  // Free-threaded build: next(counter) from several threads (handing out
  // ids) must not give two of them the same reference.
  ObjectMutex mutex;
};

Object* CountNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("count", args + 1, nargs - 1, kwnames, {"start", "step"}, 0, 2,
                a)) {
    return nullptr;
  }
  for (Object* v : a) {
    if (v != nullptr && !IsInt(v) && !IsFloat(v)) {
      return SetError(&TypeErrorType, "a number is required");
    }
  }
  auto* c = Alloc<CountObject>(&CountType);
  if (c == nullptr) return nullptr;
  c->current = a[0] ? NewRef(a[0]) : NewInt(0);
  c->step = a[1] ? NewRef(a[1]) : NewInt(1);
  new (&c->mutex) ObjectMutex();
  return c;
}

Object* CountNext(Object* o) {
  auto* c = static_cast<CountObject*>(o);
  // int and float addition runs no Python code, so it may run locked.
  CriticalSection cs(c->mutex);
  Object* next = BinaryOp(c->current, c->step, BinOp::kAdd);
  if (next == nullptr) return nullptr;
  Object* r = c->current;
  c->current = next;
  return r;
}

Object* CountRepr(Object* o) {
  auto* c = static_cast<CountObject*>(o);
  std::string start, step;
  if (!ReprString(c->current, &start)) return nullptr;
  bool unit_step =
      IsInt(c->step) && IsSmallInt(c->step) && SmallIntValue(c->step) == 1;
  if (unit_step) return NewStr(StrCat("count(", start, ")"));
  if (!ReprString(c->step, &step)) return nullptr;
  return NewStr(StrCat("count(", start, ", ", step, ")"));
}

void CountDealloc(Object* o) {
  auto* c = static_cast<CountObject*>(o);
  Decref(c->current);
  Decref(c->step);
  FreeObject(o, sizeof(CountObject));
}

// --- islice(iterable, stop) / islice(iterable, start, stop[, step])
// --------------

struct IsliceObject : Object {
  Object* it;  // nullptr once exhausted
  int64_t next;
  int64_t stop;  // -1: no limit
  int64_t step;
  int64_t count;
  IteratorMutex mutex;
};

// None or an int in [0, sys.maxsize]; false with ValueError otherwise.
bool IsliceIndex(Object* v, int64_t* out, const char* message) {
  if (v == None()) return true;
  int64_t i;
  if (!IsInt(v) || !IntToInt64(v, &i) || i < 0) {
    SetError(&ValueErrorType, message);
    return false;
  }
  *out = i;
  return true;
}

Object* IsliceNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("islice", kwnames)) return nullptr;
  size_t n = nargs - 1;
  if (n < 2 || n > 4) {
    return SetError(
        &TypeErrorType,
        n < 2 ? StrCat("islice expected at least 2 arguments, got ", n)
              : StrCat("islice expected at most 4 arguments, got ", n));
  }
  int64_t start = 0, stop = -1, step = 1;
  if (n == 2) {
    if (!IsliceIndex(args[2], &stop,
                     "Stop argument for islice() must be None or an integer: "
                     "0 <= x <= sys.maxsize.")) {
      return nullptr;
    }
  } else {
    const char* msg =
        "Indices for islice() must be None or an integer: 0 <= x <= "
        "sys.maxsize.";
    if (!IsliceIndex(args[2], &start, msg) ||
        !IsliceIndex(args[3], &stop, msg)) {
      return nullptr;
    }
    if (n == 4) {
      step = -1;
      if (args[4] == None()) {
        step = 1;
      } else if (!IsInt(args[4]) || !IntToInt64(args[4], &step) || step < 1) {
        return SetError(
            &ValueErrorType,
            "Step for islice() must be a positive integer or None.");
      }
    }
  }
  Object* it = GetIter(args[1]);
  if (it == nullptr) return nullptr;
  auto* s = Alloc<IsliceObject>(&IsliceType);
  if (s == nullptr) {
    Decref(it);
    return nullptr;
  }
  s->it = it;
  s->next = start;
  s->stop = stop;
  s->step = step;
  return s;
}

Object* IsliceNext(Object* o) {
  auto* s = static_cast<IsliceObject*>(o);
  IteratorSection section(s->mutex);
  Object* it = s->it;
  if (it == nullptr) return nullptr;
  auto finish = [&]() -> Object* {
    s->it = nullptr;
    Decref(it);
    return nullptr;
  };
  while (s->count < s->next) {
    Object* skipped = IterNext(it);
    if (skipped == nullptr) return finish();
    Decref(skipped);
    ++s->count;
  }
  if (s->stop != -1 && s->count >= s->stop) return finish();
  Object* item = IterNext(it);
  if (item == nullptr) return finish();
  ++s->count;
  int64_t old = s->next;
  s->next += s->step;
  if (s->next < old || (s->stop != -1 && s->next > s->stop)) s->next = s->stop;
  return item;
}

void IsliceDealloc(Object* o) {
  XDecref(static_cast<IsliceObject*>(o)->it);
  FreeObject(o, sizeof(IsliceObject));
}

// --- chain(*iterables), chain.from_iterable(iterable)
// ------------------------------

struct ChainObject : Object {
  Object* source;  // iterator over the iterables; nullptr when done
  Object* active;  // iterator over the current one
  IteratorMutex mutex;
};

Object* NewChain(Object* source) {
  auto* c = Alloc<ChainObject>(&ChainType);
  if (c == nullptr) {
    Decref(source);
    return nullptr;
  }
  c->source = source;
  return c;
}

Object* ChainNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("chain", kwnames)) return nullptr;
  TupleObject* t = TupleFrom(args + 1, static_cast<int64_t>(nargs) - 1);
  if (t == nullptr) return nullptr;
  Object* source = GetIter(t);
  Decref(t);
  return source ? NewChain(source) : nullptr;
}

Object* ChainFromIterable(Object* const* args, size_t nargs,
                          TupleObject* kwnames) {
  if (!CheckNoKeywords("from_iterable", kwnames) ||
      !CheckArgCount("from_iterable", nargs, 1, 1)) {
    return nullptr;
  }
  Object* source = GetIter(args[0]);
  return source ? NewChain(source) : nullptr;
}

Object* ChainNext(Object* o) {
  auto* c = static_cast<ChainObject*>(o);
  IteratorSection section(c->mutex);
  while (c->source != nullptr) {
    if (c->active == nullptr) {
      Object* iterable = IterNext(c->source);
      if (iterable == nullptr) {
        SetRef(&c->source, nullptr);
        return nullptr;
      }
      c->active = GetIter(iterable);
      Decref(iterable);
      if (c->active == nullptr) return nullptr;
    }
    Object* item = IterNext(c->active);
    if (item != nullptr || ErrorOccurred()) return item;
    SetRef(&c->active, nullptr);
  }
  return nullptr;
}

void ChainDealloc(Object* o) {
  auto* c = static_cast<ChainObject*>(o);
  XDecref(c->source);
  XDecref(c->active);
  FreeObject(o, sizeof(ChainObject));
}

// --- product(*iterables, repeat=1)
// -------------------------------------------------

struct ProductObject : Object {
  TupleObject* pools;  // one tuple per position (repeats included)
  std::vector<int64_t>* indices;
  bool started;
  bool done;
  ObjectMutex mutex;  // next() runs no Python code
};

Object* ProductNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckKeywordNames("product", kwnames, {"repeat"})) return nullptr;
  int64_t repeat = 1;
  Object* r = KeywordArg(args, nargs, kwnames, "repeat");
  if (r != nullptr && !AsIndex(r, &repeat, "repeat")) return nullptr;
  if (repeat < 0) {
    return SetError(&ValueErrorType, "repeat argument cannot be negative");
  }
  int64_t n = static_cast<int64_t>(nargs) - 1;
  std::vector<Object*> base;
  for (int64_t i = 0; i < n; ++i) {
    TupleObject* pool = TupleOfIterable(args[1 + i]);
    if (pool == nullptr) {
      for (Object* p : base) Decref(p);
      return nullptr;
    }
    base.push_back(pool);
  }
  TupleObject* pools = NewTuple(n * repeat);
  if (pools == nullptr) {
    for (Object* p : base) Decref(p);
    return nullptr;
  }
  bool empty = false;
  for (int64_t k = 0; k < repeat; ++k) {
    for (int64_t i = 0; i < n; ++i) {
      pools->items[k * n + i] = NewRef(base[i]);
      empty |= static_cast<TupleObject*>(base[i])->size == 0;
    }
  }
  for (Object* p : base) Decref(p);
  auto* p = Alloc<ProductObject>(&ProductType);
  if (p == nullptr) {
    Decref(pools);
    return nullptr;
  }
  p->pools = pools;
  p->indices = new std::vector<int64_t>(static_cast<size_t>(pools->size), 0);
  p->done = empty;
  return p;
}

Object* ProductNext(Object* o) {
  auto* p = static_cast<ProductObject*>(o);
  CriticalSection cs(p->mutex);
  if (p->done) return nullptr;
  std::vector<int64_t>& idx = *p->indices;
  int64_t n = p->pools->size;
  if (p->started) {
    // Advance the rightmost index that can move, like an odometer.
    int64_t i = n - 1;
    for (; i >= 0; --i) {
      auto* pool = static_cast<TupleObject*>(p->pools->items[i]);
      if (++idx[i] < pool->size) break;
      idx[i] = 0;
    }
    if (i < 0) {
      p->done = true;
      return nullptr;
    }
  }
  p->started = true;
  TupleObject* t = NewTuple(n);
  if (t == nullptr) return nullptr;
  for (int64_t i = 0; i < n; ++i) {
    auto* pool = static_cast<TupleObject*>(p->pools->items[i]);
    t->items[i] = NewRef(pool->items[idx[i]]);
  }
  return t;
}

void ProductDealloc(Object* o) {
  auto* p = static_cast<ProductObject*>(o);
  Decref(p->pools);
  delete p->indices;
  FreeObject(o, sizeof(ProductObject));
}

// --- permutations / combinations / combinations_with_replacement
// -------------------

struct CombinatoricObject : Object {
  TupleObject* pool;
  std::vector<int64_t>* indices;
  std::vector<int64_t>* cycles;  // permutations only
  int64_t r;
  bool started;
  bool done;
  ObjectMutex mutex;  // next() runs no Python code
};

// Parses (iterable, r) for the three; r_optional: permutations' r=None.
Object* NewCombinatoric(Type* type, Object* const* args, size_t nargs,
                        TupleObject* kwnames, bool r_optional) {
  Object* a[2];
  if (!BindArgs(ShortName(type), args + 1, nargs - 1, kwnames,
                {"iterable", "r"}, r_optional ? 1 : 2, 2, a)) {
    return nullptr;
  }
  TupleObject* pool = TupleOfIterable(a[0]);
  if (pool == nullptr) return nullptr;
  int64_t r = pool->size;
  if (a[1] != nullptr && a[1] != None()) {
    if (!IsInt(a[1])) {
      Decref(pool);
      return SetError(&TypeErrorType, "Expected int as r");
    }
    if (!AsIndex(a[1], &r, "r")) {
      Decref(pool);
      return nullptr;
    }
  } else if (!r_optional) {
    Decref(pool);
    return SetError(&TypeErrorType, "Expected int as r");
  }
  if (r < 0) {
    Decref(pool);
    return SetError(&ValueErrorType, "r must be non-negative");
  }
  auto* c = Alloc<CombinatoricObject>(type);
  if (c == nullptr) {
    Decref(pool);
    return nullptr;
  }
  int64_t n = pool->size;
  c->pool = pool;
  c->r = r;
  if (type == &PermutationsType) {
    c->indices = new std::vector<int64_t>(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) (*c->indices)[i] = i;
    // Nothing to produce when r > n: no cycle counters then.
    c->cycles = new std::vector<int64_t>(static_cast<size_t>(r <= n ? r : 0));
    for (size_t i = 0; i < c->cycles->size(); ++i) {
      (*c->cycles)[i] = n - static_cast<int64_t>(i);
    }
    c->done = r > n;
  } else if (type == &CombinationsType) {
    c->indices = new std::vector<int64_t>(static_cast<size_t>(r));
    for (int64_t i = 0; i < r; ++i) (*c->indices)[i] = i;
    c->done = r > n;
  } else {
    c->indices = new std::vector<int64_t>(static_cast<size_t>(r), 0);
    c->done = n == 0 && r > 0;
  }
  return c;
}

Object* PermutationsNew(Object* const* a, size_t n, TupleObject* k) {
  return NewCombinatoric(&PermutationsType, a, n, k, true);
}
Object* CombinationsNew(Object* const* a, size_t n, TupleObject* k) {
  return NewCombinatoric(&CombinationsType, a, n, k, false);
}
Object* CombinationsWrNew(Object* const* a, size_t n, TupleObject* k) {
  return NewCombinatoric(&CombinationsWithReplacementType, a, n, k, false);
}

Object* PermutationsNext(Object* o) {
  auto* c = static_cast<CombinatoricObject*>(o);
  CriticalSection cs(c->mutex);
  if (c->done) return nullptr;
  std::vector<int64_t>& idx = *c->indices;
  std::vector<int64_t>& cyc = *c->cycles;
  int64_t n = c->pool->size, r = c->r;
  if (c->started) {
    if (n == 0) {
      c->done = true;
      return nullptr;
    }
    // Rotate the tail and step the cycle counters (random.py's algorithm
    // in itertools' docs).
    int64_t i = r - 1;
    for (; i >= 0; --i) {
      if (--cyc[i] == 0) {
        int64_t first = idx[i];
        for (int64_t j = i; j < n - 1; ++j) idx[j] = idx[j + 1];
        idx[n - 1] = first;
        cyc[i] = n - i;
      } else {
        std::swap(idx[i], idx[n - cyc[i]]);
        break;
      }
    }
    if (i < 0) {
      c->done = true;
      return nullptr;
    }
  }
  c->started = true;
  return Pick(c->pool, idx, static_cast<size_t>(r));
}

Object* CombinationsNext(Object* o) {
  auto* c = static_cast<CombinatoricObject*>(o);
  CriticalSection cs(c->mutex);
  if (c->done) return nullptr;
  std::vector<int64_t>& idx = *c->indices;
  int64_t n = c->pool->size, r = c->r;
  if (c->started) {
    int64_t i = r - 1;
    while (i >= 0 && idx[i] == i + n - r) --i;
    if (i < 0) {
      c->done = true;
      return nullptr;
    }
    ++idx[i];
    for (int64_t j = i + 1; j < r; ++j) idx[j] = idx[j - 1] + 1;
  }
  c->started = true;
  return Pick(c->pool, idx, static_cast<size_t>(r));
}

Object* CombinationsWrNext(Object* o) {
  auto* c = static_cast<CombinatoricObject*>(o);
  CriticalSection cs(c->mutex);
  if (c->done) return nullptr;
  std::vector<int64_t>& idx = *c->indices;
  int64_t n = c->pool->size, r = c->r;
  if (c->started) {
    int64_t i = r - 1;
    while (i >= 0 && idx[i] == n - 1) --i;
    if (i < 0) {
      c->done = true;
      return nullptr;
    }
    int64_t v = idx[i] + 1;
    for (int64_t j = i; j < r; ++j) idx[j] = v;
  }
  c->started = true;
  return Pick(c->pool, idx, static_cast<size_t>(r));
}

void CombinatoricDealloc(Object* o) {
  auto* c = static_cast<CombinatoricObject*>(o);
  Decref(c->pool);
  delete c->indices;
  delete c->cycles;
  FreeObject(o, sizeof(CombinatoricObject));
}

// --- repeat(object[, times])
// ---------------------------------------------------------

struct RepeatObject : Object {
  Object* element;
  int64_t remaining;  // -1: forever
};

Object* RepeatNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("repeat", args + 1, nargs - 1, kwnames, {"object", "times"}, 1,
                2, a)) {
    return nullptr;
  }
  int64_t times = -1;
  if (a[1] != nullptr) {
    if (!AsIndex(a[1], &times, "times")) return nullptr;
    if (times < 0) times = 0;
  }
  auto* r = Alloc<RepeatObject>(&RepeatType);
  if (r == nullptr) return nullptr;
  r->element = NewRef(a[0]);
  r->remaining = times;
  return r;
}

// A bounded repeat hands out exactly `times` references, however many
// threads ask.
Object* RepeatNext(Object* o) {
  auto* r = static_cast<RepeatObject*>(o);
  int64_t left = SharedLoad(&r->remaining);
  while (left > 0 && !SharedCompareExchange(&r->remaining, left, left - 1)) {
    left = SharedLoad(&r->remaining);
  }
  if (left == 0) return nullptr;
  return NewRef(r->element);
}

Object* RepeatRepr(Object* o) {
  auto* r = static_cast<RepeatObject*>(o);
  std::string e;
  if (!ReprString(r->element, &e)) return nullptr;
  int64_t left = SharedLoad(&r->remaining);
  if (left < 0) return NewStr(StrCat("repeat(", e, ")"));
  return NewStr(StrCat("repeat(", e, ", ", left, ")"));
}

void RepeatDealloc(Object* o) {
  Decref(static_cast<RepeatObject*>(o)->element);
  FreeObject(o, sizeof(RepeatObject));
}

// --- cycle(iterable)
// -------------------------------------------------------------------

struct CycleObject : Object {
  Object* it;  // nullptr after the first pass
  ListObject* saved;
  int64_t index;
  IteratorMutex mutex;
};

Object* CycleNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("cycle", kwnames) ||
      !CheckArgCount("cycle", nargs - 1, 1, 1)) {
    return nullptr;
  }
  Object* it = GetIter(args[1]);
  if (it == nullptr) return nullptr;
  auto* c = Alloc<CycleObject>(&CycleType);
  ListObject* saved = c ? NewList(0) : nullptr;
  if (saved == nullptr) {
    Decref(it);
    XDecref(c);
    return nullptr;
  }
  c->it = it;
  c->saved = saved;
  return c;
}

Object* CycleNext(Object* o) {
  auto* c = static_cast<CycleObject*>(o);
  IteratorSection section(c->mutex);
  if (c->it != nullptr) {
    Object* item = IterNext(c->it);
    if (item != nullptr) {
      if (ListAppend(c->saved, item) < 0) {
        Decref(item);
        return nullptr;
      }
      return item;
    }
    if (ErrorOccurred()) return nullptr;
    SetRef(&c->it, nullptr);
  }
  if (c->saved->size == 0) return nullptr;
  Object* item = NewRef(c->saved->items[c->index]);
  c->index = (c->index + 1) % c->saved->size;
  return item;
}

void CycleDealloc(Object* o) {
  auto* c = static_cast<CycleObject*>(o);
  XDecref(c->it);
  Decref(c->saved);
  FreeObject(o, sizeof(CycleObject));
}

// --- accumulate(iterable[, func], *, initial=None)
// --------------------------------

struct AccumulateObject : Object {
  Object* it;
  Object* func;     // nullptr: addition
  Object* total;    // nullptr before the first item
  Object* initial;  // yielded first, then cleared
  IteratorMutex mutex;
};

Object* AccumulateNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[3];
  if (!BindArgs("accumulate", args + 1, nargs - 1, kwnames,
                {"iterable", "func", "initial"}, 1, 2, a)) {
    return nullptr;
  }
  Object* it = GetIter(a[0]);
  if (it == nullptr) return nullptr;
  auto* acc = Alloc<AccumulateObject>(&AccumulateType);
  if (acc == nullptr) {
    Decref(it);
    return nullptr;
  }
  acc->it = it;
  acc->func = a[1] != nullptr && a[1] != None() ? NewRef(a[1]) : nullptr;
  acc->initial = a[2] != nullptr && a[2] != None() ? NewRef(a[2]) : nullptr;
  return acc;
}

Object* AccumulateNext(Object* o) {
  auto* acc = static_cast<AccumulateObject*>(o);
  IteratorSection section(acc->mutex);
  if (acc->initial != nullptr) {
    acc->total = acc->initial;
    acc->initial = nullptr;
    return NewRef(acc->total);
  }
  Object* item = IterNext(acc->it);
  if (item == nullptr) return nullptr;
  if (acc->total == nullptr) {
    acc->total = item;
    return NewRef(item);
  }
  Object* next;
  if (acc->func == nullptr) {
    next = BinaryOp(acc->total, item, BinOp::kAdd);
  } else {
    Object* call_args[2] = {acc->total, item};
    next = Call(acc->func, call_args, 2);
  }
  Decref(item);
  if (next == nullptr) return nullptr;
  SetRef(&acc->total, next);
  return NewRef(next);
}

void AccumulateDealloc(Object* o) {
  auto* acc = static_cast<AccumulateObject*>(o);
  Decref(acc->it);
  XDecref(acc->func);
  XDecref(acc->total);
  XDecref(acc->initial);
  FreeObject(o, sizeof(AccumulateObject));
}

// --- zip_longest(*iterables, fillvalue=None)
// ---------------------------------------

struct ZipLongestObject : Object {
  ListObject* iterators;  // exhausted ones become nullptr
  Object* fill;
  int64_t active;
  IteratorMutex mutex;
};

Object* ZipLongestNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckKeywordNames("zip_longest", kwnames, {"fillvalue"})) return nullptr;
  Object* fill = KeywordArg(args, nargs, kwnames, "fillvalue");
  ListObject* its = NewList(0);
  if (its == nullptr) return nullptr;
  for (size_t i = 1; i < nargs; ++i) {
    Object* it = GetIter(args[i]);
    if (it == nullptr || ListAppendSteal(its, it) < 0) {
      Decref(its);
      return nullptr;
    }
  }
  auto* z = Alloc<ZipLongestObject>(&ZipLongestType);
  if (z == nullptr) {
    Decref(its);
    return nullptr;
  }
  z->iterators = its;
  z->fill = NewRef(fill ? fill : None());
  z->active = its->size;
  return z;
}

Object* ZipLongestNext(Object* o) {
  auto* z = static_cast<ZipLongestObject*>(o);
  IteratorSection section(z->mutex);
  int64_t n = z->iterators->size;
  if (n == 0 || z->active == 0) return nullptr;
  TupleObject* t = NewTuple(n);
  if (t == nullptr) return nullptr;
  for (int64_t i = 0; i < n; ++i) {
    Object*& it = z->iterators->items[i];
    Object* item = nullptr;
    if (it != nullptr) {
      item = IterNext(it);
      if (item == nullptr) {
        if (ErrorOccurred()) {
          Decref(t);
          return nullptr;
        }
        SetRef(&it, nullptr);
        if (--z->active == 0) {
          Decref(t);
          return nullptr;
        }
      }
    }
    t->items[i] = item ? item : NewRef(z->fill);
  }
  return t;
}

void ZipLongestDealloc(Object* o) {
  auto* z = static_cast<ZipLongestObject*>(o);
  Decref(z->iterators);  // list dealloc tolerates null slots
  Decref(z->fill);
  FreeObject(o, sizeof(ZipLongestObject));
}

// --- starmap, takewhile, dropwhile, filterfalse, compress, pairwise
// ---------------

// Iterators made of a function (or second iterator) and a source iterator.
struct FuncIterObject : Object {
  Object* func;
  Object* it;
  Object* extra;  // compress: selectors; pairwise: the previous item
  bool flag;      // takewhile: stopped; dropwhile: done dropping
  IteratorMutex mutex;  // not for starmap and filterfalse (stateless)
};

Object* NewFuncIter(Type* type, Object* func, Object* iterable) {
  Object* it = GetIter(iterable);
  if (it == nullptr) return nullptr;
  auto* f = Alloc<FuncIterObject>(type);
  if (f == nullptr) {
    Decref(it);
    return nullptr;
  }
  f->func = func ? NewRef(func) : nullptr;
  f->it = it;
  return f;
}

Object* TwoArgNew(Type* type, Object* const* args, size_t nargs,
                  TupleObject* kwnames) {
  const char* name = ShortName(type);
  if (!CheckNoKeywords(name, kwnames) ||
      !CheckArgCount(name, nargs - 1, 2, 2)) {
    return nullptr;
  }
  return NewFuncIter(type, args[1], args[2]);
}

Object* StarmapNew(Object* const* a, size_t n, TupleObject* k) {
  return TwoArgNew(&StarmapType, a, n, k);
}
Object* TakewhileNew(Object* const* a, size_t n, TupleObject* k) {
  return TwoArgNew(&TakewhileType, a, n, k);
}
Object* DropwhileNew(Object* const* a, size_t n, TupleObject* k) {
  return TwoArgNew(&DropwhileType, a, n, k);
}
Object* FilterfalseNew(Object* const* a, size_t n, TupleObject* k) {
  return TwoArgNew(&FilterfalseType, a, n, k);
}

Object* StarmapNext(Object* o) {
  auto* f = static_cast<FuncIterObject*>(o);
  Object* item = IterNext(f->it);
  if (item == nullptr) return nullptr;
  ListObject* call_args = ListFromIterable(item);
  Decref(item);
  if (call_args == nullptr) return nullptr;
  Object* r =
      Call(f->func, call_args->items, static_cast<size_t>(call_args->size));
  Decref(call_args);
  return r;
}

// 1 when func(item) (or item itself, for a None func) is true.
int Predicate(Object* func, Object* item) {
  if (func == nullptr || func == None()) return IsTrue(item);
  Object* r = Call(func, &item, 1);
  if (r == nullptr) return -1;
  int t = IsTrue(r);
  Decref(r);
  return t;
}

Object* TakewhileNext(Object* o) {
  auto* f = static_cast<FuncIterObject*>(o);
  IteratorSection section(f->mutex);
  if (f->flag) return nullptr;
  Object* item = IterNext(f->it);
  if (item == nullptr) return nullptr;
  int t = Predicate(f->func, item);
  if (t > 0) return item;
  Decref(item);
  if (t == 0) f->flag = true;
  return nullptr;
}

Object* DropwhileNext(Object* o) {
  auto* f = static_cast<FuncIterObject*>(o);
  IteratorSection section(f->mutex);
  while (Object* item = IterNext(f->it)) {
    if (f->flag) return item;
    int t = Predicate(f->func, item);
    if (t == 0) {
      f->flag = true;
      return item;
    }
    Decref(item);
    if (t < 0) return nullptr;
  }
  return nullptr;
}

Object* FilterfalseNext(Object* o) {
  auto* f = static_cast<FuncIterObject*>(o);
  while (Object* item = IterNext(f->it)) {
    int t = Predicate(f->func, item);
    if (t == 0) return item;
    Decref(item);
    if (t < 0) return nullptr;
  }
  return nullptr;
}

Object* CompressNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("compress", args + 1, nargs - 1, kwnames, {"data", "selectors"},
                2, 2, a)) {
    return nullptr;
  }
  Object* selectors = GetIter(a[1]);
  if (selectors == nullptr) return nullptr;
  Object* c = NewFuncIter(&CompressType, nullptr, a[0]);
  if (c == nullptr) {
    Decref(selectors);
    return nullptr;
  }
  static_cast<FuncIterObject*>(c)->extra = selectors;
  return c;
}

Object* CompressNext(Object* o) {
  auto* f = static_cast<FuncIterObject*>(o);
  IteratorSection section(f->mutex);
  while (true) {
    Object* item = IterNext(f->it);
    if (item == nullptr) return nullptr;
    Object* selector = IterNext(f->extra);
    if (selector == nullptr) {
      Decref(item);
      return nullptr;
    }
    int t = IsTrue(selector);
    Decref(selector);
    if (t > 0) return item;
    Decref(item);
    if (t < 0) return nullptr;
  }
}

Object* PairwiseNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("pairwise", kwnames) ||
      !CheckArgCount("pairwise", nargs - 1, 1, 1)) {
    return nullptr;
  }
  return NewFuncIter(&PairwiseType, nullptr, args[1]);
}

Object* PairwiseNext(Object* o) {
  auto* f = static_cast<FuncIterObject*>(o);
  IteratorSection section(f->mutex);
  if (f->it == nullptr) return nullptr;
  if (f->extra == nullptr) {
    f->extra = IterNext(f->it);
    if (f->extra == nullptr) {
      SetRef(&f->it, nullptr);
      return nullptr;
    }
  }
  Object* item = IterNext(f->it);
  if (item == nullptr) {
    SetRef(&f->it, nullptr);
    SetRef(&f->extra, nullptr);
    return nullptr;
  }
  TupleObject* pair = NewTuple(2);
  if (pair == nullptr) {
    Decref(item);
    return nullptr;
  }
  pair->items[0] = f->extra;
  pair->items[1] = NewRef(item);
  f->extra = item;
  return pair;
}

void FuncIterDealloc(Object* o) {
  auto* f = static_cast<FuncIterObject*>(o);
  XDecref(f->func);
  XDecref(f->it);
  XDecref(f->extra);
  FreeObject(o, sizeof(FuncIterObject));
}

// --- groupby(iterable, key=None)
// ---------------------------------------------------

struct GroupbyObject : Object {
  Object* it;
  Object* keyfunc;
  Object* target_key;   // the key of the group being handed out
  Object* current_key;  // key and value of the item read ahead
  Object* current_value;
  Object* current_grouper;  // borrowed identity of the live _grouper
  IteratorMutex mutex;      // also taken by its groupers
};

struct GrouperObject : Object {
  GroupbyObject* parent;
  Object* target_key;
};

// Reads the next item and its key into current_*; false at the end or on
// error.
bool GroupbyStep(GroupbyObject* g) {
  Object* value = IterNext(g->it);
  if (value == nullptr) return false;
  Object* key;
  if (g->keyfunc == nullptr) {
    key = NewRef(value);
  } else {
    key = Call(g->keyfunc, &value, 1);
    if (key == nullptr) {
      Decref(value);
      return false;
    }
  }
  SetRef(&g->current_value, value);
  SetRef(&g->current_key, key);
  return true;
}

Object* GroupbyNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("groupby", args + 1, nargs - 1, kwnames, {"iterable", "key"}, 1,
                2, a)) {
    return nullptr;
  }
  Object* it = GetIter(a[0]);
  if (it == nullptr) return nullptr;
  auto* g = Alloc<GroupbyObject>(&GroupbyType);
  if (g == nullptr) {
    Decref(it);
    return nullptr;
  }
  g->it = it;
  g->keyfunc = a[1] != nullptr && a[1] != None() ? NewRef(a[1]) : nullptr;
  return g;
}

Object* GroupbyNext(Object* o) {
  auto* g = static_cast<GroupbyObject*>(o);
  IteratorSection section(g->mutex);
  g->current_grouper = nullptr;  // the previous group is abandoned
  // Skip to the next key.
  while (true) {
    if (g->current_key == nullptr) {
      if (!GroupbyStep(g)) return nullptr;
    } else if (g->target_key == nullptr) {
      break;
    } else {
      int eq = RichCompareBool(g->target_key, g->current_key, CompareOp::kEq);
      if (eq < 0) return nullptr;
      if (eq == 0) break;
      if (!GroupbyStep(g)) return nullptr;
    }
  }
  SetRef(&g->target_key, NewRef(g->current_key));
  auto* grouper = Alloc<GrouperObject>(&GrouperType);
  if (grouper == nullptr) return nullptr;
  grouper->parent = static_cast<GroupbyObject*>(NewRef(o));
  grouper->target_key = NewRef(g->target_key);
  g->current_grouper = grouper;
  TupleObject* pair = TupleOf({g->current_key, grouper});
  Decref(grouper);
  return pair;
}

Object* GrouperNext(Object* o) {
  auto* gr = static_cast<GrouperObject*>(o);
  GroupbyObject* g = gr->parent;
  IteratorSection section(g->mutex);
  if (g->current_grouper != o) return nullptr;  // the parent moved on
  if (g->current_value == nullptr) {
    if (!GroupbyStep(g)) return nullptr;
  }
  int eq = RichCompareBool(gr->target_key, g->current_key, CompareOp::kEq);
  if (eq <= 0) return nullptr;
  Object* value = g->current_value;
  g->current_value = nullptr;
  SetRef(&g->current_key, nullptr);
  return value;
}

void GroupbyDealloc(Object* o) {
  auto* g = static_cast<GroupbyObject*>(o);
  Decref(g->it);
  XDecref(g->keyfunc);
  XDecref(g->target_key);
  XDecref(g->current_key);
  XDecref(g->current_value);
  FreeObject(o, sizeof(GroupbyObject));
}

void GrouperDealloc(Object* o) {
  auto* gr = static_cast<GrouperObject*>(o);
  Decref(gr->parent);
  Decref(gr->target_key);
  FreeObject(o, sizeof(GrouperObject));
}

// --- tee(iterable, n=2)
// ------------------------------------------------------------

// The shared source and the items read from it, trimmed as the slowest
// copy advances.
struct TeeDataObject : Object {
  Object* it;
  std::vector<Object*>* buffer;
  int64_t base;                     // absolute index of buffer[0]
  std::vector<int64_t>* positions;  // of each live copy
  // Copies handed to different threads share the buffer: every copy's
  // next() and death take it.
  IteratorMutex mutex;
};

struct TeeObject : Object {
  TeeDataObject* data;
  int64_t slot;  // index into data->positions
};

void TrimTee(TeeDataObject* d) {
  int64_t low = INT64_MAX;
  for (int64_t p : *d->positions) {
    if (p >= 0 && p < low) low = p;
  }
  if (low == INT64_MAX) low = d->base + static_cast<int64_t>(d->buffer->size());
  int64_t drop = low - d->base;
  if (drop <= 0) return;
  std::vector<Object*> dropped(d->buffer->begin(), d->buffer->begin() + drop);
  d->buffer->erase(d->buffer->begin(), d->buffer->begin() + drop);
  d->base = low;
  for (Object* x : dropped) Decref(x);
}

Object* TeeNext(Object* o) {
  auto* t = static_cast<TeeObject*>(o);
  TeeDataObject* d = t->data;
  IteratorSection section(d->mutex);
  int64_t& pos = (*d->positions)[static_cast<size_t>(t->slot)];
  int64_t offset = pos - d->base;
  if (offset >= static_cast<int64_t>(d->buffer->size())) {
    Object* item = IterNext(d->it);
    if (item == nullptr) return nullptr;
    d->buffer->push_back(item);
  }
  Object* item = NewRef((*d->buffer)[static_cast<size_t>(pos - d->base)]);
  ++pos;
  TrimTee(d);
  return item;
}

void TeeDealloc(Object* o) {
  auto* t = static_cast<TeeObject*>(o);
  {
    IteratorSection section(t->data->mutex);
    (*t->data->positions)[static_cast<size_t>(t->slot)] = -1;
    TrimTee(t->data);
  }
  Decref(t->data);
  FreeObject(o, sizeof(TeeObject));
}

void TeeDataDealloc(Object* o) {
  auto* d = static_cast<TeeDataObject*>(o);
  Decref(d->it);
  for (Object* x : *d->buffer) Decref(x);
  delete d->buffer;
  delete d->positions;
  FreeObject(o, sizeof(TeeDataObject));
}

Object* Tee(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("tee", kwnames) || !CheckArgCount("tee", nargs, 1, 2)) {
    return nullptr;
  }
  int64_t n = 2;
  if (nargs > 1 && !AsIndex(args[1], &n, "n")) return nullptr;
  if (n < 0) return SetError(&ValueErrorType, "n must be >= 0");
  Object* it = GetIter(args[0]);
  if (it == nullptr) return nullptr;
  auto* d = Alloc<TeeDataObject>(&TeeDataType);
  if (d == nullptr) {
    Decref(it);
    return nullptr;
  }
  d->it = it;
  d->buffer = new std::vector<Object*>();
  d->positions = new std::vector<int64_t>(static_cast<size_t>(n), 0);
  TupleObject* result = NewTuple(n);
  if (result == nullptr) {
    Decref(d);
    return nullptr;
  }
  for (int64_t i = 0; i < n; ++i) {
    auto* t = Alloc<TeeObject>(&TeeType);
    if (t == nullptr) {
      Decref(result);
      Decref(d);
      return nullptr;
    }
    t->data = static_cast<TeeDataObject*>(NewRef(d));
    t->slot = i;
    result->items[i] = t;
  }
  Decref(d);
  return result;
}

// --- registration
// ----------------------------------------------------------------------

void InitIterType(Type* t, const char* name, size_t size,
                  void (*dealloc)(Object*), UnaryFn next, NativeFn ctor) {
  InitStaticType(t, name, size, &ObjectType);
  t->dealloc = dealloc;
  t->iter = SelfIter;
  t->iternext = next;
  t->hash = ObjectType.hash;
  t->compare = ObjectType.compare;
  t->getattr = GenericGetAttr;
  t->dict = NewDict();
  if (ctor != nullptr) {
    DictSetStr(t->dict, "__new__",
               NewStaticNativeFunction("__new__", ctor, kNativeKeywords));
  }
}

void InitTypes() {
  InitIterType(&CountType, "itertools.count", sizeof(CountObject), CountDealloc,
               CountNext, CountNew);
  CountType.repr = CountRepr;
  InitIterType(&IsliceType, "itertools.islice", sizeof(IsliceObject),
               IsliceDealloc, IsliceNext, IsliceNew);
  InitIterType(&ChainType, "itertools.chain", sizeof(ChainObject), ChainDealloc,
               ChainNext, ChainNew);
  DictSetStr(ChainType.dict, "from_iterable",
             NewStaticNativeFunction("from_iterable", ChainFromIterable, 0));
  InitIterType(&ProductType, "itertools.product", sizeof(ProductObject),
               ProductDealloc, ProductNext, ProductNew);
  InitIterType(&PermutationsType, "itertools.permutations",
               sizeof(CombinatoricObject), CombinatoricDealloc,
               PermutationsNext, PermutationsNew);
  InitIterType(&CombinationsType, "itertools.combinations",
               sizeof(CombinatoricObject), CombinatoricDealloc,
               CombinationsNext, CombinationsNew);
  InitIterType(&CombinationsWithReplacementType,
               "itertools.combinations_with_replacement",
               sizeof(CombinatoricObject), CombinatoricDealloc,
               CombinationsWrNext, CombinationsWrNew);
  InitIterType(&RepeatType, "itertools.repeat", sizeof(RepeatObject),
               RepeatDealloc, RepeatNext, RepeatNew);
  RepeatType.repr = RepeatRepr;
  InitIterType(&CycleType, "itertools.cycle", sizeof(CycleObject), CycleDealloc,
               CycleNext, CycleNew);
  InitIterType(&AccumulateType, "itertools.accumulate",
               sizeof(AccumulateObject), AccumulateDealloc, AccumulateNext,
               AccumulateNew);
  InitIterType(&ZipLongestType, "itertools.zip_longest",
               sizeof(ZipLongestObject), ZipLongestDealloc, ZipLongestNext,
               ZipLongestNew);
  InitIterType(&StarmapType, "itertools.starmap", sizeof(FuncIterObject),
               FuncIterDealloc, StarmapNext, StarmapNew);
  InitIterType(&TakewhileType, "itertools.takewhile", sizeof(FuncIterObject),
               FuncIterDealloc, TakewhileNext, TakewhileNew);
  InitIterType(&DropwhileType, "itertools.dropwhile", sizeof(FuncIterObject),
               FuncIterDealloc, DropwhileNext, DropwhileNew);
  InitIterType(&FilterfalseType, "itertools.filterfalse",
               sizeof(FuncIterObject), FuncIterDealloc, FilterfalseNext,
               FilterfalseNew);
  InitIterType(&CompressType, "itertools.compress", sizeof(FuncIterObject),
               FuncIterDealloc, CompressNext, CompressNew);
  InitIterType(&PairwiseType, "itertools.pairwise", sizeof(FuncIterObject),
               FuncIterDealloc, PairwiseNext, PairwiseNew);
  InitIterType(&GroupbyType, "itertools.groupby", sizeof(GroupbyObject),
               GroupbyDealloc, GroupbyNext, GroupbyNew);
  InitIterType(&GrouperType, "itertools._grouper", sizeof(GrouperObject),
               GrouperDealloc, GrouperNext, nullptr);
  InitIterType(&TeeType, "itertools._tee", sizeof(TeeObject), TeeDealloc,
               TeeNext, nullptr);
  InitStaticType(&TeeDataType, "itertools._tee_dataobject",
                 sizeof(TeeDataObject), &ObjectType);
  TeeDataType.dealloc = TeeDataDealloc;
}

ModuleObject* NewItertoolsModule() {
  static std::once_flag once;
  std::call_once(once, InitTypes);
  ModuleObject* m = NewModule("itertools");
  if (m == nullptr) return nullptr;
  for (Type* t :
       {&CountType, &IsliceType, &ChainType, &ProductType, &PermutationsType,
        &CombinationsType, &CombinationsWithReplacementType, &RepeatType,
        &CycleType, &AccumulateType, &ZipLongestType, &StarmapType,
        &TakewhileType, &DropwhileType, &FilterfalseType, &CompressType,
        &PairwiseType, &GroupbyType}) {
    DictSetStr(m->dict, ShortName(t), NewRef(t));
  }
  DictSetStr(m->dict, "tee", NewStaticNativeFunction("tee", Tee, 0));
  return m;
}

struct Register {
  Register() { RegisterNativeModule("itertools", NewItertoolsModule); }
} register_itertools;

}  // namespace

}  // namespace twinpy
