// THE allocator policy header: the only file in alloc/ that reads
// TWINPY_ALLOC_LOCK. It picks the lock the global allocator (behind
// twinpy::alloc::Allocate/Free) puts on each size class.
#ifndef TWINPY_ALLOC_LOCK_POLICY_H_
#define TWINPY_ALLOC_LOCK_POLICY_H_

#include "alloc/locks.h"

#ifndef TWINPY_ALLOC_LOCK
#error "TWINPY_ALLOC_LOCK is unset: build through twinpy_cc_library/test/binary"
#endif

namespace twinpy::alloc {

// ft-mi: every block from mimalloc, whose heaps are per thread (a free from
// another thread goes to the owning page's atomic list): no shared lock on
// either path.
inline constexpr bool kUseMimalloc = TWINPY_ALLOC_MIMALLOC != 0;

#if TWINPY_ALLOC_LOCK
// Free-threaded: one lock per size class. SpinLock measured cheaper than
// std::mutex uncontended (see allocator.h). Each thread keeps a small cache
// of blocks per class in front of it and takes the lock once per batch: two
// threads allocating the same class otherwise pass the lock's cache line
// back and forth on every call, and the allocator alone stops scaling.
using AllocLock = SpinLock;
inline constexpr bool kThreadCaches = !kUseMimalloc;
#else
// A global interpreter lock already serialises every call.
using AllocLock = NoLock;
inline constexpr bool kThreadCaches = false;
#endif

}  // namespace twinpy::alloc

#endif  // TWINPY_ALLOC_LOCK_POLICY_H_
