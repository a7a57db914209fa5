// list.
#include "runtime/list.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "runtime/strcat.h"
#include "alloc/allocator.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/object_lock.h"
#include "runtime/qsbr.h"
#include "runtime/range.h"
#include "runtime/sequence.h"
#include "runtime/slice.h"
#include "runtime/str.h"
#include "runtime/tuple.h"
#include "runtime/variant.h"

namespace twinpy {

Type ListType;
Type ListIteratorType;

namespace {

// Readers take items without the list's lock (ListItemRef). For them an
// item array carries its capacity in the word before items[0], so a reader
// holding a stale (array, size) pair never reads past the array; slots past
// the size are null or hold an item that was in the list; every store a
// reader may see is one atomic store; and what a writer unlinks (items,
// outgrown arrays) is released through QSBR (qsbr.h). Writers still take
// the lock, so reads made under it (by writers) stay plain.
size_t ItemsBytes(int64_t capacity) {
  return sizeof(int64_t) + sizeof(Object*) * static_cast<size_t>(capacity);
}

Object** AllocateItems(int64_t capacity) {
  void* block = alloc::Allocate(ItemsBytes(capacity));
  if (block == nullptr) return nullptr;
  *static_cast<int64_t*>(block) = capacity;
  return reinterpret_cast<Object**>(static_cast<int64_t*>(block) + 1);
}

int64_t ItemsCapacity(Object** items) {
  return reinterpret_cast<int64_t*>(items)[-1];
}

void* ItemsBlock(Object** items) {
  return reinterpret_cast<int64_t*>(items) - 1;
}

// For arrays no reader can reach (the list is dying or never published).
void FreeItems(Object** items, int64_t capacity) {
  if (items != nullptr) alloc::Free(ItemsBlock(items), ItemsBytes(capacity));
}

// For arrays a reader may still be using (`shared`: NoteWriter()).
void RetireItems(Object** items, int64_t capacity, bool shared) {
  if (items != nullptr) {
    QsbrFreeUnlinked(ItemsBlock(items), ItemsBytes(capacity), shared);
  }
}

inline void StoreItem(Object** slot, Object* item) { PublishStore(slot, item); }

inline void StoreSize(ListObject* list, int64_t size) {
  PublishStore(&list->size, size);
}

inline void StoreItems(ListObject* list, Object** items, int64_t capacity) {
  PublishStore(&list->items, items);
  list->capacity = capacity;
}

inline void SwapItems(Object** a, Object** b) {
  Object* t = *a;
  StoreItem(a, *b);
  StoreItem(b, t);
}

// memmove for a published array: a pointer at a time, each one store.
void MoveItems(Object** dst, Object** src, int64_t n) {
  if (n <= 0) return;  // an empty list may have no array at all
  if constexpr (!kObjectLocks) {
    memmove(dst, src, sizeof(Object*) * n);
  } else if (dst < src) {
    for (int64_t i = 0; i < n; ++i) StoreItem(dst + i, src[i]);
  } else {
    for (int64_t i = n; i-- > 0;) StoreItem(dst + i, src[i]);
  }
}

// Grows to hold at least `needed` items with CPython-like over-allocation,
// so appends are amortised O(1).
bool Reserve(ListObject* list, int64_t needed) {
  if (needed <= list->capacity) return true;
  if (needed > (int64_t{1} << 40)) {
    NoMemory();
    return false;
  }
  int64_t capacity = needed + (needed >> 3) + (needed < 9 ? 3 : 6);
  Object** items = AllocateItems(capacity);
  if (items == nullptr) {
    NoMemory();
    return false;
  }
  if (list->size > 0) memcpy(items, list->items, sizeof(Object*) * list->size);
  memset(items + list->size, 0, sizeof(Object*) * (capacity - list->size));
  Object** old = list->items;
  int64_t old_capacity = list->capacity;
  StoreItems(list, items, capacity);
  RetireItems(old, old_capacity, list->reads.NoteWriter());
  return true;
}

void ListDealloc(Object* o) {
  auto* list = static_cast<ListObject*>(o);
  for (int64_t i = 0; i < list->size; ++i) XDecref(list->items[i]);
  FreeItems(list->items, list->capacity);
  FreeObject(o, sizeof(ListObject));
}

}  // namespace

ListObject* NewList(int64_t size) {
  auto* list =
      static_cast<ListObject*>(AllocObject(&ListType, sizeof(ListObject)));
  if (list == nullptr) return nullptr;
  list->size = 0;
  list->capacity = 0;
  list->items = nullptr;
  new (&list->mutex) ObjectMutex();
  new (&list->reads) LockFreeReads();
  if (size > 0) {
    list->items = AllocateItems(size);
    if (list->items == nullptr) {
      Decref(list);
      return NoMemory();
    }
    list->capacity = size;
    for (int64_t i = 0; i < size; ++i) list->items[i] = nullptr;
    list->size = size;
  }
  return list;
}

Object* ListItemRef(ListObject* list, int64_t i) {
  if constexpr (kObjectLocks) {
    // Without the lock (see AllocateItems): the array first, then a size
    // at least as new, so an item counted in the size is in the array read
    // or in a newer one; a reader that sees anything odd takes the lock.
    list->reads.NoteReader(list->mutex);
    Object** items = __atomic_load_n(&list->items, __ATOMIC_ACQUIRE);
    int64_t size = __atomic_load_n(&list->size, __ATOMIC_ACQUIRE);
    int64_t k = i < 0 ? i + size : i;
    if (items != nullptr && k >= 0 && k < size && k < ItemsCapacity(items)) {
      Object* item = __atomic_load_n(&items[k], __ATOMIC_ACQUIRE);
      if (item != nullptr) return NewRef(item);
    }
  }
  CriticalSection cs(list->mutex);
  if (i < 0) i += list->size;
  if (i < 0 || i >= list->size) return nullptr;
  return NewRef(list->items[i]);
}

bool ListSwapItems(ListObject* list, int64_t i, int64_t j) {
  CriticalSection cs(list->mutex);
  if (i < 0 || j < 0 || i >= list->size || j >= list->size) return false;
  SwapItems(&list->items[i], &list->items[j]);
  return true;
}

std::vector<Object*> ListSnapshot(ListObject* list) {
  CriticalSection cs(list->mutex);
  std::vector<Object*> items(list->items, list->items + list->size);
  for (Object* o : items) Incref(o);
  return items;
}

int64_t ListSize(ListObject* list) {
  CriticalSection cs(list->mutex);
  return list->size;
}

namespace {
void DecrefAll(const std::vector<Object*>& items) {
  for (Object* o : items) Decref(o);
}
// For the list's references to items it no longer holds: a reader may have
// just taken one without the lock.
void ReleaseUnlinked(const std::vector<Object*>& items, bool shared) {
  for (Object* o : items) QsbrDecrefUnlinked(o, shared);
}
}  // namespace

int ListAppendSteal(ListObject* list, Object* item) {
  CriticalSection cs(list->mutex);
  if (list->size == list->capacity && !Reserve(list, list->size + 1)) {
    cs.Release();
    Decref(item);
    return -1;
  }
  StoreItem(&list->items[list->size], item);
  StoreSize(list, list->size + 1);
  return 0;
}

int ListAppend(ListObject* list, Object* item) {
  return ListAppendSteal(list, NewRef(item));
}

int ListExtend(ListObject* list, Object* iterable) {
  if (IsList(iterable) || IsTuple(iterable)) {
    // Copy first (new references): `a.extend(a)` reads the source while
    // growing it, and another thread may change a list source meanwhile.
    std::vector<Object*> items;
    if (IsList(iterable)) {
      items = ListSnapshot(static_cast<ListObject*>(iterable));
    } else {
      auto* t = static_cast<TupleObject*>(iterable);
      items.assign(t->items, t->items + t->size);
      for (Object* o : items) Incref(o);
    }
    CriticalSection cs(list->mutex);
    if (!Reserve(list, list->size + static_cast<int64_t>(items.size()))) {
      cs.Release();
      DecrefAll(items);
      return -1;
    }
    int64_t size = list->size;
    for (Object* item : items) StoreItem(&list->items[size++], item);
    StoreSize(list, size);
    return 0;
  }
  if (iterable->type == &RangeType) {
    // Sized up front, as CPython does from the length hint: a range too
    // long for memory fails at once instead of after hours of filling
    // (found by tools/fuzz exec).
    int64_t n;
    if (!IntToInt64(static_cast<RangeObject*>(iterable)->length, &n)) {
      SetError(&OverflowErrorType, "Python int too large to convert to C ssize_t");
      return -1;
    }
    CriticalSection cs(list->mutex);
    int64_t needed = n > INT64_MAX - list->size ? INT64_MAX : list->size + n;
    if (!Reserve(list, needed)) return -1;
  }
  Object* it = GetIter(iterable);
  if (it == nullptr) return -1;
  while (Object* item = IterNext(it)) {
    if (ListAppendSteal(list, item) < 0) {
      Decref(it);
      return -1;
    }
  }
  Decref(it);
  return ErrorOccurred() ? -1 : 0;
}

ListObject* ListFromIterable(Object* iterable) {
  ListObject* list = NewList(0);
  if (list == nullptr) return nullptr;
  if (ListExtend(list, iterable) < 0) {
    Decref(list);
    return nullptr;
  }
  return list;
}

int ListSort(ListObject* list, Object* key, bool reverse) {
  // Sort a snapshot of (key, value) pairs; the list reads as empty while it
  // is sorted, so a comparison that mutates it cannot corrupt memory.
  int64_t n;
  Object** items;
  int64_t capacity;
  {
    CriticalSection cs(list->mutex);
    n = list->size;
    items = list->items;
    capacity = list->capacity;
    StoreItems(list, nullptr, 0);
    StoreSize(list, 0);
  }
  std::vector<Object*> keys(items, items + n);
  bool failed = false;
  if (key != nullptr && key != None()) {
    for (int64_t i = 0; i < n; ++i) {
      keys[i] = Call(key, &items[i], 1);
      if (keys[i] == nullptr) {
        for (int64_t j = 0; j < i; ++j) Decref(keys[j]);
        keys.resize(0);
        failed = true;
        break;
      }
    }
  } else {
    key = nullptr;
  }
  if (!failed) {
    // A stable descending sort that keeps equal items in their original
    // order: reverse, sort ascending, reverse back (as CPython does).
    {
      std::vector<int64_t> idx(n);
      for (int64_t i = 0; i < n; ++i) idx[i] = reverse ? n - 1 - i : i;
      std::stable_sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) {
        if (failed) return false;
        int lt = RichCompareBool(keys[a], keys[b], CompareOp::kLt);
        if (lt < 0) {
          failed = true;
          return false;
        }
        return lt > 0;
      });
      if (reverse) std::reverse(idx.begin(), idx.end());
      if (!failed) {
        std::vector<Object*> sorted(n);
        for (int64_t i = 0; i < n; ++i) sorted[i] = items[idx[i]];
        // Readers that took the array before it was detached may still
        // be reading it.
        MoveItems(items, sorted.data(), n);
      }
    }
    if (key != nullptr) {
      for (Object* k : keys) Decref(k);
    }
  }
  // Restore, keeping anything appended meanwhile out (it is dropped, as
  // CPython raises "list modified during sort").
  Object** added;
  int64_t added_size, added_capacity;
  bool shared;
  {
    CriticalSection cs(list->mutex);
    shared = list->reads.NoteWriter();
    added = list->items;
    added_size = list->size;
    added_capacity = list->capacity;
    StoreItems(list, items, capacity);
    StoreSize(list, n);
  }
  bool modified = added != nullptr;
  if (modified) {
    for (int64_t i = 0; i < added_size; ++i) QsbrDecrefUnlinked(added[i], shared);
    RetireItems(added, added_capacity, shared);
  }
  if (modified && !failed) {
    SetError(&ValueErrorType, "list modified during sort");
    return -1;
  }
  return failed ? -1 : 0;
}

