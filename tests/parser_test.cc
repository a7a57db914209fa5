// Parser tests. The strongest checks compare Dump() with CPython's own
// ast.dump() (run through /usr/bin/python3, skipped when absent) and the
// SyntaxError of every case in parser_cases/cpython_errors.inc with the
// values CPython 3.11 reported.
#include "interp/parser.h"

#include <pthread.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "interp/ast.h"
#include "interp/ast_visit.h"

namespace twinpy {
namespace {

// The dump of a module, or "ERR type|msg|line|col".
std::string DumpOf(const std::string& src, bool attrs = false) {
  ParseResult r = Parse(src, "t.py");
  if (r.module) {
    EXPECT_FALSE(r.error.has_value());
    return ast::Dump(*r.module, attrs);
  }
  EXPECT_TRUE(r.error.has_value());
  const SyntaxErrorInfo& e = *r.error;
  return "ERR " + e.type + "|" + e.msg + "|" + std::to_string(e.line) + "|" +
         std::to_string(e.col);
}

// The dump of the single expression statement in `src`.
std::string ExprDump(const std::string& src) {
  ParseResult r = Parse(src, "t.py");
  if (!r.module) return "ERR " + r.error->msg;
  if (r.module->body.size() != 1) return "not one statement";
  const auto* s = ast::As<ast::ExprStmt>(r.module->body[0]);
  if (s == nullptr) return "not an expression statement";
  return ast::Dump(*s->value);
}

// ---------------------------------------------------------------------------
// Precedence and associativity, with literal expectations.

TEST(ParserTest, PowerBindsTighterThanUnaryMinusOnItsLeft) {
  EXPECT_EQ(ExprDump("-2**2"),
            "UnaryOp(op=USub(), operand=BinOp(left=Constant(value=2), "
            "op=Pow(), right=Constant(value=2)))");
  EXPECT_EQ(ExprDump("2**-1"),
            "BinOp(left=Constant(value=2), op=Pow(), "
            "right=UnaryOp(op=USub(), operand=Constant(value=1)))");
  EXPECT_EQ(ExprDump("a**b**c"),
            "BinOp(left=Name(id='a', ctx=Load()), op=Pow(), "
            "right=BinOp(left=Name(id='b', ctx=Load()), op=Pow(), "
            "right=Name(id='c', ctx=Load())))");
}

TEST(ParserTest, BinaryOperatorsAreLeftAssociativeByLevel) {
  EXPECT_EQ(ExprDump("a - b - c"),
            "BinOp(left=BinOp(left=Name(id='a', ctx=Load()), op=Sub(), "
            "right=Name(id='b', ctx=Load())), op=Sub(), right=Name(id='c', "
            "ctx=Load()))");
  EXPECT_EQ(ExprDump("a | b ^ c & d << e + f * g"),
            "BinOp(left=Name(id='a', ctx=Load()), op=BitOr(), "
            "right=BinOp(left=Name(id='b', ctx=Load()), op=BitXor(), "
            "right=BinOp(left=Name(id='c', ctx=Load()), op=BitAnd(), "
            "right=BinOp(left=Name(id='d', ctx=Load()), op=LShift(), "
            "right=BinOp(left=Name(id='e', ctx=Load()), op=Add(), "
            "right=BinOp(left=Name(id='f', ctx=Load()), op=Mult(), "
            "right=Name(id='g', ctx=Load())))))))");
  EXPECT_EQ(ExprDump("a * b // c % d @ e / f"),
            "BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Name(id='"
            "a', ctx=Load()), op=Mult(), right=Name(id='b', ctx=Load())), "
            "op=FloorDiv(), right=Name(id='c', ctx=Load())), op=Mod(), "
            "right=Name(id='d', ctx=Load())), op=MatMult(), right=Name(id='e', "
            "ctx=Load())), op=Div(), right=Name(id='f', ctx=Load()))");
}

TEST(ParserTest, BooleanAndComparisonPrecedence) {
  EXPECT_EQ(ExprDump("not a == b"),
            "UnaryOp(op=Not(), operand=Compare(left=Name(id='a', ctx=Load()), "
            "ops=[Eq()], comparators=[Name(id='b', ctx=Load())]))");
  EXPECT_EQ(ExprDump("a or b and not c"),
            "BoolOp(op=Or(), values=[Name(id='a', ctx=Load()), "
            "BoolOp(op=And(), values=[Name(id='b', ctx=Load()), "
            "UnaryOp(op=Not(), operand=Name(id='c', ctx=Load()))])])");
  EXPECT_EQ(ExprDump("a < b <= c is not d not in e"),
            "Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), LtE(), "
            "IsNot(), NotIn()], comparators=[Name(id='b', ctx=Load()), "
            "Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', "
            "ctx=Load())])");
  EXPECT_EQ(ExprDump("a or b or c"),
            "BoolOp(op=Or(), values=[Name(id='a', ctx=Load()), Name(id='b', "
            "ctx=Load()), Name(id='c', ctx=Load())])");
}

TEST(ParserTest, ConditionalAndLambda) {
  EXPECT_EQ(ExprDump("a if b else c if d else e"),
            "IfExp(test=Name(id='b', ctx=Load()), body=Name(id='a', "
            "ctx=Load()), orelse=IfExp(test=Name(id='d', ctx=Load()), "
            "body=Name(id='c', ctx=Load()), orelse=Name(id='e', ctx=Load())))");
  EXPECT_EQ(ExprDump("lambda: x if y else z"),
            "Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], "
            "kw_defaults=[], defaults=[]), body=IfExp(test=Name(id='y', "
            "ctx=Load()), body=Name(id='x', ctx=Load()), orelse=Name(id='z', "
            "ctx=Load())))");
}

TEST(ParserTest, Constants) {
  EXPECT_EQ(ExprDump("0xff"), "Constant(value=255)");
  EXPECT_EQ(ExprDump("0x_FFFF_FFFF_FFFF_FFFF_FFFF"),
            "Constant(value=1208925819614629174706175)");
  EXPECT_EQ(ExprDump("1_000.5e-3"), "Constant(value=1.0005)");
  EXPECT_EQ(ExprDump("1e16"), "Constant(value=1e+16)");
  EXPECT_EQ(ExprDump("1e400"), "Constant(value=inf)");
  EXPECT_EQ(ExprDump("2.5j"), "Constant(value=2.5j)");
  EXPECT_EQ(ExprDump("'a' \"b\" '''c'''"), "Constant(value='abc')");
  EXPECT_EQ(ExprDump("u'x'"), "Constant(value='x', kind='u')");
  EXPECT_EQ(ExprDump("b'\\x00\\xff' rb'\\n'"),
            "Constant(value=b'\\x00\\xff\\\\n')");
  EXPECT_EQ(ExprDump("'\\u00e9\\d' '\\101'"), "Constant(value='é\\\\dA')");
  EXPECT_EQ(ExprDump("'\\N'"),
            "ERR (unicode error) 'unicodeescape' codec can't decode bytes in "
            "position 0-1: malformed \\N character escape");
  EXPECT_EQ(ExprDump("..."), "Constant(value=Ellipsis)");
  EXPECT_EQ(ExprDump("None"), "Constant(value=None)");

  ParseResult r = Parse("x = 0o_17\ny = 12_345\nz = 0b101\nw = 0.25\n", "t.py");
  ASSERT_TRUE(r.module);
  auto value = [&](int i) {
    return static_cast<const ast::Constant*>(
        ast::As<ast::Assign>(r.module->body[i])->value.get());
  };
  EXPECT_EQ(value(0)->value_kind, ast::ConstantKind::Int);
  EXPECT_EQ(value(0)->int_digits, "17");
  EXPECT_EQ(value(0)->int_base, 8);
  EXPECT_EQ(value(1)->int_digits, "12345");
  EXPECT_EQ(value(1)->int_base, 10);
  EXPECT_EQ(value(2)->int_digits, "101");
  EXPECT_EQ(value(2)->int_base, 2);
  EXPECT_EQ(value(3)->value_kind, ast::ConstantKind::Float);
  EXPECT_DOUBLE_EQ(value(3)->float_value, 0.25);
}

TEST(ParserTest, FStrings) {
  EXPECT_EQ(ExprDump("f'a{x!r:>{w}}b{{c}}' 'd'"),
            "JoinedStr(values=[Constant(value='a'), "
            "FormattedValue(value=Name(id='x', ctx=Load()), conversion=114, "
            "format_spec=JoinedStr(values=[Constant(value='>'), "
            "FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)])), "
            "Constant(value='b{c}d')])");
  EXPECT_EQ(ExprDump("f'{x = }'"),
            "JoinedStr(values=[Constant(value='x = '), "
            "FormattedValue(value=Name(id='x', ctx=Load()), conversion=114)])");
  EXPECT_EQ(ExprDump("f''"), "JoinedStr(values=[])");
  // Positions inside a field point into the file.
  ParseResult r = Parse("s = f'ab{c + 1}'\n", "t.py");
  ASSERT_TRUE(r.module);
  const auto* js =
      ast::As<ast::JoinedStr>(ast::As<ast::Assign>(r.module->body[0])->value);
  ASSERT_NE(js, nullptr);
  const auto* fv = ast::As<ast::FormattedValue>(js->values[1]);
  ASSERT_NE(fv, nullptr);
  EXPECT_EQ(fv->value->col, 9);
  EXPECT_EQ(fv->value->end_col, 14);
}

TEST(ParserTest, ContextsAndFlags) {
  ParseResult r = Parse("(a, [b, *c]) = d\ndel e.f, g[0]\nh = (i)\n", "t.py");
  ASSERT_TRUE(r.module);
  const auto* assign = ast::As<ast::Assign>(r.module->body[0]);
  const auto* tuple = ast::As<ast::Tuple>(assign->targets[0]);
  ASSERT_NE(tuple, nullptr);
  EXPECT_EQ(tuple->ctx, ast::ExprContext::Store);
  EXPECT_TRUE(tuple->parenthesized);
  const auto* list = ast::As<ast::List>(tuple->elts[1]);
  EXPECT_EQ(ast::As<ast::Starred>(list->elts[1])->ctx, ast::ExprContext::Store);
  EXPECT_EQ(
      ast::As<ast::Name>(ast::As<ast::Starred>(list->elts[1])->value)->ctx,
      ast::ExprContext::Store);
  const auto* del = ast::As<ast::Delete>(r.module->body[1]);
  ASSERT_EQ(del->targets.size(), 2u);
  EXPECT_EQ(ast::As<ast::Attribute>(del->targets[0])->ctx,
            ast::ExprContext::Del);
  EXPECT_EQ(ast::As<ast::Subscript>(del->targets[1])->ctx,
            ast::ExprContext::Del);
  EXPECT_TRUE(ast::As<ast::Assign>(r.module->body[2])->value->parenthesized);
  EXPECT_EQ(ast::As<ast::Assign>(r.module->body[2])->value->height, 1);
  EXPECT_EQ(assign->height, 5);  // Assign > Tuple > List > Starred > Name
}

TEST(ParserTest, Arguments) {
  ParseResult r =
      Parse("@dec\ndef f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int: pass\n",
            "t.py");
  ASSERT_TRUE(r.module);
  const auto* f = ast::As<ast::FunctionDef>(r.module->body[0]);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->line, 2);  // the `def` line, as CPython
  EXPECT_EQ(f->decorator_list.size(), 1u);
  EXPECT_EQ(f->args.posonlyargs.size(), 2u);
  EXPECT_EQ(f->args.args.size(), 1u);
  EXPECT_EQ(f->args.defaults.size(), 2u);
  ASSERT_TRUE(f->args.vararg);
  EXPECT_EQ(f->args.vararg->arg, "args");
  EXPECT_EQ(f->args.kwonlyargs.size(), 2u);
  ASSERT_EQ(f->args.kw_defaults.size(), 2u);
  EXPECT_EQ(f->args.kw_defaults[0], nullptr);
  EXPECT_NE(f->args.kw_defaults[1], nullptr);
  ASSERT_TRUE(f->args.kwarg);
  EXPECT_EQ(f->args.kwarg->arg, "kw");
  EXPECT_NE(f->returns, nullptr);
}

TEST(ParserTest, ParseExpressionEntryPoint) {
  ExprParseResult r = ParseExpression("1 + 2\n\n", "<eval>");
  ASSERT_TRUE(r.expr);
  EXPECT_EQ(ast::Dump(*r.expr),
            "BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2))");
  r = ParseExpression("x = 1", "<eval>");
  EXPECT_FALSE(r.expr);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->msg, "invalid syntax");
}

