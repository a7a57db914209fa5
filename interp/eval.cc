// The evaluation loop: computed-goto dispatch over instruction words, with
// Python-to-Python calls handled inside the loop (no C++ recursion) and
// fast paths for the small-int and float arithmetic that dominates
// benchmarks.
#include "interp/eval.h"

#include <cstring>
#include <string>
#include <vector>

#include "interp/frame.h"
#include "interp/classes.h"
#include "interp/frame_builtins.h"
#include "interp/import.h"
#include "interp/stack_dump.h"
#include "interp/generator.h"
#include "interp/opcodes.h"
#include "runtime/abstract.h"
#include "runtime/errors.h"
#include "runtime/float.h"
#include "runtime/format.h"
#include "runtime/function.h"
#include "runtime/gil.h"
#include "runtime/safepoint.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/name_cache.h"
#include "runtime/qsbr.h"
#include "runtime/range.h"
#include "runtime/set.h"
#include "runtime/signals.h"
#include "runtime/slice.h"
#include "runtime/stack_guard.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/thread_state.h"
#include "runtime/typeobject.h"

namespace twinpy {

namespace {

// A local lent to a call (LOAD_FAST_LENT, FAST_LOAD_METHOD's receiver) sits
// on the operand stack uncounted, marked by the low bit (objects are
// aligned): the caller's local keeps it alive, and nothing rebinds that
// local before the call returns (the compiler checks). Only the CALL or
// CALL_METHOD it is an argument of consumes such an entry; unwinding and
// frame clearing skip it.
//
// A global lent to a subscript (LOAD_GLOBAL_LENT) is marked by the next bit
// too. Nothing keeps it in its dict meanwhile: the index evaluated between
// may run code that rebinds it. It stays alive because its thread holds a
// loan of it (ThreadState::loans) from the load until the BINARY_SUBSCR,
// or the unwinding, repays it: meanwhile whichever thread unlinks it from
// the dict defers the release, and the lending thread reports no quiescent
// point (qsbr.h).
inline Object* LentRef(Object* o) {
  return reinterpret_cast<Object*>(reinterpret_cast<uintptr_t>(o) | 1);
}
inline Object* LentGlobalRef(Object* o) {
  return reinterpret_cast<Object*>(reinterpret_cast<uintptr_t>(o) | 3);
}
inline bool IsLent(Object* p) { return (reinterpret_cast<uintptr_t>(p) & 1) != 0; }
inline Object* LentObject(Object* p) {
  return reinterpret_cast<Object*>(reinterpret_cast<uintptr_t>(p) & ~uintptr_t{3});
}
// Drops one operand-stack entry.
inline void DropStackRef(Object* p) {
  if (!IsLent(p)) {
    XDecref(p);
  } else if (reinterpret_cast<uintptr_t>(p) & 2) {
    QsbrRepayLoan(CurrentThread(), LentObject(p));
  }
}

size_t FrameWords(const CodeObject* code) {
  return (offsetof(Frame, slots) + sizeof(Object*) - 1) / sizeof(Object*) +
         static_cast<size_t>(code->FrameSlots());
}

void InitFrame(Frame* f, CodeObject* code, FunctionObject* func,
               DictObject* globals, DictObject* builtins) {
  f->code = code;
  f->func = func;
  if (func != nullptr) Incref(func);
  f->globals = globals;
  f->builtins = builtins;
  f->locals = nullptr;
  f->ip = code->code.data();
  f->entry = false;
  f->heap = false;
  f->yielded = false;
  f->borrowed = 0;
  int n = code->nlocals + code->NumCells() + code->NumFree();
  for (int i = 0; i < n; ++i) f->slots[i] = nullptr;
  f->sp = f->slots + n;
}

// A new frame for `code` on the thread's stack, its locals cleared. Takes a
// reference to func.
Frame* PushFrame(ThreadState* ts, CodeObject* code, FunctionObject* func,
                 DictObject* globals, DictObject* builtins) {
  if (ts->depth >= GetInterpreter().recursion_limit) {
    SetError(&RecursionErrorType, "maximum recursion depth exceeded");
    return nullptr;
  }
  Object** memory = ts->stack.Push(FrameWords(code));
  if (memory == nullptr) return nullptr;
  auto* f = reinterpret_cast<Frame*>(memory);
  f->back = ts->frame;
  InitFrame(f, code, func, globals, builtins);
  ++ts->depth;
  return f;
}

}  // namespace

// Releases everything a frame holds (its memory stays).
void ClearFrame(Frame* f) {
  Object** base = f->stack_base();
  for (Object** p = f->sp; p > base;) DropStackRef(*--p);
  for (uint32_t m = f->borrowed; m != 0; m &= m - 1) {
    f->slots[__builtin_ctz(m)] = nullptr;
  }
  f->borrowed = 0;
  for (Object** p = f->slots; p < base; ++p) {
    XDecref(*p);
    *p = nullptr;
  }
  f->sp = base;
  if (f->func != nullptr) {
    FunctionObject* func = f->func;
    f->func = nullptr;
    Decref(func);
  }
}

namespace {

// Leaves a frame that returned or raised. A generator's frame keeps its
// memory (the generator frees it); others give it back to the stack.
void PopFrame(ThreadState* ts, Frame* f) {
  ClearFrame(f);
  --ts->depth;
  ts->frame = f->back;
  if (!f->heap) ts->stack.Pop(reinterpret_cast<Object**>(f));
}

std::string ArgList(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += names.size() > 2 ? ", " : " ";
    if (i + 1 == names.size() && i > 0) out += "and ";
    out += "'" + names[i] + "'";
  }
  return out;
}

// Binds call arguments to a new frame's parameters with Python's rules and
// messages; takes new references, leaving the caller's to the caller.
bool BindArguments(Frame* f, FunctionObject* func, Object* const* args,
                   size_t nargs, TupleObject* kwnames) {
  CodeObject* co = func->code;
  Object** slots = f->slots;
  const int argcount = co->argcount;
  const int kwonly = co->kwonlyargcount;
  const int total = argcount + kwonly;
  std::string_view fname = StrView(func->qualname);
  size_t npos = nargs;
  size_t ncopy = std::min<size_t>(npos, static_cast<size_t>(argcount));
  for (size_t i = 0; i < ncopy; ++i) slots[i] = NewRef(args[i]);
  int next = total;
  if (co->flags & kCodeVarargs) {
    TupleObject* rest =
        npos > ncopy ? TupleFrom(args + ncopy, static_cast<int64_t>(npos - ncopy))
                     : EmptyTuple();
    if (rest == nullptr) return false;
    slots[next++] = rest;
  } else if (npos > static_cast<size_t>(argcount)) {
    int ndefaults = func->defaults ? static_cast<int>(func->defaults->size) : 0;
    std::string takes =
        ndefaults > 0
            ? StrCat("from ", argcount - ndefaults, " to ", argcount)
            : std::to_string(argcount);
    SetError(&TypeErrorType,
             StrCat(fname, "() takes ", takes, " positional argument",
                    (argcount == 1 && ndefaults == 0) ? "" : "s", " but ", npos,
                    npos == 1 ? " was" : " were", " given"));
    return false;
  }
  DictObject* kwdict = nullptr;
  if (co->flags & kCodeVarkeywords) {
    kwdict = NewDict();
    if (kwdict == nullptr) return false;
    slots[next++] = kwdict;
  }
  if (kwnames != nullptr) {
    for (int64_t k = 0; k < kwnames->size; ++k) {
      auto* name = static_cast<StrObject*>(kwnames->items[k]);
      Object* value = args[nargs + k];
      int index = -1;
      for (int i = co->posonlyargcount; i < total; ++i) {
        if (StrEqual(static_cast<StrObject*>(co->varnames->items[i]), name)) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        if (kwdict != nullptr) {
          if (DictSetItem(kwdict, name, value) < 0) return false;
          continue;
        }
        SetError(&TypeErrorType,
                 StrCat(fname, "() got an unexpected keyword argument '",
                        StrView(name), "'"));
        return false;
      }
      if (slots[index] != nullptr) {
        SetError(&TypeErrorType,
                 StrCat(fname, "() got multiple values for argument '",
                        StrView(name), "'"));
        return false;
      }
      slots[index] = NewRef(value);
    }
  }
  // Defaults fill the trailing positional parameters.
  if (npos < static_cast<size_t>(argcount)) {
    int ndefaults = func->defaults ? static_cast<int>(func->defaults->size) : 0;
    std::vector<std::string> missing;
    for (int i = static_cast<int>(npos); i < argcount; ++i) {
      if (slots[i] != nullptr) continue;
      int d = i - (argcount - ndefaults);
      if (d >= 0) {
        slots[i] = NewRef(func->defaults->items[d]);
      } else {
        missing.emplace_back(StrView(co->varnames->items[i]));
      }
    }
    if (!missing.empty()) {
      SetError(&TypeErrorType,
               StrCat(fname, "() missing ", missing.size(),
                      " required positional argument",
                      missing.size() == 1 ? "" : "s", ": ", ArgList(missing)));
      return false;
    }
  }
  if (kwonly > 0) {
    std::vector<std::string> missing;
    for (int i = argcount; i < total; ++i) {
      if (slots[i] != nullptr) continue;
      Object* d = func->kwdefaults
                      ? DictGetStr(func->kwdefaults,
                                   static_cast<StrObject*>(co->varnames->items[i]))
                      : nullptr;
      if (d != nullptr) {
        slots[i] = NewRef(d);
      } else {
        missing.emplace_back(StrView(co->varnames->items[i]));
      }
    }
    if (!missing.empty()) {
      SetError(&TypeErrorType,
               StrCat(fname, "() missing ", missing.size(),
                      " required keyword-only argument",
                      missing.size() == 1 ? "" : "s", ": ", ArgList(missing)));
      return false;
    }
  }
  return true;
}

// Creates the cells of a frame and installs the closure's free variables.
bool InitCells(Frame* f, FunctionObject* func) {
  CodeObject* co = f->code;
  int ncells = co->NumCells();
  Object** cells = f->slots + co->nlocals;
  for (int i = 0; i < ncells; ++i) {
    int from = co->cell_from_arg[i];
    CellObject* cell = NewCell(from >= 0 ? f->slots[from] : nullptr);
    if (cell == nullptr) return false;
    cells[i] = cell;
  }
  int nfree = co->NumFree();
  for (int i = 0; i < nfree; ++i) {
    cells[ncells + i] = NewRef(func->closure->items[i]);
  }
  return true;
}

inline bool IsSimpleCode(const CodeObject* co) {
  return (co->flags & kCodeSimpleArgs) != 0;
}

// Arguments a caller's local lends to a call (LOAD_FAST_LENT,
// FAST_LOAD_METHOD's receiver) sit on the operand stack uncounted and
// marked. The call takes the marks off: the mask of their positions.
inline uint32_t TakeLentArgs(Object** args, size_t n) {
  uint32_t lent = 0;
  size_t tagged = n < 32 ? n : 32;  // the compiler lends no later position
  for (size_t i = 0; i < tagged; ++i) {
    if (IsLent(args[i])) {
      args[i] = LentObject(args[i]);
      lent |= 1u << i;
    }
  }
  return lent;
}

// Counts lent arguments (bit i: args[i]) after all: the call will not
// hold them lent, or did not happen.
inline void RecountLentArgs(Object** args, uint32_t lent) {
  for (uint32_t m = lent; m != 0; m &= m - 1) Incref(args[__builtin_ctz(m)]);
}

// Of the lent arguments, those the new frame of `func` may hold uncounted:
// the caller's locals outlive the call, as long as the callee never rebinds
// them (kept_args) and call_function's simple path moves them into its
// slots. The others are counted now.
inline uint32_t KeepLentArgs(FunctionObject* func, Object** args, size_t n,
                             uint32_t lent) {
  CodeObject* co = func->code;
  uint32_t keep = IsSimpleCode(co) && n == static_cast<size_t>(co->argcount)
                      ? lent & co->kept_args
                      : 0;
  RecountLentArgs(args, lent & ~keep);
  return keep;
}

// Drops the operand-stack entries in [from, to) after a call that borrowed
// its arguments, except the lent ones (args[i] for bit i of `lent`).
inline void DropCallStack(Object** from, Object** to, Object** args, uint32_t lent) {
  for (Object** p = to; p > from;) {
    --p;
    ptrdiff_t i = p - args;
    if (i >= 0 && i < 32 && ((lent >> i) & 1)) continue;
    XDecref(*p);
  }
}

// A frame for calling func with the given arguments (borrowed).
Frame* PrepareCall(ThreadState* ts, FunctionObject* func, Object* const* args,
                   size_t nargs, TupleObject* kwnames) {
  CodeObject* co = func->code;
  Frame* f = PushFrame(ts, co, func, func->globals, func->builtins);
  if (f == nullptr) return nullptr;
  if (!BindArguments(f, func, args, nargs, kwnames) ||
      ((co->NumCells() > 0 || co->NumFree() > 0) && !InitCells(f, func))) {
    ts->frame = f;  // PopFrame restores the caller
    PopFrame(ts, f);
    return nullptr;
  }
  return f;
}

Object* Run(ThreadState* ts, Frame* frame, bool throwing = false);

// Calling a generator function binds the arguments into a frame of its own
// and returns a generator that will run it.
Object* MakeGenerator(FunctionObject* func, Object* const* args, size_t nargs,
                      TupleObject* kwnames) {
  CodeObject* co = func->code;
  size_t words = FrameWords(co);
  auto* f = static_cast<Frame*>(std::malloc(words * sizeof(Object*)));
  if (f == nullptr) return NoMemory();
  f->back = nullptr;
  InitFrame(f, co, func, func->globals, func->builtins);
  f->heap = true;
  if (!BindArguments(f, func, args, nargs, kwnames) ||
      ((co->NumCells() > 0 || co->NumFree() > 0) && !InitCells(f, func))) {
    ClearFrame(f);
    std::free(f);
    return nullptr;
  }
  Object* gen = NewGenerator(f);
  if (gen == nullptr) {
    ClearFrame(f);
    std::free(f);
  }
  return gen;
}

Object* CallPython(Object* callable, Object* const* args, size_t nargs,
                   TupleObject* kwnames) {
  ThreadState* ts = CurrentThread();
  auto* func = static_cast<FunctionObject*>(callable);
  if (func->code->flags & kCodeGenerator) {
    return MakeGenerator(func, args, nargs, kwnames);
  }
  // Native code calling back into Python is how the C++ stack grows.
  if (!CheckStack(" while calling a Python object")) return nullptr;
  Frame* f = PrepareCall(ts, func, args, nargs, kwnames);
  if (f == nullptr) return nullptr;
  f->entry = true;
  ts->frame = f;
  return Run(ts, f);
}

Object* UnpackError(int64_t expected, int64_t got, bool at_least) {
  if (got < expected) {
    return SetError(&ValueErrorType,
                    StrCat("not enough values to unpack (expected ",
                           at_least ? "at least " : "", expected, ", got ", got,
                           ")"));
  }
  return SetError(&ValueErrorType,
                  StrCat("too many values to unpack (expected ", expected, ")"));
}

// UNPACK_SEQUENCE / UNPACK_EX: writes the items so that the first ends on
// top. `sp` points past the sequence's slot, which is overwritten.
bool Unpack(Object* seq, int before, int after, bool star, Object** out) {
  ListObject* items = nullptr;
  Object* const* src;
  int64_t n;
  if (seq->type == &TupleType) {
    src = static_cast<TupleObject*>(seq)->items;
    n = static_cast<TupleObject*>(seq)->size;
  } else {
    if (seq->type->iter == nullptr) {
      SetError(&TypeErrorType, StrCat("cannot unpack non-iterable ",
                                      TypeName(seq), " object"));
      return false;
    }
    items = ListFromIterable(seq);
    if (items == nullptr) return false;
    src = items->items;
    n = items->size;
  }
  int64_t fixed = before + after;
  if (star ? n < fixed : n != fixed) {
    XDecref(items);
    UnpackError(fixed, n, star);
    return false;
  }
  // out[k] for k counting down from the top: out[total-1] is item 0.
  int64_t total = star ? fixed + 1 : fixed;
  int64_t w = total - 1;
  for (int i = 0; i < before; ++i) out[w--] = NewRef(src[i]);
  if (star) {
    int64_t m = n - fixed;
    ListObject* middle = NewList(m);
    if (middle == nullptr) {
      XDecref(items);
      return false;
    }
    for (int64_t i = 0; i < m; ++i) middle->items[i] = NewRef(src[before + i]);
    out[w--] = middle;
  }
  for (int64_t i = n - after; i < n; ++i) out[w--] = NewRef(src[i]);
  XDecref(items);
  return true;
}

Object* RaiseException(Object* exc, Object* cause) {
  if (exc->type == &TypeType || IsSubtype(exc->type, &TypeType)) {
    auto* t = static_cast<Type*>(exc);
    if (!IsSubtype(t, &BaseExceptionType)) {
      return SetError(&TypeErrorType, "exceptions must derive from BaseException");
    }
    exc = Call(t, nullptr, 0);
    if (exc == nullptr) return nullptr;
  } else if (IsSubtype(exc->type, &BaseExceptionType)) {
    Incref(exc);
  } else {
    return SetError(&TypeErrorType, "exceptions must derive from BaseException");
  }
  if (cause != nullptr) {
    Object* c = cause;
    if (c == None()) {
      c = nullptr;
    } else if (c->type == &TypeType) {
      c = Call(c, nullptr, 0);
      if (c == nullptr) {
        Decref(exc);
        return nullptr;
      }
    } else if (!IsSubtype(c->type, &BaseExceptionType)) {
      Decref(exc);
      return SetError(&TypeErrorType,
                      "exception causes must derive from BaseException");
    } else {
      Incref(c);
    }
    auto* e = static_cast<ExceptionObject*>(exc);
    SetRef(&e->cause, c);
    e->suppress_context = true;
  }
  return SetErrorObject(exc);
}

Object* FormatValue(Object* value, uint32_t conversion, Object* spec) {
  Object* converted;
  switch (conversion & 3) {
    case kConvertStr: converted = Str(value); break;
    case kConvertRepr:
    case kConvertAscii: converted = Repr(value); break;
    default: converted = NewRef(value); break;
  }
  if (converted == nullptr) return nullptr;
  Object* result = Format(converted, spec ? StrView(spec) : std::string_view());
  Decref(converted);
  return result;
}

Object* LoadGlobal(Frame* frame, StrObject* name) {
  Object* v = DictGetStrRef(frame->globals, name);
  if (v == nullptr) v = DictGetStrRef(frame->builtins, name);
  if (v == nullptr) {
    return SetError(&NameErrorType,
                    StrCat("name '", StrView(name), "' is not defined"));
  }
  return v;
}

// Flattens CALL_EX's tuple and dict into an argument array and kwnames.
Object* CallWithTupleAndDict(Object* callable, Object* args_tuple,
                             Object* kwargs) {
  if (!IsTuple(args_tuple)) {
    return SetError(&TypeErrorType, "argument after * must be an iterable");
  }
  auto* positional = static_cast<TupleObject*>(args_tuple);
  if (kwargs == nullptr || kwargs == None() ||
      static_cast<DictObject*>(kwargs)->used == 0) {
    return Call(callable, positional->items, positional->size, nullptr);
  }
  auto* d = static_cast<DictObject*>(kwargs);
  std::vector<Object*> all(positional->items, positional->items + positional->size);
  TupleObject* names = NewTuple(d->used);
  if (names == nullptr) return nullptr;
  int64_t pos = 0, i = 0;
  Object *k, *v;
  while (DictNext(d, &pos, &k, &v)) {
    if (!IsStr(k)) {
      Decref(names);
      return SetError(&TypeErrorType, "keywords must be strings");
    }
    names->items[i++] = NewRef(k);
    all.push_back(v);
  }
  Object* r = Call(callable, all.data(), positional->size, names);
  Decref(names);
  return r;
}

// An f-string's pieces joined; MemoryError when they do not fit.
Object* JoinStringParts(Object* const* parts, uint32_t n) {
  try {
    size_t total = 0;
    for (uint32_t i = 0; i < n; ++i) total += StrView(parts[i]).size();
    std::string out;
    out.reserve(total);
    for (uint32_t i = 0; i < n; ++i) out.append(StrView(parts[i]));
    return NewStr(out);
  } catch (const std::bad_alloc&) {
    return NoMemory();
  }
}

// A module's attribute names->items[index] through the code's name cache
// (new reference), or nullptr when `owner` is no module or lacks it; the
// caller then takes the generic path, which raises.
Object* ModuleAttrCached(CodeObject* code, Object* owner, int index) {
  if (owner->type != &ModuleType) return nullptr;
  return CachedLookup(code, index, static_cast<ModuleObject*>(owner)->dict, nullptr);
}

// The method LOAD_METHOD pushes unbound with its receiver, so the call needs
// no bound-method object (borrowed from the type), or nullptr when the
// attribute takes the generic lookup.
Object* UnboundMethod(Object* owner, StrObject* name) {
  Type* t = owner->type;
  if (t->getattr == GenericGetAttr) {
    Object* m = LookupType(t, name);
    if (m != nullptr &&
        ((m->type == &NativeFunctionType &&
          (static_cast<NativeFunctionObject*>(m)->flags & kNativeMethod)) ||
         m->type == &FunctionType)) {
      return m;
    }
    return nullptr;
  }
  // Instances of classes: a function found on the class, not shadowed by
  // the instance dict, is called with the instance as first argument.
  if (t->getattr == InstanceGetAttr && !(t->flags & kTypeHasGetattribute)) {
    Object* m = LookupType(t, name);
    if (m != nullptr && m->type == &FunctionType) {
      DictObject** slot = InstanceDictSlot(owner);
      DictObject* dict = slot != nullptr ? *slot : nullptr;
      Object* shadow = dict != nullptr ? DictGetStrRef(dict, name) : nullptr;
      if (shadow == nullptr) return m;
      Decref(shadow);
    }
  }
  return nullptr;
}

// container[index] for a container lent by LOAD_GLOBAL_LENT; ends the loan
// and drops index.
Object* SubscrLentGlobal(ThreadState* ts, Object* container, Object* index) {
  Object* r = nullptr;
  if (container->type == &ListType && index->type == &IntType && IsSmallInt(index)) {
    r = ListItemRef(static_cast<ListObject*>(container), SmallIntValue(index));
  }
  if (r == nullptr) r = GetItem(container, index);
  QsbrRepayLoan(ts, container);
  Decref(index);
  return r;
}

// UnboundLocalError for reading or deleting the unset local (or cell) `name`.
void SetUnboundLocal(Object* name) {
  SetError(&UnboundLocalErrorType,
           StrCat("cannot access local variable '", StrView(name),
                  "' where it is not associated with a value"));
}

// Serves the requests in ts->eval_breaker; false with an exception set
// when one must be raised in the running code.
bool HandleEvalBreaker(ThreadState* ts) {
  uint32_t bits = ts->eval_breaker.load(std::memory_order_relaxed);
  if (bits & kBreakGilDrop) GilYield(ts);
  if (bits & kBreakStopWorld) ParkForStopTheWorld(ts);
  if (bits & kBreakBrcMerge) BrcMergeQueue(ts);
  if (bits & kBreakQsbr) QsbrQuiescent(ts);
  if ((bits & kBreakStepBudget) && --ts->step_budget < 0) {
    SetError(&KeyboardInterruptType, "step budget exhausted");
    return false;
  }
  if (bits & kBreakSignal) return HandlePendingSignals(ts);
  return true;
}

// The handler protecting instruction `at`, or nullptr. The table's ranges
// are disjoint and sorted by start.
const ExceptionRange* FindHandler(const CodeObject* code, int at) {
  const auto& table = code->exception_table;
  size_t lo = 0, hi = table.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (table[mid].end <= at) {
      lo = mid + 1;
    } else if (table[mid].start > at) {
      hi = mid;
    } else {
      return &table[mid];
    }
  }
  return nullptr;
}

