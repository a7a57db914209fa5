// dict: a dense, insertion-ordered entry array indexed by an open-addressing
// table of entry numbers.
#include "runtime/dict.h"

#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "runtime/strcat.h"
#include "alloc/allocator.h"
#include "runtime/abstract.h"
#include "runtime/errors.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/qsbr.h"
#include "runtime/sequence.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

namespace twinpy {

Type DictType;
Type DictKeysType;
Type DictValuesType;
Type DictItemsType;
Type DictIteratorType;

namespace {

// Called with the dict's lock held, so a plain increment published with a
// release store is enough: no read-modify-write on the hot store path.
inline void BumpVersion(DictObject* d) {
  d->version.store(d->version.load(std::memory_order_relaxed) + 1,
                   std::memory_order_release);
}

constexpr int64_t kEmpty = -1;
constexpr int64_t kDeleted = -2;
constexpr int64_t kMinTable = 8;

int64_t CapacityFor(int64_t table) { return table * 2 / 3; }

// Readers look keys up without the dict's lock (DictGetStrRef,
// DictGetItemRef). For them the index table starts with this header, so the
// mask and entry array a reader uses always belong to the indices it loaded
// (a resize publishes all three with the one store of d->indices); every
// field a reader loads is written with one atomic store, an entry's value
// before its key and the key before the index naming it; entries are never
// reused for another key until cleared to null; and what a writer unlinks
// (keys, values, outgrown tables) is released through QSBR (qsbr.h).
// Writers keep the lock, so their own reads stay plain.
struct TableHeader {
  int64_t mask;
  int64_t capacity;
  DictEntry* entries;
  int64_t unused;  // keeps indices[0] 16-byte aligned
};

size_t IndicesBytes(int64_t mask) {
  return sizeof(TableHeader) + sizeof(int64_t) * static_cast<size_t>(mask + 1);
}

TableHeader* HeaderOf(int64_t* indices) {
  return reinterpret_cast<TableHeader*>(indices) - 1;
}

// For tables no reader can reach (the dict is dying).
void FreeTables(DictObject* d) {
  if (d->indices != nullptr) alloc::Free(HeaderOf(d->indices), IndicesBytes(d->mask));
  if (d->entries != nullptr) {
    alloc::Free(d->entries, sizeof(DictEntry) * d->capacity);
  }
}

// For tables a reader may still be using (`shared`: NoteWriter()).
void RetireTables(int64_t* indices, int64_t mask, DictEntry* entries,
                  int64_t capacity, bool shared) {
  if (indices != nullptr) {
    QsbrFreeUnlinked(HeaderOf(indices), IndicesBytes(mask), shared);
  }
  if (entries != nullptr) {
    QsbrFreeUnlinked(entries, sizeof(DictEntry) * capacity, shared);
  }
}

// Rebuilds the table with room for at least `min_used` entries, dropping
// deleted ones (their order is kept).
bool Resize(DictObject* d, int64_t min_used) {
  int64_t table = kMinTable;
  while (CapacityFor(table) < min_used) table <<= 1;
  int64_t capacity = CapacityFor(table);
  auto* header = static_cast<TableHeader*>(alloc::Allocate(IndicesBytes(table - 1)));
  auto* entries =
      static_cast<DictEntry*>(alloc::Allocate(sizeof(DictEntry) * capacity));
  if (header == nullptr || entries == nullptr) {
    if (header) alloc::Free(header, IndicesBytes(table - 1));
    if (entries) alloc::Free(entries, sizeof(DictEntry) * capacity);
    NoMemory();
    return false;
  }
  header->mask = table - 1;
  header->capacity = capacity;
  header->entries = entries;
  header->unused = 0;
  auto* indices = reinterpret_cast<int64_t*>(header + 1);
  for (int64_t i = 0; i < table; ++i) indices[i] = kEmpty;
  int64_t n = 0;
  uint64_t mask = static_cast<uint64_t>(table - 1);
  for (int64_t k = 0; k < d->nentries; ++k) {
    DictEntry& e = d->entries[k];
    if (e.key == nullptr) continue;
    entries[n] = e;
    auto h = static_cast<uint64_t>(e.hash);
    uint64_t i = h & mask, perturb = h;
    while (indices[i] != kEmpty) {
      perturb >>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    indices[i] = n++;
  }
  int64_t* old_indices = d->indices;
  DictEntry* old_entries = d->entries;
  int64_t old_mask = d->mask, old_capacity = d->capacity;
  d->entries = entries;
  d->mask = table - 1;
  d->capacity = capacity;
  d->nentries = n;
  PublishStore(&d->indices, indices);
  // Only once unlinked: a retired block's release waits for the quiescent
  // points after its retirement, which must come after the new table is
  // published, or a reader could still find the old one past them.
  RetireTables(old_indices, old_mask, old_entries, old_capacity,
               d->reads.NoteWriter());
  return true;
}

// Keys whose comparison runs no Python code, so it may happen under the
// dict's lock.
bool PureKey(Object* k) {
  return IsStr(k) || k->type == &IntType || k->type == &FloatType ||
         k->type == &BoolType;
}

// Finds `key`: returns the entry number or -1 when absent (setting *slot to
// the index-table position where it would go), or -2 on error. Called with
// the dict's lock held through `cs`; a comparison that may run Python code
// drops the lock and the search restarts if the dict changed meanwhile.
int64_t Lookup(DictObject* d, Object* key, int64_t hash, uint64_t* slot,
               CriticalSection* cs) {
restart:
  uint64_t mask = static_cast<uint64_t>(d->mask);
  auto h = static_cast<uint64_t>(hash);
  uint64_t i = h & mask, perturb = h;
  int64_t free_slot = -1;
  while (true) {
    int64_t ix = d->indices[i];
    if (ix == kEmpty) {
      *slot = free_slot >= 0 ? static_cast<uint64_t>(free_slot) : i;
      return -1;
    }
    if (ix == kDeleted) {
      if (free_slot < 0) free_slot = static_cast<int64_t>(i);
    } else {
      DictEntry& e = d->entries[ix];
      if (e.key == key) {
        *slot = i;
        return ix;
      }
      if (e.hash == hash) {
        Object* candidate = e.key;
        // Fast path for strings: byte comparison cannot run user code.
        if (IsStr(candidate) && IsStr(key)) {
          if (StrEqual(static_cast<StrObject*>(candidate),
                       static_cast<StrObject*>(key))) {
            *slot = i;
            return ix;
          }
        } else if (PureKey(candidate) && PureKey(key)) {
          int eq = RichCompareBool(candidate, key, CompareOp::kEq);
          if (eq < 0) return -2;
          if (eq) {
            *slot = i;
            return ix;
          }
        } else {
          uint64_t version = d->version.load(std::memory_order_relaxed);
          Incref(candidate);
          cs->Release();
          int eq = RichCompareBool(candidate, key, CompareOp::kEq);
          Decref(candidate);
          cs->Relock();
          if (eq < 0) return -2;
          // __eq__ may have changed the dict: start again.
          if (d->version.load(std::memory_order_relaxed) != version) goto restart;
          if (eq) {
            *slot = i;
            return ix;
          }
        }
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

// Equality of two keys with equal hashes that runs no code and reads only
// what never changes (exact strs and ints): 1 or 0, or -1 when only the
// locked lookup can tell (other types, where __eq__ may run).
int PureKeysEqual(Object* a, Object* b) {
  bool a_str = a->type == &StrType, b_str = b->type == &StrType;
  bool a_int = a->type == &IntType, b_int = b->type == &IntType;
  if (a_str && b_str) {
    return StrEqual(static_cast<StrObject*>(a), static_cast<StrObject*>(b));
  }
  if (a_int && b_int) return IntCompare(a, b) == 0;
  if ((a_str && b_int) || (a_int && b_str)) return 0;
  return -1;
}

// The lookup without the lock (see TableHeader), for the free-threaded
// build: true when it found `key` (*value borrowed, valid until the
// reader's next quiescent point) or an empty slot
// ending the search (*value nullptr); false when it met an entry it cannot
// judge without the lock: an equal hash under a key whose comparison may
// run code, or an entry being changed. Keys, like values, are released
// through QSBR once unlinked, so comparing one that is being deleted reads
// live memory.
bool LockFreeLookup(DictObject* d, Object* key, int64_t hash, Object** value) {
  d->reads.NoteReader(d->mutex);
  int64_t* indices = __atomic_load_n(&d->indices, __ATOMIC_ACQUIRE);
  const TableHeader* t = HeaderOf(indices);
  auto mask = static_cast<uint64_t>(t->mask);
  auto h = static_cast<uint64_t>(hash);
  uint64_t i = h & mask, perturb = h;
  for (uint64_t probes = 0; probes <= mask; ++probes) {
    int64_t ix = __atomic_load_n(&indices[i], __ATOMIC_ACQUIRE);
    if (ix == kEmpty) {
      *value = nullptr;
      return true;
    }
    if (ix >= 0) {
      if (ix >= t->capacity) return false;
      DictEntry* e = &t->entries[ix];
      Object* k = __atomic_load_n(&e->key, __ATOMIC_ACQUIRE);
      bool found = k == key;
      if (!found && k != nullptr &&
          __atomic_load_n(&e->hash, __ATOMIC_RELAXED) == hash) {
        int eq = PureKeysEqual(k, key);
        if (eq < 0) return false;
        found = eq == 1;
      }
      if (found) {
        Object* v = __atomic_load_n(&e->value, __ATOMIC_ACQUIRE);
        if (v == nullptr) return false;
        *value = v;
        return true;
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
  return false;
}

void DictDealloc(Object* o) {
  auto* d = static_cast<DictObject*>(o);
  for (int64_t k = 0; k < d->nentries; ++k) {
    if (d->entries[k].key != nullptr) {
      Decref(d->entries[k].key);
      Decref(d->entries[k].value);
    }
  }
  FreeTables(d);
  // Native subclasses (defaultdict, Counter) are larger than a dict.
  FreeObject(o, o->type->basic_size);
}

}  // namespace

DictObject* NewDict() { return NewDictOfType(&DictType, sizeof(DictObject)); }

DictObject* NewDictOfType(Type* type, size_t size) {
  auto* d = static_cast<DictObject*>(AllocObject(type, size));
  if (d == nullptr) return nullptr;
  if (size > sizeof(DictObject)) {
    memset(reinterpret_cast<char*>(d) + sizeof(DictObject), 0,
           size - sizeof(DictObject));
  }
  d->used = 0;
  d->nentries = 0;
  d->capacity = 0;
  d->mask = 0;
  d->indices = nullptr;
  d->entries = nullptr;
  new (&d->version) std::atomic<uint64_t>(0);
  new (&d->mutex) ObjectMutex();
  new (&d->reads) LockFreeReads();
  if (!Resize(d, 0)) {
    Decref(d);
    return nullptr;
  }
  return d;
}

Object* DictGetItem(DictObject* d, Object* key) {
  int64_t hash = Hash(key);
  if (hash == -1) return nullptr;
  uint64_t slot;
  CriticalSection cs(d->mutex);
  int64_t ix = Lookup(d, key, hash, &slot, &cs);
  return ix >= 0 ? d->entries[ix].value : nullptr;
}

Object* DictGetItemRef(DictObject* d, Object* key) {
  int64_t hash = Hash(key);
  if (hash == -1) return nullptr;
  if constexpr (kObjectLocks) {
    Object* v;
    if (LockFreeLookup(d, key, hash, &v)) {
      XIncref(v);
      return v;
    }
  }
  uint64_t slot;
  CriticalSection cs(d->mutex);
  int64_t ix = Lookup(d, key, hash, &slot, &cs);
  return ix >= 0 ? NewRef(d->entries[ix].value) : nullptr;
}

Object* DictGetStrRef(DictObject* d, StrObject* key) {
  if constexpr (kObjectLocks) {
    Object* v;
    if (LockFreeLookup(d, key, StrHash(key), &v)) {
      XIncref(v);
      return v;
    }
  }
  CriticalSection cs(d->mutex);
  Object* v = DictGetStr(d, key);
  return v != nullptr ? NewRef(v) : nullptr;
}

bool DictBorrowStr(DictObject* d, StrObject* key, Object** value) {
  if constexpr (kObjectLocks) return LockFreeLookup(d, key, StrHash(key), value);
  return false;
}

int64_t DictSize(DictObject* d) {
  CriticalSection cs(d->mutex);
  return d->used;
}

Object* DictGetStr(DictObject* d, StrObject* key) {
  int64_t hash = StrHash(key);
  uint64_t mask = static_cast<uint64_t>(d->mask);
  auto h = static_cast<uint64_t>(hash);
  uint64_t i = h & mask, perturb = h;
  while (true) {
    int64_t ix = d->indices[i];
    if (ix == kEmpty) return nullptr;
    if (ix >= 0) {
      DictEntry& e = d->entries[ix];
      if (e.key == key) return e.value;
      if (e.hash == hash && IsStr(e.key) &&
          StrEqual(static_cast<StrObject*>(e.key), key)) {
        return e.value;
      }
    }
    perturb >>= 5;
    i = (i * 5 + perturb + 1) & mask;
  }
}

namespace {

// DictSetItem and DictDelItem, handing the value they replace or remove to
// *old when `old` is given (else dropping it, outside the lock). Inlined so
// that DictSetItem, on every attribute store, pays nothing for the option.
__attribute__((always_inline)) inline int SetItemImpl(DictObject* d, Object* key, Object* value, Object** old) {
  if (old != nullptr) *old = nullptr;
  int64_t hash = Hash(key);
  if (hash == -1) return -1;
  uint64_t slot;
  CriticalSection cs(d->mutex);
  int64_t ix = Lookup(d, key, hash, &slot, &cs);
  if (ix == -2) return -1;
  BumpVersion(d);
  if (ix >= 0) {
    Object* prev = d->entries[ix].value;
    PublishStore(&d->entries[ix].value, NewRef(value));
    bool shared = d->reads.NoteWriter();
    cs.Release();
    if (old != nullptr) {
      *old = prev;
    } else {
      QsbrDecrefUnlinked(prev, shared);  // outside the lock: it may run anything
    }
    return 1;
  }
  if (d->nentries >= d->capacity) {
    if (!Resize(d, (d->used + 1) * 3 / 2 + 1)) return -1;
    Lookup(d, key, hash, &slot, &cs);  // a fresh table has no equal key
  }
  DictEntry& e = d->entries[d->nentries];
  PublishStore(&e.hash, hash);
  PublishStore(&e.value, NewRef(value));
  PublishStore(&e.key, NewRef(key));
  PublishStore(&d->indices[slot], d->nentries++);
  ++d->used;
  return 0;
}

__attribute__((always_inline)) inline int DelItemImpl(DictObject* d, Object* key, Object** old) {
  if (old != nullptr) *old = nullptr;
  int64_t hash = Hash(key);
  if (hash == -1) return -1;
  uint64_t slot;
  CriticalSection cs(d->mutex);
  int64_t ix = Lookup(d, key, hash, &slot, &cs);
  if (ix == -2) return -1;
  if (ix == -1) return 0;
  BumpVersion(d);
  DictEntry& e = d->entries[ix];
  Object* old_key = e.key;
  Object* old_value = e.value;
  PublishStore(&e.key, static_cast<Object*>(nullptr));
  PublishStore(&e.value, static_cast<Object*>(nullptr));
  PublishStore(&d->indices[slot], kDeleted);
  --d->used;
  bool shared = d->reads.NoteWriter();
  cs.Release();
  QsbrDecrefUnlinked(old_key, shared);  // a reader may be comparing it
  if (old != nullptr) {
    *old = old_value;
  } else {
    QsbrDecrefUnlinked(old_value, shared);
  }
  return 1;
}

}  // namespace

int DictSetItem(DictObject* d, Object* key, Object* value) {
  return SetItemImpl(d, key, value, nullptr) < 0 ? -1 : 0;
}

int DictSetStr(DictObject* d, const char* key, Object* value) {
  StrObject* k = InternStr(key);
  if (k == nullptr) return -1;
  int r = DictSetItem(d, k, value);
  Decref(value);  // callers hand over a new reference
  return r;
}

int DictDelItem(DictObject* d, Object* key) { return DelItemImpl(d, key, nullptr); }

int DictExchangeItem(DictObject* d, Object* key, Object* value, Object** old) {
  return value != nullptr ? SetItemImpl(d, key, value, old) : DelItemImpl(d, key, old);
}

bool DictNextRef(DictObject* d, int64_t* pos, Object** key, Object** value) {
  CriticalSection cs(d->mutex);
  Object *k, *v;
  if (!DictNext(d, pos, &k, &v)) return false;
  if (key) *key = NewRef(k);
  if (value) *value = NewRef(v);
  return true;
}

bool DictNext(DictObject* d, int64_t* pos, Object** key, Object** value) {
  while (*pos < d->nentries) {
    DictEntry& e = d->entries[(*pos)++];
    if (e.key != nullptr) {
      if (key) *key = e.key;
      if (value) *value = e.value;
      return true;
    }
  }
  return false;
}

DictObject* DictCopy(DictObject* d) {
  DictObject* r = NewDict();
  if (r == nullptr) return nullptr;
  if (DictUpdate(r, d) < 0) {
    Decref(r);
    return nullptr;
  }
  return r;
}

int DictUpdate(DictObject* d, Object* other) {
  if (IsDict(other)) {
    auto* o = static_cast<DictObject*>(other);
    std::vector<Object*> pairs;
    int64_t pos = 0;
    Object *k, *v;
    while (DictNextRef(o, &pos, &k, &v)) {
      pairs.push_back(k);
      pairs.push_back(v);
    }
    int r = 0;
    for (size_t i = 0; i < pairs.size(); i += 2) {
      if (r == 0) r = DictSetItem(d, pairs[i], pairs[i + 1]);
      Decref(pairs[i]);
      Decref(pairs[i + 1]);
    }
    return r;
  }
  // An iterable of pairs.
  Object* it = GetIter(other);
  if (it == nullptr) return -1;
  int64_t index = 0;
  while (Object* item = IterNext(it)) {
    ListObject* pair = ListFromIterable(item);
    Decref(item);
    if (pair == nullptr) {
      if (ErrorMatches(&TypeErrorType)) {
        ClearError();
        SetError(&TypeErrorType,
                 StrCat("cannot convert dictionary update sequence "
                              "element #",
                              index, " to a sequence"));
      }
      Decref(it);
      return -1;
    }
    if (pair->size != 2) {
      SetError(&ValueErrorType,
               StrCat("dictionary update sequence element #", index,
                            " has length ", pair->size, "; 2 is required"));
      Decref(pair);
      Decref(it);
      return -1;
    }
    int r = DictSetItem(d, pair->items[0], pair->items[1]);
    Decref(pair);
    if (r < 0) {
      Decref(it);
      return -1;
    }
    ++index;
  }
  Decref(it);
  return ErrorOccurred() ? -1 : 0;
}

namespace {

Object* DictRepr(Object* o) {
  auto* d = static_cast<DictObject*>(o);
  if (DictSize(d) == 0) return NewStr("{}");
  if (ReprEnter(o)) return NewStr("{...}");
  std::string out = "{";
  int64_t pos = 0;
  Object *k, *v;
  bool first = true;
  bool ok = true;
  while (ok && DictNextRef(d, &pos, &k, &v)) {
    if (!first) out += ", ";
    first = false;
    std::string ks, vs;
    ok = ReprString(k, &ks) && ReprString(v, &vs);
    Decref(k);
    Decref(v);
    StrAppend(&out, ks, ": ", vs);
  }
  ReprLeave(o);
  if (!ok) return nullptr;
  out += "}";
  return NewStr(out);
}

int64_t DictLength(Object* o) { return DictSize(static_cast<DictObject*>(o)); }

Object* DictSubscript(Object* o, Object* key) {
  Object* v = DictGetItemRef(static_cast<DictObject*>(o), key);
  if (v != nullptr) return v;
  if (ErrorOccurred()) return nullptr;
  return SetKeyError(key);
}

int DictAssSubscript(Object* o, Object* key, Object* value) {
  auto* d = static_cast<DictObject*>(o);
  if (value != nullptr) return DictSetItem(d, key, value);
  int r = DictDelItem(d, key);
  if (r == 0) {
    SetKeyError(key);
    return -1;
  }
  return r < 0 ? -1 : 0;
}

int DictContains(Object* o, Object* key) {
  Object* v = DictGetItem(static_cast<DictObject*>(o), key);
  if (v != nullptr) return 1;
  return ErrorOccurred() ? -1 : 0;
}

int DictTruth(Object* o) { return DictSize(static_cast<DictObject*>(o)) != 0; }

// d | other (3.9): a new plain dict, other's values winning.
Object* DictOr(Object* a, Object* b) {
  if (!IsDict(a) || !IsDict(b)) return NotImplemented();
  DictObject* r = DictCopy(static_cast<DictObject*>(a));
  if (r == nullptr) return nullptr;
  if (DictUpdate(r, b) < 0) {
    Decref(r);
    return nullptr;
  }
  return r;
}

// d |= other accepts anything update() does.
Object* DictInplaceOr(Object* a, Object* b) {
  if (DictUpdate(static_cast<DictObject*>(a), b) < 0) return nullptr;
  return NewRef(a);
}

Object* DictCompare(Object* a, Object* b, CompareOp op) {
  if (!IsDict(a) || !IsDict(b) ||
      (op != CompareOp::kEq && op != CompareOp::kNe)) {
    return NotImplemented();
  }
  auto* x = static_cast<DictObject*>(a);
  auto* y = static_cast<DictObject*>(b);
  bool equal = DictSize(x) == DictSize(y);
  int64_t pos = 0;
  Object *k, *v;
  while (equal && DictNextRef(x, &pos, &k, &v)) {
    Object* w = DictGetItemRef(y, k);
    int eq = 0;
    if (w != nullptr) {
      eq = EqualBool(v, w);
      Decref(w);
    } else if (ErrorOccurred()) {
      eq = -1;
    }
    Decref(k);
    Decref(v);
    if (eq < 0) return nullptr;
    equal = eq;
  }
  return Bool(op == CompareOp::kEq ? equal : !equal);
}

// Iterators over keys, values or items, shared by the dict and its views.
enum class IterKind : uint8_t { kKeys, kValues, kItems };

struct DictIterator : Object {
  DictObject* dict;
  int64_t pos;
  int64_t expected_used;
  IterKind kind;
};

Object* NewDictIterator(DictObject* d, IterKind kind) {
  auto* it = static_cast<DictIterator*>(
      AllocObject(&DictIteratorType, sizeof(DictIterator)));
  if (it == nullptr) return nullptr;
  it->dict = NewRef(d);
  it->pos = 0;
  it->expected_used = DictSize(d);
  it->kind = kind;
  return it;
}

Object* DictIterNext(Object* o) {
  auto* it = static_cast<DictIterator*>(o);
  DictObject* d = it->dict;
  Object *k, *v;
  {
    // The iterator's position and size check live under the dict's lock,
    // so threads sharing the iterator each take a distinct entry.
    CriticalSection cs(d->mutex);
    if (d->used != it->expected_used) {
      it->expected_used = -1;  // stays broken
      cs.Release();
      return SetError(&RuntimeErrorType,
                      "dictionary changed size during iteration");
    }
    if (!DictNext(d, &it->pos, &k, &v)) return nullptr;
    Incref(k);
    Incref(v);
  }
  switch (it->kind) {
    case IterKind::kKeys:
      Decref(v);
      return k;
    case IterKind::kValues:
      Decref(k);
      return v;
    case IterKind::kItems: {
      TupleObject* t = NewTuple(2);
      if (t == nullptr) {
        Decref(k);
        Decref(v);
        return nullptr;
      }
      t->items[0] = k;
      t->items[1] = v;
      return t;
    }
  }
  return nullptr;
}

void DictIterDealloc(Object* o) {
  Decref(static_cast<DictIterator*>(o)->dict);
  FreeObject(o, sizeof(DictIterator));
}

Object* SelfIter(Object* o) { return NewRef(o); }

Object* DictIter(Object* o) {
  return NewDictIterator(static_cast<DictObject*>(o), IterKind::kKeys);
}

// keys(), values(), items() views.
struct DictView : Object {
  DictObject* dict;
};

Object* NewView(Type* type, Object* d) {
  auto* v = static_cast<DictView*>(AllocObject(type, sizeof(DictView)));
  if (v == nullptr) return nullptr;
  v->dict = static_cast<DictObject*>(NewRef(d));
  return v;
}

void ViewDealloc(Object* o) {
  Decref(static_cast<DictView*>(o)->dict);
  FreeObject(o, sizeof(DictView));
}

IterKind ViewKind(Object* o) {
  return o->type == &DictKeysType     ? IterKind::kKeys
         : o->type == &DictValuesType ? IterKind::kValues
                                      : IterKind::kItems;
}

Object* ViewIter(Object* o) {
  return NewDictIterator(static_cast<DictView*>(o)->dict, ViewKind(o));
}

int64_t ViewLength(Object* o) { return DictSize(static_cast<DictView*>(o)->dict); }

Object* ViewRepr(Object* o) {
  ListObject* items = ListFromIterable(o);
  if (items == nullptr) return nullptr;
  std::string inner;
  bool ok = ReprString(items, &inner);
  Decref(items);
  if (!ok) return nullptr;
  return NewStr(StrCat(TypeName(o), "(", inner, ")"));
}

int ViewContains(Object* o, Object* value) {
  DictObject* d = static_cast<DictView*>(o)->dict;
  switch (ViewKind(o)) {
    case IterKind::kKeys:
      return DictContains(d, value);
    case IterKind::kItems: {
      if (!IsTuple(value) || static_cast<TupleObject*>(value)->size != 2) {
        return 0;
      }
      auto* t = static_cast<TupleObject*>(value);
      Object* v = DictGetItem(d, t->items[0]);
      if (v == nullptr) return ErrorOccurred() ? -1 : 0;
      return EqualBool(v, t->items[1]);
    }
    case IterKind::kValues: {
      ListObject* values = ListFromIterable(o);
      if (values == nullptr) return -1;
      int r = SequenceContains(values->items, values->size, value);
      Decref(values);
      return r;
    }
  }
  return 0;
}

// --- methods -------------------------------------------------------------

DictObject* Self(Object* const* args) {
  return static_cast<DictObject*>(args[0]);
}

#define DICT_METHOD_ARGS(name, min, max)            \
  if (!CheckNoKeywords(name, kwnames) ||            \
      !CheckArgCount(name, nargs - 1, min, max)) {  \
    return nullptr;                                 \
  }

Object* DictGet(Object* const* args, size_t nargs, TupleObject* kwnames) {
  DICT_METHOD_ARGS("get", 1, 2);
  Object* v = DictGetItemRef(Self(args), args[1]);
  if (v != nullptr) return v;
  if (ErrorOccurred()) return nullptr;
  return NewRef(nargs > 2 ? args[2] : None());
}

Object* DictKeys(Object* const* args, size_t nargs, TupleObject* kwnames) {
  DICT_METHOD_ARGS("keys", 0, 0);
  return NewView(&DictKeysType, args[0]);
}

Object* DictValues(Object* const* args, size_t nargs, TupleObject* kwnames) {
  DICT_METHOD_ARGS("values", 0, 0);
  return NewView(&DictValuesType, args[0]);
}

Object* DictItems(Object* const* args, size_t nargs, TupleObject* kwnames) {
  DICT_METHOD_ARGS("items", 0, 0);
  return NewView(&DictItemsType, args[0]);
}

Object* DictPop(Object* const* args, size_t nargs, TupleObject* kwnames) {
  DICT_METHOD_ARGS("pop", 1, 2);
  DictObject* d = Self(args);
  Object* v = DictGetItemRef(d, args[1]);
  if (v == nullptr) {
    if (ErrorOccurred()) return nullptr;
    if (nargs > 2) return NewRef(args[2]);
    return SetKeyError(args[1]);
  }
  if (DictDelItem(d, args[1]) < 0) {
    Decref(v);
    return nullptr;
  }
  return v;
}

Object* DictPopItem(Object* const* args, size_t nargs, TupleObject* kwnames) {
  DICT_METHOD_ARGS("popitem", 0, 0);
  DictObject* d = Self(args);
  CriticalSection cs(d->mutex);
  for (int64_t k = d->nentries - 1; k >= 0; --k) {
    DictEntry& e = d->entries[k];
    if (e.key == nullptr) continue;
    TupleObject* pair = TupleOf({e.key, e.value});
    cs.Release();
    if (pair == nullptr) return nullptr;
    if (DictDelItem(d, pair->items[0]) < 0) {
      Decref(pair);
      return nullptr;
    }
    return pair;
  }
  return SetError(&KeyErrorType, "popitem(): dictionary is empty");
}

Object* DictSetDefault(Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  DICT_METHOD_ARGS("setdefault", 1, 2);
  DictObject* d = Self(args);
  Object* v = DictGetItemRef(d, args[1]);
  if (v != nullptr) return v;
  if (ErrorOccurred()) return nullptr;
  Object* dflt = nargs > 2 ? args[2] : None();
  if (DictSetItem(d, args[1], dflt) < 0) return nullptr;
  return NewRef(dflt);
}

// Keyword arguments update too: d.update(a=1).
int UpdateFromKeywords(DictObject* d, Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  if (kwnames == nullptr) return 0;
  for (int64_t i = 0; i < kwnames->size; ++i) {
    if (DictSetItem(d, kwnames->items[i], args[nargs + i]) < 0) return -1;
  }
  return 0;
}

Object* DictUpdateMethod(Object* const* args, size_t nargs,
                         TupleObject* kwnames) {
  if (!CheckArgCount("update", nargs - 1, 0, 1)) return nullptr;
  if (nargs > 1 && DictUpdate(Self(args), args[1]) < 0) return nullptr;
  if (UpdateFromKeywords(Self(args), args, nargs, kwnames) < 0) return nullptr;
  return None();
}

Object* DictClearMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  DICT_METHOD_ARGS("clear", 0, 0);
  DictClear(Self(args));
  return None();
}


}  // namespace

void DictClear(DictObject* d) {
  CriticalSection cs(d->mutex);
  std::vector<Object*> old_keys, old_values;
  for (int64_t k = 0; k < d->nentries; ++k) {
    DictEntry& e = d->entries[k];
    if (e.key != nullptr) {
      old_keys.push_back(e.key);
      old_values.push_back(e.value);
      // Entries are reused from 0: a reader holding a stale entry number
      // must see it empty, not another key's value.
      PublishStore(&e.key, static_cast<Object*>(nullptr));
      PublishStore(&e.value, static_cast<Object*>(nullptr));
    }
  }
  d->used = 0;
  d->nentries = 0;
  for (int64_t i = 0; i <= d->mask; ++i) PublishStore(&d->indices[i], kEmpty);
  BumpVersion(d);
  bool shared = d->reads.NoteWriter();
  cs.Release();
  for (Object* o : old_keys) QsbrDecrefUnlinked(o, shared);
  for (Object* o : old_values) QsbrDecrefUnlinked(o, shared);
}

namespace {

Object* DictCopyMethod(Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  DICT_METHOD_ARGS("copy", 0, 0);
  return DictCopy(Self(args));
}

Object* DictNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (nargs > 2) {
    return SetError(&TypeErrorType,
                    StrCat("dict expected at most 1 argument, got ",
                                 nargs - 1));
  }
  DictObject* d = NewDict();
  if (d == nullptr) return nullptr;
  if ((nargs > 1 && DictUpdate(d, args[1]) < 0) ||
      UpdateFromKeywords(d, args, nargs, kwnames) < 0) {
    Decref(d);
    return nullptr;
  }
  return d;
}

// dict.fromkeys(iterable, value=None); stored unbound, like a staticmethod.
Object* DictFromKeys(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("fromkeys", kwnames) ||
      !CheckArgCount("fromkeys", nargs, 1, 2)) {
    return nullptr;
  }
  DictObject* d = NewDict();
  if (d == nullptr) return nullptr;
  Object* value = nargs > 1 ? args[1] : None();
  Object* it = GetIter(args[0]);
  if (it == nullptr) {
    Decref(d);
    return nullptr;
  }
  while (Object* k = IterNext(it)) {
    int r = DictSetItem(d, k, value);
    Decref(k);
    if (r < 0) {
      Decref(it);
      Decref(d);
      return nullptr;
    }
  }
  Decref(it);
  if (ErrorOccurred()) {
    Decref(d);
    return nullptr;
  }
  return d;
}


const MethodDef kDictMethods[] = {
    {"get", DictGet, kNativeMethod},
    {"keys", DictKeys, kNativeMethod},
    {"values", DictValues, kNativeMethod},
    {"items", DictItems, kNativeMethod},
    {"pop", DictPop, kNativeMethod},
    {"popitem", DictPopItem, kNativeMethod},
    {"setdefault", DictSetDefault, kNativeMethod},
    {"update", DictUpdateMethod, kNativeMethod | kNativeKeywords},
    {"clear", DictClearMethod, kNativeMethod},
    {"copy", DictCopyMethod, kNativeMethod},
    {nullptr, nullptr, 0},
};

void InitView(Type* t, const char* name) {
  InitStaticType(t, name, sizeof(DictView), &ObjectType);
  t->dealloc = ViewDealloc;
  t->repr = ViewRepr;
  t->iter = ViewIter;
  t->length = ViewLength;
  t->contains = ViewContains;
  t->getattr = GenericGetAttr;
}

}  // namespace

void InitDictType() {
  InitStaticType(&DictType, "dict", sizeof(DictObject), &ObjectType);
  DictType.flags |= kTypeDictSubclass | kTypeBaseType;
  DictType.dealloc = DictDealloc;
  DictType.repr = DictRepr;
  DictType.compare = DictCompare;
  DictType.truth = DictTruth;
  DictType.length = DictLength;
  DictType.getitem = DictSubscript;
  DictType.setitem = DictAssSubscript;
  DictType.contains = DictContains;
  DictType.iter = DictIter;
  DictType.getattr = GenericGetAttr;
  DictType.number[static_cast<int>(BinOp::kOr)] = DictOr;
  DictType.inplace[static_cast<int>(BinOp::kOr)] = DictInplaceOr;

  InitStaticType(&DictIteratorType, "dict_keyiterator", sizeof(DictIterator),
                 &ObjectType);
  DictIteratorType.dealloc = DictIterDealloc;
  DictIteratorType.iter = SelfIter;
  DictIteratorType.iternext = DictIterNext;
  DictIteratorType.getattr = GenericGetAttr;
  InitView(&DictKeysType, "dict_keys");
  InitView(&DictValuesType, "dict_values");
  InitView(&DictItemsType, "dict_items");

  AddMethods(&DictType, kDictMethods);
  DictSetStr(DictType.dict, "__new__",
             NewStaticNativeFunction("__new__", DictNew, kNativeKeywords));
  DictSetStr(DictType.dict, "fromkeys",
             NewStaticNativeFunction("fromkeys", DictFromKeys, 0));
}

}  // namespace twinpy
