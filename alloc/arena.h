// Pages for the size classes, cut from arenas mapped from the OS.
#ifndef TWINPY_ALLOC_ARENA_H_
#define TWINPY_ALLOC_ARENA_H_

#include <cstddef>
#include <cstdint>
#include <mutex>

#include "alloc/size_class.h"

namespace twinpy::alloc {

// One mapping from the OS. Its first bytes hold this header; the
// kPagesPerArena pages that follow start on a kPageSize boundary (the mapping
// is one page longer than they need, so there is always room to align).
struct ArenaHeader {
  ArenaHeader* next;
  size_t mapped_bytes;
};

// Maps a new arena and returns its header, or nullptr when the OS refuses.
// The memory is reserved, not committed: untouched pages cost no RAM.
ArenaHeader* MapArena();
// Returns an arena from MapArena to the OS.
void UnmapArena(ArenaHeader* arena);
// The first kPageSize-aligned page of an arena.
char* FirstPage(ArenaHeader* arena);

// Hands out pages one at a time, mapping arenas as needed, and unmaps them
// all when destroyed. Pages are never given back before that. Called only on
// the allocator's slow path (once per page), so one lock for all classes is
// enough.
template <class Lock>
class PageSource {
 public:
  // max_arenas = 0: no limit; otherwise NewPage fails after that many arenas
  // (lets tests reach the out-of-memory path without exhausting the machine).
  constexpr explicit PageSource(size_t max_arenas = 0)
      : max_arenas_(max_arenas) {}
  PageSource(const PageSource&) = delete;
  PageSource& operator=(const PageSource&) = delete;

  ~PageSource() {
    while (arenas_ != nullptr) {
      ArenaHeader* next = arenas_->next;
      UnmapArena(arenas_);
      arenas_ = next;
    }
  }

  // A fresh kPageSize page, or nullptr when out of memory.
  void* NewPage() {
    std::lock_guard<Lock> guard(lock_);
    if (next_page_ == end_page_) {
      if (max_arenas_ != 0 && arena_count_ == max_arenas_) return nullptr;
      ArenaHeader* arena = MapArena();
      if (arena == nullptr) return nullptr;
      arena->next = arenas_;
      arenas_ = arena;
      ++arena_count_;
      mapped_bytes_ += arena->mapped_bytes;
      next_page_ = FirstPage(arena);
      end_page_ = next_page_ + kArenaSize;
    }
    void* page = next_page_;
    next_page_ += kPageSize;
    return page;
  }

  uint64_t arena_count() const {
    std::lock_guard<Lock> guard(lock_);
    return arena_count_;
  }
  uint64_t mapped_bytes() const {
    std::lock_guard<Lock> guard(lock_);
    return mapped_bytes_;
  }

 private:
  mutable Lock lock_;
  size_t max_arenas_;
  ArenaHeader* arenas_ = nullptr;
  char* next_page_ = nullptr;
  char* end_page_ = nullptr;
  uint64_t arena_count_ = 0;
  uint64_t mapped_bytes_ = 0;
};

}  // namespace twinpy::alloc

#endif  // TWINPY_ALLOC_ARENA_H_
