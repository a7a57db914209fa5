// What the front end reports when source text is not valid Python: the
// fields of CPython's SyntaxError, so the interpreter can print the same
// traceback text and tests can compare with CPython 3.11.
#ifndef TWINPY_INTERP_SYNTAX_ERROR_H_
#define TWINPY_INTERP_SYNTAX_ERROR_H_

#include <string>

namespace twinpy {

struct SyntaxErrorInfo {
  std::string type;  // "SyntaxError", "IndentationError" or "TabError"
  std::string msg;   // CPython's message text
  int line = 0;      // 1-based
  int col = 0;       // 1-based, as CPython's SyntaxError.offset
  int end_line = 0;  // 0 when unknown
  int end_col = 0;   // 1-based, exclusive, as SyntaxError.end_offset
  std::string text;  // the offending source line (without newline)
  // False when CPython raises the error before parsing, without a location
  // (undecodable source): only "SyntaxError: msg" is shown.
  bool located = true;
};

}  // namespace twinpy

#endif  // TWINPY_INTERP_SYNTAX_ERROR_H_
