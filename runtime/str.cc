// str: construction, interning, hashing, operators and the common methods.
#include "runtime/str.h"

#include <locale.h>
#include <wctype.h>

#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/native_args.h"
#include "runtime/object_lock.h"
#include "runtime/slice.h"
#include "runtime/str_format.h"
#include "runtime/tuple.h"

namespace twinpy {

Type StrType;
Type StrIteratorType;

namespace {

size_t StrAllocSize(int64_t size) {
  return offsetof(StrObject, data) + static_cast<size_t>(size) + 1;
}

StrObject* AllocStr(int64_t size) {
  auto* s = static_cast<StrObject*>(AllocObject(&StrType, StrAllocSize(size)));
  if (s == nullptr) return nullptr;
  s->hash = -1;
  s->size = size;
  s->interned = false;
  s->data[size] = '\0';
  return s;
}

// Cached immortal strings: "" and each ASCII character.
StrObject* empty_str;
StrObject* char_strs[128];

void StrDealloc(Object* o) {
  FreeObject(o, StrAllocSize(static_cast<StrObject*>(o)->size));
}

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Byte offset of each code point, plus the end: for indexing non-ASCII text.
std::vector<int64_t> CodePointOffsets(std::string_view text) {
  std::vector<int64_t> offsets;
  offsets.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsContinuation(static_cast<unsigned char>(text[i]))) {
      offsets.push_back(static_cast<int64_t>(i));
    }
  }
  offsets.push_back(static_cast<int64_t>(text.size()));
  return offsets;
}

}  // namespace

std::string EncodeUtf8(int64_t c) {
  std::string s;
  if (c < 0x80) {
    s.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    s.push_back(static_cast<char>(0xC0 | (c >> 6)));
    s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    s.push_back(static_cast<char>(0xE0 | (c >> 12)));
    s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    s.push_back(static_cast<char>(0xF0 | (c >> 18)));
    s.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
  return s;
}

int64_t Utf8Length(std::string_view text) {
  int64_t n = 0;
  for (unsigned char c : text) n += !IsContinuation(c);
  return n;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0, n = text.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t extra;
    if (c < 0x80) {
      extra = 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (n - i < extra + 1) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if (!IsContinuation(static_cast<unsigned char>(text[i + k]))) {
        return false;
      }
    }
    i += extra + 1;
  }
  return true;
}

StrObject* NewStr(std::string_view text) {
  if (text.empty() && empty_str != nullptr) return empty_str;
  if (text.size() == 1 && static_cast<unsigned char>(text[0]) < 128 &&
      char_strs[static_cast<unsigned char>(text[0])] != nullptr) {
    return char_strs[static_cast<unsigned char>(text[0])];
  }
  StrObject* s = AllocStr(static_cast<int64_t>(text.size()));
  if (s == nullptr) return nullptr;
  memcpy(s->data, text.data(), text.size());
  s->length = Utf8Length(text);
  s->ascii = s->length == s->size;
  return s;
}

StrObject* EmptyStr() { return empty_str; }
StrObject* CharStr(unsigned char c) { return char_strs[c]; }

int64_t StrHash(StrObject* s) {
  if (s->hash != -1) return s->hash;
  auto h = static_cast<int64_t>(absl::Hash<std::string_view>{}(StrView(s)));
  if (h == -1) h = -2;
  s->hash = h;
  return h;
}

namespace {

std::mutex& InternMutex() {
  static std::mutex* mu = new std::mutex;
  return *mu;
}

absl::flat_hash_map<std::string_view, StrObject*>& InternTable() {
  static auto* table = new absl::flat_hash_map<std::string_view, StrObject*>;
  return *table;
}

}  // namespace

StrObject* InternStr(std::string_view text) {
  std::lock_guard<std::mutex> lock(InternMutex());
  auto& table = InternTable();
  auto it = table.find(text);
  if (it != table.end()) return it->second;
  StrObject* s = AllocStr(static_cast<int64_t>(text.size()));
  if (s == nullptr) return nullptr;
  memcpy(s->data, text.data(), text.size());
  s->length = Utf8Length(text);
  s->ascii = s->length == s->size;
  s->interned = true;
  StrHash(s);
  MakeImmortal(s);
  table.emplace(StrView(s), s);
  return s;
}

StrObject* InternStrObject(StrObject* s) {
  if (s->interned) return s;
  StrObject* canonical = InternStr(StrView(s));
  Decref(s);
  return canonical;
}

