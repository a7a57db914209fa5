// The time module.
#include <ctime>
#include <thread>

#include "runtime/errors.h"
#include "runtime/dict.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/gil.h"
#include "runtime/signals.h"
#include "runtime/module.h"

namespace twinpy {

namespace {

int64_t ClockNs(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

template <clockid_t kClock>
Object* Seconds(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("time", nargs, 0, 0)) return nullptr;
  return NewFloat(static_cast<double>(ClockNs(kClock)) * 1e-9);
}

template <clockid_t kClock>
Object* Nanoseconds(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("time_ns", nargs, 0, 0)) return nullptr;
  return NewInt(ClockNs(kClock));
}

Object* Sleep(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("sleep", nargs, 1, 1)) return nullptr;
  double seconds;
  bool overflow;
  if (!ToDouble(args[0], &seconds, &overflow)) {
    if (overflow) return nullptr;
    return SetError(&TypeErrorType, "'" + std::string(args[0]->type->name) +
                                        "' object cannot be interpreted as an integer");
  }
  if (seconds != seconds) return SetError(&ValueErrorType, "Invalid value NaN (not a number)");
  if (seconds < 0) return SetError(&ValueErrorType, "sleep length must be non-negative");
  if (seconds > 9.2e9) {
    return SetError(&OverflowErrorType, "timestamp out of range for platform time_t");
  }
  WaitResult r;
  {
    GilReleased released;  // other threads run while this one sleeps
    r = InterruptibleSleep(seconds);
  }
  if (r == WaitResult::kInterrupted && !HandlePendingSignals(CurrentThread())) {
    return nullptr;
  }
  return None();
}

ModuleObject* NewTimeModule() {
  ModuleObject* m = NewModule("time");
  if (m == nullptr) return nullptr;
  DictObject* d = m->dict;
  DictSetStr(d, "time", NewStaticNativeFunction("time", Seconds<CLOCK_REALTIME>, 0));
  DictSetStr(d, "time_ns",
             NewStaticNativeFunction("time_ns", Nanoseconds<CLOCK_REALTIME>, 0));
  DictSetStr(d, "perf_counter",
             NewStaticNativeFunction("perf_counter", Seconds<CLOCK_MONOTONIC>, 0));
  DictSetStr(d, "perf_counter_ns",
             NewStaticNativeFunction("perf_counter_ns", Nanoseconds<CLOCK_MONOTONIC>, 0));
  DictSetStr(d, "monotonic",
             NewStaticNativeFunction("monotonic", Seconds<CLOCK_MONOTONIC>, 0));
  DictSetStr(d, "monotonic_ns",
             NewStaticNativeFunction("monotonic_ns", Nanoseconds<CLOCK_MONOTONIC>, 0));
  DictSetStr(d, "process_time",
             NewStaticNativeFunction("process_time", Seconds<CLOCK_PROCESS_CPUTIME_ID>, 0));
  DictSetStr(d, "thread_time",
             NewStaticNativeFunction("thread_time", Seconds<CLOCK_THREAD_CPUTIME_ID>, 0));
  DictSetStr(d, "sleep", NewStaticNativeFunction("sleep", Sleep, 0));
  return m;
}

struct Register {
  Register() { RegisterNativeModule("time", NewTimeModule); }
} register_time;

}  // namespace

}  // namespace twinpy
