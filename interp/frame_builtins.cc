// globals(), locals(), dir(), vars(): they read the calling Python frame,
// which native functions share (calls to them push no frame).
#include "interp/frame_builtins.h"

#include <set>
#include <string>

#include "interp/frame.h"
#include "runtime/abstract.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/thread_local_object.h"
#include "runtime/thread_state.h"
#include "runtime/tuple.h"
#include "runtime/typeobject.h"

namespace twinpy {

namespace {

Frame* Caller() { return CurrentThread()->frame; }

Object* Globals(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("globals", nargs, 0, 0)) return nullptr;
  Frame* f = Caller();
  if (f == nullptr) return SetError(&RuntimeErrorType, "globals(): no frame");
  return NewRef(f->globals);
}

// A snapshot of a function's locals (cells included); the namespace itself
// for module and class code.
Object* LocalsOf(Frame* f) {
  if (f->locals != nullptr) return NewRef(f->locals);
  if (f->code->flags & kCodeModule) return NewRef(f->globals);
  DictObject* d = NewDict();
  if (d == nullptr) return nullptr;
  CodeObject* co = f->code;
  for (int i = 0; i < co->nlocals; ++i) {
    if (f->slots[i] != nullptr) DictSetItem(d, co->varnames->items[i], f->slots[i]);
  }
  int ncells = co->NumCells();
  for (int i = 0; i < ncells + co->NumFree(); ++i) {
    auto* cell = static_cast<CellObject*>(f->slots[co->nlocals + i]);
    Object* name = i < ncells ? co->cellvars->items[i] : co->freevars->items[i - ncells];
    if (cell != nullptr && cell->value != nullptr) DictSetItem(d, name, cell->value);
  }
  return d;
}

Object* Locals(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("locals", nargs, 0, 0)) return nullptr;
  Frame* f = Caller();
  if (f == nullptr) return SetError(&RuntimeErrorType, "locals(): no frame");
  return LocalsOf(f);
}

void AddKeys(DictObject* d, std::set<std::string>* names) {
  if (d == nullptr) return;
  int64_t pos = 0;
  Object* k;
  // Under the dict's lock: other threads may be adding to a class's dict.
  while (DictNextRef(d, &pos, &k, nullptr)) {
    if (IsStr(k)) names->insert(std::string(StrView(k)));
    Decref(k);
  }
}

void AddTypeNames(Type* t, std::set<std::string>* names) {
  if (t->mro != nullptr) {
    for (int64_t i = 0; i < t->mro->size; ++i) {
      AddKeys(static_cast<Type*>(t->mro->items[i])->dict, names);
    }
  } else {
    for (Type* b = t; b != nullptr; b = b->base) AddKeys(b->dict, names);
  }
}

Object* SortedList(const std::set<std::string>& names) {
  ListObject* list = NewList(0);
  if (list == nullptr) return nullptr;
  for (const std::string& n : names) {
    if (ListAppendSteal(list, NewStr(n)) < 0) {
      Decref(list);
      return nullptr;
    }
  }
  return list;
}

Object* Dir(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("dir", nargs, 0, 1)) return nullptr;
  std::set<std::string> names;
  if (nargs == 0) {
    Frame* f = Caller();
    if (f == nullptr) return SetError(&RuntimeErrorType, "dir(): no frame");
    Object* locals = LocalsOf(f);
    if (locals == nullptr) return nullptr;
    AddKeys(static_cast<DictObject*>(locals), &names);
    Decref(locals);
    return SortedList(names);
  }
  Object* o = args[0];
  if (o->type == &ModuleType) {
    AddKeys(static_cast<ModuleObject*>(o)->dict, &names);
  } else if (o->type == &TypeType) {
    AddTypeNames(static_cast<Type*>(o), &names);
  } else {
    if (DictObject** slot = InstanceDictSlot(o)) AddKeys(*slot, &names);
    if (IsInstance(o, &LocalType)) AddKeys(PeekThreadLocalDict(o), &names);
    AddTypeNames(o->type, &names);
  }
  return SortedList(names);
}

Object* Vars(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("vars", nargs, 0, 1)) return nullptr;
  if (nargs == 0) return Locals(args, nargs, kwnames);
  Object* d = GetAttrString(args[0], "__dict__");
  if (d == nullptr && ErrorMatches(&AttributeErrorType)) {
    ClearError();
    return SetError(&TypeErrorType,
                    "vars() argument must have __dict__ attribute");
  }
  return d;
}

}  // namespace

void AddFrameBuiltins(DictObject* builtins) {
  DictSetStr(builtins, "globals", NewStaticNativeFunction("globals", Globals, 0));
  DictSetStr(builtins, "locals", NewStaticNativeFunction("locals", Locals, 0));
  DictSetStr(builtins, "dir", NewStaticNativeFunction("dir", Dir, 0));
  DictSetStr(builtins, "vars", NewStaticNativeFunction("vars", Vars, 0));
}

}  // namespace twinpy