// ---------------------------------------------------------------------------
// Errors: a table of CPython 3.11's answers.

struct ErrorCase {
  const char* src;
  const char* type;
  const char* msg;
  int line;
  int col;
};

const ErrorCase kCPythonErrors[] = {
#include "tests/parser_cases/cpython_errors.inc"
};

TEST(ParserTest, ErrorsMatchCPython) {
  int failures = 0;
  for (const ErrorCase& c : kCPythonErrors) {
    ParseResult r = Parse(c.src, "f.py");
    if (!r.error) {
      ADD_FAILURE() << "no error for: " << c.src;
      ++failures;
      continue;
    }
    const SyntaxErrorInfo& e = *r.error;
    EXPECT_EQ(e.type, c.type) << c.src;
    EXPECT_EQ(e.msg, c.msg) << c.src;
    EXPECT_EQ(e.line, c.line) << c.src;
    EXPECT_EQ(e.col, c.col) << c.src;
  }
  EXPECT_GT(sizeof kCPythonErrors / sizeof kCPythonErrors[0], 250u);
}

TEST(ParserTest, ErrorCarriesSourceLine) {
  ParseResult r = Parse("x = 1\nif x\n  pass\n", "f.py");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->msg, "expected ':'");
  EXPECT_EQ(r.error->line, 2);
  EXPECT_EQ(r.error->col, 5);
  EXPECT_EQ(r.error->text, "if x");
}

