// property, staticmethod, classmethod, and descriptor binding.
#include "runtime/descr.h"

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

Type PropertyType;
Type StaticMethodType;
Type ClassMethodType;

namespace {

StrObject* Interned(const char* s) { return InternStr(s); }

bool HasUserMethod(Type* t, const char* name) {
  return t->flags & kTypeHeap ? LookupType(t, Interned(name)) != nullptr
                              : false;
}

}  // namespace

bool IsDataDescriptor(Object* descr) {
  if (descr->type == &PropertyType) return true;
  return HasUserMethod(descr->type, "__set__") ||
         HasUserMethod(descr->type, "__delete__");
}

Object* DescrGet(Object* descr, Object* obj, Type* type) {
  Type* t = descr->type;
  if (t == &FunctionType) {
    return obj != nullptr ? NewMethod(descr, obj) : NewRef(descr);
  }
  if (t == &NativeFunctionType) {
    auto* f = static_cast<NativeFunctionObject*>(descr);
    if (obj == nullptr || !(f->flags & kNativeMethod) || f->self != nullptr) {
      return NewRef(descr);
    }
    NativeFunctionObject* bound = NewNativeFunction(f->name, f->fn, f->flags);
    if (bound == nullptr) return nullptr;
    bound->owner = f->owner;
    bound->self = NewRef(obj);
    return bound;
  }
  if (t == &StaticMethodType) {
    return NewRef(static_cast<StaticMethodObject*>(descr)->func);
  }
  if (t == &ClassMethodType) {
    return NewMethod(static_cast<StaticMethodObject*>(descr)->func,
                     type != nullptr ? static_cast<Object*>(type) : obj->type);
  }
  if (t == &PropertyType) {
    if (obj == nullptr) return NewRef(descr);
    auto* p = static_cast<PropertyObject*>(descr);
    if (p->fget == nullptr) {
      return SetError(&AttributeErrorType, "property has no getter");
    }
    return CallBorrowed(p->fget, &obj, 1);  // p may be rebound meanwhile
  }
  if (t->flags & kTypeHeap) {
    static StrObject* get_name = InternStr("__get__");
    Object* get = LookupType(t, get_name);
    if (get != nullptr) {
      Object* args[3] = {descr, obj ? obj : None(), type ? static_cast<Object*>(type) : None()};
      return CallBorrowed(get, args, 3);
    }
  }
  return NewRef(descr);
}

int DescrSet(Object* descr, Object* obj, Object* value, StrObject* name) {
  if (descr->type == &PropertyType) {
    auto* p = static_cast<PropertyObject*>(descr);
    Object* fn = value != nullptr ? p->fset : p->fdel;
    if (fn == nullptr) {
      SetError(&AttributeErrorType,
               StrCat(value != nullptr ? "can't set attribute '"
                                       : "can't delete attribute '",
                      StrView(name), "'"));
      return -1;
    }
    Object* args[2] = {obj, value};
    Object* r = CallBorrowed(fn, args, value != nullptr ? 2 : 1);
    if (r == nullptr) return -1;
    Decref(r);
    return 1;
  }
  if (!(descr->type->flags & kTypeHeap)) return 0;
  static StrObject* set_name = InternStr("__set__");
  static StrObject* delete_name = InternStr("__delete__");
  Object* method = LookupType(descr->type, value != nullptr ? set_name : delete_name);
  if (method == nullptr) return 0;
  Object* args[3] = {descr, obj, value};
  Object* r = CallBorrowed(method, args, value != nullptr ? 3 : 2);
  if (r == nullptr) return -1;
  Decref(r);
  return 1;
}

namespace {

void PropertyDealloc(Object* o) {
  auto* p = static_cast<PropertyObject*>(o);
  XDecref(p->fget);
  XDecref(p->fset);
  XDecref(p->fdel);
  XDecref(p->doc);
  FreeObject(o, sizeof(PropertyObject));
}

Object* NoneToNull(Object* o) { return o == None() ? nullptr : o; }

PropertyObject* MakeProperty(Object* fget, Object* fset, Object* fdel,
                             Object* doc) {
  auto* p = static_cast<PropertyObject*>(
      AllocObject(&PropertyType, sizeof(PropertyObject)));
  if (p == nullptr) return nullptr;
  p->fget = fget ? NewRef(fget) : nullptr;
  p->fset = fset ? NewRef(fset) : nullptr;
  p->fdel = fdel ? NewRef(fdel) : nullptr;
  p->doc = doc ? NewRef(doc) : nullptr;
  return p;
}

// property(fget=None, fset=None, fdel=None, doc=None)
Object* PropertyNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* slots[4] = {nullptr, nullptr, nullptr, nullptr};
  static const char* const kNames[] = {"fget", "fset", "fdel", "doc"};
  if (nargs - 1 > 4) {
    return SetError(&TypeErrorType, "property() takes at most 4 arguments");
  }
  for (size_t i = 1; i < nargs; ++i) slots[i - 1] = NoneToNull(args[i]);
  size_t nkw = kwnames ? kwnames->size : 0;
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view n = StrView(kwnames->items[k]);
    int index = -1;
    for (int i = 0; i < 4; ++i) {
      if (n == kNames[i]) index = i;
    }
    if (index < 0) {
      return SetError(&TypeErrorType,
                      StrCat("property() got an unexpected keyword argument '",
                             n, "'"));
    }
    slots[index] = NoneToNull(args[nargs + k]);
  }
  return MakeProperty(slots[0], slots[1], slots[2], slots[3]);
}

