// Caches of name lookups in read-mostly dicts: LOAD_GLOBAL (globals, then
// builtins) and attributes of modules. One slot per name of a code object.
//
// A hit reads the dicts' version counters and the cached record, and writes
// nothing shared: threads calling the same functions keep the globals' and
// builtins' cache lines in the shared state instead of passing a lock back
// and forth. A record is immutable once published; a miss publishes a new
// one. Records live until their code object dies (at most a few per name,
// see kMaxRecordsPerName), so a reader never sees one freed.
//
// The cached value is a borrowed pointer. The free-threaded build caches
// only immortal values (a rebinding thread could free a mortal one under a
// reader); the GIL build caches any, since a hit is checked and used under
// the lock (variant.h's kCacheMortalValues). The one exception: a mortal
// value cached for LOAD_GLOBAL_LENT (lend_only), which a hit only lends:
// the reader marks the dict read (LockFreeReads::NoteReader) before it
// checks the version, so a writer that rebinds the name after the check
// defers the value's release, and the reader's loan keeps that release
// from happening until the subscript is done (qsbr.h).
#ifndef TWINPY_RUNTIME_NAME_CACHE_H_
#define TWINPY_RUNTIME_NAME_CACHE_H_

#include <atomic>
#include <cstdint>

#include "runtime/code.h"
#include "runtime/dict.h"
#include "runtime/str.h"

namespace twinpy {

struct NameCacheRecord {
  DictObject* dict;       // globals, or a module's dict
  DictObject* fallback;   // builtins for LOAD_GLOBAL, else nullptr
  uint64_t version;       // dict->version when the value was found
  uint64_t fallback_version;
  Object* value;
  bool lend_only;         // mortal, for LOAD_GLOBAL_LENT only
  NameCacheRecord* next;  // the code object's list of records, for freeing
};

struct NameCacheVersions {
  uint64_t dict;
  uint64_t fallback;
};

struct NameCache {
  std::atomic<NameCacheRecord*> records;  // every record made, newest first
  std::atomic<int64_t> misses;            // records made, against the cap
  std::atomic<NameCacheRecord*> slots[];  // one per code->names item
};

// A name rebound over and over (a global counter) stops being cached.
inline constexpr int64_t kMaxRecordsPerName = 4;

// The value of `name` (code->names[index]) in `dict`, falling back to
// `fallback` when it is not nullptr; a new reference, or nullptr without an
// exception when neither has it.
Object* CachedLookupSlow(CodeObject* code, int index, DictObject* dict,
                         DictObject* fallback);

// The record still valid for `name` (code->names[index]), or nullptr.
inline const NameCacheRecord* CachedRecord(CodeObject* code, int index,
                                           DictObject* dict, DictObject* fallback) {
  NameCache* cache = code->name_cache.load(std::memory_order_acquire);
  if (__builtin_expect(cache != nullptr, 1)) {
    const NameCacheRecord* r = cache->slots[index].load(std::memory_order_acquire);
    if (r != nullptr && r->dict == dict && r->fallback == fallback &&
        r->version == dict->version.load(std::memory_order_acquire) &&
        (fallback == nullptr ||
         r->fallback_version == fallback->version.load(std::memory_order_acquire))) {
      return r;
    }
  }
  return nullptr;
}

inline Object* CachedLookup(CodeObject* code, int index, DictObject* dict,
                            DictObject* fallback) {
  const NameCacheRecord* r = CachedRecord(code, index, dict, fallback);
  if (r != nullptr && !r->lend_only) {
    Incref(r->value);
    return r->value;
  }
  return CachedLookupSlow(code, index, dict, fallback);
}

// For a miss: the dicts' versions, read before the lookup, and a record of
// the value found (`lend_only` for a mortal value in the free-threaded
// build), unless the code object has made too many.
NameCacheVersions ReadVersions(DictObject* dict, DictObject* fallback);
void CacheValue(CodeObject* code, int index, DictObject* dict, DictObject* fallback,
                NameCacheVersions seen, Object* value, bool lend_only);

// Frees a code object's cache (its dealloc).
void FreeNameCache(NameCache* cache, int64_t slots);

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_NAME_CACHE_H_
