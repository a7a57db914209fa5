// Per-object locks for mutable containers (list, dict, set), PEP 703's
// "critical sections" in their simplest form.
//
// Policy header: in the free-threaded build each container carries a
// one-byte lock taken around its raw memory operations; in the `gil` build
// the global lock already serialises them and these compile to nothing.
//
// Rule for users: never run Python code (comparisons, __eq__, __hash__,
// __repr__, destructors through Decref) while holding an object lock. Work
// on a snapshot taken under the lock, or drop the lock around the call and
// re-validate afterwards. That keeps the locks leaves: no lock-order
// deadlocks, and a thread blocked on one never holds another.
#ifndef TWINPY_RUNTIME_OBJECT_LOCK_H_
#define TWINPY_RUNTIME_OBJECT_LOCK_H_

#include <atomic>
#include <cstdint>
#include <thread>

#include "runtime/thread_state.h"

namespace twinpy {

#if TWINPY_OBJECT_LOCKS

class ObjectMutex {
 public:
  void Lock() {
    if (__builtin_expect(!flag_.exchange(1, std::memory_order_acquire), 1)) return;
    LockSlow();
  }
  void Unlock() { flag_.store(0, std::memory_order_release); }

 private:
  void LockSlow() {
    // Contention is rare and worth knowing: counted per thread, off the
    // fast path (sys._gil_stats() sums it).
    if (ThreadState* ts = CurrentThread()) ++ts->object_lock_contentions;
    int spins = 0;
    while (true) {
      if (flag_.load(std::memory_order_relaxed) == 0 &&
          !flag_.exchange(1, std::memory_order_acquire)) {
        return;
      }
      if (++spins > 64) std::this_thread::yield();
    }
  }
  std::atomic<uint8_t> flag_{0};
};

#else

class ObjectMutex {
 public:
  void Lock() {}
  void Unlock() {}
};

#endif

// Holds one object's lock for a scope.
class CriticalSection {
 public:
  explicit CriticalSection(ObjectMutex& m) : m_(&m), held_(true) { m_->Lock(); }
  ~CriticalSection() {
    if (held_) m_->Unlock();
  }
  // Ends the section early (before running code that may re-enter).
  void Release() {
    if (held_) m_->Unlock();
    held_ = false;
  }
  // Takes the lock again after Release(); the caller re-validates what it
  // read before.
  void Relock() {
    if (!held_) m_->Lock();
    held_ = true;
  }
  CriticalSection(const CriticalSection&) = delete;
  CriticalSection& operator=(const CriticalSection&) = delete;

 private:
  ObjectMutex* m_;
  bool held_;
};

// Holds two objects' locks, taken in address order so that two threads
// locking the same pair never deadlock (a.extend(b) against b.extend(a)).
class CriticalSection2 {
 public:
  CriticalSection2(ObjectMutex& a, ObjectMutex& b) {
    first_ = &a < &b ? &a : &b;
    second_ = &a < &b ? &b : &a;
    first_->Lock();
    if (second_ != first_) second_->Lock();
  }
  ~CriticalSection2() {
    if (second_ != first_) second_->Unlock();
    first_->Unlock();
  }
  CriticalSection2(const CriticalSection2&) = delete;
  CriticalSection2& operator=(const CriticalSection2&) = delete;

 private:
  ObjectMutex* first_;
  ObjectMutex* second_;
};

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_OBJECT_LOCK_H_
