// Reference counting primitive: the one place that decides how counts change.
//
// Policy header: this file and variant.h are the only runtime files that read
// the TWINPY_* variant macros. `gil` counts with plain integers (the global
// lock serialises all mutation); `ft` uses atomic read-modify-write so racing
// threads never lose an increment; `ft-brc` biases each count towards the
// thread that created the object (below), with slow paths in refcount.cc.
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

struct ThreadState;

// Biased counting's thread hooks (refcount.cc); no-ops in the other builds.
// BindThread gives the thread its owner id; at its eval breaker
// (kBreakBrcMerge) a thread merges the counts other threads queued to it;
// BrcThreadExit, before a thread state goes away, merges what is left and
// makes later queuers merge in place.
void BrcBindThread(ThreadState* ts);
void BrcMergeQueue(ThreadState* ts);
void BrcThreadExit(ThreadState* ts);

#if TWINPY_BIASED_RC

// Biased reference counting (Choi et al., PACT 2018; CPython 3.13t, PEP 703).
// Most objects are only ever counted by the thread that created them: that
// thread (the owner) keeps its part of the count in `local` with a plain load
// and store. Other threads add to `shared` atomically. Shared holds
// (count << 2) | state; the shared count alone may go negative (a reference
// the owner counted, dropped elsewhere).
//   kUnmerged: owner alive, local counts.
//   kQueued:   a non-owner dropped a reference with the shared count at 0;
//              instead of going negative it queued the object to its owner,
//              the queue holding that reference until the owner merges.
//   kMerged:   no owner any more (owner == 0, local == 0): shared is the count
//              and the object dies when it reaches 0 there.
struct RefCount {
  std::atomic<uint64_t> owner;  // ThreadState::ident of the owner; 0: none
  std::atomic<int64_t> local;   // written only by the owner; immortal mark
  std::atomic<int64_t> shared;
};

inline constexpr int64_t kRcUnmerged = 0;
inline constexpr int64_t kRcQueued = 1;
inline constexpr int64_t kRcMerged = 2;
inline constexpr int64_t kRcShift = 2;
inline constexpr int64_t kRcOne = int64_t{1} << kRcShift;

// This thread's owner id: ThreadState::ident once bound, else a value no
// object's owner ever has. Constant-initialised: a plain TLS access.
inline constexpr uint64_t kNoBrcId = UINT64_MAX;
extern thread_local uint64_t tls_brc_id;

// Out of line (refcount.cc): true when the caller must free the object.
bool RcMergeZeroLocal(RefCount& rc);
bool RcDecrefShared(RefCount& rc);

inline int64_t RcLoad(const RefCount& rc) {
  return rc.local.load(std::memory_order_relaxed) +
         (rc.shared.load(std::memory_order_relaxed) >> kRcShift);
}
inline void RcInit(RefCount& rc, int64_t v) {
  if (v >= kImmortalRefcnt) {
    rc.owner.store(0, std::memory_order_relaxed);
    rc.local.store(v, std::memory_order_relaxed);
    rc.shared.store(0, std::memory_order_relaxed);
  } else if (tls_brc_id != kNoBrcId) {
    rc.owner.store(tls_brc_id, std::memory_order_relaxed);
    rc.local.store(v, std::memory_order_relaxed);
    rc.shared.store(0, std::memory_order_relaxed);
  } else {
    // No owner to bias to (static constructors, helper threads).
    rc.owner.store(0, std::memory_order_relaxed);
    rc.local.store(0, std::memory_order_relaxed);
    rc.shared.store((v << kRcShift) | kRcMerged, std::memory_order_relaxed);
  }
}
inline void RcIncrement(RefCount& rc) {
  int64_t l = rc.local.load(std::memory_order_relaxed);
  if (RcSkip(l)) return;
  if (__builtin_expect(rc.owner.load(std::memory_order_relaxed) == tls_brc_id, 1)) {
    rc.local.store(l + 1, std::memory_order_relaxed);
  } else {
    rc.shared.fetch_add(kRcOne, std::memory_order_relaxed);
  }
}
inline bool RcDecrement(RefCount& rc) {
  int64_t l = rc.local.load(std::memory_order_relaxed);
  if (RcSkip(l)) return false;
  if (__builtin_expect(rc.owner.load(std::memory_order_relaxed) == tls_brc_id, 1)) {
    rc.local.store(l - 1, std::memory_order_relaxed);
    return __builtin_expect(l == 1, 0) ? RcMergeZeroLocal(rc) : false;
  }
  return RcDecrefShared(rc);
}

#elif TWINPY_ATOMIC_RC

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
//
// A count of 1 read here is the caller's own reference, the only one: no
// other thread holds a reference with which to change the count, so the last
// drop needs no read-modify-write. Most objects die this way (temporaries:
// the float of `a * b`, a bound method, an argument tuple), and the acquire
// load still orders the free after other threads' earlier releases.
inline bool RcDecrement(RefCount& rc) {
  int64_t v = rc.value.load(std::memory_order_acquire);
  if (RcSkip(v)) return false;
  if (v == 1) {
    rc.value.store(0, std::memory_order_relaxed);
    return true;
  }
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
