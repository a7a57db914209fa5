// Opcode metadata: names for disassembly and stack effects for the
// compiler's depth analysis.
#include "interp/opcodes.h"

namespace twinpy {

const char* OpcodeName(Opcode op) {
  static const char* const kNames[] = {
#define TWINPY_OPCODE_NAME(name) #name,
      TWINPY_OPCODES(TWINPY_OPCODE_NAME)
#undef TWINPY_OPCODE_NAME
  };
  return op < kNumOpcodes ? kNames[op] : "<invalid>";
}

bool IsJump(Opcode op) {
  switch (op) {
    case OP_JUMP:
    case OP_JUMP_BACKWARD:
    case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE:
    case OP_JUMP_IF_FALSE_OR_POP:
    case OP_JUMP_IF_TRUE_OR_POP:
    case OP_FOR_ITER:
      return true;
    default:
      return false;
  }
}

int StackEffect(Opcode op, uint32_t arg, bool jump) {
  const int n = static_cast<int>(arg);
  switch (op) {
    case OP_NOP: return 0;
    case OP_POP_TOP: return -1;
    case OP_DUP_TOP: return 1;
    case OP_DUP_TOP_TWO: return 2;
    case OP_ROT_TWO:
    case OP_ROT_THREE:
    case OP_ROT_FOUR: return 0;
    case OP_LOAD_CONST:
    case OP_LOAD_FAST:
    case OP_LOAD_FAST_LENT:
    case OP_LOAD_DEREF:
    case OP_LOAD_CLOSURE:
    case OP_LOAD_GLOBAL:
    case OP_LOAD_GLOBAL_LENT:
    case OP_LOAD_NAME:
    case OP_LOAD_ASSERTION_ERROR:
    case OP_IMPORT_NAME: return 1;
    case OP_STORE_FAST:
    case OP_STORE_DEREF:
    case OP_STORE_GLOBAL:
    case OP_STORE_NAME: return -1;
    case OP_DELETE_FAST:
    case OP_DELETE_DEREF:
    case OP_DELETE_GLOBAL:
    case OP_DELETE_NAME: return 0;
    case OP_LOAD_ATTR: return 0;
    case OP_STORE_ATTR: return -2;
    case OP_DELETE_ATTR: return -1;
    case OP_LOAD_METHOD: return 1;
    case OP_CALL_METHOD: return -n - 1;
    case OP_CALL: return -n;
    case OP_CALL_KW: return -n - 1;
    case OP_CALL_EX: return -2;
    case OP_BINARY_OP:
    case OP_INPLACE_OP:
    case OP_COMPARE_OP:
    case OP_IS_OP:
    case OP_CONTAINS_OP:
    case OP_BINARY_SUBSCR: return -1;
    case OP_UNARY_NEGATIVE:
    case OP_UNARY_POSITIVE:
    case OP_UNARY_INVERT:
    case OP_UNARY_NOT: return 0;
    case OP_STORE_SUBSCR: return -3;
    case OP_DELETE_SUBSCR: return -2;
    case OP_BUILD_SLICE: return 1 - n;
    case OP_BUILD_TUPLE:
    case OP_BUILD_LIST:
    case OP_BUILD_STRING: return 1 - n;
    case OP_BUILD_MAP: return 1 - 2 * n;
    case OP_LIST_APPEND:
    case OP_LIST_EXTEND:
    case OP_DICT_UPDATE: return -1;
    case OP_MAP_ADD: return -2;
    case OP_LIST_TO_TUPLE: return 0;
    case OP_UNPACK_SEQUENCE: return n - 1;
    case OP_UNPACK_EX: return (n & 0xff) + (n >> 8);
    case OP_JUMP:
    case OP_JUMP_BACKWARD: return 0;
    case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE: return -1;
    case OP_JUMP_IF_FALSE_OR_POP:
    case OP_JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case OP_GET_ITER: return 0;
    case OP_FOR_ITER: return jump ? -1 : 1;
    case OP_RETURN_VALUE: return -1;
    case OP_MAKE_FUNCTION:
      return -((n & kMakeDefaults) != 0) - ((n & kMakeKwDefaults) != 0) -
             ((n & kMakeClosure) != 0);
    case OP_IMPORT_FROM: return 1;
    case OP_RAISE_VARARGS: return -n;
    case OP_FORMAT_VALUE: return (n & kFormatHasSpec) ? -1 : 0;
    case OP_PUSH_EXC_INFO: return 1;
    case OP_POP_EXCEPT: return -1;
    case OP_CHECK_EXC_MATCH: return 0;
    case OP_RERAISE: return -1;
    case OP_POP_EXCEPT_AND_RERAISE: return -2;
    case OP_BEFORE_WITH: return 1;
    case OP_WITH_EXIT_NORMAL: return -1;
    case OP_WITH_EXCEPT_START: return 1;
    case OP_LOAD_BUILD_CLASS: return 1;
    case OP_BUILD_SET: return 1 - n;
    case OP_SET_ADD:
    case OP_SET_UPDATE: return -1;
    case OP_YIELD_VALUE: return 0;
    case OP_GET_YIELD_FROM_ITER: return 0;
    case OP_YIELD_FROM: return -1;
    case OP_LOAD_CLASSDEREF: return 1;
    // The three fused instructions' net effect; the two skipped words are
    // not executed. (MaxStackDepth runs before fusion anyway.)
    case OP_FAST_FAST_BINARY:
    case OP_FAST_CONST_BINARY:
    case OP_FAST_FAST_INPLACE:
    case OP_FAST_CONST_INPLACE:
    case OP_FAST_FAST_COMPARE:
    case OP_FAST_CONST_COMPARE:
    case OP_FAST_FAST_SUBSCR:
    case OP_FAST_CONST_SUBSCR: return 1;
    case OP_FAST_FAST_STORE_SUBSCR:
    case OP_FAST_CONST_STORE_SUBSCR: return -1;
    case OP_FAST_LOAD_ATTR: return 1;
    case OP_FAST_LOAD_METHOD: return 2;
    case OP_FAST_STORE_ATTR: return -1;
    case kNumOpcodes: break;
  }
  return 0;
}

}  // namespace twinpy
