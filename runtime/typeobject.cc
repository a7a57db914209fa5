// Classes defined in Python.
//
// A class is a HeapType: a Type whose slots, where the class (or a class
// in its MRO) defines the matching special method, point at wrappers that
// look the method up and call it; elsewhere they keep the slots of the
// built-in type whose layout its instances share (object or an exception).
#include "runtime/typeobject.h"

#include <cstring>
#include <string>
#include <vector>

#include "runtime/abstract.h"
#include "runtime/descr.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/thread_local_object.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

StrObject* Name(const char* s) { return InternStr(s); }

HeapType* AsHeap(Type* t) { return static_cast<HeapType*>(t); }

// A special method defined in Python (not a built-in's native method).
Object* UserMethod(Type* t, StrObject* name) {
  if (!IsHeapType(t)) return nullptr;
  Object* m = LookupType(t, name);
  if (m == nullptr || m->type == &NativeFunctionType) return nullptr;
  return m;
}

// Calls special method `m` (found on type(self)) with self and args.
Object* CallWith(Object* m, Object* self, Object* const* args, size_t nargs,
                 TupleObject* kwnames = nullptr) {
  if (m->type == &FunctionType) {
    PrependedArgs full(self, args, nargs + (kwnames ? kwnames->size : 0));
    return Call(m, full.data(), nargs + 1, kwnames);
  }
  Object* bound = DescrGet(m, self, self->type);
  if (bound == nullptr) return nullptr;
  Object* r = Call(bound, args, nargs, kwnames);
  Decref(bound);
  return r;
}

Object* CallSpecial(Object* self, const char* name, Object* const* args,
                    size_t nargs) {
  Object* m = LookupType(self->type, Name(name));
  if (m == nullptr) {
    return SetError(&AttributeErrorType, StrCat("'", TypeName(self),
                                                "' object has no attribute '",
                                                name, "'"));
  }
  return CallWith(m, self, args, nargs);
}

Type* StaticBase(Type* t) {
  return IsHeapType(t) ? AsHeap(t)->static_base : t;
}

// --- slot wrappers --------------------------------------------------------

Object* SlotRepr(Object* o) { return CallSpecial(o, "__repr__", nullptr, 0); }
Object* SlotStr(Object* o) { return CallSpecial(o, "__str__", nullptr, 0); }

int64_t SlotHash(Object* o) {
  Object* r = CallSpecial(o, "__hash__", nullptr, 0);
  if (r == nullptr) return -1;
  if (!IsInt(r)) {
    Decref(r);
    SetError(&TypeErrorType, "__hash__ method should return an integer");
    return -1;
  }
  int64_t h = IntHash(r);
  Decref(r);
  return h;
}

const char* CompareName(CompareOp op) {
  static const char* const kNames[] = {"__lt__", "__le__", "__eq__",
                                       "__ne__", "__gt__", "__ge__"};
  return kNames[static_cast<int>(op)];
}

Object* SlotCompare(Object* a, Object* b, CompareOp op) {
  if (Object* m = UserMethod(a->type, Name(CompareName(op)))) {
    return CallWith(m, a, &b, 1);
  }
  if (op == CompareOp::kNe) {
    // The default __ne__ inverts __eq__.
    if (Object* eq = UserMethod(a->type, Name("__eq__"))) {
      Object* r = CallWith(eq, a, &b, 1);
      if (r == nullptr || r == NotImplemented()) return r;
      int t = IsTrue(r);
      Decref(r);
      return t < 0 ? nullptr : Bool(!t);
    }
  }
  Type* sb = StaticBase(a->type);
  return sb->compare ? sb->compare(a, b, op) : NotImplemented();
}

int SlotBool(Object* o) {
  Object* r = CallSpecial(o, "__bool__", nullptr, 0);
  if (r == nullptr) return -1;
  if (r->type != &BoolType) {
    SetError(&TypeErrorType, StrCat("__bool__ should return bool, returned ",
                                    TypeName(r)));
    Decref(r);
    return -1;
  }
  return r == True();
}

int64_t SlotLen(Object* o) {
  Object* r = CallSpecial(o, "__len__", nullptr, 0);
  if (r == nullptr) return -1;
  int64_t n;
  if (!IsInt(r)) {
    SetError(&TypeErrorType, StrCat("'", TypeName(r),
                                    "' object cannot be interpreted as an integer"));
    Decref(r);
    return -1;
  }
  bool fits = IntToInt64(r, &n);
  Decref(r);
  if (!fits) {
    SetError(&OverflowErrorType, "cannot fit 'int' into an index-sized integer");
    return -1;
  }
  if (n < 0) {
    SetError(&ValueErrorType, "__len__() should return >= 0");
    return -1;
  }
  return n;
}

