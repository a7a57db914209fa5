// Quiescent-state-based reclamation: the queue of deferred references and the
// per-thread quiescent sequences (see qsbr.h for the protocol).
#include "runtime/qsbr.h"

#include <chrono>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "alloc/allocator.h"

namespace twinpy {

std::atomic<bool> qsbr_threads_started{false};

namespace {

// A thread's qsbr_seq while it is detached.
constexpr uint64_t kDetached = 0;

// Starts above kDetached so every attached thread's sequence is nonzero.
std::atomic<uint64_t> write_seq{1};

struct Deferred {
  void* ptr;     // an Object* to drop, or a block to free
  size_t bytes;  // 0: ptr is a reference; else the block's size
  uint64_t goal;  // released once every attached thread saw this sequence
};

// A thread's batch past this many bytes of blocks goes to the queue at once:
// the arrays a growing list leaves behind add up to several times its size.
constexpr size_t kBatchBytes = size_t{1} << 20;

void Release(void* ptr, size_t bytes) {
  if (bytes == 0) {
    Decref(static_cast<Object*>(ptr));
  } else {
    alloc::Free(ptr, bytes);
  }
}

// Past this many queued references a deferring thread waits for the others
// (up to kCatchUpWait); each wait that times out doubles the threshold, so a
// thread stuck in a long native call cannot stall writers for long, and the
// threshold returns to its base once the queue drains.
constexpr size_t kBaseLimit = 1024;
constexpr auto kCatchUpWait = std::chrono::milliseconds(2);

struct Queue {
  std::mutex mu;
  std::deque<Deferred> items;  // goals ascending: assigned under mu
  std::atomic<size_t> size{0};
  std::atomic<size_t> limit{kBaseLimit};
};

// Never destroyed: daemon threads may still report while the process exits.
Queue& TheQueue() {
  static Queue* queue = new Queue;
  return *queue;
}

// The least sequence any attached thread recorded, and at most the current
// one: every item whose goal is at or below it is safe to release. Scanned under the registry mutex,
// which QsbrAttachSlow also takes: a thread attaching after the scan reads
// shared structures after every unlink whose sequence was read before it.
uint64_t ReleasedUpTo() {
  uint64_t least = write_seq.load(std::memory_order_acquire);
  ForEachThread([&](ThreadState* ts) {
    uint64_t seq = ts->qsbr_seq.load(std::memory_order_acquire);
    if (seq != kDetached && seq < least) least = seq;
  });
  return least;
}

// Records a quiescent point of `ts`. The breaker bit is cleared before the
// sequence is read: a deferral that this read misses sets the bit again
// after the clear, so the thread reports once more. A thread holding lent
// globals is at no quiescent point: the bit stays set until it is.
void Report(ThreadState* ts) {
  if (ts->global_loans != 0) return;
  ts->eval_breaker.fetch_and(~kBreakQsbr, std::memory_order_seq_cst);
  ts->qsbr_seq.store(write_seq.load(std::memory_order_seq_cst),
                     std::memory_order_release);
}

// Asks every thread for a quiescent report at its next eval-breaker check.
void RequestReports() {
  ForEachThread([](ThreadState* ts) {
    ts->eval_breaker.fetch_or(kBreakQsbr, std::memory_order_seq_cst);
  });
}

// The queue passed its limit: the deferring thread reports for itself and
// waits, briefly, for the others. QsbrDeferDecref's callers are points where
// Python code could run (a type attribute store), so the caller holds no
// borrowed type-dict pointer here and may count as quiescent.
void CatchUp(ThreadState* ts, size_t limit) {
  Queue& q = TheQueue();
  auto deadline = std::chrono::steady_clock::now() + kCatchUpWait;
  while (true) {
    if (ts != nullptr) Report(ts);
    if (QsbrPoll() < limit / 2) return;
    if (std::chrono::steady_clock::now() >= deadline) {
      q.limit.store(limit * 2, std::memory_order_relaxed);
      return;
    }
    std::this_thread::yield();
  }
}

// Queues `count` items under one goal and asks every thread for a report;
// the queue's length.
size_t Enqueue(const ThreadState::QsbrPending* items, int count) {
  Queue& q = TheQueue();
  size_t n;
  {
    std::lock_guard<std::mutex> lock(q.mu);
    // Advanced after the caller unlinked the items and invalidated the
    // caches: a thread that reads this sequence at a quiescent point sees
    // both.
    uint64_t goal = write_seq.fetch_add(1, std::memory_order_seq_cst) + 1;
    for (int i = 0; i < count; ++i) q.items.push_back({items[i].ptr, items[i].bytes, goal});
    n = q.items.size();
    q.size.store(n, std::memory_order_release);
  }
  RequestReports();
  return n;
}

}  // namespace

void QsbrDeferDecref(Object* o) {
  if constexpr (!kDeferredReclamation) {
    XDecref(o);
    return;
  }
  if (o == nullptr || IsImmortal(o)) return;  // nothing to free
  ThreadState::QsbrPending item{o, 0};
  size_t n = Enqueue(&item, 1);
  size_t limit = TheQueue().limit.load(std::memory_order_relaxed);
  if (n >= limit) CatchUp(CurrentThread(), limit);
}

size_t QsbrPoll() {
  Queue& q = TheQueue();
  if (q.size.load(std::memory_order_acquire) == 0) return 0;
  uint64_t safe = ReleasedUpTo();
  std::vector<Deferred> ready;
  size_t left;
  {
    std::lock_guard<std::mutex> lock(q.mu);
    while (!q.items.empty() && q.items.front().goal <= safe) {
      ready.push_back(q.items.front());
      q.items.pop_front();
    }
    left = q.items.size();
    q.size.store(left, std::memory_order_release);
    if (left == 0) q.limit.store(kBaseLimit, std::memory_order_relaxed);
  }
  // Outside the lock: a deallocation may release more (never defer again,
  // but it may take other locks).
  for (const Deferred& d : ready) Release(d.ptr, d.bytes);
  return left;
}

size_t QsbrPending() {
  if constexpr (!kDeferredReclamation) return 0;
  return TheQueue().size.load(std::memory_order_acquire);
}

void QsbrQuiescent(ThreadState* ts) {
  if constexpr (!kDeferredReclamation) return;
  if (ts->qsbr_batch_size != 0) QsbrFlushBatch(ts);
  Report(ts);
  QsbrPoll();
}

void QsbrRegister(ThreadState* ts) {
  if constexpr (!kDeferredReclamation) return;
  ts->qsbr_seq.store(write_seq.load(std::memory_order_acquire),
                     std::memory_order_release);
}

void QsbrAttachSlow(ThreadState* ts) {
  // Under the registry mutex, as ReleasedUpTo scans: either the scan sees
  // this sequence, or this thread's later reads come after the scan and so
  // after every unlink whose release that scan allowed.
  std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
  ts->qsbr_seq.store(write_seq.load(std::memory_order_acquire),
                     std::memory_order_release);
}

void QsbrThreadsStarted() {
  if constexpr (kDeferredReclamation) {
    qsbr_threads_started.store(true, std::memory_order_seq_cst);
  }
}

void QsbrPush(void* ptr, size_t bytes) {
  ThreadState* ts = CurrentThread();
  if (ts == nullptr) {
    ThreadState::QsbrPending item{ptr, bytes};
    Enqueue(&item, 1);  // no batch to add to (a thread without a state)
    return;
  }
  ts->qsbr_batch[ts->qsbr_batch_size++] = {ptr, bytes};
  ts->qsbr_batch_bytes += bytes;
  if (ts->qsbr_batch_size == ThreadState::kQsbrBatch ||
      ts->qsbr_batch_bytes > kBatchBytes) {
    QsbrFlushBatch(ts);
  }
}

void QsbrFreeUnlinked(void* block, size_t bytes, bool shared) {
  if (block == nullptr) return;
  if (shared && QsbrDefersUnlinked()) {
    QsbrPush(block, bytes);
  } else {
    alloc::Free(block, bytes);
  }
}

void QsbrThreadExit(ThreadState* ts) {
  if constexpr (!kDeferredReclamation) return;
  QsbrFlushBatch(ts);
  ts->qsbr_seq.store(kDetached, std::memory_order_release);
  // The others may have reported while this thread still held items back:
  // they are asked again.
  if (QsbrPending() != 0) RequestReports();
}

void QsbrReleaseRepaid(ThreadState* ts, Object* o) {
  if (QsbrIsLent(o)) return;  // an outer loan of the same value
  // Taken out of the batch first: a release may run code that unlinks more.
  int kept = 0, released = 0;
  for (int i = 0; i < ts->qsbr_batch_size; ++i) {
    const ThreadState::QsbrPending& item = ts->qsbr_batch[i];
    if (item.ptr == o && item.bytes == 0) {
      ++released;
    } else {
      ts->qsbr_batch[kept++] = item;
    }
  }
  ts->qsbr_batch_size = kept;
  for (int i = 0; i < released; ++i) Decref(o);
}

void QsbrFlushBatch(ThreadState* ts) {
  if (ts->qsbr_batch_size == 0) return;
  // Released at the threads' next quiescent points, this one's included (the
  // caller may be in the middle of a container operation, not at one).
  Enqueue(ts->qsbr_batch, ts->qsbr_batch_size);
  ts->qsbr_batch_size = 0;
  ts->qsbr_batch_bytes = 0;
}

}  // namespace twinpy
