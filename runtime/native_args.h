// Binding the arguments of a native call (positional values followed by
// keyword values named by kwnames) to named parameters, with CPython's
// messages for the usual mistakes.
#ifndef TWINPY_RUNTIME_NATIVE_ARGS_H_
#define TWINPY_RUNTIME_NATIVE_ARGS_H_

#include <cstddef>
#include <initializer_list>
#include <string_view>

#include "runtime/object.h"
#include "runtime/tuple.h"

namespace twinpy {

// Fills out[i] with a borrowed reference to the value of parameter names[i],
// or nullptr when it was not passed. The first `max_positional` parameters
// may be passed by position, the rest only by keyword. The first `required`
// parameters must be present. Returns false with TypeError set.
bool BindArgs(const char* fname, Object* const* args, size_t nargs,
              TupleObject* kwnames, std::initializer_list<const char*> names,
              size_t required, size_t max_positional, Object** out);

// A keyword argument by name, or nullptr.
Object* KeywordArg(Object* const* args, size_t nargs, TupleObject* kwnames,
                   std::string_view name);

// TypeError unless every keyword is in `allowed`.
bool CheckKeywordNames(const char* fname, TupleObject* kwnames,
                       std::initializer_list<std::string_view> allowed);

inline size_t KeywordCount(TupleObject* kwnames) {
  return kwnames == nullptr ? 0 : static_cast<size_t>(kwnames->size);
}

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_NATIVE_ARGS_H_
