// The "Traceback (most recent call last):" block of an uncaught exception,
// as CPython 3.11 prints it (Python/traceback.c): each frame's file, line
// and function, the stripped source line, markers under the failing
// expression, and runs of the same frame line collapsed after three.
#ifndef TWINPY_RUNTIME_TRACEBACK_H_
#define TWINPY_RUNTIME_TRACEBACK_H_

#include <string>
#include <string_view>

#include "runtime/code.h"
#include "runtime/errors.h"

namespace twinpy {

// Appends the entries of tb (outermost first), without the header line.
void FormatTracebackEntries(TracebackObject* tb, std::string* out);

// The marker line under a source line (without the leading "    " of the
// shown text, with its newline), or "" when CPython shows none: `line` is
// the full source line, `cols` the failing instruction's range on it.
std::string CaretLine(std::string_view line, int lineno, const InstrColumns& cols);

// The marker line for one traceback entry (as CaretLine), or "".
std::string TracebackCaretLine(TracebackObject* tb);

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_TRACEBACK_H_