Object* SlotGetItem(Object* o, Object* key) {
  return CallSpecial(o, "__getitem__", &key, 1);
}

int SlotSetItem(Object* o, Object* key, Object* value) {
  Object* args[2] = {key, value};
  Object* r = value != nullptr ? CallSpecial(o, "__setitem__", args, 2)
                               : CallSpecial(o, "__delitem__", args, 1);
  if (r == nullptr) return -1;
  Decref(r);
  return 0;
}

int SlotContains(Object* o, Object* v) {
  Object* r = CallSpecial(o, "__contains__", &v, 1);
  if (r == nullptr) return -1;
  int t = IsTrue(r);
  Decref(r);
  return t;
}

Object* SlotIter(Object* o) { return CallSpecial(o, "__iter__", nullptr, 0); }

Object* SlotIterNext(Object* o) {
  Object* r = CallSpecial(o, "__next__", nullptr, 0);
  if (r == nullptr && ErrorMatches(&StopIterationType)) ClearError();
  return r;
}

Object* SlotCall(Object* o, Object* const* args, size_t nargs,
                 TupleObject* kwnames) {
  Object* m = LookupType(o->type, Name("__call__"));
  if (m == nullptr) {
    return SetError(&TypeErrorType,
                    StrCat("'", TypeName(o), "' object is not callable"));
  }
  return CallWith(m, o, args, nargs, kwnames);
}

Object* SlotNegative(Object* o) { return CallSpecial(o, "__neg__", nullptr, 0); }
Object* SlotPositive(Object* o) { return CallSpecial(o, "__pos__", nullptr, 0); }
Object* SlotInvert(Object* o) { return CallSpecial(o, "__invert__", nullptr, 0); }
Object* SlotIndex(Object* o) { return CallSpecial(o, "__index__", nullptr, 0); }

constexpr int kNumOps = static_cast<int>(BinOp::kCount);
const char* const kBinaryNames[kNumOps][3] = {
    {"__add__", "__radd__", "__iadd__"},
    {"__sub__", "__rsub__", "__isub__"},
    {"__mul__", "__rmul__", "__imul__"},
    {"__truediv__", "__rtruediv__", "__itruediv__"},
    {"__floordiv__", "__rfloordiv__", "__ifloordiv__"},
    {"__mod__", "__rmod__", "__imod__"},
    {"__pow__", "__rpow__", "__ipow__"},
    {"__lshift__", "__rlshift__", "__ilshift__"},
    {"__rshift__", "__rrshift__", "__irshift__"},
    {"__and__", "__rand__", "__iand__"},
    {"__or__", "__ror__", "__ior__"},
    {"__xor__", "__rxor__", "__ixor__"},
    {"__matmul__", "__rmatmul__", "__imatmul__"},
};

// Serves as the number slot of every class that defines the operator or
// its reflection, in both operand positions (CPython's SLOT1BINFULL).
template <int kOp>
Object* SlotBinary(Object* a, Object* b) {
  if (Object* m = UserMethod(a->type, Name(kBinaryNames[kOp][0]))) {
    Object* r = CallWith(m, a, &b, 1);
    if (r != NotImplemented()) return r;
  } else if (IsHeapType(a->type)) {
    BinaryFn base = StaticBase(a->type)->number[kOp];
    if (base != nullptr) {
      Object* r = base(a, b);
      if (r != NotImplemented()) return r;
    }
  }
  if (b->type != a->type) {
    if (Object* m = UserMethod(b->type, Name(kBinaryNames[kOp][1]))) {
      Object* r = CallWith(m, b, &a, 1);
      if (r != NotImplemented()) return r;
    }
  }
  return NotImplemented();
}

template <int kOp>
Object* SlotInplace(Object* a, Object* b) {
  if (Object* m = UserMethod(a->type, Name(kBinaryNames[kOp][2]))) {
    return CallWith(m, a, &b, 1);
  }
  return NotImplemented();
}

template <int... kOps>
void FillBinary(Type* t, std::integer_sequence<int, kOps...>) {
  ((t->number[kOps] = SlotBinary<kOps>), ...);
  ((t->inplace[kOps] = SlotInplace<kOps>), ...);
}

