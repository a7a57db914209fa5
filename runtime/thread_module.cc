// The _thread module: OS threads and the locks everything in threading,
// queue and concurrent.futures is built from.
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <new>
#include <string>

#include "alloc/allocator.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/gil.h"
#include "runtime/out_of_memory.h"
#include "runtime/qsbr.h"
#include "runtime/signals.h"
#include "runtime/stack_guard.h"
#include "runtime/int.h"
#include "runtime/module.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/thread_local_object.h"
#include "runtime/thread_state.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

Type LockType;
Type RLockType;

// A lock any thread may release (Python's semantics), so it is a flag
// guarded by a mutex rather than the mutex itself. Waiting releases the
// global lock.
struct LockObject : Object {
  std::mutex mu;
  std::condition_variable cv;
  bool locked;
  uint64_t owner;  // RLock: the owning thread's ident, 0 when free
  int64_t count;   // RLock: recursion depth
};

LockObject* AllocLock(Type* type) {
  auto* l = static_cast<LockObject*>(AllocObject(type, sizeof(LockObject)));
  if (l == nullptr) return nullptr;
  new (&l->mu) std::mutex();
  new (&l->cv) std::condition_variable();
  l->locked = false;
  l->owner = 0;
  l->count = 0;
  return l;
}

void LockDealloc(Object* o) {
  auto* l = static_cast<LockObject*>(o);
  l->mu.~mutex();
  l->cv.~condition_variable();
  FreeObject(o, sizeof(LockObject));
}

// Parses acquire(blocking=True, timeout=-1); false with an error set.
bool AcquireArgs(Object* const* args, size_t nargs, TupleObject* kwnames,
                 bool* blocking, double* timeout) {
  *blocking = true;
  *timeout = -1;
  Object* b = nargs > 1 ? args[1] : nullptr;
  Object* t = nargs > 2 ? args[2] : nullptr;
  size_t nkw = kwnames ? kwnames->size : 0;
  for (size_t i = 0; i < nkw; ++i) {
    std::string_view k = StrView(kwnames->items[i]);
    if (k == "blocking") {
      b = args[nargs + i];
    } else if (k == "timeout") {
      t = args[nargs + i];
    } else {
      SetError(&TypeErrorType,
               StrCat("acquire() got an unexpected keyword argument '", k, "'"));
      return false;
    }
  }
  if (b != nullptr) {
    int v = IsTrue(b);
    if (v < 0) return false;
    *blocking = v;
  }
  if (t != nullptr && t != None()) {
    bool overflow;
    if (!ToDouble(t, timeout, &overflow)) {
      if (!overflow) SetError(&TypeErrorType, "timeout must be a number");
      return false;
    }
    if (!*blocking && *timeout != -1) {
      SetError(&ValueErrorType, "can't specify a timeout for a non-blocking call");
      return false;
    }
    if (*timeout < 0 && *timeout != -1) {
      SetError(&ValueErrorType, "timeout value must be a non-negative number");
      return false;
    }
  }
  return true;
}

// Takes the flag, waiting (without the global lock) if it must. In the
// main thread a SIGINT ends the wait (kInterrupted), as CPython's
// Lock.acquire is interruptible on POSIX.
WaitResult TakeLock(LockObject* l, bool blocking, double timeout,
                    bool interruptible = true) {
  {
    std::lock_guard<std::mutex> guard(l->mu);
    if (!l->locked) {
      l->locked = true;
      return WaitResult::kDone;
    }
  }
  if (!blocking) return WaitResult::kTimedOut;
  GilReleased released;
  std::unique_lock<std::mutex> guard(l->mu);
  WaitResult r = InterruptibleWait(l->cv, guard, timeout, [l] { return !l->locked; },
                                   interruptible);
  if (r == WaitResult::kDone) l->locked = true;
  return r;
}

