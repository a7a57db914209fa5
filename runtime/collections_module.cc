// The collections module: deque (a ring buffer), and the dict subclasses
// defaultdict, Counter and OrderedDict. (namedtuple is written in Python.)
#include <algorithm>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "alloc/allocator.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/native_args.h"
#include "runtime/object_lock.h"
#include "runtime/sequence.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

Type DequeType, DequeIteratorType, DefaultDictType, CounterType,
    OrderedDictType;

Object* SelfIter(Object* o) { return NewRef(o); }

// Instances print with the bare class name: deque([...]), not
// collections.deque([...]).
std::string_view ShortTypeName(Object* o) {
  std::string_view name = TypeName(o);
  size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

// =============================================================================
// deque
// =============================================================================

struct DequeObject : Object {
  Object** items;  // ring buffer of `capacity` (a power of two) slots
  int64_t capacity;
  int64_t head;  // slot of the leftmost item
  int64_t size;
  int64_t maxlen;  // -1: unbounded; fixed at construction
  uint64_t state;  // bumped by every mutation, for iterators
  // Free-threaded build: guards the fields above. Appends and pops from
  // several threads are the classic use of a deque (a work queue).
  ObjectMutex mutex;
};

DequeObject* AsDeque(Object* o) { return static_cast<DequeObject*>(o); }

// The functions below marked "locked" expect the deque's lock held.

Object*& At(DequeObject* d, int64_t i) {
  return d->items[(d->head + i) & (d->capacity - 1)];
}

bool Grow(DequeObject* d) {  // locked
  int64_t capacity = d->capacity == 0 ? 8 : d->capacity * 2;
  auto** items = static_cast<Object**>(
      alloc::Allocate(sizeof(Object*) * static_cast<size_t>(capacity)));
  if (items == nullptr) return false;
  for (int64_t i = 0; i < d->size; ++i) items[i] = At(d, i);
  if (d->items != nullptr) {
    alloc::Free(d->items, sizeof(Object*) * static_cast<size_t>(d->capacity));
  }
  d->items = items;
  d->capacity = capacity;
  d->head = 0;
  return true;
}

Object* PopRightRaw(DequeObject* d) {  // locked
  Object* v = At(d, d->size - 1);
  --d->size;
  ++d->state;
  return v;
}

Object* PopLeftRaw(DequeObject* d) {  // locked
  Object* v = At(d, 0);
  d->head = (d->head + 1) & (d->capacity - 1);
  --d->size;
  ++d->state;
  return v;
}

// Adds `item` (stolen) at one end; a full bounded deque drops an item from
// the other end, released after the lock.
int Push(DequeObject* d, Object* item, bool left) {
  Object* dropped = nullptr;
  bool grown = true;
  {
    CriticalSection cs(d->mutex);
    if (d->maxlen == 0) {
      dropped = item;
    } else if (d->size == d->capacity && !(grown = Grow(d))) {
      dropped = item;
    } else {
      if (left) {
        d->head = (d->head - 1) & (d->capacity - 1);
        At(d, 0) = item;
      } else {
        At(d, d->size) = item;
      }
      ++d->size;
      ++d->state;
      if (d->maxlen >= 0 && d->size > d->maxlen) {
        dropped = left ? PopRightRaw(d) : PopLeftRaw(d);
      }
    }
  }
  XDecref(dropped);
  if (!grown) {
    NoMemory();
    return -1;
  }
  return 0;
}

int PushRight(DequeObject* d, Object* item) { return Push(d, item, false); }
int PushLeft(DequeObject* d, Object* item) { return Push(d, item, true); }

// Pops one end, or nullptr with IndexError when empty.
Object* Pop(DequeObject* d, bool left) {
  {
    CriticalSection cs(d->mutex);
    if (d->size > 0) return left ? PopLeftRaw(d) : PopRightRaw(d);
  }
  return SetError(&IndexErrorType, "pop from an empty deque");
}

int64_t Size(DequeObject* d) {
  CriticalSection cs(d->mutex);
  return d->size;
}

void ClearDeque(DequeObject* d) {
  std::vector<Object*> old;
  {
    CriticalSection cs(d->mutex);
    old.reserve(static_cast<size_t>(d->size));
    for (int64_t i = 0; i < d->size; ++i) old.push_back(At(d, i));
    d->size = 0;
    d->head = 0;
    ++d->state;
  }
  for (Object* o : old) Decref(o);
}

// Extends from an iterable; reads a snapshot when it is the deque itself.
int ExtendDeque(DequeObject* d, Object* iterable, bool left) {
  Object* source = iterable;
  if (iterable == d) {
    source = ListFromIterable(iterable);
    if (source == nullptr) return -1;
  } else {
    Incref(source);
  }
  Object* it = GetIter(source);
  Decref(source);
  if (it == nullptr) return -1;
  while (Object* item = IterNext(it)) {
    if (Push(d, item, left) < 0) {
      Decref(it);
      return -1;
    }
  }
  Decref(it);
  return ErrorOccurred() ? -1 : 0;
}

// A snapshot of the items (new references), for operations that run
// comparisons or reprs, which may mutate the deque.
std::vector<Object*> Snapshot(DequeObject* d) {
  CriticalSection cs(d->mutex);
  std::vector<Object*> items;
  items.reserve(static_cast<size_t>(d->size));
  for (int64_t i = 0; i < d->size; ++i) items.push_back(NewRef(At(d, i)));
  return items;
}

void Release(const std::vector<Object*>& items) {
  for (Object* o : items) Decref(o);
}

DequeObject* AllocDeque(Type* type, int64_t maxlen) {
  auto* d = static_cast<DequeObject*>(AllocObject(type, sizeof(DequeObject)));
  if (d == nullptr) return nullptr;
  d->items = nullptr;
  d->capacity = 0;
  d->head = 0;
  d->size = 0;
  d->maxlen = maxlen;
  d->state = 0;
  new (&d->mutex) ObjectMutex();
  return d;
}

Object* DequeNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("deque", args + 1, nargs - 1, kwnames, {"iterable", "maxlen"},
                0, 2, a)) {
    return nullptr;
  }
  int64_t maxlen = -1;
  if (a[1] != nullptr && a[1] != None()) {
    if (!IsInt(a[1])) return SetError(&TypeErrorType, "an integer is required");
    if (!AsIndex(a[1], &maxlen, "maxlen")) return nullptr;
    if (maxlen < 0)
      return SetError(&ValueErrorType, "maxlen must be non-negative");
  }
  DequeObject* d = AllocDeque(static_cast<Type*>(args[0]), maxlen);
  if (d == nullptr) return nullptr;
  if (a[0] != nullptr && ExtendDeque(d, a[0], false) < 0) {
    Decref(d);
    return nullptr;
  }
  return d;
}

