// Reference counting: the cost of one increment/decrement pair under each
// policy, on an object the thread owns and on one every thread shares.
//
// runtime/refcount.h compiles RcIncrement/RcDecrement to a plain add and
// subtract in the `gil` build and to a relaxed fetch_add plus an acq_rel
// fetch_sub in the free-threaded one. The two builds cannot be linked into
// one binary (same symbols), so this file measures exactly those hardware
// primitives on an object-sized, cache-line-aligned counter instead of
// copying the policy. The immortality check in front of them (one load and a
// predictable branch) is the same in both builds and is left out.
//
// The biased rows model ft-brc's RcIncrement/RcDecrement (refcount.h): the
// owner compares the object's owner id with its own thread-local id and then
// does a relaxed load and store of its local count (no locked instruction);
// any other thread does the shared count's atomic add and, for the
// decrement, a compare-and-swap (the slow path keeps the shared count from
// going below zero unmerged). Here the count is merged and high, as for an
// object every thread shares once its owner has let go.
//
// Threads: 1, 2 and 4. The reference machine has 2 cores, so the 4-thread
// rows show time slicing rather than more parallelism. With N threads Google
// Benchmark divides the wall time by the pairs of all threads, so real_time
// is the inverse of the total throughput (it halves when 2 threads scale
// perfectly), while cpu_time stays the CPU one pair costs one thread. At 4
// threads each thread's clock also counts the time it sat preempted, so there
// real_time is no throughput; read cpu_time.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>

