// Stack snapshots and the SIGQUIT dump.
//
// Another thread's frames are read while it runs. In the `gil` build the
// reader holds the global lock, so they are still; in the free-threaded
// build the reading is best-effort (CPython stops the world for this).
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
  std::vector<std::pair<uint64_t, Frame*>> threads;
  ForEachThread([&](ThreadState* ts) { threads.emplace_back(ts->ident, ts->frame); });
  for (auto& [ident, frame] : threads) {
    if (frame == nullptr) continue;
    FrameInfoObject* snap = Snapshot(frame);
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
