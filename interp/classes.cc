// __build_class__ and super.
#include "interp/classes.h"

#include <vector>

#include "interp/eval.h"
#include "runtime/abstract.h"
#include "runtime/descr.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"
#include "runtime/typeobject.h"

namespace twinpy {

Type SuperType;

namespace {

// __build_class__(body, name, *bases, metaclass=type, **kwds)
Object* BuildClass(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (nargs < 2 || args[0]->type != &FunctionType || !IsStr(args[1])) {
    return SetError(&TypeErrorType, "__build_class__: bad arguments");
  }
  auto* body = static_cast<FunctionObject*>(args[0]);
  auto* name = static_cast<StrObject*>(args[1]);
  Object* metaclass = nullptr;
  size_t nkw = kwnames ? kwnames->size : 0;
  for (size_t i = 0; i < nkw; ++i) {
    if (StrView(kwnames->items[i]) == "metaclass") {
      metaclass = args[nargs + i];
    } else {
      return SetError(&TypeErrorType,
                      StrCat("__init_subclass__() takes no keyword arguments"));
    }
  }
  TupleObject* bases = TupleFrom(args + 2, static_cast<int64_t>(nargs) - 2);
  if (bases == nullptr) return nullptr;
  DictObject* ns = NewDict();
  if (ns == nullptr) {
    Decref(bases);
    return nullptr;
  }
  Object* cell = EvalClassBody(body, ns);
  Object* cls = nullptr;
  if (cell != nullptr) {
    if (metaclass != nullptr && metaclass != &TypeType) {
      Object* margs[3] = {name, bases, ns};
      cls = Call(metaclass, margs, 3);
    } else {
      cls = NewHeapType(name, bases, ns);
    }
    if (cls != nullptr && cell->type == &CellType) {
      SetRef(&static_cast<CellObject*>(cell)->value, NewRef(cls));
    }
    Decref(cell);
  }
  Decref(ns);
  Decref(bases);
  return cls;
}

struct SuperObject : Object {
  Type* type;       // the class whose successors are searched
  Object* obj;      // the instance (or class) bound to
  Type* obj_type;   // whose MRO is searched
};

Object* SuperNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("super", kwnames)) return nullptr;
  Type* type;
  Object* obj;
  if (nargs == 1) {
    if (!CurrentMethodContext(&obj, &type)) return nullptr;
  } else if (nargs == 3) {
    if (args[1]->type != &TypeType) {
      return SetError(&TypeErrorType,
                      StrCat("super() argument 1 must be a type, not ",
                             TypeName(args[1])));
    }
    type = static_cast<Type*>(args[1]);
    obj = args[2];
  } else {
    return SetError(&TypeErrorType, "super() takes 0 or 2 arguments");
  }
  Type* obj_type;
  if (obj->type == &TypeType && IsSubtype(static_cast<Type*>(obj), type)) {
    obj_type = static_cast<Type*>(obj);  // super() in a classmethod
  } else if (IsSubtype(obj->type, type)) {
    obj_type = obj->type;
  } else {
    return SetError(&TypeErrorType,
                    "super(type, obj): obj must be an instance or subtype of "
                    "type");
  }
  auto* s = static_cast<SuperObject*>(AllocObject(&SuperType, sizeof(SuperObject)));
  if (s == nullptr) return nullptr;
  s->type = static_cast<Type*>(NewRef(type));
  s->obj = NewRef(obj);
  s->obj_type = static_cast<Type*>(NewRef(obj_type));
  return s;
}

Object* SuperGetAttr(Object* o, StrObject* name) {
  auto* s = static_cast<SuperObject*>(o);
  std::vector<Type*> mro;
  if (s->obj_type->mro != nullptr) {
    for (int64_t i = 0; i < s->obj_type->mro->size; ++i) {
      mro.push_back(static_cast<Type*>(s->obj_type->mro->items[i]));
    }
  } else {
    for (Type* t = s->obj_type; t != nullptr; t = t->base) mro.push_back(t);
  }
  size_t i = 0;
  while (i < mro.size() && mro[i] != s->type) ++i;
  for (++i; i < mro.size(); ++i) {
    if (Object* descr = TypeDictGet(mro[i], name)) {
      bool bound_to_class = s->obj == s->obj_type;
      return DescrGet(descr, bound_to_class ? nullptr : s->obj, s->obj_type);
    }
  }
  if (StrView(name) == "__class__") return NewRef(&SuperType);
  return SetError(&AttributeErrorType,
                  StrCat("'super' object has no attribute '", StrView(name), "'"));
}

void SuperDealloc(Object* o) {
  auto* s = static_cast<SuperObject*>(o);
  Decref(s->type);
  Decref(s->obj);
  Decref(s->obj_type);
  FreeObject(o, sizeof(SuperObject));
}

Object* SuperRepr(Object* o) {
  auto* s = static_cast<SuperObject*>(o);
  return NewStr(StrCat("<super: <class '", s->type->name, "'>, <",
                       s->obj_type->name, " object>>"));
}

}  // namespace

void AddClassBuiltins(DictObject* builtins) {
  InitStaticType(&SuperType, "super", sizeof(SuperObject), &ObjectType);
  SuperType.dealloc = SuperDealloc;
  SuperType.repr = SuperRepr;
  SuperType.getattr = SuperGetAttr;
  SuperType.dict = NewDict();
  DictSetStr(SuperType.dict, "__new__", NewStaticNativeFunction("__new__", SuperNew, 0));
  DictSetStr(builtins, "__build_class__",
             NewStaticNativeFunction("__build_class__", BuildClass, kNativeKeywords));
  DictSetStr(builtins, "super", NewRef(&SuperType));
  DictSetStr(builtins, "property", NewRef(&PropertyType));
  DictSetStr(builtins, "staticmethod", NewRef(&StaticMethodType));
  DictSetStr(builtins, "classmethod", NewRef(&ClassMethodType));
}

}  // namespace twinpy
