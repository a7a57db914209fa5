// Quiescent-state-based reclamation (QSBR): safe memory reclamation for
// values that readers use through borrowed pointers without a lock or a
// reference count write, as the values LookupType finds in type dicts.
//
// A global write sequence advances at every deferral, and the deferred
// reference is tagged with the new value (its goal). Each thread records the
// sequence it saw at its last quiescent point, a point where it holds no
// borrowed pointer obtained earlier: an eval-breaker check in the evaluation
// loop (the loop's own stack holds owned references, or lent globals, and
// then it reports nothing: see global loans below), or any time while
// detached inside a blocking call (GilReleased). Once every attached thread
// recorded a sequence at or past an item's goal, none can still hold what the
// item refers to, and the reference is dropped.
//
// The hot path pays nothing: threads are asked for a quiescent report through
// their eval breaker (kBreakQsbr) only while something waits to be released.
// In builds with the global lock (kDeferredReclamation false) every entry
// point releases at once or does nothing.
//
// Rule for readers: a borrowed result of LookupType is valid until the
// reader's next quiescent point. Anything that may run Python code (calling
// the value, a descriptor's __get__) or block must either not use the pointer
// afterwards or take a reference first; an Incref of a deferred, not yet
// released value is safe.
#ifndef TWINPY_RUNTIME_QSBR_H_
#define TWINPY_RUNTIME_QSBR_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "runtime/object.h"
#include "runtime/thread_state.h"
#include "runtime/variant.h"

namespace twinpy {

// Drops the caller's reference to `o` (nullptr allowed) once every thread
// has passed a quiescent point; at once in GIL builds and for immortal
// objects. Call it after the value is unlinked from where readers find it and
// the lookup caches are invalidated. A deferring thread whose queue has grown
// long waits a bounded time for the others to catch up (memory stays bounded
// while they reach quiescent points; a thread stuck in a long native call
// only slows the deferring thread down).
void QsbrDeferDecref(Object* o);

// The calling thread is at a quiescent point: records it and releases what
// has become safe to release. The evaluation loop calls it when kBreakQsbr is
// set. A thread holding lent globals is not at one: it records nothing and
// is asked again at its next breaker check.
void QsbrQuiescent(ThreadState* ts);

// Registers a new thread state as attached, at the current sequence (it has
// read nothing yet). Called with the thread registry mutex held.
void QsbrRegister(ThreadState* ts);

// Around blocking calls: a detached thread holds no borrowed pointer, so it
// never delays a release; attaching again orders its later reads after every
// release decided while it was away.
void QsbrFlushBatch(ThreadState* ts);
// A thread holding lent globals (ThreadState::global_loans) stays attached
// at its last sequence instead: it still uses them when it comes back.
inline void QsbrDetach(ThreadState* ts) {
  if constexpr (kDeferredReclamation) {
    if (ts == nullptr || ts->global_loans != 0) return;
    if (ts->qsbr_batch_size != 0) QsbrFlushBatch(ts);
    ts->qsbr_seq.store(0, std::memory_order_release);
  }
}
// A thread that will read nothing more (it is ending): hands its batch
// to the queue and stops holding releases back.
void QsbrThreadExit(ThreadState* ts);
void QsbrAttachSlow(ThreadState* ts);
inline void QsbrAttach(ThreadState* ts) {
  if constexpr (kDeferredReclamation) {
    if (ts != nullptr && ts->global_loans == 0) QsbrAttachSlow(ts);
  }
}

// Lists and dicts let readers load an item or value and count it without
// the container's lock (list.cc, dict.cc): between the load and the count a
// writer on another thread may unlink it. So once a second thread has been
// started, what a writer unlinks from a list or dict that more than one
// thread has touched (the reference to a replaced or removed value, an
// outgrown item array or table) is released through the queue above, after
// every thread's next quiescent point. The writer only appends to its own
// batch (a plain store); a full batch, or one held when the thread reports,
// blocks or ends, goes to the queue under one lock. Before a second thread
// starts, and for containers only their creator has touched, everything is
// released at once, keeping CPython's finalisation order.
extern std::atomic<bool> qsbr_threads_started;
inline bool QsbrDefersUnlinked() {
  return kDeferredReclamation &&
         qsbr_threads_started.load(std::memory_order_relaxed);
}
// The thread starting another calls it first (thread_module.cc), so its own
// later unlinks, and every other thread's, are deferred.
void QsbrThreadsStarted();
void QsbrPush(void* ptr, size_t bytes);
// Global loans (ThreadState::loans): a thread may use a value it read from
// a globals dict without counting it until it repays the loan. Another
// thread's unlink is deferred as for any shared dict (the reader marked it
// shared, or it is the owner and the writer is not); the thread's own
// unlink of a value it holds lent is deferred too.
inline bool QsbrTakeLoan(ThreadState* ts, Object* o) {
  if (ts->global_loans == ThreadState::kMaxLoans) return false;
  ts->loans[ts->global_loans++] = o;
  return true;
}
// The innermost loan of `o`, or -1.
inline int QsbrFindLoan(const ThreadState* ts, const Object* o) {
  int i = ts->global_loans - 1;
  while (i >= 0 && ts->loans[i] != o) --i;
  return i;
}
inline bool QsbrIsLent(Object* o) {
  if constexpr (kLendGlobals) {
    ThreadState* ts = CurrentThread();
    return ts != nullptr && QsbrFindLoan(ts, o) >= 0;
  }
  return false;
}
// Ends the loan of `o`. In a program that never started a second thread,
// what the thread deferred of `o` is released at once: no other thread can
// use it, and it goes where CPython drops it, after the subscript.
void QsbrReleaseRepaid(ThreadState* ts, Object* o);
inline void QsbrRepayLoan(ThreadState* ts, Object* o) {
  int i = QsbrFindLoan(ts, o);  // the innermost, as loans nest
  if (i < 0) i = 0;
  for (; i + 1 < ts->global_loans; ++i) ts->loans[i] = ts->loans[i + 1];
  --ts->global_loans;
  if (ts->qsbr_batch_size != 0 && !QsbrDefersUnlinked()) QsbrReleaseRepaid(ts, o);
}

// Drops a reference unlinked from a list or dict (nullptr allowed);
// `shared` is the container's LockFreeReads::NoteWriter() (object_lock.h).
inline void QsbrDecrefUnlinked(Object* o, bool shared) {
  if (o == nullptr) return;
  if (((shared && QsbrDefersUnlinked()) || QsbrIsLent(o)) && !IsImmortal(o)) {
    QsbrPush(o, 0);
    return;
  }
  Decref(o);
}
// Frees (alloc::Free) an array or table a list or dict no longer uses.
void QsbrFreeUnlinked(void* block, size_t bytes, bool shared);

// Releases whatever every attached thread has passed; returns how many
// references stay queued. For the quiescent-point handler and tests.
size_t QsbrPoll();
// References queued and not yet released.
size_t QsbrPending();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_QSBR_H_
