// Functions, native functions, bound methods and cells.
#include "runtime/function.h"

#include <memory>
#include <new>
#include <string>

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

namespace twinpy {

Type FunctionType;
Type NativeFunctionType;
Type MethodType;
Type CellType;

FunctionObject* NewFunction(CodeObject* code, DictObject* globals) {
  auto* f = static_cast<FunctionObject*>(
      AllocObject(&FunctionType, sizeof(FunctionObject)));
  if (f == nullptr) return nullptr;
  f->code = NewRef(code);
  f->globals = NewRef(globals);
  f->builtins = nullptr;
  f->defaults = nullptr;
  f->kwdefaults = nullptr;
  f->closure = nullptr;
  f->name = NewRef(code->name);
  f->qualname = NewRef(code->qualname);
  f->doc = nullptr;
  f->dict = nullptr;
  f->module = nullptr;
  return f;
}

NativeFunctionObject* NewNativeFunction(const char* name, NativeFn fn,
                                        uint32_t flags) {
  auto* f = static_cast<NativeFunctionObject*>(
      AllocObject(&NativeFunctionType, sizeof(NativeFunctionObject)));
  if (f == nullptr) return nullptr;
  f->name = name;
  f->fn = fn;
  f->flags = flags;
  f->self = nullptr;
  f->owner = nullptr;
  return f;
}

Object* NewMethod(Object* func, Object* self) {
  auto* m =
      static_cast<MethodObject*>(AllocObject(&MethodType, sizeof(MethodObject)));
  if (m == nullptr) return nullptr;
  m->func = NewRef(func);
  m->self = NewRef(self);
  return m;
}

CellObject* NewCell(Object* value) {
  auto* c = static_cast<CellObject*>(AllocObject(&CellType, sizeof(CellObject)));
  if (c == nullptr) return nullptr;
  c->value = value;
  XIncref(value);
  new (&c->mutex) ObjectMutex();
  return c;
}

NativeFunctionObject* NewStaticNativeFunction(const char* name, NativeFn fn,
                                              uint32_t flags) {
  NativeFunctionObject* f = NewNativeFunction(name, fn, flags);
  if (f != nullptr) MakeImmortal(f);
  return f;
}

void AddMethods(Type* type, const MethodDef* defs) {
  InvalidateTypeCaches();
  if (type->dict == nullptr) type->dict = NewDict();
  for (; defs->name != nullptr; ++defs) {
    NativeFunctionObject* f = NewStaticNativeFunction(defs->name, defs->fn, defs->flags);
    f->owner = type;
    DictSetStr(type->dict, defs->name, f);
  }
}

bool CheckNoKeywords(const char* fname, TupleObject* kwnames) {
  if (kwnames == nullptr || kwnames->size == 0) return true;
  SetError(&TypeErrorType, StrCat(fname, "() takes no keyword arguments"));
  return false;
}

bool CheckArgCount(const char* fname, size_t nargs, size_t min, size_t max) {
  if (nargs >= min && nargs <= max) return true;
  if (min == max) {
    if (min == 0) {
      SetError(&TypeErrorType, StrCat(fname, "() takes no arguments (",
                                            nargs, " given)"));
    } else if (min == 1) {
      SetError(&TypeErrorType,
               StrCat(fname, "() takes exactly one argument (", nargs,
                            " given)"));
    } else {
      SetError(&TypeErrorType,
               StrCat(fname, " expected ", min, " arguments, got ",
                            nargs));
    }
  } else if (nargs < min) {
    SetError(&TypeErrorType,
             StrCat(fname, " expected at least ", min,
                          min == 1 ? " argument, got " : " arguments, got ",
                          nargs));
  } else {
    SetError(&TypeErrorType,
             StrCat(fname, " expected at most ", max,
                          max == 1 ? " argument, got " : " arguments, got ",
                          nargs));
  }
  return false;
}

Object* NativeOutOfMemory() { return NoMemory(); }

namespace {

std::string Address(Object* o) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%p", static_cast<void*>(o));
  return buf;
}

void FunctionDealloc(Object* o) {
  auto* f = static_cast<FunctionObject*>(o);
  Decref(f->code);
  Decref(f->globals);
  XDecref(f->builtins);
  XDecref(f->defaults);
  XDecref(f->kwdefaults);
  XDecref(f->closure);
  Decref(f->name);
  Decref(f->qualname);
  XDecref(f->doc);
  XDecref(f->dict);
  XDecref(f->module);
  FreeObject(o, sizeof(FunctionObject));
}

Object* FunctionRepr(Object* o) {
  auto* f = static_cast<FunctionObject*>(o);
  return NewStr(StrCat("<function ", StrView(f->qualname), " at ",
                             Address(o), ">"));
}

Object* FunctionGetAttr(Object* o, StrObject* name) {
  auto* f = static_cast<FunctionObject*>(o);
  std::string_view n = StrView(name);
  if (n == "__name__") return NewRef(f->name);
  if (n == "__qualname__") return NewRef(f->qualname);
  if (n == "__doc__") return NewRef(f->doc ? f->doc : None());
  if (n == "__module__") return NewRef(f->module ? f->module : None());
  if (n == "__defaults__") {
    return NewRef(f->defaults ? static_cast<Object*>(f->defaults) : None());
  }
  if (n == "__code__") return NewRef(f->code);
  if (n == "__globals__") return NewRef(f->globals);
  if (n == "__dict__") {
    if (f->dict == nullptr && (f->dict = NewDict()) == nullptr) return nullptr;
    return NewRef(f->dict);
  }
  if (f->dict != nullptr) {
    // Under the dict's lock: another thread may be setting an attribute.
    if (Object* v = DictGetStrRef(f->dict, name)) return v;
  }
  return GenericGetAttr(o, name);
}

int FunctionSetAttr(Object* o, StrObject* name, Object* value) {
  auto* f = static_cast<FunctionObject*>(o);
  std::string_view n = StrView(name);
  if (value != nullptr) {
    if (n == "__name__" && IsStr(value)) {
      SetRef(reinterpret_cast<Object**>(&f->name), NewRef(value));
      return 0;
    }
    if (n == "__qualname__" && IsStr(value)) {
      SetRef(reinterpret_cast<Object**>(&f->qualname), NewRef(value));
      return 0;
    }
    if (n == "__doc__") {
      SetRef(&f->doc, NewRef(value));
      return 0;
    }
    if (n == "__module__") {
      SetRef(&f->module, NewRef(value));
      return 0;
    }
  }
  if (f->dict == nullptr && (f->dict = NewDict()) == nullptr) return -1;
  if (value == nullptr) {
    int r = DictDelItem(f->dict, name);
    if (r == 0) {
      SetError(&AttributeErrorType, std::string(n));
      return -1;
    }
    return r < 0 ? -1 : 0;
  }
  return DictSetItem(f->dict, name, value);
}

Object* NativeCall(Object* callable, Object* const* args, size_t nargs,
                   TupleObject* kwnames) {
  auto* f = static_cast<NativeFunctionObject*>(callable);
  if (!(f->flags & kNativeKeywords) && kwnames != nullptr && kwnames->size > 0) {
    return SetError(&TypeErrorType,
                    StrCat(f->name, "() takes no keyword arguments"));
  }
  if (f->self == nullptr) {
    if ((f->flags & kNativeMethod) && nargs == 0) {
      return SetError(&TypeErrorType,
                      StrCat("unbound method ",
                                   f->owner ? f->owner->name : "", ".",
                                   f->name, "() needs an argument"));
    }
    return InvokeNative(f->fn, args, nargs, kwnames);
  }
  // Bound: prepend self.
  PrependedArgs full(f->self, args, nargs + (kwnames ? kwnames->size : 0));
  return InvokeNative(f->fn, full.data(), nargs + 1, kwnames);
}

void NativeDealloc(Object* o) {
  XDecref(static_cast<NativeFunctionObject*>(o)->self);
  FreeObject(o, sizeof(NativeFunctionObject));
}

Object* NativeRepr(Object* o) {
  auto* f = static_cast<NativeFunctionObject*>(o);
  if (f->self != nullptr && (f->flags & kNativeMethod)) {
    return NewStr(StrCat("<built-in method ", f->name, " of ",
                               TypeName(f->self), " object at ",
                               Address(f->self), ">"));
  }
  if (f->owner != nullptr && (f->flags & kNativeMethod)) {
    return NewStr(StrCat("<method '", f->name, "' of '", f->owner->name,
                               "' objects>"));
  }
  return NewStr(StrCat("<built-in function ", f->name, ">"));
}

Object* NativeGetAttr(Object* o, StrObject* name) {
  auto* f = static_cast<NativeFunctionObject*>(o);
  std::string_view n = StrView(name);
  if (n == "__name__" || n == "__qualname__") return NewStr(f->name);
  if (n == "__self__") return NewRef(f->self ? f->self : None());
  return GenericGetAttr(o, name);
}

Object* MethodCall(Object* callable, Object* const* args, size_t nargs,
                   TupleObject* kwnames) {
  auto* m = static_cast<MethodObject*>(callable);
  PrependedArgs full(m->self, args, nargs + (kwnames ? kwnames->size : 0));
  return Call(m->func, full.data(), nargs + 1, kwnames);
}

void MethodDealloc(Object* o) {
  auto* m = static_cast<MethodObject*>(o);
  Decref(m->func);
  Decref(m->self);
  FreeObject(o, sizeof(MethodObject));
}

Object* MethodRepr(Object* o) {
  auto* m = static_cast<MethodObject*>(o);
  Object* name = GetAttrString(m->func, "__qualname__");
  if (name == nullptr) return nullptr;
  std::string self;
  std::string fname;
  bool ok = StrString(name, &fname) && ReprString(m->self, &self);
  Decref(name);
  if (!ok) return nullptr;
  return NewStr(StrCat("<bound method ", fname, " of ", self, ">"));
}

Object* MethodGetAttr(Object* o, StrObject* name) {
  auto* m = static_cast<MethodObject*>(o);
  std::string_view n = StrView(name);
  if (n == "__self__") return NewRef(m->self);
  if (n == "__func__") return NewRef(m->func);
  return GetAttr(m->func, name);
}

Object* MethodCompare(Object* a, Object* b, CompareOp op) {
  if (a->type != &MethodType || b->type != &MethodType ||
      (op != CompareOp::kEq && op != CompareOp::kNe)) {
    return NotImplemented();
  }
  auto* x = static_cast<MethodObject*>(a);
  auto* y = static_cast<MethodObject*>(b);
  bool eq = x->func == y->func && x->self == y->self;
  return Bool(op == CompareOp::kEq ? eq : !eq);
}

void CellDealloc(Object* o) {
  XDecref(static_cast<CellObject*>(o)->value);
  FreeObject(o, sizeof(CellObject));
}

int64_t IdentityHash(Object* o) {
  return static_cast<int64_t>(reinterpret_cast<uintptr_t>(o) >> 4);
}

}  // namespace

