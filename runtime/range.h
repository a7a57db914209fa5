// range objects and their iterator (which the evaluation loop special-cases).
#ifndef TWINPY_RUNTIME_RANGE_H_
#define TWINPY_RUNTIME_RANGE_H_

#include <cstdint>

#include "runtime/object.h"
#include "runtime/object_lock.h"

namespace twinpy {

// Bounds are kept as int objects; when they and the length fit in a
// machine word (`small`), the copies below serve the fast paths.
struct RangeObject : Object {
  Object* start;
  Object* stop;
  Object* step;
  Object* length;
  bool small;
  int64_t istart;
  int64_t istop;
  int64_t istep;
  int64_t ilength;
};

// Threads sharing one iterator each claim a distinct index; the value is
// computed from it, so no two threads ever see the same element.
struct RangeIterator : Object {
  int64_t start;
  int64_t step;
  int64_t length;
  int64_t index;  // next position to hand out (claimed atomically)
};

// The next element, or false when the iterator is exhausted. `exclusive`:
// the caller holds the only reference (a for loop's own iterator), so no
// other thread can reach it and the claim needs no read-modify-write.
inline bool RangeIteratorNext(RangeIterator* r, int64_t* value,
                              bool exclusive = false) {
  // The plain load keeps an exhausted iterator's index from growing.
  int64_t i = SharedLoad(&r->index);
  if (i >= r->length) return false;
  if (exclusive) {
    SharedStore(&r->index, i + 1);
  } else {
    i = SharedFetchAdd(&r->index, 1);
    if (i >= r->length) return false;
  }
  // Unsigned: wraps like the machine would, never UB; the result is in
  // range for every valid index.
  *value = static_cast<int64_t>(static_cast<uint64_t>(r->start) +
                                static_cast<uint64_t>(i) *
                                    static_cast<uint64_t>(r->step));
  return true;
}

extern Type RangeType;
extern Type RangeIteratorType;      // machine-word ranges
extern Type LongRangeIteratorType;  // anything larger

void InitRangeType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_RANGE_H_