// `except T:` matching: T is an exception class or a tuple of them.
int ExceptionMatches(Object* exc, Object* type) {
  if (IsTuple(type)) {
    auto* t = static_cast<TupleObject*>(type);
    for (int64_t i = 0; i < t->size; ++i) {
      int r = ExceptionMatches(exc, t->items[i]);
      if (r != 0) return r;
    }
    return 0;
  }
  if ((type->type != &TypeType && !IsSubtype(type->type, &TypeType)) ||
      !IsSubtype(static_cast<Type*>(type), &BaseExceptionType)) {
    SetError(&TypeErrorType,
             "catching classes that do not inherit from BaseException is not "
             "allowed");
    return -1;
  }
  return IsSubtype(exc->type, static_cast<Type*>(type));
}

// Makes `prev` (None for none) the handled exception again.
void RestoreHandled(ThreadState* ts, Object* prev) {
  Object* old = ts->handled;
  ts->handled = prev == None() ? nullptr : prev;
  XDecref(old);
}

Object* Run(ThreadState* ts, Frame* frame, bool throwing) {
  static void* const kLabels[] = {
#define TWINPY_OPCODE_LABEL(name) &&TARGET_##name,
      TWINPY_OPCODES(TWINPY_OPCODE_LABEL)
#undef TWINPY_OPCODE_LABEL
  };

  const CodeWord* ip;
  Object** sp;
  Object** locals;
  Object* const* consts;
  Object* const* names;
  uint32_t oparg;
  CodeWord word;
  bool reraise = false;  // the raised exception already has this frame's line
  uint32_t lent_args = 0;  // to call_function: the arguments a frame holds lent
  Object* yielded_value = nullptr;
  // Operands of BINARY_OP, INPLACE_OP and COMPARE_OP and of their fused
  // forms, which read them in place from locals and constants without
  // counting them (operands_owned false).
  Object* left;
  Object* right;
  uint32_t op;
  bool operands_owned;

#define LOAD_FRAME()                                          \
  do {                                                        \
    ip = frame->ip;                                           \
    sp = frame->sp;                                           \
    locals = frame->slots;                                    \
    consts = frame->code->consts->items;                      \
    names = frame->code->names->items;                        \
  } while (0)
#define SAVE_FRAME()   \
  do {                 \
    frame->ip = ip;    \
    frame->sp = sp;    \
  } while (0)
#define DISPATCH()                  \
  do {                              \
    word = *ip++;                   \
    oparg = word >> kOpBits;        \
    goto* kLabels[word & 0xff];     \
  } while (0)
#define TARGET(name) TARGET_##name:
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define SET_TOP(v) (sp[-1] = (v))
#define NAME(i) static_cast<StrObject*>(names[i])
// Paths that can raise also save the frame before calling out, so that
// code running meanwhile (a nested call, a stack dump) sees the current
// instruction.
#define ON_ERROR(cond) \
  do {                 \
    if (cond) {        \
      goto error;      \
    }                  \
  } while (0)

  LOAD_FRAME();
  if (throwing) goto error;  // gen.throw(): raised at the suspended yield
  DISPATCH();

  TARGET(NOP) { DISPATCH(); }

  TARGET(POP_TOP) {
    Decref(POP());
    DISPATCH();
  }

  TARGET(DUP_TOP) {
    Object* v = TOP();
    Incref(v);
    PUSH(v);
    DISPATCH();
  }

  TARGET(DUP_TOP_TWO) {
    Object* a = SECOND();
    Object* b = TOP();
    Incref(a);
    Incref(b);
    PUSH(a);
    PUSH(b);
    DISPATCH();
  }

  TARGET(ROT_TWO) {
    Object* b = TOP();
    SET_TOP(SECOND());
    sp[-2] = b;
    DISPATCH();
  }

  TARGET(ROT_THREE) {
    Object* c = TOP();
    sp[-1] = sp[-2];
    sp[-2] = sp[-3];
    sp[-3] = c;
    DISPATCH();
  }

  TARGET(ROT_FOUR) {
    Object* d = TOP();
    sp[-1] = sp[-2];
    sp[-2] = sp[-3];
    sp[-3] = sp[-4];
    sp[-4] = d;
    DISPATCH();
  }

  TARGET(LOAD_CONST) {
    Object* v = consts[oparg];
    Incref(v);
    PUSH(v);
    DISPATCH();
  }

  TARGET(LOAD_FAST) {
    Object* v = locals[oparg];
    if (__builtin_expect(v == nullptr, 0)) goto local_unbound;
    Incref(v);
    PUSH(v);
    DISPATCH();
  }

  TARGET(STORE_FAST) {
    Object* old = locals[oparg];
    locals[oparg] = POP();
    XDecref(old);
    DISPATCH();
  }

  TARGET(DELETE_FAST) {
    Object* old = locals[oparg];
    if (old == nullptr) {
      SAVE_FRAME();
      SetUnboundLocal(frame->code->varnames->items[oparg]);
      goto error;
    }
    locals[oparg] = nullptr;
    Decref(old);
    DISPATCH();
  }

  TARGET(LOAD_DEREF) {
    auto* cell = static_cast<CellObject*>(locals[frame->code->nlocals + oparg]);
    Object* v = CellGet(cell);
    if (v == nullptr) {
      SAVE_FRAME();
      CodeObject* co = frame->code;
      int ncells = co->NumCells();
      bool is_cell = static_cast<int>(oparg) < ncells;
      Object* name = is_cell ? co->cellvars->items[oparg]
                             : co->freevars->items[oparg - ncells];
      if (is_cell) {
        SetUnboundLocal(name);
      } else {
        SetError(&NameErrorType,
                 StrCat("cannot access free variable '", StrView(name),
                        "' where it is not associated with a value in "
                        "enclosing scope"));
      }
      goto error;
    }
    PUSH(v);
    DISPATCH();
  }

  TARGET(STORE_DEREF) {
    auto* cell = static_cast<CellObject*>(locals[frame->code->nlocals + oparg]);
    CellSet(cell, POP());
    DISPATCH();
  }

  TARGET(DELETE_DEREF) {
    auto* cell = static_cast<CellObject*>(locals[frame->code->nlocals + oparg]);
    CellSet(cell, nullptr);
    DISPATCH();
  }

  TARGET(LOAD_CLOSURE) {
    Object* cell = locals[frame->code->nlocals + oparg];
    Incref(cell);
    PUSH(cell);
    DISPATCH();
  }

  TARGET(LOAD_GLOBAL) {
    // A new reference taken under the dict's lock: another thread may be
    // replacing the value (free-threaded build).
    left = CachedLookup(frame->code, oparg, frame->globals, frame->builtins);
  load_global_done:
    if (__builtin_expect(left == nullptr, 0)) {
      SAVE_FRAME();
      SetError(&NameErrorType,
               StrCat("name '", StrView(NAME(oparg)), "' is not defined"));
      goto error;
    }
    PUSH(left);
    DISPATCH();
  }

  TARGET(LOAD_GLOBAL_LENT) {
    // The container of a subscript whose index cannot yield or call
    // (compiler): a mortal value, cached or found without the lock, is lent.
    if constexpr (kLendGlobals) {
      DictObject* globals = frame->globals;
      globals->reads.NoteReader(globals->mutex);  // before the version check
      const NameCacheRecord* r =
          CachedRecord(frame->code, oparg, globals, frame->builtins);
      bool lend;
      if (r != nullptr) {
        left = r->value;  // immortal unless lend_only
        lend = r->lend_only;
      } else {
        NameCacheVersions seen = ReadVersions(globals, frame->builtins);
        lend = DictBorrowStr(globals, NAME(oparg), &left) && left != nullptr &&
               !IsImmortal(left);
        if (!lend) {
          left = CachedLookupSlow(frame->code, oparg, globals, frame->builtins);
          goto load_global_done;  // counted, or nullptr
        }
        CacheValue(frame->code, oparg, globals, frame->builtins, seen, left, true);
      }
      if (!lend) goto load_global_done;
      if (QsbrTakeLoan(ts, left)) {
        PUSH(LentGlobalRef(left));
      } else {
        PUSH(NewRef(left));  // safe to count before a quiescent point
      }
      DISPATCH();
    }
    goto TARGET_LOAD_GLOBAL;
  }

  TARGET(STORE_GLOBAL) {
    SAVE_FRAME();
    Object* v = POP();
    int r = DictSetItem(frame->globals, NAME(oparg), v);
    Decref(v);
    ON_ERROR(r < 0);
    DISPATCH();
  }

  TARGET(DELETE_GLOBAL) {
    SAVE_FRAME();
    int r = DictDelItem(frame->globals, NAME(oparg));
    if (r == 0) {
      SetError(&NameErrorType,
               StrCat("name '", StrView(NAME(oparg)), "' is not defined"));
    }
    ON_ERROR(r <= 0);
    DISPATCH();
  }

  // LOAD_NAME and friends serve class bodies (module code uses the
  // *_GLOBAL forms): the namespace dict, then globals and builtins.
  TARGET(LOAD_NAME) {
    SAVE_FRAME();
    Object* v = frame->locals ? DictGetStrRef(frame->locals, NAME(oparg)) : nullptr;
    if (v == nullptr) {
      v = LoadGlobal(frame, NAME(oparg));
      ON_ERROR(v == nullptr);
    }
    PUSH(v);
    DISPATCH();
  }

  TARGET(STORE_NAME) {
    if (frame->locals == nullptr) goto TARGET_STORE_GLOBAL;
    SAVE_FRAME();
    Object* v = POP();
    int r = DictSetItem(frame->locals, NAME(oparg), v);
    Decref(v);
    ON_ERROR(r < 0);
    DISPATCH();
  }

  TARGET(DELETE_NAME) {
    if (frame->locals == nullptr) goto TARGET_DELETE_GLOBAL;
    SAVE_FRAME();
    int r = DictDelItem(frame->locals, NAME(oparg));
    if (r == 0) {
      SetError(&NameErrorType,
               StrCat("name '", StrView(NAME(oparg)), "' is not defined"));
    }
    ON_ERROR(r <= 0);
    DISPATCH();
  }

  TARGET(LOAD_CLASSDEREF) {
    CodeObject* co = frame->code;
    int ncells = co->NumCells();
    Object* name = static_cast<int>(oparg) < ncells
                       ? co->cellvars->items[oparg]
                       : co->freevars->items[oparg - ncells];
    Object* v = DictGetStr(frame->locals, static_cast<StrObject*>(name));
    if (v != nullptr) {
      Incref(v);
    } else {
      v = CellGet(static_cast<CellObject*>(locals[co->nlocals + oparg]));
    }
    if (v == nullptr) {
      SAVE_FRAME();
      SetError(&NameErrorType,
               StrCat("cannot access free variable '", StrView(name),
                      "' where it is not associated with a value in enclosing scope"));
      goto error;
    }
    PUSH(v);
    DISPATCH();
  }

  TARGET(LOAD_BUILD_CLASS) {
    static StrObject* build_class = InternStr("__build_class__");
    Object* f = DictGetStrRef(frame->builtins, build_class);
    if (f == nullptr) {
      SAVE_FRAME();
      SetError(&NameErrorType, "__build_class__ not found");
      goto error;
    }
    PUSH(f);
    DISPATCH();
  }

  TARGET(LOAD_ATTR) {
    SAVE_FRAME();
    Object* owner = TOP();
    Object* v = ModuleAttrCached(frame->code, owner, oparg);
    if (v == nullptr) v = GetAttr(owner, NAME(oparg));
    ON_ERROR(v == nullptr);
    SET_TOP(v);
    Decref(owner);
    DISPATCH();
  }

  TARGET(STORE_ATTR) {
    SAVE_FRAME();
    Object* owner = POP();
    Object* v = POP();
    int r = SetAttr(owner, NAME(oparg), v);
    Decref(owner);
    Decref(v);
    ON_ERROR(r < 0);
    DISPATCH();
  }

  TARGET(DELETE_ATTR) {
    SAVE_FRAME();
    Object* owner = POP();
    int r = SetAttr(owner, NAME(oparg), nullptr);
    Decref(owner);
    ON_ERROR(r < 0);
    DISPATCH();
  }

  TARGET(LOAD_FAST_LENT) {
    Object* v = locals[oparg];
    if (__builtin_expect(v == nullptr, 0)) goto local_unbound;
    PUSH(LentRef(v));
    DISPATCH();
  }

  // LOAD_FAST a; LOAD_METHOD name: when the method is found unbound, the
  // receiver is lent to the call (CALL_METHOD), not counted: fused only
  // where nothing can rebind `a` before the call returns (superinstructions).
  TARGET(FAST_LOAD_METHOD) {
    Object* owner = locals[oparg];
    if (__builtin_expect(owner == nullptr, 0)) goto local_unbound;
    oparg = WordArg(*ip++);
    if (Object* m = UnboundMethod(owner, NAME(oparg))) {
      Incref(m);
      PUSH(m);
      PUSH(LentRef(owner));
      DISPATCH();
    }
    Incref(owner);
    PUSH(owner);
    goto load_method_generic;
  }

  TARGET(LOAD_METHOD) {
    // A method found on the type is pushed unbound with its instance, so
    // the call needs no bound-method object.
    if (Object* m = UnboundMethod(TOP(), NAME(oparg))) {
      Object* owner = TOP();
      Incref(m);
      SET_TOP(m);
      PUSH(owner);
      DISPATCH();
    }
    goto load_method_generic;
  }

  load_method_generic : {
    Object* owner = TOP();
    StrObject* name = NAME(oparg);
    SAVE_FRAME();
    Object* v = ModuleAttrCached(frame->code, owner, oparg);
    if (v == nullptr) v = GetAttr(owner, name);
    ON_ERROR(v == nullptr);
    SET_TOP(nullptr);
    Decref(owner);
    PUSH(v);
    DISPATCH();
  }

  TARGET(CALL_METHOD) {
    Object** args;
    size_t nargs;
    Object* callable;
    Object** bottom = sp - oparg - 2;
    if (bottom[0] != nullptr) {
      callable = bottom[0];
      args = bottom + 1;
      nargs = oparg + 1;
    } else {
      callable = bottom[1];
      args = bottom + 2;
      nargs = oparg;
    }
    uint32_t lent = TakeLentArgs(args, nargs);
    if (callable->type == &NativeFunctionType &&
        static_cast<NativeFunctionObject*>(callable)->self == nullptr) {
      // Native code borrows its arguments: lent ones stay uncounted.
      SAVE_FRAME();
      auto* f = static_cast<NativeFunctionObject*>(callable);
      Object* r = InvokeNative(f->fn, args, nargs, nullptr);
      DropCallStack(bottom, sp, args, lent);
      sp = bottom;
      ON_ERROR(r == nullptr);
      PUSH(r);
      DISPATCH();
    }
    if (callable->type == &FunctionType) {
      if (lent != 0) {
        lent_args = KeepLentArgs(static_cast<FunctionObject*>(callable), args, nargs, lent);
      }
      // Shift [callable, args] down over the NULL so CALL's path applies
      // (positions relative to the first argument stay as they were).
      if (bottom[0] == nullptr) {
        for (Object** p = bottom; p < sp - 1; ++p) p[0] = p[1];
        --sp;
      }
      oparg = static_cast<uint32_t>(nargs);
      goto call_function;
    }
    SAVE_FRAME();
    Object* r = Call(callable, args, nargs, nullptr);
    DropCallStack(bottom, sp, args, lent);
    sp = bottom;
    ON_ERROR(r == nullptr);
    PUSH(r);
    DISPATCH();
  }

  TARGET(CALL) {
    Object** args = sp - oparg;
    Object* callable = args[-1];
    uint32_t lent = TakeLentArgs(args, oparg);
    if (callable->type == &FunctionType) {
      if (lent != 0) {
        lent_args = KeepLentArgs(static_cast<FunctionObject*>(callable), args, oparg, lent);
      }
      goto call_function;
    }
    SAVE_FRAME();
    Object* r = Call(callable, args, oparg, nullptr);
    DropCallStack(args - 1, sp, args, lent);
    sp = args - 1;
    ON_ERROR(r == nullptr);
    PUSH(r);
    DISPATCH();
  }

  // [func, args * oparg] on the stack: enter the function without
  // recursing in C++.
call_function : {
    Object** args = sp - oparg;
    auto* func = static_cast<FunctionObject*>(args[-1]);
    CodeObject* co = func->code;
    SAVE_FRAME();
    Frame* callee;
    if (co->flags & kCodeGenerator) {
      Object* gen = MakeGenerator(func, args, oparg, nullptr);
      for (Object** p = sp; p >= args;) Decref(*--p);
      sp = args - 1;
      ON_ERROR(gen == nullptr);
      PUSH(gen);
      DISPATCH();
    }
    if (IsSimpleCode(co) && oparg == static_cast<uint32_t>(co->argcount)) {
      callee = PushFrame(ts, co, func, func->globals, func->builtins);
      if (callee == nullptr) {
        RecountLentArgs(args, lent_args);  // the stack owns them again
        lent_args = 0;
        goto error;
      }
      // The arguments move from the caller's stack into the callee's slots.
      memcpy(callee->slots, args, sizeof(Object*) * oparg);
      callee->borrowed = lent_args;
      lent_args = 0;
      sp = args - 1;
      Decref(func);
    } else {
      callee = PrepareCall(ts, func, args, oparg, nullptr);
      if (callee == nullptr) goto error;
      for (Object** p = sp; p >= args;) Decref(*--p);
      sp = args - 1;
    }
    frame->sp = sp;
    ts->frame = callee;
    frame = callee;
    LOAD_FRAME();
    // Calls are eval-breaker points too, so recursion without loops still
    // gives the global lock away.
    if (__builtin_expect(
            ts->eval_breaker.load(std::memory_order_relaxed) != 0, 0)) {
      if (!HandleEvalBreaker(ts)) goto error;
    }
    DISPATCH();
  }

  TARGET(CALL_KW) {
    auto* kwnames = static_cast<TupleObject*>(POP());
    Object** args = sp - oparg;
    Object* callable = args[-1];
    size_t npos = oparg - kwnames->size;
    SAVE_FRAME();
    if (callable->type == &FunctionType &&
        !(static_cast<FunctionObject*>(callable)->code->flags & kCodeGenerator)) {
      auto* func = static_cast<FunctionObject*>(callable);
      Frame* callee = PrepareCall(ts, func, args, npos, kwnames);
      Decref(kwnames);
      for (Object** p = sp; p >= args;) Decref(*--p);
      sp = args - 1;
      if (callee == nullptr) goto error;
      frame->sp = sp;
      ts->frame = callee;
      frame = callee;
      LOAD_FRAME();
      DISPATCH();
    }
    Object* r = Call(callable, args, npos, kwnames);
    Decref(kwnames);
    for (Object** p = sp; p >= args;) Decref(*--p);
    sp = args - 1;
    ON_ERROR(r == nullptr);
    PUSH(r);
    DISPATCH();
  }

  TARGET(CALL_EX) {
    SAVE_FRAME();
    Object* kwargs = POP();
    Object* positional = POP();
    Object* callable = POP();
    Object* r = CallWithTupleAndDict(callable, positional, kwargs);
    Decref(kwargs);
    Decref(positional);
    Decref(callable);
    ON_ERROR(r == nullptr);
    PUSH(r);
    DISPATCH();
  }

  // LOAD_FAST a; LOAD_FAST b | LOAD_CONST c; BINARY_OP / INPLACE_OP /
  // COMPARE_OP, fused by the compiler (superinstructions.cc): the operands
  // are read where they live and never counted, so threads sharing one (an
  // int passed to every worker) never write its cache line. The next two
  // words keep their arguments and are skipped.
#define FUSED_OPERANDS(right_source)                          \
  left = locals[oparg];                                       \
  right = right_source[WordArg(ip[0])];                       \
  if (__builtin_expect(left == nullptr || right == nullptr, 0)) \
    goto local_unbound;                                       \
  op = WordArg(ip[1]);                                        \
  ip += 2;                                                    \
  operands_owned = false

  TARGET(FAST_FAST_BINARY) {
    FUSED_OPERANDS(locals);
    goto binary_op;
  }
  TARGET(FAST_CONST_BINARY) {
    FUSED_OPERANDS(consts);
    goto binary_op;
  }
  TARGET(FAST_FAST_INPLACE) {
    FUSED_OPERANDS(locals);
    goto inplace_op;
  }
  TARGET(FAST_CONST_INPLACE) {
    FUSED_OPERANDS(consts);
    goto inplace_op;
  }
  TARGET(FAST_FAST_COMPARE) {
    FUSED_OPERANDS(locals);
    goto compare_op;
  }
  TARGET(FAST_CONST_COMPARE) {
    FUSED_OPERANDS(consts);
    goto compare_op;
  }
  TARGET(FAST_FAST_SUBSCR) {
    FUSED_OPERANDS(locals);
    goto binary_subscr;
  }
  TARGET(FAST_CONST_SUBSCR) {
    FUSED_OPERANDS(consts);
    goto binary_subscr;
  }
  TARGET(FAST_FAST_STORE_SUBSCR) {
    FUSED_OPERANDS(locals);
    goto store_subscr;
  }
  TARGET(FAST_CONST_STORE_SUBSCR) {
    FUSED_OPERANDS(consts);
    goto store_subscr;
  }
#undef FUSED_OPERANDS

  // LOAD_FAST a; LOAD_ATTR | STORE_ATTR name: the receiver stays in its
  // local, uncounted (nothing can rebind a fast local while this one
  // instruction runs). `self.x` is the commonest attribute access, and each
  // count saved is an atomic read-modify-write in the free-threaded build.
  TARGET(FAST_LOAD_ATTR) {
    Object* owner = locals[oparg];
    if (__builtin_expect(owner == nullptr, 0)) goto local_unbound;
    oparg = WordArg(*ip++);
    SAVE_FRAME();
    Object* v = ModuleAttrCached(frame->code, owner, oparg);
    if (v == nullptr) v = GetAttr(owner, NAME(oparg));
    ON_ERROR(v == nullptr);
    PUSH(v);
    DISPATCH();
  }
  TARGET(FAST_STORE_ATTR) {
    Object* owner = locals[oparg];
    if (__builtin_expect(owner == nullptr, 0)) goto local_unbound;
    oparg = WordArg(*ip++);
    SAVE_FRAME();
    Object* v = POP();
    int r = SetAttr(owner, NAME(oparg), v);
    Decref(v);
    ON_ERROR(r < 0);
    DISPATCH();
  }

  local_unbound: {
    // locals[oparg] is unset: raise for it; or a fused instruction's second
    // operand (the next word's local) is, raise for that one.
    uint32_t local = locals[oparg] == nullptr ? oparg : WordArg(ip[0]);
    if (locals[oparg] != nullptr) ++ip;
    SAVE_FRAME();
    SetUnboundLocal(frame->code->varnames->items[local]);
    goto error;
  }

  TARGET(BINARY_OP) {
    right = POP();
    left = POP();
    op = oparg;
    operands_owned = true;
  binary_op:
    Object* r;
    if (left->type == &IntType && right->type == &IntType &&
        IsSmallInt(left) && IsSmallInt(right)) {
      int64_t a = SmallIntValue(left), b = SmallIntValue(right), c;
      switch (static_cast<BinOp>(op)) {
        case BinOp::kAdd:
          if (__builtin_add_overflow(a, b, &c)) goto binary_slow;
          r = NewInt(c);
          break;
        case BinOp::kSub:
          if (__builtin_sub_overflow(a, b, &c)) goto binary_slow;
          r = NewInt(c);
          break;
        case BinOp::kMul:
          if (__builtin_mul_overflow(a, b, &c)) goto binary_slow;
          r = NewInt(c);
          break;
        default:
          goto binary_slow;
      }
    } else if (left->type == &FloatType && right->type == &FloatType) {
      double a = FloatValue(left), b = FloatValue(right);
      switch (static_cast<BinOp>(op)) {
        case BinOp::kAdd: r = NewFloat(a + b); break;
        case BinOp::kSub: r = NewFloat(a - b); break;
        case BinOp::kMul: r = NewFloat(a * b); break;
        case BinOp::kTrueDiv:
          if (b == 0) goto binary_slow;
          r = NewFloat(a / b);
          break;
        default:
          goto binary_slow;
      }
    } else {
    binary_slow:
      SAVE_FRAME();
      r = BinaryOp(left, right, static_cast<BinOp>(op));
    }
    if (operands_owned) {
      Decref(left);
      Decref(right);
    }
    if (__builtin_expect(r == nullptr, 0)) {
      SAVE_FRAME();
      goto error;
    }
    PUSH(r);
    DISPATCH();
  }

  TARGET(INPLACE_OP) {
    right = POP();
    left = POP();
    op = oparg;
    operands_owned = true;
  inplace_op:
    Object* r;
    if (left->type == &IntType && right->type == &IntType &&
        IsSmallInt(left) && IsSmallInt(right) &&
        static_cast<BinOp>(op) == BinOp::kAdd) {
      int64_t c;
      if (!__builtin_add_overflow(SmallIntValue(left), SmallIntValue(right), &c)) {
        r = NewInt(c);
      } else {
        r = IntAdd(left, right);
      }
    } else {
      SAVE_FRAME();
      r = InplaceOp(left, right, static_cast<BinOp>(op));
    }
    if (operands_owned) {
      Decref(left);
      Decref(right);
    }
    if (r == nullptr) {
      SAVE_FRAME();
      goto error;
    }
    PUSH(r);
    DISPATCH();
  }

  TARGET(UNARY_NEGATIVE) {
    SAVE_FRAME();
    Object* v = TOP();
    Object* r = Negative(v);
    ON_ERROR(r == nullptr);
    SET_TOP(r);
    Decref(v);
    DISPATCH();
  }

  TARGET(UNARY_POSITIVE) {
    SAVE_FRAME();
    Object* v = TOP();
    Object* r = Positive(v);
    ON_ERROR(r == nullptr);
    SET_TOP(r);
    Decref(v);
    DISPATCH();
  }

  TARGET(UNARY_INVERT) {
    SAVE_FRAME();
    Object* v = TOP();
    Object* r = Invert(v);
    ON_ERROR(r == nullptr);
    SET_TOP(r);
    Decref(v);
    DISPATCH();
  }

  TARGET(UNARY_NOT) {
    SAVE_FRAME();
    Object* v = TOP();
    int t = IsTrue(v);
    ON_ERROR(t < 0);
    SET_TOP(Bool(!t));
    Decref(v);
    DISPATCH();
  }

  TARGET(COMPARE_OP) {
    right = POP();
    left = POP();
    op = oparg;
    operands_owned = true;
  compare_op:
    int result;
    if (left->type == &IntType && right->type == &IntType &&
        IsSmallInt(left) && IsSmallInt(right)) {
      int64_t a = SmallIntValue(left), b = SmallIntValue(right);
      switch (static_cast<CompareOp>(op)) {
        case CompareOp::kLt: result = a < b; break;
        case CompareOp::kLe: result = a <= b; break;
        case CompareOp::kEq: result = a == b; break;
        case CompareOp::kNe: result = a != b; break;
        case CompareOp::kGt: result = a > b; break;
        default: result = a >= b; break;
      }
    } else {
      SAVE_FRAME();
      Object* r = RichCompare(left, right, static_cast<CompareOp>(op));
      if (operands_owned) {
        Decref(left);
        Decref(right);
      }
      ON_ERROR(r == nullptr);
      if (r == True() || r == False()) {
        result = r == True();
      } else {
        // A rich comparison may return any object; keep it as the value.
        PUSH(r);
        DISPATCH();
      }
      goto compare_done;
    }
    if (operands_owned) {
      Decref(left);
      Decref(right);
    }
  compare_done:
    // Fused with a following conditional jump: no bool is materialised.
    CodeWord next = *ip;
    if ((next & 0xff) == OP_POP_JUMP_IF_FALSE) {
      ++ip;
      if (!result) ip = frame->code->code.data() + (next >> kOpBits);
      DISPATCH();
    }
    if ((next & 0xff) == OP_POP_JUMP_IF_TRUE) {
      ++ip;
      if (result) ip = frame->code->code.data() + (next >> kOpBits);
      DISPATCH();
    }
    PUSH(Bool(result));
    DISPATCH();
  }

  TARGET(IS_OP) {
    Object* right = POP();
    Object* left = TOP();
    bool r = (left == right) != (oparg != 0);
    SET_TOP(Bool(r));
    Decref(left);
    Decref(right);
    DISPATCH();
  }

  TARGET(CONTAINS_OP) {
    SAVE_FRAME();
    Object* container = TOP();
    Object* item = SECOND();
    int r = Contains(container, item);
    ON_ERROR(r < 0);
    --sp;
    SET_TOP(Bool((r != 0) != (oparg != 0)));
    Decref(item);
    Decref(container);
    DISPATCH();
  }

  TARGET(BINARY_SUBSCR) {
    right = POP();
    left = POP();
    operands_owned = true;
    if (kLendGlobals && __builtin_expect(IsLent(left), 0)) {
      // A global lent by LOAD_GLOBAL_LENT: the loan covers the whole
      // subscript, whatever code it runs.
      SAVE_FRAME();
      Object* r = SubscrLentGlobal(ts, LentObject(left), right);
      ON_ERROR(r == nullptr);
      PUSH(r);
      DISPATCH();
    }
  binary_subscr:
    // left[right]
    Object* r;
    if (left->type == &ListType && right->type == &IntType &&
        IsSmallInt(right)) {
      r = ListItemRef(static_cast<ListObject*>(left), SmallIntValue(right));
      if (r != nullptr) goto subscr_done;
    }
    SAVE_FRAME();
    r = GetItem(left, right);
  subscr_done:
    if (operands_owned) {
      Decref(left);
      Decref(right);
    }
    ON_ERROR(r == nullptr);
    PUSH(r);
    DISPATCH();
  }

  TARGET(STORE_SUBSCR) {
    right = POP();
    left = POP();
    operands_owned = true;
  store_subscr: {
    // left[right] = TOP
    SAVE_FRAME();
    Object* v = POP();
    int r = SetItem(left, right, v);
    Decref(v);
    if (operands_owned) {
      Decref(left);
      Decref(right);
    }
    ON_ERROR(r < 0);
    DISPATCH();
  }
  }

  TARGET(DELETE_SUBSCR) {
    SAVE_FRAME();
    Object* key = sp[-1];
    Object* container = sp[-2];
    int r = DelItem(container, key);
    ON_ERROR(r < 0);
    sp -= 2;
    Decref(key);
    Decref(container);
    DISPATCH();
  }

  TARGET(BUILD_SLICE) {
    SAVE_FRAME();
    Object* step = oparg == 3 ? POP() : nullptr;
    Object* stop = POP();
    Object* start = TOP();
    Object* s = NewSlice(start, stop, step ? step : None());
    XDecref(step);
    Decref(stop);
    Decref(start);
    if (s == nullptr) {
      --sp;
      goto error;
    }
    SET_TOP(s);
    DISPATCH();
  }

  TARGET(BUILD_TUPLE) {
    SAVE_FRAME();
    TupleObject* t = NewTuple(oparg);
    ON_ERROR(t == nullptr);
    sp -= oparg;
    for (uint32_t i = 0; i < oparg; ++i) t->items[i] = sp[i];
    PUSH(t);
    DISPATCH();
  }

  TARGET(BUILD_LIST) {
    SAVE_FRAME();
    ListObject* l = NewList(oparg);
    ON_ERROR(l == nullptr);
    sp -= oparg;
    for (uint32_t i = 0; i < oparg; ++i) l->items[i] = sp[i];
    PUSH(l);
    DISPATCH();
  }

  TARGET(BUILD_MAP) {
    SAVE_FRAME();
    DictObject* d = NewDict();
    ON_ERROR(d == nullptr);
    Object** items = sp - 2 * oparg;
    int r = 0;
    for (uint32_t i = 0; i < oparg && r == 0; ++i) {
      r = DictSetItem(d, items[2 * i], items[2 * i + 1]);
    }
    for (Object** p = sp; p > items;) Decref(*--p);
    sp = items;
    if (r < 0) {
      Decref(d);
      goto error;
    }
    PUSH(d);
    DISPATCH();
  }

  TARGET(LIST_APPEND) {
    Object* v = POP();
    auto* list = static_cast<ListObject*>(sp[-static_cast<int>(oparg)]);
    if (ListAppendSteal(list, v) < 0) {
      SAVE_FRAME();
      goto error;
    }
    DISPATCH();
  }

  TARGET(MAP_ADD) {
    SAVE_FRAME();
    Object* v = POP();
    Object* k = POP();
    auto* d = static_cast<DictObject*>(sp[-static_cast<int>(oparg)]);
    int r = DictSetItem(d, k, v);
    Decref(k);
    Decref(v);
    ON_ERROR(r < 0);
    DISPATCH();
  }

  TARGET(LIST_EXTEND) {
    SAVE_FRAME();
    Object* iterable = POP();
    auto* list = static_cast<ListObject*>(sp[-static_cast<int>(oparg)]);
    int r = ListExtend(list, iterable);
    if (r < 0 && ErrorMatches(&TypeErrorType) && iterable->type->iter == nullptr) {
      ClearError();
      SetError(&TypeErrorType, StrCat("Value after * must be an iterable, not ",
                                      TypeName(iterable)));
    }
    Decref(iterable);
    ON_ERROR(r < 0);
    DISPATCH();
  }

  TARGET(LIST_TO_TUPLE) {
    SAVE_FRAME();
    auto* list = static_cast<ListObject*>(TOP());
    TupleObject* t = TupleFrom(list->items, list->size);
    ON_ERROR(t == nullptr);
    SET_TOP(t);
    Decref(list);
    DISPATCH();
  }

  TARGET(DICT_UPDATE) {
    SAVE_FRAME();
    Object* mapping = POP();
    auto* d = static_cast<DictObject*>(sp[-static_cast<int>(oparg)]);
    int r;
    if (!IsDict(mapping)) {
      SetError(&TypeErrorType, StrCat("'", TypeName(mapping),
                                      "' object is not a mapping"));
      r = -1;
    } else {
      r = DictUpdate(d, mapping);
    }
    Decref(mapping);
    ON_ERROR(r < 0);
    DISPATCH();
  }

  TARGET(UNPACK_SEQUENCE) {
    SAVE_FRAME();
    Object* seq = POP();
    bool ok = Unpack(seq, static_cast<int>(oparg), 0, false, sp);
    Decref(seq);
    ON_ERROR(!ok);
    sp += oparg;
    DISPATCH();
  }

  TARGET(UNPACK_EX) {
    SAVE_FRAME();
    int before = static_cast<int>(oparg & 0xff);
    int after = static_cast<int>(oparg >> 8);
    Object* seq = POP();
    bool ok = Unpack(seq, before, after, true, sp);
    Decref(seq);
    ON_ERROR(!ok);
    sp += before + after + 1;
    DISPATCH();
  }

  TARGET(JUMP) {
    ip = frame->code->code.data() + oparg;
    DISPATCH();
  }

  TARGET(JUMP_BACKWARD) {
    // Checked before jumping, so an exception raised here (a
    // KeyboardInterrupt) points into the loop, not before it.
    if (__builtin_expect(
            ts->eval_breaker.load(std::memory_order_relaxed) != 0, 0)) {
      SAVE_FRAME();
      if (!HandleEvalBreaker(ts)) goto error;
    }
    ip = frame->code->code.data() + oparg;
    DISPATCH();
  }

  TARGET(POP_JUMP_IF_FALSE) {
    Object* v = POP();
    if (v == False()) {
      ip = frame->code->code.data() + oparg;
    } else if (v != True()) {
      SAVE_FRAME();
      int t = IsTrue(v);
      Decref(v);
      ON_ERROR(t < 0);
      if (!t) ip = frame->code->code.data() + oparg;
      DISPATCH();
    }
    DISPATCH();
  }

  TARGET(POP_JUMP_IF_TRUE) {
    Object* v = POP();
    if (v == True()) {
      ip = frame->code->code.data() + oparg;
    } else if (v != False()) {
      SAVE_FRAME();
      int t = IsTrue(v);
      Decref(v);
      ON_ERROR(t < 0);
      if (t) ip = frame->code->code.data() + oparg;
      DISPATCH();
    }
    DISPATCH();
  }

  TARGET(JUMP_IF_FALSE_OR_POP) {
    SAVE_FRAME();
    int t = IsTrue(TOP());
    ON_ERROR(t < 0);
    if (!t) {
      ip = frame->code->code.data() + oparg;
    } else {
      Decref(POP());
    }
    DISPATCH();
  }

  TARGET(JUMP_IF_TRUE_OR_POP) {
    SAVE_FRAME();
    int t = IsTrue(TOP());
    ON_ERROR(t < 0);
    if (t) {
      ip = frame->code->code.data() + oparg;
    } else {
      Decref(POP());
    }
    DISPATCH();
  }

  TARGET(GET_ITER) {
    SAVE_FRAME();
    Object* v = TOP();
    Object* it = GetIter(v);
    ON_ERROR(it == nullptr);
    SET_TOP(it);
    Decref(v);
    DISPATCH();
  }

  TARGET(FOR_ITER) {
    Object* it = TOP();
    Object* next;
    if (it->type == &RangeIteratorType) {
      int64_t v;
      if (RangeIteratorNext(static_cast<RangeIterator*>(it), &v,
                            RcLoad(it->rc) == 1)) {
        PUSH(NewInt(v));
        DISPATCH();
      }
      next = nullptr;
    } else if (it->type == &ListIteratorType && RcLoad(it->rc) == 1) {
      next = ListIterNextExclusive(it);
    } else {
      SAVE_FRAME();
      next = it->type->iternext(it);
    }
    if (next != nullptr) {
      PUSH(next);
      DISPATCH();
    }
    if (ErrorOccurred()) {
      if (!ErrorMatches(&StopIterationType)) {
        SAVE_FRAME();
        goto error;
      }
      ClearError();
    }
    Decref(POP());
    ip = frame->code->code.data() + oparg;
    DISPATCH();
  }

  TARGET(RETURN_VALUE) {
    Object* result = POP();
    frame->sp = sp;
    bool entry = frame->entry;
    Frame* caller = frame->back;
    PopFrame(ts, frame);
    if (entry) return result;
    frame = caller;
    LOAD_FRAME();
    PUSH(result);
    DISPATCH();
  }

  TARGET(MAKE_FUNCTION) {
    SAVE_FRAME();
    auto* code = static_cast<CodeObject*>(POP());
    FunctionObject* f = NewFunction(code, frame->globals);
    Decref(code);
    ON_ERROR(f == nullptr);
    f->builtins = NewRef(frame->builtins);
    if (oparg & kMakeClosure) f->closure = static_cast<TupleObject*>(POP());
    if (oparg & kMakeKwDefaults) f->kwdefaults = static_cast<DictObject*>(POP());
    if (oparg & kMakeDefaults) f->defaults = static_cast<TupleObject*>(POP());
    static StrObject* module_name = InternStr("__name__");
    // Under the lock: another thread may be growing the same globals.
    f->module = DictGetStrRef(frame->globals, module_name);
    if (frame->code->flags & kCodeDefinesShared) ImmortalizeShared(f);
    PUSH(f);
    DISPATCH();
  }

  TARGET(IMPORT_NAME) {
    // oparg: name index << 1 | 1 for the named module itself, 0 for the
    // top-level package of a dotted name (`import a.b` binds a).
    SAVE_FRAME();
    std::string_view name = StrView(NAME(oparg >> 1));
    Object* m = ImportModule(name);
    ON_ERROR(m == nullptr);
    size_t dot = name.find('.');
    if (!(oparg & 1) && dot != std::string_view::npos) {
      Decref(m);
      m = ImportModule(name.substr(0, dot));
      ON_ERROR(m == nullptr);
    }
    PUSH(m);
    DISPATCH();
  }

  TARGET(IMPORT_FROM) {
    SAVE_FRAME();
    Object* module = TOP();
    Object* v = GetAttr(module, NAME(oparg));
    if (v == nullptr && ErrorMatches(&AttributeErrorType)) {
      ClearError();
      std::string mod = "?";
      if (Object* n = GetAttrString(module, "__name__")) {
        StrString(n, &mod);
        Decref(n);
      } else {
        ClearError();
      }
      SetError(&ImportErrorType,
               StrCat("cannot import name '", StrView(NAME(oparg)), "' from '",
                      mod, "' (unknown location)"));
    }
    ON_ERROR(v == nullptr);
    PUSH(v);
    DISPATCH();
  }

  TARGET(RAISE_VARARGS) {
    SAVE_FRAME();
    if (oparg == 0) {
      if (ts->handled == nullptr) {
        SetError(&RuntimeErrorType, "No active exception to reraise");
      } else {
        SetErrorObject(NewRef(ts->handled));
        reraise = true;
      }
      goto error;
    }
    Object* cause = oparg == 2 ? POP() : nullptr;
    Object* exc = POP();
    frame->sp = sp;
    RaiseException(exc, cause);
    Decref(exc);
    XDecref(cause);
    goto error;
  }

  TARGET(LOAD_ASSERTION_ERROR) {
    PUSH(&AssertionErrorType);
    DISPATCH();
  }

  TARGET(FORMAT_VALUE) {
    SAVE_FRAME();
    Object* spec = (oparg & kFormatHasSpec) ? POP() : nullptr;
    Object* value = TOP();
    Object* r = FormatValue(value, oparg, spec);
    XDecref(spec);
    ON_ERROR(r == nullptr);
    SET_TOP(r);
    Decref(value);
    DISPATCH();
  }

  TARGET(BUILD_STRING) {
    SAVE_FRAME();
    Object** parts = sp - oparg;
    Object* s = JoinStringParts(parts, oparg);
    for (Object** p = sp; p > parts;) Decref(*--p);
    sp = parts;
    ON_ERROR(s == nullptr);
    PUSH(s);
    DISPATCH();
  }

  TARGET(PUSH_EXC_INFO) {
    Object* exc = TOP();
    Object* prev = ts->handled != nullptr ? ts->handled : None();
    ts->handled = NewRef(exc);
    SET_TOP(prev);
    PUSH(exc);
    DISPATCH();
  }

  TARGET(POP_EXCEPT) {
    RestoreHandled(ts, POP());
    DISPATCH();
  }

  TARGET(CHECK_EXC_MATCH) {
    Object* type = POP();
    int r = ExceptionMatches(TOP(), type);
    Decref(type);
    ON_ERROR(r < 0);
    PUSH(Bool(r));
    DISPATCH();
  }

  TARGET(RERAISE) {
    SetErrorObject(POP());
    reraise = true;
    goto error;
  }

  TARGET(POP_EXCEPT_AND_RERAISE) {
    Object* exc = POP();
    RestoreHandled(ts, POP());
    SetErrorObject(exc);
    reraise = true;
    goto error;
  }

  TARGET(BEFORE_WITH) {
    SAVE_FRAME();
    static StrObject* enter_name = InternStr("__enter__");
    static StrObject* exit_name = InternStr("__exit__");
    Object* mgr = TOP();
    Object* enter = LookupSpecial(mgr, enter_name);
    Object* exit = enter != nullptr ? LookupSpecial(mgr, exit_name) : nullptr;
    if (exit == nullptr) {
      XDecref(enter);
      if (!ErrorOccurred()) {
        SetError(&TypeErrorType,
                 StrCat("'", TypeName(mgr),
                        "' object does not support the context manager protocol"));
      }
      goto error;
    }
    Object* result = Call(enter, nullptr, 0);
    Decref(enter);
    if (result == nullptr) {
      Decref(exit);
      goto error;
    }
    SET_TOP(exit);
    Decref(mgr);
    PUSH(result);
    DISPATCH();
  }

  TARGET(WITH_EXIT_NORMAL) {
    SAVE_FRAME();
    Object* exit = POP();
    Object* args[3] = {None(), None(), None()};
    Object* r = Call(exit, args, 3);
    Decref(exit);
    ON_ERROR(r == nullptr);
    Decref(r);
    DISPATCH();
  }

  TARGET(WITH_EXCEPT_START) {
    SAVE_FRAME();
    Object* exc = TOP();
    Object* exit = sp[-3];
    auto* e = static_cast<ExceptionObject*>(exc);
    Object* tb = IsSubtype(exc->type, &BaseExceptionType) && e->traceback
                     ? static_cast<Object*>(e->traceback)
                     : None();
    Object* args[3] = {exc->type, exc, tb};
    Object* r = Call(exit, args, 3);
    ON_ERROR(r == nullptr);
    PUSH(r);
    DISPATCH();
  }

suspend : {
    // A generator's frame yields: it stays as it is until resumed.
    SAVE_FRAME();
    --ts->depth;
    ts->frame = frame->back;
    return yielded_value;
  }

error : {
    // The raised exception passes through this frame: record where, then
    // unwind it (exception handlers arrive with try/except support). The
    // local ip and sp are authoritative here: every path that jumps to this
    // label leaves sp covering exactly the references the stack still owns.
    SAVE_FRAME();
    Object* exc = ts->exception;
    int at = frame->CurrentInstruction();
    if (exc != nullptr && !reraise) {
      AddTraceback(exc, frame->code, CodeLine(frame->code, at), at);
    }
    reraise = false;
    if (const ExceptionRange* h = FindHandler(frame->code, at)) {
      Object** base = frame->stack_base() + h->depth;
      while (sp > base) DropStackRef(POP());
      PUSH(FetchError());
      ip = frame->code->code.data() + h->handler;
      DISPATCH();
    }
    bool entry = frame->entry;
    Frame* caller = frame->back;
    PopFrame(ts, frame);
    if (entry) return nullptr;
    frame = caller;
    LOAD_FRAME();
    goto error;
  }

  // Opcodes that reach here are compiled but not executed yet.
  TARGET(BUILD_SET) {
    SAVE_FRAME();
    SetObject* set = NewSet();
    ON_ERROR(set == nullptr);
    Object** items = sp - oparg;
    int r = 0;
    for (uint32_t i = 0; i < oparg && r == 0; ++i) r = SetAdd(set, items[i]);
    for (Object** p = sp; p > items;) Decref(*--p);
    sp = items;
    if (r < 0) {
      Decref(reinterpret_cast<Object*>(set));
      goto error;
    }
    PUSH(reinterpret_cast<Object*>(set));
    DISPATCH();
  }

  TARGET(SET_ADD) {
    SAVE_FRAME();
    Object* v = POP();
    int r = SetAdd(reinterpret_cast<SetObject*>(sp[-static_cast<int>(oparg)]), v);
    Decref(v);
    ON_ERROR(r < 0);
    DISPATCH();
  }

  TARGET(SET_UPDATE) {
    SAVE_FRAME();
    Object* iterable = POP();
    int r = SetUpdate(reinterpret_cast<SetObject*>(sp[-static_cast<int>(oparg)]),
                      iterable);
    Decref(iterable);
    ON_ERROR(r < 0);
    DISPATCH();
  }

  TARGET(YIELD_VALUE) {
    yielded_value = POP();
    frame->yielded = true;
    goto suspend;
  }

  TARGET(GET_YIELD_FROM_ITER) {
    SAVE_FRAME();
    Object* v = TOP();
    if (v->type != &GeneratorType) {
      Object* it = GetIter(v);
      ON_ERROR(it == nullptr);
      SET_TOP(it);
      Decref(v);
    }
    DISPATCH();
  }

  TARGET(YIELD_FROM) {
    SAVE_FRAME();
    Object* sent = POP();
    Object* it = TOP();
    Object* r;
    bool finished = false;
    if (it->type == &GeneratorType) {
      r = GeneratorSend(it, sent, &finished);
    } else if (sent == None()) {
      r = IterNext(it);
      finished = r == nullptr && !ErrorOccurred();
    } else {
      r = CallMethod(it, "send", &sent, 1);
    }
    Decref(sent);
    if (r != nullptr && !finished) {
      // Suspend; on resumption the sent value arrives and this
      // instruction runs again.
      --ip;
      frame->yielded = true;
      yielded_value = r;
      goto suspend;
    }
    if (r == nullptr) {
      if (!finished) {
        if (!ErrorMatches(&StopIterationType)) goto error;
        Object* stop = FetchError();
        auto* e = static_cast<ExceptionObject*>(stop);
        r = NewRef(e->args->size > 0 ? e->args->items[0] : None());
        Decref(stop);
      } else {
        r = None();
      }
    }
    SET_TOP(r);
    Decref(it);
    DISPATCH();
  }

  TARGET(RETURN_GENERATOR) {
    SAVE_FRAME();
    SetError(&SystemErrorType, StrCat("opcode ", OpcodeName(WordOp(word)),
                                      " is not implemented"));
    goto error;
  }
}

}  // namespace

