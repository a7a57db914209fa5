// Thread states and the chunked value stack.
#include "runtime/thread_state.h"

#include <cstdlib>

#include "runtime/errors.h"

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

ThreadState* AttachThread() {
  auto* ts = new ThreadState();
  tls_current_thread = ts;
  return ts;
}

void DetachThread(ThreadState* ts) {
  if (tls_current_thread == ts) tls_current_thread = nullptr;
  XDecref(ts->exception);
  XDecref(ts->handled);
  delete ts;
}

}  // namespace twinpy
