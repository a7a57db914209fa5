// range objects and their iterator (which the evaluation loop special-cases).
#ifndef TWINPY_RUNTIME_RANGE_H_
#define TWINPY_RUNTIME_RANGE_H_

#include <cstdint>

#include "runtime/object.h"

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

struct RangeIterator : Object {
  int64_t next;
  int64_t step;
  int64_t remaining;
};

extern Type RangeType;
extern Type RangeIteratorType;      // machine-word ranges
extern Type LongRangeIteratorType;  // anything larger

void InitRangeType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_RANGE_H_