Object* EvalModuleCode(CodeObject* code, DictObject* globals) {
  ThreadState* ts = CurrentThread();
  Interpreter& interp = GetInterpreter();
  if (!CheckStack("")) return nullptr;
  Frame* f = PushFrame(ts, code, nullptr, globals, interp.builtins);
  if (f == nullptr) return nullptr;
  f->entry = true;
  ts->frame = f;
  return Run(ts, f);
}

Object* EvalClassBody(FunctionObject* body, DictObject* ns) {
  ThreadState* ts = CurrentThread();
  CodeObject* co = body->code;
  if (!CheckStack("")) return nullptr;
  Frame* f = PushFrame(ts, co, body, body->globals, body->builtins);
  if (f == nullptr) return nullptr;
  f->locals = ns;
  f->entry = true;
  ts->frame = f;
  if ((co->NumCells() > 0 || co->NumFree() > 0) && !InitCells(f, body)) {
    PopFrame(ts, f);
    return nullptr;
  }
  return Run(ts, f);
}

bool CurrentMethodContext(Object** self, Type** cls) {
  Frame* f = CurrentThread()->frame;
  if (f == nullptr) {
    SetError(&RuntimeErrorType, "super(): no current frame");
    return false;
  }
  CodeObject* co = f->code;
  if (co->argcount == 0 || f->slots[0] == nullptr) {
    SetError(&RuntimeErrorType, "super(): no arguments");
    return false;
  }
  *self = f->slots[0];
  // An argument captured by a closure lives in its cell.
  for (int i = 0; i < co->NumCells(); ++i) {
    if (co->cell_from_arg[i] == 0) {
      *self = static_cast<CellObject*>(f->slots[co->nlocals + i])->value;
    }
  }
  int ncells = co->NumCells();
  for (int i = 0; i < co->NumFree(); ++i) {
    if (StrView(co->freevars->items[i]) == "__class__") {
      Object* v = static_cast<CellObject*>(f->slots[co->nlocals + ncells + i])->value;
      if (v == nullptr || v->type != &TypeType) {
        SetError(&RuntimeErrorType, "super(): empty __class__ cell");
        return false;
      }
      *cls = static_cast<Type*>(v);
      return true;
    }
  }
  SetError(&RuntimeErrorType, "super(): __class__ cell not found");
  return false;
}

Object* ResumeFrame(Frame* f, Object* sent, bool throwing) {
  ThreadState* ts = CurrentThread();
  if (ts->depth >= GetInterpreter().recursion_limit || StackExhausted()) {
    if (!throwing) {
      SetError(&RecursionErrorType, "maximum recursion depth exceeded");
    }
    return nullptr;
  }
  f->back = ts->frame;
  f->entry = true;
  f->yielded = false;
  ts->frame = f;
  ++ts->depth;
  if (sent != nullptr) *f->sp++ = NewRef(sent);
  return Run(ts, f, throwing);
}

void InitEval() {
  FunctionType.call = CallPython;
  InitGeneratorType();
  AddClassBuiltins(GetInterpreter().builtins);
  AddFrameBuiltins(GetInterpreter().builtins);
  AddStackIntrospection();
  SetSourceImportHook(ImportSourceModule);
}

}  // namespace twinpy