void DequeDealloc(Object* o) {
  DequeObject* d = AsDeque(o);
  for (int64_t i = 0; i < d->size; ++i) Decref(At(d, i));
  if (d->items != nullptr) {
    alloc::Free(d->items, sizeof(Object*) * static_cast<size_t>(d->capacity));
  }
  FreeObject(o, sizeof(DequeObject));
}

Object* DequeRepr(Object* o) {
  DequeObject* d = AsDeque(o);
  if (ReprEnter(o)) return NewStr("[...]");
  std::vector<Object*> items = Snapshot(d);
  std::string out = StrCat(ShortTypeName(o), "([");
  bool ok = true;
  for (size_t i = 0; i < items.size() && ok; ++i) {
    std::string s;
    ok = ReprString(items[i], &s);
    StrAppend(&out, i ? ", " : "", s);
  }
  Release(items);
  ReprLeave(o);
  if (!ok) return nullptr;
  out += "]";
  if (d->maxlen >= 0) StrAppend(&out, ", maxlen=", d->maxlen);
  out += ")";
  return NewStr(out);
}

int64_t DequeLength(Object* o) { return Size(AsDeque(o)); }
int DequeTruth(Object* o) { return Size(AsDeque(o)) != 0; }

// An index key as an int64 (not yet range-checked); false with TypeError.
bool IndexKey(Object* key, int64_t* out) {
  if (!IsInt(key)) {
    SetError(&TypeErrorType, StrCat("sequence index must be integer, not '",
                                    TypeName(key), "'"));
    return false;
  }
  return IntAsSsize(key, out);
}

// Normalises i against the size (locked); false when out of range.
bool InRange(DequeObject* d, int64_t* i) {
  if (*i < 0) *i += d->size;
  return *i >= 0 && *i < d->size;
}

Object* OutOfRange() {
  return SetError(&IndexErrorType, "deque index out of range");
}

Object* DequeGetItem(Object* o, Object* key) {
  DequeObject* d = AsDeque(o);
  int64_t i;
  if (!IndexKey(key, &i)) return nullptr;
  {
    CriticalSection cs(d->mutex);
    if (InRange(d, &i)) return NewRef(At(d, i));
  }
  return OutOfRange();
}

// Removes the item at i (0 <= i < size) by shifting the shorter side.
Object* RemoveAt(DequeObject* d, int64_t i) {  // locked
  Object* v = At(d, i);
  if (i < d->size / 2) {
    for (int64_t k = i; k > 0; --k) At(d, k) = At(d, k - 1);
    d->head = (d->head + 1) & (d->capacity - 1);
  } else {
    for (int64_t k = i; k < d->size - 1; ++k) At(d, k) = At(d, k + 1);
  }
  --d->size;
  ++d->state;
  return v;
}

int DequeSetItem(Object* o, Object* key, Object* value) {
  DequeObject* d = AsDeque(o);
  int64_t i;
  if (!IndexKey(key, &i)) return -1;
  Object* old = nullptr;
  {
    CriticalSection cs(d->mutex);
    if (InRange(d, &i)) {
      if (value == nullptr) {
        old = RemoveAt(d, i);
      } else {
        old = At(d, i);
        At(d, i) = NewRef(value);
      }
    }
  }
  if (old == nullptr) {
    OutOfRange();
    return -1;
  }
  Decref(old);
  return 0;
}

// The item at i and the mutation count, or nullptr past the end.
Object* ItemAt(DequeObject* d, int64_t i, uint64_t* state) {
  CriticalSection cs(d->mutex);
  *state = d->state;
  return i < d->size ? NewRef(At(d, i)) : nullptr;
}

int DequeContains(Object* o, Object* value) {
  DequeObject* d = AsDeque(o);
  uint64_t start_state = 0;
  for (int64_t i = 0;; ++i) {
    uint64_t state;
    Object* item = ItemAt(d, i, &state);
    if (i == 0) start_state = state;
    if (state != start_state) {
      XDecref(item);
      SetError(&RuntimeErrorType, "deque mutated during iteration");
      return -1;
    }
    if (item == nullptr) return 0;
    int eq = EqualBool(item, value);
    Decref(item);
    if (eq != 0) return eq;
  }
}

Object* DequeCompare(Object* a, Object* b, CompareOp op) {
  if (!IsSubtype(a->type, &DequeType) || !IsSubtype(b->type, &DequeType)) {
    return NotImplemented();
  }
  std::vector<Object*> x = Snapshot(AsDeque(a));
  std::vector<Object*> y = Snapshot(AsDeque(b));
  Object* r = SequenceCompare(x.data(), static_cast<int64_t>(x.size()),
                              y.data(), static_cast<int64_t>(y.size()), op);
  Release(x);
  Release(y);
  return r;
}

Object* DequeConcat(Object* a, Object* b) {
  if (!IsSubtype(a->type, &DequeType)) return NotImplemented();
  if (!IsSubtype(b->type, &DequeType)) {
    return SetError(&TypeErrorType, StrCat("can only concatenate deque (not \"",
                                           TypeName(b), "\") to deque"));
  }
  DequeObject* r = AllocDeque(&DequeType, AsDeque(a)->maxlen);
  if (r == nullptr) return nullptr;
  if (ExtendDeque(r, a, false) < 0 || ExtendDeque(r, b, false) < 0) {
    Decref(r);
    return nullptr;
  }
  return r;
}

Object* DequeInplaceConcat(Object* a, Object* b) {
  if (ExtendDeque(AsDeque(a), b, false) < 0) return nullptr;
  return NewRef(a);
}

// Iteration fails once the deque is mutated, as in CPython.
struct DequeIterator : Object {
  DequeObject* deque;
  int64_t index;
  uint64_t state;
};

Object* DequeIter(Object* o) {
  auto* it = static_cast<DequeIterator*>(
      AllocObject(&DequeIteratorType, sizeof(DequeIterator)));
  if (it == nullptr) return nullptr;
  it->deque = AsDeque(NewRef(o));
  it->index = 0;
  CriticalSection cs(it->deque->mutex);
  it->state = it->deque->state;
  return it;
}

