// Per-thread interpreter state: the raised exception, the frame chain and
// the value stack that frames are carved from.
#ifndef TWINPY_RUNTIME_THREAD_STATE_H_
#define TWINPY_RUNTIME_THREAD_STATE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

#include "runtime/object.h"

namespace twinpy {

struct Frame;

// Frames and their operand stacks live in chunks of one contiguous stack per
// thread, so a Python call costs a pointer bump rather than a heap
// allocation.
class DataStack {
 public:
  DataStack() = default;
  DataStack(const DataStack&) = delete;
  DataStack& operator=(const DataStack&) = delete;
  ~DataStack();

  // Room for `slots` pointers, or nullptr (MemoryError set).
  Object** Push(size_t slots) {
    // Compared as a distance: before the first chunk top_ is null, and
    // null + slots is undefined.
    if (__builtin_expect(slots <= static_cast<size_t>(limit_ - top_), 1)) {
      Object** p = top_;
      top_ += slots;
      return p;
    }
    return PushSlow(slots);
  }
  void Pop(Object** base) {
    if (__builtin_expect(base >= chunk_base_ && base <= top_, 1)) {
      top_ = base;
    } else {
      PopSlow(base);
    }
  }

 private:
  struct Chunk {
    Chunk* previous;
    Object** saved_top;  // the previous chunk's top when this one started
    size_t slots;
  };
  Object** PushSlow(size_t slots);
  void PopSlow(Object** base);

  Chunk* chunk_ = nullptr;
  Object** chunk_base_ = nullptr;
  Object** top_ = nullptr;
  Object** limit_ = nullptr;
};

// Bits of ThreadState::eval_breaker: requests the evaluation loop checks at
// backward jumps and calls.
enum EvalBreakerBits : uint32_t {
  kBreakSignal = 1u << 0,
  kBreakGilDrop = 1u << 1,
  // Set only by SetStepBudget (the fuzzers): every breaker point counts one
  // step and raises once the budget is spent.
  kBreakStepBudget = 1u << 2,
  // Biased counting (refcount.h): other threads queued objects this thread
  // owns; it merges them (BrcMergeQueue).
  kBreakBrcMerge = 1u << 3,
  // Free-threaded builds: another thread is stopping the world
  // (runtime/safepoint.h); park until it is done.
  kBreakStopWorld = 1u << 4,
  // Deferred reclamation (qsbr.h) waits for this thread to pass a quiescent
  // point: it reports one (QsbrQuiescent).
  kBreakQsbr = 1u << 5,
};

// ThreadState::attachment (runtime/safepoint.h; free-threaded builds).
enum ThreadAttachment : uint8_t {
  kThreadDetached = 0,   // blocked, not started or finished: frames still
  kThreadAttached = 1,   // may run Python code
  kThreadSuspended = 2,  // detached, held so by a stop-the-world
};

// Per-thread counters of the global lock, kept by the thread itself (no
// shared cache line on the hot path); sys._gil_stats() reads them.
struct GilStats {
  uint64_t acquisitions = 0;
  uint64_t forced_switches = 0;  // times this thread gave the lock away
  uint64_t drop_requests = 0;    // times this thread asked for it
  int64_t wait_ns_total = 0;
  int64_t wait_ns_max = 0;
};

struct ThreadState {
  Object* exception = nullptr;  // the raised exception, owned
  Object* handled = nullptr;    // the exception an except clause is handling
  Frame* frame = nullptr;       // innermost Python frame
  int depth = 0;                // Python frames on this thread
  std::atomic<uint32_t> eval_breaker{0};
  std::atomic<uint8_t> attachment{kThreadDetached};  // a ThreadAttachment
  DataStack stack;
  GilStats gil_stats;
  uint64_t object_lock_contentions = 0;  // free-threaded build
  uint64_t ident = 0;      // threading.get_ident()
  int64_t native_id = 0;   // the kernel's thread id
  int64_t step_budget = 0;  // breaker points left while kBreakStepBudget is set
  // Biased counting: objects this thread owns whose shared count other
  // threads took below zero, and whether it still accepts them. Both under
  // the registry mutex.
  std::vector<RefCount*> brc_queue;
  bool brc_closed = false;
  // qsbr.h: the write sequence this thread saw at its last quiescent point;
  // 0 while it is detached (in a blocking call), when it holds nothing.
  std::atomic<uint64_t> qsbr_seq{0};
  // qsbr.h: references and blocks this thread unlinked from lists and dicts
  // and has not yet handed to the shared queue (bytes 0: a reference).
  struct QsbrPending {
    void* ptr;
    size_t bytes;
  };
  static constexpr int kQsbrBatch = 128;
  QsbrPending qsbr_batch[kQsbrBatch];
  int qsbr_batch_size = 0;
  size_t qsbr_batch_bytes = 0;
  // Globals this thread's operand stacks hold lent, uncounted
  // (LOAD_GLOBAL_LENT, eval.cc), innermost last: while any is out, the
  // thread reports no quiescent point, and it defers its own unlinks of
  // them, so a rebound global stays alive for it (qsbr.h). Past kMaxLoans a
  // global is counted instead.
  static constexpr int kMaxLoans = 8;
  int global_loans = 0;
  Object* loans[kMaxLoans];
};

// Limits the code run by `ts` to `steps` backward jumps and calls (then
// KeyboardInterrupt, which `except Exception` does not swallow); a negative
// `steps` lifts the limit. For the fuzzers: ordinary runs never set it, so
// the evaluation loop's fast path is unchanged.
inline void SetStepBudget(ThreadState* ts, int64_t steps) {
  ts->step_budget = steps;
  if (steps < 0) {
    ts->eval_breaker.fetch_and(~kBreakStepBudget, std::memory_order_relaxed);
  } else {
    ts->eval_breaker.fetch_or(kBreakStepBudget, std::memory_order_relaxed);
  }
}

extern thread_local ThreadState* tls_current_thread;
inline ThreadState* CurrentThread() { return tls_current_thread; }

// Creates a thread state and registers it; a new OS thread then binds it
// with BindThread. AttachThread does both for the calling thread (the main
// thread's at start-up).
ThreadState* NewThreadState();
void BindThread(ThreadState* ts);
ThreadState* AttachThread();
// Drops the objects the state owns (the raised and handled exceptions,
// objects queued by biased counting); freeing them may run Python code, so
// a thread calls it while still attached. DetachThread calls it again.
void ReleaseThreadObjects(ThreadState* ts);
// Unregisters and frees the state; its GIL counters join the totals of
// finished threads.
void DetachThread(ThreadState* ts);

// Forgets the thread's Python frames after a C++ exception unwound past
// the evaluation loop (their references leak).
void AbandonFrames(ThreadState* ts);

// Calls fn for every live thread state, under the registry lock.
template <class Fn>
void ForEachThread(Fn fn);
std::mutex& ThreadRegistryMutex();
std::vector<ThreadState*>& ThreadRegistry();
GilStats FinishedThreadsGilStats();
uint64_t FinishedThreadsObjectLockContentions();

template <class Fn>
void ForEachThread(Fn fn) {
  std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
  for (ThreadState* ts : ThreadRegistry()) fn(ts);
}

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_THREAD_STATE_H_