// ---------------------------------------------------------------------------
// Oracle: CPython's ast.dump for the same source.

// Every statement and expression kind, and the forms the grammar allows.
const char* const kValidSnippets[] = {
    "x = 1",
    "a = b = c = d",
    "a, b = b, a",
    "[a, *b] = c",
    "(a) = 1",
    "x.y[0], z = 1, 2",
    "x += 1\ny -= 2\nz *= 3\nw @= 4\nv /= 5\nu //= 6\nt %= 7\ns **= 8\n"
    "r >>= 9\nq <<= 10\np &= 11\no |= 12\nn ^= 13",
    "x: int",
    "x: int = 5",
    "(x): int = 5",
    "x.y: List[int] = []",
    "x[0]: int",
    "del a, b[0], c.d",
    "del (a, b)",
    "del [a]",
    "pass; pass;",
    "if a:\n    pass\nelif b:\n    pass\nelif c: pass\nelse:\n    x = 1",
    "if a: b = 1; c = 2",
    "while x:\n    break\nelse:\n    continue",
    "for i in range(10):\n    print(i)\nelse:\n    pass",
    "for a, (b, *c) in d: pass",
    "for x, in y: pass",
    "for x in 1, 2, *z: pass",
    "with a: pass",
    "with a as b, c as (d, e): pass",
    "with (a as b, c): pass",
    "with (a, b): pass",
    "with (a, b) as c: pass",
    "with (yield): pass",
    "try:\n    pass\nexcept E as e:\n    pass\nexcept (A, B):\n    pass\n"
    "except:\n    raise\nelse:\n    pass\nfinally:\n    pass",
    "try:\n    pass\nfinally:\n    pass",
    "raise E from F",
    "raise E(1)",
    "assert x, 'message'",
    "assert (x, y)",
    "import a, b.c as d, e.f.g",
    "from . import x",
    "from .. import (x as y, z,)",
    "from ...a.b import *",
    "from a import b as c, d",
    "global a, b\nnonlocal c",
    "def f(): return",
    "def f(a, /, b, *, c): return a, b",
    "def f(a=1, *args, b, c=2, **kwargs): pass",
    "def f(*, a=1): pass",
    "def f(a: int, *b: str, c: 'x' = 3, **d: float) -> None: pass",
    "@a\n@b.c(1)\n@(lambda f: f)\n@x[0] or y\ndef f(): pass",
    "class C: pass",
    "class C(B, metaclass=M, *bases, **kw):\n    x = 1\n    def m(self): pass",
    "@dataclass\nclass C(object): pass",
    "def g():\n    yield\n    yield x\n    yield x, y\n    yield from z\n"
    "    a = yield\n    b = yield 1, 2\n    await_ = (yield)",
    "lambda: 0",
    "lambda x, y=1, *a, z, w=2, **k: x",
    "lambda *, a: a",
    "lambda a, /, b: a",
    "x = a if b else c",
    "x = a or b and c",
    "x = not not a",
    "x = -+~a",
    "x = a < b > c == d != e <= f >= g is h is not i in j not in k",
    "x = (a := 1)",
    "if (n := len(a)) > 10: pass",
    "while chunk := f.read(): pass",
    "[y := f(x), y**2]",
    "f(a, *b, c=1, **d, e=2)",
    "f(*a, *b, **c, **d)",
    "f(x for x in y)",
    "f((x for x in y), z)",
    "f(a)(b)(c)",
    "f(a,)",
    "f(a := 1)",
    "x = a.b.c",
    "x = a[1]",
    "x = a[1:2]",
    "x = a[::2]",
    "x = a[:]",
    "x = a[1:2, ::3, ...]",
    "x = a[1,]",
    "x = a[*b]",
    "x = a[b:=1]",
    "x = a[lambda: 1:2]",
    "x = [1, 2, *a]",
    "x = []",
    "x = ()",
    "x = (1,)",
    "x = 1,",
    "x = {}",
    "x = {1: 2, **a, 3: 4}",
    "x = {1, 2, *a}",
    "x = [i for i in range(10) if i if i > 2 for j in i]",
    "x = {i for i in a}",
    "x = {k: v for k, v in a.items()}",
    "x = (i for i in a)",
    "x = [(i, j) for i in a for j in b if i != j]",
    "x = [*a, *b]",
    "x = 'a' 'b'",
    "x = 'a' f'b{c}' 'd'",
    "x = f'{a}{b!s}{c!a:{d}.{e}}'",
    "x = f'{a:>10}' f\"{b:{c}}\"",
    "x = f'''{\na\n}'''",
    "x = f'{x=!r:^20}'",
    "x = f'{\"nested\"}'",
    "x = f'{f\"{x}\"}'",
    "x = f'{a, b}'",
    "x = f'{(yield)}'",
    "x = f'{x!r}' rf'\\d{y}'",
    "x = b'abc' b'def'",
    "x = r'\\n' '\\n'",
    "x = '\\x41\\101\\u0041\\U00000041\\\\'",
    "x = '''multi\nline''' + \"\"\"another\nstring\"\"\"",
    "x = 1_000_000 + 0x_f + 0o7 + 0b1 + 1.5 + .5 + 5. + 1e-3 + 1j + 1.5J",
    "x = 10**100",
    "x = 0.1 + 1e16 + 1e-5 + 123456789.0 + 1e22 + 0.0001",
    "x = 'é' + '\\xe9\\u20ac\\U0001F600'",
    "x = '\\a\\b\\f\\n\\r\\t\\v\\0' + b'\\t\\x7f\\x80'",
    "x = \"it's\" + 'say \"hi\"' + '\\'\"'",
    "x = ...",
    "x = None, True, False",
    "x = -1 ** 2",
    "x = a @ b",
    "x = not a in b",
    "print(*args, sep='')",
    "x = (1 +\n     2)",
    "x = [\n    1,\n    2,\n]",
    "if x:\n    if y:\n        pass\n    else:\n        pass",
    "def f():\n    def g():\n        nonlocal x\n        global y\n    return "
    "g",
    "é = 1\nnaïve = é",
    "x = 1 if True else 2\n# comment\n\n\ny = 2  # trailing",
    "class A:\n    '''doc'''\n\n    def f(self):\n        return self.x\n",
    "x = 1; y = 2\nz = 3",
    "a = b if c else (lambda: d)",
    "x = y = yield_ = 1",
    "x = (\n    a\n    for a in b\n)",
    "x[a:b, c:d] = e",
    "x = a if b else c, d",
    "*a, b = c",
    "x = *a, *b",
    "return_value = (yield) if x else None",
    "for x in y:\n    if x: continue\n    break",
    "x = [1][0]\ny = (1,)[0]\nz = {1: 2}[1]",
    "x = a.b(c).d[e](f)",
    "x = 1 if a else 2 if b else 3",
    "x = lambda: (yield)",
    "x = {**a}",
    "x = {**a, **b}",
    "x = f(**{'a': 1})",
    "def f(a, b, /): pass",
    "def f(a, b=2, /, c=3): pass",
    "def f(a, *, b): pass",
    "x = a < b < c",
    "x = (a for b in c for d in e if f)",
    "assert x",
    "raise",
    "x = 'abc'[1:]",
    "if x:\n\tpass\nelse:\n\tpass",
    "x = \\\n  1",
    "x = u'a' 'b'",
    "x = U'a'",
    "x = (1, 2), (3, 4)",
    "x = a.b.c.d.e",
};

