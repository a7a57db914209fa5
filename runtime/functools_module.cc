// The functools module: reduce, partial, lru_cache/cache, wraps and
// update_wrapper, cmp_to_key.
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/native_args.h"
#include "runtime/object_lock.h"
#include "runtime/sequence.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

Type PartialType;
Type LruWrapperType;
Type CacheInfoType;
Type KeyWrapperType;  // what cmp_to_key returns
Type KeyType;         // the objects a KeyWrapper makes

std::string Address(Object* o) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%p", static_cast<void*>(o));
  return buf;
}

// Calls func(*pos, **kw) where kw is a dict (or nullptr).
Object* CallWithDict(Object* func, const std::vector<Object*>& pos,
                     DictObject* kw) {
  std::vector<Object*> args(pos);
  TupleObject* kwnames = nullptr;
  if (kw != nullptr && kw->used > 0) {
    kwnames = NewTuple(kw->used);
    if (kwnames == nullptr) return nullptr;
    int64_t p = 0, i = 0;
    Object *k, *v;
    while (DictNext(kw, &p, &k, &v)) {
      kwnames->items[i++] = NewRef(k);
      args.push_back(v);
    }
  }
  Object* r = Call(func, args.data(), pos.size(), kwnames);
  XDecref(kwnames);
  return r;
}

// --- reduce(function, iterable[, initial])
// --------------------------------------

Object* Reduce(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("reduce", kwnames) ||
      !CheckArgCount("reduce", nargs, 2, 3)) {
    return nullptr;
  }
  Object* it = GetIter(args[1]);
  if (it == nullptr) return nullptr;
  Object* acc = nargs > 2 ? NewRef(args[2]) : nullptr;
  while (Object* item = IterNext(it)) {
    if (acc == nullptr) {
      acc = item;
      continue;
    }
    Object* call_args[2] = {acc, item};
    Object* next = Call(args[0], call_args, 2);
    Decref(acc);
    Decref(item);
    acc = next;
    if (acc == nullptr) break;
  }
  Decref(it);
  if (ErrorOccurred()) {
    XDecref(acc);
    return nullptr;
  }
  if (acc == nullptr) {
    return SetError(&TypeErrorType,
                    "reduce() of empty iterable with no initial value");
  }
  return acc;
}

// --- partial(func, *args, **keywords)
// ---------------------------------------------

struct PartialObject : Object {
  Object* func;
  TupleObject* args;
  DictObject* keywords;
  DictObject* dict;  // attributes set on the partial, or nullptr
};

Object* PartialNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (nargs < 2) {
    return SetError(&TypeErrorType,
                    "type 'partial' takes at least one argument");
  }
  Object* func = args[1];
  if (func->type->call == nullptr) {
    return SetError(&TypeErrorType, "the first argument must be callable");
  }
  std::vector<Object*> pos;
  DictObject* kw = NewDict();
  if (kw == nullptr) return nullptr;
  // partial(partial(f, a), b) flattens to partial(f, a, b).
  if (func->type == &PartialType) {
    auto* inner = static_cast<PartialObject*>(func);
    func = inner->func;
    for (int64_t i = 0; i < inner->args->size; ++i)
      pos.push_back(inner->args->items[i]);
    if (DictUpdate(kw, inner->keywords) < 0) {
      Decref(kw);
      return nullptr;
    }
  }
  for (size_t i = 2; i < nargs; ++i) pos.push_back(args[i]);
  size_t nkw = KeywordCount(kwnames);
  for (size_t i = 0; i < nkw; ++i) {
    if (DictSetItem(kw, kwnames->items[i], args[nargs + i]) < 0) {
      Decref(kw);
      return nullptr;
    }
  }
  TupleObject* t = TupleFrom(pos.data(), static_cast<int64_t>(pos.size()));
  auto* p = t ? static_cast<PartialObject*>(
                    AllocObject(&PartialType, sizeof(PartialObject)))
              : nullptr;
  if (p == nullptr) {
    XDecref(t);
    Decref(kw);
    return nullptr;
  }
  p->func = NewRef(func);
  p->args = t;
  p->keywords = kw;
  p->dict = nullptr;
  return p;
}