std::string StrRepr(std::string_view text) {
  bool has_single = text.find('\'') != std::string_view::npos;
  bool has_double = text.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back(quote);
  for (unsigned char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c == quote) {
          out.push_back('\\');
          out.push_back(static_cast<char>(c));
        } else if (c < 0x20 || c == 0x7f) {
          char buf[8];
          snprintf(buf, sizeof(buf), "\\x%02x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back(quote);
  return out;
}

namespace {

Object* StrReprSlot(Object* o) { return NewStr(StrRepr(StrView(o))); }
Object* StrStrSlot(Object* o) {
  if (o->type == &StrType) return NewRef(o);
  return NewStr(StrView(o));
}

int64_t StrHashSlot(Object* o) { return StrHash(static_cast<StrObject*>(o)); }

int64_t StrLength(Object* o) { return static_cast<StrObject*>(o)->length; }

Object* StrCompare(Object* a, Object* b, CompareOp op) {
  if (!IsStr(a) || !IsStr(b)) return NotImplemented();
  // UTF-8 byte order is code-point order.
  int c = StrView(a).compare(StrView(b));
  switch (op) {
    case CompareOp::kLt: return Bool(c < 0);
    case CompareOp::kLe: return Bool(c <= 0);
    case CompareOp::kEq:
      return Bool(StrEqual(static_cast<StrObject*>(a),
                           static_cast<StrObject*>(b)));
    case CompareOp::kNe:
      return Bool(!StrEqual(static_cast<StrObject*>(a),
                            static_cast<StrObject*>(b)));
    case CompareOp::kGt: return Bool(c > 0);
    case CompareOp::kGe: return Bool(c >= 0);
  }
  return NotImplemented();
}

Object* StrConcat(Object* a, Object* b) {
  if (!IsStr(a) || !IsStr(b)) {
    if (IsStr(a)) {
      return SetError(&TypeErrorType,
                      StrCat("can only concatenate str (not \"",
                                   TypeName(b), "\") to str"));
    }
    return NotImplemented();
  }
  auto* x = static_cast<StrObject*>(a);
  auto* y = static_cast<StrObject*>(b);
  if (x->size == 0) return NewRef(b);
  if (y->size == 0) return NewRef(a);
  StrObject* s = AllocStr(x->size + y->size);
  if (s == nullptr) return nullptr;
  memcpy(s->data, x->data, x->size);
  memcpy(s->data + x->size, y->data, y->size);
  s->length = x->length + y->length;
  s->ascii = x->ascii && y->ascii;
  return s;
}

Object* StrRepeat(Object* a, Object* b) {
  Object* str = IsStr(a) ? a : b;
  Object* count = IsStr(a) ? b : a;
  if (!IsStr(str) || !IsInt(count)) return NotImplemented();
  int64_t n;
  if (!IntToInt64(count, &n)) {
    return SetError(&OverflowErrorType, "cannot fit 'int' into an index-sized integer");
  }
  auto* x = static_cast<StrObject*>(str);
  if (n <= 0 || x->size == 0) return EmptyStr();
  if (n == 1) return NewRef(str);
  if (x->size > INT64_MAX / n) {
    return SetError(&OverflowErrorType, "repeated string is too long");
  }
  if (x->size > (int64_t{1} << 40) / n) return NoMemory();
  StrObject* s = AllocStr(x->size * n);
  if (s == nullptr) return nullptr;
  for (int64_t i = 0; i < n; ++i) memcpy(s->data + i * x->size, x->data, x->size);
  s->length = x->length * n;
  s->ascii = x->ascii;
  return s;
}

Object* StrItem(StrObject* s, int64_t i) {
  if (!NormalizeIndex(&i, s->length)) {
    return SetError(&IndexErrorType, "string index out of range");
  }
  if (s->ascii) return CharStr(static_cast<unsigned char>(s->data[i]));
  std::vector<int64_t> offsets = CodePointOffsets(StrView(s));
  return NewStr(StrView(s).substr(offsets[i], offsets[i + 1] - offsets[i]));
}

Object* StrGetItem(Object* o, Object* key) {
  auto* s = static_cast<StrObject*>(o);
  if (IsInt(key)) {
    int64_t i;
    if (!IntAsSsize(key, &i)) return nullptr;
    return StrItem(s, i);
  }
  if (IsSlice(key)) {
    int64_t start, stop, step;
    int64_t n = SliceIndices(static_cast<SliceObject*>(key), s->length, &start,
                             &stop, &step);
    if (n < 0) return nullptr;
    if (s->ascii) {
      if (step == 1) return NewStr(StrView(s).substr(start, n));
      std::string out(n, '\0');
      for (int64_t k = 0; k < n; ++k) out[k] = s->data[start + k * step];
      return NewStr(out);
    }
    std::vector<int64_t> offsets = CodePointOffsets(StrView(s));
    std::string out;
    for (int64_t k = 0; k < n; ++k) {
      int64_t cp = start + k * step;
      out.append(s->data + offsets[cp], offsets[cp + 1] - offsets[cp]);
    }
    return NewStr(out);
  }
  return SetError(&TypeErrorType,
                  StrCat("string indices must be integers, not '",
                               TypeName(key), "'"));
}

int StrContains(Object* o, Object* v) {
  if (!IsStr(v)) {
    SetError(&TypeErrorType,
             StrCat("'in <string>' requires string as left operand, not ",
                          TypeName(v)));
    return -1;
  }
  return StrView(o).find(StrView(v)) != std::string_view::npos;
}

int StrTruth(Object* o) { return static_cast<StrObject*>(o)->size != 0; }

// Iteration yields one-character strings.
struct StrIterator : Object {
  StrObject* str;
  int64_t offset;  // byte offset of the next character
};

Object* StrIter(Object* o) {
  auto* it = static_cast<StrIterator*>(
      AllocObject(&StrIteratorType, sizeof(StrIterator)));
  if (it == nullptr) return nullptr;
  it->str = static_cast<StrObject*>(NewRef(o));
  it->offset = 0;
  return it;
}

// Threads sharing the iterator each claim one whole character: the offset
// moves by compare-and-swap from the start of a character to the next
// one, so nobody sees half of one. The string stays until the iterator
// dies.
Object* StrIterNext(Object* o) {
  auto* it = static_cast<StrIterator*>(o);
  StrObject* s = it->str;
  if (s->ascii) {  // one byte per character: claim it like a tuple index
    if (SharedLoad(&it->offset) >= s->size) return nullptr;
    int64_t i = SharedFetchAdd(&it->offset, 1);
    if (i >= s->size) return nullptr;
    return CharStr(static_cast<unsigned char>(s->data[i]));
  }
  int64_t start = SharedLoad(&it->offset);
  int64_t end;
  while (true) {
    if (start >= s->size) return nullptr;
    end = start + 1;
    while (end < s->size &&
           IsContinuation(static_cast<unsigned char>(s->data[end]))) {
      ++end;
    }
    if (SharedCompareExchange(&it->offset, start, end)) break;
    start = SharedLoad(&it->offset);
  }
  auto c = static_cast<unsigned char>(s->data[start]);
  if (c < 0x80) return CharStr(c);
  return NewStr(StrView(s).substr(start, end - start));
}

void StrIterDealloc(Object* o) {
  Decref(static_cast<StrIterator*>(o)->str);
  FreeObject(o, sizeof(StrIterator));
}

Object* SelfIter(Object* o) { return NewRef(o); }

// --- methods -------------------------------------------------------------

std::string_view Self(Object* const* args) { return StrView(args[0]); }

bool StrArg(const char* method, Object* o, std::string_view* out) {
  if (!IsStr(o)) {
    SetError(&TypeErrorType, StrCat("must be str, not ", TypeName(o)));
    return false;
  }
  *out = StrView(o);
  return true;
}

#define STR_METHOD_ARGS(name, min, max)                       \
  if (!CheckNoKeywords(name, kwnames) ||                      \
      !CheckArgCount(name, nargs - 1, min, max)) {            \
    return nullptr;                                           \
  }

Object* StrJoin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("join", 1, 1);
  // Lists and tuples are read in place; other iterables are listed first.
  Object* owned = nullptr;
  Object* const* items;
  int64_t n;
  if (args[1]->type == &ListType || args[1]->type == &TupleType) {
    owned = NewRef(args[1]);
  } else {
    owned = ListFromIterable(args[1]);
    if (owned == nullptr) return nullptr;
  }
  if (IsList(owned)) {
    items = static_cast<ListObject*>(owned)->items;
    n = static_cast<ListObject*>(owned)->size;
  } else {
    items = static_cast<TupleObject*>(owned)->items;
    n = static_cast<TupleObject*>(owned)->size;
  }
  std::string_view sep = Self(args);
  // Two passes: check and size, then copy once.
  size_t total = 0;
  bool ascii = static_cast<StrObject*>(args[0])->ascii || n <= 1;
  for (int64_t i = 0; i < n; ++i) {
    Object* item = items[i];
    if (!IsStr(item)) {
      SetError(&TypeErrorType,
               StrCat("sequence item ", i, ": expected str instance, ",
                            TypeName(item), " found"));
      Decref(owned);
      return nullptr;
    }
    total += static_cast<size_t>(static_cast<StrObject*>(item)->size);
    ascii = ascii && static_cast<StrObject*>(item)->ascii;
  }
  if (n == 1 && items[0]->type == &StrType) {
    Object* only = NewRef(items[0]);
    Decref(owned);
    return only;
  }
  if (n > 1) total += sep.size() * static_cast<size_t>(n - 1);
  std::string out;
  out.reserve(total);
  for (int64_t i = 0; i < n; ++i) {
    if (i > 0) out.append(sep);
    out.append(StrView(items[i]));
  }
  Decref(owned);
  return NewStr(out);
}

bool IsSpace(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

Object* SplitResult(const std::vector<std::string_view>& parts) {
  ListObject* list = NewList(static_cast<int64_t>(parts.size()));
  if (list == nullptr) return nullptr;
  for (size_t i = 0; i < parts.size(); ++i) {
    Object* s = NewStr(parts[i]);
    if (s == nullptr) {
      list->size = static_cast<int64_t>(i);
      Decref(list);
      return nullptr;
    }
    list->items[i] = s;
  }
  return list;
}

// split(sep=None, maxsplit=-1) and rsplit.
Object* SplitImpl(Object* const* args, size_t nargs, TupleObject* kwnames,
                  bool from_right) {
  const char* name = from_right ? "rsplit" : "split";
  Object* sep_obj = nargs > 1 ? args[1] : None();
  Object* max_obj = nargs > 2 ? args[2] : nullptr;
  size_t nkw = kwnames == nullptr ? 0 : kwnames->size;
  if (nargs > 3) return CheckArgCount(name, nargs - 1, 0, 2), nullptr;
  for (size_t i = 0; i < nkw; ++i) {
    std::string_view k = StrView(kwnames->items[i]);
    if (k == "sep") {
      sep_obj = args[nargs + i];
    } else if (k == "maxsplit") {
      max_obj = args[nargs + i];
    } else {
      return SetError(&TypeErrorType,
                      StrCat(name, "() got an unexpected keyword argument '",
                                   k, "'"));
    }
  }
  int64_t maxsplit = -1;
  if (max_obj != nullptr && !AsIndex(max_obj, &maxsplit, "maxsplit")) {
    return nullptr;
  }
  if (maxsplit < 0) maxsplit = INT64_MAX;
  std::string_view s = Self(args);
  std::vector<std::string_view> parts;
  if (sep_obj == None()) {
    // Runs of whitespace separate; leading and trailing runs are dropped.
    if (!from_right) {
      size_t i = 0;
      while (true) {
        while (i < s.size() && IsSpace(s[i])) ++i;
        if (i >= s.size()) break;
        if (static_cast<int64_t>(parts.size()) == maxsplit) {
          size_t end = s.size();
          while (end > i && IsSpace(s[end - 1])) --end;
          parts.push_back(s.substr(i, end - i));
          break;
        }
        size_t j = i;
        while (j < s.size() && !IsSpace(s[j])) ++j;
        parts.push_back(s.substr(i, j - i));
        i = j;
      }
    } else {
      size_t i = s.size();
      while (true) {
        while (i > 0 && IsSpace(s[i - 1])) --i;
        if (i == 0) break;
        if (static_cast<int64_t>(parts.size()) == maxsplit) {
          size_t start = 0;
          while (start < i && IsSpace(s[start])) ++start;
          parts.push_back(s.substr(start, i - start));
          break;
        }
        size_t j = i;
        while (j > 0 && !IsSpace(s[j - 1])) --j;
        parts.push_back(s.substr(j, i - j));
        i = j;
      }
      std::reverse(parts.begin(), parts.end());
    }
    return SplitResult(parts);
  }
  std::string_view sep;
  if (!StrArg(name, sep_obj, &sep)) return nullptr;
  if (sep.empty()) return SetError(&ValueErrorType, "empty separator");
  if (!from_right) {
    size_t start = 0;
    while (static_cast<int64_t>(parts.size()) < maxsplit) {
      size_t pos = s.find(sep, start);
      if (pos == std::string_view::npos) break;
      parts.push_back(s.substr(start, pos - start));
      start = pos + sep.size();
    }
    parts.push_back(s.substr(start));
  } else {
    size_t end = s.size();
    while (static_cast<int64_t>(parts.size()) < maxsplit && end >= sep.size()) {
      size_t pos = s.rfind(sep, end - sep.size());
      if (pos == std::string_view::npos) break;
      parts.push_back(s.substr(pos + sep.size(), end - pos - sep.size()));
      end = pos;
    }
    parts.push_back(s.substr(0, end));
    std::reverse(parts.begin(), parts.end());
  }
  return SplitResult(parts);
}

Object* StrSplit(Object* const* args, size_t nargs, TupleObject* kwnames) {
  return SplitImpl(args, nargs, kwnames, false);
}
Object* StrRSplit(Object* const* args, size_t nargs, TupleObject* kwnames) {
  return SplitImpl(args, nargs, kwnames, true);
}

// Length of the line break at s[i] (0 if none): \n \r \r\n \v \f
// \x1c-\x1e, U+0085, U+2028 and U+2029, as str.splitlines() counts them.
size_t LineBreakAt(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  switch (c) {
    case '\r':
      return (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
    case '\n': case '\v': case '\f': case 0x1c: case 0x1d: case 0x1e:
      return 1;
    case 0xC2:
      return (i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) ? 2 : 0;
    case 0xE2:
      return (i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
              (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
               static_cast<unsigned char>(s[i + 2]) == 0xA9))
                 ? 3
                 : 0;
    default:
      return 0;
  }
}

Object* StrSplitLines(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* keep = nullptr;
  if (!BindArgs("splitlines", args + 1, nargs - 1, kwnames, {"keepends"}, 0, 1,
                &keep)) {
    return nullptr;
  }
  bool keepends = false;
  if (keep != nullptr) {
    int t = IsTrue(keep);
    if (t < 0) return nullptr;
    keepends = t;
  }
  std::string_view s = Self(args);
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    size_t brk = 0;
    while (j < s.size() && (brk = LineBreakAt(s, j)) == 0) ++j;
    size_t eol = j;
    if (j < s.size()) j += brk;
    parts.push_back(s.substr(i, (keepends ? j : eol) - i));
    i = j;
  }
  return SplitResult(parts);
}

enum class StripSide { kLeft = 1, kRight = 2, kBoth = 3 };

Object* StripImpl(Object* const* args, size_t nargs, TupleObject* kwnames,
                  const char* name, StripSide side) {
  STR_METHOD_ARGS(name, 0, 1);
  std::string_view s = Self(args);
  std::string_view chars;
  bool whitespace = nargs < 2 || args[1] == None();
  if (!whitespace && !StrArg(name, args[1], &chars)) return nullptr;
  auto strip = [&](unsigned char c) {
    return whitespace ? IsSpace(c) : chars.find(static_cast<char>(c)) != std::string_view::npos;
  };
  size_t b = 0, e = s.size();
  if (static_cast<int>(side) & 1) {
    while (b < e && strip(s[b])) ++b;
  }
  if (static_cast<int>(side) & 2) {
    while (e > b && strip(s[e - 1])) --e;
  }
  if (b == 0 && e == s.size()) return NewRef(args[0]);
  return NewStr(s.substr(b, e - b));
}

Object* StrStrip(Object* const* a, size_t n, TupleObject* k) {
  return StripImpl(a, n, k, "strip", StripSide::kBoth);
}
Object* StrLStrip(Object* const* a, size_t n, TupleObject* k) {
  return StripImpl(a, n, k, "lstrip", StripSide::kLeft);
}
Object* StrRStrip(Object* const* a, size_t n, TupleObject* k) {
  return StripImpl(a, n, k, "rstrip", StripSide::kRight);
}

// Case mapping of every code point, through the C library's Unicode tables
// (the C.UTF-8 locale); ASCII alone when that locale is missing.
locale_t Utf8Locale() {
  static locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr);
  return locale;
}

int32_t DecodeUtf8At(std::string_view s, size_t* i) {
  auto b = static_cast<unsigned char>(s[*i]);
  int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
  int32_t cp = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k <= extra && *i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  }
  *i += extra + 1;
  return cp;
}

// Full case mappings that expand to several characters, which the C
// library's one-to-one tables cannot express (Unicode SpecialCasing).
const char* SpecialUpper(int32_t cp) {
  switch (cp) {
    case 0xDF: return "SS";     // sharp s
    case 0x149: return "\u02BCN";
    case 0xFB00: return "FF";
    case 0xFB01: return "FI";
    case 0xFB02: return "FL";
    case 0xFB03: return "FFI";
    case 0xFB04: return "FFL";
    case 0xFB05:
    case 0xFB06: return "ST";
    default: return nullptr;
  }
}

std::string MapCase(std::string_view s, bool upper) {
  std::string out;
  out.reserve(s.size());
  locale_t loc = Utf8Locale();
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(upper ? toupper(b) : tolower(b)));
      ++i;
      continue;
    }
    size_t start = i;
    int32_t cp = DecodeUtf8At(s, &i);
    if (upper && SpecialUpper(cp) != nullptr) {
      out += SpecialUpper(cp);
      continue;
    }
    if (!upper && cp == 0x130) {  // capital I with dot: i + combining dot
      out += "i\u0307";
      continue;
    }
    if (loc == nullptr) {
      out.append(s.substr(start, i - start));
      continue;
    }
    wint_t mapped = upper ? towupper_l(static_cast<wint_t>(cp), loc)
                          : towlower_l(static_cast<wint_t>(cp), loc);
    out += EncodeUtf8(static_cast<int64_t>(mapped));
  }
  return out;
}

