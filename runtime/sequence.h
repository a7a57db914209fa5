// Behaviour list and tuple share: repr, comparison, search, and the guard
// that stops repr of a container that contains itself.
#ifndef TWINPY_RUNTIME_SEQUENCE_H_
#define TWINPY_RUNTIME_SEQUENCE_H_

#include <cstdint>

#include "runtime/object.h"

namespace twinpy {

// "[a, b]" / "(a,)" style repr; a container already being printed on this
// thread prints as `recursive` ("[...]").
Object* SequenceRepr(Object* self, Object* const* items, int64_t n,
                     const char* open, const char* close,
                     const char* recursive, bool trailing_comma_if_one);
// Lexicographic rich comparison of two item arrays.
Object* SequenceCompare(Object* const* a, int64_t na, Object* const* b,
                        int64_t nb, CompareOp op);
// 1 found, 0 not, -1 error.
int SequenceContains(Object* const* items, int64_t n, Object* value);
int64_t SequenceCount(Object* const* items, int64_t n, Object* value);  // -1 error
// Index of value in items[start:stop], -1 with ValueError if absent, -2 on
// other errors.
int64_t SequenceIndex(Object* const* items, int64_t n, Object* value,
                      int64_t start, int64_t stop);

// Py_ReprEnter/Leave: true when `o` is already being repr'd on this thread.
bool ReprEnter(Object* o);
void ReprLeave(Object* o);

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_SEQUENCE_H_
