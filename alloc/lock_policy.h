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

#if TWINPY_ALLOC_LOCK
// Free-threaded: one lock per size class. SpinLock measured cheaper than
// std::mutex uncontended (see allocator.h).
using AllocLock = SpinLock;
#else
// A global interpreter lock already serialises every call.
using AllocLock = NoLock;
#endif

}  // namespace twinpy::alloc

#endif  // TWINPY_ALLOC_LOCK_POLICY_H_
