// The slow paths of biased reference counting (see refcount.h): merging a
// count whose owner let go, queueing a count to its owner, and the owner's
// side of the queue. In the other builds the thread hooks do nothing.
#include "runtime/refcount.h"

#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

#include "runtime/object.h"
#include "runtime/thread_state.h"

namespace twinpy {

#if TWINPY_BIASED_RC

thread_local uint64_t tls_brc_id = kNoBrcId;

namespace {

// Folds local into shared and gives up ownership, keeping every reference;
// then adds `extra` references (-1: the queue's) to the merged count and
// returns the result (0: the caller frees the object). Called by the owner,
// or by anyone once the owner has stopped counting locally (BrcThreadExit).
// The extra reference is dropped only after local and owner are written:
// until then the merger still holds it, so no other thread can free the
// object under those writes.
int64_t ExplicitMerge(RefCount& rc, int64_t extra) {
  int64_t local = rc.local.load(std::memory_order_relaxed);
  int64_t s = rc.shared.load(std::memory_order_relaxed);
  int64_t total;
  do {
    total = local + (s >> kRcShift);
  } while (!rc.shared.compare_exchange_weak(s, (total << kRcShift) | kRcMerged,
                                            std::memory_order_acq_rel,
                                            std::memory_order_relaxed));
  rc.local.store(0, std::memory_order_relaxed);
  rc.owner.store(0, std::memory_order_relaxed);
  if (extra == 0) return total;
  return (rc.shared.fetch_add(extra * kRcOne, std::memory_order_acq_rel) >> kRcShift) +
         extra;
}

// Drops a queue's reference to `rc`; true when the object must be freed.
// An object made immortal while queued keeps its mark (and the reference
// no longer matters).
bool MergeQueued(RefCount& rc) {
  if (RcSkip(rc.local.load(std::memory_order_relaxed))) return false;
  return ExplicitMerge(rc, -1) == 0;
}

Object* AsObject(RefCount* rc) {
  // The count is the first member of every object.
  static_assert(offsetof(Object, rc) == 0, "RefCount must start the object");
  return reinterpret_cast<Object*>(rc);
}

void MergeAll(const std::vector<RefCount*>& queued) {
  for (RefCount* rc : queued) {
    if (MergeQueued(*rc)) Dealloc(AsObject(rc));
  }
}

// Hands a reference the caller dropped (the shared count was at zero, so it
// may be the last) to the owner, which alone can read its local count. True
// when the owner is gone, the count was merged here, and the caller must
// free the object.
bool QueueToOwner(RefCount& rc) {
  uint64_t owner = rc.owner.load(std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
    for (ThreadState* ts : ThreadRegistry()) {
      if (ts->ident == owner && !ts->brc_closed) {
        ts->brc_queue.push_back(&rc);
        ts->eval_breaker.fetch_or(kBreakBrcMerge, std::memory_order_relaxed);
        return false;
      }
    }
  }
  // The owner no longer counts locally; the mutex ordered its last local
  // writes before this read.
  return MergeQueued(rc);
}

}  // namespace

bool RcMergeZeroLocal(RefCount& rc) {
  int64_t s = rc.shared.load(std::memory_order_acquire);
  if (s == 0) return true;  // no other thread ever kept a reference
  // Others hold references (or one is queued): the count lives on in shared.
  rc.owner.store(0, std::memory_order_relaxed);
  int64_t desired;
  do {
    desired = (s & ~(kRcOne - 1)) | kRcMerged;
  } while (!rc.shared.compare_exchange_weak(s, desired, std::memory_order_acq_rel,
                                            std::memory_order_relaxed));
  return desired == kRcMerged;
}

bool RcDecrefShared(RefCount& rc) {
  int64_t s = rc.shared.load(std::memory_order_relaxed);
  int64_t desired;
  bool queue;
  do {
    // At zero and unmerged the reference may be the object's last, which
    // only the owner can tell: queue it rather than going negative.
    queue = s == 0;
    desired = queue ? kRcQueued : s - kRcOne;
  } while (!rc.shared.compare_exchange_weak(s, desired, std::memory_order_acq_rel,
                                            std::memory_order_relaxed));
  if (queue) return QueueToOwner(rc);
  return desired == kRcMerged;
}

void BrcBindThread(ThreadState* ts) {
  // A thread state outside the registry (the SIGQUIT watcher) cannot be
  // queued to: its objects start merged.
  std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
  for (ThreadState* t : ThreadRegistry()) {
    if (t == ts) {
      tls_brc_id = ts->ident;
      return;
    }
  }
}

void BrcMergeQueue(ThreadState* ts) {
  std::vector<RefCount*> queued;
  {
    std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
    ts->eval_breaker.fetch_and(~kBreakBrcMerge, std::memory_order_relaxed);
    queued.swap(ts->brc_queue);
  }
  // Outside the mutex: freeing can decref objects of other owners.
  MergeAll(queued);
}

void BrcThreadExit(ThreadState* ts) {
  BrcMergeQueue(ts);
  // From here on this thread counts its own objects in shared, so merging
  // them elsewhere cannot race with a local write.
  if (tls_brc_id == ts->ident) tls_brc_id = kNoBrcId;
  std::vector<RefCount*> queued;
  {
    std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
    ts->brc_closed = true;  // later queuers merge in place
    ts->eval_breaker.fetch_and(~kBreakBrcMerge, std::memory_order_relaxed);
    queued.swap(ts->brc_queue);
  }
  MergeAll(queued);
}

#else

void BrcBindThread(ThreadState*) {}
void BrcMergeQueue(ThreadState*) {}
void BrcThreadExit(ThreadState*) {}

#endif

}  // namespace twinpy
