#include "runtime/name_cache.h"

#include <cstdlib>
#include <new>

#include "runtime/tuple.h"
#include "runtime/variant.h"

namespace twinpy {

namespace {

NameCache* GetOrMakeCache(CodeObject* code) {
  NameCache* cache = code->name_cache.load(std::memory_order_acquire);
  if (cache != nullptr) return cache;
  const int64_t n = code->names->size;
  void* mem = calloc(1, sizeof(NameCache) + sizeof(std::atomic<NameCacheRecord*>) * n);
  if (mem == nullptr) return nullptr;
  auto* fresh = new (mem) NameCache();
  for (int64_t i = 0; i < n; ++i) new (&fresh->slots[i]) std::atomic<NameCacheRecord*>(nullptr);
  if (code->name_cache.compare_exchange_strong(cache, fresh, std::memory_order_acq_rel)) {
    return fresh;
  }
  free(mem);  // another thread installed one first
  return cache;
}

}  // namespace

NameCacheVersions ReadVersions(DictObject* dict, DictObject* fallback) {
  return {dict->version.load(std::memory_order_acquire),
          fallback != nullptr ? fallback->version.load(std::memory_order_acquire) : 0};
}

void CacheValue(CodeObject* code, int index, DictObject* dict, DictObject* fallback,
                NameCacheVersions seen, Object* value, bool lend_only) {
  NameCache* cache = GetOrMakeCache(code);
  if (cache == nullptr) return;
  if (cache->misses.fetch_add(1, std::memory_order_relaxed) >=
      kMaxRecordsPerName * code->names->size) {
    return;
  }
  auto* r = static_cast<NameCacheRecord*>(malloc(sizeof(NameCacheRecord)));
  if (r == nullptr) return;
  *r = NameCacheRecord{dict,  fallback,  seen.dict, seen.fallback,
                       value, lend_only, nullptr};
  NameCacheRecord* head = cache->records.load(std::memory_order_relaxed);
  do {
    r->next = head;
  } while (!cache->records.compare_exchange_weak(head, r, std::memory_order_release,
                                                 std::memory_order_relaxed));
  cache->slots[index].store(r, std::memory_order_release);
}

Object* CachedLookupSlow(CodeObject* code, int index, DictObject* dict,
                         DictObject* fallback) {
  StrObject* name = static_cast<StrObject*>(code->names->items[index]);
  // Versions first: a change racing with the lookup leaves the record
  // stale (never hit) rather than wrong.
  const NameCacheVersions seen = ReadVersions(dict, fallback);
  Object* v = DictGetStrRef(dict, name);
  if (v == nullptr && fallback != nullptr) v = DictGetStrRef(fallback, name);
  if (v != nullptr && (kCacheMortalValues || IsImmortal(v))) {
    CacheValue(code, index, dict, fallback, seen, v, false);
  }
  return v;
}

void FreeNameCache(NameCache* cache, int64_t slots) {
  if (cache == nullptr) return;
  NameCacheRecord* r = cache->records.load(std::memory_order_relaxed);
  while (r != nullptr) {
    NameCacheRecord* next = r->next;
    free(r);
    r = next;
  }
  for (int64_t i = 0; i < slots; ++i) cache->slots[i].~atomic();
  cache->~NameCache();
  free(cache);
}

}  // namespace twinpy
