// Generic operations: slot dispatch with CPython's fallbacks and messages.
#include "runtime/abstract.h"

#include <atomic>
#include <new>
#include <string>

#include "runtime/strcat.h"
#include "runtime/descr.h"
#include "runtime/dict.h"
#include "runtime/iterators.h"
#include "runtime/list.h"
#include "runtime/stack_guard.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

// Slots building strings in C++ containers report exhaustion by throwing
// std::bad_alloc: MemoryError for the program instead.
template <class Fn>
Object* CallSlotOrNoMemory(Fn fn) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return NoMemory();
  }
}

}  // namespace

StrObject* Repr(Object* o) {
  UnaryFn repr = o->type->repr;
  for (Type* t = o->type; repr == nullptr && t != nullptr; t = t->base) {
    repr = t->repr;
  }
  if (!EnterRecursiveCall(" while getting the repr of an object")) return nullptr;
  Object* r = CallSlotOrNoMemory([&] { return repr(o); });
  LeaveRecursiveCall();
  if (r == nullptr) return nullptr;
  if (!IsStr(r)) {
    SetError(&TypeErrorType, StrCat("__repr__ returned non-string (type ",
                                          TypeName(r), ")"));
    Decref(r);
    return nullptr;
  }
  return static_cast<StrObject*>(r);
}

StrObject* Str(Object* o) {
  if (o->type == &StrType) return static_cast<StrObject*>(NewRef(o));
  if (!EnterRecursiveCall(" while getting the str of an object")) return nullptr;
  Object* r = CallSlotOrNoMemory(
      [&] { return o->type->str == nullptr ? Repr(o) : o->type->str(o); });
  LeaveRecursiveCall();
  if (r == nullptr) return nullptr;
  if (!IsStr(r)) {
    SetError(&TypeErrorType, StrCat("__str__ returned non-string (type ",
                                          TypeName(r), ")"));
    Decref(r);
    return nullptr;
  }
  return static_cast<StrObject*>(r);
}

bool ReprString(Object* o, std::string* out) {
  StrObject* s = Repr(o);
  if (s == nullptr) return false;
  out->assign(StrView(s));
  Decref(s);
  return true;
}

bool StrString(Object* o, std::string* out) {
  StrObject* s = Str(o);
  if (s == nullptr) return false;
  out->assign(StrView(s));
  Decref(s);
  return true;
}

int IsTrue(Object* o) {
  if (o == True()) return 1;
  if (o == False() || o == None()) return 0;
  if (o->type->truth != nullptr) return o->type->truth(o);
  if (o->type->length != nullptr) {
    int64_t n = o->type->length(o);
    return n < 0 ? -1 : n > 0;
  }
  return 1;
}

int64_t Hash(Object* o) {
  if (o->type->hash == nullptr) {
    SetError(&TypeErrorType,
             StrCat("unhashable type: '", TypeName(o), "'"));
    return -1;
  }
  if (!CheckStack("")) return -1;  // a tuple nested a million deep
  return o->type->hash(o);
}

int64_t Length(Object* o) {
  if (o->type->length == nullptr) {
    SetError(&TypeErrorType,
             StrCat("object of type '", TypeName(o), "' has no len()"));
    return -1;
  }
  return o->type->length(o);
}

const char* BinOpSymbol(BinOp op) {
  static const char* const kSymbols[] = {"+",  "-",  "*", "/", "//", "%", "**",
                                         "<<", ">>", "&", "|", "^",  "@"};
  return kSymbols[static_cast<int>(op)];
}

namespace {

// Tries a's slot, then b's (when b's type differs), CPython's order for
// non-subclass operands.
Object* TryBinarySlots(Object* a, Object* b, BinOp op) {
  int i = static_cast<int>(op);
  BinaryFn fa = a->type->number[i];
  BinaryFn fb = b->type != a->type ? b->type->number[i] : nullptr;
  if (fa == fb) fb = nullptr;
  // A subclass that overrides the slot goes first, so it can specialise.
  if (fb != nullptr && IsSubtype(b->type, a->type)) {
    Object* r = fb(a, b);
    if (r != NotImplemented()) return r;
    fb = nullptr;
  }
  if (fa != nullptr) {
    Object* r = fa(a, b);
    if (r != NotImplemented()) return r;
  }
  if (fb != nullptr) {
    Object* r = fb(a, b);
    if (r != NotImplemented()) return r;
  }
  return NotImplemented();
}

Object* UnsupportedOperands(Object* a, Object* b, const char* symbol) {
  return SetError(&TypeErrorType,
                  StrCat("unsupported operand type(s) for ", symbol,
                               ": '", TypeName(a), "' and '", TypeName(b),
                               "'"));
}

}  // namespace