Object* DequeIterNext(Object* o) {
  auto* it = static_cast<DequeIterator*>(o);
  DequeObject* d = it->deque;
  {
    CriticalSection cs(d->mutex);
    if (d->state == it->state) {
      if (it->index >= d->size) return nullptr;
      return NewRef(At(d, it->index++));
    }
  }
  return SetError(&RuntimeErrorType, "deque mutated during iteration");
}

void DequeIterDealloc(Object* o) {
  Decref(static_cast<DequeIterator*>(o)->deque);
  FreeObject(o, sizeof(DequeIterator));
}

Object* DequeGetAttr(Object* o, StrObject* name) {
  if (StrView(name) == "maxlen") {
    int64_t maxlen = AsDeque(o)->maxlen;
    return maxlen < 0 ? None() : NewInt(maxlen);
  }
  return GenericGetAttr(o, name);
}

// --- deque methods
// ---------------------------------------------------------------

#define METHOD_ARGS(name, min, max)                \
  if (!CheckNoKeywords(name, kwnames) ||           \
      !CheckArgCount(name, nargs - 1, min, max)) { \
    return nullptr;                                \
  }

Object* DequeAppend(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("append", 1, 1);
  if (PushRight(AsDeque(args[0]), NewRef(args[1])) < 0) return nullptr;
  return None();
}

Object* DequeAppendLeft(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  METHOD_ARGS("appendleft", 1, 1);
  if (PushLeft(AsDeque(args[0]), NewRef(args[1])) < 0) return nullptr;
  return None();
}

Object* DequePop(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("pop", 0, 0);
  return Pop(AsDeque(args[0]), false);
}

Object* DequePopLeft(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("popleft", 0, 0);
  return Pop(AsDeque(args[0]), true);
}

Object* DequeExtend(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("extend", 1, 1);
  if (ExtendDeque(AsDeque(args[0]), args[1], false) < 0) return nullptr;
  return None();
}

Object* DequeExtendLeft(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  METHOD_ARGS("extendleft", 1, 1);
  if (ExtendDeque(AsDeque(args[0]), args[1], true) < 0) return nullptr;
  return None();
}

Object* DequeRotate(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("rotate", 0, 1);
  DequeObject* d = AsDeque(args[0]);
  int64_t n = 1;
  if (nargs > 1 && !AsIndex(args[1], &n, "n")) return nullptr;
  CriticalSection cs(d->mutex);
  if (d->size <= 1) return None();
  n %= d->size;
  if (n < 0) n += d->size;
  // Right by n moves the last n items to the front; the shorter way round
  // is taken.
  if (n <= d->size / 2) {
    for (int64_t k = 0; k < n; ++k) {
      Object* v = At(d, d->size - 1);
      d->head = (d->head - 1) & (d->capacity - 1);
      At(d, 0) = v;
    }
  } else {
    for (int64_t k = n; k < d->size; ++k) {
      Object* v = At(d, 0);
      d->head = (d->head + 1) & (d->capacity - 1);
      At(d, d->size - 1) = v;
    }
  }
  ++d->state;
  return None();
}

Object* DequeClear(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("clear", 0, 0);
  ClearDeque(AsDeque(args[0]));
  return None();
}

Object* DequeCount(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("count", 1, 1);
  std::vector<Object*> items = Snapshot(AsDeque(args[0]));
  int64_t n =
      SequenceCount(items.data(), static_cast<int64_t>(items.size()), args[1]);
  Release(items);
  return n < 0 ? nullptr : NewInt(n);
}

Object* NotInDeque(Object* value) {
  std::string r;
  if (!ReprString(value, &r)) return nullptr;
  return SetError(&ValueErrorType, StrCat(r, " is not in deque"));
}

Object* DequeIndexMethod(Object* const* args, size_t nargs,
                         TupleObject* kwnames) {
  METHOD_ARGS("index", 1, 3);
  DequeObject* d = AsDeque(args[0]);
  int64_t start = 0, stop = Size(d);
  if (nargs > 2 && !AsIndex(args[2], &start, "start")) return nullptr;
  if (nargs > 3 && !AsIndex(args[3], &stop, "stop")) return nullptr;
  std::vector<Object*> items = Snapshot(d);
  int64_t i = SequenceIndex(items.data(), static_cast<int64_t>(items.size()),
                            args[1], start, stop);
  Release(items);
  if (i == -1) return NotInDeque(args[1]);
  return i < 0 ? nullptr : NewInt(i);
}

Object* DequeRemove(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("remove", 1, 1);
  DequeObject* d = AsDeque(args[0]);
  for (int64_t i = 0;; ++i) {
    uint64_t state;
    Object* item = ItemAt(d, i, &state);
    if (item == nullptr) break;
    int eq = EqualBool(item, args[1]);
    Decref(item);
    if (eq < 0) return nullptr;
    Object* removed = nullptr;
    bool mutated;
    {
      CriticalSection cs(d->mutex);
      mutated = d->state != state;
      if (!mutated && eq) removed = RemoveAt(d, i);
    }
    if (mutated) {
      return SetError(&IndexErrorType, "deque mutated during remove().");
    }
    if (removed != nullptr) {
      Decref(removed);
      return None();
    }
  }
  return NotInDeque(args[1]);
}

Object* DequeReverse(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("reverse", 0, 0);
  DequeObject* d = AsDeque(args[0]);
  CriticalSection cs(d->mutex);
  for (int64_t i = 0, j = d->size - 1; i < j; ++i, --j)
    std::swap(At(d, i), At(d, j));
  ++d->state;
  return None();
}

Object* DequeCopy(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("copy", 0, 0);
  DequeObject* d = AsDeque(args[0]);
  DequeObject* r = AllocDeque(&DequeType, d->maxlen);
  if (r == nullptr) return nullptr;
  if (ExtendDeque(r, d, false) < 0) {
    Decref(r);
    return nullptr;
  }
  return r;
}

Object* DequeInsert(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("insert", 2, 2);
  DequeObject* d = AsDeque(args[0]);
  int64_t i;
  if (!AsIndex(args[1], &i, "index")) return nullptr;
  Object* item = NewRef(args[2]);
  {
    CriticalSection cs(d->mutex);
    bool full = d->maxlen >= 0 && d->size >= d->maxlen;
    if (!full && (d->size < d->capacity || Grow(d))) {
      if (i < 0) i = std::max<int64_t>(0, i + d->size);
      if (i > d->size) i = d->size;
      At(d, d->size) = item;
      ++d->size;
      ++d->state;
      for (int64_t k = d->size - 1; k > i; --k)
        std::swap(At(d, k), At(d, k - 1));
      return None();
    }
    if (!full) item = nullptr;  // growing failed: report MemoryError below
  }
  if (item == nullptr) {
    Decref(args[2]);
    return NoMemory();
  }
  Decref(item);
  return SetError(&IndexErrorType, "deque already at its maximum size");
}