Object* PartialCall(Object* callable, Object* const* args, size_t nargs,
                    TupleObject* kwnames) {
  auto* p = static_cast<PartialObject*>(callable);
  std::vector<Object*> pos(p->args->items, p->args->items + p->args->size);
  pos.insert(pos.end(), args, args + nargs);
  size_t nkw = KeywordCount(kwnames);
  if (nkw == 0) return CallWithDict(p->func, pos, p->keywords);
  DictObject* kw = DictCopy(p->keywords);
  if (kw == nullptr) return nullptr;
  for (size_t i = 0; i < nkw; ++i) {
    if (DictSetItem(kw, kwnames->items[i], args[nargs + i]) < 0) {
      Decref(kw);
      return nullptr;
    }
  }
  Object* r = CallWithDict(p->func, pos, kw);
  Decref(kw);
  return r;
}

Object* PartialRepr(Object* o) {
  auto* p = static_cast<PartialObject*>(o);
  if (ReprEnter(o)) return NewStr("...");
  std::string out = "functools.partial(";
  std::string s;
  bool ok = ReprString(p->func, &s);
  out += s;
  for (int64_t i = 0; ok && i < p->args->size; ++i) {
    ok = ReprString(p->args->items[i], &s);
    StrAppend(&out, ", ", s);
  }
  int64_t pos = 0;
  Object *k, *v;
  while (ok && DictNext(p->keywords, &pos, &k, &v)) {
    ok = ReprString(v, &s);
    StrAppend(&out, ", ", StrView(k), "=", s);
  }
  ReprLeave(o);
  if (!ok) return nullptr;
  out += ")";
  return NewStr(out);
}

Object* PartialGetAttr(Object* o, StrObject* name) {
  auto* p = static_cast<PartialObject*>(o);
  std::string_view n = StrView(name);
  if (n == "func") return NewRef(p->func);
  if (n == "args") return NewRef(p->args);
  if (n == "keywords") return NewRef(p->keywords);
  if (n == "__dict__") {
    if (p->dict == nullptr && (p->dict = NewDict()) == nullptr) return nullptr;
    return NewRef(p->dict);
  }
  if (p->dict != nullptr) {
    Object* v = DictGetStrRef(p->dict, name);
    if (v != nullptr) return v;
  }
  return GenericGetAttr(o, name);
}

// Attributes stored in a per-object dict (partial and the lru wrapper).
int DictSetAttr(DictObject** slot, Object* o, StrObject* name, Object* value) {
  if (*slot == nullptr && (*slot = NewDict()) == nullptr) return -1;
  if (value != nullptr) return DictSetItem(*slot, name, value);
  int r = DictDelItem(*slot, name);
  if (r == 0) {
    SetError(&AttributeErrorType,
             StrCat("'", TypeName(o), "' object has no attribute '",
                    StrView(name), "'"));
    return -1;
  }
  return r < 0 ? -1 : 0;
}

int PartialSetAttr(Object* o, StrObject* name, Object* value) {
  return DictSetAttr(&static_cast<PartialObject*>(o)->dict, o, name, value);
}

void PartialDealloc(Object* o) {
  auto* p = static_cast<PartialObject*>(o);
  Decref(p->func);
  Decref(p->args);
  Decref(p->keywords);
  XDecref(p->dict);
  FreeObject(o, sizeof(PartialObject));
}

// --- update_wrapper / wraps
// ----------------------------------------------------------

