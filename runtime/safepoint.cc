// Stopping the world: the requester's side and the slow paths of attaching.
#include "runtime/safepoint.h"

#include <condition_variable>
#include <mutex>

namespace twinpy {

namespace safepoint_internal {
std::atomic<bool> stop_requested{false};
}  // namespace safepoint_internal

namespace {

using safepoint_internal::stop_requested;

// One requester at a time.
std::mutex& RequesterMutex() {
  static auto* mu = new std::mutex;
  return *mu;
}

// Guards the waits below. Lock order: this mutex, then the registry's.
std::mutex& StopMutex() {
  static auto* mu = new std::mutex;
  return *mu;
}

// The requester waits here for threads to detach.
std::condition_variable& DetachedCv() {
  static auto* cv = new std::condition_variable;
  return *cv;
}

// Suspended threads wait here to re-attach.
std::condition_variable& ResumedCv() {
  static auto* cv = new std::condition_variable;
  return *cv;
}

// Suspends every detached thread but `self` and asks the attached ones to
// park; true when none is attached any more. Under StopMutex().
bool SuspendOthers(ThreadState* self) {
  bool all_stopped = true;
  std::lock_guard<std::mutex> registry(ThreadRegistryMutex());
  for (ThreadState* ts : ThreadRegistry()) {
    if (ts == self) continue;
    uint8_t state = kThreadDetached;
    // Acquire: what the thread did before detaching happens before the
    // requester reads its frames.
    if (ts->attachment.compare_exchange_strong(state, kThreadSuspended,
                                               std::memory_order_seq_cst)) {
      continue;
    }
    if (state == kThreadAttached) {
      ts->eval_breaker.fetch_or(kBreakStopWorld, std::memory_order_relaxed);
      all_stopped = false;
    }
  }
  return all_stopped;
}

}  // namespace

namespace safepoint_internal {

void AttachSlow(ThreadState* ts) {
  std::unique_lock<std::mutex> lock(StopMutex());
  while (true) {
    uint8_t state = kThreadDetached;
    if (ts->attachment.compare_exchange_strong(state, kThreadAttached,
                                               std::memory_order_acquire)) {
      return;
    }
    if (state == kThreadAttached) return;  // attached already: nothing to do
    ResumedCv().wait(lock);                // suspended: wait for the release
  }
}

void WakeRequester() {
  // Under the mutex, so the wake cannot fall between the requester's scan
  // and its wait.
  std::lock_guard<std::mutex> lock(StopMutex());
  DetachedCv().notify_all();
}

}  // namespace safepoint_internal

void ParkForStopTheWorld(ThreadState* ts) {
  // Cleared first: a request made after this point sets it again.
  ts->eval_breaker.fetch_and(~kBreakStopWorld, std::memory_order_relaxed);
  DetachThreadState(ts);
  AttachThreadState(ts);
}

void StopTheWorldBegin(ThreadState* self) {
  // Wait for our turn detached: a requester already stopping the world
  // counts this thread as stopped instead of waiting for it to park.
  DetachThreadState(self);
  RequesterMutex().lock();
  // No stop runs now (stops end before their requester lets go of the
  // mutex), so this does not block.
  AttachThreadState(self);
  std::unique_lock<std::mutex> lock(StopMutex());
  stop_requested.store(true, std::memory_order_seq_cst);
  while (!SuspendOthers(self)) DetachedCv().wait(lock);
}

void StopTheWorldEnd(ThreadState* self) {
  (void)self;
  {
    std::lock_guard<std::mutex> lock(StopMutex());
    stop_requested.store(false, std::memory_order_seq_cst);
    std::lock_guard<std::mutex> registry(ThreadRegistryMutex());
    for (ThreadState* ts : ThreadRegistry()) {
      uint8_t state = kThreadSuspended;
      // Release: the requester's reads happen before the thread moves on.
      ts->attachment.compare_exchange_strong(state, kThreadDetached,
                                             std::memory_order_release,
                                             std::memory_order_relaxed);
    }
    ResumedCv().notify_all();
  }
  RequesterMutex().unlock();
}

}  // namespace twinpy