bool HavePython() { return std::ifstream("/usr/bin/python3").good(); }

// Runs /usr/bin/python3 on `sources` and returns, per source, CPython's
// ast.dump (with positions when attrs) or "ERR ...".
std::vector<std::string> CPythonDumps(const std::vector<std::string>& sources,
                                      bool attrs) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = tmp ? tmp : "/tmp";
  std::string in_path = dir + "/parser_oracle_in.txt";
  std::string script_path = dir + "/parser_oracle.py";
  {
    std::ofstream in(in_path, std::ios::binary);
    for (size_t i = 0; i < sources.size(); ++i) {
      if (i) in << "\x1e";  // record separator
      in << sources[i];
    }
    std::ofstream script(script_path);
    script
        << "import ast, sys\n"
           "data = open(sys.argv[1], encoding='utf-8').read().split('\\x1e')\n"
           "for src in data:\n"
           "    try:\n"
           "        print(ast.dump(ast.parse(src), include_attributes="
        << (attrs ? "True" : "False")
        << "))\n"
           "    except SyntaxError as e:\n"
           "        print('ERR %s|%s|%s|%s' % (type(e).__name__, e.msg, "
           "e.lineno, e.offset))\n";
  }
  std::string cmd = "/usr/bin/python3 " + script_path + " " + in_path;
  FILE* p = popen(cmd.c_str(), "r");
  std::vector<std::string> out;
  if (p == nullptr) return out;
  std::string line;
  int ch;
  while ((ch = fgetc(p)) != EOF) {
    if (ch == '\n') {
      out.push_back(line);
      line.clear();
    } else {
      line.push_back(static_cast<char>(ch));
    }
  }
  pclose(p);
  return out;
}