// Copies __module__, __name__, __qualname__, __doc__ (when present) and
// the __dict__ entries of `wrapped` onto `wrapper`, and sets __wrapped__.
bool UpdateWrapper(Object* wrapper, Object* wrapped) {
  for (const char* attr :
       {"__module__", "__name__", "__qualname__", "__doc__"}) {
    Object* v = GetAttrString(wrapped, attr);
    if (v == nullptr) {
      if (!ErrorMatches(&AttributeErrorType)) return false;
      ClearError();
      continue;
    }
    int r = SetAttr(wrapper, InternStr(attr), v);
    Decref(v);
    if (r < 0) return false;
  }
  Object* d = GetAttrString(wrapped, "__dict__");
  if (d == nullptr) {
    if (!ErrorMatches(&AttributeErrorType)) return false;
    ClearError();
  } else {
    if (IsDict(d)) {
      int64_t pos = 0;
      Object *k, *v;
      while (DictNextRef(static_cast<DictObject*>(d), &pos, &k, &v)) {
        int r = IsStr(k) ? SetAttr(wrapper, static_cast<StrObject*>(k), v) : 0;
        Decref(k);
        Decref(v);
        if (r < 0) {
          Decref(d);
          return false;
        }
      }
    }
    Decref(d);
  }
  return SetAttr(wrapper, InternStr("__wrapped__"), wrapped) == 0;
}

Object* UpdateWrapperFn(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("update_wrapper", args, nargs, kwnames, {"wrapper", "wrapped"},
                2, 2, a)) {
    return nullptr;
  }
  if (!UpdateWrapper(a[0], a[1])) return nullptr;
  return NewRef(a[0]);
}

// wraps(wrapped) returns this, bound to `wrapped`: decorator(wrapper).
Object* WrapsDecorator(Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  if (!CheckNoKeywords("wraps", kwnames) ||
      !CheckArgCount("wraps", nargs - 1, 1, 1)) {
    return nullptr;
  }
  if (!UpdateWrapper(args[1], args[0])) return nullptr;
  return NewRef(args[1]);
}

Object* Wraps(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("wraps", kwnames) ||
      !CheckArgCount("wraps", nargs, 1, 1)) {
    return nullptr;
  }
  NativeFunctionObject* f = NewNativeFunction("wraps", WrapsDecorator, 0);
  if (f == nullptr) return nullptr;
  f->self = NewRef(args[0]);
  return f;
}

// --- lru_cache
// -----------------------------------------------------------------------

// Separates positional from keyword parts of a cache key.
Object* KwMark() {
  static Object* mark = [] {
    Object* o = AllocObject(&ObjectType, sizeof(Object));
    MakeImmortal(o);
    return o;
  }();
  return mark;
}

struct LruWrapperObject : Object {
  Object* func;
  DictObject* cache;  // insertion order is recency order when bounded
  DictObject* dict;   // __wrapped__, __name__, ...
  int64_t maxsize;    // -1: unbounded
  int64_t hits;       // updated with relaxed atomics: threads share caches
  int64_t misses;
  bool typed;
  // The first live entry of the cache is at or after this position, until
  // the entry array is reallocated (which compacts it). Guarded by the
  // cache dict's lock.
  int64_t oldest_hint;
  DictEntry* hint_entries;
};

void Count(int64_t* counter) {
  __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}
