// Frame snapshots and the attributes of code and traceback objects that
// the traceback module reads.
#include "runtime/frameinfo.h"

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/traceback.h"
#include "runtime/tuple.h"

namespace twinpy {

Type FrameInfoType;

FrameInfoObject* NewFrameInfo(CodeObject* code, int line, FrameInfoObject* back,
                              DictObject* globals) {
  auto* f = static_cast<FrameInfoObject*>(
      AllocObject(&FrameInfoType, sizeof(FrameInfoObject)));
  if (f == nullptr) {
    XDecref(back);
    return nullptr;
  }
  f->code = NewRef(code);
  f->line = line;
  f->back = back;
  f->globals = globals ? NewRef(globals) : nullptr;
  return f;
}

namespace {

void FrameInfoDealloc(Object* o) {
  auto* f = static_cast<FrameInfoObject*>(o);
  // Chains can be long: release the callers iteratively.
  FrameInfoObject* back = f->back;
  Decref(f->code);
  XDecref(f->globals);
  FreeObject(o, sizeof(FrameInfoObject));
  while (back != nullptr && RcDecrement(back->rc)) {
    FrameInfoObject* next = back->back;
    Decref(back->code);
    XDecref(back->globals);
    FreeObject(back, sizeof(FrameInfoObject));
    back = next;
  }
}

Object* FrameInfoRepr(Object* o) {
  auto* f = static_cast<FrameInfoObject*>(o);
  return NewStr(StrCat("<frame, file '", StrView(f->code->filename), "', line ",
                       f->line, ", code ", StrView(f->code->name), ">"));
}

Object* FrameInfoGetAttr(Object* o, StrObject* name) {
  auto* f = static_cast<FrameInfoObject*>(o);
  std::string_view n = StrView(name);
  if (n == "f_code") return NewRef(f->code);
  if (n == "f_lineno") return NewInt(f->line);
  if (n == "f_back") return NewRef(f->back ? static_cast<Object*>(f->back) : None());
  if (n == "f_globals") {
    return f->globals ? NewRef(f->globals) : static_cast<Object*>(NewDict());
  }
  if (n == "f_locals") return NewDict();
  return GenericGetAttr(o, name);
}

Object* CodeGetAttr(Object* o, StrObject* name) {
  auto* c = static_cast<CodeObject*>(o);
  std::string_view n = StrView(name);
  if (n == "co_name") return NewRef(c->name);
  if (n == "co_qualname") return NewRef(c->qualname);
  if (n == "co_filename") return NewRef(c->filename);
  if (n == "co_firstlineno") return NewInt(c->firstlineno);
  if (n == "co_argcount") return NewInt(c->argcount);
  if (n == "co_varnames") return NewRef(c->varnames);
  return GenericGetAttr(o, name);
}

Object* TracebackGetAttr(Object* o, StrObject* name) {
  auto* tb = static_cast<TracebackObject*>(o);
  std::string_view n = StrView(name);
  if (n == "tb_lineno") return NewInt(tb->line);
  // twinpy's own: the marker line CPython's traceback module would print
  // under the source line ("" for none), from the instruction's columns.
  if (n == "_twinpy_carets") return NewStr(TracebackCaretLine(tb));
  if (n == "tb_lasti") return NewInt(tb->instruction);
  if (n == "tb_next") return NewRef(tb->next ? static_cast<Object*>(tb->next) : None());
  if (n == "tb_frame") return NewFrameInfo(tb->code, tb->line, nullptr, nullptr);
  return GenericGetAttr(o, name);
}

}  // namespace

void InitFrameInfoType() {
  InitStaticType(&FrameInfoType, "frame", sizeof(FrameInfoObject), &ObjectType);
  FrameInfoType.dealloc = FrameInfoDealloc;
  FrameInfoType.repr = FrameInfoRepr;
  FrameInfoType.getattr = FrameInfoGetAttr;
  FrameInfoType.hash = ObjectType.hash;
  FrameInfoType.compare = ObjectType.compare;
  CodeType.getattr = CodeGetAttr;
  TracebackType.getattr = TracebackGetAttr;
}

}  // namespace twinpy
