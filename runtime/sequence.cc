// Shared behaviour of list and tuple.
#include "runtime/sequence.h"

#include <algorithm>
#include <string>
#include <vector>

#include "runtime/abstract.h"
#include "runtime/errors.h"
#include "runtime/int.h"
#include "runtime/str.h"

namespace twinpy {

namespace {
thread_local std::vector<Object*> repr_in_progress;
}  // namespace

bool ReprEnter(Object* o) {
  if (std::find(repr_in_progress.begin(), repr_in_progress.end(), o) !=
      repr_in_progress.end()) {
    return true;
  }
  repr_in_progress.push_back(o);
  return false;
}

void ReprLeave(Object* o) {
  auto it = std::find(repr_in_progress.rbegin(), repr_in_progress.rend(), o);
  if (it != repr_in_progress.rend()) repr_in_progress.erase(std::next(it).base());
}

Object* SequenceRepr(Object* self, Object* const* items, int64_t n,
                     const char* open, const char* close,
                     const char* recursive, bool trailing_comma_if_one) {
  if (n == 0) return NewStr(std::string(open) + close);
  if (ReprEnter(self)) return NewStr(recursive);
  std::string out = open;
  for (int64_t i = 0; i < n; ++i) {
    if (i > 0) out += ", ";
    std::string item;
    if (!ReprString(items[i], &item)) {
      ReprLeave(self);
      return nullptr;
    }
    out += item;
  }
  if (n == 1 && trailing_comma_if_one) out += ",";
  out += close;
  ReprLeave(self);
  return NewStr(out);
}

Object* SequenceCompare(Object* const* a, int64_t na, Object* const* b,
                        int64_t nb, CompareOp op) {
  int64_t i = 0;
  for (; i < na && i < nb; ++i) {
    int eq = EqualBool(a[i], b[i]);
    if (eq < 0) return nullptr;
    if (!eq) break;
  }
  if (i >= na || i >= nb) {
    // One is a prefix of the other: compare lengths.
    bool r = false;
    switch (op) {
      case CompareOp::kLt: r = na < nb; break;
      case CompareOp::kLe: r = na <= nb; break;
      case CompareOp::kEq: r = na == nb; break;
      case CompareOp::kNe: r = na != nb; break;
      case CompareOp::kGt: r = na > nb; break;
      case CompareOp::kGe: r = na >= nb; break;
    }
    return Bool(r);
  }
  if (op == CompareOp::kEq) return False();
  if (op == CompareOp::kNe) return True();
  return RichCompare(a[i], b[i], op);
}

int SequenceContains(Object* const* items, int64_t n, Object* value) {
  for (int64_t i = 0; i < n; ++i) {
    int eq = EqualBool(items[i], value);
    if (eq != 0) return eq;
  }
  return 0;
}

int64_t SequenceCount(Object* const* items, int64_t n, Object* value) {
  int64_t count = 0;
  for (int64_t i = 0; i < n; ++i) {
    int eq = EqualBool(items[i], value);
    if (eq < 0) return -1;
    count += eq;
  }
  return count;
}

int64_t SequenceIndex(Object* const* items, int64_t n, Object* value,
                      int64_t start, int64_t stop) {
  if (start < 0) start = std::max<int64_t>(0, start + n);
  if (stop < 0) stop = std::max<int64_t>(0, stop + n);
  stop = std::min(stop, n);
  for (int64_t i = start; i < stop; ++i) {
    int eq = EqualBool(items[i], value);
    if (eq < 0) return -2;
    if (eq) return i;
  }
  return -1;
}

}  // namespace twinpy
