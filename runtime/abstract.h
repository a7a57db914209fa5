// Operations on any object, dispatched through type slots: what the
// evaluation loop and the builtins call.
#ifndef TWINPY_RUNTIME_ABSTRACT_H_
#define TWINPY_RUNTIME_ABSTRACT_H_

#include <cstdint>
#include <string>

#include "runtime/object.h"

namespace twinpy {

inline const char* TypeName(const Object* o) { return o->type->name; }

StrObject* Repr(Object* o);
StrObject* Str(Object* o);
// repr() as std::string; false when __repr__ raised.
bool ReprString(Object* o, std::string* out);
bool StrString(Object* o, std::string* out);

int IsTrue(Object* o);  // 1, 0, -1 on error
int64_t Hash(Object* o);  // -1 on error
int64_t Length(Object* o);  // -1 on error

Object* BinaryOp(Object* a, Object* b, BinOp op);
Object* InplaceOp(Object* a, Object* b, BinOp op);
Object* Negative(Object* o);
Object* Positive(Object* o);
Object* Invert(Object* o);
const char* BinOpSymbol(BinOp op);

Object* RichCompare(Object* a, Object* b, CompareOp op);
// 1, 0 or -1; identity implies equality, as in CPython's containers.
int RichCompareBool(Object* a, Object* b, CompareOp op);
inline int EqualBool(Object* a, Object* b) {
  return a == b ? 1 : RichCompareBool(a, b, CompareOp::kEq);
}

Object* GetItem(Object* container, Object* key);
int SetItem(Object* container, Object* key, Object* value);
int DelItem(Object* container, Object* key);
int Contains(Object* container, Object* value);  // 1, 0, -1

Object* GetIter(Object* o);
// Next item; nullptr without an exception set when exhausted (a raised
// StopIteration is cleared).
Object* IterNext(Object* iterator);

Object* Call(Object* callable, Object* const* args, size_t nargs,
             TupleObject* kwnames = nullptr);
Object* CallMethod(Object* self, const char* name, Object* const* args,
                   size_t nargs);

Object* GetAttr(Object* o, StrObject* name);
Object* GetAttrString(Object* o, const char* name);
int SetAttr(Object* o, StrObject* name, Object* value);
// Type-dict lookup along the MRO; borrowed or nullptr. Cached per thread
// for interned names (as CPython's type attribute cache).
//
// Another thread may rebind or delete the attribute meanwhile; the value it
// replaces is released only after every thread passed a quiescent point
// (qsbr.h). So the result stays valid until the caller's next quiescent
// point: it must take a reference, or stop using it, before anything that
// may run Python code or block (CallBorrowed does that for a call).
Object* LookupType(Type* type, StrObject* name);
// The value `name` has in the type's own dict (not its bases'); borrowed on
// the same terms as LookupType's.
Object* TypeDictGet(Type* type, StrObject* name);
// Call() for a callable, and arguments, that may be borrowed as above: a
// Python function takes its references before any of its code runs; any
// other callable is held, with the arguments, across the call.
Object* CallBorrowed(Object* callable, Object* const* args, size_t nargs,
                     TupleObject* kwnames = nullptr);
// Any change to a type's dict, or a type's death, must call this so the
// lookup caches forget what they saw.
void InvalidateTypeCaches();
// A special method looked up on the type and bound to `o` (as CPython's
// _PyObject_LookupSpecial); nullptr without an error when absent.
Object* LookupSpecial(Object* o, StrObject* name);
// The default attribute lookup: type dict, binding native methods.
Object* GenericGetAttr(Object* o, StrObject* name);

// Converts an index-like object (int, bool) to int64 for subscripting.
bool AsIndex(Object* o, int64_t* out, const char* what);

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_ABSTRACT_H_
