// Text files: the object open() returns, and the OSError subclasses that
// report failed system calls.
#ifndef TWINPY_RUNTIME_FILE_H_
#define TWINPY_RUNTIME_FILE_H_

#include <cstddef>
#include <string_view>

#include "runtime/object.h"

namespace twinpy {

extern Type FileType;

// OSError subclasses chosen by errno. (They belong with the other built-in
// exceptions in errors.h; they live here until OSError grows errno,
// strerror and filename attributes of its own.)
extern Type FileNotFoundErrorType;
extern Type FileExistsErrorType;
extern Type IsADirectoryErrorType;
extern Type NotADirectoryErrorType;
extern Type PermissionErrorType;
extern Type UnsupportedOperationType;  // io.UnsupportedOperation

// Raises the OSError subclass for `err` with CPython's message,
// "[Errno 2] No such file or directory: 'name'" (no name: no suffix).
std::nullptr_t SetOSError(int err, Object* filename);

// open(file, mode='r', buffering=-1, encoding=None, errors=None,
//      newline=None): text modes only.
Object* OpenBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames);

// Adds open() and the exception types above to the builtins dict.
void AddFileBuiltins(DictObject* builtins);

void InitFileType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_FILE_H_
