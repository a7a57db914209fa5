#include "alloc/arena.h"

#include <sys/mman.h>

#include <cstdint>

namespace twinpy::alloc {

ArenaHeader* MapArena() {
  const size_t bytes = kArenaSize + kPageSize;
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return nullptr;
  auto* arena = static_cast<ArenaHeader*>(p);
  arena->next = nullptr;
  arena->mapped_bytes = bytes;
  return arena;
}

void UnmapArena(ArenaHeader* arena) { munmap(arena, arena->mapped_bytes); }

char* FirstPage(ArenaHeader* arena) {
  // The header sits below the first boundary after it; the mapping is
  // kPageSize longer than the pages, so kPagesPerArena pages fit above.
  auto start = reinterpret_cast<uintptr_t>(arena + 1);
  uintptr_t aligned = (start + kPageSize - 1) & ~uintptr_t{kPageSize - 1};
  return reinterpret_cast<char*>(aligned);
}

}  // namespace twinpy::alloc