// TakeLock for acquire(): nullptr with KeyboardInterrupt raised when
// interrupted, else True or False (timed out).
Object* AcquireFlag(LockObject* l, bool blocking, double timeout) {
  while (true) {
    WaitResult r = TakeLock(l, blocking, timeout);
    if (r != WaitResult::kInterrupted) return Bool(r == WaitResult::kDone);
    if (!HandlePendingSignals(CurrentThread())) return nullptr;
  }
}

void DropLock(LockObject* l) {
  {
    std::lock_guard<std::mutex> guard(l->mu);
    l->locked = false;
  }
  l->cv.notify_one();
}

// The running thread's sentinel (_set_sentinel), held locked until the
// thread has released what it holds.
thread_local LockObject* tls_sentinel = nullptr;

Object* SetSentinel(Object* const*, size_t nargs, TupleObject*) {
  if (!CheckArgCount("_set_sentinel", nargs, 0, 0)) return nullptr;
  LockObject* l = AllocLock(&LockType);
  if (l == nullptr) return nullptr;
  l->locked = true;
  XDecref(tls_sentinel);
  tls_sentinel = static_cast<LockObject*>(NewRef(l));
  return l;
}

Object* LockAcquire(Object* const* args, size_t nargs, TupleObject* kwnames) {
  bool blocking;
  double timeout;
  if (!AcquireArgs(args, nargs, kwnames, &blocking, &timeout)) return nullptr;
  return AcquireFlag(static_cast<LockObject*>(args[0]), blocking, timeout);
}

Object* LockRelease(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("release", nargs - 1, 0, 0)) return nullptr;
  auto* l = static_cast<LockObject*>(args[0]);
  {
    std::lock_guard<std::mutex> guard(l->mu);
    if (!l->locked) return SetError(&RuntimeErrorType, "release unlocked lock");
  }
  DropLock(l);
  return None();
}

Object* LockLocked(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("locked", nargs - 1, 0, 0)) return nullptr;
  auto* l = static_cast<LockObject*>(args[0]);
  std::lock_guard<std::mutex> guard(l->mu);
  return Bool(l->locked);
}

Object* LockExit(Object* const* args, size_t nargs, TupleObject* kw) {
  Object* r = LockRelease(args, 1, kw);
  if (r == nullptr) return nullptr;
  return False();
}

Object* LockRepr(Object* o) {
  auto* l = static_cast<LockObject*>(o);
  char address[32];
  snprintf(address, sizeof(address), "%p", static_cast<void*>(o));
  bool locked;
  {
    std::lock_guard<std::mutex> guard(l->mu);
    locked = l->locked;
  }
  return NewStr(StrCat("<", locked ? "locked" : "unlocked", " _thread.lock object at ",
                       address, ">"));
}

uint64_t MyIdent() { return CurrentThread()->ident; }

Object* RLockAcquire(Object* const* args, size_t nargs, TupleObject* kwnames) {
  bool blocking;
  double timeout;
  if (!AcquireArgs(args, nargs, kwnames, &blocking, &timeout)) return nullptr;
  auto* l = static_cast<LockObject*>(args[0]);
  uint64_t me = MyIdent();
  {
    std::lock_guard<std::mutex> guard(l->mu);
    if (l->locked && l->owner == me) {
      ++l->count;
      return True();
    }
  }
  Object* taken = AcquireFlag(l, blocking, timeout);
  if (taken != True()) return taken;
  std::lock_guard<std::mutex> guard(l->mu);
  l->owner = me;
  l->count = 1;
  return True();
}

Object* RLockRelease(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("release", nargs - 1, 0, 0)) return nullptr;
  auto* l = static_cast<LockObject*>(args[0]);
  {
    std::lock_guard<std::mutex> guard(l->mu);
    if (!l->locked || l->owner != MyIdent()) {
      return SetError(&RuntimeErrorType, "cannot release un-acquired lock");
    }
    if (--l->count > 0) return None();
    l->owner = 0;
  }
  DropLock(l);
  return None();
}

