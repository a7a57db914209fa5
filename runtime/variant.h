// What the running build is, for code that must report it (--version,
// sys._is_gil_enabled). Policy header: one of the few files that read the
// TWINPY_* macros; everything else asks these constants.
#ifndef TWINPY_RUNTIME_VARIANT_H_
#define TWINPY_RUNTIME_VARIANT_H_

namespace twinpy {

inline constexpr const char* kVariantName = TWINPY_VARIANT_NAME;
inline constexpr bool kHasGil = TWINPY_GIL != 0;
inline constexpr bool kAtomicRefcounts = TWINPY_ATOMIC_RC != 0;
inline constexpr bool kObjectLocks = TWINPY_OBJECT_LOCKS != 0;
// Immortal objects are skipped by Incref/Decref (refcount.h).
inline constexpr bool kImmortalObjects = TWINPY_IMMORTAL != 0;
// Functions and classes defined at module or class level, modules and code
// objects become immortal when created, so threads calling the same function
// or method never write its count (CPython 3.13t did the same; 3.14t reclaims
// them with deferred counting and its cycle collector, which twinpy lacks).
inline constexpr bool kImmortalShared = TWINPY_SHARED_IMMORTAL != 0;
// A value cached for LOAD_GLOBAL and module attributes may be read by a thread
// while another rebinds the name and frees it; only the global lock, or a
// value that is never freed, makes that safe.
inline constexpr bool kCacheMortalValues = TWINPY_GIL != 0;
// A value unlinked from a type's dict may still be in use by a thread that
// found it through LookupType (a borrowed pointer): without the global lock
// its release waits until every thread passed a quiescent point (qsbr.h).
// Under the lock no other thread runs meanwhile: it is released at once.
inline constexpr bool kDeferredReclamation = TWINPY_GIL == 0;
// A global read as the container of a subscript may be pushed uncounted
// (LOAD_GLOBAL_LENT), since deferred reclamation keeps what a rebinding
// thread unlinks alive until the reader's next quiescent point. ft-naive
// counts it, as it counts everything shared.
inline constexpr bool kLendGlobals = kDeferredReclamation && kImmortalShared;
inline constexpr const char* kVersion = "0.1";

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_VARIANT_H_
