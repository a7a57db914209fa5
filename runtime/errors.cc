// The exception hierarchy, raising and fetching, and traceback printing.
#include "runtime/errors.h"

#include <string>
#include <vector>

#include "runtime/strcat.h"
#include "alloc/allocator.h"
#include "runtime/abstract.h"
#include "runtime/code.h"
#include "runtime/dict.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/traceback.h"
#include "runtime/tuple.h"

namespace twinpy {

#define TWINPY_DEFINE_EXCEPTION(cname, pyname, base) Type cname##Type;
TWINPY_EXCEPTION_TYPES(TWINPY_DEFINE_EXCEPTION)
#undef TWINPY_DEFINE_EXCEPTION

Type TracebackType;

namespace {

void TracebackDealloc(Object* o) {
  auto* tb = static_cast<TracebackObject*>(o);
  XDecref(tb->next);
  Decref(tb->code);
  FreeObject(o, sizeof(TracebackObject));
}

void ExceptionDealloc(Object* o) {
  auto* e = static_cast<ExceptionObject*>(o);
  XDecref(e->args);
  XDecref(e->traceback);
  XDecref(e->cause);
  XDecref(e->context);
  XDecref(e->dict);
  FreeObject(o, o->type->basic_size);
}

ExceptionObject* AllocException(Type* type, TupleObject* args) {
  auto* e = static_cast<ExceptionObject*>(
      AllocObject(type, type->basic_size));
  if (e == nullptr) {
    Decref(args);
    return nullptr;
  }
  e->args = args;
  e->traceback = nullptr;
  e->cause = nullptr;
  e->context = nullptr;
  e->dict = nullptr;
  e->suppress_context = false;
  return e;
}

// BaseException.__new__(cls, *args): keeps the arguments as `args`.
Object* ExceptionNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  auto* type = static_cast<Type*>(args[0]);
  if (kwnames != nullptr && kwnames->size > 0) {
    return SetError(&TypeErrorType, StrCat(type->name,
                                                 "() takes no keyword arguments"));
  }
  TupleObject* t = TupleFrom(args + 1, static_cast<int64_t>(nargs) - 1);
  if (t == nullptr) return nullptr;
  return AllocException(type, t);
}

// BaseException.__init__(self, *args): the arguments become `args`.
Object* ExceptionInit(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (kwnames != nullptr && kwnames->size > 0) {
    return SetError(&TypeErrorType,
                    StrCat(TypeName(args[0]), "() takes no keyword arguments"));
  }
  TupleObject* t = TupleFrom(args + 1, static_cast<int64_t>(nargs) - 1);
  if (t == nullptr) return nullptr;
  auto* e = static_cast<ExceptionObject*>(args[0]);
  SetRef(reinterpret_cast<Object**>(&e->args), t);
  return None();
}

Object* ExceptionStr(Object* o) {
  auto* e = static_cast<ExceptionObject*>(o);
  if (e->args->size == 0) return EmptyStr();
  if (e->args->size == 1) {
    // KeyError shows the key as an expression, since a bare '' would hide it.
    if (IsSubtype(o->type, &KeyErrorType)) return Repr(e->args->items[0]);
    return Str(e->args->items[0]);
  }
  return Repr(e->args);
}

Object* ExceptionRepr(Object* o) {
  auto* e = static_cast<ExceptionObject*>(o);
  std::string args;
  if (e->args->size == 1) {
    if (!ReprString(e->args->items[0], &args)) return nullptr;
    args = StrCat("(", args, ")");
  } else if (!ReprString(e->args, &args)) {
    return nullptr;
  }
  return NewStr(StrCat(TypeName(o), args));
}

Object* ExceptionGetAttr(Object* o, StrObject* name) {
  auto* e = static_cast<ExceptionObject*>(o);
  std::string_view n = StrView(name);
  if (n == "args") return NewRef(e->args);
  if (n == "__cause__") return NewRef(e->cause ? e->cause : None());
  if (n == "__context__") return NewRef(e->context ? e->context : None());
  if (n == "__traceback__") {
    return NewRef(e->traceback ? static_cast<Object*>(e->traceback) : None());
  }
  if (n == "code" && IsSubtype(o->type, &SystemExitType)) {
    if (e->args->size == 0) return None();
    return NewRef(e->args->size == 1 ? e->args->items[0] : e->args);
  }
  if (n == "value" && IsSubtype(o->type, &StopIterationType)) {
    return NewRef(e->args->size > 0 ? e->args->items[0] : None());
  }
  if (e->dict != nullptr) {
    // Under the dict's lock: another thread may be setting an attribute.
    if (Object* v = DictGetStrRef(e->dict, name)) return v;
  }
  return GenericGetAttr(o, name);
}

int ExceptionSetAttr(Object* o, StrObject* name, Object* value) {
  auto* e = static_cast<ExceptionObject*>(o);
  std::string_view n = StrView(name);
  if (n == "__cause__") {
    SetRef(&e->cause, value == None() ? nullptr : NewRef(value));
    e->suppress_context = true;
    return 0;
  }
  if (n == "__context__") {
    SetRef(&e->context, value == None() ? nullptr : NewRef(value));
    return 0;
  }
  if (e->dict == nullptr) {
    e->dict = NewDict();
    if (e->dict == nullptr) return -1;
  }
  if (value == nullptr) return DictDelItem(e->dict, name) > 0 ? 0 : -1;
  return DictSetItem(e->dict, name, value);
}

}  // namespace

