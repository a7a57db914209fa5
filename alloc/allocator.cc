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

}  // namespace internal

Stats GetStats() {
  return internal::global_allocator_holder.allocator.GetStats();
}

}  // namespace twinpy::alloc
