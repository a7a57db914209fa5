// Fuses `LOAD_FAST a; LOAD_FAST b | LOAD_CONST c; BINARY_OP | INPLACE_OP |
// COMPARE_OP | BINARY_SUBSCR | STORE_SUBSCR` into one dispatch that reads
// both operands in place (`a + b`, `a[i]`, `a[0] = v`), and
// `LOAD_FAST a; LOAD_ATTR | STORE_ATTR` into one that reads the receiver in
// place (`self.x`, `self.x = v`), and `LOAD_FAST a; LOAD_METHOD` into one
// that lends the receiver to the method call (`obj.method(...)`: the call
// passes the local's reference on uncounted, see eval.cc) when nothing
// between it and its CALL_METHOD rebinds `a` (a walrus in the arguments).
//
// Besides saving two dispatches, it writes no reference count: a local or
// constant read where it lives needs none. That matters most in the
// free-threaded build, where an int every worker was passed (`while i < n`)
// would otherwise have its count incremented and decremented atomically by
// all of them on every iteration, bouncing its cache line between cores.
#ifndef TWINPY_INTERP_SUPERINSTRUCTIONS_H_
#define TWINPY_INTERP_SUPERINSTRUCTIONS_H_

#include <vector>

#include "runtime/code.h"

namespace twinpy {

// Rewrites the first opcode of each fusable triple or pair in `code`. A run
// is fused only when none of its later instructions is a jump target or an
// exception handler (`handler_targets`): control must enter at its first
// word. Instruction indices, lines and arguments are unchanged.
void FuseOperandLoads(std::vector<CodeWord>& code,
                      const std::vector<int>& handler_targets);

// Whether `code` stores to or deletes local `local` anywhere.
bool StoresLocal(const std::vector<CodeWord>& code, uint32_t local);

}  // namespace twinpy

#endif  // TWINPY_INTERP_SUPERINSTRUCTIONS_H_
