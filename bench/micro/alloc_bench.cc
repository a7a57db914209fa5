// The small-object allocator: one allocate/free pair of each size class under
// each lock policy, a mixed-size workload, and frees made by another thread.
//
// SizeClassAllocator is a header template, so every policy lives side by side
// in this binary (alloc/size_class_allocator.h, alloc/locks.h). Rows:
//   NoLock    what the gil build uses. It is only correct when one thread at
//             a time calls it, so with N threads each thread gets a private
//             allocator ("private"): the ideal that per-thread caches would
//             reach.
//   SpinLock  what the free-threaded build uses: one allocator shared by all
//             threads ("shared"), one lock per size class.
//   MutexLock the same with std::mutex, kept to re-check that choice.
//   mimalloc  mi_malloc/mi_free as a general-purpose reference (it keeps
//             per-thread heaps).
// Threads: 1, 2 and 4; the reference machine has 2 cores, so 4 threads
// oversubscribe it. With N threads real_time is wall time divided by the
// pairs of all threads (inverse throughput); cpu_time is CPU per pair. At 4
// threads, preemption makes real_time unreliable: read cpu_time.
#include <benchmark/benchmark.h>
#include <mimalloc.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "alloc/locks.h"
#include "alloc/size_class.h"
#include "alloc/size_class_allocator.h"

namespace twinpy::bench {
namespace {

using alloc::kAlignment;
using alloc::kMaxSmallSize;
using alloc::MutexLock;
using alloc::NoLock;
using alloc::SizeClassAllocator;
using alloc::SpinLock;

// mimalloc behind the allocator's interface.
struct Mimalloc {
  static constexpr const char* kName = "mimalloc";
  void* Allocate(size_t size) { return mi_malloc(size); }
  void Free(void* p, size_t) { mi_free(p); }
};

template <class Lock>
struct ClassAllocator : SizeClassAllocator<Lock> {
  static constexpr const char* kName = Lock::kName;
};

// One instance per policy for the shared rows; never destroyed, so no
// benchmark thread can outlive it.
template <class Alloc>
Alloc& SharedInstance() {
  static Alloc* instance = new Alloc();
  return *instance;
}

// The allocator a benchmark thread uses: its own, or the shared one.
template <class Alloc>
class Instance {
 public:
  explicit Instance(bool private_instance)
      : own_(private_instance ? std::make_unique<Alloc>() : nullptr),
        alloc_(own_ ? own_.get() : &SharedInstance<Alloc>()) {}
  Alloc& operator*() const { return *alloc_; }

 private:
  std::unique_ptr<Alloc> own_;
  Alloc* alloc_;
};

template <class Alloc>
void BM_alloc_pair(benchmark::State& state, bool private_instance) {
  Instance<Alloc> a(private_instance);
  const size_t size = static_cast<size_t>(state.range(0));
  for (auto _ : state) {
    void* p = (*a).Allocate(size);
    benchmark::DoNotOptimize(p);
    (*a).Free(p, size);
  }
}

// A size sequence shaped like an interpreter's: mostly small headers (ints,
// floats, tuples, frames), a tail up to 512 bytes, one large block in 64.
std::vector<size_t> MixedSizes(size_t n) {
  std::vector<size_t> sizes(n);
  uint64_t x = 0x9e3779b97f4a7c15u;
  for (size_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const uint64_t r = x % 64;
    if (r == 0) {
      sizes[i] = 1024 + x % 4096;  // past the classes: mimalloc
    } else if (r < 40) {
      sizes[i] = 16 + x % 49;  // 16..64
    } else {
      sizes[i] = 1 + x % kMaxSmallSize;
    }
  }
  return sizes;
}

// Each iteration frees the oldest of 1024 live blocks and allocates a new one
// of the next size in the sequence, so blocks of different classes and ages
// interleave as they do in a running program.
template <class Alloc>
void BM_alloc_mixed(benchmark::State& state, bool private_instance) {
  constexpr size_t kLive = 1024;
  static const std::vector<size_t> sizes = MixedSizes(4 * kLive);
  Instance<Alloc> a(private_instance);
  std::vector<void*> live(kLive);
  std::vector<size_t> live_size(kLive);
  for (size_t i = 0; i < kLive; ++i) {
    live_size[i] = sizes[i];
    live[i] = (*a).Allocate(live_size[i]);
  }
  size_t next = kLive;
  size_t slot = 0;
  for (auto _ : state) {
    (*a).Free(live[slot], live_size[slot]);
    const size_t size = sizes[next];
    live[slot] = (*a).Allocate(size);
    live_size[slot] = size;
    benchmark::DoNotOptimize(live[slot]);
    if (++next == sizes.size()) next = 0;
    if (++slot == kLive) slot = 0;
  }
  for (size_t i = 0; i < kLive; ++i) (*a).Free(live[i], live_size[i]);
}

// Hands blocks from one thread to another: single producer, single consumer.
class BlockQueue {
 public:
  bool TryPush(void* p) {
    const size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail - head_.load(std::memory_order_acquire) == kSlots) return false;
    slots_[tail % kSlots] = p;
    tail_.store(tail + 1, std::memory_order_release);
    return true;
  }
  void* TryPop() {
    const size_t head = head_.load(std::memory_order_relaxed);
    if (head == tail_.load(std::memory_order_acquire)) return nullptr;
    void* p = slots_[head % kSlots];
    head_.store(head + 1, std::memory_order_release);
    return p;
  }

