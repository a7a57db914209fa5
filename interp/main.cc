// twinpy-<variant>: the command line, modelled on CPython's.
//
//   twinpy-gil [-u] [-V] [-h] (-c CODE | FILE | -) [ARG ...]
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "interp/compiler.h"
#include "interp/disassemble.h"
#include "interp/stack_dump.h"
#include "interp/eval.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/gil.h"
#include "runtime/out_of_memory.h"
#include "runtime/qsbr.h"
#include "runtime/signals.h"
#include "runtime/stats.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/thread_state.h"
#include "runtime/tuple.h"
#include "runtime/variant.h"

namespace twinpy {
namespace {

std::string program_name = "twinpy";

void PrintUsage(FILE* out) {
  fprintf(out,
          "usage: %s [option] ... [-c cmd | file | -] [arg] ...\n", program_name.c_str());
}

void PrintHelp() {
  PrintUsage(stdout);
  printf(
      "Options:\n"
      "-c cmd : program passed in as string (terminates option list)\n"
      "-h     : print this help message and exit (also --help)\n"
      "-u     : unbuffered stdout and stderr\n"
      "--dis  : print the bytecode instead of running the program\n"
      "-V     : print the twinpy version and build variant and exit (also "
      "--version)\n"
      "file   : program read from script file\n"
      "-      : program read from stdin (default)\n"
      "arg ...: arguments passed to program in sys.argv[1:]\n"
      "Ignored for compatibility with CPython: -B -E -O -s -S\n");
}

int UsageError(const std::string& message) {
  fprintf(stderr, "%s\n", message.c_str());
  PrintUsage(stderr);
  fprintf(stderr, "Try `%s -h' for more information.\n", program_name.c_str());
  return 2;
}

// Whether source line `line` (1-based) ends with a newline: CPython's
// SyntaxError.text keeps it, and its length bounds the caret run.
bool LineHasNewline(const std::string& source, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    start = source.find('\n', start);
    if (start == std::string::npos) return false;
    ++start;
  }
  return source.find('\n', start) != std::string::npos;
}

// Whether only blanks and comments follow 1-based (line, col) in source.
bool OnlyCommentsAfter(const std::string& source, int line, int col) {
  size_t at = 0;
  for (int i = 1; i < line && at != std::string::npos; ++i) {
    at = source.find('\n', at);
    if (at != std::string::npos) ++at;
  }
  if (at == std::string::npos) return true;
  at = std::min(source.size(), at + static_cast<size_t>(std::max(0, col - 1)));
  while (at < source.size()) {
    char c = source[at];
    if (c == '#') {
      at = source.find('\n', at);
      if (at == std::string::npos) break;
    } else if (c != ' ' && c != '\t' && c != '\f' && c != '\n' && c != '\r') {
      return false;
    }
    ++at;
  }
  return true;
}

// CPython reads a script file line by line: a missing indented block at the
// end of the file is reported on the last line read, without a caret
// (unlike `-c`, which parses a string).
void LocateAtEndOfFile(SyntaxErrorInfo* e, const std::string& source) {
  if (e->type != "IndentationError" ||
      e->msg.compare(0, 26, "expected an indented block") != 0 ||
      !OnlyCommentsAfter(source, e->line, e->col)) {
    return;
  }
  int lines = static_cast<int>(std::count(source.begin(), source.end(), '\n'));
  if (!source.empty() && source.back() != '\n') ++lines;
  size_t start = 0;
  for (int i = 1; i < lines; ++i) start = source.find('\n', start) + 1;
  size_t end = source.find('\n', start);
  e->line = std::max(1, lines);
  e->col = 0;
  e->end_line = 0;
  e->end_col = 0;
  e->text = source.substr(start, end == std::string::npos ? end : end - start);
}

// CPython 3.11's report of a syntax error (pythonrun.c print_exception and
// print_error_text): location, the stripped line, and a caret run unless the
// offset points left of the stripped text. Offsets are 1-based characters.
void PrintSyntaxError(const SyntaxErrorInfo& e, const std::string& filename,
                      const std::string& source) {
  std::string out;
  if (e.located) {
    out = StrCat("  File \"", filename, "\", line ", e.line, "\n");
    std::string text = e.text;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
      text.pop_back();
    }
    int line_size = static_cast<int>(text.size()) +
                    (LineHasNewline(source, e.line) ? 1 : 0);
    int offset = e.col;
    int end_offset = e.end_col;
    // Only SyntaxError itself carries an end; its subclasses show one caret.
    if (e.type != "SyntaxError") end_offset = -1;
    else if (e.end_line > e.line) end_offset = line_size;
    if (end_offset > line_size + 1) end_offset = line_size + 1;
    int carets = end_offset > 0 && end_offset > offset ? end_offset - offset : 1;
    --offset;
    size_t strip = 0;
    while (strip < text.size() &&
           (text[strip] == ' ' || text[strip] == '\t' || text[strip] == '\f')) {
      ++strip;
      --offset;
    }
    std::string shown = text.substr(strip);
    int len = static_cast<int>(shown.size());
    if (offset > len) offset = len;
    out += "    " + shown + "\n";
    if (offset >= 0) {
      out += "    " + std::string(offset, ' ') + std::string(carets, '^') + "\n";
    }
  }
  out += e.msg.empty() ? StrCat(e.type, "\n") : StrCat(e.type, ": ", e.msg, "\n");
  fflush(stdout);
  fputs(out.c_str(), stderr);
}

