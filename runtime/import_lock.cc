// Import locks: a table from module name to lock, guarded by one mutex that
// is held only for table updates, never while Python code runs or while
// waiting for the global lock (so taking it with the global lock held
// cannot deadlock).
#include "runtime/import_lock.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

#include "runtime/gil.h"
#include "runtime/thread_state.h"

namespace twinpy {

namespace {

struct ModuleLock {
  ThreadState* owner = nullptr;
  int depth = 0;  // the owner's nested acquisitions
  int users = 0;  // holders and waiters; the entry goes when none is left
};

struct ImportLocks {
  std::mutex mu;
  std::condition_variable released;  // some module lock became free
  std::map<std::string, ModuleLock, std::less<>> locks;
  // The module lock each blocked thread waits for.
  std::unordered_map<ThreadState*, ModuleLock*> waiting_for;
  std::atomic<int> in_progress{0};  // locks.size()
};

ImportLocks& Locks() {
  static auto* locks = new ImportLocks;
  return *locks;
}

// Caller holds mu. Whether `me` waiting for `lock` would close a cycle:
// follow owner -> the lock that owner waits for -> its owner ... back to
// `me`.
bool WouldDeadlock(ImportLocks& t, ModuleLock* lock, ThreadState* me) {
  ThreadState* owner = lock->owner;
  // Each thread waits for one lock, so the chain visits each thread once;
  // the bound only guards against a corrupt table.
  for (size_t steps = 0; owner != nullptr && steps <= t.waiting_for.size();
       ++steps) {
    if (owner == me) return true;
    auto it = t.waiting_for.find(owner);
    if (it == t.waiting_for.end()) return false;
    owner = it->second->owner;
  }
  return false;
}

// Caller holds mu: lets go of one use of `it`'s entry.
void DropUse(ImportLocks& t,
             std::map<std::string, ModuleLock, std::less<>>::iterator it) {
  if (--it->second.users == 0) {
    t.locks.erase(it);
    t.in_progress.fetch_sub(1, std::memory_order_release);
  }
}

}  // namespace

bool AcquireImportLock(std::string_view name) {
  ImportLocks& t = Locks();
  ThreadState* me = CurrentThread();
  {
    std::lock_guard<std::mutex> guard(t.mu);
    auto it = t.locks.find(name);
    if (it == t.locks.end()) {
      it = t.locks.emplace(std::string(name), ModuleLock()).first;
      t.in_progress.fetch_add(1, std::memory_order_relaxed);
    }
    ModuleLock& lock = it->second;
    ++lock.users;  // keeps the entry while this thread holds or awaits it
    if (lock.owner == nullptr || lock.owner == me) {
      lock.owner = me;
      ++lock.depth;
      return true;
    }
  }
  // Contended: wait with the global lock released. `guard` is declared
  // after `released`, so mu is let go before the global lock is taken
  // back.
  GilReleased released;
  std::unique_lock<std::mutex> guard(t.mu);
  auto it = t.locks.find(name);  // still there: our use keeps it
  ModuleLock& lock = it->second;
  while (lock.owner != nullptr) {
    if (WouldDeadlock(t, &lock, me)) {
      t.waiting_for.erase(me);
      DropUse(t, it);
      return false;
    }
    t.waiting_for[me] = &lock;
    t.released.wait(guard);
  }
  t.waiting_for.erase(me);
  lock.owner = me;
  lock.depth = 1;
  return true;
}

void ReleaseImportLock(std::string_view name) {
  ImportLocks& t = Locks();
  std::lock_guard<std::mutex> guard(t.mu);
  auto it = t.locks.find(name);
  if (it == t.locks.end()) return;
  if (--it->second.depth == 0) {
    it->second.owner = nullptr;
    // Imports are rare next to everything else: waking every waiter to
    // re-check its own lock is simpler than a condition per module.
    t.released.notify_all();
  }
  DropUse(t, it);
}

bool ImportsInProgress() {
  return Locks().in_progress.load(std::memory_order_acquire) != 0;
}

}  // namespace twinpy
