// The allocator core, templated on the lock each size class takes, so one
// binary can hold an instance of every policy (tests, benchmarks). The global
// instance behind Allocate/Free is in allocator.h.
#ifndef TWINPY_ALLOC_SIZE_CLASS_ALLOCATOR_H_
#define TWINPY_ALLOC_SIZE_CLASS_ALLOCATOR_H_

#include <mimalloc.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "alloc/arena.h"
#include "alloc/locks.h"
#include "alloc/size_class.h"

namespace twinpy::alloc {

// Counters of one size class.
struct ClassStats {
  uint64_t allocations = 0;  // blocks handed out
  uint64_t frees = 0;        // blocks given back
  uint64_t pages = 0;        // kPageSize pages taken for this class
  // Times the class lock's first try failed and the caller waited: always 0
  // with NoLock.
  uint64_t lock_contentions = 0;
};

struct Stats {
  std::array<ClassStats, kNumClasses> classes{};
  uint64_t arenas = 0;        // arenas mapped from the OS
  uint64_t mapped_bytes = 0;  // their total size (reserved, not all touched)

  uint64_t TotalAllocations() const;
  uint64_t TotalFrees() const;
  uint64_t TotalLockContentions() const;
};

inline uint64_t Stats::TotalAllocations() const {
  uint64_t n = 0;
  for (const ClassStats& c : classes) n += c.allocations;
  return n;
}
inline uint64_t Stats::TotalFrees() const {
  uint64_t n = 0;
  for (const ClassStats& c : classes) n += c.frees;
  return n;
}
inline uint64_t Stats::TotalLockContentions() const {
  uint64_t n = 0;
  for (const ClassStats& c : classes) n += c.lock_contentions;
  return n;
}

// ThreadSanitizer cannot see the synchronisation inside the system's
// (uninstrumented) mimalloc: a large block freed by one thread and reused by
// another looks like a race on its memory. Under TSan large blocks come from
// malloc, which it intercepts.
#if defined(__SANITIZE_THREAD__)
inline constexpr bool kLargeFromMalloc = true;
#else
inline constexpr bool kLargeFromMalloc = false;
#endif

// Blocks of 16..512 bytes from per-class free lists; bigger ones from
// mimalloc. Frees are sized (the caller passes the size it asked for), so
// blocks carry no header. Never aborts: nullptr means out of memory.
template <class Lock>
class SizeClassAllocator {
 public:
  // max_arenas: see PageSource (0 = unlimited).
  constexpr explicit SizeClassAllocator(size_t max_arenas = 0)
      : classes_{}, pages_(max_arenas) {}
  SizeClassAllocator(const SizeClassAllocator&) = delete;
  SizeClassAllocator& operator=(const SizeClassAllocator&) = delete;

  // Destroying the allocator unmaps its arenas: every small block it handed
  // out dies with it. Large blocks belong to mimalloc and are not affected.

  void* Allocate(size_t size) {
    // mi_malloc aligns small requests (0..8 bytes, 24, ...) to 8 only; the
    // aligned entry point keeps the 16-byte promise for every size.
    if (__builtin_expect(!IsSmallSize(size), 0)) {
      if (kLargeFromMalloc) {
        // TSan aborts on requests past 1 TiB rather than failing them.
        if (size > (size_t{1} << 40)) return nullptr;
        return std::aligned_alloc(kAlignment,
                                  (size + kAlignment) & ~(kAlignment - 1));
      }
      return mi_malloc_aligned(size, kAlignment);
    }
    const size_t size_class = SizeToClass(size);
    ClassState& c = classes_[size_class];
    LockCountingContention(c.lock, &c.stats.lock_contentions);
    FreeBlock* block = c.free_list;
    if (__builtin_expect(block == nullptr, 0)) {
      block = Refill(c, size_class);
      if (block == nullptr) {
        c.lock.unlock();
        return nullptr;
      }
    }
    c.free_list = block->next;
    ++c.stats.allocations;
    c.lock.unlock();
    return block;
  }

  // `size` must be the size given to Allocate for `p`. nullptr is ignored.
  void Free(void* p, size_t size) {
    if (__builtin_expect(!IsSmallSize(size), 0)) {
      if (kLargeFromMalloc) {
        std::free(p);
      } else {
        mi_free(p);
      }
      return;
    }
    if (p == nullptr) return;
    ClassState& c = classes_[SizeToClass(size)];
    auto* block = static_cast<FreeBlock*>(p);
    LockCountingContention(c.lock, &c.stats.lock_contentions);
    block->next = c.free_list;
    c.free_list = block;
    ++c.stats.frees;
    c.lock.unlock();
  }