void InitFunctionTypes() {
  InitStaticType(&FunctionType, "function", sizeof(FunctionObject),
                 &ObjectType);
  FunctionType.dealloc = FunctionDealloc;
  FunctionType.repr = FunctionRepr;
  FunctionType.hash = IdentityHash;
  FunctionType.compare = ObjectType.compare;
  FunctionType.getattr = FunctionGetAttr;
  FunctionType.setattr = FunctionSetAttr;
  // FunctionType.call is installed by the interpreter, which owns the
  // evaluation loop.

  InitStaticType(&NativeFunctionType, "builtin_function_or_method",
                 sizeof(NativeFunctionObject), &ObjectType);
  NativeFunctionType.dealloc = NativeDealloc;
  NativeFunctionType.repr = NativeRepr;
  NativeFunctionType.hash = IdentityHash;
  NativeFunctionType.compare = ObjectType.compare;
  NativeFunctionType.call = NativeCall;
  NativeFunctionType.getattr = NativeGetAttr;

  InitStaticType(&MethodType, "method", sizeof(MethodObject), &ObjectType);
  MethodType.dealloc = MethodDealloc;
  MethodType.repr = MethodRepr;
  MethodType.hash = IdentityHash;
  MethodType.compare = MethodCompare;
  MethodType.call = MethodCall;
  MethodType.getattr = MethodGetAttr;

  InitStaticType(&CellType, "cell", sizeof(CellObject), &ObjectType);
  CellType.dealloc = CellDealloc;
  CellType.getattr = GenericGetAttr;
}

}  // namespace twinpy
