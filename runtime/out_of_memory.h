// Running out of memory raises MemoryError rather than ending the process.
//
// GMP aborts when an allocation fails: twinpy gives it allocation functions
// that, inside GmpGuarded, jump back out of the failed operation so it
// raises MemoryError instead (outside one, a failure still ends the
// process, with a message). C++ allocations (mimalloc's operator new
// aborts unless a new-handler exists) throw std::bad_alloc, which native
// call boundaries turn into MemoryError (function.h, InvokeNative).
#ifndef TWINPY_RUNTIME_OUT_OF_MEMORY_H_
#define TWINPY_RUNTIME_OUT_OF_MEMORY_H_

#include <cstdint>

namespace twinpy {

// Runs op(arg). False (MemoryError set) when GMP ran out of memory inside
// it; the operation's output must then be abandoned, not cleared (it may
// be half-built). `op` must not own anything with a destructor.
bool RunGmpGuarded(void (*op)(void*), void* arg);

template <class Fn>
bool GmpGuarded(Fn&& fn) {
  return RunGmpGuarded([](void* p) { (*static_cast<Fn*>(p))(); }, &fn);
}

// Address space set aside at start-up and given back when an uncaught
// exception is reported, so that the report (a traceback with source
// lines) finds memory even when the program took all there was.
void ReleaseMemoryReserve();

// GMP's own size limit (an mpz holds at most INT_MAX limbs): results with
// more bits fail with MemoryError before GMP is asked.
inline constexpr uint64_t kMaxIntBits = (uint64_t{1} << 37) - 4096;

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_OUT_OF_MEMORY_H_
