// Fuzz target: lexer, parser and compiler on arbitrary bytes. Every input
// must either compile or be rejected with a well-formed syntax error; a
// crash, sanitizer report, leak or broken invariant is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/fuzz_runtime.h"
#include "interp/compiler.h"
#include "interp/disassemble.h"
#include "runtime/object.h"

namespace {

[[noreturn]] void Fail(const char* what) {
  fprintf(stderr, "parse_fuzzer: %s\n", what);
  abort();
}

void CheckError(const twinpy::SyntaxErrorInfo& e) {
  if (e.type != "SyntaxError" && e.type != "IndentationError" &&
      e.type != "TabError") {
    Fail("error of an unknown type");
  }
  if (e.msg.empty()) Fail("error without a message");
  if (e.line < 1) Fail("error without a line number");
  if (e.end_line != 0 && e.end_line < e.line) Fail("error ends before it starts");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  twinpy::FuzzRuntime();
  std::string_view source(reinterpret_cast<const char*>(data), size);
  twinpy::CompileResult r = twinpy::CompileSource(source, "<fuzz>");
  if ((r.code == nullptr) == !r.error.has_value()) {
    Fail("compiler returned neither or both of code and error");
  }
  if (r.error) {
    CheckError(*r.error);
    return 0;
  }
  // The disassembler walks every instruction and constant: it catches
  // out-of-range operands the compiler may have emitted.
  std::string listing = twinpy::Disassemble(r.code);
  if (listing.empty()) Fail("empty disassembly");
  twinpy::Decref(r.code);
  return 0;
}
