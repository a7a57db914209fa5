// The object header, the type record, and the ownership rules every runtime
// file follows.
//
// Every value is a heap object whose header holds a reference count and its
// type (as in CPython), so the cost of counting is part of what twinpy
// measures. Conventions, as in CPython's C API:
//   - a function returning Object* returns a new reference, or nullptr with an
//     exception set on the thread state (see errors.h);
//   - arguments are borrowed unless a comment says the callee steals them;
//   - int results use -1 for "exception set".
#ifndef TWINPY_RUNTIME_OBJECT_H_
#define TWINPY_RUNTIME_OBJECT_H_

#include <cstddef>
#include <cstdint>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

#include "runtime/refcount.h"
#include "runtime/variant.h"

namespace twinpy {

struct Type;
struct StrObject;
struct TupleObject;
struct DictObject;
struct ListObject;

struct Object {
  RefCount rc;
  Type* type;
};

using UnaryFn = Object* (*)(Object*);
using BinaryFn = Object* (*)(Object*, Object*);
// Calls receive positional arguments followed by keyword values; kwnames (or
// nullptr) names the trailing len(kwnames) entries of args.
using CallFn = Object* (*)(Object* callable, Object* const* args, size_t nargs,
                           TupleObject* kwnames);

enum class CompareOp : uint8_t { kLt, kLe, kEq, kNe, kGt, kGe };

// Binary number operators, in the order of Type::number.
enum class BinOp : uint8_t {
  kAdd,
  kSub,
  kMul,
  kTrueDiv,
  kFloorDiv,
  kMod,
  kPow,
  kLShift,
  kRShift,
  kAnd,
  kOr,
  kXor,
  kMatMul,
  kCount,
};

enum TypeFlags : uint32_t {
  kTypeIntSubclass = 1u << 0,
  kTypeStrSubclass = 1u << 1,
  kTypeTupleSubclass = 1u << 2,
  kTypeListSubclass = 1u << 3,
  kTypeDictSubclass = 1u << 4,
  kTypeExceptionSubclass = 1u << 5,
  kTypeTypeSubclass = 1u << 6,
  kTypeBaseType = 1u << 7,  // may be subclassed
  kTypeHeap = 1u << 8,      // created by a class statement (typeobject.h)
  kTypeHasGetattribute = 1u << 9,  // a class defines __getattribute__
};

// A type's behaviour is a table of slots; nullptr means "not supported".
// Binary slots are called with the operands in source order and return the
// NotImplemented singleton when they cannot handle the pair, so the other
// operand's type gets its turn (CPython's number protocol).
struct Type : Object {
  const char* name;
  size_t basic_size;
  Type* base;
  uint32_t flags;
  DictObject* dict;  // methods and class attributes
  TupleObject* mro;

  void (*dealloc)(Object*);
  UnaryFn repr;
  UnaryFn str;  // nullptr: use repr
  int64_t (*hash)(Object*);  // nullptr: unhashable; -1 on error
  Object* (*compare)(Object*, Object*, CompareOp);
  int (*truth)(Object*);        // nullptr: true (or via length)
  int64_t (*length)(Object*);   // -1 on error
  BinaryFn getitem;
  int (*setitem)(Object* self, Object* key, Object* value);  // value null: del
  int (*contains)(Object* self, Object* value);
  UnaryFn iter;
  UnaryFn iternext;  // nullptr result without error: exhausted
  CallFn call;
  Object* (*getattr)(Object*, StrObject*);
  int (*setattr)(Object*, StrObject*, Object*);  // value null: del
  BinaryFn number[static_cast<int>(BinOp::kCount)];
  BinaryFn inplace[static_cast<int>(BinOp::kCount)];
  UnaryFn negative;
  UnaryFn positive;
  UnaryFn invert;
  UnaryFn as_index;  // int() of integer-like objects, for indexing
};

// Reference counting goes through refcount.h's primitive, and nothing else.
inline void Incref(Object* o) { RcIncrement(o->rc); }
inline void XIncref(Object* o) {
  if (o != nullptr) Incref(o);
}
void Dealloc(Object* o);
inline void Decref(Object* o) {
  if (RcDecrement(o->rc)) Dealloc(o);
}
inline void XDecref(Object* o) {
  if (o != nullptr) Decref(o);
}
inline Object* NewRef(Object* o) {
  Incref(o);
  return o;
}
template <class T>
inline T* NewRef(T* o) {
  Incref(o);
  return o;
}
// Replace *slot with value (stolen), releasing the old value last so a
// destructor that re-enters sees a consistent slot.
inline void SetRef(Object** slot, Object* value) {
  Object* old = *slot;
  *slot = value;
  XDecref(old);
}

// Heap memory for objects: the size-class allocator. Returns an object with
// a count of one and its type set, or nullptr with MemoryError set.
Object* AllocObject(Type* type, size_t size);
void FreeObject(Object* o, size_t size);
// Immortal objects are never freed by design; LeakSanitizer is told so (and
// still scans them, so what they hold is not reported either).
inline void MakeImmortal(Object* o) {
  RcInit(o->rc, kImmortalRefcnt);
#if defined(__SANITIZE_ADDRESS__)
  __lsan_ignore_object(o);
#endif
}
inline bool IsImmortal(const Object* o) { return RcLoad(o->rc) >= kImmortalRefcnt; }
// For objects every thread touches by design: module- and class-level
// functions, classes, modules and their dicts, code objects (variant.h's
// kImmortalShared). Call it once the object is complete; it is then never
// freed.
inline void ImmortalizeShared(Object* o) {
  if (kImmortalShared) MakeImmortal(o);
}

// The singletons. They are immortal, so returning one needs no Incref.
extern Type NoneType;
extern Type NotImplementedType;
extern Type EllipsisType;
extern Object NoneObject;
extern Object NotImplementedObject;
extern Object EllipsisObject;
inline Object* None() { return &NoneObject; }
inline Object* NotImplemented() { return &NotImplementedObject; }

extern Type TypeType;
extern Type ObjectType;

// Statically allocated types start immortal, typed `type`.
void InitStaticType(Type* type, const char* name, size_t basic_size,
                    Type* base);

bool IsSubtype(const Type* a, const Type* b);
inline bool IsInstance(const Object* o, const Type* t) {
  return o->type == t || IsSubtype(o->type, t);
}

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_OBJECT_H_
