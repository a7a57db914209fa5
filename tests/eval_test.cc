// The evaluation loop, run in-process: results, Python's error types and
// messages, and reference counts that return every object to the allocator.
#include <string>

#include "alloc/allocator.h"
#include "gtest/gtest.h"
#include "runtime/dict.h"
#include "tests/interp_testing.h"

namespace twinpy {
namespace {

using interp_testing::Global;
using interp_testing::RunProgram;

std::string Eval(const std::string& source, const char* name = "x") {
  interp_testing::RunResult r = RunProgram(source);
  if (!r.syntax_error.empty()) return r.syntax_error;
  std::string v = r.error.empty() ? Global(r, name) : r.error;
  // Released on errors too, or LeakSanitizer (tools/test --sanitizers)
  // reports the test's own globals.
  DictClear(r.globals);  // functions refer back to their globals
  Decref(r.globals);
  return v;
}

TEST(EvalTest, IntegersNeverWrap) {
  EXPECT_EQ(Eval("x = 9223372036854775807 + 1"), "9223372036854775808");
  EXPECT_EQ(Eval("x = -9223372036854775808 - 1"), "-9223372036854775809");
  EXPECT_EQ(Eval("x = 3037000500 * 3037000500"), "9223372037000250000");
  EXPECT_EQ(Eval("x = 2 ** 100"), "1267650600228229401496703205376");
  EXPECT_EQ(Eval("x = (2 ** 100) // (2 ** 98)"), "4");
  EXPECT_EQ(Eval("x = -7 // 2, -7 % 2, 7 % -2"), "(-4, 1, -1)");
  EXPECT_EQ(Eval("x = 7 / 2"), "3.5");
  EXPECT_EQ(Eval("x = sum(range(10**6))"), "499999500000");
}

TEST(EvalTest, FloatsPrintLikeCPython) {
  EXPECT_EQ(Eval("x = 0.1 + 0.2"), "0.30000000000000004");
  EXPECT_EQ(Eval("x = 1e16"), "1e+16");
  EXPECT_EQ(Eval("x = 1.5e-7"), "1.5e-07");
  EXPECT_EQ(Eval("x = 2.0 ** 0.5"), "1.4142135623730951");
  EXPECT_EQ(Eval("x = 10**20 / 3"), "3.333333333333333e+19");
}

TEST(EvalTest, FunctionsBindArgumentsLikePython) {
  const char* defs =
      "def f(a, b=2, *rest, c, d=4, **kw):\n"
      "    return (a, b, rest, c, d, sorted(kw.items()))\n";
  EXPECT_EQ(Eval(std::string(defs) + "x = f(1, c=3)"), "(1, 2, (), 3, 4, [])");
  EXPECT_EQ(Eval(std::string(defs) + "x = f(1, 5, 6, 7, c=3, z=9)"),
            "(1, 5, (6, 7), 3, 4, [('z', 9)])");
  EXPECT_EQ(Eval(std::string(defs) + "x = f(1)"),
            "TypeError: f() missing 1 required keyword-only argument: 'c'");
  EXPECT_EQ(Eval("def g(a, b): pass\nx = g(1)"),
            "TypeError: g() missing 1 required positional argument: 'b'");
  EXPECT_EQ(Eval("def g(a): pass\nx = g(1, 2)"),
            "TypeError: g() takes 1 positional argument but 2 were given");
  EXPECT_EQ(Eval("def g(a): pass\nx = g(1, a=2)"),
            "TypeError: g() got multiple values for argument 'a'");
  EXPECT_EQ(Eval("def g(a): pass\nx = g(b=2)"),
            "TypeError: g() got an unexpected keyword argument 'b'");
  EXPECT_EQ(Eval("def g(*a, **k): return a, k\nx = g(*[1, 2], **{'y': 3})"),
            "((1, 2), {'y': 3})");
}

TEST(EvalTest, ClosuresShareCells) {
  EXPECT_EQ(Eval("def counter():\n"
                 "    n = 0\n"
                 "    def inc():\n"
                 "        nonlocal n\n"
                 "        n += 1\n"
                 "        return n\n"
                 "    return inc\n"
                 "c = counter()\nc()\nc()\nx = c()"),
            "3");
  EXPECT_EQ(Eval("x = [f(10) for f in [lambda v, k=k: v * k for k in range(3)]]"),
            "[0, 10, 20]");
}

TEST(EvalTest, ControlFlow) {
  EXPECT_EQ(Eval("x = []\n"
                 "for i in range(10):\n"
                 "    if i % 2: continue\n"
                 "    if i > 6: break\n"
                 "    x.append(i)\n"
                 "else:\n"
                 "    x.append('else')\n"),
            "[0, 2, 4, 6]");
  EXPECT_EQ(Eval("x = []\nfor i in []: pass\nelse: x.append('else')"),
            "['else']");
  EXPECT_EQ(Eval("i = 0\nwhile i < 5: i += 1\nx = i"), "5");
  EXPECT_EQ(Eval("x = 1 < 2 < 3, 1 < 3 < 2, 0 or 'a', 1 and 0"),
            "(True, False, 'a', 0)");
  EXPECT_EQ(Eval("a, (b, *c), d = 1, (2, 3, 4), 5\nx = a, b, c, d"),
            "(1, 2, [3, 4], 5)");
  EXPECT_EQ(Eval("x = {k: v for k, v in zip('abc', range(3)) if v != 1}"),
            "{'a': 0, 'c': 2}");
}

TEST(EvalTest, ErrorsCarryPythonTypesMessagesAndLines) {
  interp_testing::RunResult r = RunProgram("a = 1\nb = 0\nc = a // b\n");
  EXPECT_EQ(r.error, "ZeroDivisionError: integer division or modulo by zero");
  EXPECT_EQ(r.traceback_line, 3);
  DictClear(r.globals);
  Decref(r.globals);
  EXPECT_EQ(Eval("x = undefined_name"),
            "NameError: name 'undefined_name' is not defined");
  EXPECT_EQ(Eval("def f():\n    print(v)\n    v = 1\nf()"),
            "UnboundLocalError: cannot access local variable 'v' where it is not "
            "associated with a value");
  EXPECT_EQ(Eval("x = [1][5]"), "IndexError: list index out of range");
  EXPECT_EQ(Eval("x = {}['k']"), "KeyError: 'k'");
  EXPECT_EQ(Eval("x = 1 + 'a'"),
            "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
  EXPECT_EQ(Eval("a, b = [1, 2, 3]"),
            "ValueError: too many values to unpack (expected 2)");
}

TEST(EvalTest, DeepRecursionRaisesRecursionError) {
  EXPECT_EQ(Eval("def f(n): return f(n + 1)\nf(0)"),
            "RecursionError: maximum recursion depth exceeded");
  // The interpreter is usable afterwards: the frames were unwound.
  EXPECT_EQ(Eval("def f(n): return 0 if n == 0 else 1 + f(n - 1)\nx = f(900)"),
            "900");
}

TEST(EvalTest, ObjectsAreFreedWhenUnreachable) {
  if (alloc::kAllocatorBypassed) GTEST_SKIP() << "allocator counts off under ASan";
  if (alloc::kUseMimalloc) GTEST_SKIP() << "mimalloc keeps no size-class counts";
  interp_testing::InitOnce();
  // Warm up caches (interned names, code constants) before measuring.
  const char* program =
      "def work(n):\n"
      "    items = [[i, str(i), i * 1.5, {'k': i}] for i in range(n)]\n"
      "    total = 0\n"
      "    for row in items:\n"
      "        total += row[0] + len(row[1]) + int(row[2]) + row[3]['k']\n"
      "    return total\n"
      "x = work(2000) + 2**200 // 3\n";
  Eval(program);
  // Blocks in this thread's cache count as allocated: hand them back first.
  alloc::ReleaseThreadCache();
  alloc::Stats before = alloc::GetStats();
  EXPECT_NE(Eval(program), "<unset>");
  alloc::ReleaseThreadCache();
  alloc::Stats after = alloc::GetStats();
  int64_t live_before = static_cast<int64_t>(before.TotalAllocations()) -
                        static_cast<int64_t>(before.TotalFrees());
  int64_t live_after = static_cast<int64_t>(after.TotalAllocations()) -
                       static_cast<int64_t>(after.TotalFrees());
  // Each run allocates thousands of objects; all but a handful of cached
  // constants must have been returned.
  EXPECT_GT(after.TotalAllocations() - before.TotalAllocations(), 10000u);
  // Code constants (the inner code object among them) are immortal, and
  // builds that make module-level functions, modules and code immortal keep
  // those of each run too: a few dozen blocks, and nothing else.
  EXPECT_LE(live_after - live_before, kImmortalShared ? 48 : 16);
}

}  // namespace
}  // namespace twinpy