  // Moves up to `max` blocks of class `size_class` out under one lock
  // acquisition (a thread cache's refill). Returns the first, the rest linked
  // through their first word and the last one's link nullptr; *count says how
  // many. nullptr (and *count 0) when out of memory.
  void* TakeBatch(size_t size_class, size_t max, size_t* count) {
    ClassState& c = classes_[size_class];
    LockCountingContention(c.lock, &c.stats.lock_contentions);
    FreeBlock* first = c.free_list;
    if (first == nullptr) first = Refill(c, size_class);
    size_t n = 0;
    FreeBlock* last = nullptr;
    for (FreeBlock* b = first; b != nullptr && n < max; b = b->next) {
      last = b;
      ++n;
    }
    if (last != nullptr) {
      c.free_list = last->next;
      last->next = nullptr;
    }
    c.stats.allocations += n;
    c.lock.unlock();
    *count = n;
    return first;
  }

  // Gives back `count` blocks of class `size_class` linked from `first` to
  // `last` (a thread cache's overflow or its owner's exit), under one lock.
  void GiveBatch(size_t size_class, void* first, void* last, size_t count) {
    ClassState& c = classes_[size_class];
    LockCountingContention(c.lock, &c.stats.lock_contentions);
    static_cast<FreeBlock*>(last)->next = c.free_list;
    c.free_list = static_cast<FreeBlock*>(first);
    c.stats.frees += count;
    c.lock.unlock();
  }

  // A snapshot: each class is read under its own lock, so with other threads
  // running the classes are not read at the same instant.
  Stats GetStats() const {
    Stats s;
    for (size_t i = 0; i < kNumClasses; ++i) {
      const ClassState& c = classes_[i];
      c.lock.lock();
      s.classes[i] = c.stats;
      c.lock.unlock();
    }
    s.arenas = pages_.arena_count();
    s.mapped_bytes = pages_.mapped_bytes();
    return s;
  }

 private:
  struct FreeBlock {
    FreeBlock* next;
  };

  // One cache line (or two with a bigger lock) per class, so threads working
  // on different classes never write to the same line: the lock, the list
  // and the counters a fast path touches all live here.
  struct alignas(64) ClassState {
    mutable Lock lock;
    FreeBlock* free_list = nullptr;
    // The part of the current page not yet cut into blocks.
    char* carve_next = nullptr;
    char* carve_end = nullptr;
    ClassStats stats;
  };

  // Called with c.lock held and c.free_list empty. Cuts the next few blocks
  // of the class's current page (taking a new page if it is used up), links
  // them into c.free_list and returns the first, or nullptr when out of
  // memory. Cutting a small batch rather than the whole page keeps untouched
  // memory uncommitted and the pause short, and still amortises this call
  // over many allocations.
  __attribute__((noinline)) FreeBlock* Refill(ClassState& c,
                                              size_t size_class) {
    const size_t block_size = ClassToSize(size_class);
    if (static_cast<size_t>(c.carve_end - c.carve_next) < block_size) {
      char* page = static_cast<char*>(pages_.NewPage());
      if (page == nullptr) return nullptr;
      ++c.stats.pages;
      c.carve_next = page;
      c.carve_end = page + kPageSize / block_size * block_size;
    }
    constexpr size_t kBatchBytes = 4096;
    const size_t left = (c.carve_end - c.carve_next) / block_size;
    const size_t count =
        std::min(left, std::max<size_t>(kBatchBytes / block_size, 1));
    char* first = c.carve_next;
    char* last = first + (count - 1) * block_size;
    for (char* b = first; b != last; b += block_size) {
      reinterpret_cast<FreeBlock*>(b)->next =
          reinterpret_cast<FreeBlock*>(b + block_size);
    }
    reinterpret_cast<FreeBlock*>(last)->next = nullptr;
    c.carve_next = last + block_size;
    c.free_list = reinterpret_cast<FreeBlock*>(first);
    return c.free_list;
  }

  ClassState classes_[kNumClasses];
  PageSource<Lock> pages_;
};

}  // namespace twinpy::alloc

#endif  // TWINPY_ALLOC_SIZE_CLASS_ALLOCATOR_H_
