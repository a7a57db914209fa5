// Allocation failure handlers for GMP and operator new; see out_of_memory.h.
#include "runtime/out_of_memory.h"

#include <gmp.h>
#include <sys/mman.h>

#include <atomic>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "runtime/errors.h"

namespace twinpy {

namespace {

thread_local std::jmp_buf* tls_recovery = nullptr;

[[noreturn]] void OutOfMemory(size_t size) {
  if (std::jmp_buf* env = tls_recovery) std::longjmp(*env, 1);
  fprintf(stderr, "Fatal Python error: out of memory in a big-integer operation (%zu bytes)\n",
          size);
  abort();
}

void* GmpAllocate(size_t size) {
  void* p = std::malloc(size);
  if (p == nullptr) OutOfMemory(size);
  return p;
}

void* GmpReallocate(void* old, size_t, size_t size) {
  void* p = std::realloc(old, size);
  if (p == nullptr) OutOfMemory(size);
  return p;
}

void GmpFree(void* p, size_t) { std::free(p); }

// Mapped without access or backing: it costs address space only, which is
// what `ulimit -v` runs out of. mimalloc 2.0 maps 32 MiB segments, aligned
// (it may map twice that to align one), so less would not let it start a
// new segment.
constexpr size_t kReserveBytes = size_t{64} << 20;
std::atomic<void*> reserve{nullptr};

struct Install {
  Install() {
    mp_set_memory_functions(GmpAllocate, GmpReallocate, GmpFree);
    void* p = mmap(nullptr, kReserveBytes, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) reserve.store(p);
  }
} install;

}  // namespace

void ReleaseMemoryReserve() {
  void* p = reserve.exchange(nullptr);
  if (p != nullptr) munmap(p, kReserveBytes);
}

bool RunGmpGuarded(void (*op)(void*), void* arg) {
  std::jmp_buf env;
  std::jmp_buf* const saved = tls_recovery;
  if (setjmp(env) != 0) {
    // GMP's temporaries of the abandoned operation leak; memory is short
    // anyway, and the program gets to see MemoryError.
    tls_recovery = saved;
    NoMemory();
    return false;
  }
  tls_recovery = &env;
  op(arg);
  tls_recovery = saved;
  return true;
}

// The global operator new, replacing the one from libmimalloc, which aborts
// the process on failure (its C build cannot see a new-handler). This one
// throws std::bad_alloc as the standard says. malloc is mimalloc's already.
namespace {

void* NewOrThrow(size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void* AlignedNewOrNull(size_t size, std::align_val_t align) {
  void* p = nullptr;
  size_t a = static_cast<size_t>(align);
  if (a < sizeof(void*)) a = sizeof(void*);
  if (posix_memalign(&p, a, size == 0 ? 1 : size) != 0) return nullptr;
  return p;
}

void* AlignedNewOrThrow(size_t size, std::align_val_t align) {
  void* p = AlignedNewOrNull(size, align);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace
}  // namespace twinpy

void* operator new(size_t size) { return twinpy::NewOrThrow(size); }
void* operator new[](size_t size) { return twinpy::NewOrThrow(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](size_t size, const std::nothrow_t&) noexcept {
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new(size_t size, std::align_val_t align) {
  return twinpy::AlignedNewOrThrow(size, align);
}
void* operator new[](size_t size, std::align_val_t align) {
  return twinpy::AlignedNewOrThrow(size, align);
}
void* operator new(size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return twinpy::AlignedNewOrNull(size, align);
}
void* operator new[](size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return twinpy::AlignedNewOrNull(size, align);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  std::free(p);
}