Object* StrUpper(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("upper", 0, 0);
  return NewStr(MapCase(Self(args), true));
}
Object* StrLower(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("lower", 0, 0);
  return NewStr(MapCase(Self(args), false));
}

Object* StrCapitalize(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("capitalize", 0, 0);
  std::string s(Self(args));
  for (size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      s[i] = static_cast<char>(i == 0 ? toupper(s[i]) : tolower(s[i]));
    }
  }
  return NewStr(s);
}

Object* StrTitle(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("title", 0, 0);
  std::string s(Self(args));
  bool previous_cased = false;
  for (char& c : s) {
    if (isalpha(static_cast<unsigned char>(c))) {
      c = static_cast<char>(previous_cased ? tolower(c) : toupper(c));
      previous_cased = true;
    } else {
      previous_cased = false;
    }
  }
  return NewStr(s);
}

template <int (*Pred)(int)>
Object* TestChars(Object* const* args, size_t nargs, TupleObject* kwnames,
                  const char* name) {
  STR_METHOD_ARGS(name, 0, 0);
  std::string_view s = Self(args);
  if (s.empty()) return False();
  for (unsigned char c : s) {
    if (c >= 0x80 || !Pred(c)) return False();
  }
  return True();
}

Object* StrIsDigit(Object* const* a, size_t n, TupleObject* k) {
  return TestChars<isdigit>(a, n, k, "isdigit");
}
Object* StrIsAlpha(Object* const* a, size_t n, TupleObject* k) {
  return TestChars<isalpha>(a, n, k, "isalpha");
}
Object* StrIsAlnum(Object* const* a, size_t n, TupleObject* k) {
  return TestChars<isalnum>(a, n, k, "isalnum");
}
Object* StrIsSpace(Object* const* a, size_t n, TupleObject* k) {
  return TestChars<isspace>(a, n, k, "isspace");
}