int64_t ReadCount(int64_t* counter) {
  return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

// The cache key: the argument itself for one int or str, else a tuple of
// the positional arguments, a marker, and the keyword name/value pairs
// (plus the argument types when typed).
Object* MakeKey(LruWrapperObject* w, Object* const* args, size_t nargs,
                TupleObject* kwnames) {
  size_t nkw = KeywordCount(kwnames);
  if (nkw == 0 && nargs == 1 && !w->typed &&
      (args[0]->type == &IntType || args[0]->type == &StrType)) {
    return NewRef(args[0]);
  }
  std::vector<Object*> parts(args, args + nargs);
  if (nkw > 0) {
    parts.push_back(KwMark());
    for (size_t i = 0; i < nkw; ++i) {
      parts.push_back(kwnames->items[i]);
      parts.push_back(args[nargs + i]);
    }
  }
  if (w->typed) {
    for (size_t i = 0; i < nargs; ++i) parts.push_back(args[i]->type);
    for (size_t i = 0; i < nkw; ++i) parts.push_back(args[nargs + i]->type);
  }
  return TupleFrom(parts.data(), static_cast<int64_t>(parts.size()));
}

// Drops the least recently used entry; 0 when there was none, -1 on error.
int EvictOldest(LruWrapperObject* w) {
  DictObject* d = w->cache;
  Object* key = nullptr;
  {
    CriticalSection cs(d->mutex);
    if (w->hint_entries != d->entries) {
      w->hint_entries = d->entries;
      w->oldest_hint = 0;
    }
    int64_t pos = w->oldest_hint;
    Object* k;
    if (DictNext(d, &pos, &k, nullptr)) {
      w->oldest_hint = pos - 1;
      key = NewRef(k);
    }
  }
  if (key == nullptr) return 0;
  int r = DictDelItem(d, key);
  Decref(key);
  return r < 0 ? -1 : 1;
}

// Evicts down to maxsize. Done after each insertion rather than before, so
// that threads inserting at once still leave the cache within bounds.
int Trim(LruWrapperObject* w) {
  while (DictSize(w->cache) > w->maxsize) {
    int r = EvictOldest(w);
    if (r <= 0) return r;
  }
  return 0;
}

Object* LruCall(Object* callable, Object* const* args, size_t nargs,
                TupleObject* kwnames) {
  auto* w = static_cast<LruWrapperObject*>(callable);
  if (w->maxsize == 0) {
    Count(&w->misses);
    return Call(w->func, args, nargs, kwnames);
  }
  Object* key = MakeKey(w, args, nargs, kwnames);
  if (key == nullptr) return nullptr;
  Object* hit = DictGetItemRef(w->cache, key);
  if (hit != nullptr) {
    Count(&w->hits);
    if (w->maxsize > 0) {
      // Move to the most recent end.
      if (DictDelItem(w->cache, key) < 0 ||
          DictSetItem(w->cache, key, hit) < 0 || Trim(w) < 0) {
        Decref(hit);
        Decref(key);
        return nullptr;
      }
    }
    Decref(key);
    return hit;
  }
  if (ErrorOccurred()) {
    Decref(key);
    return nullptr;
  }
  Count(&w->misses);
  Object* result = Call(w->func, args, nargs, kwnames);
  if (result == nullptr) {
    Decref(key);
    return nullptr;
  }
  // A recursive call may have cached this key meanwhile.
  Object* again = DictGetItemRef(w->cache, key);
  int r = 0;
  if (again != nullptr) {
    Decref(again);
  } else if (!ErrorOccurred()) {
    r = DictSetItem(w->cache, key, result);
    if (r == 0 && w->maxsize > 0) r = Trim(w);
  }
  Decref(key);
  if (r < 0 || ErrorOccurred()) {
    Decref(result);
    return nullptr;
  }
  return result;
}

Object* NewCacheInfo(LruWrapperObject* w) {
  auto* info = static_cast<TupleObject*>(AllocObject(
      &CacheInfoType, offsetof(TupleObject, items) + 4 * sizeof(Object*)));
  if (info == nullptr) return nullptr;
  info->size = 4;
  info->items[0] = NewInt(ReadCount(&w->hits));
  info->items[1] = NewInt(ReadCount(&w->misses));
  info->items[2] = w->maxsize < 0 ? None() : NewInt(w->maxsize);
  info->items[3] = NewInt(DictSize(w->cache));
  return info;
}

Object* CacheInfoMethod(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  if (!CheckArgCount("cache_info", nargs - 1, 0, 0)) return nullptr;
  return NewCacheInfo(static_cast<LruWrapperObject*>(args[0]));
}

Object* CacheClearMethod(Object* const* args, size_t nargs,
                         TupleObject* kwnames) {
  if (!CheckArgCount("cache_clear", nargs - 1, 0, 0)) return nullptr;
  auto* w = static_cast<LruWrapperObject*>(args[0]);
  DictClear(w->cache);
  __atomic_store_n(&w->hits, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&w->misses, 0, __ATOMIC_RELAXED);
  return None();
}

// Binds like a function when found on a class (for descriptor-aware
// attribute lookup).
Object* LruGet(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("__get__", nargs - 1, 1, 2)) return nullptr;
  if (args[1] == None()) return NewRef(args[0]);
  return NewMethod(args[0], args[1]);
}