namespace {

Object* ListRepr(Object* o) {
  std::vector<Object*> items = ListSnapshot(static_cast<ListObject*>(o));
  Object* r = SequenceRepr(o, items.data(), static_cast<int64_t>(items.size()),
                           "[", "]", "[...]", false);
  DecrefAll(items);
  return r;
}

int64_t ListLength(Object* o) { return ListSize(static_cast<ListObject*>(o)); }

Object* ListCompare(Object* a, Object* b, CompareOp op) {
  if (!IsList(a) || !IsList(b)) return NotImplemented();
  std::vector<Object*> x = ListSnapshot(static_cast<ListObject*>(a));
  std::vector<Object*> y = ListSnapshot(static_cast<ListObject*>(b));
  Object* r = SequenceCompare(x.data(), static_cast<int64_t>(x.size()), y.data(),
                              static_cast<int64_t>(y.size()), op);
  DecrefAll(x);
  DecrefAll(y);
  return r;
}

Object* ListGetItem(Object* o, Object* key) {
  auto* l = static_cast<ListObject*>(o);
  if (IsInt(key)) {
    int64_t i;
    if (!IntAsSsize(key, &i)) return nullptr;
    Object* item = ListItemRef(l, i);
    if (item == nullptr) return SetError(&IndexErrorType, "list index out of range");
    return item;
  }
  if (IsSlice(key)) {
    std::vector<Object*> items = ListSnapshot(l);
    int64_t start, stop, step;
    int64_t n = SliceIndices(static_cast<SliceObject*>(key),
                             static_cast<int64_t>(items.size()), &start, &stop, &step);
    ListObject* r = n < 0 ? nullptr : NewList(n);
    if (r != nullptr) {
      for (int64_t k = 0; k < n; ++k) r->items[k] = NewRef(items[start + k * step]);
    }
    DecrefAll(items);
    return r;
  }
  return SetError(&TypeErrorType,
                  StrCat("list indices must be integers or slices, not ",
                               TypeName(key)));
}

// Slice assignment and deletion (value nullptr).
int ListSetSlice(ListObject* l, SliceObject* slice, Object* value) {
  std::vector<Object*> repl;
  if (value != nullptr) {
    ListObject* items = ListFromIterable(value);
    if (items == nullptr) {
      if (ErrorMatches(&TypeErrorType)) {
        ClearError();
        int64_t step = 1;
        if (slice->step != None() && IsInt(slice->step)) IntToInt64(slice->step, &step);
        SetError(&TypeErrorType, step == 1 ? "can only assign an iterable"
                                           : "must assign iterable to extended slice");
      }
      return -1;
    }
    for (int64_t i = 0; i < items->size; ++i) repl.push_back(NewRef(items->items[i]));
    Decref(items);
  }
  std::vector<Object*> removed;
  CriticalSection cs(l->mutex);
  bool shared = l->reads.NoteWriter();
  int64_t start, stop, step;
  int64_t n = SliceIndices(slice, l->size, &start, &stop, &step);
  if (n < 0) {
    cs.Release();
    DecrefAll(repl);
    return -1;
  }
  if (step == 1) {
    if (stop < start) stop = start;
    int64_t m = static_cast<int64_t>(repl.size());
    int64_t new_size = l->size - (stop - start) + m;
    if (!Reserve(l, new_size)) {
      cs.Release();
      DecrefAll(repl);
      return -1;
    }
    removed.assign(l->items + start, l->items + stop);
    MoveItems(l->items + start + m, l->items + stop, l->size - stop);
    for (int64_t i = 0; i < m; ++i) StoreItem(&l->items[start + i], repl[i]);
    StoreSize(l, new_size);
  } else if (value == nullptr) {
    // Extended-slice deletion: compact the survivors.
    std::vector<bool> drop(l->size, false);
    for (int64_t k = 0; k < n; ++k) drop[start + k * step] = true;
    int64_t w = 0;
    for (int64_t i = 0; i < l->size; ++i) {
      if (drop[i]) {
        removed.push_back(l->items[i]);
      } else {
        StoreItem(&l->items[w++], l->items[i]);
      }
    }
    StoreSize(l, w);
  } else {
    if (static_cast<int64_t>(repl.size()) != n) {
      cs.Release();
      SetError(&ValueErrorType,
               StrCat("attempt to assign sequence of size ", repl.size(),
                            " to extended slice of size ", n));
      DecrefAll(repl);
      return -1;
    }
    for (int64_t k = 0; k < n; ++k) {
      removed.push_back(l->items[start + k * step]);
      StoreItem(&l->items[start + k * step], repl[k]);
    }
  }
  cs.Release();
  ReleaseUnlinked(removed, shared);
  return 0;
}

int ListSetItem(Object* o, Object* key, Object* value) {
  auto* l = static_cast<ListObject*>(o);
  if (IsInt(key)) {
    int64_t i;
    if (!IntAsSsize(key, &i)) return -1;
    Object* old;
    bool shared;
    {
      CriticalSection cs(l->mutex);
      shared = l->reads.NoteWriter();
      if (!NormalizeIndex(&i, l->size)) {
        cs.Release();
        SetError(&IndexErrorType, "list assignment index out of range");
        return -1;
      }
      old = l->items[i];
      if (value == nullptr) {
        MoveItems(l->items + i, l->items + i + 1, l->size - i - 1);
        StoreSize(l, l->size - 1);
      } else {
        StoreItem(&l->items[i], NewRef(value));
      }
    }
    QsbrDecrefUnlinked(old, shared);  // outside the lock: it may run anything
    return 0;
  }
  if (IsSlice(key)) {
    return ListSetSlice(l, static_cast<SliceObject*>(key), value);
  }
  SetError(&TypeErrorType,
           StrCat("list indices must be integers or slices, not ",
                        TypeName(key)));
  return -1;
}

// Comparisons run user code, so they happen outside the lock, one item
// (held by a new reference) at a time.
int ListContains(Object* o, Object* v) {
  auto* l = static_cast<ListObject*>(o);
  for (int64_t i = 0;; ++i) {
    Object* item = ListItemRef(l, i);
    if (item == nullptr) return 0;
    int eq = EqualBool(item, v);
    Decref(item);
    if (eq != 0) return eq;
  }
}

int ListTruth(Object* o) { return ListSize(static_cast<ListObject*>(o)) != 0; }

Object* ListConcat(Object* a, Object* b) {
  if (!IsList(a) || !IsList(b)) {
    if (IsList(a)) {
      return SetError(&TypeErrorType,
                      StrCat("can only concatenate list (not \"",
                                   TypeName(b), "\") to list"));
    }
    return NotImplemented();
  }
  std::vector<Object*> x = ListSnapshot(static_cast<ListObject*>(a));
  std::vector<Object*> y = ListSnapshot(static_cast<ListObject*>(b));
  ListObject* r = NewList(static_cast<int64_t>(x.size() + y.size()));
  if (r == nullptr) {
    DecrefAll(x);
    DecrefAll(y);
    return nullptr;
  }
  for (size_t i = 0; i < x.size(); ++i) r->items[i] = x[i];
  for (size_t i = 0; i < y.size(); ++i) r->items[x.size() + i] = y[i];
  return r;
}

Object* ListRepeat(Object* a, Object* b) {
  Object* seq = IsList(a) ? a : b;
  Object* count = IsList(a) ? b : a;
  if (!IsList(seq) || !IsInt(count)) return NotImplemented();
  int64_t n;
  if (!IntToInt64(count, &n)) {
    return SetError(&OverflowErrorType, "cannot fit 'int' into an index-sized integer");
  }
  std::vector<Object*> items = ListSnapshot(static_cast<ListObject*>(seq));
  auto size = static_cast<int64_t>(items.size());
  ListObject* r = nullptr;
  if (n <= 0 || size == 0) {
    r = NewList(0);
  } else if (size > (int64_t{1} << 36) / n) {
    NoMemory();
  } else if ((r = NewList(size * n)) != nullptr) {
    for (int64_t k = 0; k < n; ++k) {
      for (int64_t i = 0; i < size; ++i) r->items[k * size + i] = NewRef(items[i]);
    }
  }
  DecrefAll(items);
  return r;
}

Object* ListInplaceConcat(Object* a, Object* b) {
  if (ListExtend(static_cast<ListObject*>(a), b) < 0) return nullptr;
  return NewRef(a);
}

Object* ListInplaceRepeat(Object* a, Object* b) {
  if (!IsInt(b)) return NotImplemented();
  auto* l = static_cast<ListObject*>(a);
  int64_t n;
  if (!IntToInt64(b, &n)) {
    return SetError(&OverflowErrorType, "cannot fit 'int' into an index-sized integer");
  }
  CriticalSection cs(l->mutex);
  if (n <= 0) {
    std::vector<Object*> old(l->items, l->items + l->size);
    StoreSize(l, 0);
    bool shared = l->reads.NoteWriter();
    cs.Release();
    ReleaseUnlinked(old, shared);
    return NewRef(a);
  }
  int64_t size = l->size;
  if (size > 0 && size > (int64_t{1} << 36) / n) {
    cs.Release();
    return NoMemory();
  }
  if (!Reserve(l, size * n)) return nullptr;
  for (int64_t k = 1; k < n; ++k) {
    for (int64_t i = 0; i < size; ++i) StoreItem(&l->items[k * size + i], NewRef(l->items[i]));
  }
  StoreSize(l, size * n);
  return NewRef(a);
}

struct ListIterator : Object {
  ListObject* list;  // nullptr once exhausted
  int64_t index;
};

Object* ListIter(Object* o) {
  auto* it = static_cast<ListIterator*>(
      AllocObject(&ListIteratorType, sizeof(ListIterator)));
  if (it == nullptr) return nullptr;
  it->list = static_cast<ListObject*>(NewRef(o));
  it->index = 0;
  return it;
}

// The index once the iterator has run out: past any list, so later claims
// fail too even if the list grows meanwhile.
constexpr int64_t kListIterExhausted = int64_t{1} << 62;

Object* ListIterClaim(Object* o, bool exclusive) {
  // Threads sharing the iterator (free-threaded build) each claim a
  // distinct index.
  auto* it = static_cast<ListIterator*>(o);
  ListObject* l = it->list;
  int64_t i = SharedLoad(&it->index);
  if (l == nullptr || i >= kListIterExhausted) return nullptr;
  if (exclusive) {
    SharedStore(&it->index, i + 1);
  } else {
    i = SharedFetchAdd(&it->index, 1);
  }
  if (Object* item = ListItemRef(l, i)) return item;
  // CPython lets go of the list at the end. With object locks another
  // thread may have read it->list and be inside ListItemRef, so dropping it
  // here could free it under that reader: the list stays until the
  // iterator dies. Without them nobody else is in here.
  if (kObjectLocks) {
    SharedStore(&it->index, kListIterExhausted);
  } else {
    it->list = nullptr;
    Decref(l);
  }
  return nullptr;
}

Object* ListIterNext(Object* o) { return ListIterClaim(o, false); }

}  // namespace

