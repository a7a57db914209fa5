// _thread._local: one attribute dict per thread and local object.
//
// Layout. Each local object takes a slot number, unique among live locals
// (reused after death). Each thread that touches locals has a ThreadLocals
// table: dicts by slot number. The owning thread reads its table without a
// lock (the hot path); every write to a table or to an object's list of
// threads holds one registry mutex, taken only when a thread first touches
// an object, when an object dies and when a thread ends.
//
// Invariant (under the mutex): thread table S holds a dict at slot i
// exactly when the live object with slot i lists S among its threads. So an
// object dying empties its slot in each listed table, and a thread ending
// unlists itself from each object whose slot it fills; whichever takes the
// mutex first leaves nothing for the other. A table's owner reads a slot
// only for an object it holds a reference to, which therefore cannot be
// dying, so the only concurrent writes it can meet are other slots emptied
// (atomics, for the record) and never a reallocation, which only the owner
// does.
#include "runtime/thread_local_object.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <new>
#include <string_view>
#include <vector>

#include "runtime/abstract.h"
#include "runtime/descr.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"
#include "runtime/typeobject.h"

namespace twinpy {

Type LocalType;

namespace {

struct ThreadLocals {
  std::atomic<DictObject*>* slots = nullptr;
  uint32_t capacity = 0;
};

struct LocalObject : Object {
  uint32_t slot;
  // The constructor's arguments, for a subclass's __init__ in each new
  // thread: positional then keyword values, and the keywords' names.
  TupleObject* args;     // nullptr: none
  TupleObject* kwnames;  // nullptr: none
  std::vector<ThreadLocals*> threads;  // tables holding a dict; under the mutex
};

struct Registry {
  std::mutex mu;
  std::vector<LocalObject*> objects;  // by slot; nullptr: free
  std::vector<uint32_t> free_slots;
};

// Never destroyed: threads may still end while static destructors run.
Registry& TheRegistry() {
  static Registry* r = new Registry;
  return *r;
}

// The calling thread's table; created on its first local.
thread_local ThreadLocals* tls_locals = nullptr;

LocalObject* AsLocal(Object* o) { return static_cast<LocalObject*>(o); }

// The hot path: this thread's dict for `l`, or nullptr.
inline DictObject* CachedDict(const LocalObject* l) {
  ThreadLocals* s = tls_locals;
  if (__builtin_expect(s != nullptr && l->slot < s->capacity, 1)) {
    return s->slots[l->slot].load(std::memory_order_relaxed);
  }
  return nullptr;
}

// Room for slot `slot` in `s`; under the mutex. False when out of memory.
bool Reserve(ThreadLocals* s, uint32_t slot) {
  if (slot < s->capacity) return true;
  uint32_t n = std::max<uint32_t>({8, slot + 1, s->capacity * 2});
  auto* fresh = new (std::nothrow) std::atomic<DictObject*>[n];
  if (fresh == nullptr) return false;
  for (uint32_t i = 0; i < n; ++i) {
    fresh[i].store(i < s->capacity ? s->slots[i].load(std::memory_order_relaxed)
                                   : nullptr,
                   std::memory_order_relaxed);
  }
  delete[] s->slots;
  s->slots = fresh;
  s->capacity = n;
  return true;
}

void Unlist(LocalObject* l, ThreadLocals* s) {
  auto& v = l->threads;
  v.erase(std::find(v.begin(), v.end(), s));
}

// Takes this thread's dict for `l` out of its table (after a failed
// __init__); the caller releases it.
DictObject* Forget(LocalObject* l) {
  std::lock_guard<std::mutex> guard(TheRegistry().mu);
  ThreadLocals* s = tls_locals;
  DictObject* d = s->slots[l->slot].exchange(nullptr, std::memory_order_relaxed);
  if (d != nullptr) Unlist(l, s);
  return d;
}

Object* InitMethod(Type* t) {
  static StrObject* init = InternStr("__init__");
  Object* m = LookupType(t, init);
  // object.__init__ (native) does nothing: only a class's own counts.
  return m != nullptr && m->type != &NativeFunctionType ? m : nullptr;
}

// Runs type(l).__init__(l, *args, **kwargs) with the constructor's
// arguments. False with an error set.
bool RunInit(LocalObject* l, Object* init) {
  Object* bound = DescrGet(init, l, l->type);
  if (bound == nullptr) return false;
  size_t total = l->args != nullptr ? static_cast<size_t>(l->args->size) : 0;
  size_t nkw = l->kwnames != nullptr ? static_cast<size_t>(l->kwnames->size) : 0;
  Object* r = Call(bound, total ? l->args->items : nullptr, total - nkw, l->kwnames);
  Decref(bound);
  if (r == nullptr) return false;
  if (r != None()) {
    SetError(&TypeErrorType, StrCat("__init__() should return None, not '",
                                    TypeName(r), "'"));
    Decref(r);
    return false;
  }
  return true;
}

// Gives the calling thread a dict for `l`; with `run_init`, then runs a
// subclass's __init__ in it (a thread other than the creator's first
// touch). Borrowed, or nullptr with an error set.
DictObject* NewThreadDict(LocalObject* l, bool run_init) {
  DictObject* d = NewDict();
  if (d == nullptr) return nullptr;
  {
    std::lock_guard<std::mutex> guard(TheRegistry().mu);
    ThreadLocals* s = tls_locals;
    if (s == nullptr) {
      s = new (std::nothrow) ThreadLocals;
      if (s == nullptr) {
        Decref(d);
        NoMemory();
        return nullptr;
      }
      tls_locals = s;
    }
    if (!Reserve(s, l->slot)) {
      Decref(d);
      NoMemory();
      return nullptr;
    }
    s->slots[l->slot].store(d, std::memory_order_relaxed);
    l->threads.push_back(s);
  }
  if (run_init) {
    if (Object* init = InitMethod(l->type)) {
      if (!RunInit(l, init)) {
        XDecref(Forget(l));
        return nullptr;
      }
    }
  }
  return d;
}

inline DictObject* ThreadDict(LocalObject* l) {
  DictObject* d = CachedDict(l);
  if (__builtin_expect(d != nullptr, 1)) return d;
  return NewThreadDict(l, /*run_init=*/true);
}

bool IsDictName(StrObject* name) {
  static StrObject* dict_name = InternStr("__dict__");
  return name == dict_name || (!name->interned && StrView(name) == "__dict__");
}

Object* LocalNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (nargs < 1 || args[0]->type != &TypeType ||
      !IsSubtype(static_cast<Type*>(args[0]), &LocalType)) {
    return SetError(&TypeErrorType,
                    "_thread._local.__new__(X): X is not a subtype of _thread._local");
  }
  auto* t = static_cast<Type*>(args[0]);
  size_t nkw = kwnames != nullptr ? static_cast<size_t>(kwnames->size) : 0;
  size_t given = nargs - 1 + nkw;
  if (given > 0 && InitMethod(t) == nullptr) {
    return SetError(&TypeErrorType, "Initialization arguments are not supported");
  }
  TupleObject* saved = nullptr;
  if (given > 0) {
    saved = TupleFrom(args + 1, static_cast<int64_t>(given));
    if (saved == nullptr) return nullptr;
  }
  auto* l = static_cast<LocalObject*>(AllocObject(t, t->basic_size));
  if (l == nullptr) {
    XDecref(saved);
    return nullptr;
  }
  l->args = saved;
  l->kwnames = nkw > 0 ? NewRef(kwnames) : nullptr;
  new (&l->threads) std::vector<ThreadLocals*>();
  {
    Registry& r = TheRegistry();
    std::lock_guard<std::mutex> guard(r.mu);
    if (!r.free_slots.empty()) {
      l->slot = r.free_slots.back();
      r.free_slots.pop_back();
      r.objects[l->slot] = l;
    } else {
      l->slot = static_cast<uint32_t>(r.objects.size());
      r.objects.push_back(l);
    }
  }
  // The creating thread's dict: its __init__ is the constructor's own call.
  if (NewThreadDict(l, /*run_init=*/false) == nullptr) {
    Decref(l);
    return nullptr;
  }
  return l;
}

void LocalDealloc(Object* o) {
  LocalObject* l = AsLocal(o);
  std::vector<DictObject*> dicts;
  {
    Registry& r = TheRegistry();
    std::lock_guard<std::mutex> guard(r.mu);
    for (ThreadLocals* s : l->threads) {
      DictObject* d = s->slots[l->slot].exchange(nullptr, std::memory_order_relaxed);
      if (d != nullptr) dicts.push_back(d);
    }
    r.objects[l->slot] = nullptr;
    r.free_slots.push_back(l->slot);
  }
  l->threads.~vector();
  XDecref(l->args);
  XDecref(l->kwnames);
  Type* t = o->type;
  FreeObject(o, t->basic_size);
  // Last: releasing the values may run code.
  for (DictObject* d : dicts) Decref(d);
}

}  // namespace