Object* LruGetAttr(Object* o, StrObject* name) {
  auto* w = static_cast<LruWrapperObject*>(o);
  if (StrView(name) == "__dict__") return NewRef(w->dict);
  Object* v = DictGetStrRef(w->dict, name);
  if (v != nullptr) return v;
  return GenericGetAttr(o, name);
}

int LruSetAttr(Object* o, StrObject* name, Object* value) {
  return DictSetAttr(&static_cast<LruWrapperObject*>(o)->dict, o, name, value);
}

Object* LruRepr(Object* o) {
  return NewStr(
      StrCat("<functools._lru_cache_wrapper object at ", Address(o), ">"));
}

void LruDealloc(Object* o) {
  auto* w = static_cast<LruWrapperObject*>(o);
  Decref(w->func);
  Decref(w->cache);
  Decref(w->dict);
  FreeObject(o, sizeof(LruWrapperObject));
}

Object* NewLruWrapper(Object* func, int64_t maxsize, bool typed) {
  if (func->type->call == nullptr) {
    return SetError(&TypeErrorType, "the first argument must be callable");
  }
  auto* w = static_cast<LruWrapperObject*>(
      AllocObject(&LruWrapperType, sizeof(LruWrapperObject)));
  if (w == nullptr) return nullptr;
  w->func = NewRef(func);
  w->cache = NewDict();
  w->dict = NewDict();
  w->maxsize = maxsize;
  w->hits = 0;
  w->misses = 0;
  w->typed = typed;
  w->oldest_hint = 0;
  w->hint_entries = nullptr;
  if (w->cache == nullptr || w->dict == nullptr || !UpdateWrapper(w, func)) {
    Decref(w);
    return nullptr;
  }
  return w;
}

// lru_cache(maxsize, typed) returns this bound to (maxsize, typed).
Object* LruDecorator(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("lru_cache", kwnames) ||
      !CheckArgCount("lru_cache", nargs - 1, 1, 1)) {
    return nullptr;
  }
  auto* config = static_cast<TupleObject*>(args[0]);
  int64_t maxsize = -1;
  if (config->items[0] != None()) IntToInt64(config->items[0], &maxsize);
  return NewLruWrapper(args[1], maxsize, config->items[1] == True());
}

Object* LruCache(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("lru_cache", args, nargs, kwnames, {"maxsize", "typed"}, 0, 2,
                a)) {
    return nullptr;
  }
  Object* maxsize = a[0] ? a[0] : NewInt(128);
  int typed = a[1] ? IsTrue(a[1]) : 0;
  if (typed < 0) return nullptr;
  // @lru_cache without parentheses: the function comes as maxsize.
  if (maxsize->type->call != nullptr && !IsInt(maxsize)) {
    return NewLruWrapper(maxsize, 128, typed != 0);
  }
  int64_t size = -1;
  if (maxsize != None()) {
    if (!IsInt(maxsize)) {
      return SetError(&TypeErrorType,
                      "Expected first argument to be an integer, a callable, "
                      "or None");
    }
    if (!IntToInt64(maxsize, &size)) size = INT64_MAX;
    if (size < 0) size = 0;
  }
  Object* size_obj = size < 0 ? None() : NewInt(size);
  TupleObject* config = TupleOf({size_obj, Bool(typed != 0)});
  Decref(size_obj);
  if (config == nullptr) return nullptr;
  NativeFunctionObject* f =
      NewNativeFunction("decorating_function", LruDecorator, 0);
  if (f == nullptr) {
    Decref(config);
    return nullptr;
  }
  f->self = config;
  return f;
}