Object* ListIterNextExclusive(Object* o) { return ListIterClaim(o, true); }

namespace {

void ListIterDealloc(Object* o) {
  XDecref(static_cast<ListIterator*>(o)->list);
  FreeObject(o, sizeof(ListIterator));
}

Object* SelfIter(Object* o) { return NewRef(o); }

// --- methods -------------------------------------------------------------

ListObject* Self(Object* const* args) {
  return static_cast<ListObject*>(args[0]);
}

#define LIST_METHOD_ARGS(name, min, max)            \
  if (!CheckNoKeywords(name, kwnames) ||            \
      !CheckArgCount(name, nargs - 1, min, max)) {  \
    return nullptr;                                 \
  }

Object* ListAppendMethod(Object* const* args, size_t nargs,
                         TupleObject* kwnames) {
  LIST_METHOD_ARGS("append", 1, 1);
  if (ListAppend(Self(args), args[1]) < 0) return nullptr;
  return None();
}

Object* ListExtendMethod(Object* const* args, size_t nargs,
                         TupleObject* kwnames) {
  LIST_METHOD_ARGS("extend", 1, 1);
  if (ListExtend(Self(args), args[1]) < 0) return nullptr;
  return None();
}

Object* ListInsert(Object* const* args, size_t nargs, TupleObject* kwnames) {
  LIST_METHOD_ARGS("insert", 2, 2);
  ListObject* l = Self(args);
  int64_t i;
  if (!AsIndex(args[1], &i, "index")) return nullptr;
  CriticalSection cs(l->mutex);
  if (i < 0) i = std::max<int64_t>(0, i + l->size);
  if (i > l->size) i = l->size;
  if (!Reserve(l, l->size + 1)) return nullptr;
  MoveItems(l->items + i + 1, l->items + i, l->size - i);
  StoreItem(&l->items[i], NewRef(args[2]));
  StoreSize(l, l->size + 1);
  return None();
}

Object* ListPop(Object* const* args, size_t nargs, TupleObject* kwnames) {
  LIST_METHOD_ARGS("pop", 0, 1);
  ListObject* l = Self(args);
  int64_t i = -1;
  if (nargs > 1 && !AsIndex(args[1], &i, "index")) return nullptr;
  CriticalSection cs(l->mutex);
  if (l->size == 0) {
    cs.Release();
    return SetError(&IndexErrorType, "pop from empty list");
  }
  if (!NormalizeIndex(&i, l->size)) {
    cs.Release();
    return SetError(&IndexErrorType, "pop index out of range");
  }
  Object* v = l->items[i];
  MoveItems(l->items + i, l->items + i + 1, l->size - i - 1);
  StoreSize(l, l->size - 1);
  if (l->reads.NoteWriter() && QsbrDefersUnlinked()) {
    // The caller gets a reference of its own: the list's may be in use by a
    // reader that took it without the lock.
    cs.Release();
    Incref(v);
    QsbrDecrefUnlinked(v, true);
  }
  return v;
}

Object* ListRemove(Object* const* args, size_t nargs, TupleObject* kwnames) {
  LIST_METHOD_ARGS("remove", 1, 1);
  ListObject* l = Self(args);
  for (int64_t i = 0;; ++i) {
    Object* item = ListItemRef(l, i);
    if (item == nullptr) break;
    int eq = EqualBool(item, args[1]);
    if (eq < 0) {
      Decref(item);
      return nullptr;
    }
    if (eq) {
      // Remove it if it is still at i (another thread may have moved it).
      bool removed = false;
      bool shared = false;
      {
        CriticalSection cs(l->mutex);
        shared = l->reads.NoteWriter();
        if (i < l->size && l->items[i] == item) {
          MoveItems(l->items + i, l->items + i + 1, l->size - i - 1);
          StoreSize(l, l->size - 1);
          removed = true;
        }
      }
      if (removed) QsbrDecrefUnlinked(item, shared);  // the list's reference
      Decref(item);
      if (removed) return None();
      i = -1;  // changed under us: search again
      continue;
    }
    Decref(item);
  }
  return SetError(&ValueErrorType, "list.remove(x): x not in list");
}

Object* ListIndex(Object* const* args, size_t nargs, TupleObject* kwnames) {
  LIST_METHOD_ARGS("index", 1, 3);
  ListObject* l = Self(args);
  std::vector<Object*> snapshot = ListSnapshot(l);
  int64_t start = 0, stop = static_cast<int64_t>(snapshot.size());
  if ((nargs > 2 && !AsIndex(args[2], &start, "start")) ||
      (nargs > 3 && !AsIndex(args[3], &stop, "stop"))) {
    DecrefAll(snapshot);
    return nullptr;
  }
  int64_t i = SequenceIndex(snapshot.data(), static_cast<int64_t>(snapshot.size()),
                            args[1], start, stop);
  for (Object* o : snapshot) Decref(o);
  if (i == -1) {
    std::string r;
    if (!ReprString(args[1], &r)) return nullptr;
    return SetError(&ValueErrorType, StrCat(r, " is not in list"));
  }
  return i < 0 ? nullptr : NewInt(i);
}

Object* ListCount(Object* const* args, size_t nargs, TupleObject* kwnames) {
  LIST_METHOD_ARGS("count", 1, 1);
  ListObject* l = Self(args);
  std::vector<Object*> snapshot = ListSnapshot(l);
  int64_t n = SequenceCount(snapshot.data(),
                            static_cast<int64_t>(snapshot.size()), args[1]);
  for (Object* o : snapshot) Decref(o);
  return n < 0 ? nullptr : NewInt(n);
}

Object* ListReverse(Object* const* args, size_t nargs, TupleObject* kwnames) {
  LIST_METHOD_ARGS("reverse", 0, 0);
  ListObject* l = Self(args);
  CriticalSection cs(l->mutex);
  for (int64_t i = 0, j = l->size - 1; i < j; ++i, --j) {
    SwapItems(&l->items[i], &l->items[j]);
  }
  return None();
}

Object* ListClear(Object* const* args, size_t nargs, TupleObject* kwnames) {
  LIST_METHOD_ARGS("clear", 0, 0);
  ListObject* l = Self(args);
  std::vector<Object*> old;
  bool shared;
  {
    CriticalSection cs(l->mutex);
    old.assign(l->items, l->items + l->size);
    StoreSize(l, 0);
    shared = l->reads.NoteWriter();
  }
  ReleaseUnlinked(old, shared);
  return None();
}

Object* ListCopy(Object* const* args, size_t nargs, TupleObject* kwnames) {
  LIST_METHOD_ARGS("copy", 0, 0);
  std::vector<Object*> items = ListSnapshot(Self(args));
  ListObject* r = NewList(static_cast<int64_t>(items.size()));
  if (r == nullptr) {
    DecrefAll(items);
    return nullptr;
  }
  for (size_t i = 0; i < items.size(); ++i) r->items[i] = items[i];
  return r;
}

Object* ListSortMethod(Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  if (nargs > 1) {
    return SetError(&TypeErrorType,
                    "sort() takes no positional arguments");
  }
  Object* key = nullptr;
  bool reverse = false;
  size_t nkw = kwnames == nullptr ? 0 : kwnames->size;
  for (size_t i = 0; i < nkw; ++i) {
    std::string_view k = StrView(kwnames->items[i]);
    if (k == "key") {
      key = args[nargs + i];
    } else if (k == "reverse") {
      int t = IsTrue(args[nargs + i]);
      if (t < 0) return nullptr;
      reverse = t;
    } else {
      return SetError(&TypeErrorType,
                      StrCat("'", k,
                                   "' is an invalid keyword argument for sort()"));
    }
  }
  if (ListSort(Self(args), key, reverse) < 0) return nullptr;
  return None();
}

Object* ListNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("list", kwnames)) return nullptr;
  if (nargs > 2) {
    return SetError(&TypeErrorType,
                    StrCat("list expected at most 1 argument, got ",
                                 nargs - 1));
  }
  if (nargs == 1) return NewList(0);
  return ListFromIterable(args[1]);
}

