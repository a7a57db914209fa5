// Measuring a thread's stack for the guard in stack_guard.h.
#include "runtime/stack_guard.h"

#include <pthread.h>

#include <algorithm>

#include "runtime/errors.h"
#include "runtime/strcat.h"

namespace twinpy {

thread_local uintptr_t tls_stack_limit = 0;

namespace {

// Room kept below the limit: raising RecursionError, formatting messages
// and the native code between two checks must fit in it. Sanitizers grow
// every frame several times over, so they keep more.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr size_t kReserveDivisor = 3;
#else
constexpr size_t kReserveDivisor = 8;
#endif
constexpr size_t kMinReserve = size_t{256} << 10;

}  // namespace

void InitThreadStackLimit() {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return;
  void* low = nullptr;
  size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &low, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0 || low == nullptr || size == 0) return;
  auto base = reinterpret_cast<uintptr_t>(low);
  uintptr_t here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  // The main thread's stack grows on demand up to RLIMIT_STACK; glibc
  // reports that bound. An unlimited rlimit reports something huge: keep
  // to 1 GiB below the current frame then.
  size_t used_span = here > base ? here - base : 0;
  size_t span = std::min<size_t>(used_span, size_t{1} << 30);
  size_t reserve = std::max(span / kReserveDivisor, kMinReserve);
  if (reserve >= span) return;
  tls_stack_limit = here - span + reserve;
}

bool RaiseRecursionError(const char* where) {
  SetError(&RecursionErrorType, StrCat("maximum recursion depth exceeded", where));
  return false;
}

}  // namespace twinpy
