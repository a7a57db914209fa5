// The bytecode instruction set.
//
// An instruction is one 32-bit word: the opcode in the low 8 bits and a
// 24-bit argument above it (runtime/code.h). Jump arguments are absolute
// instruction indices. Stack effects are documented as [before] -> [after],
// top of stack last.
#ifndef TWINPY_INTERP_OPCODES_H_
#define TWINPY_INTERP_OPCODES_H_

#include <cstdint>

#include "runtime/code.h"

namespace twinpy {

// X(name): every opcode, in numbering order.
#define TWINPY_OPCODES(X)                                                    \
  X(NOP)                                                                     \
  X(POP_TOP)          /* [x] -> [] */                                        \
  X(DUP_TOP)          /* [x] -> [x, x] */                                    \
  X(DUP_TOP_TWO)      /* [a, b] -> [a, b, a, b] */                           \
  X(ROT_TWO)          /* [a, b] -> [b, a] */                                 \
  X(ROT_THREE)        /* [a, b, c] -> [c, a, b] */                           \
  X(ROT_FOUR)         /* [a, b, c, d] -> [d, a, b, c] */                     \
  X(LOAD_CONST)       /* consts[arg] */                                      \
  X(LOAD_FAST)        /* locals[arg]; UnboundLocalError if unset */          \
  X(LOAD_FAST_LENT)   /* the same, lent uncounted to the CALL or CALL_METHOD \
                         whose positional argument it is (eval.cc) */        \
  X(STORE_FAST)                                                              \
  X(DELETE_FAST)                                                             \
  X(LOAD_DEREF)       /* cell arg (cells then free vars) */                  \
  X(STORE_DEREF)                                                             \
  X(DELETE_DEREF)                                                            \
  X(LOAD_CLOSURE)     /* the cell object itself, for MAKE_FUNCTION */        \
  X(LOAD_GLOBAL)      /* names[arg] in globals, then builtins */             \
  X(LOAD_GLOBAL_LENT) /* the same, lent uncounted to the BINARY_SUBSCR whose \
                         container it is (eval.cc) */                        \
  X(STORE_GLOBAL)                                                            \
  X(DELETE_GLOBAL)                                                           \
  X(LOAD_NAME)        /* names[arg] in locals dict, globals, builtins */     \
  X(STORE_NAME)                                                              \
  X(DELETE_NAME)                                                             \
  X(LOAD_ATTR)        /* [o] -> [o.names[arg]] */                            \
  X(STORE_ATTR)       /* [v, o] -> [] */                                     \
  X(DELETE_ATTR)      /* [o] -> [] */                                        \
  X(LOAD_METHOD)      /* [o] -> [method, o] or [NULL, o.attr] */             \
  X(CALL_METHOD)      /* [m|NULL, self|f, args*arg] -> [result] */           \
  X(CALL)             /* [f, args*arg] -> [result] */                        \
  X(CALL_KW)          /* [f, args*arg, kwnames] -> [result]; arg counts   \
                         positional and keyword values */                    \
  X(CALL_EX)          /* [f, args tuple, kwargs dict|NULL] -> [result] */    \
  X(BINARY_OP)        /* [a, b] -> [a op b]; arg is a BinOp */               \
  X(INPLACE_OP)       /* [a, b] -> [a op= b] */                              \
  X(UNARY_NEGATIVE)                                                          \
  X(UNARY_POSITIVE)                                                          \
  X(UNARY_INVERT)                                                            \
  X(UNARY_NOT)                                                               \
  X(COMPARE_OP)       /* [a, b] -> [a op b]; arg is a CompareOp */           \
  X(IS_OP)            /* [a, b] -> [a is b]; arg 1 negates */                \
  X(CONTAINS_OP)      /* [a, b] -> [a in b]; arg 1 negates */                \
  X(BINARY_SUBSCR)    /* [o, k] -> [o[k]] */                                 \
  X(STORE_SUBSCR)     /* [v, o, k] -> [] */                                  \
  X(DELETE_SUBSCR)    /* [o, k] -> [] */                                     \
  X(BUILD_SLICE)      /* [lo, hi] or [lo, hi, step] -> [slice] */            \
  X(BUILD_TUPLE)                                                             \
  X(BUILD_LIST)                                                              \
  X(BUILD_MAP)        /* [k1, v1, ... kn, vn] -> [dict] */                   \
  X(LIST_APPEND)      /* [list, ..., v] -> [list, ...]; list is at -arg */       \
  X(MAP_ADD)          /* [dict, ..., k, v] -> [dict, ...]; dict at -arg */                 \
  X(LIST_EXTEND)      /* [list, ..., iterable] -> [list, ...] */             \
  X(LIST_TO_TUPLE)                                                           \
  X(DICT_UPDATE)      /* [dict, ..., mapping] -> [dict, ...] */              \
  X(UNPACK_SEQUENCE)  /* [seq] -> [item_n-1, ..., item_0] */                 \
  X(UNPACK_EX)        /* arg = before | after << 8 */                        \
  X(JUMP)                                                                    \
  X(JUMP_BACKWARD)    /* a loop's back edge: checks the eval breaker */      \
  X(POP_JUMP_IF_FALSE)                                                       \
  X(POP_JUMP_IF_TRUE)                                                        \
  X(JUMP_IF_FALSE_OR_POP)                                                    \
  X(JUMP_IF_TRUE_OR_POP)                                                     \
  X(GET_ITER)                                                                \
  X(FOR_ITER)         /* [it] -> [it, next] or [] and jump to arg */         \
  X(RETURN_VALUE)                                                            \
  X(MAKE_FUNCTION)    /* [defaults?, kwdefaults?, closure?, code] -> [f] */  \
  X(IMPORT_NAME)      /* [] -> [module] */                                   \
  X(IMPORT_FROM)      /* [module] -> [module, module.names[arg]] */          \
  X(RAISE_VARARGS)    /* arg 0: re-raise, 1: [exc], 2: [exc, cause] */       \
  X(LOAD_ASSERTION_ERROR)                                                    \
  X(FORMAT_VALUE)     /* arg: conversion | (has spec) << 2 */                \
  X(BUILD_STRING)     /* [s1 ... sn] -> [s1 + ... + sn] */                   \
  X(PUSH_EXC_INFO)    /* [exc] -> [prev_handled, exc]; exc is now handled */ \
  X(POP_EXCEPT)       /* [prev] -> []; prev is handled again */              \
  X(CHECK_EXC_MATCH)  /* [exc, type] -> [exc, isinstance(exc, type)] */      \
  X(RERAISE)          /* [exc] -> raises exc, traceback kept */              \
  X(POP_EXCEPT_AND_RERAISE) /* [prev, exc] -> restores prev, raises exc */   \
  X(BEFORE_WITH)      /* [mgr] -> [mgr.__exit__, mgr.__enter__()] */         \
  X(WITH_EXIT_NORMAL) /* [exit] -> []: exit(None, None, None) */             \
  X(WITH_EXCEPT_START) /* [exit, prev, exc] -> [.., exc, exit(t, exc, tb)] */\
  X(LOAD_BUILD_CLASS) /* [] -> [__build_class__] */                          \
  X(BUILD_SET)                                                               \
  X(SET_ADD)          /* [set, ..., v] -> [set, ...]; set at -arg */         \
  X(SET_UPDATE)       /* [set, ..., iterable] -> [set, ...] */               \
  X(YIELD_VALUE)      /* [v] -> [sent]: suspends the generator */            \
  X(GET_YIELD_FROM_ITER) /* [iterable] -> [iterator] */                      \
  X(YIELD_FROM)       /* [it, sent] -> [it, sent'] while it yields, then    \
                         [result] */                                         \
  X(LOAD_CLASSDEREF)  /* class body: its namespace, else the cell */      \
  /* Fused by superinstructions.h: LOAD_FAST arg; LOAD_FAST b or           \
     LOAD_CONST c; then the named operation. The next two words keep their  \
     arguments and are skipped; operands are not counted. */                \
  X(FAST_FAST_BINARY)                                                        \
  X(FAST_CONST_BINARY)                                                       \
  X(FAST_FAST_INPLACE)                                                       \
  X(FAST_CONST_INPLACE)                                                      \
  X(FAST_FAST_COMPARE)                                                       \
  X(FAST_CONST_COMPARE)                                                      \
  X(FAST_FAST_SUBSCR)                                                        \
  X(FAST_CONST_SUBSCR)                                                       \
  X(FAST_FAST_STORE_SUBSCR) /* [v] -> []: local[b] = v */                    \
  X(FAST_CONST_STORE_SUBSCR) /* [v] -> []: local[c] = v */                   \
  /* Fused: LOAD_FAST arg; LOAD_ATTR or STORE_ATTR. The receiver is read    \
     in its local, uncounted; the next word keeps the name and is skipped. */ \
  X(FAST_LOAD_ATTR)   /* [] -> [local.name] */                               \
  X(FAST_LOAD_METHOD) /* [] -> [method, lent local] or as LOAD_METHOD */     \
  X(FAST_STORE_ATTR)  /* [v] -> []: local.name = v */

enum Opcode : uint8_t {
#define TWINPY_OPCODE_ENUM(name) OP_##name,
  TWINPY_OPCODES(TWINPY_OPCODE_ENUM)
#undef TWINPY_OPCODE_ENUM
      kNumOpcodes,
};

// MAKE_FUNCTION flags.
enum MakeFunctionFlags : uint32_t {
  kMakeDefaults = 1u << 0,
  kMakeKwDefaults = 1u << 1,
  kMakeClosure = 1u << 2,
};

// FORMAT_VALUE conversions (low two bits).
enum FormatConversion : uint32_t {
  kConvertNone = 0,
  kConvertStr = 1,
  kConvertRepr = 2,
  kConvertAscii = 3,
  kFormatHasSpec = 4,
};

inline constexpr uint32_t kMaxArg = (1u << 24) - 1;

inline CodeWord MakeWord(Opcode op, uint32_t arg) {
  return static_cast<CodeWord>(op) | (arg << kOpBits);
}
inline Opcode WordOp(CodeWord w) { return static_cast<Opcode>(w & 0xff); }
inline uint32_t WordArg(CodeWord w) { return w >> kOpBits; }

const char* OpcodeName(Opcode op);
bool IsJump(Opcode op);
// Net stack change of an instruction, on its fall-through path or (for
// conditional jumps) when it jumps.
int StackEffect(Opcode op, uint32_t arg, bool jump);

}  // namespace twinpy

#endif  // TWINPY_INTERP_OPCODES_H_