// --- instances ------------------------------------------------------------

void SubtypeDealloc(Object* o) {
  Type* t = o->type;
  HeapType* ht = AsHeap(t);
  if (ht->static_base == &ObjectType) {
    XDecref(*InstanceDictSlot(o));
    FreeObject(o, t->basic_size);
  } else {
    ht->static_base->dealloc(o);  // frees with type->basic_size
  }
  Decref(t);
}

// An instance's __dict__ pointer is written once, when the first attribute
// is set; threads racing to create it agree through a compare-and-swap.
DictObject* AtomicLoadDict(DictObject** slot) {
  return __atomic_load_n(slot, __ATOMIC_ACQUIRE);
}

DictObject* InstanceDict(DictObject** slot) {
  DictObject* dict = AtomicLoadDict(slot);
  if (dict != nullptr) return dict;
  DictObject* fresh = NewDict();
  if (fresh == nullptr) return nullptr;
  DictObject* expected = nullptr;
  if (__atomic_compare_exchange_n(slot, &expected, fresh, false, __ATOMIC_ACQ_REL,
                                  __ATOMIC_ACQUIRE)) {
    return fresh;
  }
  Decref(fresh);  // another thread won
  return expected;
}

}  // namespace

Object* GenericGetAttrWithDict(Object* o, StrObject* name, DictObject** slot) {
  Type* t = o->type;
  Object* descr = LookupType(t, name);
  if (descr != nullptr && IsDataDescriptor(descr)) return DescrGet(descr, o, t);
  if (slot != nullptr) {
    DictObject* dict = AtomicLoadDict(slot);
    if (dict != nullptr) {
      if (Object* v = DictGetStrRef(dict, name)) return v;
    }
  }
  if (descr != nullptr) return DescrGet(descr, o, t);
  Type* sb = StaticBase(t);
  if (sb != &ObjectType && sb != &LocalType && sb->getattr != nullptr &&
      sb->getattr != GenericGetAttr) {
    return sb->getattr(o, name);
  }
  std::string_view n = StrView(name);
  if (n == "__class__") return NewRef(t);
  if (n == "__dict__" && slot != nullptr) {
    DictObject* dict = InstanceDict(slot);
    return dict != nullptr ? NewRef(dict) : nullptr;
  }
  return SetError(&AttributeErrorType,
                  StrCat("'", TypeName(o), "' object has no attribute '", n, "'"));
}

int GenericSetAttrWithDict(Object* o, StrObject* name, Object* value,
                           DictObject** slot) {
  Type* t = o->type;
  if (Object* descr = LookupType(t, name)) {
    int r = DescrSet(descr, o, value, name);
    if (r != 0) return r < 0 ? -1 : 0;
  }
  Type* sb = StaticBase(t);
  if (sb != &ObjectType && sb != &LocalType && sb->setattr != nullptr) {
    return sb->setattr(o, name, value);
  }
  if (slot == nullptr) {
    SetError(&AttributeErrorType, StrCat("'", TypeName(o),
                                         "' object has no attribute '",
                                         StrView(name), "'"));
    return -1;
  }
  DictObject* dict = InstanceDict(slot);
  if (dict == nullptr) return -1;
  if (value != nullptr) return DictSetItem(dict, name, value);
  int r = DictDelItem(dict, name);
  if (r == 0) {
    SetError(&AttributeErrorType, StrCat("'", TypeName(o),
                                         "' object has no attribute '",
                                         StrView(name), "'"));
    return -1;
  }
  return r < 0 ? -1 : 0;
}