Object* BinaryOp(Object* a, Object* b, BinOp op) {
  Object* r = CallSlotOrNoMemory([&] { return TryBinarySlots(a, b, op); });
  if (r != NotImplemented()) return r;
  if (op == BinOp::kPow) return UnsupportedOperands(a, b, "** or pow()");
  if (op == BinOp::kMul && (IsStr(a) || IsList(a) || IsTuple(a)) && !IsInt(b)) {
    return SetError(&TypeErrorType,
                    StrCat("can't multiply sequence by non-int of type '",
                           TypeName(b), "'"));
  }
  return UnsupportedOperands(a, b, BinOpSymbol(op));
}

Object* InplaceOp(Object* a, Object* b, BinOp op) {
  BinaryFn f = a->type->inplace[static_cast<int>(op)];
  if (f != nullptr) {
    Object* r = f(a, b);
    if (r != NotImplemented()) return r;
  }
  Object* r = TryBinarySlots(a, b, op);
  if (r != NotImplemented()) return r;
  return UnsupportedOperands(a, b,
                             StrCat(BinOpSymbol(op), "=").c_str());
}

Object* Negative(Object* o) {
  if (o->type->negative != nullptr) return o->type->negative(o);
  return SetError(&TypeErrorType, StrCat("bad operand type for unary -: '",
                                               TypeName(o), "'"));
}

Object* Positive(Object* o) {
  if (o->type->positive != nullptr) return o->type->positive(o);
  return SetError(&TypeErrorType, StrCat("bad operand type for unary +: '",
                                               TypeName(o), "'"));
}

Object* Invert(Object* o) {
  if (o->type->invert != nullptr) return o->type->invert(o);
  return SetError(&TypeErrorType, StrCat("bad operand type for unary ~: '",
                                               TypeName(o), "'"));
}

namespace {

CompareOp Swapped(CompareOp op) {
  switch (op) {
    case CompareOp::kLt: return CompareOp::kGt;
    case CompareOp::kLe: return CompareOp::kGe;
    case CompareOp::kGt: return CompareOp::kLt;
    case CompareOp::kGe: return CompareOp::kLe;
    default: return op;
  }
}

const char* CompareSymbol(CompareOp op) {
  static const char* const kSymbols[] = {"<", "<=", "==", "!=", ">", ">="};
  return kSymbols[static_cast<int>(op)];
}

}  // namespace

namespace {

Object* RichCompareUncounted(Object* a, Object* b, CompareOp op) {
  auto compare_a = a->type->compare;
  auto compare_b = b->type->compare;
  bool reflected_first = b->type != a->type && IsSubtype(b->type, a->type) &&
                         compare_b != nullptr;
  if (reflected_first) {
    Object* r = compare_b(b, a, Swapped(op));
    if (r != NotImplemented()) return r;
  }
  if (compare_a != nullptr) {
    Object* r = compare_a(a, b, op);
    if (r != NotImplemented()) return r;
  }
  if (!reflected_first && compare_b != nullptr && b->type != a->type) {
    Object* r = compare_b(b, a, Swapped(op));
    if (r != NotImplemented()) return r;
  }
  if (op == CompareOp::kEq) return Bool(a == b);
  if (op == CompareOp::kNe) return Bool(a != b);
  return SetError(&TypeErrorType,
                  StrCat("'", CompareSymbol(op),
                               "' not supported between instances of '",
                               TypeName(a), "' and '", TypeName(b), "'"));
}

}  // namespace

Object* RichCompare(Object* a, Object* b, CompareOp op) {
  if (!EnterRecursiveCall(" in comparison")) return nullptr;
  Object* r = RichCompareUncounted(a, b, op);
  LeaveRecursiveCall();
  return r;
}

int RichCompareBool(Object* a, Object* b, CompareOp op) {
  if (a == b) {
    if (op == CompareOp::kEq) return 1;
    if (op == CompareOp::kNe) return 0;
  }
  Object* r = RichCompare(a, b, op);
  if (r == nullptr) return -1;
  int t = r == True() ? 1 : r == False() ? 0 : IsTrue(r);
  Decref(r);
  return t;
}