const MethodDef kDequeMethods[] = {
    {"append", DequeAppend, kNativeMethod},
    {"appendleft", DequeAppendLeft, kNativeMethod},
    {"pop", DequePop, kNativeMethod},
    {"popleft", DequePopLeft, kNativeMethod},
    {"extend", DequeExtend, kNativeMethod},
    {"extendleft", DequeExtendLeft, kNativeMethod},
    {"rotate", DequeRotate, kNativeMethod},
    {"clear", DequeClear, kNativeMethod},
    {"count", DequeCount, kNativeMethod},
    {"index", DequeIndexMethod, kNativeMethod},
    {"remove", DequeRemove, kNativeMethod},
    {"reverse", DequeReverse, kNativeMethod},
    {"copy", DequeCopy, kNativeMethod},
    {"__copy__", DequeCopy, kNativeMethod},
    {"insert", DequeInsert, kNativeMethod},
    {nullptr, nullptr, 0},
};

// =============================================================================
// dict subclasses
// =============================================================================

// Static types do not inherit slots: copy dict's, then override.
void InheritDictSlots(Type* t) {
  const Type& d = DictType;
  t->dealloc = d.dealloc;
  t->repr = d.repr;
  t->str = d.str;
  t->hash = d.hash;
  t->compare = d.compare;
  t->truth = d.truth;
  t->length = d.length;
  t->getitem = d.getitem;
  t->setitem = d.setitem;
  t->contains = d.contains;
  t->iter = d.iter;
  t->getattr = d.getattr;
  t->setattr = d.setattr;
  for (int i = 0; i < static_cast<int>(BinOp::kCount); ++i) {
    t->number[i] = d.number[i];
    t->inplace[i] = d.inplace[i];
  }
}

DictObject* AsDict(Object* o) { return static_cast<DictObject*>(o); }

// Keyword arguments update a dict, as dict(**kw) does.
int UpdateFromKeywords(DictObject* d, Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  size_t nkw = KeywordCount(kwnames);
  for (size_t i = 0; i < nkw; ++i) {
    if (DictSetItem(d, kwnames->items[i], args[nargs + i]) < 0) return -1;
  }
  return 0;
}

std::string DictBodyRepr(Object* o, bool* ok) {
  Object* r = DictType.repr(o);
  *ok = r != nullptr;
  if (r == nullptr) return "";
  std::string s(StrView(r));
  Decref(r);
  return s;
}

// --- defaultdict
// ------------------------------------------------------------------

struct DefaultDictObject : DictObject {
  Object* factory;  // nullptr: None
};

DefaultDictObject* AsDefault(Object* o) {
  return static_cast<DefaultDictObject*>(o);
}

Object* DefaultDictNew(Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  auto* type = static_cast<Type*>(args[0]);
  Object* factory = nargs > 1 ? args[1] : None();
  if (factory != None() && factory->type->call == nullptr) {
    return SetError(&TypeErrorType, "first argument must be callable or None");
  }
  if (nargs > 3) {
    return SetError(
        &TypeErrorType,
        StrCat("dict expected at most 1 argument, got ", nargs - 2));
  }
  auto* d = static_cast<DefaultDictObject*>(
      NewDictOfType(type, sizeof(DefaultDictObject)));
  if (d == nullptr) return nullptr;
  d->factory = factory == None() ? nullptr : NewRef(factory);
  if ((nargs > 2 && DictUpdate(d, args[2]) < 0) ||
      UpdateFromKeywords(d, args, nargs, kwnames) < 0) {
    Decref(d);
    return nullptr;
  }
  return d;
}

// __missing__: the factory's value, stored under the key.
Object* DefaultMissing(DefaultDictObject* d, Object* key) {
  if (d->factory == nullptr) return SetKeyError(key);
  Object* value = Call(d->factory, nullptr, 0);
  if (value == nullptr) return nullptr;
  if (DictSetItem(d, key, value) < 0) {
    Decref(value);
    return nullptr;
  }
  return value;
}

Object* DefaultDictGetItem(Object* o, Object* key) {
  Object* v = DictGetItemRef(AsDict(o), key);
  if (v != nullptr || ErrorOccurred()) return v;
  return DefaultMissing(AsDefault(o), key);
}

Object* DefaultDictRepr(Object* o) {
  DefaultDictObject* d = AsDefault(o);
  std::string factory = "None";
  if (d->factory != nullptr) {
    if (ReprEnter(o)) {
      factory = "...";
    } else {
      bool ok = ReprString(d->factory, &factory);
      ReprLeave(o);
      if (!ok) return nullptr;
    }
  }
  bool ok;
  std::string body = DictBodyRepr(o, &ok);
  if (!ok) return nullptr;
  return NewStr(StrCat(ShortTypeName(o), "(", factory, ", ", body, ")"));
}

void DefaultDictDealloc(Object* o) {
  XDecref(AsDefault(o)->factory);
  DictType.dealloc(o);
}

Object* DefaultDictGetAttr(Object* o, StrObject* name) {
  if (StrView(name) == "default_factory") {
    Object* f = AsDefault(o)->factory;
    return NewRef(f ? f : None());
  }
  return GenericGetAttr(o, name);
}

int DefaultDictSetAttr(Object* o, StrObject* name, Object* value) {
  if (StrView(name) == "default_factory") {
    SetRef(&AsDefault(o)->factory,
           value == nullptr || value == None() ? nullptr : NewRef(value));
    return 0;
  }
  SetError(&AttributeErrorType,
           StrCat("'", TypeName(o), "' object has no attribute '",
                  StrView(name), "'"));
  return -1;
}

DefaultDictObject* CopyDefault(DefaultDictObject* src) {
  auto* d = static_cast<DefaultDictObject*>(
      NewDictOfType(&DefaultDictType, sizeof(DefaultDictObject)));
  if (d == nullptr) return nullptr;
  d->factory = src->factory ? NewRef(src->factory) : nullptr;
  if (DictUpdate(d, src) < 0) {
    Decref(d);
    return nullptr;
  }
  return d;
}