TEST(ParserOracleTest, DumpsMatchCPython) {
  if (!HavePython()) GTEST_SKIP() << "no /usr/bin/python3";
  std::vector<std::string> sources(std::begin(kValidSnippets),
                                   std::end(kValidSnippets));
  for (bool attrs : {false, true}) {
    std::vector<std::string> expected = CPythonDumps(sources, attrs);
    ASSERT_EQ(expected.size(), sources.size());
    for (size_t i = 0; i < sources.size(); ++i) {
      EXPECT_EQ(DumpOf(sources[i], attrs), expected[i])
          << "source: " << sources[i];
    }
  }
}

TEST(ParserOracleTest, ErrorTableStillMatchesCPython) {
  // Guards the literal table itself against drift.
  if (!HavePython()) GTEST_SKIP() << "no /usr/bin/python3";
  std::vector<std::string> sources;
  for (const ErrorCase& c : kCPythonErrors) sources.push_back(c.src);
  std::vector<std::string> expected = CPythonDumps(sources, false);
  ASSERT_EQ(expected.size(), sources.size());
  for (size_t i = 0; i < sources.size(); ++i) {
    const ErrorCase& c = kCPythonErrors[i];
    std::string want = std::string("ERR ") + c.type + "|" + c.msg + "|" +
                       std::to_string(c.line) + "|" + std::to_string(c.col);
    EXPECT_EQ(expected[i], want) << sources[i];
  }
}