namespace twinpy::bench {
namespace {

// An object header's worth of memory on its own cache line, so the "owned"
// rows never share a line between threads by accident.
struct alignas(64) PlainHeader {
  int64_t rc = 1;
  void* type = nullptr;
};

struct alignas(64) AtomicHeader {
  constexpr explicit AtomicHeader(int64_t count = 1) : rc(count) {}
  std::atomic<int64_t> rc;
  void* type = nullptr;
};

// A decrement to zero would free the object; in these loops it cannot
// happen, and aborting proves the loop kept its reference.
[[noreturn]] __attribute__((noinline)) void CountReachedZero() { std::abort(); }

// The gil build's pair. The memory clobbers stand for the code that runs
// between an Incref and its Decref in the interpreter: without them the
// compiler would fold ++ and -- into nothing.
void BM_refcount_plain_owned(benchmark::State& state) {
  PlainHeader object;
  int64_t* rc = &object.rc;
  benchmark::DoNotOptimize(rc);
  for (auto _ : state) {
    ++*rc;
    benchmark::ClobberMemory();
    if (--*rc == 0) CountReachedZero();
    benchmark::ClobberMemory();
  }
}

// The free-threaded build's pair, with the memory orders of refcount.h.
void BM_refcount_atomic_owned(benchmark::State& state) {
  AtomicHeader object;
  for (auto _ : state) {
    object.rc.fetch_add(1, std::memory_order_relaxed);
    if (object.rc.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      CountReachedZero();
    }
  }
}

AtomicHeader shared_atomic;
// Started high: the plain shared rows lose updates, and the count must not
// wander to zero.
AtomicHeader shared_plain_model(int64_t{1} << 40);

// Every thread counts on one object (a shared function, module, list...).
void BM_refcount_atomic_shared(benchmark::State& state) {
  for (auto _ : state) {
    shared_atomic.rc.fetch_add(1, std::memory_order_relaxed);
    if (shared_atomic.rc.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      CountReachedZero();
    }
  }
}

// What plain counts would cost on a shared object if several threads ran at
// once: separates the cache-line traffic from the price of the locked
// read-modify-write. Updates are lost, which is why the gil build needs its
// lock. Relaxed load + store compiles to the same mov/add/mov as a plain
// int64_t but is not a data race in C++ terms.
void BM_refcount_plain_shared(benchmark::State& state) {
  std::atomic<int64_t>& rc = shared_plain_model.rc;
  for (auto _ : state) {
    rc.store(rc.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    int64_t v = rc.load(std::memory_order_relaxed) - 1;
    rc.store(v, std::memory_order_relaxed);
    benchmark::DoNotOptimize(v);
  }
}

// ft-brc's header: owner id, the owner's count, the others' count.
struct alignas(64) BiasedHeader {
  std::atomic<uint64_t> owner{0};
  std::atomic<int64_t> local{0};
  std::atomic<int64_t> shared{0};
  void* type = nullptr;
};

thread_local uint64_t bench_thread_id = UINT64_MAX;
std::atomic<uint64_t> next_bench_thread_id{1};
BiasedHeader shared_biased;

// Id of the calling thread, as tls_brc_id.
void BindBenchThread() {
  if (bench_thread_id == UINT64_MAX) bench_thread_id = next_bench_thread_id.fetch_add(1);
}

__attribute__((always_inline)) inline void BiasedIncrement(BiasedHeader& o) {
  int64_t l = o.local.load(std::memory_order_relaxed);
  if (o.owner.load(std::memory_order_relaxed) == bench_thread_id) {
    o.local.store(l + 1, std::memory_order_relaxed);
  } else {
    o.shared.fetch_add(4, std::memory_order_relaxed);
  }
}

__attribute__((always_inline)) inline void BiasedDecrement(BiasedHeader& o) {
  int64_t l = o.local.load(std::memory_order_relaxed);
  if (o.owner.load(std::memory_order_relaxed) == bench_thread_id) {
    o.local.store(l - 1, std::memory_order_relaxed);
    if (l == 1) CountReachedZero();
    return;
  }
  int64_t s = o.shared.load(std::memory_order_relaxed);
  int64_t desired;
  do {
    if (s == 0) CountReachedZero();  // would queue to the owner
    desired = s - 4;
  } while (!o.shared.compare_exchange_weak(s, desired, std::memory_order_acq_rel,
                                           std::memory_order_relaxed));
  if (desired == 2) CountReachedZero();
}

// Each thread counts an object it created: the owner's path.
void BM_refcount_biased_owned(benchmark::State& state) {
  BindBenchThread();
  BiasedHeader object;
  object.owner.store(bench_thread_id, std::memory_order_relaxed);
  object.local.store(1, std::memory_order_relaxed);
  for (auto _ : state) {
    BiasedIncrement(object);
    benchmark::ClobberMemory();
    BiasedDecrement(object);
    benchmark::ClobberMemory();
  }
}

// Each thread counts an object another thread owns, on its own cache line:
// the non-owner's price without contention.
void BM_refcount_biased_foreign(benchmark::State& state) {
  BindBenchThread();
  BiasedHeader object;
  object.owner.store(bench_thread_id + (uint64_t{1} << 40), std::memory_order_relaxed);
  object.local.store(1, std::memory_order_relaxed);
  object.shared.store(4 << 2, std::memory_order_relaxed);
  for (auto _ : state) {
    BiasedIncrement(object);
    BiasedDecrement(object);
  }
}

// Every thread counts one merged object (no owner): all on the shared count.
void BM_refcount_biased_shared(benchmark::State& state) {
  BindBenchThread();
  if (state.thread_index() == 0) {
    shared_biased.shared.store((int64_t{1} << 40) | 2, std::memory_order_relaxed);
  }
  for (auto _ : state) {
    BiasedIncrement(shared_biased);
    BiasedDecrement(shared_biased);
  }
}

// The benchmark loop alone, to subtract from the rows above.
void BM_refcount_empty_loop(benchmark::State& state) {
  for (auto _ : state) benchmark::ClobberMemory();
}

#define TWINPY_REFCOUNT_BENCH(fn) \
  BENCHMARK(fn)->Threads(1)->Threads(2)->Threads(4)->UseRealTime()

TWINPY_REFCOUNT_BENCH(BM_refcount_empty_loop);
TWINPY_REFCOUNT_BENCH(BM_refcount_plain_owned);
TWINPY_REFCOUNT_BENCH(BM_refcount_atomic_owned);
TWINPY_REFCOUNT_BENCH(BM_refcount_plain_shared);
TWINPY_REFCOUNT_BENCH(BM_refcount_atomic_shared);
TWINPY_REFCOUNT_BENCH(BM_refcount_biased_owned);
TWINPY_REFCOUNT_BENCH(BM_refcount_biased_foreign);
TWINPY_REFCOUNT_BENCH(BM_refcount_biased_shared);

}  // namespace
}  // namespace twinpy::bench
