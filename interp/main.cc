// twinpy-<variant>: the command line, modelled on CPython's.
//
//   twinpy-gil [-u] [-V] [-h] (-c CODE | FILE | -) [ARG ...]
#include <unistd.h>

#include <cstdio>
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

// CPython's report of a syntax error: location, the line, a caret.
void PrintSyntaxError(const SyntaxErrorInfo& e, const std::string& filename) {
  std::string out = StrCat("  File \"", filename, "\", line ", e.line, "\n");
  if (!e.text.empty()) {
    std::string text = e.text;
    size_t strip = text.find_first_not_of(" \t\f");
    if (strip == std::string::npos) strip = text.size();
    std::string shown = text.substr(strip);
    while (!shown.empty() && (shown.back() == '\n' || shown.back() == '\r')) {
      shown.pop_back();
    }
    out += "    " + shown + "\n";
    int col = e.col - 1 - static_cast<int>(strip);
    if (col < 0) col = 0;
    if (col > static_cast<int>(shown.size())) col = static_cast<int>(shown.size());
    int width = 1;
    if (e.end_line == e.line && e.end_col > e.col) width = e.end_col - e.col;
    if (col + width > static_cast<int>(shown.size()) + 1) {
      width = std::max(1, static_cast<int>(shown.size()) + 1 - col);
    }
    out += "    " + std::string(col, ' ') + std::string(width, '^') + "\n";
  }
  out += StrCat(e.type, ": ", e.msg, "\n");
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

int RunSource(const std::string& source, const std::string& filename) {
  CompileResult compiled = CompileSource(source, filename);
  if (compiled.error) {
    PrintSyntaxError(*compiled.error, filename);
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
  Object* threading = DictGetStr(GetInterpreter().modules, InternStr("threading"));
  if (threading != nullptr) {
    Object* r = CallMethod(threading, "_shutdown", nullptr, 0);
    if (r == nullptr) {
      Object* exc = FetchError();
      int s = HandleUncaught(exc);
      Decref(exc);
      if (status == 0) status = s;
    } else {
      Decref(r);
    }
  }
  const char* stats = getenv("TWINPY_STATS");
  if (stats != nullptr && std::string(stats) == "1") {
    fflush(stdout);
    fprintf(stderr, "%s\n", RuntimeStatsJson().c_str());
  }
  return status;
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
    filename = argv[i];
    std::ifstream in(filename, std::ios::binary);
    if (!in) {
      fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n",
              program_name.c_str(), filename.c_str(), errno, strerror(errno));
      return 2;
    }
    ReadAll(in, &source);
    sys_argv.push_back(filename);
    ++i;
  } else {
    if (i < argc) ++i;  // "-"
    ReadAll(std::cin, &source);
    filename = "<stdin>";
    sys_argv.push_back(i <= argc && i > 1 && std::string(argv[i - 1]) == "-" ? "-" : "");
  }
  for (; i < argc; ++i) sys_argv.push_back(argv[i]);
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
    size_t s = filename.rfind('/');
    dir = s == std::string::npos ? "" : filename.substr(0, s);
  }
  ListAppendSteal(GetInterpreter().path, NewStr(dir));
  int status = RunSource(source, filename);
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