namespace {

// Thread-local objects keep one dict per thread (thread_local_object.h).
Object* GenericInstanceGetAttr(Object* o, StrObject* name) {
  if (StaticBase(o->type) == &LocalType) return LocalGetAttr(o, name);
  return GenericGetAttrWithDict(o, name, InstanceDictSlot(o));
}

int GenericInstanceSetAttr(Object* o, StrObject* name, Object* value) {
  if (StaticBase(o->type) == &LocalType) return LocalSetAttr(o, name, value);
  return GenericSetAttrWithDict(o, name, value, InstanceDictSlot(o));
}

// --- method resolution order ------------------------------------------------

std::vector<Type*> MroOf(Type* t) {
  std::vector<Type*> out;
  if (t->mro != nullptr) {
    for (int64_t i = 0; i < t->mro->size; ++i) {
      out.push_back(static_cast<Type*>(t->mro->items[i]));
    }
    return out;
  }
  for (Type* b = t; b != nullptr; b = b->base) out.push_back(b);
  return out;
}

// C3 linearisation: the class, then a merge of its bases' orders that
// keeps every base before its own bases and the bases in declared order.
TupleObject* ComputeMro(Type* t, TupleObject* bases) {
  std::vector<std::vector<Type*>> seqs;
  std::vector<Type*> declared;
  for (int64_t i = 0; i < bases->size; ++i) {
    auto* b = static_cast<Type*>(bases->items[i]);
    seqs.push_back(MroOf(b));
    declared.push_back(b);
  }
  seqs.push_back(declared);
  std::vector<Type*> result = {t};
  while (true) {
    bool any = false;
    for (auto& s : seqs) any |= !s.empty();
    if (!any) break;
    Type* candidate = nullptr;
    for (auto& s : seqs) {
      if (s.empty()) continue;
      Type* head = s.front();
      bool in_tail = false;
      for (auto& other : seqs) {
        for (size_t k = 1; k < other.size() && !in_tail; ++k) {
          in_tail = other[k] == head;
        }
      }
      if (!in_tail) {
        candidate = head;
        break;
      }
    }
    if (candidate == nullptr) {
      std::string names;
      for (size_t i = 0; i < declared.size(); ++i) {
        StrAppend(&names, i ? ", " : "", declared[i]->name);
      }
      SetError(&TypeErrorType,
               StrCat("Cannot create a consistent method resolution order "
                      "(MRO) for bases ",
                      names));
      return nullptr;
    }
    result.push_back(candidate);
    for (auto& s : seqs) {
      if (!s.empty() && s.front() == candidate) s.erase(s.begin());
    }
  }
  std::vector<Object*> items(result.begin(), result.end());
  return TupleFrom(items.data(), static_cast<int64_t>(items.size()));
}

void InheritSlots(Type* dst, const Type* src) {
  dst->repr = src->repr;
  dst->str = src->str;
  dst->hash = src->hash;
  dst->compare = src->compare;
  dst->truth = src->truth;
  dst->length = src->length;
  dst->getitem = src->getitem;
  dst->setitem = src->setitem;
  dst->contains = src->contains;
  dst->iter = src->iter;
  dst->iternext = src->iternext;
  dst->call = src->call;
  for (int i = 0; i < kNumOps; ++i) {
    dst->number[i] = src->number[i];
    dst->inplace[i] = src->inplace[i];
  }
  dst->negative = src->negative;
  dst->positive = src->positive;
  dst->invert = src->invert;
  dst->as_index = src->as_index;
}

void HeapTypeDealloc(Object* o) {
  InvalidateTypeCaches();  // a new type may reuse this address
  auto* t = static_cast<HeapType*>(o);
  XDecref(t->dict);
  XDecref(t->mro);
  XDecref(t->bases);
  XDecref(t->base);
  XDecref(t->ht_name);
  XDecref(t->ht_qualname);
  FreeObject(o, sizeof(HeapType));
}

}  // namespace

DictObject** InstanceDictSlot(Object* o) {
  Type* t = o->type;
  if (!IsHeapType(t) || AsHeap(t)->dict_offset == 0) return nullptr;
  return reinterpret_cast<DictObject**>(reinterpret_cast<char*>(o) +
                                        AsHeap(t)->dict_offset);
}

Object* InstanceGetAttr(Object* o, StrObject* name) {
  Type* t = o->type;
  static StrObject* getattribute = Name("__getattribute__");
  static StrObject* getattr = Name("__getattr__");
  Object* r;
  Object* ga = (t->flags & kTypeHasGetattribute) ? UserMethod(t, getattribute) : nullptr;
  if (ga != nullptr) {
    Object* arg = name;
    r = CallWith(ga, o, &arg, 1);
  } else {
    r = GenericInstanceGetAttr(o, name);
  }
  if (r == nullptr && ErrorMatches(&AttributeErrorType)) {
    if (Object* fallback = UserMethod(t, getattr)) {
      ClearError();
      Object* arg = name;
      r = CallWith(fallback, o, &arg, 1);
    }
  }
  return r;
}

int InstanceSetAttr(Object* o, StrObject* name, Object* value) {
  static StrObject* setattr = Name("__setattr__");
  static StrObject* delattr = Name("__delattr__");
  if (Object* m = UserMethod(o->type, value != nullptr ? setattr : delattr)) {
    Object* args[2] = {name, value};
    Object* r = CallWith(m, o, args, value != nullptr ? 2 : 1);
    if (r == nullptr) return -1;
    Decref(r);
    return 0;
  }
  return GenericInstanceSetAttr(o, name, value);
}

