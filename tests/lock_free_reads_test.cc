// Lock-free reads of lists and dicts (ListItemRef, DictGetStrRef) and what
// they ask of writers (object_lock.h LockFreeReads, qsbr.h): a container only
// its creating thread has touched releases what it unlinks at once; once
// another thread has read it, what its writers unlink waits for every
// thread's quiescent point; and readers racing with writers that replace,
// remove, grow and clear only ever see live objects (ThreadSanitizer and
// AddressSanitizer runs of this test check the orderings).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/qsbr.h"
#include "runtime/str.h"
#include "runtime/thread_state.h"
#include "runtime/variant.h"
#include "tests/counted_object.h"

namespace twinpy {
namespace {

class LockFreeReadsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    static bool done = [] {
      AttachThread();
      InitRuntime({"lock_free_reads_test"});
      // As when a script starts a thread: from now on unlinks may defer.
      QsbrThreadsStarted();
      return true;
    }();
    (void)done;
  }
  void SetUp() override {
    // Whatever earlier tests left queued is released first.
    QsbrQuiescent(CurrentThread());
    freed = 0;
  }
};

// Runs fn on a new attached thread and waits for it.
template <class Fn>
void OnOtherThread(Fn fn) {
  std::thread([&] {
    ThreadState* ts = AttachThread();
    fn();
    DetachThread(ts);
  }).join();
}

ListObject* ListOfCounted(int n) {
  ListObject* list = NewList(0);
  for (int i = 0; i < n; ++i) ListAppendSteal(list, NewCounted());
  return list;
}

void ReplaceItem(ListObject* list, int64_t i) {
  Object* key = NewInt(i);
  Object* value = NewCounted();
  ASSERT_EQ(ListType.setitem(list, key, value), 0);
  Decref(value);
  Decref(key);
}

TEST_F(LockFreeReadsTest, UnsharedListReleasesAtOnce) {
  ListObject* list = ListOfCounted(3);
  Object* item = ListItemRef(list, 1);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->type, CountingType());
  Decref(item);
  ReplaceItem(list, 1);
  EXPECT_EQ(freed.load(), 1);  // nobody else could have read it
  Decref(list);
  EXPECT_EQ(freed.load(), 4);
}

TEST_F(LockFreeReadsTest, ListReadElsewhereDefersUntilQuiescent) {
  ListObject* list = ListOfCounted(3);
  OnOtherThread([&] {
    Object* item = ListItemRef(list, 0);
    ASSERT_NE(item, nullptr);
    Decref(item);
  });
  ReplaceItem(list, 0);
  if (kDeferredReclamation) {
    EXPECT_EQ(freed.load(), 0);  // in this thread's batch
    QsbrQuiescent(CurrentThread());
  }
  EXPECT_EQ(freed.load(), 1);
  Decref(list);
  EXPECT_EQ(freed.load(), 4);
}

TEST_F(LockFreeReadsTest, OutgrownArrayOfASharedListIsDeferred) {
  ListObject* list = ListOfCounted(1);
  OnOtherThread([&] { Decref(ListItemRef(list, 0)); });
  // Grows through several arrays; each old one is retired, not freed, and
  // a read after every growth still finds every item.
  for (int i = 0; i < 100; ++i) {
    ListAppendSteal(list, NewCounted());
    Object* last = ListItemRef(list, -1);
    ASSERT_NE(last, nullptr);
    EXPECT_EQ(last->type, CountingType());
    Decref(last);
  }
  EXPECT_EQ(ListSize(list), 101);
  Decref(list);
  QsbrQuiescent(CurrentThread());
  EXPECT_EQ(freed.load(), 101);
}

TEST_F(LockFreeReadsTest, DictReadElsewhereDefersUntilQuiescent) {
  DictObject* d = NewDict();
  StrObject* key = InternStr("attr");
  Object* v = NewCounted();
  DictSetItem(d, key, v);
  Decref(v);
  Object* got = DictGetStrRef(d, key);  // the owner's read marks nothing
  EXPECT_EQ(got, v);
  Decref(got);
  v = NewCounted();
  DictSetItem(d, key, v);
  Decref(v);
  EXPECT_EQ(freed.load(), 1);
  OnOtherThread([&] {
    Object* seen = DictGetStrRef(d, key);
    EXPECT_EQ(seen, v);
    Decref(seen);
  });
  ASSERT_EQ(DictDelItem(d, key), 1);
  if (kDeferredReclamation) {
    EXPECT_EQ(freed.load(), 1);
    QsbrQuiescent(CurrentThread());
  }
  EXPECT_EQ(freed.load(), 2);
  EXPECT_EQ(DictGetStrRef(d, key), nullptr);
  Decref(d);
}

