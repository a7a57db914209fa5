// list: a growable array of references.
#ifndef TWINPY_RUNTIME_LIST_H_
#define TWINPY_RUNTIME_LIST_H_

#include <cstdint>

#include "runtime/object.h"

namespace twinpy {

struct ListObject : Object {
  int64_t size;
  int64_t capacity;
  Object** items;
};

extern Type ListType;

inline bool IsList(const Object* o) {
  return o->type == &ListType || (o->type->flags & kTypeListSubclass);
}
ListObject* NewList(int64_t size);  // size null slots the caller fills
int ListAppend(ListObject* list, Object* item);  // -1 on MemoryError
// Takes the reference to `item`.
int ListAppendSteal(ListObject* list, Object* item);
int ListExtend(ListObject* list, Object* iterable);
// list(iterable)
ListObject* ListFromIterable(Object* iterable);
// In-place stable sort by natural order; -1 on error (comparison raised).
int ListSort(ListObject* list, Object* key, bool reverse);

void InitListType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_LIST_H_
