// Deferred reclamation (runtime/qsbr.h): without the global lock a reference
// handed to QsbrDeferDecref is dropped only once every attached thread has
// passed a quiescent point since (detached and exited threads do not count);
// with the lock it is dropped at once.
#include "runtime/qsbr.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "runtime/object.h"
#include "runtime/refcount.h"
#include "runtime/thread_state.h"
#include "runtime/variant.h"
#include "tests/counted_object.h"

namespace twinpy {
namespace {

// The freed count once `owner` merged the counts other threads dropped on
// its objects (biased counting: a release by another thread lands there).
int FreedAfterMerge(ThreadState* owner) {
  BrcMergeQueue(owner);
  return freed.load();
}

bool AskedToReport(ThreadState* ts) {
  return (ts->eval_breaker.load() & kBreakQsbr) != 0;
}

// A second attached thread that passes a quiescent point, detaches or
// attaches only when told, and exits when destroyed.
class Peer {
 public:
  Peer() : thread_([this] { Run(); }) {
    while (state_.load() == nullptr) std::this_thread::yield();
  }
  ~Peer() {
    Do(kExit);
    thread_.join();
  }
  void Report() { Do(kReport); }
  void Detach() { Do(kDetach); }
  void Attach() { Do(kAttach); }
  void Exit() { Do(kExit); }
  ThreadState* state() { return state_.load(); }