Object* DefaultDictCopy(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  METHOD_ARGS("copy", 0, 0);
  return CopyDefault(AsDefault(args[0]));
}

Object* DefaultDictMissing(Object* const* args, size_t nargs,
                           TupleObject* kwnames) {
  METHOD_ARGS("__missing__", 1, 1);
  return DefaultMissing(AsDefault(args[0]), args[1]);
}

// defaultdict | mapping keeps the left operand's type and factory.
Object* DefaultDictOr(Object* a, Object* b) {
  if (!IsDict(a) || !IsDict(b)) return NotImplemented();
  DefaultDictObject* src =
      IsSubtype(a->type, &DefaultDictType) ? AsDefault(a) : AsDefault(b);
  DefaultDictObject* r = CopyDefault(src);
  if (r == nullptr) return nullptr;
  if (src != AsDefault(a)) {
    DictClear(r);
    if (DictUpdate(r, a) < 0) {
      Decref(r);
      return nullptr;
    }
  }
  if (DictUpdate(r, b) < 0) {
    Decref(r);
    return nullptr;
  }
  return r;
}

const MethodDef kDefaultDictMethods[] = {
    {"copy", DefaultDictCopy, kNativeMethod},
    {"__copy__", DefaultDictCopy, kNativeMethod},
    {"__missing__", DefaultDictMissing, kNativeMethod},
    {nullptr, nullptr, 0},
};

// --- Counter
// ------------------------------------------------------------------------

bool IsCounter(Object* o) { return IsSubtype(o->type, &CounterType); }

// self[key] with a missing key read as 0; a new reference.
Object* CountOf(DictObject* d, Object* key) {
  Object* v = DictGetItemRef(d, key);
  if (v != nullptr || ErrorOccurred()) return v;
  return NewInt(0);
}

Object* CounterGetItem(Object* o, Object* key) {
  return CountOf(AsDict(o), key);
}

// self[key] = self[key] + delta (or self[key] - delta).
int AddCount(DictObject* d, Object* key, Object* delta, bool subtract) {
  Object* current = CountOf(d, key);
  if (current == nullptr) return -1;
  Object* next = subtract ? BinaryOp(current, delta, BinOp::kSub)
                          : BinaryOp(delta, current, BinOp::kAdd);
  Decref(current);
  if (next == nullptr) return -1;
  int r = DictSetItem(d, key, next);
  Decref(next);
  return r;
}

// Counter.update / subtract from a mapping or an iterable of elements.
int CountFrom(DictObject* d, Object* source, bool subtract) {
  if (IsDict(source)) {
    if (!subtract && DictSize(d) == 0) return DictUpdate(d, source);
    // A snapshot: adding may run user code that changes the source.
    DictObject* copy = DictCopy(AsDict(source));
    if (copy == nullptr) return -1;
    int64_t pos = 0;
    Object *k, *v;
    int r = 0;
    while (r == 0 && DictNext(copy, &pos, &k, &v))
      r = AddCount(d, k, v, subtract);
    Decref(copy);
    return r;
  }
  Object* it = GetIter(source);
  if (it == nullptr) return -1;
  Object* one = NewInt(1);
  while (Object* item = IterNext(it)) {
    int r = AddCount(d, item, one, subtract);
    Decref(item);
    if (r < 0) {
      Decref(it);
      return -1;
    }
  }
  Decref(it);
  return ErrorOccurred() ? -1 : 0;
}

int CountKeywords(DictObject* d, Object* const* args, size_t nargs,
                  TupleObject* kwnames, bool subtract) {
  size_t nkw = KeywordCount(kwnames);
  for (size_t i = 0; i < nkw; ++i) {
    if (AddCount(d, kwnames->items[i], args[nargs + i], subtract) < 0)
      return -1;
  }
  return 0;
}

Object* CounterNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (nargs > 2) {
    return SetError(&TypeErrorType,
                    StrCat("expected at most 1 argument, got ", nargs - 1));
  }
  DictObject* d =
      NewDictOfType(static_cast<Type*>(args[0]), sizeof(DictObject));
  if (d == nullptr) return nullptr;
  if ((nargs > 1 && args[1] != None() && CountFrom(d, args[1], false) < 0) ||
      CountKeywords(d, args, nargs, kwnames, false) < 0) {
    Decref(d);
    return nullptr;
  }
  return d;
}

Object* CounterUpdate(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("update", nargs - 1, 0, 1)) return nullptr;
  DictObject* d = AsDict(args[0]);
  if ((nargs > 1 && args[1] != None() && CountFrom(d, args[1], false) < 0) ||
      CountKeywords(d, args, nargs, kwnames, false) < 0) {
    return nullptr;
  }
  return None();
}

Object* CounterSubtract(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  if (!CheckArgCount("subtract", nargs - 1, 0, 1)) return nullptr;
  DictObject* d = AsDict(args[0]);
  if ((nargs > 1 && args[1] != None() && CountFrom(d, args[1], true) < 0) ||
      CountKeywords(d, args, nargs, kwnames, true) < 0) {
    return nullptr;
  }
  return None();
}

// (key, count) pairs by descending count, ties in insertion order, as
// sorted(..., reverse=True) orders them; false when counts do not compare.
bool SortedByCount(DictObject* d,
                   std::vector<std::pair<Object*, Object*>>* out) {
  int64_t pos = 0;
  Object *k, *v;
  while (DictNextRef(d, &pos, &k, &v)) out->emplace_back(k, v);
  bool failed = false;
  std::stable_sort(out->begin(), out->end(), [&](const auto& a, const auto& b) {
    if (failed) return false;
    int lt = RichCompareBool(b.second, a.second, CompareOp::kLt);
    if (lt < 0) failed = true;
    return lt > 0;
  });
  if (failed) {
    for (auto& [key, value] : *out) {
      Decref(key);
      Decref(value);
    }
    out->clear();
  }
  return !failed;
}

Object* CounterMostCommon(Object* const* args, size_t nargs,
                          TupleObject* kwnames) {
  Object* n_obj = nullptr;
  if (!BindArgs("most_common", args + 1, nargs - 1, kwnames, {"n"}, 0, 1,
                &n_obj)) {
    return nullptr;
  }
  std::vector<std::pair<Object*, Object*>> items;
  if (!SortedByCount(AsDict(args[0]), &items)) return nullptr;
  int64_t n = static_cast<int64_t>(items.size());
  if (n_obj != nullptr && n_obj != None()) {
    int64_t limit;
    if (!AsIndex(n_obj, &limit, "n")) {
      n = -1;
    } else {
      n = std::max<int64_t>(0, std::min(limit, n));
    }
  }
  ListObject* result = n >= 0 ? NewList(0) : nullptr;
  for (int64_t i = 0; result != nullptr && i < n; ++i) {
    TupleObject* pair = TupleOf({items[i].first, items[i].second});
    if (pair == nullptr || ListAppendSteal(result, pair) < 0) {
      Decref(result);
      result = nullptr;
    }
  }
  for (auto& [key, value] : items) {
    Decref(key);
    Decref(value);
  }
  return result;
}