void UpdateSlots(Type* type) {
  InvalidateTypeCaches();
  HeapType* ht = AsHeap(type);
  Type* sb = ht->static_base;
  InheritSlots(type, sb);
  auto user = [&](const char* name) {
    return UserMethod(type, Name(name)) != nullptr;
  };
  if (user("__repr__")) type->repr = SlotRepr;
  if (user("__str__")) type->str = SlotStr;
  // Defining __eq__ without __hash__ makes instances unhashable.
  Object* own_hash = TypeDictGet(type, Name("__hash__"));
  if (own_hash == None()) {
    type->hash = nullptr;
  } else if (user("__hash__")) {
    type->hash = SlotHash;
  } else if (TypeDictGet(type, Name("__eq__")) != nullptr) {
    type->hash = nullptr;
  } else {
    type->hash = type->base->hash;
  }
  for (int op = 0; op < 6; ++op) {
    if (user(CompareName(static_cast<CompareOp>(op)))) type->compare = SlotCompare;
  }
  if (user("__bool__")) {
    type->truth = SlotBool;
  } else if (user("__len__")) {
    type->truth = nullptr;  // falls back to the length
  }
  if (user("__len__")) type->length = SlotLen;
  if (user("__getitem__")) type->getitem = SlotGetItem;
  if (user("__setitem__") || user("__delitem__")) type->setitem = SlotSetItem;
  if (user("__contains__")) type->contains = SlotContains;
  if (user("__iter__")) type->iter = SlotIter;
  if (user("__next__")) type->iternext = SlotIterNext;
  if (user("__call__")) type->call = SlotCall;
  if (user("__neg__")) type->negative = SlotNegative;
  if (user("__pos__")) type->positive = SlotPositive;
  if (user("__invert__")) type->invert = SlotInvert;
  if (user("__index__")) type->as_index = SlotIndex;
  Type binary_slots{};
  FillBinary(&binary_slots, std::make_integer_sequence<int, kNumOps>());
  for (int op = 0; op < kNumOps; ++op) {
    if (user(kBinaryNames[op][0]) || user(kBinaryNames[op][1])) {
      type->number[op] = binary_slots.number[op];
    }
    if (user(kBinaryNames[op][2])) type->inplace[op] = binary_slots.inplace[op];
  }
  type->getattr = sb == &LocalType ? LocalSubclassGetAttr : InstanceGetAttr;
  type->setattr = InstanceSetAttr;
  type->dealloc = SubtypeDealloc;
  if (user("__getattribute__")) {
    type->flags |= kTypeHasGetattribute;
  } else {
    type->flags &= ~kTypeHasGetattribute;
  }
}

namespace {

// A new class tells its attributes their names (__set_name__) and its
// parent that it exists (__init_subclass__), as in CPython.
bool NotifyNewClass(Type* t) {
  static StrObject* set_name = InternStr("__set_name__");
  static StrObject* init_subclass = InternStr("__init_subclass__");
  std::vector<std::pair<Object*, Object*>> attrs;
  int64_t pos = 0;
  Object *k, *v;
  while (DictNextRef(t->dict, &pos, &k, &v)) attrs.emplace_back(k, v);
  bool ok = true;
  for (auto& [key, value] : attrs) {
    if (ok && IsHeapType(value->type)) {
      if (Object* m = LookupType(value->type, set_name)) {
        Object* args[3] = {value, t, key};
        Object* r = CallBorrowed(m, args, 3);
        ok = r != nullptr;
        XDecref(r);
      }
    }
    Decref(key);
    Decref(value);
  }
  if (!ok) return false;
  // The first definition after the class itself in its MRO.
  for (int64_t i = 1; i < t->mro->size; ++i) {
    auto* base = static_cast<Type*>(t->mro->items[i]);
    Object* m = TypeDictGet(base, init_subclass);
    if (m == nullptr) continue;
    if (m->type == &NativeFunctionType) break;  // object's: nothing to do
    Object* f = m->type == &ClassMethodType ? static_cast<StaticMethodObject*>(m)->func : m;
    Object* cls = t;
    Object* r = CallBorrowed(f, &cls, 1);
    if (r == nullptr) return false;
    Decref(r);
    break;
  }
  return true;
}

}  // namespace