// Every module of CPython's standard library that stays within twinpy's
// subset parses to exactly CPython's tree, positions included.
TEST(ParserOracleTest, StandardLibraryMatchesCPython) {
  if (!HavePython() || !std::ifstream("/usr/lib/python3.11/ast.py").good()) {
    GTEST_SKIP() << "no CPython 3.11 standard library";
  }
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = tmp ? tmp : "/tmp";
  std::string script_path = dir + "/stdlib_oracle.py";
  {
    std::ofstream script(script_path);
    script << R"PY(import ast, glob, sys
skip = (ast.AsyncFunctionDef, ast.AsyncFor, ast.AsyncWith, ast.Await,
        ast.Match, ast.TryStar)
for path in sorted(glob.glob('/usr/lib/python3.11/*.py')):
    try:
        src = open(path, encoding='utf-8').read()
        tree = ast.parse(src)
    except Exception:
        continue
    if any(isinstance(n, skip) for n in ast.walk(tree)):
        continue
    print(path)
    print(ast.dump(tree, include_attributes=True))
)PY";
  }
  std::string cmd = "/usr/bin/python3 " + script_path;
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::vector<std::string> lines;
  std::string line;
  int ch;
  while ((ch = fgetc(p)) != EOF) {
    if (ch == '\n') {
      lines.push_back(std::move(line));
      line.clear();
    } else {
      line.push_back(static_cast<char>(ch));
    }
  }
  pclose(p);
  ASSERT_GT(lines.size(), 200u);
  int compared = 0;
  for (size_t i = 0; i + 1 < lines.size(); i += 2) {
    std::ifstream f(lines[i], std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    ParseResult r = Parse(ss.str(), lines[i]);
    ASSERT_TRUE(r.module) << lines[i] << ": " << r.error->msg << " line "
                          << r.error->line;
    EXPECT_TRUE(ast::Dump(*r.module, true) == lines[i + 1]) << lines[i];
    ++compared;
  }
  EXPECT_GT(compared, 100);
}

