// Per-module import locks, with CPython 3's semantics: a thread importing a
// module another thread is importing waits until that one has finished, so
// a module body runs once and nobody sees it half done; a thread re-entering
// a module it is importing itself (a circular import) gets the partly
// initialised module; and when waiting would close a cycle of threads each
// waiting for a module another one is importing, the waiter gets the partly
// initialised module instead of deadlocking.
//
// Why not one global re-entrant lock (CPython 2's choice, which cannot
// deadlock)? A module body that starts a thread and joins it while that
// thread imports anything else would hang, and one slow import would stall
// every other thread's unrelated imports. Per-module locks only ever make a
// thread wait for the module it asked for, and the cycle check keeps them
// deadlock-free: a thread is blocked on at most one module lock at a time,
// so waits form chains, and the thread that would close a chain into a
// cycle sees it and does not wait.
#ifndef TWINPY_RUNTIME_IMPORT_LOCK_H_
#define TWINPY_RUNTIME_IMPORT_LOCK_H_

#include <string_view>

namespace twinpy {

// Takes NAME's import lock for the calling thread (re-entrant). While
// another thread holds it, waits with the global lock released. Returns
// false, without the lock, when waiting would deadlock.
bool AcquireImportLock(std::string_view name);
void ReleaseImportLock(std::string_view name);

// Whether some thread holds or awaits an import lock. When none does, a
// module found in sys.modules is complete and needs no lock.
bool ImportsInProgress();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_IMPORT_LOCK_H_