Object* NewHeapType(StrObject* name, TupleObject* bases, DictObject* ns) {
  if (bases->size == 0) bases = TupleOf({&ObjectType});
  else Incref(bases);
  // Instances share the layout of one built-in type: object, or an
  // exception (whose instances already carry a __dict__ pointer).
  Type* static_base = &ObjectType;
  for (int64_t i = 0; i < bases->size; ++i) {
    Object* b = bases->items[i];
    if (b->type != &TypeType) {
      Decref(bases);
      return SetError(&TypeErrorType, "bases must be types");
    }
    auto* bt = static_cast<Type*>(b);
    if (!(bt->flags & kTypeBaseType)) {
      Decref(bases);
      return SetError(&TypeErrorType, StrCat("type '", bt->name,
                                             "' is not an acceptable base type"));
    }
    Type* sb = StaticBase(bt);
    if (sb == &ObjectType) continue;
    // A thread-local object's layout mixes with no other built-in's.
    if ((sb == &LocalType) != (static_base == &LocalType) &&
        static_base != &ObjectType) {
      Decref(bases);
      return SetError(&TypeErrorType, "multiple bases have instance lay-out conflict");
    }
    if (sb == &TupleType || sb == &LocalType) {
      static_base = sb;
      continue;
    }
    if (!IsSubtype(sb, &BaseExceptionType)) {
      Decref(bases);
      return SetError(&TypeErrorType,
                      StrCat("subclassing '", sb->name,
                             "' is not supported yet (only object and "
                             "exceptions)"));
    }
    if (static_base == &ObjectType || IsSubtype(sb, static_base)) static_base = sb;
  }
  auto* t = static_cast<HeapType*>(AllocObject(&TypeType, sizeof(HeapType)));
  if (t == nullptr) {
    Decref(bases);
    return nullptr;
  }
  memset(reinterpret_cast<char*>(t) + sizeof(Object), 0,
         sizeof(HeapType) - sizeof(Object));
  // Every instance holds its class: a count written by each thread that
  // creates one would be shared by all of them.
  ImmortalizeShared(t);
  t->ht_name = static_cast<StrObject*>(NewRef(name));
  t->name = t->ht_name->data;
  Object* qualname = DictGetStr(ns, Name("__qualname__"));
  t->ht_qualname = static_cast<StrObject*>(
      NewRef(qualname != nullptr && IsStr(qualname) ? qualname : name));
  t->bases = bases;
  t->base = static_cast<Type*>(NewRef(bases->items[0]));
  t->static_base = static_base;
  t->flags = kTypeHeap | kTypeBaseType |
             (static_base->flags & ~(kTypeBaseType | kTypeHeap));
  if (static_base == &ObjectType) {
    t->basic_size = sizeof(Object) + sizeof(DictObject*);
    t->dict_offset = sizeof(Object);
  } else if (static_base == &TupleType) {
    // Tuple subclasses (namedtuple) keep the variable-size tuple layout and
    // have no instance __dict__, like CPython's with __slots__ = ().
    t->basic_size = sizeof(TupleObject);
    t->dict_offset = 0;
  } else if (static_base == &LocalType) {
    // Thread-local objects find the calling thread's dict themselves.
    t->basic_size = LocalType.basic_size;
    t->dict_offset = 0;
  } else {
    t->basic_size = sizeof(ExceptionObject);
    t->dict_offset = offsetof(ExceptionObject, dict);
  }
  t->dict = DictCopy(ns);
  if (t->dict == nullptr) {
    Decref(t);
    return nullptr;
  }
  DictDelItem(t->dict, Name("__qualname__"));
  // __init_subclass__ and __class_getitem__ are implicitly class methods.
  for (const char* implicit : {"__init_subclass__", "__class_getitem__"}) {
    Object* fn = DictGetStr(t->dict, Name(implicit));
    if (fn != nullptr && fn->type == &FunctionType) {
      Object* wrapped = Call(&ClassMethodType, &fn, 1);
      if (wrapped == nullptr) {
        Decref(t);
        return nullptr;
      }
      DictSetItem(t->dict, Name(implicit), wrapped);
      Decref(wrapped);
    }
  }
  // __new__ is implicitly a static method, as in CPython.
  Object* new_fn = DictGetStr(t->dict, Name("__new__"));
  if (new_fn != nullptr && new_fn->type == &FunctionType) {
    Object* wrapped = Call(&StaticMethodType, &new_fn, 1);
    if (wrapped == nullptr) {
      Decref(t);
      return nullptr;
    }
    DictSetItem(t->dict, Name("__new__"), wrapped);
    Decref(wrapped);
  }
  t->mro = ComputeMro(t, bases);
  if (t->mro == nullptr) {
    Decref(t);
    return nullptr;
  }
  UpdateSlots(t);
  if (!NotifyNewClass(t)) {
    Decref(t);
    return nullptr;
  }
  return t;
}

