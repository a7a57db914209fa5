// Built-in iterator types: enumerate, zip, map, filter, reversed.
#ifndef TWINPY_RUNTIME_ITERATORS_H_
#define TWINPY_RUNTIME_ITERATORS_H_

#include "runtime/object.h"

namespace twinpy {

extern Type EnumerateType;
extern Type ZipType;
extern Type MapType;
extern Type FilterType;
extern Type ReversedType;

// Iteration through __getitem__(0), __getitem__(1), ... until IndexError
// (the protocol older than __iter__).
Object* NewSequenceIterator(Object* sequence);

void InitIteratorTypes();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_ITERATORS_H_