Object* CacheFn(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("cache", kwnames) ||
      !CheckArgCount("cache", nargs, 1, 1)) {
    return nullptr;
  }
  return NewLruWrapper(args[0], -1, false);
}

// CacheInfo(hits=, misses=, maxsize=, currsize=): a tuple with names.
const char* const kCacheInfoFields[] = {"hits", "misses", "maxsize",
                                        "currsize"};

Object* CacheInfoRepr(Object* o) {
  auto* t = static_cast<TupleObject*>(o);
  std::string out = "CacheInfo(";
  for (int i = 0; i < 4; ++i) {
    std::string v;
    if (!ReprString(t->items[i], &v)) return nullptr;
    StrAppend(&out, i ? ", " : "", kCacheInfoFields[i], "=", v);
  }
  out += ")";
  return NewStr(out);
}

Object* CacheInfoGetAttr(Object* o, StrObject* name) {
  auto* t = static_cast<TupleObject*>(o);
  for (int i = 0; i < 4; ++i) {
    if (StrView(name) == kCacheInfoFields[i]) return NewRef(t->items[i]);
  }
  return GenericGetAttr(o, name);
}

// --- cmp_to_key
// ------------------------------------------------------------------------

struct KeyWrapperObject : Object {
  Object* cmp;
};

struct KeyObject : Object {
  Object* cmp;
  Object* obj;
};

Object* CmpToKey(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[1];
  if (!BindArgs("cmp_to_key", args, nargs, kwnames, {"mycmp"}, 1, 1, a)) {
    return nullptr;
  }
  auto* w = static_cast<KeyWrapperObject*>(
      AllocObject(&KeyWrapperType, sizeof(KeyWrapperObject)));
  if (w == nullptr) return nullptr;
  w->cmp = NewRef(a[0]);
  return w;
}

Object* KeyWrapperCall(Object* callable, Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  if (!CheckNoKeywords("K", kwnames) || !CheckArgCount("K", nargs, 1, 1)) {
    return nullptr;
  }
  auto* k = static_cast<KeyObject*>(AllocObject(&KeyType, sizeof(KeyObject)));
  if (k == nullptr) return nullptr;
  k->cmp = NewRef(static_cast<KeyWrapperObject*>(callable)->cmp);
  k->obj = NewRef(args[0]);
  return k;
}

// Compares cmp(a, b) with 0.
Object* KeyCompare(Object* a, Object* b, CompareOp op) {
  if (b->type != &KeyType) {
    return SetError(&TypeErrorType, "other argument must be K instance");
  }
  auto* x = static_cast<KeyObject*>(a);
  auto* y = static_cast<KeyObject*>(b);
  Object* call_args[2] = {x->obj, y->obj};
  Object* r = Call(x->cmp, call_args, 2);
  if (r == nullptr) return nullptr;
  Object* zero = NewInt(0);
  Object* result = RichCompare(r, zero, op);
  Decref(r);
  return result;
}

Object* KeyGetAttr(Object* o, StrObject* name) {
  if (StrView(name) == "obj") return NewRef(static_cast<KeyObject*>(o)->obj);
  return GenericGetAttr(o, name);
}

void KeyWrapperDealloc(Object* o) {
  Decref(static_cast<KeyWrapperObject*>(o)->cmp);
  FreeObject(o, sizeof(KeyWrapperObject));
}

void KeyDealloc(Object* o) {
  auto* k = static_cast<KeyObject*>(o);
  Decref(k->cmp);
  Decref(k->obj);
  FreeObject(o, sizeof(KeyObject));
}