Object* LocalGetAttr(Object* o, StrObject* name) {
  DictObject* d = ThreadDict(AsLocal(o));
  if (d == nullptr) return nullptr;
  if (IsDictName(name)) return NewRef(d);
  // As CPython: a subclass's instance dict is read before its class's
  // (data descriptors included).
  if (o->type != &LocalType) {
    if (Object* v = DictGetStrRef(d, name)) return v;
  }
  return GenericGetAttrWithDict(o, name, &d);
}

int LocalSetAttr(Object* o, StrObject* name, Object* value) {
  DictObject* d = ThreadDict(AsLocal(o));
  if (d == nullptr) return -1;
  if (IsDictName(name)) {
    SetError(&AttributeErrorType, StrCat("'", TypeName(o),
                                         "' object attribute '__dict__' is read-only"));
    return -1;
  }
  return GenericSetAttrWithDict(o, name, value, &d);
}

Object* LocalSubclassGetAttr(Object* o, StrObject* name) {
  return InstanceGetAttr(o, name);
}

DictObject* PeekThreadLocalDict(Object* o) { return CachedDict(AsLocal(o)); }

void ReleaseThreadLocals() {
  Registry& r = TheRegistry();
  // Releasing values may run code that touches locals again: repeat until
  // the table stays empty.
  while (true) {
    std::vector<DictObject*> dicts;
    {
      std::lock_guard<std::mutex> guard(r.mu);
      ThreadLocals* s = tls_locals;
      if (s == nullptr) return;
      for (uint32_t i = 0; i < s->capacity; ++i) {
        DictObject* d = s->slots[i].exchange(nullptr, std::memory_order_relaxed);
        if (d == nullptr) continue;
        dicts.push_back(d);
        Unlist(r.objects[i], s);
      }
      if (dicts.empty()) {
        // Listed by no object any more: nobody else can reach it.
        tls_locals = nullptr;
        delete[] s->slots;
        delete s;
        return;
      }
    }
    for (DictObject* d : dicts) Decref(d);
  }
}

void InitLocalType() {
  static bool done = [] {
    InitStaticType(&LocalType, "_thread._local", sizeof(LocalObject), &ObjectType);
    LocalType.flags |= kTypeBaseType;
    LocalType.dealloc = LocalDealloc;
    LocalType.repr = ObjectType.repr;
    LocalType.hash = ObjectType.hash;
    LocalType.compare = ObjectType.compare;
    LocalType.getattr = LocalGetAttr;
    LocalType.setattr = LocalSetAttr;
    LocalType.dict = NewDict();
    DictSetStr(LocalType.dict, "__new__",
               NewStaticNativeFunction("__new__", LocalNew, kNativeKeywords));
    DictSetStr(LocalType.dict, "__doc__", NewStr("Thread-local data"));
    return true;
  }();
  (void)done;
}

}  // namespace twinpy
