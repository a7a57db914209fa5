// The SIGINT handler and the waits that give way to it.
#include "runtime/signals.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>

#include "runtime/errors.h"

namespace twinpy {

namespace {

std::atomic<ThreadState*> main_thread{nullptr};
std::atomic<bool> sigint_pending{false};

static_assert(std::atomic<uint32_t>::is_always_lock_free,
              "the handler may only touch lock-free atomics");

void OnSigint(int) {
  int saved_errno = errno;
  sigint_pending.store(true, std::memory_order_relaxed);
  ThreadState* ts = main_thread.load(std::memory_order_relaxed);
  if (ts != nullptr) ts->eval_breaker.fetch_or(kBreakSignal, std::memory_order_relaxed);
  errno = saved_errno;
}

}  // namespace

void InstallSignalHandlers(ThreadState* main) {
  main_thread.store(main);
  // As CPython: a SIGINT ignored by whoever started us stays ignored
  // (background jobs of a non-interactive shell).
  struct sigaction old = {};
  if (sigaction(SIGINT, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) return;
  struct sigaction sa = {};
  sa.sa_handler = OnSigint;
  sigemptyset(&sa.sa_mask);
  // Reads and writes restart (a short read must not look like end of
  // file); sleeps and waits in the main thread look for the flag.
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
}

bool IsMainThread(const ThreadState* ts) {
  return ts == main_thread.load(std::memory_order_relaxed);
}

bool SigintPending() { return sigint_pending.load(std::memory_order_relaxed); }

bool HandlePendingSignals(ThreadState* ts) {
  if (!IsMainThread(ts)) return true;
  ts->eval_breaker.fetch_and(~kBreakSignal, std::memory_order_relaxed);
  if (!sigint_pending.exchange(false, std::memory_order_relaxed)) return true;
  SetError(&KeyboardInterruptType, "");
  return false;
}

WaitResult InterruptibleSleep(double seconds) {
  const bool main = IsMainThread(CurrentThread());
  struct timespec now, deadline;
  clock_gettime(CLOCK_MONOTONIC, &now);
  double whole = std::floor(seconds);
  deadline.tv_sec = now.tv_sec + static_cast<time_t>(whole);
  deadline.tv_nsec = now.tv_nsec + static_cast<long>((seconds - whole) * 1e9);
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_nsec -= 1000000000L;
    ++deadline.tv_sec;
  }
  while (true) {
    if (main && SigintPending()) return WaitResult::kInterrupted;
    struct timespec until = deadline;
    if (main) {
      // SIGINT goes to the main thread (other threads block it) and cuts
      // the sleep short; polling covers a signal that lands just before.
      clock_gettime(CLOCK_MONOTONIC, &now);
      long poll_ns = static_cast<long>(
          std::chrono::nanoseconds(kSignalPollInterval).count());
      struct timespec poll = now;
      poll.tv_nsec += poll_ns;
      if (poll.tv_nsec >= 1000000000L) {
        poll.tv_nsec -= 1000000000L;
        ++poll.tv_sec;
      }
      if (poll.tv_sec < until.tv_sec ||
          (poll.tv_sec == until.tv_sec && poll.tv_nsec < until.tv_nsec)) {
        until = poll;
      }
    }
    int rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr);
    if (rc == EINTR) continue;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec > deadline.tv_sec ||
        (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec)) {
      return WaitResult::kDone;
    }
  }
}

void ExitBySigint() {
  fflush(stdout);
  fflush(stderr);
  struct sigaction sa = {};
  sa.sa_handler = SIG_DFL;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  kill(getpid(), SIGINT);
  // Should the signal not end us, fail as CPython does then.
  _exit(130);
}

}  // namespace twinpy