Object* CaseTest(Object* const* args, size_t nargs, TupleObject* kwnames,
                 const char* name, bool upper) {
  STR_METHOD_ARGS(name, 0, 0);
  bool cased = false;
  for (unsigned char c : Self(args)) {
    if (upper ? islower(c) : isupper(c)) return False();
    cased |= isalpha(c) != 0;
  }
  return Bool(cased);
}

Object* StrIsUpper(Object* const* a, size_t n, TupleObject* k) {
  return CaseTest(a, n, k, "isupper", true);
}
Object* StrIsLower(Object* const* a, size_t n, TupleObject* k) {
  return CaseTest(a, n, k, "islower", false);
}

Object* StrReplace(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("replace", 2, 3);
  std::string_view old_s, new_s;
  if (!StrArg("replace", args[1], &old_s) ||
      !StrArg("replace", args[2], &new_s)) {
    return nullptr;
  }
  int64_t count = -1;
  if (nargs > 3 && !AsIndex(args[3], &count, "count")) return nullptr;
  if (count < 0) count = INT64_MAX;
  std::string_view s = Self(args);
  std::string out;
  if (old_s.empty()) {
    // Inserts between characters, as Python does.
    std::vector<int64_t> offsets = CodePointOffsets(s);
    int64_t done = 0;
    for (size_t i = 0; i + 1 < offsets.size(); ++i) {
      if (done < count) {
        out.append(new_s);
        ++done;
      }
      out.append(s.substr(offsets[i], offsets[i + 1] - offsets[i]));
    }
    if (done < count) out.append(new_s);
    return NewStr(out);
  }
  size_t start = 0;
  int64_t done = 0;
  while (done < count) {
    size_t pos = s.find(old_s, start);
    if (pos == std::string_view::npos) break;
    out.append(s.substr(start, pos - start));
    out.append(new_s);
    start = pos + old_s.size();
    ++done;
  }
  if (done == 0) return NewRef(args[0]);
  out.append(s.substr(start));
  return NewStr(out);
}