Object* CounterElements(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  METHOD_ARGS("elements", 0, 0);
  ListObject* out = NewList(0);
  if (out == nullptr) return nullptr;
  int64_t pos = 0;
  Object *k, *v;
  while (DictNextRef(AsDict(args[0]), &pos, &k, &v)) {
    int64_t count = 0;
    bool ok = IsInt(v);
    if (!ok) {
      SetError(&TypeErrorType, StrCat("'", TypeName(v),
                                      "' object cannot be interpreted as an "
                                      "integer"));
    } else if (!IntToInt64(v, &count)) {
      count = 0;
    }
    for (int64_t i = 0; ok && i < count; ++i) ok = ListAppend(out, k) == 0;
    Decref(k);
    Decref(v);
    if (!ok) {
      Decref(out);
      return nullptr;
    }
  }
  Object* it = GetIter(out);
  Decref(out);
  return it;
}

Object* CounterTotal(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("total", 0, 0);
  Object* total = NewInt(0);
  int64_t pos = 0;
  Object *k, *v;
  while (total != nullptr && DictNextRef(AsDict(args[0]), &pos, &k, &v)) {
    Object* next = BinaryOp(total, v, BinOp::kAdd);
    Decref(total);
    Decref(k);
    Decref(v);
    total = next;
  }
  return total;
}

DictObject* NewCounter() {
  return NewDictOfType(&CounterType, sizeof(DictObject));
}

Object* CounterCopy(Object* const* args, size_t nargs, TupleObject* kwnames) {
  METHOD_ARGS("copy", 0, 0);
  DictObject* d = NewCounter();
  if (d != nullptr && DictUpdate(d, args[0]) < 0) {
    Decref(d);
    return nullptr;
  }
  return d;
}

Object* CounterMissing(Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  METHOD_ARGS("__missing__", 1, 1);
  return NewInt(0);
}

Object* CounterRepr(Object* o) {
  DictObject* d = AsDict(o);
  if (DictSize(d) == 0) return NewStr(StrCat(TypeName(o), "()"));
  std::vector<std::pair<Object*, Object*>> items;
  std::string body;
  if (SortedByCount(d, &items)) {
    // dict(self.most_common()) keeps that order.
    DictObject* ordered = NewDict();
    if (ordered == nullptr) return nullptr;
    for (auto& [key, value] : items) {
      if (DictSetItem(ordered, key, value) < 0) break;
    }
    for (auto& [key, value] : items) {
      Decref(key);
      Decref(value);
    }
    bool ok = !ErrorOccurred() && ReprString(ordered, &body);
    Decref(ordered);
    if (!ok) return nullptr;
  } else {
    if (!ErrorMatches(&TypeErrorType)) return nullptr;
    ClearError();  // unorderable counts: insertion order
    bool ok;
    body = DictBodyRepr(o, &ok);
    if (!ok) return nullptr;
  }
  return NewStr(StrCat(TypeName(o), "(", body, ")"));
}

// The multiset operators: results keep positive counts only.
enum class CounterOp { kAdd, kSub, kOr, kAnd };

int PositiveCount(Object* count) {
  Object* zero = NewInt(0);
  return RichCompareBool(count, zero, CompareOp::kGt);
}

Object* CounterBinary(Object* a, Object* b, CounterOp op) {
  if (!IsCounter(a) || !IsCounter(b)) return NotImplemented();
  DictObject* x = AsDict(a);
  DictObject* y = AsDict(b);
  DictObject* r = NewCounter();
  if (r == nullptr) return nullptr;
  int64_t pos = 0;
  Object *k, *v;
  bool ok = true;
  while (ok && DictNextRef(x, &pos, &k, &v)) {
    Object* other = CountOf(y, k);
    Object* count = nullptr;
    if (other != nullptr) {
      switch (op) {
        case CounterOp::kAdd:
          count = BinaryOp(v, other, BinOp::kAdd);
          break;
        case CounterOp::kSub:
          count = BinaryOp(v, other, BinOp::kSub);
          break;
        default: {
          int lt = RichCompareBool(v, other, CompareOp::kLt);
          bool take_other = op == CounterOp::kOr ? lt > 0 : lt == 0;
          if (lt >= 0) count = NewRef(take_other ? other : v);
        }
      }
      Decref(other);
    }
    int positive = count ? PositiveCount(count) : -1;
    ok = positive >= 0 && (positive == 0 || DictSetItem(r, k, count) == 0);
    XDecref(count);
    Decref(k);
    Decref(v);
  }
  pos = 0;
  while (ok && op != CounterOp::kAnd && DictNextRef(y, &pos, &k, &v)) {
    Object* mine = DictGetItemRef(x, k);
    if (mine != nullptr || ErrorOccurred()) {
      ok = mine != nullptr;
      XDecref(mine);
    } else if (op == CounterOp::kSub) {
      Object* zero = NewInt(0);
      int negative = RichCompareBool(v, zero, CompareOp::kLt);
      ok = negative >= 0;
      if (negative > 0) {
        Object* count = BinaryOp(zero, v, BinOp::kSub);
        ok = count != nullptr && DictSetItem(r, k, count) == 0;
        XDecref(count);
      }
    } else {
      int positive = PositiveCount(v);
      ok = positive >= 0 && (positive == 0 || DictSetItem(r, k, v) == 0);
    }
    Decref(k);
    Decref(v);
  }
  if (!ok) {
    Decref(r);
    return nullptr;
  }
  return r;
}

Object* CounterAdd(Object* a, Object* b) {
  return CounterBinary(a, b, CounterOp::kAdd);
}
Object* CounterSub(Object* a, Object* b) {
  return CounterBinary(a, b, CounterOp::kSub);
}
Object* CounterOr(Object* a, Object* b) {
  return CounterBinary(a, b, CounterOp::kOr);
}
Object* CounterAnd(Object* a, Object* b) {
  return CounterBinary(a, b, CounterOp::kAnd);
}

