// The global interpreter lock (runtime/gil.h): what taking it costs when
// nobody else wants it, how long handing it to a waiting thread takes, and
// how much work N CPU-bound threads get done under it at several switch
// intervals.
//
// twinpy::Gil is a plain class usable in every build, so these rows use a
// private instance with real threads and thread states; the global one is
// left alone. The free-threaded build does not take it at all: its reference
// rows ("nolock") run the same work with no lock.
//
// The reference machine has 2 cores: 4 CPU-bound threads oversubscribe it.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include "runtime/gil.h"
#include "runtime/thread_state.h"

namespace twinpy::bench {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// Acquire + Release with no other thread around: the price every blocking
// call (sleep, I/O, lock wait) pays once in the gil build.
void BM_gil_uncontended(benchmark::State& state) {
  Gil gil;
  ThreadState* ts = NewThreadState();
  for (auto _ : state) {
    gil.Acquire(ts);
    gil.Release(ts);
  }
  DetachThread(ts);
}
BENCHMARK(BM_gil_uncontended);

// Gives the lock to the other thread with Gil::Yield, the forced switch the
// eval loop performs when a waiter asks for the lock: Yield releases, waits
// until the other thread really holds it, and queues to take it back. Yield
// does nothing while nobody waits (the other thread is still on its way back
// into Acquire), so this retries, giving up the CPU in between, until a
// hand-off really happened.
void HandOff(Gil& gil, ThreadState* ts, const std::atomic<bool>& stop) {
  const uint64_t before = ts->gil_stats.forced_switches;
  for (;;) {
    gil.Yield(ts);
    if (ts->gil_stats.forced_switches != before) return;
    if (stop.load(std::memory_order_relaxed)) return;
    std::this_thread::yield();
  }
}

// Ping-pong: two threads that both want the lock pass it back and forth, so
// turns strictly alternate. One iteration is one round trip (the benchmark
// thread hands the lock over and gets it back: two hand-offs); each hand-off
// wakes the taker and then the giver, which queues again. us_per_handoff
// divides the wall time by the hand-offs Gil counted.
void BM_gil_handoff(benchmark::State& state) {
  Gil gil;
  gil.SetSwitchIntervalMicros(5000);
  ThreadState* self = NewThreadState();
  ThreadState* partner_ts = NewThreadState();
  std::atomic<bool> stop{false};
  const std::atomic<bool> never{false};
  gil.Acquire(self);
  std::thread partner([&] {
    BindThread(partner_ts);
    gil.Acquire(partner_ts);  // granted by the first hand-off below
    while (!stop.load(std::memory_order_relaxed)) {
      HandOff(gil, partner_ts, stop);
    }
    gil.Release(partner_ts);
  });
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) HandOff(gil, self, never);
  const double seconds = SecondsSince(start);
  // The partner is queued in Acquire (or about to be): it gets the lock,
  // sees `stop` and leaves.
  stop.store(true, std::memory_order_relaxed);
  gil.Release(self);
  partner.join();
  const uint64_t handoffs =
      self->gil_stats.forced_switches + partner_ts->gil_stats.forced_switches;
  state.counters["handoffs"] = static_cast<double>(handoffs);
  if (handoffs > 0) {
    state.counters["us_per_handoff"] = seconds * 1e6 / handoffs;
  }
  DetachThread(partner_ts);
  DetachThread(self);
}
BENCHMARK(BM_gil_handoff)->UseRealTime();

// A unit of CPU-bound work between two eval-breaker checks: a few hundred
// cycles, the order of a handful of bytecodes.
uint64_t WorkUnit(uint64_t x) {
  for (int i = 0; i < 64; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
  return x;
}

// About 40 ms of work on one core, split evenly among the threads, so even a
// 5 ms interval is crossed several times.
constexpr int64_t kTotalUnits = int64_t{1} << 19;

// N threads share kTotalUnits of work. Under the lock, each thread checks
// its eval breaker after every unit, as the eval loop does at backward jumps
// and calls, and yields when a waiter asked (after one switch interval).
// items_per_second is the total throughput; it should not grow with N under
// the lock. wait_max_ms is the longest a thread waited for the lock: the
// latency side of the switch interval.
void BM_gil_cpu_threads(benchmark::State& state, bool with_gil) {
  const int threads = static_cast<int>(state.range(0));
  const int64_t interval_us = with_gil ? state.range(1) : 0;
  const int64_t units_per_thread = kTotalUnits / threads;
  uint64_t switches = 0;
  int64_t wait_max_ns = 0;
  for (auto _ : state) {
    Gil gil;
    if (with_gil) gil.SetSwitchIntervalMicros(interval_us);
    std::vector<ThreadState*> states;
    for (int i = 0; i < threads; ++i) states.push_back(NewThreadState());
    std::vector<std::thread> workers;
    for (int i = 0; i < threads; ++i) {
      workers.emplace_back([&, ts = states[i]] {
        BindThread(ts);
        if (with_gil) gil.Acquire(ts);
        uint64_t x = ts->ident * 0x9e3779b97f4a7c15u + 1;
        for (int64_t u = 0; u < units_per_thread; ++u) {
          x = WorkUnit(x);
          if (with_gil && (ts->eval_breaker.load(std::memory_order_relaxed) &
                           kBreakGilDrop)) {
            gil.Yield(ts);
          }
        }
        benchmark::DoNotOptimize(x);
        if (with_gil) gil.Release(ts);
      });
    }
    for (std::thread& w : workers) w.join();
    for (ThreadState* ts : states) {
      switches += ts->gil_stats.forced_switches;
      if (ts->gil_stats.wait_ns_max > wait_max_ns) {
        wait_max_ns = ts->gil_stats.wait_ns_max;
      }
      DetachThread(ts);
    }
  }
  state.SetItemsProcessed(state.iterations() * units_per_thread * threads);
  state.counters["switches_per_iteration"] =
      static_cast<double>(switches) / state.iterations();
  state.counters["wait_max_ms"] = wait_max_ns / 1e6;
}

const bool registered = [] {
  benchmark::RegisterBenchmark("BM_gil_cpu_threads", BM_gil_cpu_threads, true)
      ->ArgNames({"threads", "interval_us"})
      ->ArgsProduct({{1, 2, 4}, {200, 1000, 5000}})
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_gil_cpu_threads_nolock", BM_gil_cpu_threads,
                               false)
      ->ArgName("threads")
      ->Arg(1)
      ->Arg(2)
      ->Arg(4)
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
}  // namespace twinpy::bench
