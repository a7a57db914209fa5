// Stopping the world (runtime/safepoint.h) with plain C++ threads that play
// the evaluation loop's part: they poll kBreakStopWorld as the loop does at
// its eval-breaker checks, and detach around "blocking calls".
#include "runtime/safepoint.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "runtime/thread_state.h"
#include "runtime/variant.h"

namespace twinpy {
namespace {

// The evaluation loop's check.
void Poll(ThreadState* ts) {
  if (ts->eval_breaker.load(std::memory_order_relaxed) & kBreakStopWorld) {
    ParkForStopTheWorld(ts);
  }
}

// True when no registered thread but `self` is attached.
bool OthersStopped(ThreadState* self) {
  bool stopped = true;
  ForEachThread([&](ThreadState* ts) {
    if (ts != self && ts->attachment.load() == kThreadAttached) stopped = false;
  });
  return stopped;
}

// Attached, counting: a thread running Python code. Every `block`th step it
// detaches for a moment, as around a sleep or a lock wait.
void Worker(ThreadState* ts, std::atomic<int64_t>* steps,
            const std::atomic<bool>* done, int block) {
  BindThread(ts);
  AttachThreadState(ts);
  for (int64_t i = 1; !done->load(); ++i) {
    steps->fetch_add(1, std::memory_order_relaxed);
    Poll(ts);
    if (block > 0 && i % block == 0) {
      DetachThreadState(ts);
      std::this_thread::sleep_for(std::chrono::microseconds(50));
      AttachThreadState(ts);
    }
  }
  DetachThreadState(ts);
  DetachThread(ts);
}

class SafepointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (kHasGil) GTEST_SKIP() << "the global lock is the stop in this build";
    self_ = AttachThread();
    AttachThreadState(self_);
  }
  void TearDown() override {
    if (self_ == nullptr) return;
    DetachThreadState(self_);
    DetachThread(self_);
  }
  ThreadState* self_ = nullptr;
};

TEST_F(SafepointTest, StoppedThreadsMakeNoProgress) {
  constexpr int kThreads = 4;
  std::atomic<bool> done{false};
  std::vector<std::atomic<int64_t>> steps(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    // Half of them block now and then: they are held detached.
    threads.emplace_back(Worker, NewThreadState(), &steps[i], &done,
                         i % 2 ? 100 : 0);
  }
  int64_t progressed = 0;
  for (int round = 0; round < 100; ++round) {
    std::vector<int64_t> before(kThreads);
    {
      StopTheWorld stop(self_);
      EXPECT_TRUE(OthersStopped(self_));
      for (int i = 0; i < kThreads; ++i) before[i] = steps[i].load();
      std::this_thread::sleep_for(std::chrono::microseconds(300));
      for (int i = 0; i < kThreads; ++i) EXPECT_EQ(steps[i].load(), before[i]);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    for (int i = 0; i < kThreads; ++i) progressed += steps[i].load() > before[i];
  }
  done = true;
  for (std::thread& t : threads) t.join();
  // Released threads run again (not every round: a thread may not get the
  // CPU in 200 us on a busy machine).
  EXPECT_GT(progressed, 0);
}

// Every thread both runs and stops the world: requesters asked to park while
// they wait their turn must neither deadlock nor overlap.
TEST_F(SafepointTest, ConcurrentRequestersTakeTurns) {
  constexpr int kThreads = 4;
  std::atomic<int> inside{0};
  std::atomic<int> overlaps{0};
  std::atomic<int> not_stopped{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    ThreadState* ts = NewThreadState();
    threads.emplace_back([&, ts] {
      BindThread(ts);
      AttachThreadState(ts);
      for (int round = 0; round < 200; ++round) {
        for (int j = 0; j < 100; ++j) Poll(ts);
        StopTheWorld stop(ts);
        if (inside.fetch_add(1) != 0) ++overlaps;
        if (!OthersStopped(ts)) ++not_stopped;
        inside.fetch_sub(1);
      }
      DetachThreadState(ts);
      DetachThread(ts);
    });
  }
  for (int round = 0; round < 200; ++round) {
    Poll(self_);
    StopTheWorld stop(self_);
    if (!OthersStopped(self_)) ++not_stopped;
  }
  DetachThreadState(self_);  // joining blocks: the others still stop
  for (std::thread& t : threads) t.join();
  AttachThreadState(self_);
  EXPECT_EQ(overlaps.load(), 0);
  EXPECT_EQ(not_stopped.load(), 0);
}

// Threads start (blocking on re-attach when they come in during a stop) and
// exit (detached, leaving the registry) while the world stops and restarts.
TEST_F(SafepointTest, ThreadsComeAndGoDuringStops) {
  std::atomic<bool> done{false};
  std::atomic<int64_t> finished{0};
  std::thread spawner([&] {
    // Registers itself while detached, maybe during a stop (as the main
    // thread and the SIGQUIT watcher do): it must start stopped then.
    ThreadState* ts = AttachThread();
    AttachThreadState(ts);
    while (!done.load()) {
      ThreadState* child = NewThreadState();  // as start_new_thread does
      std::thread([child, &finished] {
        BindThread(child);
        AttachThreadState(child);
        for (int i = 0; i < 1000; ++i) Poll(child);
        finished.fetch_add(1);
        DetachThreadState(child);
        DetachThread(child);  // the test waits for the registry to empty
      }).detach();
      for (int i = 0; i < 100; ++i) Poll(ts);
      DetachThreadState(ts);  // a blocking call
      std::this_thread::sleep_for(std::chrono::microseconds(100));
      AttachThreadState(ts);
    }
    DetachThreadState(ts);
    DetachThread(ts);
  });
  int stops = 0;
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
  while (std::chrono::steady_clock::now() < until || finished.load() < 20) {
    StopTheWorld stop(self_);
    EXPECT_TRUE(OthersStopped(self_));
    ++stops;
  }
  done = true;
  spawner.join();
  // Let the last children leave the registry.
  while (true) {
    int others = 0;
    ForEachThread([&](ThreadState* ts) { others += ts != self_; });
    if (others == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_GT(stops, 0);
}

}  // namespace
}  // namespace twinpy
