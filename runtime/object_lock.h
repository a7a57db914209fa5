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

#include <time.h>

#include <atomic>
#include <cstdint>
#include <thread>

#include "runtime/safepoint.h"
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

// For containers whose readers skip the lock (list items, str-keyed dict
// lookups): whether a thread other than the creator has touched it. Until
// one has, only the creator can hold a pointer read without the lock, so
// what the creator unlinks may be freed at once; after, it waits for every
// thread's quiescent point (qsbr.h). The mark is made under the container's
// lock, so a writer holding the lock either sees it, or the marking reader
// reads only after the writer's unlink.
class LockFreeReads {
 public:
  LockFreeReads() : owner_(CurrentIdent()) {}
  // Before a read without the lock.
  void NoteReader(ObjectMutex& mutex) {
    if (__builtin_expect(shared_.load(std::memory_order_relaxed) != 0 ||
                             owner_ == CurrentIdent(),
                         1)) {
      return;
    }
    mutex.Lock();
    shared_.store(1, std::memory_order_relaxed);
    mutex.Unlock();
  }
  // A writer holding the lock: true when what it unlinks may be in use by
  // another thread's lock-free read.
  bool NoteWriter() {
    if (owner_ != CurrentIdent()) shared_.store(1, std::memory_order_relaxed);
    return shared_.load(std::memory_order_relaxed) != 0;
  }

 private:
  static uint64_t CurrentIdent() {
    ThreadState* ts = CurrentThread();
    return ts != nullptr ? ts->ident : 0;
  }
  uint64_t owner_;
  std::atomic<uint8_t> shared_{0};
};

// An iterator's lock, held across its whole next(): composite iterators
// (enumerate, zip, chain, islice, cycle, tee, ...) call inner iterators and
// user functions, so unlike ObjectMutex this one is held while Python code
// runs. That makes it the one exception to the leaf rule above, with two
// consequences handled here: the owner may re-enter (a generator that calls
// next() on the iterator consuming it gets CPython's single-thread
// behaviour, not a self-deadlock), and a waiter may wait long, so it backs
// off from spinning to sleeping. Nesting follows the iterators' structure
// (outer before inner); the remaining hazard is Python code inside next()
// that waits for another thread which itself needs this iterator, which
// CPython's free-threaded build avoids by suspending critical sections on
// blocking; we document it rather than pay for that machinery.
class IteratorMutex {
 public:
  // False when the calling thread already holds it: then it must not
  // Unlock (the outer call will).
  bool Lock() {
    ThreadState* me = CurrentThread();
    ThreadState* expected = nullptr;
    if (__builtin_expect(owner_.compare_exchange_strong(
                             expected, me, std::memory_order_acquire),
                         1)) {
      return true;
    }
    if (expected == me) return false;
    LockSlow(me);
    return true;
  }
  void Unlock() { owner_.store(nullptr, std::memory_order_release); }

 private:
  bool TryLock(ThreadState* me) {
    ThreadState* expected = nullptr;
    return owner_.load(std::memory_order_relaxed) == nullptr &&
           owner_.compare_exchange_weak(expected, me, std::memory_order_acquire);
  }
  void LockSlow(ThreadState* me) {
    if (me != nullptr) ++me->object_lock_contentions;
    for (int spins = 0; spins < 256; ++spins) {
      if (TryLock(me)) return;
      if (spins >= 64) std::this_thread::yield();
    }
    // The holder runs Python code (a generator, a key function), which a
    // stop-the-world may park: wait detached (runtime/safepoint.h), so the
    // stop need not wait for this thread, and don't burn a core meanwhile.
    if (me != nullptr) DetachThreadState(me);
    while (!TryLock(me)) {
      timespec pause{0, 50 * 1000};
      nanosleep(&pause, nullptr);
    }
    if (me != nullptr) AttachThreadState(me);
  }
  std::atomic<ThreadState*> owner_{nullptr};
};

// Word-sized counters shared by threads that hand out positions (tuple,
// range, str and sequence iterators): atomic here, plain in the gil build.
inline int64_t SharedLoad(const int64_t* p) {
  return __atomic_load_n(p, __ATOMIC_RELAXED);
}
inline void SharedStore(int64_t* p, int64_t v) {
  __atomic_store_n(p, v, __ATOMIC_RELAXED);
}
inline int64_t SharedFetchAdd(int64_t* p, int64_t delta) {
  return __atomic_fetch_add(p, delta, __ATOMIC_RELAXED);
}
// Replaces *p by `desired` if it still holds `expected`.
inline bool SharedCompareExchange(int64_t* p, int64_t expected,
                                  int64_t desired) {
  return __atomic_compare_exchange_n(p, &expected, desired, false,
                                     __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}
inline bool SharedLoadFlag(const bool* p) {
  return __atomic_load_n(p, __ATOMIC_RELAXED);
}
inline void SharedStoreFlag(bool* p, bool v) {
  __atomic_store_n(p, v, __ATOMIC_RELAXED);
}
// A store, made under a container's lock, that its lock-free readers
// (LockFreeReads) may load: one atomic store, ordering what was written
// before it (the object a new item points to) for an acquiring reader.
template <class T>
inline void PublishStore(T* field, T value) {
  __atomic_store_n(field, value, __ATOMIC_RELEASE);
}

#else

class ObjectMutex {
 public:
  void Lock() {}
  void Unlock() {}
};

// Without object locks nobody reads without the global lock.
class LockFreeReads {
 public:
  void NoteReader(ObjectMutex&) {}
  bool NoteWriter() { return false; }
};

// The global lock serialises next() calls between bytecodes already.
class IteratorMutex {
 public:
  bool Lock() { return false; }
  void Unlock() {}
};

inline int64_t SharedLoad(const int64_t* p) { return *p; }
inline void SharedStore(int64_t* p, int64_t v) { *p = v; }
inline int64_t SharedFetchAdd(int64_t* p, int64_t delta) {
  int64_t old = *p;
  *p = old + delta;
  return old;
}
inline bool SharedCompareExchange(int64_t* p, int64_t expected,
                                  int64_t desired) {
  if (*p != expected) return false;
  *p = desired;
  return true;
}
inline bool SharedLoadFlag(const bool* p) { return *p; }
inline void SharedStoreFlag(bool* p, bool v) { *p = v; }
template <class T>
inline void PublishStore(T* field, T value) {
  *field = value;
}

#endif

// Holds an iterator's lock for a next() call, unless this thread already
// does (re-entry).
class IteratorSection {
 public:
  explicit IteratorSection(IteratorMutex& m) : m_(&m), held_(m.Lock()) {}
  ~IteratorSection() {
    if (held_) m_->Unlock();
  }
  IteratorSection(const IteratorSection&) = delete;
  IteratorSection& operator=(const IteratorSection&) = delete;

 private:
  IteratorMutex* m_;
  bool held_;
};

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
