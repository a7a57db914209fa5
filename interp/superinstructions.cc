#include "interp/superinstructions.h"

#include "interp/opcodes.h"

namespace twinpy {

namespace {

// The fused opcode for LOAD_FAST followed by `second` and `third`, or NOP
// when the triple does not fuse.
Opcode FusedOp(Opcode second, Opcode third) {
  const bool fast = second == OP_LOAD_FAST;
  if (!fast && second != OP_LOAD_CONST) return OP_NOP;
  switch (third) {
    case OP_BINARY_OP: return fast ? OP_FAST_FAST_BINARY : OP_FAST_CONST_BINARY;
    case OP_INPLACE_OP: return fast ? OP_FAST_FAST_INPLACE : OP_FAST_CONST_INPLACE;
    case OP_COMPARE_OP: return fast ? OP_FAST_FAST_COMPARE : OP_FAST_CONST_COMPARE;
    case OP_BINARY_SUBSCR: return fast ? OP_FAST_FAST_SUBSCR : OP_FAST_CONST_SUBSCR;
    case OP_STORE_SUBSCR:
      return fast ? OP_FAST_FAST_STORE_SUBSCR : OP_FAST_CONST_STORE_SUBSCR;
    default: return OP_NOP;
  }
}

// The fused opcode for LOAD_FAST followed by `second` alone, or NOP.
Opcode FusedPairOp(Opcode second) {
  switch (second) {
    case OP_LOAD_ATTR: return OP_FAST_LOAD_ATTR;
    case OP_STORE_ATTR: return OP_FAST_STORE_ATTR;
    case OP_LOAD_METHOD: return OP_FAST_LOAD_METHOD;
    default: return OP_NOP;
  }
}

bool WritesLocal(CodeWord w, uint32_t local) {
  Opcode op = WordOp(w);
  return (op == OP_STORE_FAST || op == OP_DELETE_FAST) && WordArg(w) == local;
}

// True when the LOAD_METHOD at `at` reaches its CALL_METHOD with `local`
// unchanged: the arguments between them are compiled in line (LOAD_METHOD
// and CALL_METHOD nest like brackets), so a linear scan sees every store.
bool LocalKeptUntilCall(const std::vector<CodeWord>& code, size_t at,
                        uint32_t local) {
  int open = 0;
  for (size_t i = at; i < code.size(); ++i) {
    Opcode op = WordOp(code[i]);
    if (op == OP_LOAD_METHOD) ++open;
    if (op == OP_CALL_METHOD && --open == 0) return true;
    if (WritesLocal(code[i], local) || op == OP_RETURN_VALUE) return false;
  }
  return false;
}

}  // namespace

void FuseOperandLoads(std::vector<CodeWord>& code,
                      const std::vector<int>& handler_targets) {
  std::vector<bool> entered(code.size() + 1, false);
  for (CodeWord w : code) {
    if (IsJump(WordOp(w)) && WordArg(w) < entered.size()) entered[WordArg(w)] = true;
  }
  for (int t : handler_targets) {
    if (t >= 0 && static_cast<size_t>(t) < entered.size()) entered[t] = true;
  }
  for (size_t i = 0; i + 1 < code.size(); ++i) {
    if (WordOp(code[i]) != OP_LOAD_FAST || entered[i + 1]) continue;
    if (i + 2 < code.size() && !entered[i + 2]) {
      Opcode fused = FusedOp(WordOp(code[i + 1]), WordOp(code[i + 2]));
      if (fused != OP_NOP) {
        code[i] = MakeWord(fused, WordArg(code[i]));
        i += 2;
        continue;
      }
    }
    Opcode fused = FusedPairOp(WordOp(code[i + 1]));
    if (fused == OP_NOP) continue;
    if (fused == OP_FAST_LOAD_METHOD &&
        !LocalKeptUntilCall(code, i + 1, WordArg(code[i]))) {
      continue;
    }
    code[i] = MakeWord(fused, WordArg(code[i]));
    i += 1;
  }
}

bool StoresLocal(const std::vector<CodeWord>& code, uint32_t local) {
  for (CodeWord w : code) {
    if (WritesLocal(w, local)) return true;
  }
  return false;
}

}  // namespace twinpy
