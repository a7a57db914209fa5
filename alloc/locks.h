// The locks a SizeClassAllocator can be instantiated with. Each has
// try_lock/lock/unlock and a constexpr constructor, so an allocator holding
// them can be constant-initialised (usable before any static constructor).
// Which one the global allocator uses is chosen in lock_policy.h.
#ifndef TWINPY_ALLOC_LOCKS_H_
#define TWINPY_ALLOC_LOCKS_H_

#include <atomic>
#include <cstdint>
#include <mutex>

namespace twinpy::alloc {

// For builds where one thread at a time runs (the GIL build): every call is
// empty and folds away, so the allocator's hot path has no atomic at all.
struct NoLock {
  static constexpr const char* kName = "NoLock";
  constexpr NoLock() = default;
  bool try_lock() { return true; }
  void lock() {}
  void unlock() {}
};

// A test-and-test-and-set lock. Uncontended it is one exchange to take and a
// plain release store to drop, inlined at the call site; std::mutex costs an
// out-of-line call and an atomic read-modify-write on both sides. The
// allocator's critical sections are a few instructions long, so a waiter
// spins briefly and then yields the CPU, which keeps an oversubscribed
// machine (more threads than cores) from burning a holder's time slice.
class SpinLock {
 public:
  static constexpr const char* kName = "SpinLock";
  constexpr SpinLock() = default;
  SpinLock(const SpinLock&) = delete;
  SpinLock& operator=(const SpinLock&) = delete;

  bool try_lock() { return !locked_.exchange(true, std::memory_order_acquire); }
  void lock() {
    if (!try_lock()) LockSlow();
  }
  void unlock() { locked_.store(false, std::memory_order_release); }

 private:
  void LockSlow();

  std::atomic<bool> locked_{false};
};

// std::mutex behind the same interface; kept so the choice above can be
// re-measured (see the allocator's timing notes) and as a second locked policy
// for the tests.
class MutexLock {
 public:
  static constexpr const char* kName = "MutexLock";
  constexpr MutexLock() = default;
  bool try_lock() { return mu_.try_lock(); }
  void lock() { mu_.lock(); }
  void unlock() { mu_.unlock(); }

 private:
  std::mutex mu_;
};

// Takes `lock`, counting in `*contentions` (protected by the lock itself) each
// time the first try failed and the caller had to wait. With NoLock the whole
// thing compiles to nothing.
template <class Lock>
inline void LockCountingContention(Lock& lock, uint64_t* contentions) {
  if (!lock.try_lock()) {
    lock.lock();
    ++*contentions;
  }
}

}  // namespace twinpy::alloc

#endif  // TWINPY_ALLOC_LOCKS_H_