Object* RLockExit(Object* const* args, size_t nargs, TupleObject* kw) {
  Object* r = RLockRelease(args, 1, kw);
  if (r == nullptr) return nullptr;
  return False();
}

Object* RLockIsOwned(Object* const* args, size_t nargs, TupleObject*) {
  auto* l = static_cast<LockObject*>(args[0]);
  std::lock_guard<std::mutex> guard(l->mu);
  return Bool(l->locked && l->owner == MyIdent());
}

// Condition.wait() releases an RLock completely and restores it after.
Object* RLockReleaseSave(Object* const* args, size_t nargs, TupleObject*) {
  auto* l = static_cast<LockObject*>(args[0]);
  int64_t count;
  uint64_t owner;
  {
    std::lock_guard<std::mutex> guard(l->mu);
    if (!l->locked || l->owner != MyIdent()) {
      return SetError(&RuntimeErrorType, "cannot release un-acquired lock");
    }
    count = l->count;
    owner = l->owner;
    l->count = 0;
    l->owner = 0;
  }
  DropLock(l);
  return TupleOf({NewInt(count), NewInt(static_cast<int64_t>(owner))});
}

Object* RLockAcquireRestore(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("_acquire_restore", nargs - 1, 1, 1)) return nullptr;
  auto* l = static_cast<LockObject*>(args[0]);
  auto* state = static_cast<TupleObject*>(args[1]);
  if (!IsTuple(args[1]) || state->size != 2) {
    return SetError(&TypeErrorType, "_acquire_restore() needs (count, owner)");
  }
  int64_t count = 0, owner = 0;
  IntToInt64(state->items[0], &count);
  IntToInt64(state->items[1], &owner);
  // Condition.wait() restores its lock even after an interrupt.
  TakeLock(l, true, -1, /*interruptible=*/false);
  std::lock_guard<std::mutex> guard(l->mu);
  l->count = count;
  l->owner = static_cast<uint64_t>(owner);
  return None();
}

Object* ReturnSelf(Object* const* args, size_t, TupleObject*) { return NewRef(args[0]); }

Object* LockEnter(Object* const* args, size_t nargs, TupleObject* kw) {
  Object* r = LockAcquire(args, 1, nullptr);
  return r;
}

Object* RLockEnter(Object* const* args, size_t nargs, TupleObject* kw) {
  return RLockAcquire(args, 1, nullptr);
}

const MethodDef kLockMethods[] = {
    {"acquire", LockAcquire, kNativeMethod | kNativeKeywords},
    {"acquire_lock", LockAcquire, kNativeMethod | kNativeKeywords},
    {"release", LockRelease, kNativeMethod},
    {"release_lock", LockRelease, kNativeMethod},
    {"locked", LockLocked, kNativeMethod},
    {"__enter__", LockEnter, kNativeMethod},
    {"__exit__", LockExit, kNativeMethod},
    {nullptr, nullptr, 0},
};

const MethodDef kRLockMethods[] = {
    {"acquire", RLockAcquire, kNativeMethod | kNativeKeywords},
    {"release", RLockRelease, kNativeMethod},
    {"_is_owned", RLockIsOwned, kNativeMethod},
    {"_release_save", RLockReleaseSave, kNativeMethod},
    {"_acquire_restore", RLockAcquireRestore, kNativeMethod},
    {"__enter__", RLockEnter, kNativeMethod},
    {"__exit__", RLockExit, kNativeMethod},
    {nullptr, nullptr, 0},
};

Object* AllocateLock(Object* const*, size_t nargs, TupleObject*) {
  if (!CheckArgCount("allocate_lock", nargs, 0, 0)) return nullptr;
  return AllocLock(&LockType);
}

Object* NewRLock(Object* const*, size_t nargs, TupleObject*) {
  if (!CheckArgCount("RLock", nargs, 0, 0)) return nullptr;
  return AllocLock(&RLockType);
}

