// Reference counting primitive: the one place that decides how counts change.
//
// Policy header: this file and variant.h are the only runtime files that read
// the TWINPY_* variant macros. `gil` counts with plain integers (the global
// lock serialises all mutation); `ft` uses atomic read-modify-write so racing
// threads never lose an increment.
//
// Immortal objects (None, True, False, small ints, static types, interned
// constants) carry a count at or above kImmortalRefcnt and are never written,
// in every build: a shared object that is written on every use would turn each
// core's cache line into a ping-pong (PEP 683, PEP 703).
#ifndef TWINPY_RUNTIME_REFCOUNT_H_
#define TWINPY_RUNTIME_REFCOUNT_H_

#include <atomic>
#include <cstdint>

namespace twinpy {

inline constexpr int64_t kImmortalRefcnt = int64_t{1} << 60;

// Builds without immortal objects (ft-naive) count every object: an immortal
// one starts so high that its count never reaches zero, but it is written.
#if TWINPY_IMMORTAL
inline bool RcSkip(int64_t v) { return __builtin_expect(v >= kImmortalRefcnt, 0); }
#else
inline bool RcSkip(int64_t) { return false; }
#endif

#if TWINPY_ATOMIC_RC

struct RefCount {
  std::atomic<int64_t> value;
};

inline int64_t RcLoad(const RefCount& rc) {
  return rc.value.load(std::memory_order_relaxed);
}
inline void RcInit(RefCount& rc, int64_t v) {
  rc.value.store(v, std::memory_order_relaxed);
}
inline void RcIncrement(RefCount& rc) {
  if (RcSkip(RcLoad(rc))) return;
  rc.value.fetch_add(1, std::memory_order_relaxed);
}
// True when the count reached zero: the caller frees the object. The release
// half orders this thread's writes to the object before the free; the acquire
// half (on the last decrement) orders the free after every other thread's.
inline bool RcDecrement(RefCount& rc) {
  if (RcSkip(RcLoad(rc))) return false;
  return rc.value.fetch_sub(1, std::memory_order_acq_rel) == 1;
}

#else

struct RefCount {
  int64_t value;
};

inline int64_t RcLoad(const RefCount& rc) { return rc.value; }
inline void RcInit(RefCount& rc, int64_t v) { rc.value = v; }
inline void RcIncrement(RefCount& rc) {
  if (RcSkip(rc.value)) return;
  ++rc.value;
}
inline bool RcDecrement(RefCount& rc) {
  if (RcSkip(rc.value)) return false;
  return --rc.value == 0;
}

#endif

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_REFCOUNT_H_
