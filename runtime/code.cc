// Code objects.
#include "runtime/code.h"

#include "runtime/name_cache.h"

#include <new>

#include "runtime/abstract.h"
#include "runtime/errors.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

namespace twinpy {

Type CodeType;

int32_t CodeObject::NumCells() const {
  return cellvars ? static_cast<int32_t>(cellvars->size) : 0;
}
int32_t CodeObject::NumFree() const {
  return freevars ? static_cast<int32_t>(freevars->size) : 0;
}
int32_t CodeObject::FrameSlots() const {
  return nlocals + NumCells() + NumFree() + stacksize;
}

CodeObject* NewCode() {
  auto* c = static_cast<CodeObject*>(AllocObject(&CodeType, sizeof(CodeObject)));
  if (c == nullptr) return nullptr;
  new (&c->code) std::vector<CodeWord>();
  new (&c->lines) std::vector<int32_t>();
  new (&c->columns) std::vector<InstrColumns>();
  new (&c->exception_table) std::vector<ExceptionRange>();
  new (&c->cell_from_arg) std::vector<int32_t>();
  c->consts = c->names = c->varnames = c->cellvars = c->freevars = nullptr;
  c->name = c->qualname = c->filename = nullptr;
  c->firstlineno = 0;
  c->argcount = c->posonlyargcount = c->kwonlyargcount = 0;
  c->nlocals = c->stacksize = 0;
  c->flags = 0;
  c->kept_args = 0;
  new (&c->name_cache) std::atomic<NameCache*>(nullptr);
  return c;
}

int CodeLine(const CodeObject* code, int instruction) {
  if (instruction < 0 || instruction >= static_cast<int>(code->lines.size())) {
    return code->firstlineno;
  }
  return code->lines[instruction];
}

const InstrColumns* CodeColumns(const CodeObject* code, int instruction) {
  if (instruction < 0 ||
      instruction >= static_cast<int>(code->columns.size())) {
    return nullptr;
  }
  return &code->columns[instruction];
}

namespace {

void CodeDealloc(Object* o) {
  auto* c = static_cast<CodeObject*>(o);
  using Words = std::vector<CodeWord>;
  using Lines = std::vector<int32_t>;
  using Ranges = std::vector<ExceptionRange>;
  c->code.~Words();
  c->lines.~Lines();
  using Columns = std::vector<InstrColumns>;
  c->columns.~Columns();
  c->exception_table.~Ranges();
  c->cell_from_arg.~Lines();
  FreeNameCache(c->name_cache.load(std::memory_order_relaxed),
                c->names != nullptr ? c->names->size : 0);
  XDecref(c->consts);
  XDecref(c->names);
  XDecref(c->varnames);
  XDecref(c->cellvars);
  XDecref(c->freevars);
  XDecref(c->name);
  XDecref(c->qualname);
  XDecref(c->filename);
  FreeObject(o, sizeof(CodeObject));
}

Object* CodeRepr(Object* o) {
  auto* c = static_cast<CodeObject*>(o);
  char buf[64];
  snprintf(buf, sizeof(buf), "%p", static_cast<void*>(o));
  return NewStr(std::string("<code object ") + std::string(StrView(c->name)) +
                " at " + buf + ", file \"" + std::string(StrView(c->filename)) +
                "\", line " + std::to_string(c->firstlineno) + ">");
}

}  // namespace

void InitCodeType() {
  InitStaticType(&CodeType, "code", sizeof(CodeObject), &ObjectType);
  CodeType.dealloc = CodeDealloc;
  CodeType.repr = CodeRepr;
  CodeType.hash = ObjectType.hash;
  CodeType.compare = ObjectType.compare;
  CodeType.getattr = GenericGetAttr;
}

}  // namespace twinpy
