// The object header's operations, the singletons, and the `type` and
// `object` types themselves.
#include "runtime/object.h"

#include <memory>
#include <string>
#include <vector>

#include "runtime/strcat.h"
#include "alloc/allocator.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/int.h"
#include "runtime/errors.h"
#include "runtime/qsbr.h"
#include "runtime/function.h"
#include "runtime/str.h"
#include "runtime/tuple.h"
#include "runtime/typeobject.h"
#include "runtime/descr.h"

namespace twinpy {

Type TypeType;
Type ObjectType;
Type NoneType;
Type NotImplementedType;
Type EllipsisType;
Object NoneObject;
Object NotImplementedObject;
Object EllipsisObject;

namespace {

// Freeing an object releases what it holds, which can free more: a chain of
// a million nested lists would recurse a million deep. Past this many
// nested deallocations an object waits in a per-thread list, linked
// through its dead reference count, until the outermost deallocation
// frees it (CPython's "trashcan").
constexpr int kMaxDeallocDepth = 64;
thread_local int dealloc_depth = 0;
thread_local Object* deferred_deallocs = nullptr;

}  // namespace

void Dealloc(Object* o) {
  if (__builtin_expect(dealloc_depth >= kMaxDeallocDepth, 0)) {
    RcInit(o->rc, static_cast<int64_t>(reinterpret_cast<intptr_t>(deferred_deallocs)));
    deferred_deallocs = o;
    return;
  }
  ++dealloc_depth;
  o->type->dealloc(o);
  if (__builtin_expect(dealloc_depth == 1 && deferred_deallocs != nullptr, 0)) {
    while (Object* d = deferred_deallocs) {
      deferred_deallocs = reinterpret_cast<Object*>(static_cast<intptr_t>(RcLoad(d->rc)));
      RcInit(d->rc, 0);
      d->type->dealloc(d);
    }
  }
  --dealloc_depth;
}

Object* AllocObject(Type* type, size_t size) {
  void* memory = alloc::Allocate(size);
  if (memory == nullptr) return NoMemory();
  auto* o = static_cast<Object*>(memory);
  RcInit(o->rc, 1);
  o->type = type;
  // Instances keep their class alive (static types are immortal).
  if (type->flags & kTypeHeap) Incref(type);
  return o;
}

void FreeObject(Object* o, size_t size) { alloc::Free(o, size); }

bool IsSubtype(const Type* a, const Type* b) {
  if (a->mro != nullptr) {
    for (int64_t i = 0; i < a->mro->size; ++i) {
      if (a->mro->items[i] == b) return true;
    }
    return false;
  }
  for (; a != nullptr; a = a->base) {
    if (a == b) return true;
  }
  return false;
}

void InitStaticType(Type* type, const char* name, size_t basic_size,
                    Type* base) {
  MakeImmortal(type);
  type->type = &TypeType;
  type->name = name;
  type->basic_size = basic_size;
  type->base = base;
  if (base != nullptr) {
    // Subclass markers are inherited so IsInt() and friends stay one test.
    type->flags |= base->flags & ~kTypeBaseType;
  }
}

namespace {

void NeverDealloc(Object*) {}

std::string TypeModule(Type* t);
std::string TypeQualname(Type* t);

Object* ObjectRepr(Object* o) {
  char address[32];
  snprintf(address, sizeof(address), "%p", static_cast<void*>(o));
  std::string module = TypeModule(o->type);
  std::string name = module == "builtins"
                         ? std::string(TypeName(o))
                         : StrCat(module, ".", TypeQualname(o->type));
  return NewStr(StrCat("<", name, " object at ", address, ">"));
}

int64_t ObjectHash(Object* o) {
  // Identity hash: the address without its always-zero alignment bits.
  return static_cast<int64_t>(reinterpret_cast<uintptr_t>(o) >> 4);
}

Object* ObjectCompare(Object* a, Object* b, CompareOp op) {
  if (op == CompareOp::kEq) return a == b ? True() : NotImplemented();
  if (op == CompareOp::kNe) return a != b ? True() : NotImplemented();
  return NotImplemented();
}

// The module a class was defined in, or "builtins".
std::string TypeModule(Type* t) {
  if (IsHeapType(t)) {
    Object* m = DictGetStr(t->dict, InternStr("__module__"));
    if (m != nullptr && IsStr(m)) return std::string(StrView(m));
  }
  return "builtins";
}

std::string TypeQualname(Type* t) {
  return IsHeapType(t) ? std::string(StrView(static_cast<HeapType*>(t)->ht_qualname))
                       : t->name;
}

Object* TypeRepr(Object* o) {
  auto* t = static_cast<Type*>(o);
  std::string module = TypeModule(t);
  if (module == "builtins") return NewStr(StrCat("<class '", t->name, "'>"));
  return NewStr(StrCat("<class '", module, ".", TypeQualname(t), "'>"));
}

Object* TypeGetAttr(Object* o, StrObject* name) {
  auto* t = static_cast<Type*>(o);
  std::string_view n = StrView(name);
  if (n == "__name__" || n == "__qualname__") {
    if (IsHeapType(t)) return NewStr(n == "__name__" ? t->name : TypeQualname(t));
    // Built-in types named "module.name" (collections.deque) answer "name".
    std::string_view name = t->name;
    size_t dot = name.rfind('.');
    return NewStr(dot == std::string_view::npos ? name : name.substr(dot + 1));
  }
  if (n == "__mro__") {
    if (t->mro != nullptr) return NewRef(t->mro);
    std::vector<Object*> chain;
    for (Type* b = t; b != nullptr; b = b->base) chain.push_back(b);
    return TupleFrom(chain.data(), static_cast<int64_t>(chain.size()));
  }
  if (n == "__bases__") {
    if (IsHeapType(t)) return NewRef(static_cast<HeapType*>(t)->bases);
    return t->base ? TupleOf({t->base}) : EmptyTuple();
  }
  if (n == "__base__") return NewRef(t->base ? static_cast<Object*>(t->base) : None());
  if (n == "__dict__") {
    if (t->dict == nullptr) t->dict = NewDict();
    return NewRef(t->dict);
  }
  Object* v = LookupType(t, name);
  if (v != nullptr) return DescrGet(v, nullptr, t);
  if (n == "__module__") return NewStr(TypeModule(t));
  if (n == "__doc__") return None();
  return SetError(&AttributeErrorType,
                  StrCat("type object '", t->name, "' has no attribute '", n,
                         "'"));
}

int TypeSetAttr(Object* o, StrObject* name, Object* value) {
  auto* t = static_cast<Type*>(o);
  if (!IsHeapType(t)) {
    SetError(&TypeErrorType,
             StrCat("cannot set '", StrView(name),
                    "' attribute of immutable type '", t->name, "'"));
    return -1;
  }
  // Other threads may be using the value replaced or removed through a
  // borrowed pointer (LookupType): it is released once they all passed a
  // quiescent point, after the caches that could still return it are
  // invalidated.
  Object* old = nullptr;
  int r = DictExchangeItem(t->dict, name, value, &old);
  if (value == nullptr && r == 0) {
    SetError(&AttributeErrorType,
             StrCat("type object '", t->name, "' has no attribute '",
                    StrView(name), "'"));
    return -1;
  }
  r = r < 0 ? -1 : 0;
  InvalidateTypeCaches();
  // A special method may have appeared or gone.
  std::string_view n = StrView(name);
  if (r == 0 && n.size() > 4 && n.substr(0, 2) == "__") UpdateSlots(t);
  QsbrDeferDecref(old);
  return r;
}

// Calling a type constructs an instance: type(x) with one argument answers
// the type of x.
Object* TypeCall(Object* callable, Object* const* args, size_t nargs,
                 TupleObject* kwnames) {
  auto* t = static_cast<Type*>(callable);
  if (t == &TypeType && nargs == 1 && kwnames == nullptr) {
    return NewRef(args[0]->type);
  }
  if (t == &TypeType && nargs == 3) {
    if (!IsStr(args[0]) || !IsTuple(args[1]) || !IsDict(args[2])) {
      return SetError(&TypeErrorType,
                      "type.__new__() argument types must be (str, tuple, dict)");
    }
    return NewHeapType(static_cast<StrObject*>(args[0]),
                       static_cast<TupleObject*>(args[1]),
                       static_cast<DictObject*>(args[2]));
  }
  if (t == &TypeType) {
    return SetError(&TypeErrorType, "type() takes 1 or 3 arguments");
  }
  if (IsHeapType(t)) return CallHeapType(t, args, nargs, kwnames);
  // Each constructible type stores its constructor as `__new__` in its dict:
  // a native function taking (type, args...).
  static StrObject* new_name = InternStr("__new__");
  Object* ctor = LookupType(t, new_name);
  if (ctor == nullptr) {
    return SetError(&TypeErrorType, StrCat("cannot create '", t->name,
                                                 "' instances"));
  }
  PrependedArgs full(t, args, nargs + (kwnames == nullptr ? 0 : kwnames->size));
  return Call(ctor, full.data(), nargs + 1, kwnames);
}

Object* SingletonRepr(Object* o) {
  if (o == &NoneObject) return NewStr("None");
  if (o == &NotImplementedObject) return NewStr("NotImplemented");
  return NewStr("Ellipsis");
}

int NoneTruth(Object*) { return 0; }

}  // namespace

void InitObjectTypes() {
  InitStaticType(&TypeType, "type", sizeof(Type), &ObjectType);
  TypeType.flags |= kTypeTypeSubclass;
  TypeType.dealloc = NeverDealloc;
  TypeType.repr = TypeRepr;
  TypeType.hash = ObjectHash;
  TypeType.compare = ObjectCompare;
  TypeType.call = TypeCall;
  TypeType.getattr = TypeGetAttr;
  TypeType.setattr = TypeSetAttr;

  InitStaticType(&ObjectType, "object", sizeof(Object), nullptr);
  ObjectType.flags |= kTypeBaseType;
  ObjectType.dealloc = NeverDealloc;
  ObjectType.repr = ObjectRepr;
  ObjectType.hash = ObjectHash;
  ObjectType.compare = ObjectCompare;
  ObjectType.getattr = GenericGetAttr;

  for (Type* t : {&NoneType, &NotImplementedType, &EllipsisType}) {
    const char* name = t == &NoneType             ? "NoneType"
                       : t == &NotImplementedType ? "NotImplementedType"
                                                  : "ellipsis";
    InitStaticType(t, name, sizeof(Object), &ObjectType);
    t->dealloc = NeverDealloc;
    t->repr = SingletonRepr;
    t->hash = ObjectHash;
    t->compare = ObjectCompare;
    t->getattr = GenericGetAttr;
  }
  NoneType.truth = NoneTruth;
  for (auto [o, t] : {std::pair{&NoneObject, &NoneType},
                      std::pair{&NotImplementedObject, &NotImplementedType},
                      std::pair{&EllipsisObject, &EllipsisType}}) {
    MakeImmortal(o);
    o->type = t;
  }
}

}  // namespace twinpy
