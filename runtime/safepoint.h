// Attached and detached threads, and stopping the world (PEP 703's
// "stop-the-world" pauses, in their simplest form).
//
// Free-threaded builds only; the `gil` build's lock already gives all of
// this (runtime/gil.h maps GilAcquire/GilRelease onto the calls below when
// there is no global lock, and StopTheWorld costs nothing under the lock).
//
// A thread state is *attached* while its thread may run Python code, touch
// objects or push and pop frames, and *detached* while it blocks inside
// GilReleased (sleep, lock waits, joins, I/O), before its thread starts and
// after it ends. A detached thread leaves its frames as they are.
//
// StopTheWorld: the requester sets kBreakStopWorld on every attached thread
// and marks every detached one *suspended*. An attached thread parks at its
// next eval-breaker check (it detaches, then re-attaches); a suspended one
// may go on with its blocking call but cannot re-attach until the world is
// released. Once no other thread is attached, every other thread's frames
// hold still: the requester reads them (under the registry lock, since a
// detached thread may still exit), then releases everyone. A thread state
// registered meanwhile starts suspended.
//
// Why it cannot deadlock: a thread never waits attached for something a
// stopped thread holds. Blocking waits detach (GilReleased; the iterator
// lock's long wait too, runtime/object_lock.h); object locks are leaves,
// never held across an eval-breaker check. Requesters queue for one mutex
// detached, so a requester asked to park while it waits its turn counts as
// stopped, and the requester never waits for itself. A thread that exits
// detaches first and leaves the registry under its lock.
//
// The hot path pays nothing new: calls and backward jumps already read
// eval_breaker; only entering and leaving a blocking call pays an atomic
// two compare-and-swaps.
#ifndef TWINPY_RUNTIME_SAFEPOINT_H_
#define TWINPY_RUNTIME_SAFEPOINT_H_

#include <atomic>
#include <cstdint>

#include "runtime/thread_state.h"
#include "runtime/variant.h"

namespace twinpy {

namespace safepoint_internal {
// True from the start of a stop until its release.
extern std::atomic<bool> stop_requested;
void AttachSlow(ThreadState* ts);
void WakeRequester();
}  // namespace safepoint_internal

// Marks the calling thread attached; waits while the world is stopped.
inline void AttachThreadState(ThreadState* ts) {
  uint8_t expected = kThreadDetached;
  if (__builtin_expect(ts->attachment.compare_exchange_strong(
                           expected, kThreadAttached, std::memory_order_acquire,
                           std::memory_order_relaxed),
                       1)) {
    return;
  }
  safepoint_internal::AttachSlow(ts);
}

// Marks the calling thread detached: from here until it attaches again it
// must not run Python code or change its frames.
inline void DetachThreadState(ThreadState* ts) {
  // Only from attached: a thread detached already (a test's thread that
  // never attached) must not undo a requester's suspension. Sequentially
  // consistent exchange and load: either a requester scanning the states
  // sees this one detached, or this thread sees the request and wakes the
  // requester.
  uint8_t expected = kThreadAttached;
  if (!ts->attachment.compare_exchange_strong(expected, kThreadDetached,
                                              std::memory_order_seq_cst)) {
    return;
  }
  if (__builtin_expect(
          safepoint_internal::stop_requested.load(std::memory_order_seq_cst), 0)) {
    safepoint_internal::WakeRequester();
  }
}

// The state a thread state starts in when registered (under the registry
// lock): suspended while the world is stopped, else detached.
inline uint8_t AttachmentOfNewThread() {
  return safepoint_internal::stop_requested.load(std::memory_order_seq_cst)
             ? kThreadSuspended
             : kThreadDetached;
}

// Serves kBreakStopWorld at an eval-breaker check: detaches, then waits to
// re-attach until the requester releases the world.
void ParkForStopTheWorld(ThreadState* ts);

// Out-of-line halves of StopTheWorld, for free-threaded builds.
void StopTheWorldBegin(ThreadState* self);
void StopTheWorldEnd(ThreadState* self);

// While one lives, no other thread's state is attached: their frames hold
// still. `self` is the calling thread's state, attached (or, in the `gil`
// build, holding the global lock, which is the whole stop). Read other
// threads' states under ThreadRegistryMutex(): a detached thread may still
// leave and free its state. Do not wait for other threads meanwhile.
class StopTheWorld {
 public:
  explicit StopTheWorld(ThreadState* self) : self_(self) {
    if constexpr (!kHasGil) StopTheWorldBegin(self_);
  }
  ~StopTheWorld() {
    if constexpr (!kHasGil) StopTheWorldEnd(self_);
  }
  StopTheWorld(const StopTheWorld&) = delete;
  StopTheWorld& operator=(const StopTheWorld&) = delete;

 private:
  ThreadState* self_;
};

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_SAFEPOINT_H_
