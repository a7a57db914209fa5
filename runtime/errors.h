// Exceptions: the built-in hierarchy, the exception object, and raising and
// fetching on the current thread.
#ifndef TWINPY_RUNTIME_ERRORS_H_
#define TWINPY_RUNTIME_ERRORS_H_

#include <string>
#include <string_view>

#include "runtime/object.h"
#include "runtime/thread_state.h"

namespace twinpy {

struct CodeObject;

// One entry per frame the exception passed through, innermost last, as
// CPython's traceback objects.
struct TracebackObject : Object {
  TracebackObject* next;
  CodeObject* code;
  int line;
  int instruction;  // index into code->code, or -1 when unknown
};

struct ExceptionObject : Object {
  TupleObject* args;
  TracebackObject* traceback;
  Object* cause;    // `raise X from Y`
  Object* context;  // the exception being handled when this one was raised
  DictObject* dict;
  bool suppress_context;
};

extern Type TracebackType;

// X-macro of the built-in exceptions: (C++ name, Python name, base).
#define TWINPY_EXCEPTION_TYPES(X)                               \
  X(BaseException, "BaseException", ObjectType)                 \
  X(SystemExit, "SystemExit", BaseExceptionType)                \
  X(KeyboardInterrupt, "KeyboardInterrupt", BaseExceptionType)  \
  X(GeneratorExit, "GeneratorExit", BaseExceptionType)          \
  X(Exception, "Exception", BaseExceptionType)                  \
  X(StopIteration, "StopIteration", ExceptionType)              \
  X(ArithmeticError, "ArithmeticError", ExceptionType)          \
  X(ZeroDivisionError, "ZeroDivisionError", ArithmeticErrorType) \
  X(OverflowError, "OverflowError", ArithmeticErrorType)        \
  X(AssertionError, "AssertionError", ExceptionType)            \
  X(AttributeError, "AttributeError", ExceptionType)            \
  X(ImportError, "ImportError", ExceptionType)                  \
  X(ModuleNotFoundError, "ModuleNotFoundError", ImportErrorType) \
  X(LookupError, "LookupError", ExceptionType)                  \
  X(IndexError, "IndexError", LookupErrorType)                  \
  X(KeyError, "KeyError", LookupErrorType)                      \
  X(MemoryError, "MemoryError", ExceptionType)                  \
  X(NameError, "NameError", ExceptionType)                      \
  X(UnboundLocalError, "UnboundLocalError", NameErrorType)      \
  X(OSError, "OSError", ExceptionType)                          \
  X(TimeoutError, "TimeoutError", OSErrorType)                  \
  X(RuntimeError, "RuntimeError", ExceptionType)                \
  X(RecursionError, "RecursionError", RuntimeErrorType)         \
  X(NotImplementedError, "NotImplementedError", RuntimeErrorType) \
  X(SyntaxError, "SyntaxError", ExceptionType)                  \
  X(IndentationError, "IndentationError", SyntaxErrorType)      \
  X(TabError, "TabError", IndentationErrorType)                 \
  X(SystemError, "SystemError", ExceptionType)                  \
  X(TypeError, "TypeError", ExceptionType)                      \
  X(ValueError, "ValueError", ExceptionType)                    \
  X(UnicodeError, "UnicodeError", ValueErrorType)               \
  X(Warning, "Warning", ExceptionType)

#define TWINPY_DECLARE_EXCEPTION(cname, pyname, base) extern Type cname##Type;
TWINPY_EXCEPTION_TYPES(TWINPY_DECLARE_EXCEPTION)
#undef TWINPY_DECLARE_EXCEPTION

void InitExceptionTypes();

// Raising. Each returns nullptr so a caller can `return SetError(...)`.
std::nullptr_t SetError(Type* type, std::string_view message);
std::nullptr_t SetErrorObject(Object* exception);  // steals the reference
std::nullptr_t NoMemory();
// KeyError(key): the key itself is the argument, as in CPython.
std::nullptr_t SetKeyError(Object* key);

inline bool ErrorOccurred() { return CurrentThread()->exception != nullptr; }
// True when the raised exception is an instance of `type`.
bool ErrorMatches(Type* type);
// Takes the raised exception (new reference), leaving none raised.
Object* FetchError();
void ClearError();

// Creates an instance of exception `type` with one str argument.
Object* NewException(Type* type, std::string_view message);
// Records that the exception is passing through `code` at `line`.
void AddTraceback(Object* exception, CodeObject* code, int line,
                  int instruction = -1);

// "TypeError: message" — the last line of a printed traceback.
std::string FormatExceptionOnly(Object* exception);
// The full CPython-style report: traceback entries (with source lines when
// the file can be read), chained causes, and the final line.
std::string FormatException(Object* exception);

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_ERRORS_H_
