// list: a growable array of references.
#ifndef TWINPY_RUNTIME_LIST_H_
#define TWINPY_RUNTIME_LIST_H_

#include <cstdint>
#include <vector>

#include "runtime/object.h"
#include "runtime/object_lock.h"

namespace twinpy {

// In the free-threaded build every change to size/items happens under
// `mutex` (object_lock.h), and item reads may happen without it (list.cc);
// code outside list.cc uses the functions below.
struct ListObject : Object {
  int64_t size;
  int64_t capacity;
  Object** items;
  ObjectMutex mutex;
  LockFreeReads reads;  // ListItemRef reads items without the mutex
};

extern Type ListType;
extern Type ListIteratorType;

// next() of a list iterator whose caller holds the only reference (a for
// loop's own iterator): no other thread can reach it, so the position is
// claimed without a read-modify-write. nullptr when exhausted.
Object* ListIterNextExclusive(Object* it);

inline bool IsList(const Object* o) {
  return o->type == &ListType || (o->type->flags & kTypeListSubclass);
}
ListObject* NewList(int64_t size);  // size null slots the caller fills
// Item i as a new reference (negative i counts from the end), or nullptr
// without an exception when out of range.
Object* ListItemRef(ListObject* list, int64_t i);
// Swaps items i and j (random.shuffle); false when either is out of range.
bool ListSwapItems(ListObject* list, int64_t i, int64_t j);
// The items as new references, read under the list's lock.
std::vector<Object*> ListSnapshot(ListObject* list);
int64_t ListSize(ListObject* list);
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
