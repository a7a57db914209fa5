// set and frozenset: open-addressing hash tables of keys.
//
// The table follows CPython's layout rules (an 8-slot table inline in the
// object, growth when fill reaches 3/5 of the mask, a run of linear probes
// before each perturbed jump, dummies for deleted keys, the same merge and
// difference strategies), because programs print sets and the order they
// see is the table order: with int keys (hash(i) == i) it then matches
// CPython's exactly.
#include "runtime/set.h"

#include <cstring>
#include <string>
#include <vector>

#include "alloc/allocator.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/object_lock.h"
#include "runtime/sequence.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"
#include "runtime/variant.h"

namespace twinpy {

namespace {

constexpr int64_t kMinSize = 8;
// Slots inspected next to the home slot before a perturbed jump: neighbours
// share a cache line, so short collision chains stay cheap.
constexpr uint64_t kLinearProbes = 9;
constexpr int kPerturbShift = 5;

}  // namespace

// Unused: key nullptr, hash 0. Deleted: key == dummy, hash -1. Live
// otherwise (no real hash is -1: -1 is the error value).
struct SetEntry {
  Object* key;
  int64_t hash;
};

struct SetObject : Object {
  int64_t fill;  // live + deleted entries
  int64_t used;  // live entries
  int64_t mask;  // table size - 1
  SetEntry* table;
  int64_t hash;       // frozenset's cached hash, -1 until computed
  int64_t finger;     // where pop() resumes its scan
  uint64_t version;   // bumped by every change of the table
  ObjectMutex mutex;  // free-threaded build: guards everything above
  SetEntry small[kMinSize];
};

Type SetType;
Type FrozenSetType;
Type SetIteratorType;

namespace {

// Marks deleted entries; never reference-counted.
Object dummy_key;
Object* Dummy() { return &dummy_key; }

bool IsLive(const SetEntry& e) { return e.key != nullptr && e.key != Dummy(); }

SetObject* AsSet(Object* o) { return static_cast<SetObject*>(o); }

// IsAnySet() or a subclass of set or frozenset.
bool AnySet(const Object* o) {
  return IsAnySet(o) || IsSubtype(o->type, &SetType) ||
         IsSubtype(o->type, &FrozenSetType);
}

int64_t KeyHash(Object* key) {
  if (key->type == &StrType) return StrHash(static_cast<StrObject*>(key));
  return Hash(key);
}

void FreeTable(SetEntry* table, int64_t mask) {
  alloc::Free(table, sizeof(SetEntry) * static_cast<size_t>(mask + 1));
}

// Places a key known to be absent into a table without dummies.
void InsertClean(SetEntry* table, uint64_t mask, Object* key, int64_t hash) {
  uint64_t perturb = static_cast<uint64_t>(hash);
  uint64_t i = static_cast<uint64_t>(hash) & mask;
  while (true) {
    SetEntry* e = &table[i];
    if (e->key == nullptr) {
      e->key = key;
      e->hash = hash;
      return;
    }
    if (i + kLinearProbes <= mask) {
      for (uint64_t j = 0; j < kLinearProbes; ++j) {
        ++e;
        if (e->key == nullptr) {
          e->key = key;
          e->hash = hash;
          return;
        }
      }
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

// Rebuilds the table with more than `min_used` slots (the smallest power of
// two), dropping dummies. Called with the set's lock held.
bool Resize(SetObject* so, int64_t min_used) {
  int64_t new_size = kMinSize;
  while (new_size <= min_used) new_size <<= 1;
  SetEntry* old_table = so->table;
  int64_t old_mask = so->mask;
  bool old_on_heap = old_table != so->small;
  SetEntry small_copy[kMinSize];
  SetEntry* new_table;
  if (new_size == kMinSize) {
    new_table = so->small;
    if (new_table == old_table) {
      if (so->fill == so->used) return true;  // nothing to purge
      memcpy(small_copy, old_table, sizeof(small_copy));
      old_table = small_copy;
    }
  } else {
    new_table = static_cast<SetEntry*>(
        alloc::Allocate(sizeof(SetEntry) * static_cast<size_t>(new_size)));
    if (new_table == nullptr) {
      NoMemory();
      return false;
    }
  }
  memset(static_cast<void*>(new_table), 0,
         sizeof(SetEntry) * static_cast<size_t>(new_size));
  so->mask = new_size - 1;
  so->table = new_table;
  so->fill = so->used;
  ++so->version;
  auto mask = static_cast<uint64_t>(so->mask);
  for (int64_t i = 0; i <= old_mask; ++i) {
    if (IsLive(old_table[i])) {
      InsertClean(new_table, mask, old_table[i].key, old_table[i].hash);
    }
  }
  if (old_on_heap) FreeTable(old_table, old_mask);
  return true;
}

// Keys whose equality test runs no Python code, so it may run under the
// set's lock (as dict.cc's rule).
bool PureKey(Object* k) {
  return k->type == &StrType || k->type == &IntType || k->type == &FloatType ||
         k->type == &BoolType;
}

// Compares a stored key with `key` for the probe loops: 1 equal, 0 not, -1
// error, 2 when the set changed while the lock was dropped for a
// comparison that may run Python code (the caller restarts its probe).
int ProbeEqual(SetObject* so, Object* start_key, Object* key,
               CriticalSection* cs) {
  if (start_key->type == &StrType && key->type == &StrType) {
    return StrEqual(static_cast<StrObject*>(start_key),
                    static_cast<StrObject*>(key));
  }
  if (PureKey(start_key) && PureKey(key)) {
    return RichCompareBool(start_key, key, CompareOp::kEq);
  }
  uint64_t version = so->version;
  Incref(start_key);
  cs->Release();
  int cmp = RichCompareBool(start_key, key, CompareOp::kEq);
  Decref(start_key);
  cs->Relock();
  if (cmp < 0) return -1;
  // __eq__ (or another thread) may have changed the table.
  if (so->version != version) return 2;
  return cmp;
}

// The entry holding `key`, or the unused entry ending its probe chain
// (key nullptr); nullptr when a comparison raised. Lock held via cs.
SetEntry* LookKey(SetObject* so, Object* key, int64_t hash,
                  CriticalSection* cs) {
restart:
  SetEntry* table = so->table;
  auto mask = static_cast<uint64_t>(so->mask);
  uint64_t i = static_cast<uint64_t>(hash) & mask;
  uint64_t perturb = static_cast<uint64_t>(hash);
  while (true) {
    SetEntry* e = &table[i];
    uint64_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    while (true) {
      if (e->hash == 0 && e->key == nullptr) return e;
      if (e->hash == hash) {
        if (e->key == key) return e;
        int eq = ProbeEqual(so, e->key, key, cs);
        if (eq < 0) return nullptr;
        if (eq == 2) goto restart;
        if (eq == 1) return e;
      }
      if (probes-- == 0) break;
      ++e;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

// Adds key (borrowed) unless present; -1 on error. Lock held via cs.
int AddEntryLocked(SetObject* so, Object* key, int64_t hash,
                   CriticalSection* cs) {
  SetEntry* table;
  SetEntry* free_slot;
  SetEntry* e;
  uint64_t mask, i, perturb;
restart:
  table = so->table;
  mask = static_cast<uint64_t>(so->mask);
  i = static_cast<uint64_t>(hash) & mask;
  perturb = static_cast<uint64_t>(hash);
  free_slot = nullptr;
  while (true) {
    e = &table[i];
    uint64_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
    while (true) {
      if (e->hash == 0 && e->key == nullptr) goto found_unused_or_dummy;
      if (e->hash == hash) {
        if (e->key == key) return 0;
        int eq = ProbeEqual(so, e->key, key, cs);
        if (eq < 0) return -1;
        if (eq == 2) goto restart;
        if (eq == 1) return 0;
      } else if (e->hash == -1) {
        free_slot = e;
      }
      if (probes-- == 0) break;
      ++e;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + 1 + perturb) & mask;
  }

found_unused_or_dummy:
  so->hash = -1;
  ++so->version;
  if (free_slot != nullptr) {
    ++so->used;
    free_slot->key = NewRef(key);
    free_slot->hash = hash;
    return 0;
  }
  ++so->fill;
  ++so->used;
  e->key = NewRef(key);
  e->hash = hash;
  if (static_cast<uint64_t>(so->fill) * 5 < mask * 3) return 0;
  return Resize(so, so->used > 50000 ? so->used * 2 : so->used * 4) ? 0 : -1;
}

int AddEntry(SetObject* so, Object* key, int64_t hash) {
  // Held across comparisons, which could otherwise free it.
  Incref(key);
  int r;
  {
    CriticalSection cs(so->mutex);
    r = AddEntryLocked(so, key, hash, &cs);
  }
  Decref(key);
  return r;
}

int AddKey(SetObject* so, Object* key) {
  int64_t hash = KeyHash(key);
  if (hash == -1) return -1;
  return AddEntry(so, key, hash);
}

int ContainsEntry(SetObject* so, Object* key, int64_t hash) {
  CriticalSection cs(so->mutex);
  SetEntry* e = LookKey(so, key, hash, &cs);
  if (e == nullptr) return -1;
  return e->key != nullptr;
}

int ContainsKey(SetObject* so, Object* key) {
  int64_t hash = KeyHash(key);
  if (hash == -1) return -1;
  return ContainsEntry(so, key, hash);
}

// 1 removed, 0 absent, -1 error.
int DiscardEntry(SetObject* so, Object* key, int64_t hash) {
  Object* old;
  {
    CriticalSection cs(so->mutex);
    SetEntry* e = LookKey(so, key, hash, &cs);
    if (e == nullptr) return -1;
    if (e->key == nullptr) return 0;
    old = e->key;
    e->key = Dummy();
    e->hash = -1;
    --so->used;
    so->hash = -1;
    ++so->version;
  }
  Decref(old);  // outside the lock: deallocation may run anything
  return 1;
}

int DiscardKey(SetObject* so, Object* key) {
  int64_t hash = KeyHash(key);
  if (hash == -1) return -1;
  return DiscardEntry(so, key, hash);
}

// Iteration by table position over a set no other thread changes (lock
// held, or private); borrowed entry.
bool NextEntry(SetObject* so, int64_t* pos, SetEntry** entry) {
  int64_t i = *pos;
  while (i <= so->mask && !IsLive(so->table[i])) ++i;
  *pos = i + 1;
  if (i > so->mask) return false;
  *entry = &so->table[i];
  return true;
}

// The live entries in table order, keys as new references: what the set
// algorithms walk, since the comparisons they run may change the set.
class Snapshot {
 public:
  explicit Snapshot(SetObject* so) {
    CriticalSection cs(so->mutex);
    entries_.reserve(static_cast<size_t>(so->used));
    int64_t pos = 0;
    SetEntry* e;
    while (NextEntry(so, &pos, &e))
      entries_.push_back({NewRef(e->key), e->hash});
  }
  ~Snapshot() {
    for (const SetEntry& e : entries_) Decref(e.key);
  }
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;
  const std::vector<SetEntry>& entries() const { return entries_; }

 private:
  std::vector<SetEntry> entries_;
};

int64_t Used(SetObject* so) {
  CriticalSection cs(so->mutex);
  return so->used;
}

void ResetToSmall(SetObject* so) {
  memset(static_cast<void*>(so->small), 0, sizeof(so->small));
  so->fill = 0;
  so->used = 0;
  so->mask = kMinSize - 1;
  so->table = so->small;
  so->hash = -1;
  ++so->version;
}

// Empties the set before releasing the keys, since a key's destructor may
// look at the set.
void ClearInternal(SetObject* so) {
  std::vector<Object*> keys;
  {
    CriticalSection cs(so->mutex);
    keys.reserve(static_cast<size_t>(so->used));
    for (int64_t i = 0; i <= so->mask; ++i) {
      if (IsLive(so->table[i])) keys.push_back(so->table[i].key);
    }
    if (so->table != so->small) FreeTable(so->table, so->mask);
    ResetToSmall(so);
  }
  for (Object* k : keys) Decref(k);
}

SetObject* AllocSet(Type* type) {
  auto* so = static_cast<SetObject*>(AllocObject(type, type->basic_size));
  if (so == nullptr) return nullptr;
  new (&so->mutex) ObjectMutex();
  so->version = 0;
  ResetToSmall(so);
  so->finger = 0;
  return so;
}

// Adds every key of another set, presizing once as CPython does; an empty
// target takes the other's layout directly.
int Merge(SetObject* so, SetObject* other) {
  if (other == so) return 0;
  {
    CriticalSection2 cs(so->mutex, other->mutex);
    if (other->used == 0) return 0;
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
      if (!Resize(so, (so->used + other->used) * 2)) return -1;
    }
    if (so->fill == 0) {
      so->hash = -1;
      ++so->version;
      if (so->mask == other->mask && other->fill == other->used) {
        // Same size, no dummies: the layout is copied as is.
        for (int64_t i = 0; i <= other->mask; ++i) {
          Object* key = other->table[i].key;
          if (key != nullptr) {
            so->table[i].key = NewRef(key);
            so->table[i].hash = other->table[i].hash;
          }
        }
        so->fill = other->fill;
        so->used = other->used;
        return 0;
      }
      auto mask = static_cast<uint64_t>(so->mask);
      so->fill = other->used;
      so->used = other->used;
      for (int64_t i = 0; i <= other->mask; ++i) {
        const SetEntry& e = other->table[i];
        if (IsLive(e)) InsertClean(so->table, mask, NewRef(e.key), e.hash);
      }
      return 0;
    }
  }
  Snapshot keys(other);
  for (const SetEntry& e : keys.entries()) {
    if (AddEntry(so, e.key, e.hash) < 0) return -1;
  }
  return 0;
}

int UpdateInternal(SetObject* so, Object* other) {
  if (AnySet(other)) return Merge(so, AsSet(other));
  if (other->type == &DictType) {
    // The dict's stored hashes save rehashing.
    auto* d = static_cast<DictObject*>(other);
    std::vector<SetEntry> keys;
    {
      CriticalSection dict_cs(d->mutex);
      keys.reserve(static_cast<size_t>(d->used));
      for (int64_t k = 0; k < d->nentries; ++k) {
        const DictEntry& e = d->entries[k];
        if (e.key != nullptr) keys.push_back({NewRef(e.key), e.hash});
      }
    }
    int r = 0;
    {
      CriticalSection cs(so->mutex);
      int64_t n = static_cast<int64_t>(keys.size());
      if ((so->fill + n) * 5 >= so->mask * 3 &&
          !Resize(so, (so->used + n) * 2)) {
        r = -1;
      }
    }
    for (const SetEntry& e : keys) {
      if (r == 0) r = AddEntry(so, e.key, e.hash);
      Decref(e.key);
    }
    return r;
  }
  Object* it = GetIter(other);
  if (it == nullptr) return -1;
  while (Object* key = IterNext(it)) {
    int r = AddKey(so, key);
    Decref(key);
    if (r < 0) {
      Decref(it);
      return -1;
    }
  }
  Decref(it);
  return ErrorOccurred() ? -1 : 0;
}

SetObject* MakeSet(Type* type, Object* iterable) {
  SetObject* so = AllocSet(type);
  if (so == nullptr) return nullptr;
  if (iterable != nullptr && UpdateInternal(so, iterable) < 0) {
    Decref(so);
    return nullptr;
  }
  return so;
}

// Results of operations are plain sets or frozensets, whatever subclass
// the operand was (as in CPython).
Type* BaseSetType(Type* type) {
  if (type == &SetType || type == &FrozenSetType) return type;
  return IsSubtype(type, &SetType) ? &SetType : &FrozenSetType;
}

SetObject* CopySet(SetObject* so) { return MakeSet(BaseSetType(so->type), so); }

// Swaps the contents of two sets (tables, counts and inline slots).
void SwapBodies(SetObject* a, SetObject* b) {
  CriticalSection2 cs(a->mutex, b->mutex);
  std::swap(a->fill, b->fill);
  std::swap(a->used, b->used);
  std::swap(a->mask, b->mask);
  bool a_small = a->table == a->small;
  bool b_small = b->table == b->small;
  SetEntry* a_table = a->table;
  SetEntry* b_table = b->table;
  SetEntry tmp[kMinSize];
  memcpy(tmp, a->small, sizeof(tmp));
  memcpy(a->small, b->small, sizeof(tmp));
  memcpy(b->small, tmp, sizeof(tmp));
  a->table = b_small ? a->small : b_table;
  b->table = a_small ? b->small : a_table;
  ++a->version;
  ++b->version;
  if (IsSubtype(a->type, &FrozenSetType) &&
      IsSubtype(b->type, &FrozenSetType)) {
    std::swap(a->hash, b->hash);
  } else {
    a->hash = -1;
    b->hash = -1;
  }
}

SetObject* Intersection(SetObject* so, Object* other) {
  if (so == other) return CopySet(so);
  SetObject* result = AllocSet(BaseSetType(so->type));
  if (result == nullptr) return nullptr;
  if (AnySet(other)) {
    SetObject* small = AsSet(other);
    SetObject* large = so;
    // Walk the smaller set, probing the larger.
    if (Used(small) > Used(large)) std::swap(small, large);
    Snapshot keys(small);
    for (const SetEntry& e : keys.entries()) {
      int rv = ContainsEntry(large, e.key, e.hash);
      if (rv > 0) rv = AddEntry(result, e.key, e.hash);
      if (rv < 0) {
        Decref(result);
        return nullptr;
      }
    }
    return result;
  }
  Object* it = GetIter(other);
  if (it == nullptr) {
    Decref(result);
    return nullptr;
  }
  while (Object* key = IterNext(it)) {
    int64_t hash = KeyHash(key);
    int rv = hash == -1 ? -1 : ContainsEntry(so, key, hash);
    if (rv > 0) rv = AddEntry(result, key, hash);
    Decref(key);
    if (rv < 0) {
      Decref(it);
      Decref(result);
      return nullptr;
    }
    if (rv > 0 && Used(result) >= Used(so)) break;  // nothing more to find
  }
  Decref(it);
  if (ErrorOccurred()) {
    Decref(result);
    return nullptr;
  }
  return result;
}

int DifferenceUpdateInternal(SetObject* so, Object* other) {
  if (so == other) {
    ClearInternal(so);
    return 0;
  }
  if (AnySet(other)) {
    SetObject* o = AsSet(other);
    // A much larger other: only the common keys matter.
    if ((Used(o) >> 3) > Used(so)) {
      o = Intersection(so, other);
      if (o == nullptr) return -1;
    } else {
      Incref(o);
    }
    int r = 0;
    {
      Snapshot keys(o);
      for (const SetEntry& e : keys.entries()) {
        if ((r = DiscardEntry(so, e.key, e.hash)) < 0) break;
      }
    }
    Decref(o);
    if (r < 0) return -1;
  } else {
    Object* it = GetIter(other);
    if (it == nullptr) return -1;
    while (Object* key = IterNext(it)) {
      int r = DiscardKey(so, key);
      Decref(key);
      if (r < 0) {
        Decref(it);
        return -1;
      }
    }
    Decref(it);
    if (ErrorOccurred()) return -1;
  }
  // More than a quarter dummies: rebuild.
  CriticalSection cs(so->mutex);
  if (static_cast<uint64_t>(so->fill - so->used) <=
      static_cast<uint64_t>(so->mask) / 4) {
    return 0;
  }
  return Resize(so, so->used > 50000 ? so->used * 2 : so->used * 4) ? 0 : -1;
}

SetObject* CopyAndDifference(SetObject* so, Object* other) {
  SetObject* result = CopySet(so);
  if (result == nullptr) return nullptr;
  if (DifferenceUpdateInternal(result, other) < 0) {
    Decref(result);
    return nullptr;
  }
  return result;
}

SetObject* Difference(SetObject* so, Object* other) {
  int64_t other_size;
  if (AnySet(other)) {
    other_size = Used(AsSet(other));
  } else if (other->type == &DictType) {
    other_size = DictSize(static_cast<DictObject*>(other));
  } else {
    return CopyAndDifference(so, other);
  }
  if ((Used(so) >> 2) > other_size) return CopyAndDifference(so, other);
  SetObject* result = AllocSet(BaseSetType(so->type));
  if (result == nullptr) return nullptr;
  Snapshot keys(so);
  for (const SetEntry& e : keys.entries()) {
    int rv;
    if (AnySet(other)) {
      rv = ContainsEntry(AsSet(other), e.key, e.hash);
    } else {
      Object* v = DictGetItemRef(static_cast<DictObject*>(other), e.key);
      rv = v != nullptr ? 1 : ErrorOccurred() ? -1 : 0;
      XDecref(v);
    }
    if (rv == 0) rv = AddEntry(result, e.key, e.hash);
    if (rv < 0) {
      Decref(result);
      return nullptr;
    }
  }
  return result;
}

int SymmetricDifferenceUpdate(SetObject* so, Object* other) {
  if (so == other) {
    ClearInternal(so);
    return 0;
  }
  SetObject* o;
  if (AnySet(other)) {
    o = AsSet(NewRef(other));
  } else {
    o = MakeSet(BaseSetType(so->type), other);
    if (o == nullptr) return -1;
  }
  int rv = 0;
  {
    Snapshot keys(o);
    for (const SetEntry& e : keys.entries()) {
      rv = DiscardEntry(so, e.key, e.hash);
      if (rv == 0) rv = AddEntry(so, e.key, e.hash);
      if (rv < 0) break;
    }
  }
  Decref(o);
  return rv < 0 ? -1 : 0;
}

SetObject* SymmetricDifference(SetObject* so, Object* other) {
  SetObject* result = MakeSet(BaseSetType(so->type), other);
  if (result == nullptr) return nullptr;
  if (SymmetricDifferenceUpdate(result, so) < 0) {
    Decref(result);
    return nullptr;
  }
  return result;
}

// 1, 0, -1.
int IsSubset(SetObject* so, Object* other) {
  if (!AnySet(other)) {
    SetObject* tmp = Intersection(so, other);
    if (tmp == nullptr) return -1;
    int r = Used(tmp) == Used(so);
    Decref(tmp);
    return r;
  }
  SetObject* o = AsSet(other);
  if (Used(so) > Used(o)) return 0;
  Snapshot keys(so);
  for (const SetEntry& e : keys.entries()) {
    int rv = ContainsEntry(o, e.key, e.hash);
    if (rv <= 0) return rv;
  }
  return 1;
}

int IsSuperset(SetObject* so, Object* other) {
  if (AnySet(other)) return IsSubset(AsSet(other), so);
  Object* it = GetIter(other);
  if (it == nullptr) return -1;
  while (Object* key = IterNext(it)) {
    int rv = ContainsKey(so, key);
    Decref(key);
    if (rv <= 0) {
      Decref(it);
      return rv;
    }
  }
  Decref(it);
  return ErrorOccurred() ? -1 : 1;
}

int IsDisjoint(SetObject* so, Object* other) {
  if (so == other) return Used(so) == 0;
  if (AnySet(other)) {
    SetObject* small = AsSet(other);
    SetObject* large = so;
    if (Used(small) > Used(large)) std::swap(small, large);
    Snapshot keys(small);
    for (const SetEntry& e : keys.entries()) {
      int rv = ContainsEntry(large, e.key, e.hash);
      if (rv != 0) return rv < 0 ? -1 : 0;
    }
    return 1;
  }
  Object* it = GetIter(other);
  if (it == nullptr) return -1;
  while (Object* key = IterNext(it)) {
    int rv = ContainsKey(so, key);
    Decref(key);
    if (rv != 0) {
      Decref(it);
      return rv < 0 ? -1 : 0;
    }
  }
  Decref(it);
  return ErrorOccurred() ? -1 : 1;
}

// A set used as a key (in, remove, discard) is looked up as the equal
// frozenset, as in CPython.
template <class Fn>
int WithFrozenFallback(SetObject* so, Object* key, Fn fn) {
  int rv = fn(so, key);
  if (rv >= 0 || !IsSubtype(key->type, &SetType) ||
      !ErrorMatches(&TypeErrorType))
    return rv;
  ClearError();
  SetObject* frozen = MakeSet(&FrozenSetType, key);
  if (frozen == nullptr) return -1;
  rv = fn(so, frozen);
  Decref(frozen);
  return rv;
}

// --- slots ----------------------------------------------------------------

void SetDealloc(Object* o) {
  SetObject* so = AsSet(o);
  for (int64_t i = 0; i <= so->mask; ++i) {
    if (IsLive(so->table[i])) Decref(so->table[i].key);
  }
  if (so->table != so->small) FreeTable(so->table, so->mask);
  FreeObject(o, o->type->basic_size);
}

Object* SetRepr(Object* o) {
  SetObject* so = AsSet(o);
  bool exact_set = o->type == &SetType;
  if (ReprEnter(o)) return NewStr(StrCat(TypeName(o), "(...)"));
  // Keys are snapshotted: a key's repr may mutate the set.
  Snapshot keys(so);
  if (keys.entries().empty()) {
    ReprLeave(o);
    return NewStr(StrCat(TypeName(o), "()"));
  }
  std::string out = exact_set ? "{" : StrCat(TypeName(o), "({");
  bool ok = true;
  for (size_t i = 0; i < keys.entries().size() && ok; ++i) {
    if (i > 0) out += ", ";
    std::string item;
    ok = ReprString(keys.entries()[i].key, &item);
    out += item;
  }
  ReprLeave(o);
  if (!ok) return nullptr;
  out += exact_set ? "}" : "})";
  return NewStr(out);
}

int64_t SetLength(Object* o) { return Used(AsSet(o)); }
int SetTruth(Object* o) { return Used(AsSet(o)) != 0; }

int SetContainsSlot(Object* o, Object* key) {
  return WithFrozenFallback(AsSet(o), key, ContainsKey);
}

uint64_t ShuffleBits(uint64_t h) {
  return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL;
}

// Order-independent (xor of per-key mixes), then dispersed so nested
// frozensets with similar members still spread; CPython's function.
int64_t FrozenSetHash(Object* o) {
  SetObject* so = AsSet(o);
  CriticalSection cs(so->mutex);
  if (so->hash != -1) return so->hash;
  uint64_t h = 0;
  for (int64_t i = 0; i <= so->mask; ++i) {
    if (IsLive(so->table[i])) {
      h ^= ShuffleBits(static_cast<uint64_t>(so->table[i].hash));
    }
  }
  h ^= (static_cast<uint64_t>(so->used) + 1) * 1927868237ULL;
  h ^= (h >> 11) ^ (h >> 25);
  h = h * 69069U + 907133923ULL;
  if (h == static_cast<uint64_t>(-1)) h = 590923713ULL;
  so->hash = static_cast<int64_t>(h);
  return so->hash;
}

// A frozenset's cached hash, or -1.
int64_t KnownHash(SetObject* so) {
  CriticalSection cs(so->mutex);
  return so->hash;
}

Object* SetCompare(Object* a, Object* b, CompareOp op) {
  if (!AnySet(a) || !AnySet(b)) return NotImplemented();
  SetObject* v = AsSet(a);
  SetObject* w = AsSet(b);
  int r;
  switch (op) {
    case CompareOp::kEq:
    case CompareOp::kNe:
      if (Used(v) != Used(w)) {
        r = 0;
      } else if (KnownHash(v) != -1 && KnownHash(w) != -1 &&
                 KnownHash(v) != KnownHash(w)) {
        r = 0;
      } else {
        r = IsSubset(v, w);
      }
      if (r < 0) return nullptr;
      return Bool(op == CompareOp::kEq ? r != 0 : r == 0);
    case CompareOp::kLe:
      r = IsSubset(v, w);
      break;
    case CompareOp::kGe:
      r = IsSuperset(v, w);
      break;
    case CompareOp::kLt:
      r = Used(v) >= Used(w) ? 0 : IsSubset(v, w);
      break;
    case CompareOp::kGt:
      r = Used(v) <= Used(w) ? 0 : IsSuperset(v, w);
      break;
    default:
      return NotImplemented();
  }
  if (r < 0) return nullptr;
  return Bool(r != 0);
}

Object* SetOr(Object* a, Object* b) {
  if (!AnySet(a) || !AnySet(b)) return NotImplemented();
  SetObject* result = CopySet(AsSet(a));
  if (result == nullptr || a == b) return result;
  if (UpdateInternal(result, b) < 0) {
    Decref(result);
    return nullptr;
  }
  return result;
}

Object* SetAnd(Object* a, Object* b) {
  if (!AnySet(a) || !AnySet(b)) return NotImplemented();
  return Intersection(AsSet(a), b);
}

Object* SetSub(Object* a, Object* b) {
  if (!AnySet(a) || !AnySet(b)) return NotImplemented();
  return Difference(AsSet(a), b);
}

Object* SetXor(Object* a, Object* b) {
  if (!AnySet(a) || !AnySet(b)) return NotImplemented();
  return SymmetricDifference(AsSet(a), b);
}

Object* SetInplaceOr(Object* a, Object* b) {
  if (!AnySet(b)) return NotImplemented();
  if (UpdateInternal(AsSet(a), b) < 0) return nullptr;
  return NewRef(a);
}

Object* SetInplaceAnd(Object* a, Object* b) {
  if (!AnySet(b)) return NotImplemented();
  SetObject* tmp = Intersection(AsSet(a), b);
  if (tmp == nullptr) return nullptr;
  SwapBodies(AsSet(a), tmp);
  Decref(tmp);
  return NewRef(a);
}

Object* SetInplaceSub(Object* a, Object* b) {
  if (!AnySet(b)) return NotImplemented();
  if (DifferenceUpdateInternal(AsSet(a), b) < 0) return nullptr;
  return NewRef(a);
}

Object* SetInplaceXor(Object* a, Object* b) {
  if (!AnySet(b)) return NotImplemented();
  if (SymmetricDifferenceUpdate(AsSet(a), b) < 0) return nullptr;
  return NewRef(a);
}

// Iterator: positions into the table; a size change is an error, as in
// CPython (the table may have been rebuilt).
struct SetIterator : Object {
  SetObject* set;  // nullptr once exhausted
  int64_t used;
  int64_t pos;
};

Object* SetIter(Object* o) {
  auto* it = static_cast<SetIterator*>(
      AllocObject(&SetIteratorType, sizeof(SetIterator)));
  if (it == nullptr) return nullptr;
  it->set = AsSet(NewRef(o));
  it->used = Used(it->set);
  it->pos = 0;
  return it;
}

// it->used once the iterator has run out (or -1 once the set changed size).
constexpr int64_t kSetIterExhausted = -2;

// The position and the exhaustion mark live under the set's lock, so
// threads sharing the iterator each take a distinct entry.
Object* SetIterNext(Object* o) {
  auto* it = static_cast<SetIterator*>(o);
  SetObject* so = it->set;
  if (so == nullptr) return nullptr;
  {
    CriticalSection cs(so->mutex);
    if (it->used == kSetIterExhausted) return nullptr;
    if (it->used != so->used) {
      it->used = -1;  // stays broken
      cs.Release();
      return SetError(&RuntimeErrorType, "Set changed size during iteration");
    }
    SetEntry* e;
    if (NextEntry(so, &it->pos, &e)) return NewRef(e->key);
    it->used = kSetIterExhausted;
  }
  // CPython lets go of the set at the end. With object locks another thread
  // may have read it->set and be about to lock the set, so it stays until
  // the iterator dies; without them, nobody else is in here.
  if (!kObjectLocks) {
    it->set = nullptr;
    Decref(so);
  }
  return nullptr;
}

void SetIterDealloc(Object* o) {
  XDecref(static_cast<SetIterator*>(o)->set);
  FreeObject(o, sizeof(SetIterator));
}

Object* SelfIter(Object* o) { return NewRef(o); }

// --- methods --------------------------------------------------------------

#define SET_METHOD_ARGS(name, min, max)            \
  if (!CheckNoKeywords(name, kwnames) ||           \
      !CheckArgCount(name, nargs - 1, min, max)) { \
    return nullptr;                                \
  }

SetObject* Self(Object* const* args) { return AsSet(args[0]); }

Object* SetAddMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  SET_METHOD_ARGS("set.add", 1, 1);
  if (AddKey(Self(args), args[1]) < 0) return nullptr;
  return None();
}

Object* SetClearMethod(Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  SET_METHOD_ARGS("set.clear", 0, 0);
  ClearInternal(Self(args));
  return None();
}

Object* SetCopyMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  SET_METHOD_ARGS("set.copy", 0, 0);
  return CopySet(Self(args));
}

Object* FrozenSetCopyMethod(Object* const* args, size_t nargs,
                            TupleObject* kwnames) {
  SET_METHOD_ARGS("frozenset.copy", 0, 0);
  if (args[0]->type == &FrozenSetType) return NewRef(args[0]);
  return CopySet(Self(args));
}

Object* SetDiscardMethod(Object* const* args, size_t nargs,
                         TupleObject* kwnames) {
  SET_METHOD_ARGS("set.discard", 1, 1);
  if (WithFrozenFallback(Self(args), args[1], DiscardKey) < 0) return nullptr;
  return None();
}

Object* SetRemoveMethod(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  SET_METHOD_ARGS("set.remove", 1, 1);
  int rv = WithFrozenFallback(Self(args), args[1], DiscardKey);
  if (rv < 0) return nullptr;
  if (rv == 0) return SetKeyError(args[1]);
  return None();
}

Object* SetPopMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  SET_METHOD_ARGS("set.pop", 0, 0);
  Object* key = SetPop(Self(args));
  return key;
}

Object* SetUnionMethod(Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  if (!CheckNoKeywords("set.union", kwnames)) return nullptr;
  SetObject* so = Self(args);
  SetObject* result = CopySet(so);
  if (result == nullptr) return nullptr;
  for (size_t i = 1; i < nargs; ++i) {
    if (args[i] == so) continue;
    if (UpdateInternal(result, args[i]) < 0) {
      Decref(result);
      return nullptr;
    }
  }
  return result;
}

Object* SetUpdateMethod(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  if (!CheckNoKeywords("set.update", kwnames)) return nullptr;
  for (size_t i = 1; i < nargs; ++i) {
    if (UpdateInternal(Self(args), args[i]) < 0) return nullptr;
  }
  return None();
}

SetObject* IntersectionMulti(Object* const* args, size_t nargs) {
  SetObject* result = AsSet(NewRef(args[0]));
  if (nargs == 1) {
    Decref(result);
    return CopySet(Self(args));
  }
  for (size_t i = 1; i < nargs; ++i) {
    SetObject* next = Intersection(result, args[i]);
    Decref(result);
    if (next == nullptr) return nullptr;
    result = next;
  }
  return result;
}

Object* SetIntersectionMethod(Object* const* args, size_t nargs,
                              TupleObject* kwnames) {
  if (!CheckNoKeywords("set.intersection", kwnames)) return nullptr;
  return IntersectionMulti(args, nargs);
}

Object* SetIntersectionUpdateMethod(Object* const* args, size_t nargs,
                                    TupleObject* kwnames) {
  if (!CheckNoKeywords("set.intersection_update", kwnames)) return nullptr;
  SetObject* tmp = IntersectionMulti(args, nargs);
  if (tmp == nullptr) return nullptr;
  SwapBodies(Self(args), tmp);
  Decref(tmp);
  return None();
}

Object* SetDifferenceMethod(Object* const* args, size_t nargs,
                            TupleObject* kwnames) {
  if (!CheckNoKeywords("set.difference", kwnames)) return nullptr;
  if (nargs == 1) return CopySet(Self(args));
  SetObject* result = Difference(Self(args), args[1]);
  if (result == nullptr) return nullptr;
  for (size_t i = 2; i < nargs; ++i) {
    if (DifferenceUpdateInternal(result, args[i]) < 0) {
      Decref(result);
      return nullptr;
    }
  }
  return result;
}

Object* SetDifferenceUpdateMethod(Object* const* args, size_t nargs,
                                  TupleObject* kwnames) {
  if (!CheckNoKeywords("set.difference_update", kwnames)) return nullptr;
  for (size_t i = 1; i < nargs; ++i) {
    if (DifferenceUpdateInternal(Self(args), args[i]) < 0) return nullptr;
  }
  return None();
}

Object* SetSymmetricDifferenceMethod(Object* const* args, size_t nargs,
                                     TupleObject* kwnames) {
  SET_METHOD_ARGS("set.symmetric_difference", 1, 1);
  return SymmetricDifference(Self(args), args[1]);
}

Object* SetSymmetricDifferenceUpdateMethod(Object* const* args, size_t nargs,
                                           TupleObject* kwnames) {
  SET_METHOD_ARGS("set.symmetric_difference_update", 1, 1);
  if (SymmetricDifferenceUpdate(Self(args), args[1]) < 0) return nullptr;
  return None();
}

Object* BoolResult(int r) { return r < 0 ? nullptr : Bool(r != 0); }

Object* SetIsSubsetMethod(Object* const* args, size_t nargs,
                          TupleObject* kwnames) {
  SET_METHOD_ARGS("set.issubset", 1, 1);
  return BoolResult(IsSubset(Self(args), args[1]));
}

Object* SetIsSupersetMethod(Object* const* args, size_t nargs,
                            TupleObject* kwnames) {
  SET_METHOD_ARGS("set.issuperset", 1, 1);
  return BoolResult(IsSuperset(Self(args), args[1]));
}

Object* SetIsDisjointMethod(Object* const* args, size_t nargs,
                            TupleObject* kwnames) {
  SET_METHOD_ARGS("set.isdisjoint", 1, 1);
  return BoolResult(IsDisjoint(Self(args), args[1]));
}

Object* SetContainsMethod(Object* const* args, size_t nargs,
                          TupleObject* kwnames) {
  SET_METHOD_ARGS("set.__contains__", 1, 1);
  return BoolResult(SetContainsSlot(args[0], args[1]));
}

Object* NewSetOrFrozen(Object* const* args, size_t nargs, TupleObject* kwnames,
                       const char* name) {
  auto* type = static_cast<Type*>(args[0]);
  if (!CheckNoKeywords(name, kwnames)) return nullptr;
  if (nargs > 2) {
    return SetError(
        &TypeErrorType,
        StrCat(name, " expected at most 1 argument, got ", nargs - 1));
  }
  Object* iterable = nargs > 1 ? args[1] : nullptr;
  // frozenset(f) of an exact frozenset is f itself: it is immutable.
  if (type == &FrozenSetType && iterable != nullptr &&
      iterable->type == &FrozenSetType) {
    return NewRef(iterable);
  }
  return MakeSet(type, iterable);
}

Object* SetNewMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  return NewSetOrFrozen(args, nargs, kwnames, "set");
}

Object* FrozenSetNewMethod(Object* const* args, size_t nargs,
                           TupleObject* kwnames) {
  return NewSetOrFrozen(args, nargs, kwnames, "frozenset");
}

const MethodDef kSetMethods[] = {
    {"add", SetAddMethod, kNativeMethod},
    {"clear", SetClearMethod, kNativeMethod},
    {"copy", SetCopyMethod, kNativeMethod},
    {"discard", SetDiscardMethod, kNativeMethod},
    {"remove", SetRemoveMethod, kNativeMethod},
    {"pop", SetPopMethod, kNativeMethod},
    {"union", SetUnionMethod, kNativeMethod},
    {"update", SetUpdateMethod, kNativeMethod},
    {"intersection", SetIntersectionMethod, kNativeMethod},
    {"intersection_update", SetIntersectionUpdateMethod, kNativeMethod},
    {"difference", SetDifferenceMethod, kNativeMethod},
    {"difference_update", SetDifferenceUpdateMethod, kNativeMethod},
    {"symmetric_difference", SetSymmetricDifferenceMethod, kNativeMethod},
    {"symmetric_difference_update", SetSymmetricDifferenceUpdateMethod,
     kNativeMethod},
    {"issubset", SetIsSubsetMethod, kNativeMethod},
    {"issuperset", SetIsSupersetMethod, kNativeMethod},
    {"isdisjoint", SetIsDisjointMethod, kNativeMethod},
    {"__contains__", SetContainsMethod, kNativeMethod},
    {nullptr, nullptr, 0},
};

const MethodDef kFrozenSetMethods[] = {
    {"copy", FrozenSetCopyMethod, kNativeMethod},
    {"union", SetUnionMethod, kNativeMethod},
    {"intersection", SetIntersectionMethod, kNativeMethod},
    {"difference", SetDifferenceMethod, kNativeMethod},
    {"symmetric_difference", SetSymmetricDifferenceMethod, kNativeMethod},
    {"issubset", SetIsSubsetMethod, kNativeMethod},
    {"issuperset", SetIsSupersetMethod, kNativeMethod},
    {"isdisjoint", SetIsDisjointMethod, kNativeMethod},
    {"__contains__", SetContainsMethod, kNativeMethod},
    {nullptr, nullptr, 0},
};

void InitCommonSlots(Type* t) {
  t->flags |= kTypeBaseType;
  t->dealloc = SetDealloc;
  t->repr = SetRepr;
  t->compare = SetCompare;
  t->truth = SetTruth;
  t->length = SetLength;
  t->contains = SetContainsSlot;
  t->iter = SetIter;
  t->getattr = GenericGetAttr;
  t->number[static_cast<int>(BinOp::kOr)] = SetOr;
  t->number[static_cast<int>(BinOp::kAnd)] = SetAnd;
  t->number[static_cast<int>(BinOp::kSub)] = SetSub;
  t->number[static_cast<int>(BinOp::kXor)] = SetXor;
}

}  // namespace

SetObject* NewSet() { return AllocSet(&SetType); }

SetObject* NewSetFrom(Object* iterable) { return MakeSet(&SetType, iterable); }

Object* NewFrozenSet(Object* iterable) {
  if (iterable != nullptr && iterable->type == &FrozenSetType) {
    return NewRef(iterable);
  }
  return MakeSet(&FrozenSetType, iterable);
}

int SetAdd(SetObject* set, Object* key) { return AddKey(set, key); }

int SetUpdate(SetObject* set, Object* iterable) {
  return UpdateInternal(set, iterable);
}

int SetContains(SetObject* set, Object* key) {
  return WithFrozenFallback(set, key, ContainsKey);
}

int SetDiscard(SetObject* set, Object* key) {
  return WithFrozenFallback(set, key, DiscardKey);
}

int64_t SetSize(SetObject* set) { return Used(set); }

// For sets no other thread changes, like DictNext.
bool SetNext(SetObject* set, int64_t* pos, Object** key) {
  SetEntry* e;
  if (!NextEntry(set, pos, &e)) return false;
  *key = e->key;
  return true;
}

Object* SetPop(SetObject* so) {
  CriticalSection cs(so->mutex);
  if (so->used == 0) {
    cs.Release();
    return SetError(&KeyErrorType, "pop from an empty set");
  }
  // The finger spreads successive pops over the table instead of
  // rescanning the dummies left at its start.
  int64_t i = so->finger & so->mask;
  while (!IsLive(so->table[i])) i = (i + 1) & so->mask;
  Object* key = so->table[i].key;
  so->table[i].key = Dummy();
  so->table[i].hash = -1;
  --so->used;
  so->hash = -1;
  ++so->version;
  so->finger = i + 1;
  return key;
}

void InitSetType() {
  InitStaticType(&SetType, "set", sizeof(SetObject), &ObjectType);
  InitCommonSlots(&SetType);
  SetType.inplace[static_cast<int>(BinOp::kOr)] = SetInplaceOr;
  SetType.inplace[static_cast<int>(BinOp::kAnd)] = SetInplaceAnd;
  SetType.inplace[static_cast<int>(BinOp::kSub)] = SetInplaceSub;
  SetType.inplace[static_cast<int>(BinOp::kXor)] = SetInplaceXor;
  AddMethods(&SetType, kSetMethods);
  DictSetStr(SetType.dict, "__new__",
             NewStaticNativeFunction("__new__", SetNewMethod, kNativeKeywords));

  InitStaticType(&FrozenSetType, "frozenset", sizeof(SetObject), &ObjectType);
  InitCommonSlots(&FrozenSetType);
  FrozenSetType.hash = FrozenSetHash;
  AddMethods(&FrozenSetType, kFrozenSetMethods);
  DictSetStr(FrozenSetType.dict, "__new__",
             NewStaticNativeFunction("__new__", FrozenSetNewMethod, kNativeKeywords));

  InitStaticType(&SetIteratorType, "set_iterator", sizeof(SetIterator),
                 &ObjectType);
  SetIteratorType.dealloc = SetIterDealloc;
  SetIteratorType.iter = SelfIter;
  SetIteratorType.iternext = SetIterNext;
  SetIteratorType.getattr = GenericGetAttr;
}

}  // namespace twinpy
