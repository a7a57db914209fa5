// The interpreter core: cost per bytecode of the dispatch loop, per call, per
// attribute access, per dict get/set and per list append; and a shared dict
// read with and without the lock-free cached path, on 1 and 2 threads.
//
// Built once per variant (micro_interp-gil, micro_interp-ft): the two builds
// define the same symbols, so they cannot share a binary. Benchmark names
// carry no variant; the JSON context's "twinpy_variant" says which build
// produced them.
//
// Every row compiles a Python function whose loop repeats one statement
// (kRepeat times unless said otherwise), and each benchmark iteration calls it
// for kLoops turns. Counters, from this thread's CPU time so that other load
// on the machine does not inflate them:
//   ns_per_op     per statement, loop overhead included (amortised over the
//                 copies); BM_interp_loop_empty is that overhead alone.
//   ns_per_insn   per bytecode instruction of the loop body.
//   insns_per_turn  instructions in one turn of the loop, read from the
//                 compiled code.
// The benchmarks are single-threaded: no lock is ever contended, so the gil
// and ft rows differ by the cost of the free-threaded mechanisms themselves
// (atomic counts, allocator and object locks).
#include <benchmark/benchmark.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "interp/compiler.h"
#include "interp/eval.h"
#include "interp/opcodes.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/gil.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/name_cache.h"
#include "runtime/object_lock.h"
#include "runtime/str.h"
#include "runtime/thread_state.h"
#include "runtime/variant.h"