Object* GetItem(Object* container, Object* key) {
  if (container->type->getitem != nullptr) {
    return container->type->getitem(container, key);
  }
  if (container->type == &TypeType) {
    // Generic aliases: a class may define __class_getitem__ (C[int]).
    static StrObject* class_getitem = InternStr("__class_getitem__");
    Object* m = LookupType(static_cast<Type*>(container), class_getitem);
    if (m != nullptr) {
      Object* bound = DescrGet(m, nullptr, static_cast<Type*>(container));
      if (bound == nullptr) return nullptr;
      // A classmethod binds to the class; a plain function gets it passed.
      Object* args[2] = {container, key};
      Object* r = bound->type == &MethodType || bound->type == &NativeFunctionType
                      ? Call(bound, &key, 1)
                      : Call(bound, args, 2);
      Decref(bound);
      return r;
    }
    return SetError(&TypeErrorType,
                    StrCat("type '", static_cast<Type*>(container)->name,
                                 "' is not subscriptable"));
  }
  return SetError(&TypeErrorType, StrCat("'", TypeName(container),
                                               "' object is not subscriptable"));
}

int SetItem(Object* container, Object* key, Object* value) {
  if (container->type->setitem != nullptr) {
    return container->type->setitem(container, key, value);
  }
  SetError(&TypeErrorType,
           StrCat("'", TypeName(container),
                        "' object does not support item assignment"));
  return -1;
}

int DelItem(Object* container, Object* key) {
  if (container->type->setitem != nullptr) {
    return container->type->setitem(container, key, nullptr);
  }
  SetError(&TypeErrorType,
           StrCat("'", TypeName(container),
                        "' object doesn't support item deletion"));
  return -1;
}

int Contains(Object* container, Object* value) {
  if (container->type->contains != nullptr) {
    return container->type->contains(container, value);
  }
  if (container->type->iter == nullptr && container->type->getitem == nullptr) {
    SetError(&TypeErrorType, StrCat("argument of type '",
                                          TypeName(container),
                                          "' is not iterable"));
    return -1;
  }
  Object* it = GetIter(container);
  if (it == nullptr) return -1;
  while (Object* item = IterNext(it)) {
    int eq = EqualBool(item, value);
    Decref(item);
    if (eq != 0) {
      Decref(it);
      return eq;
    }
  }
  Decref(it);
  return ErrorOccurred() ? -1 : 0;
}

Object* GetIter(Object* o) {
  if (!CheckStack("")) return nullptr;
  if (o->type->iter != nullptr) {
    Object* it = o->type->iter(o);
    if (it != nullptr && it->type->iternext == nullptr) {
      SetError(&TypeErrorType, StrCat("iter() returned non-iterator of type '",
                                      TypeName(it), "'"));
      Decref(it);
      return nullptr;
    }
    return it;
  }
  if (o->type->getitem != nullptr && !IsDict(o)) return NewSequenceIterator(o);
  return SetError(&TypeErrorType,
                  StrCat("'", TypeName(o), "' object is not iterable"));
}

Object* IterNext(Object* iterator) {
  if (iterator->type->iternext != nullptr) {
    if (!CheckStack("")) return nullptr;  // iterators wrapping iterators
    Object* r = iterator->type->iternext(iterator);
    // An iterator may end by raising StopIteration (a generator returning
    // a value does): to callers that is plain exhaustion.
    if (r == nullptr && ErrorMatches(&StopIterationType)) ClearError();
    return r;
  }
  return SetError(&TypeErrorType, StrCat("'", TypeName(iterator),
                                               "' object is not an iterator"));
}

Object* Call(Object* callable, Object* const* args, size_t nargs,
             TupleObject* kwnames) {
  if (!CheckStack(" while calling a Python object")) return nullptr;
  if (callable->type->call != nullptr) {
    return callable->type->call(callable, args, nargs, kwnames);
  }
  return SetError(&TypeErrorType, StrCat("'", TypeName(callable),
                                               "' object is not callable"));
}

Object* CallMethod(Object* self, const char* name, Object* const* args,
                   size_t nargs) {
  Object* method = GetAttrString(self, name);
  if (method == nullptr) return nullptr;
  Object* r = Call(method, args, nargs);
  Decref(method);
  return r;
}

namespace {

// The type's own dict, read under its lock: another thread adding an
// attribute may resize the table (freeing the old one) meanwhile.
Object* OwnDictGet(Type* t, StrObject* name) {
  if (t->dict == nullptr) return nullptr;
  CriticalSection cs(t->dict->mutex);
  return DictGetStr(t->dict, name);
}

Object* LookupTypeUncached(Type* type, StrObject* name) {
  if (type->mro != nullptr) {
    for (int64_t i = 0; i < type->mro->size; ++i) {
      auto* t = static_cast<Type*>(type->mro->items[i]);
      if (Object* v = OwnDictGet(t, name)) return v;
    }
    return nullptr;
  }
  for (Type* t = type; t != nullptr; t = t->base) {
    if (Object* v = OwnDictGet(t, name)) return v;
  }
  return nullptr;
}

// One cache per thread, so threads never share (or tear) entries; an epoch
// bumped by every type change invalidates them all at once.
struct TypeCacheEntry {
  const Type* type;
  const StrObject* name;
  uint64_t epoch;
  Object* value;
};
constexpr size_t kTypeCacheSize = 1024;
thread_local TypeCacheEntry type_cache[kTypeCacheSize];
std::atomic<uint64_t> type_epoch{1};

}  // namespace

