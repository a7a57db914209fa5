// Stack snapshots and the SIGQUIT dump.
//
// Another thread's frames are read while it runs. In the `gil` build the
// reader holds the global lock, so they are still. In the free-threaded
// build the reading is best-effort and racy (TSan reports it): the reader
// holds the thread registry's lock, so a thread cannot exit and free its
// frame stack meanwhile, but a running thread pushes and pops frames under
// the reader. CPython stops the world for this. A fix that costs calls
// nothing: each thread state gets an attached/detached word (detached
// inside GilReleased, whose blocking calls leave the frames still); the
// reader suspends detached threads (they wait to re-attach) and reads them,
// and asks attached ones, through an eval-breaker bit, to snapshot
// themselves at their next check, waiting with a timeout. Not done yet.
#include "interp/stack_dump.h"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <string>
#include <thread>

#include "interp/frame.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/frameinfo.h"
#include "runtime/gil.h"
#include "runtime/int.h"
#include "runtime/module.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/thread_state.h"

namespace twinpy {

namespace {

int FrameLine(Frame* f) { return CodeLine(f->code, f->CurrentInstruction()); }

// Snapshots of `f` and its callers, innermost returned.
FrameInfoObject* Snapshot(Frame* f) {
  if (f == nullptr) return nullptr;
  // Build from the outermost caller inwards, so each node owns its back.
  std::vector<Frame*> chain;
  for (; f != nullptr; f = f->back) chain.push_back(f);
  FrameInfoObject* back = nullptr;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    back = NewFrameInfo((*it)->code, FrameLine(*it), back, (*it)->globals);
    if (back == nullptr) return nullptr;
  }
  return back;
}

Object* CurrentFrames(Object* const*, size_t nargs, TupleObject*) {
  if (!CheckArgCount("_current_frames", nargs, 0, 0)) return nullptr;
  DictObject* d = NewDict();
  if (d == nullptr) return nullptr;
  // Snapshots are taken under the registry's lock: a thread that exits
  // meanwhile would free the stack its frames live on.
  std::vector<std::pair<uint64_t, FrameInfoObject*>> threads;
  ForEachThread([&](ThreadState* ts) {
    if (ts->frame != nullptr) threads.emplace_back(ts->ident, Snapshot(ts->frame));
  });
  for (auto& [ident, snap] : threads) {
    Object* key = NewInt(static_cast<int64_t>(ident));
    if (snap != nullptr) DictSetItem(d, key, snap);
    XDecref(snap);
    Decref(key);
  }
  return d;
}

Object* GetFrame(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("_getframe", nargs, 0, 1)) return nullptr;
  int64_t depth = 0;
  if (nargs == 1 && !IntToInt64(args[0], &depth)) {
    return SetError(&OverflowErrorType, "depth too large");
  }
  Frame* f = CurrentThread()->frame;
  for (; f != nullptr && depth > 0; --depth) f = f->back;
  if (f == nullptr) return SetError(&ValueErrorType, "call stack is not deep enough");
  return Snapshot(f);
}

std::string DumpAll() {
  std::string out = "Stacks of all Python threads (most recent call first):\n";
  ForEachThread([&](ThreadState* ts) {
    StrAppend(&out, "\nThread ", ts->ident, " (native id ", ts->native_id, "):\n");
    int depth = 0;
    for (Frame* f = ts->frame; f != nullptr && depth < 200; f = f->back, ++depth) {
      StrAppend(&out, "  File \"", StrView(f->code->filename), "\", line ",
                FrameLine(f), " in ", StrView(f->code->name), "\n");
    }
    if (ts->frame == nullptr) out += "  <no Python frame>\n";
  });
  return out;
}

void WatchSigquit(sigset_t set) {
  ThreadState* ts = NewThreadState();  // for the global lock's bookkeeping
  // This helper is not a Python thread: keep it out of the registry views.
  {
    std::lock_guard<std::mutex> lock(ThreadRegistryMutex());
    auto& threads = ThreadRegistry();
    for (size_t i = 0; i < threads.size(); ++i) {
      if (threads[i] == ts) threads.erase(threads.begin() + static_cast<long>(i));
    }
  }
  BindThread(ts);
  while (true) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) continue;
    GilAcquire(ts);
    std::string dump = DumpAll();
    GilRelease(ts);
    fputs(dump.c_str(), stderr);
    fflush(stderr);
  }
}

}  // namespace

void AddStackIntrospection() {
  AddSysExtension("_current_frames", CurrentFrames);
  AddSysExtension("_getframe", GetFrame);
}

void InstallStackDumpOnSigquit() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(WatchSigquit, set).detach();
}

}  // namespace twinpy