Object* CallThreadFunction(Object* func, TupleObject* args, Object* kwargs) {
  if (kwargs == nullptr || kwargs == None()) return Call(func, args->items, args->size);
  auto* d = static_cast<DictObject*>(kwargs);
  std::vector<Object*> all(args->items, args->items + args->size);
  TupleObject* names = NewTuple(d->used);
  if (names == nullptr) return nullptr;
  int64_t pos = 0, i = 0;
  Object *k, *v;
  while (DictNext(d, &pos, &k, &v)) {
    names->items[i++] = NewRef(k);
    all.push_back(v);
  }
  Object* result = Call(func, all.data(), args->size, names);
  Decref(names);
  return result;
}

// An uncaught exception ends only its thread, reported as CPython does.
void ReportThreadResult(Object* func, Object* result) {
  if (result != nullptr) {
    Decref(result);
    return;
  }
  Object* exc = FetchError();
  if (!IsSubtype(exc->type, &SystemExitType)) {
    ReleaseMemoryReserve();
    std::string func_repr;
    if (!ReprString(func, &func_repr)) {
      ClearError();
      func_repr = "<function>";
    }
    std::string report = StrCat("Exception ignored in thread started by: ",
                                func_repr, "\n", FormatException(exc));
    fflush(stdout);
    fputs(report.c_str(), stderr);
  }
  Decref(exc);
}

// The body of every thread: bind a thread state, take the global lock,
// run, report an uncaught exception, and leave.
void ThreadMain(ThreadState* ts, Object* func, TupleObject* args, Object* kwargs) {
  BindThread(ts);
  GilAcquire(ts);
  Object* result;
  try {
    result = CallThreadFunction(func, args, kwargs);
  } catch (const std::bad_alloc&) {
    AbandonFrames(ts);
    result = NoMemory();
  }
  ReportThreadResult(func, result);
  Decref(func);
  Decref(args);
  XDecref(kwargs);
  ReleaseThreadLocals();  // may run code: still bound, holding the lock
  ReleaseThreadObjects(ts);  // frees may run code: before letting go
  // Nothing read from here on: what this thread unlinked need not wait for
  // it, and a join() returns only past this point (QSBR releases and
  // biased-count merges included).
  QsbrThreadExit(ts);
  if (LockObject* sentinel = tls_sentinel) {
    tls_sentinel = nullptr;
    DropLock(sentinel);
    Decref(sentinel);
  }
  GilRelease(ts);
  DetachThread(ts);
  // Blocks this thread cached would otherwise be lost with it.
  alloc::ReleaseThreadCache();
}


struct ThreadStart {
  ThreadState* ts;
  Object* func;
  TupleObject* args;
  Object* kwargs;
};

void* ThreadEntry(void* arg) {
  ThreadStart start = *static_cast<ThreadStart*>(arg);
  delete static_cast<ThreadStart*>(arg);
  ThreadMain(start.ts, start.func, start.args, start.kwargs);
  return nullptr;
}

// Starts a detached OS thread with a stack of known size (the recursion
// guard measures it) that blocks SIGINT, so the signal always reaches the
// main thread and cuts its sleeps short, as in CPython.
bool SpawnThread(ThreadStart* start) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return false;
  pthread_attr_setstacksize(&attr, kThreadStackBytes);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  sigset_t block, saved;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  pthread_sigmask(SIG_BLOCK, &block, &saved);
  pthread_t thread;
  int rc = pthread_create(&thread, &attr, ThreadEntry, start);
  pthread_sigmask(SIG_SETMASK, &saved, nullptr);
  pthread_attr_destroy(&attr);
  return rc == 0;
}