// Equality and inclusion treat missing elements as zero (3.10+).
int CounterAll(DictObject* x, DictObject* y, CompareOp op) {
  for (DictObject* c : {x, y}) {
    int64_t pos = 0;
    Object* k;
    while (DictNextRef(c, &pos, &k, nullptr)) {
      Object* a = CountOf(x, k);
      Object* b = a ? CountOf(y, k) : nullptr;
      Decref(k);
      if (b == nullptr) {
        XDecref(a);
        return -1;
      }
      int r = RichCompareBool(a, b, op);
      Decref(a);
      Decref(b);
      if (r <= 0) return r;
    }
  }
  return 1;
}

Object* CounterCompare(Object* a, Object* b, CompareOp op) {
  if (!IsCounter(a) || !IsCounter(b)) return DictType.compare(a, b, op);
  DictObject* x = AsDict(a);
  DictObject* y = AsDict(b);
  int r;
  switch (op) {
    case CompareOp::kEq:
    case CompareOp::kNe:
      r = CounterAll(x, y, CompareOp::kEq);
      if (r < 0) return nullptr;
      return Bool(op == CompareOp::kEq ? r != 0 : r == 0);
    case CompareOp::kLe:
    case CompareOp::kGe:
      r = op == CompareOp::kLe ? CounterAll(x, y, CompareOp::kLe)
                               : CounterAll(y, x, CompareOp::kLe);
      break;
    default: {
      bool lt = op == CompareOp::kLt;
      r = lt ? CounterAll(x, y, CompareOp::kLe)
             : CounterAll(y, x, CompareOp::kLe);
      if (r > 0) {
        int eq = CounterAll(x, y, CompareOp::kEq);
        r = eq < 0 ? -1 : !eq;
      }
    }
  }
  if (r < 0) return nullptr;
  return Bool(r != 0);
}

const MethodDef kCounterMethods[] = {
    {"update", CounterUpdate, kNativeMethod | kNativeKeywords},
    {"subtract", CounterSubtract, kNativeMethod | kNativeKeywords},
    {"most_common", CounterMostCommon, kNativeMethod | kNativeKeywords},
    {"elements", CounterElements, kNativeMethod},
    {"total", CounterTotal, kNativeMethod},
    {"copy", CounterCopy, kNativeMethod},
    {"__copy__", CounterCopy, kNativeMethod},
    {"__missing__", CounterMissing, kNativeMethod},
    {nullptr, nullptr, 0},
};

// --- OrderedDict
// ------------------------------------------------------------------

bool IsOrderedDict(Object* o) { return IsSubtype(o->type, &OrderedDictType); }

Object* OrderedDictNew(Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  if (nargs > 2) {
    return SetError(&TypeErrorType,
                    StrCat("expected at most 1 argument, got ", nargs - 1));
  }
  DictObject* d =
      NewDictOfType(static_cast<Type*>(args[0]), sizeof(DictObject));
  if (d == nullptr) return nullptr;
  if ((nargs > 1 && DictUpdate(d, args[1]) < 0) ||
      UpdateFromKeywords(d, args, nargs, kwnames) < 0) {
    Decref(d);
    return nullptr;
  }
  return d;
}

// OrderedDict([('a', 1), ('b', 2)]): the 3.11 repr.
Object* OrderedDictRepr(Object* o) {
  DictObject* d = AsDict(o);
  if (DictSize(d) == 0) return NewStr(StrCat(TypeName(o), "()"));
  if (ReprEnter(o)) return NewStr("...");
  std::string out = StrCat(TypeName(o), "([");
  int64_t pos = 0;
  Object *k, *v;
  bool ok = true, first = true;
  while (ok && DictNextRef(d, &pos, &k, &v)) {
    TupleObject* pair = TupleOf({k, v});
    Decref(k);
    Decref(v);
    std::string s;
    ok = pair != nullptr && ReprString(pair, &s);
    XDecref(pair);
    StrAppend(&out, first ? "" : ", ", s);
    first = false;
  }
  ReprLeave(o);
  if (!ok) return nullptr;
  out += "])";
  return NewStr(out);
}

// Order matters between two OrderedDicts.
Object* OrderedDictCompare(Object* a, Object* b, CompareOp op) {
  Object* r = DictType.compare(a, b, op);
  if ((op != CompareOp::kEq && op != CompareOp::kNe) || r == nullptr ||
      r == NotImplemented() || !IsOrderedDict(a) || !IsOrderedDict(b)) {
    return r;
  }
  bool dict_equal = op == CompareOp::kEq ? r == True() : r == False();
  if (!dict_equal) return r;
  // Equal as dicts: the keys must also come in the same order.
  int64_t pa = 0, pb = 0;
  Object *ka, *kb;
  bool same = true;
  while (same && DictNextRef(AsDict(a), &pa, &ka, nullptr)) {
    if (!DictNextRef(AsDict(b), &pb, &kb, nullptr)) {
      Decref(ka);
      break;
    }
    int eq = EqualBool(ka, kb);
    Decref(ka);
    Decref(kb);
    if (eq < 0) return nullptr;
    same = eq != 0;
  }
  return Bool(op == CompareOp::kEq ? same : !same);
}

Object* OrderedDictMoveToEnd(Object* const* args, size_t nargs,
                             TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("move_to_end", args + 1, nargs - 1, kwnames, {"key", "last"}, 1,
                2, a)) {
    return nullptr;
  }
  DictObject* d = AsDict(args[0]);
  int last = a[1] ? IsTrue(a[1]) : 1;
  if (last < 0) return nullptr;
  Object* value = DictGetItemRef(d, a[0]);
  if (value == nullptr) return ErrorOccurred() ? nullptr : SetKeyError(a[0]);
  Object* key = NewRef(a[0]);
  int r = DictDelItem(d, key);
  if (r >= 0 && last) {
    r = DictSetItem(d, key, value);
  } else if (r >= 0) {
    // To the front: rebuild with the key first.
    DictObject* rest = DictCopy(d);
    r = rest == nullptr ? -1 : 0;
    if (r == 0) {
      DictClear(d);
      r = DictSetItem(d, key, value);
      if (r == 0) r = DictUpdate(d, rest);
      Decref(rest);
    }
  }
  Decref(key);
  Decref(value);
  return r < 0 ? nullptr : None();
}