// ---------------------------------------------------------------------------
// Robustness: no input may crash, hang or exhaust the stack.

// Runs fn on a thread with a small stack (1 MB, enough for the parser at
// CPython's nesting limits; more under ASan, whose
// frames are larger), so that unbounded recursion would crash the test
// instead of passing by luck on an 8 MB main stack.
template <typename F>
void RunWithSmallStack(F fn) {
#if defined(__SANITIZE_ADDRESS__)
  const size_t kStack = 8u << 20;  // ASan frames are several times larger
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  const size_t kStack = 8u << 20;
#else
  const size_t kStack = 1u << 20;
#endif
#else
  const size_t kStack = 1u << 20;
#endif
  struct Box {
    F* fn;
  } box{&fn};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kStack);
  pthread_t thread;
  ASSERT_EQ(pthread_create(
                &thread, &attr,
                [](void* arg) -> void* {
                  (*static_cast<Box*>(arg)->fn)();
                  return nullptr;
                },
                &box),
            0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

void ExpectModuleOrError(const std::string& src) {
  ParseResult r = Parse(src, "fuzz.py");
  EXPECT_NE(r.module != nullptr, r.error.has_value());
  if (r.error) {
    EXPECT_FALSE(r.error->msg.empty());
    EXPECT_FALSE(r.error->type.empty());
  }
}

TEST(ParserRobustnessTest, DeepNesting) {
  struct Deep {
    std::string src;
    bool ok;  // parses (true) or is a SyntaxError (false)
  };
  std::vector<Deep> cases = {
      {Repeat("(", 200) + Repeat(")", 200), true},
      {Repeat("(", 201) + Repeat(")", 201), false},
      {Repeat("[", 199) + Repeat("]", 199), true},
      {Repeat("(-", 199) + "1" + Repeat(")", 199), true},
      {Repeat("(lambda: ", 100) + "x" + Repeat(")", 100), true},
      {Repeat("[(f(", 66) + "x" + Repeat("))]", 66), true},
      {Repeat("-", 900) + "1", true},
      {Repeat("-", 100000) + "1", false},
      {Repeat("not ", 100000) + "x", false},
      {Repeat("lambda: ", 100000) + "x", false},
      {Repeat("a if b else ", 100000) + "c", false},
      {Repeat("2**", 100000) + "2", false},
      {Repeat("1+", 900) + "1", true},
      {Repeat("1+", 100000) + "1", false},
      {"a" + Repeat(".b", 100000), false},
      {"f" + Repeat("()", 100000), false},
      {"a" + Repeat("[0]", 100000), false},
      {Repeat("x = ", 100000) + "1", true},
      {Repeat("x, ", 100000) + "x", true},
      {Repeat("x < ", 100000) + "x", true},
      {"if x: pass\n" + Repeat("elif x: pass\n", 100000), false},
      {"f'{" + Repeat("(", 150) + "x" + Repeat(")", 150) + "}'", true},
      {"f'{" + Repeat("(", 250) + "x" + Repeat(")", 250) + "}'", false},
      {"f'''{f\"{f'{1}'}\"}'''", true},
  };
  std::string nested_if;
  for (int i = 0; i < 10000; ++i) nested_if += std::string(i, ' ') + "if x:\n";
  cases.push_back({nested_if + std::string(10000, ' ') + "pass\n", false});
  std::string ok_if;
  for (int i = 0; i < 90; ++i) ok_if += std::string(i, ' ') + "if x:\n";
  cases.push_back({ok_if + std::string(90, ' ') + "pass\n", true});
  for (const Deep& d : cases) {
    RunWithSmallStack([&] {
      ParseResult r = Parse(d.src, "deep.py");
      EXPECT_EQ(r.module != nullptr, d.ok) << d.src.substr(0, 60);
      if (r.module) {
        EXPECT_FALSE(ast::Dump(*r.module).empty());
      }
    });
  }
}

TEST(ParserRobustnessTest, RandomBytes) {
  std::mt19937 rng(12345);
  const std::string alphabet =
      "abcxyz_019 \t\n\n\n()[]{}:;,.=+-*/%@<>!&|^~'\"\\#$?`fbru\x80\xc3\xa9";
  for (int i = 0; i < 3000; ++i) {
    size_t len = rng() % 120;
    std::string s;
    for (size_t k = 0; k < len; ++k) {
      if (rng() % 8 == 0) {
        s.push_back(static_cast<char>(rng() % 256));
      } else {
        s.push_back(alphabet[rng() % alphabet.size()]);
      }
    }
    ExpectModuleOrError(s);
  }
}

TEST(ParserRobustnessTest, MutatedPrograms) {
  std::mt19937 rng(777);
  std::vector<std::string> corpus(std::begin(kValidSnippets),
                                  std::end(kValidSnippets));
  const char* inserts[] = {
      "(",    ")",     "[",      "]",      "{",  "}",   ":",     ",",
      "=",    "==",    ".",      "*",      "**", "if",  "else",  "for",
      "in",   "not",   "lambda", "x",      "1",  "'s'", "yield", "\n",
      "    ", "\\",    "#",      "f'{x}'", ":=", "->",  "@",     ";",
      "def",  "class", "\t",     "'''",    "f'", "{{",  "!r"};
  for (int i = 0; i < 4000; ++i) {
    std::string s = corpus[rng() % corpus.size()];
    int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
      switch (rng() % 4) {
        case 0:
          s.insert(pos, inserts[rng() % (sizeof inserts / sizeof *inserts)]);
          break;
        case 1:
          if (pos < s.size()) s.erase(pos, 1 + rng() % 3);
          break;
        case 2:
          if (pos < s.size()) s.insert(pos, s.substr(pos, rng() % 8));
          break;
        default:
          if (pos < s.size()) s[pos] = static_cast<char>(rng() % 128);
          break;
      }
    }
    ExpectModuleOrError(s);
  }
}

// ---------------------------------------------------------------------------
// Speed: a 10,000-line file parses in milliseconds.

TEST(ParserPerformanceTest, TenThousandLines) {
  std::string src;
  for (int i = 0; src.size() < 400000; ++i) {
    src += "def f" + std::to_string(i) + "(a, b=2, *args, **kw):\n";
    src += "    x = [i * 2 for i in range(a) if i % 3 == 0]\n";
    src += "    if x and b > 1:\n";
    src += "        return {'k': x, 'n': len(x)}, f'{a!r:>10}'\n";
    src += "    for k, v in kw.items():\n";
    src += "        print(k, v, sep=', ')\n";
    src += "    return a.b.c(d)[1:2] ** -1\n";
  }
  int lines = 0;
  for (char c : src) lines += c == '\n';
  ASSERT_GE(lines, 10000);
  auto start = std::chrono::steady_clock::now();
  ParseResult r = Parse(src, "big.py");
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - start)
                .count();
  ASSERT_TRUE(r.module);
  EXPECT_LT(ms, 1000) << "parsing " << lines << " lines took " << ms << " ms";
  std::printf("parsed %d lines in %lld ms\n", lines,
              static_cast<long long>(ms));
}

}  // namespace
}  // namespace twinpy
