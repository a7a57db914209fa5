// The generator type.
#include "interp/generator.h"

#include <cstdlib>

#include "interp/eval.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/thread_state.h"
#include "runtime/tuple.h"

namespace twinpy {

Type GeneratorType;

namespace {

struct GeneratorObject : Object {
  Frame* frame;  // nullptr once finished and released
  Object* handled;  // the exception its except clause was handling at yield
  bool running;
  bool started;
};

GeneratorObject* AsGen(Object* o) { return static_cast<GeneratorObject*>(o); }

void Release(GeneratorObject* g) {
  if (g->frame == nullptr) return;
  Frame* f = g->frame;
  g->frame = nullptr;
  ClearFrame(f);
  std::free(f);
}

// Runs the frame once; `throwing` raises the pending exception at the
// suspended yield instead of sending a value.
Object* Resume(GeneratorObject* g, Object* value, bool throwing,
               bool* finished) {
  *finished = false;
  // Claimed atomically: two threads resuming one generator must not both
  // run its frame (the loser gets CPython's ValueError).
  if (__atomic_exchange_n(&g->running, true, __ATOMIC_ACQUIRE)) {
    return SetError(&ValueErrorType, "generator already executing");
  }
  struct Unclaim {
    GeneratorObject* g;
    ~Unclaim() { __atomic_store_n(&g->running, false, __ATOMIC_RELEASE); }
  } unclaim{g};
  if (g->frame == nullptr) {
    if (throwing) return nullptr;  // the pending exception propagates
    *finished = true;
    return None();
  }
  if (!g->started && !throwing && value != None()) {
    return SetError(&TypeErrorType,
                    "can't send non-None value to a just-started generator");
  }
  Frame* f = g->frame;
  // The generator's "exception being handled" is its own, swapped in for
  // the run and out at the yield (CPython's gi_exc_state).
  ThreadState* ts = CurrentThread();
  Object* caller_handled = ts->handled;
  ts->handled = g->handled;
  g->handled = nullptr;
  Object* r = ResumeFrame(f, g->started && !throwing ? value : nullptr, throwing);
  if (r != nullptr && f->yielded) {
    g->handled = ts->handled;
  } else {
    XDecref(ts->handled);
  }
  ts->handled = caller_handled;
  g->started = true;
  if (r != nullptr && f->yielded) return r;
  // Returned or raised: the frame is done.
  Release(g);
  if (r == nullptr) {
    if (ErrorMatches(&StopIterationType)) {
      Object* stop = FetchError();
      Object* err = NewException(&RuntimeErrorType, "generator raised StopIteration");
      if (err != nullptr) {
        static_cast<ExceptionObject*>(err)->cause = stop;
        static_cast<ExceptionObject*>(err)->suppress_context = true;
        SetErrorObject(err);
      } else {
        Decref(stop);
      }
    }
    return nullptr;
  }
  *finished = true;
  return r;
}

Object* StopWith(Object* value) {
  Object* stop = value == None() ? Call(&StopIterationType, nullptr, 0)
                                 : Call(&StopIterationType, &value, 1);
  Decref(value);
  return stop == nullptr ? nullptr : SetErrorObject(stop);
}

Object* GenIterNext(Object* o) {
  bool finished;
  Object* r = Resume(AsGen(o), None(), false, &finished);
  if (r == nullptr || !finished) return r;
  if (r == None()) return nullptr;  // exhausted, no exception needed
  return StopWith(r);
}

Object* GenSend(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("send", nargs - 1, 1, 1)) return nullptr;
  bool finished;
  Object* r = Resume(AsGen(args[0]), args[1], false, &finished);
  if (r == nullptr || !finished) return r;
  return StopWith(r);
}

// throw(exc) or throw(type[, value]).
Object* GenThrow(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("throw", nargs - 1, 1, 3)) return nullptr;
  Object* exc = args[1];
  if (exc->type == &TypeType) {
    exc = nargs > 2 && args[2] != None() ? Call(exc, &args[2], 1) : Call(exc, nullptr, 0);
    if (exc == nullptr) return nullptr;
  } else {
    Incref(exc);
  }
  if (!IsSubtype(exc->type, &BaseExceptionType)) {
    Decref(exc);
    return SetError(&TypeErrorType,
                    "exceptions must be classes or instances deriving from "
                    "BaseException, not " +
                        std::string(TypeName(exc)));
  }
  GeneratorObject* g = AsGen(args[0]);
  SetErrorObject(exc);
  if (!g->started) {
    Release(g);  // an unstarted generator just raises
    return nullptr;
  }
  bool finished;
  Object* r = Resume(g, nullptr, true, &finished);
  if (r == nullptr || !finished) return r;
  return StopWith(r);
}