// CPython ends by SIGINT after an uncaught KeyboardInterrupt.
bool unhandled_keyboard_interrupt = false;

// The exit status for an uncaught exception, printing it unless it is a
// SystemExit with an integer code.
int HandleUncaught(Object* exc) {
  fflush(stdout);
  if (IsSubtype(exc->type, &SystemExitType)) {
    auto* e = static_cast<ExceptionObject*>(exc);
    Object* code = e->args->size == 0 ? None()
                   : e->args->size == 1 ? e->args->items[0]
                                        : static_cast<Object*>(e->args);
    if (code == None()) return 0;
    if (IsInt(code)) {
      int64_t v = 0;
      if (!IntToInt64(code, &v)) v = -1;
      return static_cast<int>(v & 0xff);
    }
    std::string text;
    if (!StrString(code, &text)) ClearError();
    fprintf(stderr, "%s\n", text.c_str());
    return 1;
  }
  if (IsSubtype(exc->type, &KeyboardInterruptType)) unhandled_keyboard_interrupt = true;
  ReleaseMemoryReserve();
  try {
    std::string report = FormatException(exc);
    fputs(report.c_str(), stderr);
  } catch (const std::bad_alloc&) {
    // No memory left even to format the report: its last line, at least.
    fputs(TypeName(exc), stderr);
    fputs("\n", stderr);
  }
  return 1;
}

bool disassemble_only = false;

int RunSource(const std::string& source, const std::string& filename,
              bool from_file) {
  CompileResult compiled = CompileSource(source, filename);
  if (compiled.error) {
    if (from_file) LocateAtEndOfFile(&*compiled.error, source);
    PrintSyntaxError(*compiled.error, filename, source);
    return 1;
  }
  if (disassemble_only) {
    fputs(Disassemble(compiled.code).c_str(), stdout);
    return 0;
  }
  ModuleObject* main_module = NewModule("__main__");
  DictObject* globals = main_module->dict;
  DictSetItem(GetInterpreter().modules, InternStr("__main__"), main_module);
  DictSetStr(globals, "__file__", NewStr(filename));
  DictSetStr(globals, "__builtins__", NewRef(GetInterpreter().builtins));
  Object* result;
  try {
    result = EvalModuleCode(compiled.code, globals);
  } catch (const std::bad_alloc&) {
    // A C++ allocation failed outside any native call boundary: the frames
    // it unwound are gone, so there is no traceback to show.
    AbandonFrames(CurrentThread());
    fflush(stdout);
    fputs("MemoryError\n", stderr);
    return 1;
  }
  int status = 0;
  if (result == nullptr) {
    Object* exc = FetchError();
    status = HandleUncaught(exc);
    Decref(exc);
  } else {
    Decref(result);
  }
  fflush(stdout);
  fflush(stderr);
  return status;
}

// Waits for non-daemon threads as CPython does (threading._shutdown), and
// prints the runtime's contention counters when TWINPY_STATS=1.
int Shutdown(int status) {
  // Daemon threads may still be importing: read sys.modules under its lock.
  Object* threading = DictGetStrRef(GetInterpreter().modules, InternStr("threading"));
  if (threading != nullptr) {
    Object* r = CallMethod(threading, "_shutdown", nullptr, 0);
    Decref(threading);
    if (r == nullptr) {
      Object* exc = FetchError();
      int s = HandleUncaught(exc);
      Decref(exc);
      if (status == 0) status = s;
    } else {
      Decref(r);
    }
  }
  // What the threads unlinked from lists and dicts and is still held back
  // (qsbr.h) is released now, finalizers included, as CPython would have
  // at once.
  if (ThreadState* ts = CurrentThread()) QsbrQuiescent(ts);
  const char* stats = getenv("TWINPY_STATS");
  if (stats != nullptr && std::string(stats) == "1") {
    fflush(stdout);
    fprintf(stderr, "%s\n", RuntimeStatsJson().c_str());
  }
  return status;
}

