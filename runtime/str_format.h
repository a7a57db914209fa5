// str.format(), str.format_map(), printf-style `str % args`, and ascii().
#ifndef TWINPY_RUNTIME_STR_FORMAT_H_
#define TWINPY_RUNTIME_STR_FORMAT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "runtime/object.h"

namespace twinpy {

// The str.format and str.format_map methods (args[0] is the format str).
Object* StrFormatMethod(Object* const* args, size_t nargs,
                        TupleObject* kwnames);
Object* StrFormatMapMethod(Object* const* args, size_t nargs,
                           TupleObject* kwnames);

// The `%` number slot of str: NotImplemented unless `format` is a str.
Object* StrPercentFormat(Object* format, Object* args);

// repr(o) with every non-ASCII code point escaped (\xhh, \uhhhh,
// \Uhhhhhhhh), as ascii() and the !a conversion give.
Object* Ascii(Object* o);
std::string EscapeNonAscii(std::string_view text);

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_STR_FORMAT_H_