// --- module
// ------------------------------------------------------------------------------

const MethodDef kLruMethods[] = {
    {"cache_info", CacheInfoMethod, kNativeMethod},
    {"cache_clear", CacheClearMethod, kNativeMethod},
    {"__get__", LruGet, kNativeMethod},
    {nullptr, nullptr, 0},
};

void InitTypes() {
  InitStaticType(&PartialType, "functools.partial", sizeof(PartialObject),
                 &ObjectType);
  PartialType.dealloc = PartialDealloc;
  PartialType.repr = PartialRepr;
  PartialType.hash = ObjectType.hash;
  PartialType.compare = ObjectType.compare;
  PartialType.call = PartialCall;
  PartialType.getattr = PartialGetAttr;
  PartialType.setattr = PartialSetAttr;
  PartialType.dict = NewDict();
  DictSetStr(PartialType.dict, "__new__",
             NewStaticNativeFunction("__new__", PartialNew, kNativeKeywords));

  InitStaticType(&LruWrapperType, "functools._lru_cache_wrapper",
                 sizeof(LruWrapperObject), &ObjectType);
  LruWrapperType.dealloc = LruDealloc;
  LruWrapperType.repr = LruRepr;
  LruWrapperType.hash = ObjectType.hash;
  LruWrapperType.compare = ObjectType.compare;
  LruWrapperType.call = LruCall;
  LruWrapperType.getattr = LruGetAttr;
  LruWrapperType.setattr = LruSetAttr;
  AddMethods(&LruWrapperType, kLruMethods);

  // A tuple subclass: indexing, unpacking, equality come from tuple.
  InitStaticType(&CacheInfoType, "CacheInfo", sizeof(TupleObject), &TupleType);
  CacheInfoType.dealloc = TupleType.dealloc;
  CacheInfoType.repr = CacheInfoRepr;
  CacheInfoType.hash = TupleType.hash;
  CacheInfoType.compare = TupleType.compare;
  CacheInfoType.length = TupleType.length;
  CacheInfoType.getitem = TupleType.getitem;
  CacheInfoType.contains = TupleType.contains;
  CacheInfoType.iter = TupleType.iter;
  CacheInfoType.getattr = CacheInfoGetAttr;

  InitStaticType(&KeyWrapperType, "functools.KeyWrapper",
                 sizeof(KeyWrapperObject), &ObjectType);
  KeyWrapperType.dealloc = KeyWrapperDealloc;
  KeyWrapperType.call = KeyWrapperCall;
  KeyWrapperType.getattr = GenericGetAttr;
  InitStaticType(&KeyType, "functools.KeyWrapper", sizeof(KeyObject),
                 &ObjectType);
  KeyType.dealloc = KeyDealloc;
  KeyType.compare = KeyCompare;
  KeyType.getattr = KeyGetAttr;
}

ModuleObject* NewFunctoolsModule() {
  static std::once_flag once;
  std::call_once(once, InitTypes);
  ModuleObject* m = NewModule("functools");
  if (m == nullptr) return nullptr;
  const struct {
    const char* name;
    NativeFn fn;
    uint32_t flags;
  } kFunctions[] = {
      {"reduce", Reduce, 0},
      {"lru_cache", LruCache, kNativeKeywords},
      {"cache", CacheFn, 0},
      {"wraps", Wraps, 0},
      {"update_wrapper", UpdateWrapperFn, kNativeKeywords},
      {"cmp_to_key", CmpToKey, kNativeKeywords},
  };
  for (const auto& f : kFunctions) {
    DictSetStr(m->dict, f.name, NewStaticNativeFunction(f.name, f.fn, f.flags));
  }
  DictSetStr(m->dict, "partial", NewRef(&PartialType));
  return m;
}

struct Register {
  Register() { RegisterNativeModule("functools", NewFunctoolsModule); }
} register_functools;

}  // namespace

}  // namespace twinpy
