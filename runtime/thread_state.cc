// Thread states and the chunked value stack.
#include "runtime/thread_state.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>

#include "runtime/errors.h"
#include "runtime/qsbr.h"
#include "runtime/safepoint.h"
#include "runtime/stack_guard.h"

namespace twinpy {

thread_local ThreadState* tls_current_thread = nullptr;

namespace {
// A first chunk of 64 Ki slots (512 KiB) covers ordinary recursion depths;
// deeper programs chain further chunks.
constexpr size_t kChunkSlots = 64 * 1024;
}  // namespace

DataStack::~DataStack() {
  while (chunk_ != nullptr) {
    Chunk* previous = chunk_->previous;
    std::free(chunk_);
    chunk_ = previous;
  }
}

Object** DataStack::PushSlow(size_t slots) {
  size_t n = slots > kChunkSlots ? slots : kChunkSlots;
  void* memory = std::malloc(sizeof(Chunk) + n * sizeof(Object*));
  if (memory == nullptr) return NoMemory();
  auto* chunk = static_cast<Chunk*>(memory);
  chunk->previous = chunk_;
  chunk->saved_top = top_;
  chunk->slots = n;
  chunk_ = chunk;
  chunk_base_ = reinterpret_cast<Object**>(chunk + 1);
  top_ = chunk_base_ + slots;
  limit_ = chunk_base_ + n;
  return chunk_base_;
}

void DataStack::PopSlow(Object** base) {
  // `base` lies in an earlier chunk: release chunks until it is current.
  while (chunk_ != nullptr && !(base >= chunk_base_ && base <= top_)) {
    Chunk* done = chunk_;
    chunk_ = done->previous;
    top_ = done->saved_top;
    std::free(done);
    if (chunk_ != nullptr) {
      chunk_base_ = reinterpret_cast<Object**>(chunk_ + 1);
      limit_ = chunk_base_ + chunk_->slots;
    } else {
      chunk_base_ = top_ = limit_ = nullptr;
    }
  }
  top_ = base;
}

std::mutex& ThreadRegistryMutex() {
  static std::mutex* mu = new std::mutex;
  return *mu;
}

std::vector<ThreadState*>& ThreadRegistry() {
  static auto* threads = new std::vector<ThreadState*>;
  return *threads;
}

namespace {
GilStats finished_stats;
uint64_t finished_object_lock_contentions = 0;
std::atomic<uint64_t> next_ident{1};
}  // namespace

uint64_t FinishedThreadsObjectLockContentions() {
  std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
  return finished_object_lock_contentions;
}

GilStats FinishedThreadsGilStats() {
  std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
  return finished_stats;
}

ThreadState* NewThreadState() {
  auto* ts = new ThreadState();
  ts->ident = next_ident.fetch_add(1);
  std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
  QsbrRegister(ts);
  // A thread may register itself (AttachThread) while the world is
  // stopped: it joins the stopped ones.
  ts->attachment.store(AttachmentOfNewThread(), std::memory_order_relaxed);
  ThreadRegistry().push_back(ts);
  return ts;
}

void BindThread(ThreadState* ts) {
  auto native_id = static_cast<int64_t>(syscall(SYS_gettid));
  {
    // Under the registry's lock, as the SIGQUIT dump reads it.
    std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
    ts->native_id = native_id;
  }
  InitThreadStackLimit();
  tls_current_thread = ts;
  BrcBindThread(ts);
}

ThreadState* AttachThread() {
  ThreadState* ts = NewThreadState();
  BindThread(ts);
  return ts;
}

void AbandonFrames(ThreadState* ts) {
  ts->frame = nullptr;
  ts->depth = 0;
}

void ReleaseThreadObjects(ThreadState* ts) {
  BrcThreadExit(ts);  // while the thread is still current: frees can run code
  QsbrFlushBatch(ts);  // what it unlinked is released by the threads left
  Object* exception = ts->exception;
  Object* handled = ts->handled;
  ts->exception = nullptr;
  ts->handled = nullptr;
  XDecref(exception);
  XDecref(handled);
}

void DetachThread(ThreadState* ts) {
  ReleaseThreadObjects(ts);
  if (tls_current_thread == ts) tls_current_thread = nullptr;
  {
    std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
    auto& threads = ThreadRegistry();
    for (size_t i = 0; i < threads.size(); ++i) {
      if (threads[i] == ts) {
        threads.erase(threads.begin() + static_cast<long>(i));
        break;
      }
    }
    finished_object_lock_contentions += ts->object_lock_contentions;
    GilStats& s = finished_stats;
    s.acquisitions += ts->gil_stats.acquisitions;
    s.forced_switches += ts->gil_stats.forced_switches;
    s.drop_requests += ts->gil_stats.drop_requests;
    s.wait_ns_total += ts->gil_stats.wait_ns_total;
    if (ts->gil_stats.wait_ns_max > s.wait_ns_max) s.wait_ns_max = ts->gil_stats.wait_ns_max;
  }
  delete ts;
}

}  // namespace twinpy