Object* CallHeapType(Type* type, Object* const* args, size_t nargs,
                     TupleObject* kwnames) {
  static StrObject* new_name = Name("__new__");
  static StrObject* init_name = Name("__init__");
  size_t nkw = kwnames ? kwnames->size : 0;
  // Borrowed (LookupType): valid until Python code runs.
  Object* new_fn = LookupType(type, new_name);
  Object* init_fn = LookupType(type, init_name);
  bool user_new = new_fn != nullptr && new_fn->type != &NativeFunctionType;
  bool user_init = init_fn != nullptr && init_fn->type != &NativeFunctionType;
  if (!user_new && !user_init && (nargs + nkw) > 0 &&
      AsHeap(type)->static_base == &ObjectType) {
    return SetError(&TypeErrorType,
                    StrCat(type->name, "() takes no arguments"));
  }
  PrependedArgs full(type, args, nargs + nkw);
  Object* obj;
  // Whether __new__ may have run Python code (and so passed a quiescent
  // point, after which init_fn may be gone).
  bool new_ran_code = user_new;
  if (user_new) {
    Object* f = DescrGet(new_fn, nullptr, type);
    if (f == nullptr) return nullptr;
    obj = Call(f, full.data(), nargs + 1, kwnames);
    Decref(f);
  } else {
    // The built-in base's __new__ ignores arguments it does not use
    // (object) or keeps them as args (exceptions); a thread-local object
    // keeps them for running __init__ again in each new thread. An unbound
    // native never touches its function object once running; a bound one
    // (a user's assignment) is held across the call.
    bool pass_args = !user_init || AsHeap(type)->static_base == &LocalType;
    size_t n = pass_args ? nargs + 1 : 1;
    TupleObject* kw = pass_args ? kwnames : nullptr;
    new_ran_code = static_cast<NativeFunctionObject*>(new_fn)->self != nullptr;
    obj = new_ran_code ? CallBorrowed(new_fn, full.data(), n, kw)
                       : Call(new_fn, full.data(), n, kw);
    if (obj != nullptr && user_init &&
        IsSubtype(AsHeap(type)->static_base, &BaseExceptionType)) {
      // Exceptions record the constructor's arguments whatever __init__ does.
      TupleObject* a = TupleFrom(args, static_cast<int64_t>(nargs));
      if (a == nullptr) {
        Decref(obj);
        return nullptr;
      }
      auto* e = static_cast<ExceptionObject*>(obj);
      SetRef(reinterpret_cast<Object**>(&e->args), a);
    }
  }
  if (obj == nullptr || !IsSubtype(obj->type, type) || !user_init) return obj;
  if (new_ran_code) {
    // The __init__ seen before may be gone (another thread, or __new__
    // itself, rebound it). CPython looks it up after __new__ too.
    init_fn = LookupType(type, init_name);
    if (init_fn == nullptr || init_fn->type == &NativeFunctionType) return obj;
  }
  Object* r = CallWith(init_fn, obj, args, nargs, kwnames);
  if (r == nullptr) {
    Decref(obj);
    return nullptr;
  }
  if (r != None()) {
    SetError(&TypeErrorType, StrCat("__init__() should return None, not '",
                                    TypeName(r), "'"));
    Decref(r);
    Decref(obj);
    return nullptr;
  }
  return obj;
}

namespace {

// object.__new__(cls): a bare instance of a class.
Object* ObjectNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (nargs < 1 || args[0]->type != &TypeType) {
    return SetError(&TypeErrorType, "object.__new__(X): X is not a type object");
  }
  auto* t = static_cast<Type*>(args[0]);
  if (!IsHeapType(t)) {
    if (t != &ObjectType) {
      return SetError(&TypeErrorType,
                      StrCat("object.__new__(", t->name, ") is not safe"));
    }
    return AllocObject(&ObjectType, sizeof(Object));
  }
  if (AsHeap(t)->static_base != &ObjectType) {
    return SetError(&TypeErrorType,
                    StrCat("object.__new__(", t->name, ") is not safe, use ",
                           AsHeap(t)->static_base->name, ".__new__()"));
  }
  Object* o = AllocObject(t, t->basic_size);
  if (o == nullptr) return nullptr;
  *InstanceDictSlot(o) = nullptr;
  return o;
}