// Resolves optional start/end code-point arguments to a byte range.
bool ByteRange(StrObject* s, Object* const* args, size_t nargs, size_t first,
               size_t* b, size_t* e) {
  int64_t start = 0, end = s->length;
  if (nargs > first && args[first] != None() &&
      !AsIndex(args[first], &start, "start")) {
    return false;
  }
  if (nargs > first + 1 && args[first + 1] != None() &&
      !AsIndex(args[first + 1], &end, "end")) {
    return false;
  }
  auto clamp = [&](int64_t i) {
    if (i < 0) i += s->length;
    return i < 0 ? 0 : i > s->length ? s->length : i;
  };
  start = clamp(start);
  end = clamp(end);
  if (s->ascii) {
    *b = start;
    *e = end < start ? start : end;
  } else {
    std::vector<int64_t> offsets = CodePointOffsets(StrView(s));
    *b = offsets[start];
    *e = offsets[end < start ? start : end];
  }
  return true;
}

int64_t ByteToCodePoint(StrObject* s, size_t byte) {
  if (s->ascii) return static_cast<int64_t>(byte);
  return Utf8Length(StrView(s).substr(0, byte));
}

Object* AffixImpl(Object* const* args, size_t nargs, TupleObject* kwnames,
                  const char* name, bool prefix) {
  STR_METHOD_ARGS(name, 1, 3);
  auto* self = static_cast<StrObject*>(args[0]);
  size_t b, e;
  if (!ByteRange(self, args, nargs, 2, &b, &e)) return nullptr;
  std::string_view s = StrView(self).substr(b, e - b);
  auto test = [&](Object* affix) -> int {
    if (!IsStr(affix)) {
      SetError(&TypeErrorType,
               StrCat(name, " first arg must be str or a tuple of str, "
                                  "not ",
                            TypeName(affix)));
      return -1;
    }
    std::string_view a = StrView(affix);
    if (a.size() > s.size()) return 0;
    return prefix ? s.substr(0, a.size()) == a
                  : s.substr(s.size() - a.size()) == a;
  };
  if (IsTuple(args[1])) {
    auto* t = static_cast<TupleObject*>(args[1]);
    for (int64_t i = 0; i < t->size; ++i) {
      int r = test(t->items[i]);
      if (r != 0) return r < 0 ? nullptr : True();
    }
    return False();
  }
  int r = test(args[1]);
  return r < 0 ? nullptr : Bool(r);
}

Object* StrStartsWith(Object* const* a, size_t n, TupleObject* k) {
  return AffixImpl(a, n, k, "startswith", true);
}
Object* StrEndsWith(Object* const* a, size_t n, TupleObject* k) {
  return AffixImpl(a, n, k, "endswith", false);
}

// find/rfind/index/rindex/count share argument handling.
Object* SearchImpl(Object* const* args, size_t nargs, TupleObject* kwnames,
                   const char* name, bool reverse, bool raise) {
  STR_METHOD_ARGS(name, 1, 3);
  auto* self = static_cast<StrObject*>(args[0]);
  std::string_view needle;
  if (!StrArg(name, args[1], &needle)) return nullptr;
  size_t b, e;
  if (!ByteRange(self, args, nargs, 2, &b, &e)) return nullptr;
  std::string_view hay = StrView(self).substr(b, e - b);
  size_t pos = reverse ? hay.rfind(needle) : hay.find(needle);
  if (pos == std::string_view::npos) {
    if (raise) return SetError(&ValueErrorType, "substring not found");
    return NewInt(-1);
  }
  return NewInt(ByteToCodePoint(self, b + pos));
}

Object* StrFind(Object* const* a, size_t n, TupleObject* k) {
  return SearchImpl(a, n, k, "find", false, false);
}
Object* StrRFind(Object* const* a, size_t n, TupleObject* k) {
  return SearchImpl(a, n, k, "rfind", true, false);
}
Object* StrIndex(Object* const* a, size_t n, TupleObject* k) {
  return SearchImpl(a, n, k, "index", false, true);
}
Object* StrRIndex(Object* const* a, size_t n, TupleObject* k) {
  return SearchImpl(a, n, k, "rindex", true, true);
}

Object* StrCount(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("count", 1, 3);
  auto* self = static_cast<StrObject*>(args[0]);
  std::string_view needle;
  if (!StrArg("count", args[1], &needle)) return nullptr;
  size_t b, e;
  if (!ByteRange(self, args, nargs, 2, &b, &e)) return nullptr;
  std::string_view hay = StrView(self).substr(b, e - b);
  if (needle.empty()) return NewInt(Utf8Length(hay) + 1);
  int64_t n = 0;
  for (size_t pos = hay.find(needle); pos != std::string_view::npos;
       pos = hay.find(needle, pos + needle.size())) {
    ++n;
  }
  return NewInt(n);
}

