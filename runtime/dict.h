// dict: an insertion-ordered hash table (a dense entry array indexed by a
// sparse open-addressing table, the layout CPython adopted in 3.6).
#ifndef TWINPY_RUNTIME_DICT_H_
#define TWINPY_RUNTIME_DICT_H_

#include <atomic>
#include <cstdint>

#include "runtime/object.h"
#include "runtime/object_lock.h"

namespace twinpy {

struct DictEntry {
  int64_t hash;
  Object* key;  // nullptr: deleted entry
  Object* value;
};

struct DictObject : Object {
  int64_t used;        // live entries
  int64_t nentries;    // entries written, live or deleted
  int64_t capacity;    // entry slots (2/3 of the index table)
  int64_t mask;        // index table size - 1
  int64_t* indices;    // -1 empty, -2 deleted, else entry number
  DictEntry* entries;
  // Bumped by every mutation, under the lock (name_cache.h reads it without).
  std::atomic<uint64_t> version;
  ObjectMutex mutex;   // free-threaded build: guards everything above
  LockFreeReads reads;  // DictGetStrRef reads without the mutex
};

extern Type DictType;

inline bool IsDict(const Object* o) {
  return o->type == &DictType || (o->type->flags & kTypeDictSubclass);
}
DictObject* NewDict();
// An empty dict of a native subclass whose objects are `size` bytes (the
// bytes past the DictObject are zeroed). The type's basic_size must be
// `size`: dict's dealloc frees basic_size bytes.
DictObject* NewDictOfType(Type* type, size_t size);
// Borrowed reference or nullptr. Returns nullptr with an exception set when
// hashing or comparing raised: callers check ErrorOccurred() on nullptr.
Object* DictGetItem(DictObject* d, Object* key);
// Lookup by an interned-or-not str key, which cannot raise.
Object* DictGetStr(DictObject* d, StrObject* key);
// The same lookups returning a new reference, taken under the dict's lock:
// what code must use on dicts other threads may change (globals, instance
// and user dicts) in the free-threaded build.
Object* DictGetItemRef(DictObject* d, Object* key);
Object* DictGetStrRef(DictObject* d, StrObject* key);
// The value of `key` (nullptr when absent) without the lock or a count, in
// the free-threaded build, for a reader that holds a global loan until it
// is done with it (qsbr.h): a writer defers what it unlinks. False when the
// lookup needs the lock: the caller counts the value instead (DictGetStrRef).
bool DictBorrowStr(DictObject* d, StrObject* key, Object** value);
int64_t DictSize(DictObject* d);
int DictSetItem(DictObject* d, Object* key, Object* value);  // -1 on error
// Steals `value`: for filling module and type dicts with new objects.
int DictSetStr(DictObject* d, const char* key, Object* value);
// 1 deleted, 0 missing (no exception), -1 error.
int DictDelItem(DictObject* d, Object* key);
// Sets (value) or deletes (value nullptr) like the two above, but hands the
// value replaced or removed to the caller instead of dropping it: *old is a
// reference, or nullptr when the key was absent. For dicts whose readers
// hold borrowed values (type dicts), so the caller can defer the release.
// -1 on error, else 1 when the key was present, 0 when not.
int DictExchangeItem(DictObject* d, Object* key, Object* value, Object** old);
// Iteration by position: *pos starts at 0; borrowed key and value (for
// dicts no other thread changes).
bool DictNext(DictObject* d, int64_t* pos, Object** key, Object** value);
// The same under the lock, with new references (either may be nullptr).
bool DictNextRef(DictObject* d, int64_t* pos, Object** key, Object** value);
DictObject* DictCopy(DictObject* d);
// Removes every entry (module teardown uses it to break function <-> globals
// cycles, which reference counting alone cannot free).
void DictClear(DictObject* d);
int DictUpdate(DictObject* d, Object* other);

void InitDictType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_DICT_H_
