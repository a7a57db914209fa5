// _thread._local's memory: a thread's dict for a local is released when
// the thread ends, every thread's dict when the local dies, and a slot
// number a dead local gave back never shows its old dicts to the next
// local. Values are objects of a type that counts its deallocations; each
// is dropped last by the thread that made it, so that biased counting
// (ft-brc) frees it at once, as the other builds do.
#include "runtime/thread_local_object.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/module.h"
#include "runtime/str.h"
#include "runtime/thread_state.h"
#include "tests/counted_object.h"

namespace twinpy {
namespace {

class ThreadLocalTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    static bool done = [] {
      AttachThread();
      InitRuntime({"thread_local_object_test"});
      InitLocalType();
      return true;
    }();
    (void)done;
  }
  void SetUp() override { freed = 0; }
};

Object* NewLocal() {
  Object* l = Call(&LocalType, nullptr, 0);
  EXPECT_NE(l, nullptr);
  return l;
}

StrObject* Name() { return InternStr("value"); }

// Stores a new counted object as l.value and drops the caller's reference,
// so the dict holds the only one.
void StoreCounted(Object* l) {
  Object* v = AllocObject(CountingType(), sizeof(Object));
  ASSERT_NE(v, nullptr);
  ASSERT_EQ(SetAttr(l, Name(), v), 0);
  Decref(v);
}

// Runs fn on a thread of its own, bound to a thread state, ending as a
// Python thread ends.
template <class Fn>
void OnThread(Fn fn) {
  std::thread t([&] {
    ThreadState* ts = AttachThread();
    fn();
    ReleaseThreadLocals();
    DetachThread(ts);
  });
  t.join();
}

TEST_F(ThreadLocalTest, LocalDeathReleasesItsDict) {
  Object* l = NewLocal();
  StoreCounted(l);
  EXPECT_EQ(freed.load(), 0);
  Decref(l);
  EXPECT_EQ(freed.load(), 1);
}

TEST_F(ThreadLocalTest, ThreadEndReleasesItsDictsOnly) {
  Object* l = NewLocal();
  StoreCounted(l);  // the main thread's
  OnThread([&] {
    EXPECT_EQ(PeekThreadLocalDict(l), nullptr);  // not shared
    StoreCounted(l);
    EXPECT_NE(PeekThreadLocalDict(l), nullptr);
  });
  EXPECT_EQ(freed.load(), 1);  // the thread's, as it ended
  Object* v = GetAttr(l, Name());
  ASSERT_NE(v, nullptr);  // the main thread's is still there
  EXPECT_EQ(v->type, CountingType());
  Decref(v);
  Decref(l);
  EXPECT_EQ(freed.load(), 2);
}

TEST_F(ThreadLocalTest, LocalDiesWhileAnotherThreadHoldsADict) {
  Object* l = NewLocal();
  std::mutex mu;
  std::condition_variable cv;
  int stage = 0;
  std::thread t([&] {
    ThreadState* ts = AttachThread();
    StoreCounted(l);
    std::unique_lock<std::mutex> lock(mu);
    stage = 1;
    cv.notify_all();
    cv.wait(lock, [&] { return stage == 2; });
    // The local died meanwhile: this thread's table no longer holds its
    // dict, so ending releases nothing twice.
    lock.unlock();
    ReleaseThreadLocals();
    DetachThread(ts);
  });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return stage == 1; });
  }
  Decref(l);
  {
    std::lock_guard<std::mutex> lock(mu);
    stage = 2;
  }
  cv.notify_all();
  t.join();
  EXPECT_EQ(freed.load(), 1);
}

TEST_F(ThreadLocalTest, ReusedSlotStartsEmptyInEveryThread) {
  Object* fresh = nullptr;
  OnThread([&] {
    Object* first = NewLocal();
    StoreCounted(first);
    Decref(first);  // dies here, with this thread's dict
    EXPECT_EQ(freed.load(), 1);
    fresh = NewLocal();  // likely the same slot
    EXPECT_NE(PeekThreadLocalDict(fresh), nullptr);  // the creator's, empty
    Object* d = GetAttrString(fresh, "__dict__");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(DictSize(static_cast<DictObject*>(d)), 0);
    Decref(d);
  });
  EXPECT_EQ(PeekThreadLocalDict(fresh), nullptr);
  Object* d = GetAttrString(fresh, "__dict__");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(DictSize(static_cast<DictObject*>(d)), 0);
  Decref(d);
  Decref(fresh);
}

TEST_F(ThreadLocalTest, ManyLocalsManyThreads) {
  constexpr int kLocals = 40;
  Object* locals[kLocals];
  for (Object*& l : locals) l = NewLocal();
  for (int round = 0; round < 3; ++round) {
    OnThread([&] {
      for (Object* l : locals) StoreCounted(l);
    });
  }
  EXPECT_EQ(freed.load(), 3 * kLocals);
  for (Object* l : locals) Decref(l);
}

}  // namespace
}  // namespace twinpy
