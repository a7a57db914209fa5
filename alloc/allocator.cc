#include "alloc/allocator.h"

namespace twinpy::alloc {

namespace internal {

// Fails the build if the holder would need a dynamic initialiser.
#if defined(__clang__)
#define TWINPY_CONSTINIT [[clang::require_constant_initialization]]
#elif defined(__GNUC__) && __GNUC__ >= 10
#define TWINPY_CONSTINIT __constinit
#else
#define TWINPY_CONSTINIT
#endif

TWINPY_CONSTINIT GlobalAllocatorHolder global_allocator_holder;

#undef TWINPY_CONSTINIT

thread_local ThreadCache thread_cache;

void* RefillAndAllocate(size_t size_class) {
  size_t count = 0;
  void* first = global_allocator_holder.allocator.TakeBatch(
      size_class, CacheBatch(size_class), &count);
  if (first == nullptr) return nullptr;
  ThreadCache::Bin& bin = thread_cache.bins[size_class];
  bin.head = *static_cast<void**>(first);
  bin.count = static_cast<uint32_t>(count - 1);
  return first;
}

// Keeps one batch (the most recently freed blocks, likely still in cache)
// and returns the rest.
void Overflow(size_t size_class) {
  ThreadCache::Bin& bin = thread_cache.bins[size_class];
  const uint32_t keep = CacheBatch(size_class);
  void* last_kept = bin.head;
  for (uint32_t i = 1; i < keep; ++i) last_kept = *static_cast<void**>(last_kept);
  void* first = *static_cast<void**>(last_kept);
  void* last = first;
  for (uint32_t i = keep + 1; i < bin.count; ++i) last = *static_cast<void**>(last);
  *static_cast<void**>(last_kept) = nullptr;
  global_allocator_holder.allocator.GiveBatch(size_class, first, last,
                                              bin.count - keep);
  bin.count = keep;
}

}  // namespace internal

void ReleaseThreadCache() {
  if (!kThreadCaches) return;
  for (size_t c = 0; c < kNumClasses; ++c) {
    internal::ThreadCache::Bin& bin = internal::thread_cache.bins[c];
    if (bin.head == nullptr) continue;
    void* last = bin.head;
    while (*static_cast<void**>(last) != nullptr) last = *static_cast<void**>(last);
    internal::global_allocator_holder.allocator.GiveBatch(c, bin.head, last,
                                                          bin.count);
    bin.head = nullptr;
    bin.count = 0;
  }
}

Stats GetStats() {
  return internal::global_allocator_holder.allocator.GetStats();
}

}  // namespace twinpy::alloc
