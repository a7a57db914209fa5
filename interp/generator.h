// Generators: a suspended frame resumed by next(), send(), throw() and
// close().
#ifndef TWINPY_INTERP_GENERATOR_H_
#define TWINPY_INTERP_GENERATOR_H_

#include "interp/frame.h"
#include "runtime/object.h"

namespace twinpy {

extern Type GeneratorType;

// Takes ownership of a heap frame whose arguments are bound.
Object* NewGenerator(Frame* frame);

// Resumes with `value`: the yielded value, or (with *finished set) the
// generator's return value; nullptr with an exception set on error.
Object* GeneratorSend(Object* gen, Object* value, bool* finished);

void InitGeneratorType();

}  // namespace twinpy

#endif  // TWINPY_INTERP_GENERATOR_H_
