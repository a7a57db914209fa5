// Code objects: the compiled form of a module or function body.
#ifndef TWINPY_RUNTIME_CODE_H_
#define TWINPY_RUNTIME_CODE_H_

#include <atomic>
#include <cstdint>
#include <vector>

#include "runtime/object.h"

namespace twinpy {

struct NameCache;

enum CodeFlags : uint32_t {
  kCodeVarargs = 1u << 0,    // *args
  kCodeVarkeywords = 1u << 1,  // **kwargs
  kCodeGenerator = 1u << 2,
  kCodeModule = 1u << 3,     // names resolve in the globals dict
  kCodeNested = 1u << 4,
  // A module or class body: the functions it makes are shared by design.
  kCodeDefinesShared = 1u << 5,
  // Positional parameters only, no cell or free variables, no generator:
  // a call with one argument per parameter moves them straight into the
  // frame's slots (set by the compiler; without it calls bind arguments).
  kCodeSimpleArgs = 1u << 6,
};

// Instruction words: the opcode in the low 8 bits, the argument above.
using CodeWord = uint32_t;
inline constexpr int kOpBits = 8;

// A protected range [start, end) of instruction indices: an exception raised
// there unwinds the operand stack to `depth` and jumps to `handler`.
struct ExceptionRange {
  int32_t start;
  int32_t end;
  int32_t handler;
  int32_t depth;
};

// Where an instruction's source is, beyond its line (CPython's
// co_positions()): the end line and 0-based UTF-8 byte columns, -1 when
// unknown. For the range of a binary operation or a subscript, `left` and
// `right` are the byte columns where the left operand (or subscripted value)
// ends and the right operand (or index) begins/ends; tracebacks place their
// `~~^~~` markers from them.
enum class CaretAnchor : uint8_t { kNone, kBinOp, kSubscript };
struct InstrColumns {
  int32_t end_line = -1;
  int32_t col = -1;
  int32_t end_col = -1;
  int32_t left = -1;
  int32_t right = -1;
  CaretAnchor anchor = CaretAnchor::kNone;
};

struct CodeObject : Object {
  std::vector<CodeWord> code;
  std::vector<int32_t> lines;  // source line of each instruction
  std::vector<InstrColumns> columns;  // per instruction, or empty
  std::vector<ExceptionRange> exception_table;
  TupleObject* consts;
  TupleObject* names;     // global and attribute names
  TupleObject* varnames;  // parameters first, then other locals
  TupleObject* cellvars;  // locals captured by inner functions
  TupleObject* freevars;  // captured from enclosing functions
  // For each cell, the parameter index it is initialised from, or -1.
  std::vector<int32_t> cell_from_arg;
  StrObject* name;
  StrObject* qualname;
  StrObject* filename;
  int32_t firstlineno;
  int32_t argcount;         // positional parameters, incl. positional-only
  int32_t posonlyargcount;
  int32_t kwonlyargcount;
  int32_t nlocals;          // varnames
  int32_t stacksize;
  uint32_t flags;
  // Bit i: the code never stores to or deletes argument i (i < 32), so a
  // call may lend it the caller's reference uncounted (eval.cc).
  uint32_t kept_args;
  // Global and module-attribute lookups (name_cache.h); made on first miss.
  std::atomic<NameCache*> name_cache;
  // Slots a frame needs: locals, then cells and free variables, then stack.
  int32_t FrameSlots() const;
  int32_t NumCells() const;
  int32_t NumFree() const;
};

extern Type CodeType;

CodeObject* NewCode();  // empty, filled by the compiler
int CodeLine(const CodeObject* code, int instruction);
// The columns of an instruction, or nullptr when unknown.
const InstrColumns* CodeColumns(const CodeObject* code, int instruction);

void InitCodeType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_CODE_H_
