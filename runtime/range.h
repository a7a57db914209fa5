// range objects and their iterator (which the evaluation loop special-cases).
#ifndef TWINPY_RUNTIME_RANGE_H_
#define TWINPY_RUNTIME_RANGE_H_

#include <cstdint>

#include "runtime/object.h"

namespace twinpy {

struct RangeObject : Object {
  int64_t start;
  int64_t stop;
  int64_t step;
  int64_t length;
};

struct RangeIterator : Object {
  int64_t next;
  int64_t step;
  int64_t remaining;
};

extern Type RangeType;
extern Type RangeIteratorType;

void InitRangeType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_RANGE_H_