Object* ObjectInit(Object* const*, size_t, TupleObject*) { return None(); }

Object* ObjectReprMethod(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("__repr__", nargs - 1, 0, 0)) return nullptr;
  Type* sb = StaticBase(args[0]->type);
  UnaryFn repr = sb->repr ? sb->repr : ObjectType.repr;
  if (sb == &ObjectType && IsHeapType(args[0]->type)) {
    // <__main__.C object at 0x...>
    Object* module = LookupType(args[0]->type, Name("__module__"));
    char address[32];
    snprintf(address, sizeof(address), "%p", static_cast<void*>(args[0]));
    std::string qual(StrView(AsHeap(args[0]->type)->ht_qualname));
    if (module != nullptr && IsStr(module) && StrView(module) != "builtins") {
      qual = StrCat(StrView(module), ".", qual);
    }
    return NewStr(StrCat("<", qual, " object at ", address, ">"));
  }
  return repr(args[0]);
}

Object* ObjectStrMethod(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("__str__", nargs - 1, 0, 0)) return nullptr;
  return Repr(args[0]);
}

Object* ObjectEq(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("__eq__", nargs - 1, 1, 1)) return nullptr;
  return args[0] == args[1] ? True() : NotImplemented();
}

Object* ObjectNe(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("__ne__", nargs - 1, 1, 1)) return nullptr;
  Object* r = RichCompare(args[0], args[1], CompareOp::kEq);
  if (r == nullptr || r == NotImplemented()) return r;
  int t = IsTrue(r);
  Decref(r);
  return t < 0 ? nullptr : Bool(!t);
}

Object* ObjectHashMethod(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("__hash__", nargs - 1, 0, 0)) return nullptr;
  return NewInt(ObjectType.hash(args[0]));
}

Object* ObjectSetAttrMethod(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("__setattr__", nargs - 1, 2, 2)) return nullptr;
  if (!IsStr(args[1])) return SetError(&TypeErrorType, "attribute name must be string");
  StrObject* name = InternStr(StrView(args[1]));
  int r = IsHeapType(args[0]->type) ? GenericInstanceSetAttr(args[0], name, args[2])
                                    : SetAttr(args[0], name, args[2]);
  return r < 0 ? nullptr : None();
}

Object* ObjectDelAttrMethod(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("__delattr__", nargs - 1, 1, 1)) return nullptr;
  if (!IsStr(args[1])) return SetError(&TypeErrorType, "attribute name must be string");
  StrObject* name = InternStr(StrView(args[1]));
  int r = IsHeapType(args[0]->type) ? GenericInstanceSetAttr(args[0], name, nullptr)
                                    : SetAttr(args[0], name, nullptr);
  return r < 0 ? nullptr : None();
}

Object* ObjectGetAttributeMethod(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("__getattribute__", nargs - 1, 1, 1)) return nullptr;
  if (!IsStr(args[1])) return SetError(&TypeErrorType, "attribute name must be string");
  StrObject* name = InternStr(StrView(args[1]));
  return IsHeapType(args[0]->type) ? GenericInstanceGetAttr(args[0], name)
                                   : GetAttr(args[0], name);
}

const MethodDef kObjectMethods[] = {
    {"__init__", ObjectInit, kNativeMethod | kNativeKeywords},
    {"__repr__", ObjectReprMethod, kNativeMethod},
    {"__str__", ObjectStrMethod, kNativeMethod},
    {"__eq__", ObjectEq, kNativeMethod},
    {"__ne__", ObjectNe, kNativeMethod},
    {"__hash__", ObjectHashMethod, kNativeMethod},
    {"__setattr__", ObjectSetAttrMethod, kNativeMethod},
    {"__delattr__", ObjectDelAttrMethod, kNativeMethod},
    {"__getattribute__", ObjectGetAttributeMethod, kNativeMethod},
    {nullptr, nullptr, 0},
};

}  // namespace

void InitTypeObject() {
  AddMethods(&ObjectType, kObjectMethods);
  DictSetStr(ObjectType.dict, "__new__",
             NewStaticNativeFunction("__new__", ObjectNew, kNativeKeywords));
  TypeType.dealloc = HeapTypeDealloc;  // static types are immortal
}

}  // namespace twinpy