void InitExceptionTypes() {
  InitStaticType(&TracebackType, "traceback", sizeof(TracebackObject),
                 &ObjectType);
  TracebackType.dealloc = TracebackDealloc;

#define TWINPY_INIT_EXCEPTION(cname, pyname, base)                       \
  InitStaticType(&cname##Type, pyname, sizeof(ExceptionObject), &base); \
  cname##Type.flags |= kTypeExceptionSubclass | kTypeBaseType;
  TWINPY_EXCEPTION_TYPES(TWINPY_INIT_EXCEPTION)
#undef TWINPY_INIT_EXCEPTION

  Type& b = BaseExceptionType;
  b.dealloc = ExceptionDealloc;
  b.repr = ExceptionRepr;
  b.str = ExceptionStr;
  b.getattr = ExceptionGetAttr;
  b.setattr = ExceptionSetAttr;
  b.dict = NewDict();
  DictSetStr(b.dict, "__new__",
             NewStaticNativeFunction("__new__", ExceptionNew, kNativeKeywords));
  NativeFunctionObject* init =
      NewStaticNativeFunction("__init__", ExceptionInit, kNativeMethod | kNativeKeywords);
  init->owner = &b;
  DictSetStr(b.dict, "__init__", init);
  // Every subclass inherits the base's slots.
#define TWINPY_INHERIT_SLOTS(cname, pyname, base)   \
  if (&cname##Type != &BaseExceptionType) {         \
    cname##Type.dealloc = b.dealloc;                \
    cname##Type.repr = b.repr;                      \
    cname##Type.str = b.str;                        \
    cname##Type.getattr = b.getattr;                \
    cname##Type.setattr = b.setattr;                \
    cname##Type.hash = ObjectType.hash;             \
    cname##Type.compare = ObjectType.compare;       \
  }
  TWINPY_EXCEPTION_TYPES(TWINPY_INHERIT_SLOTS)
#undef TWINPY_INHERIT_SLOTS
  b.hash = ObjectType.hash;
  b.compare = ObjectType.compare;
}

Object* NewException(Type* type, std::string_view message) {
  StrObject* s = NewStr(message);
  if (s == nullptr) return nullptr;
  TupleObject* args = NewTuple(1);
  if (args == nullptr) {
    Decref(s);
    return nullptr;
  }
  args->items[0] = s;
  return AllocException(type, args);
}

std::nullptr_t SetErrorObject(Object* exception) {
  ThreadState* ts = CurrentThread();
  // Raised while another is being handled: chain it as __context__, unless
  // that would make the chain a cycle.
  Object* handled = ts->handled;
  if (handled != nullptr && handled != exception &&
      IsSubtype(exception->type, &BaseExceptionType)) {
    auto* e = static_cast<ExceptionObject*>(exception);
    if (e->context == nullptr) {
      bool cycle = false;
      for (Object* c = handled; c != nullptr && !cycle;
           c = static_cast<ExceptionObject*>(c)->context) {
        cycle = c == exception;
      }
      if (!cycle) e->context = NewRef(handled);
    }
  }
  SetRef(&ts->exception, exception);
  return nullptr;
}

std::nullptr_t SetError(Type* type, std::string_view message) {
  Object* e = NewException(type, message);
  if (e == nullptr) return nullptr;  // MemoryError already set
  return SetErrorObject(e);
}

std::nullptr_t SetKeyError(Object* key) {
  TupleObject* args = TupleOf({key});
  if (args == nullptr) return nullptr;
  Object* e = AllocException(&KeyErrorType, args);
  if (e == nullptr) return nullptr;
  return SetErrorObject(e);
}

std::nullptr_t NoMemory() {
  // A preallocated instance for when not even an exception fits.
  static Object* memory_error = [] {
    Object* e = NewException(&MemoryErrorType, "");
    static_cast<ExceptionObject*>(e)->args = EmptyTuple();
    MakeImmortal(e);
    return e;
  }();
  // Otherwise each raise gets an instance of its own, so tracebacks do not
  // pile up on a shared one (allocated directly: AllocObject would come
  // back here).
  void* memory = alloc::Allocate(MemoryErrorType.basic_size);
  if (memory == nullptr) {
    auto* spare = static_cast<ExceptionObject*>(memory_error);
    TracebackObject* tb = spare->traceback;
    spare->traceback = nullptr;
    if (tb != nullptr) Decref(tb);
    SetRef(&spare->context, nullptr);
    SetRef(&spare->cause, nullptr);
    return SetErrorObject(NewRef(memory_error));
  }
  auto* e = static_cast<ExceptionObject*>(memory);
  RcInit(e->rc, 1);
  e->type = &MemoryErrorType;
  e->args = NewRef(EmptyTuple());
  e->traceback = nullptr;
  e->cause = nullptr;
  e->context = nullptr;
  e->dict = nullptr;
  e->suppress_context = false;
  return SetErrorObject(e);
}

bool ErrorMatches(Type* type) {
  Object* e = CurrentThread()->exception;
  return e != nullptr && IsSubtype(e->type, type);
}

Object* FetchError() {
  ThreadState* ts = CurrentThread();
  Object* e = ts->exception;
  ts->exception = nullptr;
  return e;
}

void ClearError() { SetRef(&CurrentThread()->exception, nullptr); }

void AddTraceback(Object* exception, CodeObject* code, int line,
                  int instruction) {
  if (!IsSubtype(exception->type, &BaseExceptionType)) return;
  auto* e = static_cast<ExceptionObject*>(exception);
  // Not AllocObject: that could raise MemoryError over this exception.
  void* memory = alloc::Allocate(sizeof(TracebackObject));
  if (memory == nullptr) return;
  auto* tb = static_cast<TracebackObject*>(memory);
  RcInit(tb->rc, 1);
  tb->type = &TracebackType;
  tb->next = e->traceback;
  tb->code = NewRef(code);
  tb->line = line;
  tb->instruction = instruction;
  e->traceback = tb;
}

namespace {

void FormatOne(Object* exception, std::string* out, int depth) {
  if (!IsSubtype(exception->type, &BaseExceptionType)) {
    StrAppend(out, FormatExceptionOnly(exception));
    return;
  }
  auto* e = static_cast<ExceptionObject*>(exception);
  // Chained exceptions print first, as CPython does, within a sane depth.
  if (depth < 32) {
    if (e->cause != nullptr) {
      FormatOne(e->cause, out, depth + 1);
      StrAppend(out,
                      "\nThe above exception was the direct cause of the "
                      "following exception:\n\n");
    } else if (e->context != nullptr && !e->suppress_context) {
      FormatOne(e->context, out, depth + 1);
      StrAppend(out,
                      "\nDuring handling of the above exception, another "
                      "exception occurred:\n\n");
    }
  }
  if (e->traceback != nullptr) {
    StrAppend(out, "Traceback (most recent call last):\n");
    FormatTracebackEntries(e->traceback, out);
  }
  StrAppend(out, FormatExceptionOnly(exception));
}

}  // namespace

std::string FormatExceptionOnly(Object* exception) {
  std::string text;
  ThreadState* ts = CurrentThread();
  Object* saved = ts->exception;
  ts->exception = nullptr;
  if (!StrString(exception, &text)) {
    text = "<exception str() failed>";
    ClearError();
  }
  ts->exception = saved;
  std::string name = TypeName(exception);
  if (text.empty()) return StrCat(name, "\n");
  return StrCat(name, ": ", text, "\n");
}

std::string FormatException(Object* exception) {
  std::string out;
  FormatOne(exception, &out, 0);
  return out;
}

}  // namespace twinpy
