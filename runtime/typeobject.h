// Classes defined in Python: heap-allocated types whose slots call the
// class's special methods, instances with a __dict__, C3 method order.
#ifndef TWINPY_RUNTIME_TYPEOBJECT_H_
#define TWINPY_RUNTIME_TYPEOBJECT_H_

#include <cstddef>

#include "runtime/object.h"

namespace twinpy {

struct HeapType : Type {
  StrObject* ht_name;
  StrObject* ht_qualname;
  TupleObject* bases;
  Type* static_base;    // the built-in type whose layout instances share
  size_t dict_offset;   // where an instance keeps its __dict__ pointer
};

inline bool IsHeapType(const Type* t) { return (t->flags & kTypeHeap) != 0; }

// type(name, bases, namespace): a new class. New reference or nullptr.
Object* NewHeapType(StrObject* name, TupleObject* bases, DictObject* ns);

// The instance dict slot of `o`, or nullptr when its type has none.
DictObject** InstanceDictSlot(Object* o);

// Attribute access for instances of classes: data descriptors, then the
// instance dict, then other class attributes, then __getattr__.
Object* InstanceGetAttr(Object* o, StrObject* name);
int InstanceSetAttr(Object* o, StrObject* name, Object* value);

// The generic attribute lookup and assignment of instances (data
// descriptors, then the dict, then other class attributes) with the
// instance dict at `slot` (nullptr: none; an empty slot gets a dict when
// first needed): for objects whose dict is not at their class's
// dict_offset, such as thread-local objects (one per thread).
Object* GenericGetAttrWithDict(Object* o, StrObject* name, DictObject** slot);
int GenericSetAttrWithDict(Object* o, StrObject* name, Object* value,
                           DictObject** slot);

// Re-derives a class's slots after its dict changed.
void UpdateSlots(Type* type);

// Construction through a type: __new__ then __init__.
Object* CallHeapType(Type* type, Object* const* args, size_t nargs,
                     TupleObject* kwnames);

void InitTypeObject();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_TYPEOBJECT_H_
