// Argument binding for native functions.
#include "runtime/native_args.h"

#include <string>

#include "runtime/errors.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

bool BindArgs(const char* fname, Object* const* args, size_t nargs,
              TupleObject* kwnames, std::initializer_list<const char*> names,
              size_t required, size_t max_positional, Object** out) {
  size_t n = names.size();
  if (max_positional > n) max_positional = n;
  for (size_t i = 0; i < n; ++i) out[i] = nullptr;
  if (nargs > max_positional) {
    SetError(&TypeErrorType,
             StrCat(fname, "() takes at most ", max_positional,
                    max_positional == 1 ? " argument (" : " arguments (", nargs,
                    " given)"));
    return false;
  }
  for (size_t i = 0; i < nargs; ++i) out[i] = args[i];
  size_t nkw = KeywordCount(kwnames);
  for (size_t k = 0; k < nkw; ++k) {
    std::string_view key = StrView(kwnames->items[k]);
    size_t i = 0;
    for (const char* name : names) {
      if (key == name) break;
      ++i;
    }
    if (i == n) {
      SetError(&TypeErrorType,
               StrCat("'", key, "' is an invalid keyword argument for ", fname,
                      "()"));
      return false;
    }
    if (out[i] != nullptr) {
      SetError(&TypeErrorType,
               StrCat("argument for ", fname, "() given by name ('", key,
                      "') and position (", i + 1, ")"));
      return false;
    }
    out[i] = args[nargs + k];
  }
  size_t i = 0;
  for (const char* name : names) {
    if (i >= required) break;
    if (out[i] == nullptr) {
      SetError(&TypeErrorType, StrCat(fname, "() missing required argument '",
                                      name, "' (pos ", i + 1, ")"));
      return false;
    }
    ++i;
  }
  return true;
}

Object* KeywordArg(Object* const* args, size_t nargs, TupleObject* kwnames,
                   std::string_view name) {
  size_t nkw = KeywordCount(kwnames);
  for (size_t i = 0; i < nkw; ++i) {
    if (StrView(kwnames->items[i]) == name) return args[nargs + i];
  }
  return nullptr;
}

bool CheckKeywordNames(const char* fname, TupleObject* kwnames,
                       std::initializer_list<std::string_view> allowed) {
  size_t nkw = KeywordCount(kwnames);
  for (size_t i = 0; i < nkw; ++i) {
    std::string_view k = StrView(kwnames->items[i]);
    bool ok = false;
    for (std::string_view a : allowed) ok |= a == k;
    if (!ok) {
      SetError(
          &TypeErrorType,
          StrCat("'", k, "' is an invalid keyword argument for ", fname, "()"));
      return false;
    }
  }
  return true;
}

}  // namespace twinpy
