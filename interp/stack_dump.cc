// Stack snapshots and the SIGQUIT dump.
//
// Another thread's frames can be read only while that thread holds them
// still. In the `gil` build the reader holds the global lock, which is
// enough: a thread changes its frames only while it holds the lock. In the
// free-threaded builds the reader stops the world (runtime/safepoint.h):
// every other thread is parked at an eval-breaker check or detached in a
// blocking call, and none can re-attach until the reader is done. The
// reader walks the frames under the thread registry's lock as well, since a
// detached thread may still exit and free its frame stack.
//
// The world stays stopped only while the frames are walked: the walk takes
// references to each frame's code and globals and notes its line, and the
// snapshot objects are built after the release, so that no allocation or
// freeing happens with every thread waiting (nor under the registry lock,
// which freeing may take). Snapshots are immutable, so traceback's
// print_stack and format_stack of another thread's frames read them
// without further care. The SIGQUIT watcher is a thread of its own
// (outside the registry) that attaches, stops the world, formats the dump
// into a string and prints it after the release.
#include "interp/stack_dump.h"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "interp/frame.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/frameinfo.h"
#include "runtime/gil.h"
#include "runtime/int.h"
#include "runtime/module.h"
#include "runtime/safepoint.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/thread_state.h"

namespace twinpy {

namespace {

int FrameLine(Frame* f) { return CodeLine(f->code, f->CurrentInstruction()); }

// What a snapshot needs of one live frame; holds references to both
// objects.
struct FrameRecord {
  CodeObject* code;
  int line;
  DictObject* globals;  // or nullptr
};

// Records `f` and its callers, innermost first.
void RecordFrames(Frame* f, std::vector<FrameRecord>* out) {
  for (; f != nullptr; f = f->back) {
    Incref(f->code);
    if (f->globals != nullptr) Incref(f->globals);
    out->push_back(FrameRecord{f->code, FrameLine(f), f->globals});
  }
}

void DropRecords(const std::vector<FrameRecord>& records) {
  for (const FrameRecord& r : records) {
    Decref(r.code);
    if (r.globals != nullptr) Decref(r.globals);
  }
}

// Snapshots of the recorded frames, innermost returned (nullptr for none,
// or with MemoryError set); the records' references are dropped either way.
FrameInfoObject* BuildSnapshot(const std::vector<FrameRecord>& records) {
  // From the outermost caller inwards, so each node owns its back.
  FrameInfoObject* back = nullptr;
  bool failed = false;
  for (auto it = records.rbegin(); it != records.rend(); ++it) {
    if (!failed) {
      back = NewFrameInfo(it->code, it->line, back, it->globals);
      failed = back == nullptr;
    }
  }
  DropRecords(records);
  return back;
}

// Snapshots of the calling thread's frame `f` and its callers.
FrameInfoObject* Snapshot(Frame* f) {
  std::vector<FrameRecord> records;
  RecordFrames(f, &records);
  return BuildSnapshot(records);
}

struct ThreadRecord {
  uint64_t ident;
  std::vector<FrameRecord> frames;
};

Object* CurrentFrames(Object* const*, size_t nargs, TupleObject*) {
  if (!CheckArgCount("_current_frames", nargs, 0, 0)) return nullptr;
  std::vector<ThreadRecord> threads;
  {
    StopTheWorld stop(CurrentThread());
    ForEachThread([&](ThreadState* ts) {
      if (ts->frame == nullptr) return;
      threads.push_back(ThreadRecord{ts->ident, {}});
      RecordFrames(ts->frame, &threads.back().frames);
    });
  }
  DictObject* d = NewDict();
  for (ThreadRecord& t : threads) {
    FrameInfoObject* snap = BuildSnapshot(t.frames);
    if (d == nullptr) {
      XDecref(snap);
      continue;  // still drops every record's references
    }
    if (snap == nullptr) {
      Decref(d);
      d = nullptr;
      continue;
    }
    Object* key = NewInt(static_cast<int64_t>(t.ident));
    bool ok = key != nullptr && DictSetItem(d, key, snap) >= 0;
    XDecref(key);
    Decref(snap);
    if (!ok) {
      Decref(d);
      d = nullptr;
    }
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

// `self` is attached (in the `gil` build: holds the lock).
std::string DumpAll(ThreadState* self) {
  std::string out = "Stacks of all Python threads (most recent call first):\n";
  StopTheWorld stop(self);
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
    // Outside the registry no stop of the world holds it.
    ts->attachment.store(kThreadDetached, std::memory_order_relaxed);
  }
  BindThread(ts);
  while (true) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) continue;
    GilAcquire(ts);
    std::string dump = DumpAll(ts);
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
