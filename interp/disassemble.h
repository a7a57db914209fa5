// A readable listing of a code object, for tests and debugging.
#ifndef TWINPY_INTERP_DISASSEMBLE_H_
#define TWINPY_INTERP_DISASSEMBLE_H_

#include <string>

#include "runtime/code.h"

namespace twinpy {

// One line per instruction: "LINE OFFSET OPNAME ARG (detail)"; nested code
// objects follow their parent.
std::string Disassemble(const CodeObject* code);

}  // namespace twinpy

#endif  // TWINPY_INTERP_DISASSEMBLE_H_