Object* StartNewThread(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("start_new_thread", nargs, 2, 3)) return nullptr;
  if (args[0]->type->call == nullptr) {
    return SetError(&TypeErrorType, "first arg must be callable");
  }
  if (!IsTuple(args[1])) return SetError(&TypeErrorType, "2nd arg must be a tuple");
  if (nargs == 3 && args[2] != None() && !IsDict(args[2])) {
    return SetError(&TypeErrorType, "optional 3rd arg must be a dictionary");
  }
  // From now on another thread may read what this one unlinks (qsbr.h).
  QsbrThreadsStarted();
  ThreadState* ts = NewThreadState();
  Object* func = NewRef(args[0]);
  auto* targs = static_cast<TupleObject*>(NewRef(args[1]));
  Object* kwargs = nargs == 3 ? NewRef(args[2]) : nullptr;
  uint64_t ident = ts->ident;
  auto* start = new (std::nothrow) ThreadStart{ts, func, targs, kwargs};
  if (start == nullptr || !SpawnThread(start)) {
    delete start;
    Decref(func);
    Decref(targs);
    XDecref(kwargs);
    DetachThread(ts);
    return SetError(&RuntimeErrorType, "can't start new thread");
  }
  return NewInt(static_cast<int64_t>(ident));
}

Object* GetIdent(Object* const*, size_t nargs, TupleObject*) {
  if (!CheckArgCount("get_ident", nargs, 0, 0)) return nullptr;
  return NewInt(static_cast<int64_t>(CurrentThread()->ident));
}

Object* GetNativeId(Object* const*, size_t nargs, TupleObject*) {
  if (!CheckArgCount("get_native_id", nargs, 0, 0)) return nullptr;
  return NewInt(CurrentThread()->native_id);
}

Object* Count(Object* const*, size_t nargs, TupleObject*) {
  if (!CheckArgCount("_count", nargs, 0, 0)) return nullptr;
  int64_t n = 0;
  ForEachThread([&](ThreadState*) { ++n; });
  return NewInt(n - 1);  // threads other than the main one
}

void InitLockType(Type* t, const char* name, const MethodDef* methods) {
  InitStaticType(t, name, sizeof(LockObject), &ObjectType);
  t->dealloc = LockDealloc;
  t->repr = LockRepr;
  t->hash = ObjectType.hash;
  t->compare = ObjectType.compare;
  t->getattr = GenericGetAttr;
  AddMethods(t, methods);
}

ModuleObject* NewThreadModule() {
  static bool types_ready = [] {
    InitLockType(&LockType, "lock", kLockMethods);
    InitLockType(&RLockType, "RLock", kRLockMethods);
    InitLocalType();
    return true;
  }();
  (void)types_ready;
  ModuleObject* m = NewModule("_thread");
  if (m == nullptr) return nullptr;
  DictObject* d = m->dict;
  DictSetStr(d, "start_new_thread", NewStaticNativeFunction("start_new_thread", StartNewThread, 0));
  DictSetStr(d, "allocate_lock", NewStaticNativeFunction("allocate_lock", AllocateLock, 0));
  DictSetStr(d, "RLock", NewStaticNativeFunction("RLock", NewRLock, 0));
  DictSetStr(d, "get_ident", NewStaticNativeFunction("get_ident", GetIdent, 0));
  DictSetStr(d, "get_native_id", NewStaticNativeFunction("get_native_id", GetNativeId, 0));
  DictSetStr(d, "_count", NewStaticNativeFunction("_count", Count, 0));
  DictSetStr(d, "_set_sentinel", NewStaticNativeFunction("_set_sentinel", SetSentinel, 0));
  DictSetStr(d, "LockType", NewRef(&LockType));
  DictSetStr(d, "_local", NewRef(&LocalType));
  DictSetStr(d, "error", NewRef(&RuntimeErrorType));
  DictSetStr(d, "TIMEOUT_MAX", NewFloat(4294967.0));
  return m;
}

struct Register {
  Register() { RegisterNativeModule("_thread", NewThreadModule); }
} register_thread;

}  // namespace

}  // namespace twinpy
