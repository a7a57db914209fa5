// The builtins that class statements need from the interpreter:
// __build_class__ (runs a class body) and super (reads the caller's frame).
#ifndef TWINPY_INTERP_CLASSES_H_
#define TWINPY_INTERP_CLASSES_H_

#include "runtime/dict.h"

namespace twinpy {

extern Type SuperType;

// Adds __build_class__, super, property, staticmethod and classmethod.
void AddClassBuiltins(DictObject* builtins);

}  // namespace twinpy

#endif  // TWINPY_INTERP_CLASSES_H_
