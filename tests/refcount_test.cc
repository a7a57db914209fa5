// Reference counts through refcount.h under every variant: the count seen
// by RcLoad, and an object freed exactly once when its last reference is
// dropped by a thread other than its creator, whether the creator is still
// running (ft-brc: queued, merged at the creator's BrcMergeQueue) or gone
// (merged in place by the dropping thread).
#include "runtime/refcount.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "runtime/function.h"
#include "runtime/module.h"
#include "runtime/object.h"
#include "runtime/thread_state.h"
#include "runtime/variant.h"
#include "tests/counted_object.h"

namespace twinpy {
namespace {

TEST(RefCountTest, OneThreadCountsAndFrees) {
  ThreadState* ts = AttachThread();
  freed = 0;
  Object* o = NewCounted();
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(RcLoad(o->rc), 1);
  Incref(o);
  Incref(o);
  EXPECT_EQ(RcLoad(o->rc), 3);
  EXPECT_FALSE(RcDecrement(o->rc));
  EXPECT_EQ(RcLoad(o->rc), 2);
  Decref(o);
  EXPECT_EQ(freed.load(), 0);
  Decref(o);
  EXPECT_EQ(freed.load(), 1);
  DetachThread(ts);
}

TEST(RefCountTest, ImmortalIsNeverWritten) {
  if (!kImmortalObjects) GTEST_SKIP() << "this variant counts every object";
  ThreadState* ts = AttachThread();
  Object* o = NewCounted();
  MakeImmortal(o);
  for (int i = 0; i < 10; ++i) Decref(o);
  EXPECT_TRUE(IsImmortal(o));
  EXPECT_EQ(RcLoad(o->rc), kImmortalRefcnt);
  DetachThread(ts);
}

Object* NoOp(Object* const*, size_t, TupleObject*) { return nullptr; }

// Builtins every thread calls (len, list.append, ...) are made once at
// start-up and never written: LOAD_GLOBAL's cache keeps only immortal values
// in the free-threaded build, so a mortal `len` took the locked dict path on
// every call.
TEST(RefCountTest, StaticBuiltinsAreImmortal) {
  if (!kImmortalObjects) GTEST_SKIP() << "this variant counts every object";
  ThreadState* ts = AttachThread();
  InitRuntime({"refcount_test"});
  NativeFunctionObject* f = NewStaticNativeFunction("noop", NoOp, 0);
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(IsImmortal(f));
  NativeFunctionObject* g = NewNativeFunction("noop", NoOp, 0);
  ASSERT_NE(g, nullptr);
  EXPECT_FALSE(IsImmortal(g));  // bound methods and closures stay counted
  Decref(g);
  DetachThread(ts);
}

// The creator keeps running; another thread takes references, then drops
// the last one.
TEST(RefCountTest, LastReferenceDroppedByAnotherThread) {
  ThreadState* owner = AttachThread();
  freed = 0;
  Object* o = NewCounted();
  Incref(o);  // the creator's own second reference
  std::thread other([o] {
    ThreadState* ts = AttachThread();
    for (int i = 0; i < 1000; ++i) Incref(o);
    for (int i = 0; i < 1000; ++i) Decref(o);
    EXPECT_EQ(RcLoad(o->rc), 2);
    Decref(o);  // the reference handed over
    DetachThread(ts);
  });
  other.join();
  EXPECT_EQ(freed.load(), 0);
  Decref(o);  // the creator's last
  BrcMergeQueue(owner);
  EXPECT_EQ(freed.load(), 1);
  DetachThread(owner);
}

// Handed over before the creator's last drop: the other thread's drop is
// the object's last, and (ft-brc) waits for the creator to merge it.
TEST(RefCountTest, QueuedToLiveOwner) {
  ThreadState* owner = AttachThread();
  freed = 0;
  Object* o = NewCounted();
  std::thread other([o] {
    ThreadState* ts = AttachThread();
    Decref(o);
    DetachThread(ts);
  });
  other.join();
  BrcMergeQueue(owner);
  EXPECT_EQ(freed.load(), 1);
  DetachThread(owner);
}

// The creator exits while another thread still holds its object.
TEST(RefCountTest, OwnerExitsFirst) {
  freed = 0;
  std::atomic<Object*> handed{nullptr};
  std::thread creator([&handed] {
    ThreadState* ts = AttachThread();
    Object* o = NewCounted();
    Incref(o);
    Decref(o);
    handed = o;
    DetachThread(ts);
  });
  creator.join();
  ThreadState* ts = AttachThread();
  Object* o = handed.load();
  Incref(o);
  Decref(o);
  EXPECT_EQ(freed.load(), 0);
  Decref(o);
  EXPECT_EQ(freed.load(), 1);
  DetachThread(ts);
}

}  // namespace
}  // namespace twinpy
