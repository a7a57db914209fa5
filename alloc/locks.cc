#include "alloc/locks.h"

#include <sched.h>

namespace twinpy::alloc {

namespace {

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

}  // namespace

void SpinLock::LockSlow() {
  // Long enough to cover a holder that is running (the critical section is
  // tens of nanoseconds), short enough not to waste a slice when it is not.
  constexpr int kSpinsBeforeYield = 128;
  for (;;) {
    for (int i = 0; i < kSpinsBeforeYield; ++i) {
      // Read-only spinning keeps the line shared instead of bouncing it.
      if (!locked_.load(std::memory_order_relaxed) && try_lock()) return;
      CpuRelax();
    }
    sched_yield();
  }
}

}  // namespace twinpy::alloc