// p.setter(f) and friends return a copy with one accessor replaced.
Object* PropertyCopy(Object* const* args, size_t nargs, int which) {
  if (!CheckArgCount("property accessor", nargs - 1, 1, 1)) return nullptr;
  auto* p = static_cast<PropertyObject*>(args[0]);
  Object* fns[3] = {p->fget, p->fset, p->fdel};
  fns[which] = NoneToNull(args[1]);
  return MakeProperty(fns[0], fns[1], fns[2], p->doc);
}

Object* PropertyGetter(Object* const* a, size_t n, TupleObject*) {
  return PropertyCopy(a, n, 0);
}
Object* PropertySetter(Object* const* a, size_t n, TupleObject*) {
  return PropertyCopy(a, n, 1);
}
Object* PropertyDeleter(Object* const* a, size_t n, TupleObject*) {
  return PropertyCopy(a, n, 2);
}

Object* PropertyGetAttr(Object* o, StrObject* name) {
  auto* p = static_cast<PropertyObject*>(o);
  std::string_view n = StrView(name);
  if (n == "fget") return NewRef(p->fget ? p->fget : None());
  if (n == "fset") return NewRef(p->fset ? p->fset : None());
  if (n == "fdel") return NewRef(p->fdel ? p->fdel : None());
  if (n == "__doc__") {
    if (p->doc) return NewRef(p->doc);
    if (p->fget) return GetAttrString(p->fget, "__doc__");
    return None();
  }
  return GenericGetAttr(o, name);
}

const MethodDef kPropertyMethods[] = {
    {"getter", PropertyGetter, kNativeMethod},
    {"setter", PropertySetter, kNativeMethod},
    {"deleter", PropertyDeleter, kNativeMethod},
    {nullptr, nullptr, 0},
};

void WrapperDealloc(Object* o) {
  Decref(static_cast<StaticMethodObject*>(o)->func);
  FreeObject(o, sizeof(StaticMethodObject));
}

Object* MakeWrapper(Type* type, Object* const* args, size_t nargs,
                    TupleObject* kwnames) {
  if (!CheckNoKeywords(type->name, kwnames) ||
      !CheckArgCount(type->name, nargs - 1, 1, 1)) {
    return nullptr;
  }
  auto* w = static_cast<StaticMethodObject*>(
      AllocObject(type, sizeof(StaticMethodObject)));
  if (w == nullptr) return nullptr;
  w->func = NewRef(args[1]);
  return w;
}

Object* StaticMethodNew(Object* const* a, size_t n, TupleObject* k) {
  return MakeWrapper(&StaticMethodType, a, n, k);
}
Object* ClassMethodNew(Object* const* a, size_t n, TupleObject* k) {
  return MakeWrapper(&ClassMethodType, a, n, k);
}

Object* WrapperGetAttr(Object* o, StrObject* name) {
  std::string_view n = StrView(name);
  Object* func = static_cast<StaticMethodObject*>(o)->func;
  if (n == "__func__" || n == "__wrapped__") return NewRef(func);
  if (n == "__doc__" || n == "__name__" || n == "__qualname__") {
    return GetAttr(func, name);
  }
  return GenericGetAttr(o, name);
}

// staticmethod objects are callable since 3.10.
Object* StaticMethodCall(Object* callable, Object* const* args, size_t nargs,
                         TupleObject* kwnames) {
  return Call(static_cast<StaticMethodObject*>(callable)->func, args, nargs,
              kwnames);
}

void InitWrapperType(Type* t, const char* name, NativeFn ctor) {
  InitStaticType(t, name, sizeof(StaticMethodObject), &ObjectType);
  t->dealloc = WrapperDealloc;
  t->getattr = WrapperGetAttr;
  t->hash = ObjectType.hash;
  t->compare = ObjectType.compare;
  t->dict = NewDict();
  DictSetStr(t->dict, "__new__", NewStaticNativeFunction("__new__", ctor, 0));
}

}  // namespace

void InitDescrTypes() {
  InitStaticType(&PropertyType, "property", sizeof(PropertyObject), &ObjectType);
  PropertyType.dealloc = PropertyDealloc;
  PropertyType.getattr = PropertyGetAttr;
  PropertyType.hash = ObjectType.hash;
  PropertyType.compare = ObjectType.compare;
  AddMethods(&PropertyType, kPropertyMethods);
  DictSetStr(PropertyType.dict, "__new__",
             NewStaticNativeFunction("__new__", PropertyNew, kNativeKeywords));
  InitWrapperType(&StaticMethodType, "staticmethod", StaticMethodNew);
  StaticMethodType.call = StaticMethodCall;
  InitWrapperType(&ClassMethodType, "classmethod", ClassMethodNew);
}

}  // namespace twinpy
