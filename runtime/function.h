// Callables: Python functions, native (C++) functions and bound methods,
// and the cell objects closures share.
#ifndef TWINPY_RUNTIME_FUNCTION_H_
#define TWINPY_RUNTIME_FUNCTION_H_

#include <cstdint>
#include <new>

#include "runtime/code.h"
#include "runtime/object.h"
#include "runtime/object_lock.h"

namespace twinpy {

struct FunctionObject : Object {
  CodeObject* code;
  DictObject* globals;
  DictObject* builtins;
  TupleObject* defaults;     // or nullptr
  DictObject* kwdefaults;    // or nullptr
  TupleObject* closure;      // cells, or nullptr
  StrObject* name;
  StrObject* qualname;
  Object* doc;
  DictObject* dict;          // function attributes, created on demand
  Object* module;            // __module__ (a str), or nullptr
};

extern Type FunctionType;

// Native functions take (args, nargs, kwnames); methods see self as args[0].
using NativeFn = Object* (*)(Object* const* args, size_t nargs,
                             TupleObject* kwnames);

// Calls a native function's body. C++ containers in native code report a
// failed allocation by throwing std::bad_alloc: it becomes MemoryError here
// instead of ending the process (the native code's own references leak).
Object* NativeOutOfMemory();
inline Object* InvokeNative(NativeFn fn, Object* const* args, size_t nargs,
                            TupleObject* kwnames) {
  try {
    return fn(args, nargs, kwnames);
  } catch (const std::bad_alloc&) {
    return NativeOutOfMemory();
  }
}

enum NativeFlags : uint32_t {
  kNativeMethod = 1u << 0,  // found on a type: binds to the instance
  kNativeKeywords = 1u << 1,  // accepts keyword arguments
};

struct NativeFunctionObject : Object {
  const char* name;
  NativeFn fn;
  uint32_t flags;
  Object* self;  // bound instance or module, or nullptr
  Type* owner;   // the type a method belongs to, for error messages
};

extern Type NativeFunctionType;

struct MethodObject : Object {
  Object* func;
  Object* self;
};

extern Type MethodType;

// In the free-threaded build a cell's value is read and replaced under its
// lock, so a reader never increments a value another thread just released.
struct CellObject : Object {
  Object* value;  // nullptr: empty
  ObjectMutex mutex;
};

// The value as a new reference, or nullptr when empty.
inline Object* CellGet(CellObject* cell) {
  CriticalSection cs(cell->mutex);
  Object* v = cell->value;
  if (v != nullptr) Incref(v);
  return v;
}
// Stores `value` (stolen; may be nullptr) and releases the old one.
inline void CellSet(CellObject* cell, Object* value) {
  Object* old;
  {
    CriticalSection cs(cell->mutex);
    old = cell->value;
    cell->value = value;
  }
  XDecref(old);
}

extern Type CellType;

FunctionObject* NewFunction(CodeObject* code, DictObject* globals);
NativeFunctionObject* NewNativeFunction(const char* name, NativeFn fn,
                                        uint32_t flags);
// A builtin defined once at start-up (a module's or a type's function): it
// lives as long as the process, so it is immortal and every thread can call
// it without writing its count (as CPython's static builtins).
NativeFunctionObject* NewStaticNativeFunction(const char* name, NativeFn fn,
                                              uint32_t flags);
Object* NewMethod(Object* func, Object* self);
CellObject* NewCell(Object* value);

// An argument array with one object put in front (self, or a class), for
// calls that pass their caller's arguments on: `total` counts positional
// and keyword values. Small arrays stay on the stack.
class PrependedArgs {
 public:
  PrependedArgs(Object* first, Object* const* args, size_t total)
      : data_(total + 1 <= kInline ? inline_ : new Object*[total + 1]) {
    data_[0] = first;
    for (size_t i = 0; i < total; ++i) data_[i + 1] = args[i];
  }
  ~PrependedArgs() {
    if (data_ != inline_) delete[] data_;
  }
  PrependedArgs(const PrependedArgs&) = delete;
  PrependedArgs& operator=(const PrependedArgs&) = delete;
  Object** data() { return data_; }

 private:
  static constexpr size_t kInline = 8;
  Object* inline_[kInline];
  Object** data_;
};

// Registers native methods in a type's dict.
struct MethodDef {
  const char* name;
  NativeFn fn;
  uint32_t flags;
};
void AddMethods(Type* type, const MethodDef* defs);

// Argument checking helpers for native functions. Each sets TypeError with
// CPython's wording and returns false on failure.
bool CheckNoKeywords(const char* fname, TupleObject* kwnames);
bool CheckArgCount(const char* fname, size_t nargs, size_t min, size_t max);

void InitFunctionTypes();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_FUNCTION_H_
