// set and frozenset: hash tables of keys without values.
#ifndef TWINPY_RUNTIME_SET_H_
#define TWINPY_RUNTIME_SET_H_

#include <cstdint>

#include "runtime/object.h"

namespace twinpy {

struct SetObject;  // defined in set.cc

extern Type SetType;
extern Type FrozenSetType;

// SetObject is opaque here; these convert between it and Object.
inline Object* SetAsObject(SetObject* s) { return reinterpret_cast<Object*>(s); }
inline SetObject* ObjectAsSet(Object* o) { return reinterpret_cast<SetObject*>(o); }

inline bool IsSet(const Object* o) { return o->type == &SetType; }
inline bool IsAnySet(const Object* o) {
  return o->type == &SetType || o->type == &FrozenSetType;
}
SetObject* NewSet();
int SetAdd(SetObject* set, Object* key);         // -1 on error
int SetUpdate(SetObject* set, Object* iterable);  // -1 on error
int SetContains(SetObject* set, Object* key);     // 1, 0, -1
int64_t SetSize(SetObject* set);

// set(iterable) and frozenset(iterable); iterable may be nullptr.
SetObject* NewSetFrom(Object* iterable);
Object* NewFrozenSet(Object* iterable);
int SetDiscard(SetObject* set, Object* key);  // 1 removed, 0 absent, -1 error
// Iteration by table position: *pos starts at 0; borrowed key.
bool SetNext(SetObject* set, int64_t* pos, Object** key);
// Removes and returns an arbitrary key; KeyError when empty.
Object* SetPop(SetObject* set);

void InitSetType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_SET_H_
