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
inline constexpr const char* kVersion = "0.1";

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_VARIANT_H_