 private:
  static constexpr size_t kSlots = 1024;
  alignas(64) std::atomic<size_t> head_{0};  // written by the consumer
  alignas(64) std::atomic<size_t> tail_{0};  // written by the producer
  alignas(64) void* slots_[kSlots];
};

// The benchmark thread allocates, a second thread frees every block: the
// pattern of objects created by a producer and dropped by a consumer. Both
// sides take the same class lock, so the shared policies contend. The time
// per iteration is the steady rate of the pipeline (its slower side), queue
// costs included; those are the same for every policy. NoLock has no row:
// it cannot take frees from another thread.
template <class Alloc>
void BM_alloc_cross_thread(benchmark::State& state) {
  Alloc& a = SharedInstance<Alloc>();
  const size_t size = static_cast<size_t>(state.range(0));
  BlockQueue queue;
  std::atomic<bool> done{false};
  std::thread consumer([&] {
    for (;;) {
      if (void* p = queue.TryPop()) {
        a.Free(p, size);
      } else if (done.load(std::memory_order_acquire)) {
        // The producer stopped before this last look: the queue is empty.
        if (void* q = queue.TryPop()) {
          a.Free(q, size);
          continue;
        }
        return;
      } else {
        std::this_thread::yield();
      }
    }
  });
  for (auto _ : state) {
    void* p = a.Allocate(size);
    while (!queue.TryPush(p)) std::this_thread::yield();
  }
  done.store(true, std::memory_order_release);
  consumer.join();
}

template <class Alloc>
void RegisterPolicy(bool private_instance) {
  const std::string where = private_instance ? "/private" : "/shared";
  const std::string pair = std::string("BM_alloc_pair/") + Alloc::kName + where;
  // Every class at 1 and 2 threads; 4 threads (oversubscribed) for a few,
  // which keeps the whole binary's run short.
  benchmark::RegisterBenchmark(pair.c_str(), BM_alloc_pair<Alloc>,
                               private_instance)
      ->DenseRange(kAlignment, kMaxSmallSize, kAlignment)
      ->ArgName("size")
      ->Threads(1)
      ->Threads(2)
      ->UseRealTime();
  benchmark::RegisterBenchmark(pair.c_str(), BM_alloc_pair<Alloc>,
                               private_instance)
      ->Arg(16)
      ->Arg(64)
      ->Arg(256)
      ->Arg(512)
      ->ArgName("size")
      ->Threads(4)
      ->UseRealTime();
  const std::string mixed =
      std::string("BM_alloc_mixed/") + Alloc::kName + where;
  benchmark::RegisterBenchmark(mixed.c_str(), BM_alloc_mixed<Alloc>,
                               private_instance)
      ->Threads(1)
      ->Threads(2)
      ->Threads(4)
      ->UseRealTime();
  if (!private_instance) {
    const std::string cross =
        std::string("BM_alloc_cross_thread/") + Alloc::kName;
    benchmark::RegisterBenchmark(cross.c_str(), BM_alloc_cross_thread<Alloc>)
        ->Arg(32)
        ->ArgName("size")
        ->UseRealTime();
  }
}

const bool registered = [] {
  RegisterPolicy<ClassAllocator<NoLock>>(/*private_instance=*/true);
  RegisterPolicy<ClassAllocator<SpinLock>>(/*private_instance=*/false);
  RegisterPolicy<ClassAllocator<MutexLock>>(/*private_instance=*/false);
  RegisterPolicy<Mimalloc>(/*private_instance=*/false);
  return true;
}();

}  // namespace
}  // namespace twinpy::bench