Object* PadImpl(Object* const* args, size_t nargs, TupleObject* kwnames,
                const char* name, int align) {
  STR_METHOD_ARGS(name, 1, 2);
  auto* self = static_cast<StrObject*>(args[0]);
  int64_t width;
  if (!AsIndex(args[1], &width, "width")) return nullptr;
  std::string_view fill = " ";
  if (nargs > 2) {
    if (!IsStr(args[2]) || static_cast<StrObject*>(args[2])->length != 1) {
      return SetError(&TypeErrorType,
                      "The fill character must be exactly one character long");
    }
    fill = StrView(args[2]);
  }
  if (width <= self->length) return NewRef(args[0]);
  int64_t pad = width - self->length;
  // center() splits an odd pad as CPython does: left = pad/2 + (pad & width
  // & 1).
  int64_t left = align < 0 ? 0 : align > 0 ? pad : pad / 2 + (pad & width & 1);
  std::string out;
  for (int64_t i = 0; i < left; ++i) out.append(fill);
  out.append(StrView(self));
  for (int64_t i = 0; i < pad - left; ++i) out.append(fill);
  return NewStr(out);
}

Object* StrLJust(Object* const* a, size_t n, TupleObject* k) {
  return PadImpl(a, n, k, "ljust", -1);
}
Object* StrRJust(Object* const* a, size_t n, TupleObject* k) {
  return PadImpl(a, n, k, "rjust", 1);
}
Object* StrCenter(Object* const* a, size_t n, TupleObject* k) {
  return PadImpl(a, n, k, "center", 0);
}

Object* StrZFill(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("zfill", 1, 1);
  auto* self = static_cast<StrObject*>(args[0]);
  int64_t width;
  if (!AsIndex(args[1], &width, "width")) return nullptr;
  if (width <= self->length) return NewRef(args[0]);
  std::string s(StrView(self));
  size_t at = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  s.insert(at, std::string(width - self->length, '0'));
  return NewStr(s);
}

Object* PartitionImpl(Object* const* args, size_t nargs, TupleObject* kwnames,
                      const char* name, bool reverse) {
  STR_METHOD_ARGS(name, 1, 1);
  std::string_view sep;
  if (!StrArg(name, args[1], &sep)) return nullptr;
  if (sep.empty()) return SetError(&ValueErrorType, "empty separator");
  std::string_view s = Self(args);
  size_t pos = reverse ? s.rfind(sep) : s.find(sep);
  Object* parts[3];
  if (pos == std::string_view::npos) {
    parts[0] = reverse ? EmptyStr() : NewRef(args[0]);
    parts[1] = EmptyStr();
    parts[2] = reverse ? NewRef(args[0]) : EmptyStr();
  } else {
    parts[0] = NewStr(s.substr(0, pos));
    parts[1] = NewRef(args[1]);
    parts[2] = NewStr(s.substr(pos + sep.size()));
  }
  TupleObject* t = NewTuple(3);
  for (int i = 0; i < 3; ++i) {
    if (t == nullptr || parts[i] == nullptr) {
      for (Object* p : parts) XDecref(p);
      XDecref(t);
      return nullptr;
    }
    t->items[i] = parts[i];
  }
  return t;
}

Object* StrPartition(Object* const* a, size_t n, TupleObject* k) {
  return PartitionImpl(a, n, k, "partition", false);
}
Object* StrRPartition(Object* const* a, size_t n, TupleObject* k) {
  return PartitionImpl(a, n, k, "rpartition", true);
}

// Code-point classification through the C library's Unicode tables (the
// C.UTF-8 locale), ASCII rules when it is missing.
bool CodePointIs(int32_t cp, int (*ascii_pred)(int),
                 int (*wide_pred)(wint_t, locale_t)) {
  if (cp < 0x80) return ascii_pred(cp) != 0;
  locale_t loc = Utf8Locale();
  return loc != nullptr && wide_pred(static_cast<wint_t>(cp), loc) != 0;
}

bool IsUpperCp(int32_t cp) { return CodePointIs(cp, isupper, iswupper_l); }
bool IsLowerCp(int32_t cp) { return CodePointIs(cp, islower, iswlower_l); }
bool IsAlphaCp(int32_t cp) { return CodePointIs(cp, isalpha, iswalpha_l); }
bool IsAlnumCp(int32_t cp) { return CodePointIs(cp, isalnum, iswalnum_l); }

int32_t MapCp(int32_t cp, bool upper) {
  if (cp < 0x80) return upper ? toupper(cp) : tolower(cp);
  locale_t loc = Utf8Locale();
  if (loc == nullptr) return cp;
  return static_cast<int32_t>(upper ? towupper_l(static_cast<wint_t>(cp), loc)
                                    : towlower_l(static_cast<wint_t>(cp), loc));
}

Object* StrSwapCase(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("swapcase", 0, 0);
  std::string_view s = Self(args);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    int32_t cp = DecodeUtf8At(s, &i);
    if (SpecialUpper(cp) != nullptr) {
      out += SpecialUpper(cp);
      continue;
    }
    if (IsUpperCp(cp)) {
      cp = MapCp(cp, false);
    } else if (IsLowerCp(cp)) {
      cp = MapCp(cp, true);
    }
    out += EncodeUtf8(cp);
  }
  return NewStr(out);
}

// Lower case plus the common full foldings (German sharp s); enough for
// caseless comparison of most text.
Object* StrCasefold(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("casefold", 0, 0);
  std::string lowered = MapCase(Self(args), false);
  std::string out;
  out.reserve(lowered.size());
  for (size_t i = 0; i < lowered.size(); ++i) {
    if (static_cast<unsigned char>(lowered[i]) == 0xC3 && i + 1 < lowered.size() &&
        static_cast<unsigned char>(lowered[i + 1]) == 0x9F) {
      out += "ss";
      ++i;
    } else {
      out.push_back(lowered[i]);
    }
  }
  return NewStr(out);
}

