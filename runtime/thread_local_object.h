// _thread._local (threading.local): an object whose attributes each thread
// sees separately.
//
// Every thread keeps its own attribute dict for each local object it has
// touched, found through a per-thread table indexed by the object's slot
// number: an attribute access costs a thread-local load and an array load,
// with no shared lock and no shared write. A thread's dicts are released
// when it ends (ReleaseThreadLocals), and an object's dicts in every thread
// when it dies.
#ifndef TWINPY_RUNTIME_THREAD_LOCAL_OBJECT_H_
#define TWINPY_RUNTIME_THREAD_LOCAL_OBJECT_H_

#include "runtime/object.h"

namespace twinpy {

extern Type LocalType;

// The type record, its methods and dict: before the first local is made
// (the _thread module does it).
void InitLocalType();

// Attribute access with the calling thread's dict, created on first use by
// each thread other than the creator (running a subclass's __init__ again
// with the constructor's arguments). For LocalType and, through
// typeobject.cc's generic instance access, its subclasses.
Object* LocalGetAttr(Object* o, StrObject* name);
int LocalSetAttr(Object* o, StrObject* name, Object* value);

// The getattr slot of classes derived from _thread._local: the ordinary
// instance access (user __getattribute__ / __getattr__ included) under a
// distinct name, so the evaluation loop's method shortcut, which trusts the
// dict at the class's dict_offset, never applies to them.
Object* LocalSubclassGetAttr(Object* o, StrObject* name);

// The calling thread's dict for local `o` if it has one already (borrowed),
// else nullptr; never creates one or runs code (dir() lists it).
DictObject* PeekThreadLocalDict(Object* o);

// Releases the calling thread's dicts of every local object: called by a
// Python thread as it ends, while it still holds the global lock.
void ReleaseThreadLocals();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_THREAD_LOCAL_OBJECT_H_