namespace twinpy::bench {
namespace {

constexpr int kLoops = 1000;
constexpr int kRepeat = 20;

// Names the statements below use, defined once at module level.
constexpr const char kPrelude[] = R"(
class Point:
    cls_attr = 1
    def __init__(self):
        self.x = 1
    def method(self):
        return None

def noop():
    return None

def two_args(a, b):
    return a
)";

void Fail(const std::string& what) {
  std::fprintf(stderr, "micro_interp: %s\n", what.c_str());
  std::exit(1);
}

std::string PendingError() {
  Object* exc = FetchError();
  std::string text = exc ? FormatExceptionOnly(exc) : "unknown error";
  XDecref(exc);
  return text;
}

// The runtime, started once for the process, like the interpreter's main.
void InitOnce() {
  static const bool done = [] {
    ThreadState* ts = AttachThread();
    InitRuntime({"micro_interp"});
    InitEval();
    GilAcquire(ts);
    return true;
  }();
  (void)done;
}

double ThreadCpuNs() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

// `def bench(n)` whose loop body is `statement` `repeat` times, after `setup`.
std::string BenchSource(const std::string& setup, const std::string& statement,
                        int repeat) {
  std::string src = kPrelude;
  src += "\ndef bench(n):\n";
  if (!setup.empty()) src += "    " + setup + "\n";
  src += "    for _ in range(n):\n";
  for (int i = 0; i < repeat; ++i) src += "        " + statement + "\n";
  return src;
}

// Instructions one turn of the function's (only) loop executes: from the
// target of its backward jump to the jump itself.
int LoopInstructions(const CodeObject* code) {
  for (size_t i = 0; i < code->code.size(); ++i) {
    if (WordOp(code->code[i]) == OP_JUMP_BACKWARD) {
      return static_cast<int>(i - WordArg(code->code[i]) + 1);
    }
  }
  Fail("no loop in bench()");
  return 0;
}

void RunStatement(benchmark::State& state, const std::string& setup,
                  const std::string& statement, int repeat) {
  InitOnce();
  CompileResult compiled =
      CompileSource(BenchSource(setup, statement, repeat), "<micro>");
  if (compiled.error) Fail("compile error: " + compiled.error->msg);
  DictObject* globals = NewDict();
  Object* result = EvalModuleCode(compiled.code, globals);
  Decref(compiled.code);
  if (result == nullptr) Fail(PendingError());
  Decref(result);
  Object* fn = DictGetStr(globals, InternStr("bench"));
  if (fn == nullptr || fn->type != &FunctionType) Fail("bench() missing");
  const int loop_instructions =
      LoopInstructions(static_cast<FunctionObject*>(fn)->code);
  Object* n = NewInt(kLoops);

  const double start = ThreadCpuNs();
  for (auto _ : state) {
    Object* r = Call(fn, &n, 1);
    if (r == nullptr) Fail(PendingError());
    Decref(r);
  }
  const double ns = ThreadCpuNs() - start;

  const double turns = static_cast<double>(state.iterations()) * kLoops;
  state.SetItemsProcessed(state.iterations() * kLoops * repeat);
  state.counters["ns_per_op"] = ns / (turns * repeat);
  state.counters["ns_per_insn"] = ns / (turns * loop_instructions);
  state.counters["insns_per_turn"] = loop_instructions;
  Decref(n);
  Decref(globals);
}

void Register(const char* name, const char* setup, const char* statement,
              int repeat = kRepeat) {
  benchmark::RegisterBenchmark(
      name, [setup, statement, repeat](benchmark::State& state) {
        RunStatement(state, setup, statement, repeat);
      });
}

// Reads of one dict and one list shared by every benchmark thread, three
// ways: under the container's lock (what list and dict reads did before
// they went lock-free: in the ft build the lock byte is written, so two
// threads pass its cache line back and forth), without it (ListItemRef and
// DictGetStrRef: atomic loads, no shared write), and through LOAD_GLOBAL's
// cache (name_cache.h). The values are interned strs: immortal, so the
// reads count nothing either, and what is measured is the read path alone.
struct SharedLookup {
  CodeObject* code;  // names[0] is "value"
  DictObject* globals;
  DictObject* builtins;
  StrObject* name;
  ListObject* list;
};

SharedLookup& Shared() {
  static SharedLookup s = [] {
    InitOnce();
    CompileResult compiled = CompileSource("value\n", "<micro>");
    if (compiled.error) Fail("compile error: " + compiled.error->msg);
    SharedLookup r{compiled.code, NewDict(), NewDict(), InternStr("value"),
                   NewList(0)};
    DictSetItem(r.globals, r.name, InternStr("a value"));
    for (int i = 0; i < 8; ++i) ListAppend(r.list, InternStr("an item"));
    return r;
  }();
  return s;
}

void BM_dict_lookup_locked(benchmark::State& state) {
  SharedLookup& s = Shared();
  for (auto _ : state) {
    Object* v;
    {
      CriticalSection cs(s.globals->mutex);
      v = NewRef(DictGetStr(s.globals, s.name));
    }
    benchmark::DoNotOptimize(v);
    Decref(v);
  }
}

void BM_dict_lookup_lockfree(benchmark::State& state) {
  SharedLookup& s = Shared();
  for (auto _ : state) {
    Object* v = DictGetStrRef(s.globals, s.name);
    benchmark::DoNotOptimize(v);
    Decref(v);
  }
}

void BM_dict_lookup_cached(benchmark::State& state) {
  SharedLookup& s = Shared();
  for (auto _ : state) {
    Object* v = CachedLookup(s.code, 0, s.globals, s.builtins);
    benchmark::DoNotOptimize(v);
    Decref(v);
  }
}

void BM_list_item_locked(benchmark::State& state) {
  SharedLookup& s = Shared();
  int64_t i = 0;
  for (auto _ : state) {
    Object* v;
    {
      CriticalSection cs(s.list->mutex);
      v = NewRef(s.list->items[i]);
    }
    benchmark::DoNotOptimize(v);
    Decref(v);
    i = (i + 1) & 7;
  }
}

void BM_list_item_lockfree(benchmark::State& state) {
  SharedLookup& s = Shared();
  int64_t i = 0;
  for (auto _ : state) {
    Object* v = ListItemRef(s.list, i);
    benchmark::DoNotOptimize(v);
    Decref(v);
    i = (i + 1) & 7;
  }
}

void RegisterAll() {
  benchmark::RegisterBenchmark("BM_dict_lookup_locked", BM_dict_lookup_locked)
      ->Threads(1)->Threads(2)->UseRealTime();
  benchmark::RegisterBenchmark("BM_dict_lookup_lockfree", BM_dict_lookup_lockfree)
      ->Threads(1)->Threads(2)->UseRealTime();
  benchmark::RegisterBenchmark("BM_dict_lookup_cached", BM_dict_lookup_cached)
      ->Threads(1)->Threads(2)->UseRealTime();
  benchmark::RegisterBenchmark("BM_list_item_locked", BM_list_item_locked)
      ->Threads(1)->Threads(2)->UseRealTime();
  benchmark::RegisterBenchmark("BM_list_item_lockfree", BM_list_item_lockfree)
      ->Threads(1)->Threads(2)->UseRealTime();
  // Dispatch: a bare name is LOAD_FAST + POP_TOP, the cheapest pair of
  // instructions there is, so ns_per_insn here is the loop's own cost. The
  // immortal int is never counted; the list is, atomically in the ft build.
  Register("BM_interp_dispatch_immortal", "x = 1", "x");
  Register("BM_interp_dispatch_mortal", "x = []", "x");
  // One turn of `for _ in range(n): pass` (FOR_ITER, STORE_FAST,
  // JUMP_BACKWARD).
  Register("BM_interp_loop_empty", "", "pass", /*repeat=*/1);
  Register("BM_interp_local_add", "x = 1", "y = x + x");
  // Calls: frame set-up and tear-down of a Python function, a bound method
  // and a native method.
  Register("BM_interp_call_noargs", "", "noop()");
  Register("BM_interp_call_two_args", "", "two_args(1, 2)");
  Register("BM_interp_call_method", "p = Point()", "p.method()");
  Register("BM_interp_call_builtin", "s = 'abc'", "len(s)");
  // Attribute lookup: instance dict, class dict through the instance, store.
  Register("BM_interp_attr_load_instance", "p = Point()", "p.x");
  Register("BM_interp_attr_load_class", "p = Point()", "p.cls_attr");
  Register("BM_interp_attr_store", "p = Point()", "p.x = 2");
  Register("BM_interp_global_load", "", "noop");
  // Dicts with str and int keys.
  Register("BM_interp_dict_get_str", "d = {'a': 1, 'key': 2, 'z': 3}",
           "d['key']");
  Register("BM_interp_dict_set_str", "d = {'a': 1, 'key': 2, 'z': 3}",
           "d['key'] = 5");
  Register("BM_interp_dict_get_int", "d = {1: 1, 7: 2, 9: 3}", "d[7]");
  Register("BM_interp_dict_set_int", "d = {1: 1, 7: 2, 9: 3}", "d[7] = 5");
  // A fresh list per call, grown to kLoops * kRepeat items.
  Register("BM_interp_list_append", "lst = []", "lst.append(1)");
}

}  // namespace
}  // namespace twinpy::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("twinpy_variant", twinpy::kVariantName);
  twinpy::bench::RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
