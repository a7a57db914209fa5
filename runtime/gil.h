// The global interpreter lock, as CPython has had it since 3.2: a waiting
// thread waits one switch interval, then asks the holder to drop the lock;
// the holder honours the request at its next eval-breaker check and waits
// until the requester has really taken the lock, so it cannot grab it
// straight back (no convoy).
//
// Policy header: the `gil` build takes and releases the lock; in the
// free-threaded build acquiring and releasing attach and detach the thread
// (runtime/safepoint.h: what stopping the world waits for) and yielding is
// nothing. Code elsewhere calls these unconditionally.
#ifndef TWINPY_RUNTIME_GIL_H_
#define TWINPY_RUNTIME_GIL_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "runtime/qsbr.h"
#include "runtime/safepoint.h"
#include "runtime/thread_state.h"

namespace twinpy {

// The lock itself; usable (and tested) in every build.
class Gil {
 public:
  void Acquire(ThreadState* ts);
  void Release(ThreadState* ts);
  // Called by the holder when its eval breaker shows a drop request: gives
  // the lock away, waits until another thread took it, takes it back.
  void Yield(ThreadState* ts);

  void SetSwitchIntervalMicros(int64_t us) { interval_us_.store(us); }
  int64_t SwitchIntervalMicros() const { return interval_us_.load(); }

 private:
  std::mutex mu_;
  std::condition_variable available_;  // the lock was released
  std::condition_variable switched_;   // someone else took the lock
  bool locked_ = false;
  ThreadState* holder_ = nullptr;
  uint64_t switches_ = 0;   // incremented at every acquisition
  int waiters_ = 0;
  std::atomic<int64_t> interval_us_{5000};
};

Gil& GlobalGil();

#if TWINPY_GIL

inline void GilAcquire(ThreadState* ts) { GlobalGil().Acquire(ts); }
inline void GilRelease(ThreadState* ts) { GlobalGil().Release(ts); }
inline void GilYield(ThreadState* ts) { GlobalGil().Yield(ts); }

#else

inline void GilAcquire(ThreadState* ts) { AttachThreadState(ts); }
inline void GilRelease(ThreadState* ts) { DetachThreadState(ts); }
inline void GilYield(ThreadState*) {}

#endif

// Releases the lock around a blocking call (sleep, lock waits, I/O).
class GilReleased {
 public:
  GilReleased() : ts_(CurrentThread()) { QsbrDetach(ts_); GilRelease(ts_); }
  ~GilReleased() { GilAcquire(ts_); QsbrAttach(ts_); }
  GilReleased(const GilReleased&) = delete;
  GilReleased& operator=(const GilReleased&) = delete;

 private:
  ThreadState* ts_;
};

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_GIL_H_