Object* StrExpandTabs(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* size_obj = nullptr;
  if (!BindArgs("expandtabs", args + 1, nargs - 1, kwnames, {"tabsize"}, 0, 1,
                &size_obj)) {
    return nullptr;
  }
  int64_t tabsize = 8;
  if (size_obj != nullptr && !AsIndex(size_obj, &tabsize, "tabsize")) {
    return nullptr;
  }
  std::string_view s = Self(args);
  std::string out;
  int64_t column = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\t') {
      if (tabsize > 0) {
        int64_t pad = tabsize - column % tabsize;
        out.append(static_cast<size_t>(pad), ' ');
        column += pad;
      }
    } else {
      out.push_back(c);
      if (c == '\n' || c == '\r') {
        column = 0;
      } else if (!IsContinuation(static_cast<unsigned char>(c))) {
        ++column;
      }
    }
  }
  return NewStr(out);
}

Object* StrIsIdentifier(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  STR_METHOD_ARGS("isidentifier", 0, 0);
  std::string_view s = Self(args);
  if (s.empty()) return False();
  size_t i = 0;
  int32_t first = DecodeUtf8At(s, &i);
  if (first != '_' && !IsAlphaCp(first)) return False();
  while (i < s.size()) {
    int32_t cp = DecodeUtf8At(s, &i);
    if (cp != '_' && !IsAlnumCp(cp)) return False();
  }
  return True();
}

// Unicode separators other than the ASCII space, and format characters,
// are not printable in Python's sense even where the C library says so.
bool IsPrintableCp(int32_t cp) {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  if (cp < 0xA1 || cp == 0xAD || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) ||
      (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
      cp == 0x3000 || cp == 0xFEFF) {
    return false;
  }
  locale_t loc = Utf8Locale();
  return loc == nullptr || iswprint_l(static_cast<wint_t>(cp), loc) != 0;
}

Object* StrIsPrintable(Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  STR_METHOD_ARGS("isprintable", 0, 0);
  std::string_view s = Self(args);
  for (size_t i = 0; i < s.size();) {
    if (!IsPrintableCp(DecodeUtf8At(s, &i))) return False();
  }
  return True();
}

Object* StrIsAscii(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("isascii", 0, 0);
  return Bool(static_cast<StrObject*>(args[0])->ascii);
}

Object* StrIsTitle(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("istitle", 0, 0);
  std::string_view s = Self(args);
  bool cased = false, previous_cased = false;
  for (size_t i = 0; i < s.size();) {
    int32_t cp = DecodeUtf8At(s, &i);
    if (IsUpperCp(cp)) {
      if (previous_cased) return False();
      previous_cased = cased = true;
    } else if (IsLowerCp(cp)) {
      if (!previous_cased) return False();
      previous_cased = cased = true;
    } else {
      previous_cased = false;
    }
  }
  return Bool(cased);
}

Object* AffixRemoveImpl(Object* const* args, size_t nargs,
                        TupleObject* kwnames, const char* name, bool prefix) {
  STR_METHOD_ARGS(name, 1, 1);
  if (!IsStr(args[1])) {
    return SetError(&TypeErrorType,
                    StrCat(name, "() argument must be str, not ",
                           TypeName(args[1])));
  }
  std::string_view s = Self(args), affix = StrView(args[1]);
  if (affix.empty() || affix.size() > s.size()) return NewRef(args[0]);
  if (prefix ? s.substr(0, affix.size()) == affix
             : s.substr(s.size() - affix.size()) == affix) {
    return NewStr(prefix ? s.substr(affix.size())
                         : s.substr(0, s.size() - affix.size()));
  }
  return NewRef(args[0]);
}

Object* StrRemovePrefix(Object* const* a, size_t n, TupleObject* k) {
  return AffixRemoveImpl(a, n, k, "removeprefix", true);
}
Object* StrRemoveSuffix(Object* const* a, size_t n, TupleObject* k) {
  return AffixRemoveImpl(a, n, k, "removesuffix", false);
}

// str.maketrans(x[, y[, z]]): a dict from code points to code points,
// strings or None. Stored unbound, like a staticmethod.
Object* StrMakeTrans(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("maketrans", kwnames) ||
      !CheckArgCount("maketrans", nargs, 1, 3)) {
    return nullptr;
  }
  DictObject* table = NewDict();
  if (table == nullptr) return nullptr;
  auto fail = [&]() -> Object* {
    Decref(table);
    return nullptr;
  };
  auto put = [&](int64_t cp, Object* value) {
    Object* key = NewInt(cp);
    int r = DictSetItem(table, key, value);
    Decref(key);
    return r;
  };
  if (nargs == 1) {
    if (!IsDict(args[0])) {
      SetError(&TypeErrorType,
               "if you give only one argument to maketrans it must be a dict");
      return fail();
    }
    // A private copy to walk: the argument may be shared.
    DictObject* source = DictCopy(static_cast<DictObject*>(args[0]));
    if (source == nullptr) return fail();
    int64_t pos = 0;
    Object *k, *v;
    bool ok = true;
    while (ok && DictNext(source, &pos, &k, &v)) {
      if (IsStr(k)) {
        if (static_cast<StrObject*>(k)->length != 1) {
          SetError(&ValueErrorType,
                   "string keys in translate table must be of length 1");
          ok = false;
        } else {
          size_t i = 0;
          ok = put(DecodeUtf8At(StrView(k), &i), v) == 0;
        }
      } else if (IsInt(k)) {
        ok = DictSetItem(table, k, v) == 0;
      } else {
        SetError(&TypeErrorType,
                 "keys in translate table must be strings or integers");
        ok = false;
      }
    }
    Decref(source);
    if (!ok) return fail();
    return table;
  }
  for (size_t a = 0; a < nargs; ++a) {
    if (!IsStr(args[a])) {
      SetError(&TypeErrorType, StrCat("maketrans() argument ", a + 1,
                                      " must be str, not ", TypeName(args[a])));
      return fail();
    }
  }
  if (static_cast<StrObject*>(args[0])->length !=
      static_cast<StrObject*>(args[1])->length) {
    SetError(&ValueErrorType,
             "the first two maketrans arguments must have equal length");
    return fail();
  }
  std::string_view from = StrView(args[0]), to = StrView(args[1]);
  for (size_t i = 0, j = 0; i < from.size();) {
    int32_t f = DecodeUtf8At(from, &i);
    int32_t t = DecodeUtf8At(to, &j);
    Object* value = NewInt(t);
    int r = put(f, value);
    Decref(value);
    if (r < 0) return fail();
  }
  if (nargs == 3) {
    std::string_view drop = StrView(args[2]);
    for (size_t i = 0; i < drop.size();) {
      if (put(DecodeUtf8At(drop, &i), None()) < 0) return fail();
    }
  }
  return table;
}

