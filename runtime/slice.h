// slice objects and the index arithmetic sequences share.
#ifndef TWINPY_RUNTIME_SLICE_H_
#define TWINPY_RUNTIME_SLICE_H_

#include <cstdint>

#include "runtime/object.h"

namespace twinpy {

struct SliceObject : Object {
  Object* start;  // None when omitted
  Object* stop;
  Object* step;
};

extern Type SliceType;

inline bool IsSlice(const Object* o) { return o->type == &SliceType; }
// Takes new references to the three bounds (None allowed).
Object* NewSlice(Object* start, Object* stop, Object* step);

// Resolves a slice against a sequence of `length`, as slice.indices() does;
// returns the number of selected items, or -1 with an exception set.
int64_t SliceIndices(SliceObject* s, int64_t length, int64_t* start,
                     int64_t* stop, int64_t* step);

// Normalises a possibly negative index; false when out of range (no
// exception set: the caller raises with its own message).
inline bool NormalizeIndex(int64_t* i, int64_t length) {
  if (*i < 0) *i += length;
  return *i >= 0 && *i < length;
}

void InitSliceType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_SLICE_H_