// Readers may compare a key they find (equal hash, other object) with
// theirs, so a shared dict defers the release of deleted keys too; and a
// lookup by an equal int or str that is another object finds the entry
// without the lock.
TEST_F(LockFreeReadsTest, DeletedKeysOfASharedDictAreDeferred) {
  DictObject* d = NewDict();
  Object* key = NewCounted();
  Object* v = NewInt(7);
  DictSetItem(d, key, v);
  Object* big = NewInt(int64_t{1} << 40);
  DictSetItem(d, big, v);
  Decref(v);
  OnOtherThread([&] {
    Object* seen = DictGetItemRef(d, key);
    EXPECT_NE(seen, nullptr);
    XDecref(seen);
    Object* equal = NewInt(int64_t{1} << 40);  // not `big` itself
    ASSERT_NE(equal, big);
    seen = DictGetItemRef(d, equal);
    ASSERT_NE(seen, nullptr);
    EXPECT_EQ(IntCompare(seen, v), 0);
    Decref(seen);
    Decref(equal);
  });
  ASSERT_EQ(DictDelItem(d, key), 1);
  Decref(key);  // the dict held the other reference
  if (kDeferredReclamation) {
    EXPECT_EQ(freed.load(), 0);
    QsbrQuiescent(CurrentThread());
  }
  EXPECT_EQ(freed.load(), 1);
  Decref(big);
  Decref(d);
}

// A full batch goes to the shared queue without waiting for a quiescent
// point of the deferring thread.
TEST_F(LockFreeReadsTest, FullBatchIsQueued) {
  if (!kDeferredReclamation) GTEST_SKIP() << "the global lock serialises";
  ListObject* list = ListOfCounted(1);
  OnOtherThread([&] { Decref(ListItemRef(list, 0)); });
  for (int i = 0; i < ThreadState::kQsbrBatch - 1; ++i) ReplaceItem(list, 0);
  EXPECT_EQ(QsbrPending(), 0u);
  ReplaceItem(list, 0);
  EXPECT_EQ(QsbrPending(), static_cast<size_t>(ThreadState::kQsbrBatch));
  EXPECT_EQ(freed.load(), 0);
  QsbrQuiescent(CurrentThread());
  EXPECT_EQ(freed.load(), ThreadState::kQsbrBatch);
  Decref(list);
}

// Readers race with a writer that replaces, deletes, pops, appends (growing
// the array) and reverses a list and sets, deletes and clears a dict,
// every unlinked value dying at its release. Each reader passes a
// quiescent point between reads, as the evaluation loop does.
TEST_F(LockFreeReadsTest, RacingReadersSeeOnlyLiveObjects) {
  if (kHasGil) GTEST_SKIP() << "threads run Python only holding the global lock";
  ListObject* list = ListOfCounted(8);
  DictObject* d = NewDict();
  std::vector<StrObject*> keys;
  for (int i = 0; i < 12; ++i) keys.push_back(InternStr(("k" + std::to_string(i)).c_str()));
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::atomic<long> reads{0};
  std::atomic<int> ready{0};
  auto reader = [&](int seed) {
    ThreadState* ts = AttachThread();
    ready.fetch_add(1);
    unsigned x = static_cast<unsigned>(seed) * 2654435761u + 1;
    while (!stop.load(std::memory_order_relaxed)) {
      x = x * 1103515245u + 12345u;
      if (Object* item = ListItemRef(list, static_cast<int64_t>(x % 40))) {
        if (item->type != CountingType()) bad.fetch_add(1);
        Decref(item);
      }
      if (Object* v = DictGetStrRef(d, keys[(x >> 8) % keys.size()])) {
        if (v->type != CountingType()) bad.fetch_add(1);
        Decref(v);
      }
      reads.fetch_add(1, std::memory_order_relaxed);
      QsbrQuiescent(ts);
    }
    DetachThread(ts);
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i) readers.emplace_back(reader, i + 1);
  while (ready.load() < 3) std::this_thread::yield();
  ThreadState* me = CurrentThread();
  for (int round = 0; round < 3000; ++round) {
    ReplaceItem(list, round % 8);
    ListAppendSteal(list, NewCounted());
    if (round % 5 == 0) {
      Object* key = NewInt(-1);
      ASSERT_EQ(ListType.setitem(list, key, nullptr), 0);  // del list[-1]
      Decref(key);
    }
    if (round % 7 == 0) {
      Object* popped = CallMethod(list, "pop", nullptr, 0);
      ASSERT_NE(popped, nullptr);
      Decref(popped);
      Object* r = CallMethod(list, "reverse", nullptr, 0);
      ASSERT_NE(r, nullptr);
      Decref(r);
    }
    if (round % 97 == 0) {
      // Back to 8 items, one deletion at a time.
      int64_t n = ListSize(list);
      for (int64_t i = n - 1; i >= 8; --i) {
        Object* key = NewInt(i);
        ASSERT_EQ(ListType.setitem(list, key, nullptr), 0);
        Decref(key);
      }
    }
    StrObject* k = keys[round % keys.size()];
    Object* v = NewCounted();
    DictSetItem(d, k, v);
    Decref(v);
    if (round % 3 == 0) DictDelItem(d, keys[(round / 3) % keys.size()]);
    if (round % 211 == 0) DictClear(d);
    QsbrQuiescent(me);
  }
  stop = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(reads.load(), 0);
  Decref(list);
  Decref(d);
  QsbrQuiescent(me);
  EXPECT_EQ(QsbrPending(), 0u);
}

}  // namespace
}  // namespace twinpy
