// SIGINT as CPython has it: the handler only records the signal and trips
// the main thread's eval breaker; the main thread raises KeyboardInterrupt
// at its next check, or from a blocking wait, which it leaves early.
#ifndef TWINPY_RUNTIME_SIGNALS_H_
#define TWINPY_RUNTIME_SIGNALS_H_

#include <atomic>
#include <chrono>

#include "runtime/thread_state.h"

namespace twinpy {

// Installs the SIGINT handler; `main` is the thread that will raise
// KeyboardInterrupt.
void InstallSignalHandlers(ThreadState* main);

bool IsMainThread(const ThreadState* ts);

// True when a SIGINT has arrived that the main thread has not raised yet.
bool SigintPending();

// On the main thread: raises KeyboardInterrupt for a pending SIGINT and
// returns false. Elsewhere, or with nothing pending, returns true.
bool HandlePendingSignals(ThreadState* ts);

// A wait in the main thread wakes this often to look for SIGINT (a signal
// handler may not notify a condition variable).
inline constexpr std::chrono::milliseconds kSignalPollInterval{20};

enum class WaitResult { kDone, kTimedOut, kInterrupted };

// Sleeps (the caller has released the global lock); on the main thread,
// returns kInterrupted as soon as SIGINT arrives.
WaitResult InterruptibleSleep(double seconds);

// Waits on `cv` until pred() holds, the timeout (seconds; negative: none)
// passes, or, on the main thread when `interruptible`, SIGINT arrives.
template <class Lock, class CondVar, class Pred>
WaitResult InterruptibleWait(CondVar& cv, Lock& lock, double timeout, Pred pred,
                             bool interruptible = true) {
  using Clock = std::chrono::steady_clock;
  const bool main = interruptible && IsMainThread(CurrentThread());
  const bool forever = timeout < 0;
  Clock::time_point deadline;
  if (!forever) {
    deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(timeout));
  }
  while (!pred()) {
    if (main && SigintPending()) return WaitResult::kInterrupted;
    if (!main) {
      if (forever) {
        cv.wait(lock, pred);
        return WaitResult::kDone;
      }
      return cv.wait_until(lock, deadline, pred) ? WaitResult::kDone
                                                 : WaitResult::kTimedOut;
    }
    Clock::time_point wake = Clock::now() + kSignalPollInterval;
    if (!forever && deadline < wake) wake = deadline;
    cv.wait_until(lock, wake);
    if (!forever && Clock::now() >= deadline && !pred()) return WaitResult::kTimedOut;
  }
  return WaitResult::kDone;
}

// Set when KeyboardInterrupt went uncaught: the process then ends as
// CPython's does, killed by SIGINT with the default action.
void ExitBySigint();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_SIGNALS_H_
