// The global interpreter lock.
#include "runtime/gil.h"

#include <chrono>

namespace twinpy {

namespace {
int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

Gil& GlobalGil() {
  static Gil* gil = new Gil();
  return *gil;
}

void Gil::Acquire(ThreadState* ts) {
  int64_t start = NowNs();
  std::unique_lock<std::mutex> lock(mu_);
  if (locked_) {
    ++waiters_;
    while (locked_) {
      uint64_t seen = switches_;
      auto interval = std::chrono::microseconds(interval_us_.load(std::memory_order_relaxed));
      if (available_.wait_for(lock, interval) == std::cv_status::timeout &&
          locked_ && switches_ == seen) {
        // The holder kept the lock a whole interval: ask it to let go.
        holder_->eval_breaker.fetch_or(kBreakGilDrop, std::memory_order_relaxed);
        ++ts->gil_stats.drop_requests;
      }
    }
    --waiters_;
  }
  locked_ = true;
  holder_ = ts;
  ++switches_;
  // A request addressed to this thread's previous tenure is stale.
  ts->eval_breaker.fetch_and(~kBreakGilDrop, std::memory_order_relaxed);
  switched_.notify_all();
  lock.unlock();
  int64_t waited = NowNs() - start;
  GilStats& s = ts->gil_stats;
  ++s.acquisitions;
  s.wait_ns_total += waited;
  if (waited > s.wait_ns_max) s.wait_ns_max = waited;
}

void Gil::Release(ThreadState* ts) {
  (void)ts;
  std::lock_guard<std::mutex> lock(mu_);
  locked_ = false;
  holder_ = nullptr;
  available_.notify_one();
}

void Gil::Yield(ThreadState* ts) {
  std::unique_lock<std::mutex> lock(mu_);
  ts->eval_breaker.fetch_and(~kBreakGilDrop, std::memory_order_relaxed);
  if (waiters_ == 0) return;  // the requester gave up waiting
  locked_ = false;
  holder_ = nullptr;
  uint64_t seen = switches_;
  available_.notify_one();
  ++ts->gil_stats.forced_switches;
  // Forced switching: wait until a waiter really has the lock, so this
  // thread cannot take it straight back.
  while (switches_ == seen) switched_.wait(lock);
  lock.unlock();
  Acquire(ts);
}

}  // namespace twinpy