Object* StrTranslate(Object* const* args, size_t nargs, TupleObject* kwnames) {
  STR_METHOD_ARGS("translate", 1, 1);
  std::string_view s = Self(args);
  Object* table = args[1];
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    int32_t cp = DecodeUtf8At(s, &i);
    Object* key = NewInt(cp);
    Object* v = GetItem(table, key);
    Decref(key);
    if (v == nullptr) {
      if (!ErrorMatches(&LookupErrorType)) return nullptr;
      ClearError();
      out.append(s.substr(start, i - start));
      continue;
    }
    if (v == None()) {
      // deleted
    } else if (IsInt(v)) {
      int64_t c;
      if (!IntToInt64(v, &c) || c < 0 || c > 0x10FFFF) {
        Decref(v);
        return SetError(&ValueErrorType,
                        "character mapping must be in range(0x110000)");
      }
      out += EncodeUtf8(c);
    } else if (IsStr(v)) {
      out.append(StrView(v));
    } else {
      Decref(v);
      return SetError(&TypeErrorType,
                      "character mapping must return integer, None or str");
    }
    Decref(v);
  }
  return NewStr(out);
}

Object* StrNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("str", kwnames)) return nullptr;
  if (nargs > 2) {
    return SetError(&TypeErrorType,
                    StrCat("str expected at most 1 argument, got ",
                                 nargs - 1));
  }
  if (nargs == 1) return EmptyStr();
  return Str(args[1]);
}

const MethodDef kStrMethods[] = {
    {"join", StrJoin, kNativeMethod},
    {"split", StrSplit, kNativeMethod | kNativeKeywords},
    {"rsplit", StrRSplit, kNativeMethod | kNativeKeywords},
    {"splitlines", StrSplitLines, kNativeMethod | kNativeKeywords},
    {"strip", StrStrip, kNativeMethod},
    {"lstrip", StrLStrip, kNativeMethod},
    {"rstrip", StrRStrip, kNativeMethod},
    {"upper", StrUpper, kNativeMethod},
    {"lower", StrLower, kNativeMethod},
    {"capitalize", StrCapitalize, kNativeMethod},
    {"title", StrTitle, kNativeMethod},
    {"isdigit", StrIsDigit, kNativeMethod},
    {"isdecimal", StrIsDigit, kNativeMethod},
    {"isnumeric", StrIsDigit, kNativeMethod},
    {"isalpha", StrIsAlpha, kNativeMethod},
    {"isalnum", StrIsAlnum, kNativeMethod},
    {"isspace", StrIsSpace, kNativeMethod},
    {"isupper", StrIsUpper, kNativeMethod},
    {"islower", StrIsLower, kNativeMethod},
    {"replace", StrReplace, kNativeMethod},
    {"startswith", StrStartsWith, kNativeMethod},
    {"endswith", StrEndsWith, kNativeMethod},
    {"find", StrFind, kNativeMethod},
    {"rfind", StrRFind, kNativeMethod},
    {"index", StrIndex, kNativeMethod},
    {"rindex", StrRIndex, kNativeMethod},
    {"count", StrCount, kNativeMethod},
    {"ljust", StrLJust, kNativeMethod},
    {"rjust", StrRJust, kNativeMethod},
    {"center", StrCenter, kNativeMethod},
    {"zfill", StrZFill, kNativeMethod},
    {"partition", StrPartition, kNativeMethod},
    {"rpartition", StrRPartition, kNativeMethod},
    {"swapcase", StrSwapCase, kNativeMethod},
    {"casefold", StrCasefold, kNativeMethod},
    {"expandtabs", StrExpandTabs, kNativeMethod | kNativeKeywords},
    {"isidentifier", StrIsIdentifier, kNativeMethod},
    {"isprintable", StrIsPrintable, kNativeMethod},
    {"isascii", StrIsAscii, kNativeMethod},
    {"istitle", StrIsTitle, kNativeMethod},
    {"removeprefix", StrRemovePrefix, kNativeMethod},
    {"removesuffix", StrRemoveSuffix, kNativeMethod},
    {"translate", StrTranslate, kNativeMethod},
    {"format", StrFormatMethod, kNativeMethod | kNativeKeywords},
    {"format_map", StrFormatMapMethod, kNativeMethod},
    {nullptr, nullptr, 0},
};

}  // namespace

void InitStrType() {
  InitStaticType(&StrType, "str", sizeof(StrObject), &ObjectType);
  StrType.flags |= kTypeStrSubclass | kTypeBaseType;
  StrType.dealloc = StrDealloc;
  StrType.repr = StrReprSlot;
  StrType.str = StrStrSlot;
  StrType.hash = StrHashSlot;
  StrType.compare = StrCompare;
  StrType.truth = StrTruth;
  StrType.length = StrLength;
  StrType.getitem = StrGetItem;
  StrType.contains = StrContains;
  StrType.iter = StrIter;
  StrType.getattr = GenericGetAttr;
  StrType.number[static_cast<int>(BinOp::kAdd)] = StrConcat;
  StrType.number[static_cast<int>(BinOp::kMul)] = StrRepeat;
  StrType.number[static_cast<int>(BinOp::kMod)] = StrPercentFormat;

  InitStaticType(&StrIteratorType, "str_ascii_iterator", sizeof(StrIterator),
                 &ObjectType);
  StrIteratorType.dealloc = StrIterDealloc;
  StrIteratorType.iter = SelfIter;
  StrIteratorType.iternext = StrIterNext;
  StrIteratorType.getattr = GenericGetAttr;

  empty_str = AllocStr(0);
  empty_str->length = 0;
  empty_str->ascii = true;
  MakeImmortal(empty_str);
  for (int c = 0; c < 128; ++c) {
    StrObject* s = AllocStr(1);
    s->data[0] = static_cast<char>(c);
    s->length = 1;
    s->ascii = true;
    MakeImmortal(s);
    char_strs[c] = s;
  }
  AddMethods(&StrType, kStrMethods);
  DictSetStr(StrType.dict, "__new__", NewStaticNativeFunction("__new__", StrNew, 0));
  DictSetStr(StrType.dict, "maketrans",
             NewStaticNativeFunction("maketrans", StrMakeTrans, 0));
}

}  // namespace twinpy