Object* CloseGen(GeneratorObject* g) {
  if (g->frame == nullptr || !g->started) {
    Release(g);
    return None();
  }
  Object* exit = NewException(&GeneratorExitType, "");
  if (exit == nullptr) return nullptr;
  static_cast<ExceptionObject*>(exit)->args = EmptyTuple();
  SetErrorObject(exit);
  bool finished;
  Object* r = Resume(g, nullptr, true, &finished);
  if (r != nullptr) {
    Decref(r);
    if (!finished) {
      Release(g);
      return SetError(&RuntimeErrorType, "generator ignored GeneratorExit");
    }
    return None();
  }
  if (ErrorMatches(&GeneratorExitType) || ErrorMatches(&StopIterationType)) {
    ClearError();
    return None();
  }
  return nullptr;
}

Object* GenClose(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("close", nargs - 1, 0, 0)) return nullptr;
  return CloseGen(AsGen(args[0]));
}

void GenDealloc(Object* o) {
  GeneratorObject* g = AsGen(o);
  if (g->frame != nullptr && g->started) {
    // Run pending finally blocks, as CPython does; errors are dropped.
    ThreadState* ts = CurrentThread();
    Object* saved = ts->exception;
    ts->exception = nullptr;
    RcInit(g->rc, 1);  // alive while it runs
    Object* r = CloseGen(g);
    if (r == nullptr) ClearError();
    ts->exception = saved;
  }
  Release(g);
  XDecref(g->handled);
  FreeObject(o, sizeof(GeneratorObject));
}

Object* GenRepr(Object* o) {
  GeneratorObject* g = AsGen(o);
  char address[32];
  snprintf(address, sizeof(address), "%p", static_cast<void*>(o));
  std::string name = g->frame ? std::string(StrView(g->frame->code->qualname)) : "generator";
  return NewStr(StrCat("<generator object ", name, " at ", address, ">"));
}

Object* SelfIter(Object* o) { return NewRef(o); }

const MethodDef kGeneratorMethods[] = {
    {"send", GenSend, kNativeMethod},
    {"throw", GenThrow, kNativeMethod},
    {"close", GenClose, kNativeMethod},
    {nullptr, nullptr, 0},
};

}  // namespace

Object* NewGenerator(Frame* frame) {
  auto* g = static_cast<GeneratorObject*>(
      AllocObject(&GeneratorType, sizeof(GeneratorObject)));
  if (g == nullptr) return nullptr;
  g->frame = frame;
  g->handled = nullptr;
  g->running = false;
  g->started = false;
  return g;
}

Object* GeneratorSend(Object* gen, Object* value, bool* finished) {
  return Resume(AsGen(gen), value, false, finished);
}

void InitGeneratorType() {
  InitStaticType(&GeneratorType, "generator", sizeof(GeneratorObject), &ObjectType);
  GeneratorType.dealloc = GenDealloc;
  GeneratorType.repr = GenRepr;
  GeneratorType.hash = ObjectType.hash;
  GeneratorType.compare = ObjectType.compare;
  GeneratorType.iter = SelfIter;
  GeneratorType.iternext = GenIterNext;
  GeneratorType.getattr = GenericGetAttr;
  AddMethods(&GeneratorType, kGeneratorMethods);
}

}  // namespace twinpy