Object* OrderedDictPopItem(Object* const* args, size_t nargs,
                           TupleObject* kwnames) {
  Object* last_obj = nullptr;
  if (!BindArgs("popitem", args + 1, nargs - 1, kwnames, {"last"}, 0, 1,
                &last_obj)) {
    return nullptr;
  }
  int last = last_obj ? IsTrue(last_obj) : 1;
  if (last < 0) return nullptr;
  DictObject* d = AsDict(args[0]);
  Object *k = nullptr, *v = nullptr;
  {
    CriticalSection cs(d->mutex);
    if (last) {
      for (int64_t i = d->nentries - 1; i >= 0; --i) {
        if (d->entries[i].key != nullptr) {
          k = NewRef(d->entries[i].key);
          v = NewRef(d->entries[i].value);
          break;
        }
      }
    } else {
      int64_t pos = 0;
      if (DictNext(d, &pos, &k, &v)) {
        Incref(k);
        Incref(v);
      }
    }
  }
  if (k == nullptr) return SetError(&KeyErrorType, "dictionary is empty");
  TupleObject* pair = TupleOf({k, v});
  Decref(k);
  Decref(v);
  if (pair == nullptr) return nullptr;
  if (DictDelItem(d, pair->items[0]) < 0) {
    Decref(pair);
    return nullptr;
  }
  return pair;
}

Object* OrderedDictCopy(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  METHOD_ARGS("copy", 0, 0);
  DictObject* d = NewDictOfType(&OrderedDictType, sizeof(DictObject));
  if (d != nullptr && DictUpdate(d, args[0]) < 0) {
    Decref(d);
    return nullptr;
  }
  return d;
}

const MethodDef kOrderedDictMethods[] = {
    {"move_to_end", OrderedDictMoveToEnd, kNativeMethod | kNativeKeywords},
    {"popitem", OrderedDictPopItem, kNativeMethod | kNativeKeywords},
    {"copy", OrderedDictCopy, kNativeMethod},
    {"__copy__", OrderedDictCopy, kNativeMethod},
    {nullptr, nullptr, 0},
};

// =============================================================================

void InitDictSubtype(Type* t, const char* name, size_t size, NativeFn ctor,
                     const MethodDef* methods) {
  InitStaticType(t, name, size, &DictType);
  InheritDictSlots(t);
  AddMethods(t, methods);
  DictSetStr(t->dict, "__new__",
             NewStaticNativeFunction("__new__", ctor, kNativeKeywords));
}

void InitTypes() {
  InitStaticType(&DequeType, "collections.deque", sizeof(DequeObject),
                 &ObjectType);
  DequeType.flags |= kTypeBaseType;
  DequeType.dealloc = DequeDealloc;
  DequeType.repr = DequeRepr;
  DequeType.compare = DequeCompare;
  DequeType.truth = DequeTruth;
  DequeType.length = DequeLength;
  DequeType.getitem = DequeGetItem;
  DequeType.setitem = DequeSetItem;
  DequeType.contains = DequeContains;
  DequeType.iter = DequeIter;
  DequeType.getattr = DequeGetAttr;
  DequeType.number[static_cast<int>(BinOp::kAdd)] = DequeConcat;
  DequeType.inplace[static_cast<int>(BinOp::kAdd)] = DequeInplaceConcat;
  AddMethods(&DequeType, kDequeMethods);
  DictSetStr(DequeType.dict, "__new__",
             NewStaticNativeFunction("__new__", DequeNew, kNativeKeywords));

  InitStaticType(&DequeIteratorType, "_collections._deque_iterator",
                 sizeof(DequeIterator), &ObjectType);
  DequeIteratorType.dealloc = DequeIterDealloc;
  DequeIteratorType.iter = SelfIter;
  DequeIteratorType.iternext = DequeIterNext;
  DequeIteratorType.getattr = GenericGetAttr;

  InitDictSubtype(&DefaultDictType, "collections.defaultdict",
                  sizeof(DefaultDictObject), DefaultDictNew,
                  kDefaultDictMethods);
  DefaultDictType.dealloc = DefaultDictDealloc;
  DefaultDictType.repr = DefaultDictRepr;
  DefaultDictType.getitem = DefaultDictGetItem;
  DefaultDictType.getattr = DefaultDictGetAttr;
  DefaultDictType.setattr = DefaultDictSetAttr;
  DefaultDictType.number[static_cast<int>(BinOp::kOr)] = DefaultDictOr;

  InitDictSubtype(&CounterType, "Counter", sizeof(DictObject), CounterNew,
                  kCounterMethods);
  CounterType.repr = CounterRepr;
  CounterType.getitem = CounterGetItem;
  CounterType.compare = CounterCompare;
  CounterType.number[static_cast<int>(BinOp::kAdd)] = CounterAdd;
  CounterType.number[static_cast<int>(BinOp::kSub)] = CounterSub;
  CounterType.number[static_cast<int>(BinOp::kOr)] = CounterOr;
  CounterType.number[static_cast<int>(BinOp::kAnd)] = CounterAnd;
  CounterType.inplace[static_cast<int>(BinOp::kOr)] = nullptr;

  InitDictSubtype(&OrderedDictType, "OrderedDict", sizeof(DictObject),
                  OrderedDictNew, kOrderedDictMethods);
  OrderedDictType.repr = OrderedDictRepr;
  OrderedDictType.compare = OrderedDictCompare;
}

// deque and defaultdict are C types named collections.X in CPython;
// Counter and OrderedDict are Python classes named plainly.
ModuleObject* NewCollectionsModule() {
  static std::once_flag once;
  std::call_once(once, InitTypes);
  ModuleObject* m = NewModule("collections");
  if (m == nullptr) return nullptr;
  DictSetStr(m->dict, "deque", NewRef(&DequeType));
  DictSetStr(m->dict, "defaultdict", NewRef(&DefaultDictType));
  DictSetStr(m->dict, "Counter", NewRef(&CounterType));
  DictSetStr(m->dict, "OrderedDict", NewRef(&OrderedDictType));
  // namedtuple is written in Python (interp/lib/_namedtuple.py).
  if (Object* nt = ImportModule("_namedtuple")) {
    Object* fn = GetAttrString(nt, "namedtuple");
    if (fn != nullptr) DictSetStr(m->dict, "namedtuple", fn);
    Decref(nt);
  }
  if (ErrorOccurred()) ClearError();
  return m;
}

struct Register {
  Register() { RegisterNativeModule("collections", NewCollectionsModule); }
} register_collections;

}  // namespace

}  // namespace twinpy