// CPython 3.11 names the main script by cwd + "/" + path, without
// normalising "." or "..", in tracebacks and __file__ (argv[0] stays).
std::string AbsolutePath(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  std::vector<char> buffer(4096);
  while (getcwd(buffer.data(), buffer.size()) == nullptr) {
    if (errno != ERANGE) return path;
    buffer.resize(buffer.size() * 2);
  }
  return StrCat(buffer.data(), "/", path);
}

bool ReadAll(std::istream& in, std::string* out) {
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return !in.bad();
}

int Main(int argc, char** argv) {
  std::string arg0 = argv[0];
  size_t slash = arg0.rfind('/');
  program_name = slash == std::string::npos ? arg0 : arg0.substr(slash + 1);

  std::string command;
  bool have_command = false;
  int i = 1;
  for (; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--version" || a == "-V") {
      printf("twinpy %s (%s)\n", kVersion, kVariantName);
      return 0;
    }
    if (a == "-h" || a == "--help" || a == "-?") {
      PrintHelp();
      return 0;
    }
    if (a == "-c") {
      if (i + 1 >= argc) return UsageError("Argument expected for the -c option");
      command = argv[++i];
      have_command = true;
      ++i;
      break;
    }
    if (a.size() > 2 && a.compare(0, 2, "-c") == 0) {
      command = a.substr(2);
      have_command = true;
      ++i;
      break;
    }
    if (a == "--dis") {
      disassemble_only = true;
      continue;
    }
    if (a == "-u") {
      setvbuf(stdout, nullptr, _IONBF, 0);
      continue;
    }
    if (a == "-B" || a == "-E" || a == "-O" || a == "-s" || a == "-S") continue;
    if (a == "-" || a.empty() || a[0] != '-') break;
    if (a == "--") {
      ++i;
      break;
    }
    return UsageError(StrCat("Unknown option: ", a));
  }

  std::vector<std::string> sys_argv;
  std::string source, filename;
  if (have_command) {
    sys_argv.push_back("-c");
    source = command;
    filename = "<string>";
  } else if (i < argc && std::string(argv[i]) != "-") {
    sys_argv.push_back(argv[i]);
    filename = AbsolutePath(argv[i]);
    std::ifstream in(filename, std::ios::binary);
    if (!in) {
      fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n",
              program_name.c_str(), filename.c_str(), errno, strerror(errno));
      return 2;
    }
    ReadAll(in, &source);
    ++i;
  } else {
    if (i < argc) ++i;  // "-"
    ReadAll(std::cin, &source);
    filename = "<stdin>";
    sys_argv.push_back(i <= argc && i > 1 && std::string(argv[i - 1]) == "-" ? "-" : "");
  }
  for (; i < argc; ++i) sys_argv.push_back(argv[i]);
  // CPython 3.11 reads a script with fgets: input ends at the first NUL.
  if (!have_command) {
    size_t nul = source.find('\0');
    if (nul != std::string::npos) source.resize(nul);
  }
  // A UTF-8 byte order mark is allowed at the start of a source file.
  if (source.compare(0, 3, "\xEF\xBB\xBF") == 0) source.erase(0, 3);

  InstallStackDumpOnSigquit();
  ThreadState* main_thread = AttachThread();
  InstallSignalHandlers(main_thread);
  GilAcquire(main_thread);
  InitRuntime(sys_argv);
  InitEval();
  std::string dir = ".";
  if (!have_command && filename != "<stdin>") {
    // CPython puts the script's directory, symbolic links resolved, first.
    dir = filename.substr(0, filename.rfind('/'));
    if (dir.empty()) dir = "/";
    char* real = realpath(dir.c_str(), nullptr);
    if (real != nullptr) {
      dir = real;
      free(real);
    }
  }
  ListAppendSteal(GetInterpreter().path, NewStr(dir));
  int status = RunSource(source, filename, !have_command);
  status = Shutdown(status);
  // Daemon threads may still run: leave without running static destructors
  // under them (they end with the process).
  fflush(stdout);
  fflush(stderr);
  if (unhandled_keyboard_interrupt) ExitBySigint();
  _exit(status);
}

}  // namespace
}  // namespace twinpy

int main(int argc, char** argv) { return twinpy::Main(argc, argv); }