const MethodDef kListMethods[] = {
    {"append", ListAppendMethod, kNativeMethod},
    {"extend", ListExtendMethod, kNativeMethod},
    {"insert", ListInsert, kNativeMethod},
    {"pop", ListPop, kNativeMethod},
    {"remove", ListRemove, kNativeMethod},
    {"index", ListIndex, kNativeMethod},
    {"count", ListCount, kNativeMethod},
    {"reverse", ListReverse, kNativeMethod},
    {"clear", ListClear, kNativeMethod},
    {"copy", ListCopy, kNativeMethod},
    {"sort", ListSortMethod, kNativeMethod | kNativeKeywords},
    {nullptr, nullptr, 0},
};

}  // namespace

void InitListType() {
  InitStaticType(&ListType, "list", sizeof(ListObject), &ObjectType);
  ListType.flags |= kTypeListSubclass | kTypeBaseType;
  ListType.dealloc = ListDealloc;
  ListType.repr = ListRepr;
  ListType.compare = ListCompare;
  ListType.truth = ListTruth;
  ListType.length = ListLength;
  ListType.getitem = ListGetItem;
  ListType.setitem = ListSetItem;
  ListType.contains = ListContains;
  ListType.iter = ListIter;
  ListType.getattr = GenericGetAttr;
  ListType.number[static_cast<int>(BinOp::kAdd)] = ListConcat;
  ListType.number[static_cast<int>(BinOp::kMul)] = ListRepeat;
  ListType.inplace[static_cast<int>(BinOp::kAdd)] = ListInplaceConcat;
  ListType.inplace[static_cast<int>(BinOp::kMul)] = ListInplaceRepeat;

  InitStaticType(&ListIteratorType, "list_iterator", sizeof(ListIterator),
                 &ObjectType);
  ListIteratorType.dealloc = ListIterDealloc;
  ListIteratorType.iter = SelfIter;
  ListIteratorType.iternext = ListIterNext;
  ListIteratorType.getattr = GenericGetAttr;

  AddMethods(&ListType, kListMethods);
  DictSetStr(ListType.dict, "__new__", NewStaticNativeFunction("__new__", ListNew, 0));
}

}  // namespace twinpy
