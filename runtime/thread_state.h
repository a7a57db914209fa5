// Per-thread interpreter state: the raised exception, the frame chain and
// the value stack that frames are carved from.
#ifndef TWINPY_RUNTIME_THREAD_STATE_H_
#define TWINPY_RUNTIME_THREAD_STATE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

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
    if (__builtin_expect(top_ + slots <= limit_, 1)) {
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
};

struct ThreadState {
  Object* exception = nullptr;  // the raised exception, owned
  Object* handled = nullptr;    // the exception an except clause is handling
  Frame* frame = nullptr;       // innermost Python frame
  int depth = 0;                // Python frames on this thread
  std::atomic<uint32_t> eval_breaker{0};
  DataStack stack;
};

extern thread_local ThreadState* tls_current_thread;
inline ThreadState* CurrentThread() { return tls_current_thread; }

// Creates the calling thread's state (the main thread's at start-up).
ThreadState* AttachThread();
void DetachThread(ThreadState* ts);

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_THREAD_STATE_H_
