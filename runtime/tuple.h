// tuple: an immutable array of references stored inline.
#ifndef TWINPY_RUNTIME_TUPLE_H_
#define TWINPY_RUNTIME_TUPLE_H_

#include <cstdint>
#include <initializer_list>

#include "runtime/object.h"

namespace twinpy {

struct TupleObject : Object {
  int64_t size;
  Object* items[1];
};

extern Type TupleType;

inline bool IsTuple(const Object* o) {
  return o->type == &TupleType || (o->type->flags & kTypeTupleSubclass);
}
// A tuple of `size` null slots the caller fills (stealing references).
TupleObject* NewTuple(int64_t size);
// A tuple holding new references to `items`.
TupleObject* TupleFrom(Object* const* items, int64_t size);
TupleObject* TupleOf(std::initializer_list<Object*> items);
TupleObject* EmptyTuple();

void InitTupleType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_TUPLE_H_