 private:
  enum Command { kNone, kReport, kDetach, kAttach, kExit, kGone };
  void Do(Command c) {
    if (command_.load() == kGone) return;
    command_ = c;
    while (command_.load() == c) std::this_thread::yield();
  }
  void Run() {
    ThreadState* ts = AttachThread();
    state_ = ts;
    while (true) {
      Command c = command_.load();
      switch (c) {
        case kNone:
        case kGone:
          std::this_thread::yield();
          continue;
        case kReport:
          QsbrQuiescent(ts);
          break;
        case kDetach:
          QsbrDetach(ts);
          break;
        case kAttach:
          QsbrAttach(ts);
          break;
        case kExit:
          DetachThread(ts);
          command_ = kGone;
          return;
      }
      command_ = kNone;
    }
  }
  std::atomic<Command> command_{kNone};
  std::atomic<ThreadState*> state_{nullptr};
  std::thread thread_;  // last: starts once the fields above exist
};

TEST(QsbrTest, ReleasesAtOnceUnderTheGil) {
  if (kDeferredReclamation) GTEST_SKIP() << "this variant defers";
  ThreadState* ts = AttachThread();
  freed = 0;
  QsbrDeferDecref(NewCounted());
  EXPECT_EQ(freed.load(), 1);
  EXPECT_EQ(QsbrPending(), 0u);
  EXPECT_FALSE(AskedToReport(ts));
  DetachThread(ts);
}

TEST(QsbrTest, WaitsForTheDeferringThreadItself) {
  if (!kDeferredReclamation) GTEST_SKIP() << "the global lock serialises";
  ThreadState* ts = AttachThread();
  freed = 0;
  Object* o = NewCounted();
  Incref(o);  // ours, to watch the count
  QsbrDeferDecref(o);
  EXPECT_EQ(RcLoad(o->rc), 2);
  EXPECT_EQ(QsbrPending(), 1u);
  EXPECT_TRUE(AskedToReport(ts));
  EXPECT_EQ(QsbrPoll(), 1u);  // no quiescent point passed yet
  EXPECT_EQ(RcLoad(o->rc), 2);
  QsbrQuiescent(ts);
  EXPECT_FALSE(AskedToReport(ts));
  EXPECT_EQ(QsbrPending(), 0u);
  EXPECT_EQ(RcLoad(o->rc), 1);
  EXPECT_EQ(freed.load(), 0);
  Decref(o);
  EXPECT_EQ(freed.load(), 1);
  DetachThread(ts);
}

TEST(QsbrTest, WaitsForEveryAttachedThread) {
  if (!kDeferredReclamation) GTEST_SKIP() << "the global lock serialises";
  ThreadState* ts = AttachThread();
  Peer peer;
  freed = 0;
  QsbrDeferDecref(NewCounted());
  EXPECT_TRUE(AskedToReport(peer.state()));
  QsbrQuiescent(ts);
  EXPECT_EQ(freed.load(), 0);  // the peer may still hold it
  EXPECT_EQ(QsbrPending(), 1u);
  peer.Report();
  EXPECT_EQ(FreedAfterMerge(ts), 1);
  EXPECT_EQ(QsbrPending(), 0u);
  EXPECT_FALSE(AskedToReport(peer.state()));
  DetachThread(ts);
}

// Each reference waits only for the quiescent points after its own deferral.
TEST(QsbrTest, ReleasesInDeferralOrder) {
  if (!kDeferredReclamation) GTEST_SKIP() << "the global lock serialises";
  ThreadState* ts = AttachThread();
  Peer peer;
  freed = 0;
  QsbrDeferDecref(NewCounted());
  peer.Report();  // past the first deferral only
  QsbrDeferDecref(NewCounted());
  QsbrQuiescent(ts);
  EXPECT_EQ(freed.load(), 1);
  EXPECT_EQ(QsbrPending(), 1u);
  peer.Report();
  EXPECT_EQ(FreedAfterMerge(ts), 2);
  DetachThread(ts);
}

TEST(QsbrTest, DetachedThreadsDoNotDelay) {
  if (!kDeferredReclamation) GTEST_SKIP() << "the global lock serialises";
  ThreadState* ts = AttachThread();
  Peer peer;
  freed = 0;
  peer.Detach();  // as inside a blocking call
  QsbrDeferDecref(NewCounted());
  QsbrQuiescent(ts);
  EXPECT_EQ(freed.load(), 1);
  // Attached again, it counts for what is deferred from then on.
  peer.Attach();
  QsbrDeferDecref(NewCounted());
  QsbrQuiescent(ts);
  EXPECT_EQ(freed.load(), 1);
  peer.Report();
  EXPECT_EQ(FreedAfterMerge(ts), 2);
  DetachThread(ts);
}

TEST(QsbrTest, ExitedThreadsDoNotDelay) {
  if (!kDeferredReclamation) GTEST_SKIP() << "the global lock serialises";
  ThreadState* ts = AttachThread();
  Peer peer;
  freed = 0;
  QsbrDeferDecref(NewCounted());
  QsbrQuiescent(ts);
  EXPECT_EQ(freed.load(), 0);
  peer.Exit();
  QsbrQuiescent(ts);
  EXPECT_EQ(freed.load(), 1);
  DetachThread(ts);
}

TEST(QsbrTest, ImmortalObjectsAreNotQueued) {
  ThreadState* ts = AttachThread();
  Object* o = NewCounted();
  MakeImmortal(o);
  QsbrDeferDecref(o);
  EXPECT_EQ(QsbrPending(), 0u);
  EXPECT_EQ(RcLoad(o->rc), kImmortalRefcnt);
  DetachThread(ts);
}

// A thread that never passes a quiescent point (a long native call) slows a
// deferring thread down but cannot stop it; one that keeps passing them
// keeps the queue short.
TEST(QsbrTest, LongQueueIsBoundedWithoutStallingWriters) {
  if (!kDeferredReclamation) GTEST_SKIP() << "the global lock serialises";
  ThreadState* ts = AttachThread();
  constexpr int kMany = 20000;
  freed = 0;
  {
    Peer stuck;
    for (int i = 0; i < 3000; ++i) QsbrDeferDecref(NewCounted());
    EXPECT_EQ(freed.load(), 0);
    EXPECT_EQ(QsbrPending(), 3000u);
  }  // exits: nothing holds them any more
  QsbrQuiescent(ts);
  EXPECT_EQ(freed.load(), 3000);

  freed = 0;
  std::atomic<bool> stop{false};
  std::thread reporter([&] {
    ThreadState* rts = AttachThread();
    while (!stop.load()) {
      if (AskedToReport(rts)) QsbrQuiescent(rts);
      std::this_thread::yield();
    }
    DetachThread(rts);
  });
  size_t most = 0;
  for (int i = 0; i < kMany; ++i) {
    QsbrDeferDecref(NewCounted());
    if (i % 64 == 0) QsbrQuiescent(ts);  // the writer's own eval breaker
    most = std::max(most, QsbrPending());
  }
  stop = true;
  reporter.join();
  QsbrQuiescent(ts);
  EXPECT_EQ(FreedAfterMerge(ts), kMany);
  EXPECT_LT(most, static_cast<size_t>(kMany / 2));
  DetachThread(ts);
}

}  // namespace
}  // namespace twinpy
