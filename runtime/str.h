// str: immutable Unicode text stored as UTF-8, with its code-point length
// cached so len() and ASCII indexing are O(1).
#ifndef TWINPY_RUNTIME_STR_H_
#define TWINPY_RUNTIME_STR_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/object.h"

namespace twinpy {

struct StrObject : Object {
  int64_t hash;   // -1 until computed
  int64_t size;   // bytes
  int64_t length; // code points
  bool ascii;
  bool interned;
  char data[1];   // size bytes, then NUL
};

extern Type StrType;

inline bool IsStr(const Object* o) {
  return o->type == &StrType || (o->type->flags & kTypeStrSubclass);
}
inline std::string_view StrView(const Object* o) {
  auto* s = static_cast<const StrObject*>(o);
  return std::string_view(s->data, static_cast<size_t>(s->size));
}

// `text` must be valid UTF-8.
StrObject* NewStr(std::string_view text);
// Interned strings are immortal and unique per content: identifiers and
// constants compare by pointer on the fast path.
StrObject* InternStr(std::string_view text);
StrObject* InternStrObject(StrObject* s);  // steals s, returns the canonical
int64_t StrHash(StrObject* s);
inline bool StrEqual(const StrObject* a, const StrObject* b) {
  return a == b || (a->size == b->size &&
                    std::string_view(a->data, a->size) ==
                        std::string_view(b->data, b->size));
}
// repr() with Python's quoting rules.
std::string StrRepr(std::string_view text);
// The empty string and the one-character ASCII strings are cached.
StrObject* EmptyStr();
StrObject* CharStr(unsigned char c);

// UTF-8 encoding of one code point (0 <= cp <= 0x10FFFF).
std::string EncodeUtf8(int64_t cp);

// Number of code points in valid UTF-8.
int64_t Utf8Length(std::string_view text);
bool IsValidUtf8(std::string_view text);

void InitStrType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_STR_H_
