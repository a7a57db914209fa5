// Descriptors: property, staticmethod, classmethod, and the binding rule
// that turns a class attribute into what `obj.attr` returns.
#ifndef TWINPY_RUNTIME_DESCR_H_
#define TWINPY_RUNTIME_DESCR_H_

#include "runtime/object.h"

namespace twinpy {

struct PropertyObject : Object {
  Object* fget;  // each may be nullptr
  Object* fset;
  Object* fdel;
  Object* doc;
};

struct StaticMethodObject : Object {
  Object* func;
};

extern Type PropertyType;
extern Type StaticMethodType;
extern Type ClassMethodType;  // same layout as StaticMethodObject

// True for descriptors that take precedence over an instance's dict
// (property, or a class with __set__/__delete__).
bool IsDataDescriptor(Object* descr);

// What `obj.name` yields for a class attribute `descr` found on `type`
// (obj is nullptr for access through the class). New reference.
Object* DescrGet(Object* descr, Object* obj, Type* type);

// Assignment through a data descriptor: 1 handled, 0 not a data
// descriptor, -1 error. value nullptr deletes.
int DescrSet(Object* descr, Object* obj, Object* value, StrObject* name);

void InitDescrTypes();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_DESCR_H_