void InvalidateTypeCaches() {
  type_epoch.fetch_add(1, std::memory_order_relaxed);
}

Object* LookupType(Type* type, StrObject* name) {
  if (!name->interned) return LookupTypeUncached(type, name);
  size_t h = ((reinterpret_cast<uintptr_t>(type) >> 4) ^
              (reinterpret_cast<uintptr_t>(name) >> 4)) &
             (kTypeCacheSize - 1);
  TypeCacheEntry& e = type_cache[h];
  uint64_t epoch = type_epoch.load(std::memory_order_relaxed);
  if (e.type == type && e.name == name && e.epoch == epoch) return e.value;
  Object* v = LookupTypeUncached(type, name);
  e = {type, name, epoch, v};
  return v;
}

Object* TypeDictGet(Type* type, StrObject* name) { return OwnDictGet(type, name); }

Object* CallBorrowed(Object* callable, Object* const* args, size_t nargs,
                     TupleObject* kwnames) {
  // The frame of a Python function holds the function and its arguments
  // before any of its code runs (and so before any quiescent point).
  if (callable->type == &FunctionType) return Call(callable, args, nargs, kwnames);
  size_t n = nargs + (kwnames != nullptr ? kwnames->size : 0);
  Incref(callable);
  for (size_t i = 0; i < n; ++i) Incref(args[i]);
  Object* r = Call(callable, args, nargs, kwnames);
  for (size_t i = 0; i < n; ++i) Decref(args[i]);
  Decref(callable);
  return r;
}

Object* LookupSpecial(Object* o, StrObject* name) {
  Object* v = LookupType(o->type, name);
  if (v == nullptr) return nullptr;
  if (v->type == &FunctionType) return NewMethod(v, o);
  if (v->type == &NativeFunctionType &&
      (static_cast<NativeFunctionObject*>(v)->flags & kNativeMethod)) {
    auto* f = static_cast<NativeFunctionObject*>(v);
    NativeFunctionObject* bound = NewNativeFunction(f->name, f->fn, f->flags);
    if (bound == nullptr) return nullptr;
    bound->owner = f->owner;
    bound->self = NewRef(o);
    return bound;
  }
  return NewRef(v);
}

Object* GenericGetAttr(Object* o, StrObject* name) {
  Object* v = LookupType(o->type, name);
  if (v != nullptr) {
    if (v->type == &NativeFunctionType &&
        (static_cast<NativeFunctionObject*>(v)->flags & kNativeMethod)) {
      auto* f = static_cast<NativeFunctionObject*>(v);
      NativeFunctionObject* bound = NewNativeFunction(f->name, f->fn, f->flags);
      if (bound == nullptr) return nullptr;
      bound->owner = f->owner;
      bound->self = NewRef(o);
      return bound;
    }
    if (v->type == &FunctionType) return NewMethod(v, o);
    return NewRef(v);
  }
  if (StrView(name) == "__class__") return NewRef(o->type);
  return SetError(&AttributeErrorType,
                  StrCat("'", TypeName(o), "' object has no attribute '",
                               StrView(name), "'"));
}

Object* GetAttr(Object* o, StrObject* name) {
  if (o->type->getattr != nullptr) return o->type->getattr(o, name);
  return GenericGetAttr(o, name);
}

Object* GetAttrString(Object* o, const char* name) {
  StrObject* n = InternStr(name);
  if (n == nullptr) return nullptr;
  return GetAttr(o, n);
}

int SetAttr(Object* o, StrObject* name, Object* value) {
  if (o->type->setattr != nullptr) return o->type->setattr(o, name, value);
  if (LookupType(o->type, name) != nullptr) {
    SetError(&AttributeErrorType,
             StrCat("'", TypeName(o), "' object attribute '",
                          StrView(name), "' is read-only"));
  } else {
    SetError(&AttributeErrorType,
             StrCat("'", TypeName(o), "' object has no attribute '",
                          StrView(name), "'"));
  }
  return -1;
}

bool AsIndex(Object* o, int64_t* out, const char* what) {
  (void)what;
  if (IsInt(o)) {
    if (IntToInt64(o, out)) return true;
    SetError(&OverflowErrorType, "Python int too large to convert to C ssize_t");
    return false;
  }
  SetError(&TypeErrorType, StrCat("'", TypeName(o),
                                        "' object cannot be interpreted as an "
                                        "integer"));
  return false;
}

}  // namespace twinpy
