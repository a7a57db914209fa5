// The disassembler.
#include "interp/disassemble.h"

#include <cstdio>
#include <vector>

#include "interp/opcodes.h"
#include "runtime/abstract.h"
#include "runtime/errors.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

std::string Detail(const CodeObject* code, Opcode op, uint32_t arg) {
  auto name_at = [](const TupleObject* t, uint32_t i) -> std::string {
    if (t == nullptr || i >= static_cast<uint32_t>(t->size)) return "?";
    return std::string(StrView(t->items[i]));
  };
  switch (op) {
    case OP_LOAD_CONST: {
      std::string r;
      Object* c = code->consts->items[arg];
      if (c->type == &CodeType) {
        return StrCat("<code ", StrView(static_cast<CodeObject*>(c)->name), ">");
      }
      if (!ReprString(c, &r)) {
        ClearError();
        r = "?";
      }
      return r;
    }
    case OP_LOAD_FAST:
    case OP_LOAD_FAST_LENT:
    case OP_STORE_FAST:
    case OP_DELETE_FAST:
    case OP_FAST_FAST_BINARY:
    case OP_FAST_CONST_BINARY:
    case OP_FAST_FAST_INPLACE:
    case OP_FAST_CONST_INPLACE:
    case OP_FAST_FAST_COMPARE:
    case OP_FAST_CONST_COMPARE:
    case OP_FAST_FAST_SUBSCR:
    case OP_FAST_CONST_SUBSCR:
    case OP_FAST_FAST_STORE_SUBSCR:
    case OP_FAST_CONST_STORE_SUBSCR:
    case OP_FAST_LOAD_ATTR:
    case OP_FAST_LOAD_METHOD:
    case OP_FAST_STORE_ATTR:
      return name_at(code->varnames, arg);
    case OP_LOAD_GLOBAL:
    case OP_LOAD_GLOBAL_LENT:
    case OP_STORE_GLOBAL:
    case OP_DELETE_GLOBAL:
    case OP_LOAD_NAME:
    case OP_STORE_NAME:
    case OP_DELETE_NAME:
    case OP_LOAD_ATTR:
    case OP_STORE_ATTR:
    case OP_DELETE_ATTR:
    case OP_LOAD_METHOD:
    case OP_IMPORT_FROM:
      return name_at(code->names, arg);
    case OP_IMPORT_NAME:
      return name_at(code->names, arg >> 1);
    case OP_BINARY_OP:
    case OP_INPLACE_OP:
      return BinOpSymbol(static_cast<BinOp>(arg));
    default:
      return "";
  }
}

void DisassembleInto(const CodeObject* code, std::string* out) {
  StrAppend(out, "code ", StrView(code->qualname), ":\n");
  for (size_t i = 0; i < code->code.size(); ++i) {
    Opcode op = WordOp(code->code[i]);
    uint32_t arg = WordArg(code->code[i]);
    char line[160];
    std::string detail = Detail(code, op, arg);
    snprintf(line, sizeof(line), "%4d %4zu %-22s %u%s%s%s\n", code->lines[i], i,
             OpcodeName(op), arg, detail.empty() ? "" : " (",
             detail.c_str(), detail.empty() ? "" : ")");
    out->append(line);
  }
  for (const ExceptionRange& r : code->exception_table) {
    char line[96];
    snprintf(line, sizeof(line), "  handler: [%d, %d) -> %d depth %d\n", r.start,
             r.end, r.handler, r.depth);
    out->append(line);
  }
  for (int64_t i = 0; i < code->consts->size; ++i) {
    Object* c = code->consts->items[i];
    if (c->type == &CodeType) {
      DisassembleInto(static_cast<const CodeObject*>(c), out);
    }
  }
}

}  // namespace

std::string Disassemble(const CodeObject* code) {
  std::string out;
  DisassembleInto(code, &out);
  return out;
}

}  // namespace twinpy
