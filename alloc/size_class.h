// Size classes of the small-object allocator: 32 classes, 16 bytes apart,
// from 16 to 512 bytes. Larger requests go to mimalloc.
#ifndef TWINPY_ALLOC_SIZE_CLASS_H_
#define TWINPY_ALLOC_SIZE_CLASS_H_

#include <cstddef>

namespace twinpy::alloc {

// Every block is a multiple of this and starts on such a boundary, which is
// what x86-64 and AArch64 ABIs promise for malloc (SSE/NEON loads, long
// double).
inline constexpr size_t kAlignment = 16;
inline constexpr size_t kMaxSmallSize = 512;
inline constexpr size_t kNumClasses = kMaxSmallSize / kAlignment;  // 32

// A page serves one size class; arenas are mapped from the OS and cut into
// pages. Pages are aligned to their size so a later change (returning empty
// pages, per-page counts) can find a block's page by masking its address.
inline constexpr size_t kPageSize = size_t{64} << 10;
inline constexpr size_t kPagesPerArena = 64;
inline constexpr size_t kArenaSize = kPageSize * kPagesPerArena;  // 4 MiB

// True for 1..512. Size 0 wraps around to a huge value and so counts as large:
// mimalloc gives each zero-byte request its own unique pointer, which keeps
// one comparison on the hot path.
constexpr bool IsSmallSize(size_t size) { return size - 1 < kMaxSmallSize; }

// Class index for 1 <= size <= kMaxSmallSize: 1..16 -> 0, 17..32 -> 1, ...
constexpr size_t SizeToClass(size_t size) { return (size - 1) / kAlignment; }

// Block size of a class: 0 -> 16, ..., 31 -> 512.
constexpr size_t ClassToSize(size_t size_class) {
  return (size_class + 1) * kAlignment;
}

static_assert(SizeToClass(1) == 0 && SizeToClass(16) == 0);
static_assert(SizeToClass(17) == 1 && SizeToClass(kMaxSmallSize) == 31);
static_assert(ClassToSize(kNumClasses - 1) == kMaxSmallSize);
static_assert(!IsSmallSize(0) && !IsSmallSize(kMaxSmallSize + 1));

}  // namespace twinpy::alloc

#endif  // TWINPY_ALLOC_SIZE_CLASS_H_
