// The random module: a Mersenne Twister seeded and consumed the way
// CPython's is (init_by_array over the seed's 32-bit words, 53-bit floats,
// getrandbits-based _randbelow), so `random.seed(n)` gives the same
// sequences as CPython for int seeds. The module functions are methods of a
// hidden Random instance, as in random.py.
#include <gmp.h>

#include <cmath>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/native_args.h"
#include "runtime/range.h"
#include "runtime/set.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

constexpr int kN = 624;
constexpr int kM = 397;

// MT19937 state. Calls from several threads are serialised by `mu`.
struct Twister {
  uint32_t mt[kN];
  int index = kN + 1;
  std::mutex mu;

  void InitGenrand(uint32_t s) {
    mt[0] = s;
    for (int i = 1; i < kN; ++i) {
      mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) +
              static_cast<uint32_t>(i);
    }
    index = kN;
  }

  void InitByArray(const std::vector<uint32_t>& key) {
    InitGenrand(19650218U);
    int i = 1;
    size_t j = 0;
    size_t len = key.size();
    for (size_t k = kN > len ? kN : len; k > 0; --k) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] +
              static_cast<uint32_t>(j);
      ++i;
      ++j;
      if (i >= kN) {
        mt[0] = mt[kN - 1];
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (int k = kN - 1; k > 0; --k) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) -
              static_cast<uint32_t>(i);
      ++i;
      if (i >= kN) {
        mt[0] = mt[kN - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000U;  // non-zero initial state
  }

  uint32_t Next() {
    static const uint32_t kMag01[2] = {0x0U, 0x9908b0dfU};
    if (index >= kN) {
      int kk;
      for (kk = 0; kk < kN - kM; ++kk) {
        uint32_t y = (mt[kk] & 0x80000000U) | (mt[kk + 1] & 0x7fffffffU);
        mt[kk] = mt[kk + kM] ^ (y >> 1) ^ kMag01[y & 1U];
      }
      for (; kk < kN - 1; ++kk) {
        uint32_t y = (mt[kk] & 0x80000000U) | (mt[kk + 1] & 0x7fffffffU);
        mt[kk] = mt[kk + (kM - kN)] ^ (y >> 1) ^ kMag01[y & 1U];
      }
      uint32_t y = (mt[kN - 1] & 0x80000000U) | (mt[0] & 0x7fffffffU);
      mt[kN - 1] = mt[kM - 1] ^ (y >> 1) ^ kMag01[y & 1U];
      index = 0;
    }
    uint32_t y = mt[index++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
  }
};

struct RandomObject : Object {
  Twister* twister;
  // The spare normal deviate gauss() computed, guarded by twister->mu.
  bool has_gauss_next;
  double gauss_next;
};

Type RandomType;

RandomObject* AsRandom(Object* o) { return static_cast<RandomObject*>(o); }

// [0, 1) with 53 random bits, CPython's genrand_res53.
double Random01(RandomObject* r) {
  std::lock_guard<std::mutex> lock(r->twister->mu);
  uint32_t a = r->twister->Next() >> 5;
  uint32_t b = r->twister->Next() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

// k random bits as an int (k >= 0), least significant word first.
Object* RandomBits(RandomObject* r, uint64_t k) {
  if (k == 0) return NewInt(0);
  std::lock_guard<std::mutex> lock(r->twister->mu);
  if (k <= 32) return NewInt(r->twister->Next() >> (32 - k));
  size_t words = static_cast<size_t>((k - 1) / 32 + 1);
  std::vector<uint32_t> w(words);
  for (size_t i = 0; i < words; ++i, k -= 32) {
    uint32_t v = r->twister->Next();
    if (k < 32) v >>= (32 - k);
    w[i] = v;
    if (k < 32) break;
  }
  mpz_t z;
  mpz_init(z);
  mpz_import(z, words, -1, sizeof(uint32_t), 0, 0, w.data());
  Object* result = NewIntFromMpz(z);
  mpz_clear(z);
  return result;
}

// A uniform int in [0, n) for 0 < n < 2**63: getrandbits(n.bit_length())
// until it is below n, CPython's rejection loop.
int64_t RandBelow(RandomObject* r, int64_t n) {
  if (n <= 0) return 0;
  int k = 64 - __builtin_clzll(static_cast<uint64_t>(n));
  std::lock_guard<std::mutex> lock(r->twister->mu);
  while (true) {
    uint64_t v;
    if (k <= 32) {
      v = r->twister->Next() >> (32 - k);
    } else {
      uint64_t low = r->twister->Next();
      uint64_t high = r->twister->Next() >> (64 - k);
      v = (high << 32) | low;
    }
    if (v < static_cast<uint64_t>(n)) return static_cast<int64_t>(v);
  }
}

// The same for any positive int object.
Object* RandBelowObject(RandomObject* r, Object* n) {
  int64_t small;
  if (IntToInt64(n, &small)) return NewInt(RandBelow(r, small));
  mpz_t z;
  mpz_init(z);
  IntToMpz(n, z);
  uint64_t k = mpz_sizeinbase(z, 2);
  mpz_clear(z);
  while (true) {
    Object* v = RandomBits(r, k);
    if (v == nullptr) return nullptr;
    if (IntCompare(v, n) < 0) return v;
    Decref(v);
  }
}

// seed(a): abs(int) split into 32-bit words; other objects by hash; None
// from the OS.
bool SeedWith(RandomObject* r, Object* a) {
  std::vector<uint32_t> key;
  if (a == nullptr || a == None()) {
    std::random_device device;
    for (int i = 0; i < kN; ++i) key.push_back(device());
  } else {
    mpz_t z;
    mpz_init(z);
    if (IsInt(a)) {
      IntToMpz(a, z);
      mpz_abs(z, z);
    } else if (IsStr(a)) {
      // CPython hashes str seeds with SHA-512; a fixed FNV-1a of the bytes
      // keeps them deterministic here, though not CPython's sequence.
      uint64_t h = 1469598103934665603ULL;
      for (unsigned char c : StrView(a)) h = (h ^ c) * 1099511628211ULL;
      mpz_import(z, 1, -1, sizeof(h), 0, 0, &h);
    } else {
      int64_t h = Hash(a);
      if (h == -1) {
        mpz_clear(z);
        return false;
      }
      auto u = static_cast<uint64_t>(h);
      mpz_import(z, 1, -1, sizeof(u), 0, 0, &u);
    }
    size_t count = 0;
    size_t bits = mpz_sizeinbase(z, 2);
    key.resize(mpz_sgn(z) == 0 ? 1 : (bits + 31) / 32);
    mpz_export(key.data(), &count, -1, sizeof(uint32_t), 0, 0, z);
    if (count == 0) key.assign(1, 0);
    mpz_clear(z);
  }
  {
    std::lock_guard<std::mutex> lock(r->twister->mu);
    r->twister->InitByArray(key);
  }
  std::lock_guard<std::mutex> lock(r->twister->mu);
  r->has_gauss_next = false;
  return true;
}

RandomObject* NewRandom(Type* type) {
  auto* r = static_cast<RandomObject*>(AllocObject(type, sizeof(RandomObject)));
  if (r == nullptr) return nullptr;
  r->twister = new Twister();
  r->has_gauss_next = false;
  r->gauss_next = 0.0;
  return r;
}

void RandomDealloc(Object* o) {
  RandomObject* r = AsRandom(o);
  delete r->twister;
  FreeObject(o, sizeof(RandomObject));
}

Object* RandomRepr(Object* o) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%p", static_cast<void*>(o));
  return NewStr(StrCat("<random.Random object at ", buf, ">"));
}

// --- methods (args[0] is the Random instance) --------------------------------

RandomObject* Self(Object* const* args) { return AsRandom(args[0]); }

Object* RandomNew(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("Random", kwnames) ||
      !CheckArgCount("Random", nargs - 1, 0, 1)) {
    return nullptr;
  }
  RandomObject* r = NewRandom(static_cast<Type*>(args[0]));
  if (r == nullptr) return nullptr;
  if (!SeedWith(r, nargs > 1 ? args[1] : nullptr)) {
    Decref(r);
    return nullptr;
  }
  return r;
}

Object* SeedMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("seed", args + 1, nargs - 1, kwnames, {"a", "version"}, 0, 2,
                a)) {
    return nullptr;
  }
  if (!SeedWith(Self(args), a[0])) return nullptr;
  return None();
}

Object* RandomMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("random", nargs - 1, 0, 0)) return nullptr;
  return NewFloat(Random01(Self(args)));
}

Object* GetRandBits(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("getrandbits", nargs - 1, 1, 1)) return nullptr;
  int64_t k;
  if (!AsIndex(args[1], &k, "k")) return nullptr;
  if (k < 0) {
    return SetError(&ValueErrorType, "number of bits must be non-negative");
  }
  return RandomBits(Self(args), static_cast<uint64_t>(k));
}

// An int argument of randrange; integral floats pass (deprecated in 3.11).
Object* IndexArg(Object* v, const char* which) {
  if (IsInt(v)) return NewRef(v);
  if (IsFloat(v)) {
    double d = FloatValue(v);
    if (std::isfinite(d) && d == std::floor(d)) return NewIntFromDouble(d);
    return SetError(&ValueErrorType,
                    StrCat("non-integer ", which, " for randrange()"));
  }
  return SetError(
      &TypeErrorType,
      StrCat("'", TypeName(v), "' object cannot be interpreted as an integer"));
}

Object* RandRange(RandomObject* r, Object* start_obj, Object* stop_obj,
                  Object* step_obj) {
  Object* start = IndexArg(start_obj, "arg 1");
  if (start == nullptr) return nullptr;
  if (stop_obj == nullptr || stop_obj == None()) {
    if (step_obj != nullptr) {
      Decref(start);
      return SetError(&TypeErrorType, "Missing a non-None stop argument");
    }
    Object* result =
        IntSign(start) > 0
            ? RandBelowObject(r, start)
            : SetError(&ValueErrorType, "empty range for randrange()");
    Decref(start);
    return result;
  }
  Object* stop = IndexArg(stop_obj, "stop");
  if (stop == nullptr) {
    Decref(start);
    return nullptr;
  }
  Object* width = BinaryOp(stop, start, BinOp::kSub);
  Object* step = step_obj == nullptr ? NewInt(1) : IndexArg(step_obj, "step");
  Object* result = nullptr;
  if (width != nullptr && step != nullptr) {
    int64_t istep = 0;
    bool small_step = IntToInt64(step, &istep);
    if (small_step && istep == 1) {
      if (IntSign(width) > 0) {
        Object* offset = RandBelowObject(r, width);
        if (offset != nullptr) {
          result = BinaryOp(start, offset, BinOp::kAdd);
          Decref(offset);
        }
      } else {
        SetError(&ValueErrorType,
                 StrCat("empty range for randrange() (", IntToString(start, 10),
                        ", ", IntToString(stop, 10), ", ",
                        IntToString(width, 10), ")"));
      }
    } else if (IntSign(step) == 0) {
      SetError(&ValueErrorType, "zero step for randrange()");
    } else {
      // n = (width + step -/+ 1) // step
      Object* one = NewInt(IntSign(step) > 0 ? -1 : 1);
      Object* t1 = BinaryOp(width, step, BinOp::kAdd);
      Object* t2 = t1 ? BinaryOp(t1, one, BinOp::kAdd) : nullptr;
      Object* n = t2 ? BinaryOp(t2, step, BinOp::kFloorDiv) : nullptr;
      XDecref(t1);
      XDecref(t2);
      if (n != nullptr) {
        if (IntSign(n) <= 0) {
          SetError(&ValueErrorType, "empty range for randrange()");
        } else {
          Object* k = RandBelowObject(r, n);
          Object* offset = k ? BinaryOp(step, k, BinOp::kMul) : nullptr;
          if (offset != nullptr) result = BinaryOp(start, offset, BinOp::kAdd);
          XDecref(k);
          XDecref(offset);
        }
        Decref(n);
      }
    }
  }
  Decref(start);
  Decref(stop);
  XDecref(width);
  XDecref(step);
  return result;
}

Object* RandRangeMethod(Object* const* args, size_t nargs,
                        TupleObject* kwnames) {
  Object* a[3];
  if (!BindArgs("randrange", args + 1, nargs - 1, kwnames,
                {"start", "stop", "step"}, 1, 3, a)) {
    return nullptr;
  }
  return RandRange(Self(args), a[0], a[1], a[2]);
}

Object* RandIntMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("randint", args + 1, nargs - 1, kwnames, {"a", "b"}, 2, 2, a)) {
    return nullptr;
  }
  Object* b = IndexArg(a[1], "stop");
  if (b == nullptr) return nullptr;
  Object* one = NewInt(1);
  Object* stop = BinaryOp(b, one, BinOp::kAdd);
  Decref(b);
  if (stop == nullptr) return nullptr;
  Object* r = RandRange(Self(args), a[0], stop, nullptr);
  Decref(stop);
  return r;
}

Object* ChoiceMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("choice", nargs - 1, 1, 1)) return nullptr;
  int64_t n = Length(args[1]);
  if (n < 0) return nullptr;
  if (n == 0) {
    return SetError(&IndexErrorType, "Cannot choose from an empty sequence");
  }
  Object* i = NewInt(RandBelow(Self(args), n));
  Object* item = GetItem(args[1], i);
  Decref(i);
  return item;
}

Object* ShuffleMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("shuffle", nargs - 1, 1, 1)) return nullptr;
  Object* x = args[1];
  int64_t n = Length(x);
  if (n < 0) return nullptr;
  RandomObject* r = Self(args);
  for (int64_t i = n - 1; i >= 1; --i) {
    int64_t j = RandBelow(r, i + 1);
    if (x->type == &ListType) {
      if (ListSwapItems(static_cast<ListObject*>(x), i, j)) continue;
    }
    Object* ki = NewInt(i);
    Object* kj = NewInt(j);
    Object* vi = GetItem(x, ki);
    Object* vj = vi ? GetItem(x, kj) : nullptr;
    bool ok =
        vj != nullptr && SetItem(x, ki, vj) == 0 && SetItem(x, kj, vi) == 0;
    XDecref(vi);
    XDecref(vj);
    Decref(ki);
    Decref(kj);
    if (!ok) return nullptr;
  }
  return None();
}

bool IsSequence(Object* o) {
  return IsList(o) || IsTuple(o) || IsStr(o) || o->type == &RangeType;
}

Object* SampleMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[3];
  if (!BindArgs("sample", args + 1, nargs - 1, kwnames,
                {"population", "k", "counts"}, 2, 2, a)) {
    return nullptr;
  }
  Object* population = a[0];
  if (a[2] != nullptr && a[2] != None()) {
    return SetError(&NotImplementedErrorType,
                    "sample() does not support counts= yet");
  }
  if (!IsSequence(population)) {
    return SetError(&TypeErrorType,
                    "Population must be a sequence.  For dicts or sets, use "
                    "sorted(d).");
  }
  int64_t n = Length(population);
  int64_t k;
  if (n < 0 || !AsIndex(a[1], &k, "k")) return nullptr;
  if (k < 0 || k > n) {
    return SetError(&ValueErrorType,
                    "Sample larger than population or is negative");
  }
  RandomObject* r = Self(args);
  ListObject* result = NewList(k);
  if (result == nullptr) return nullptr;
  // The pool method for small populations, rejection from a set otherwise;
  // the switch point is CPython's, so the draws are the same.
  int64_t setsize = 21;
  if (k > 5) {
    setsize += static_cast<int64_t>(
        std::pow(4.0, std::ceil(std::log(k * 3.0) / std::log(4.0))));
  }
  if (n <= setsize) {
    ListObject* pool = ListFromIterable(population);
    if (pool == nullptr) {
      Decref(result);
      return nullptr;
    }
    for (int64_t i = 0; i < k; ++i) {
      int64_t j = RandBelow(r, n - i);
      result->items[i] = NewRef(pool->items[j]);
      SetRef(&pool->items[j], NewRef(pool->items[n - i - 1]));
    }
    Decref(pool);
    return result;
  }
  std::unordered_set<int64_t> selected;
  for (int64_t i = 0; i < k; ++i) {
    int64_t j = RandBelow(r, n);
    while (selected.count(j) != 0) j = RandBelow(r, n);
    selected.insert(j);
    Object* index = NewInt(j);
    Object* item = GetItem(population, index);
    Decref(index);
    if (item == nullptr) {
      Decref(result);
      return nullptr;
    }
    result->items[i] = item;
  }
  return result;
}

// bisect_right(a, x, 0, hi) over Python objects.
int64_t BisectRight(ListObject* a, Object* x, int64_t hi) {
  int64_t lo = 0;
  while (lo < hi) {
    int64_t mid = (lo + hi) / 2;
    int lt = RichCompareBool(x, a->items[mid], CompareOp::kLt);
    if (lt < 0) return -1;
    if (lt) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

Object* ChoicesMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[4];
  if (!BindArgs("choices", args + 1, nargs - 1, kwnames,
                {"population", "weights", "cum_weights", "k"}, 1, 2, a)) {
    return nullptr;
  }
  RandomObject* r = Self(args);
  Object* population = a[0];
  int64_t n = Length(population);
  int64_t k = 1;
  if (n < 0 || (a[3] != nullptr && !AsIndex(a[3], &k, "k"))) return nullptr;
  Object* weights = a[1] == None() ? nullptr : a[1];
  Object* cum = a[2] == None() ? nullptr : a[2];
  ListObject* result = NewList(0);
  if (result == nullptr) return nullptr;
  auto fail = [&]() -> Object* {
    Decref(result);
    return nullptr;
  };
  if (weights == nullptr && cum == nullptr) {
    double dn = static_cast<double>(n);
    for (int64_t i = 0; i < k; ++i) {
      Object* index =
          NewInt(static_cast<int64_t>(std::floor(Random01(r) * dn)));
      Object* item = GetItem(population, index);
      Decref(index);
      if (item == nullptr || ListAppendSteal(result, item) < 0) return fail();
    }
    return result;
  }
  if (weights != nullptr && cum != nullptr) {
    SetError(&TypeErrorType,
             "Cannot specify both weights and cumulative weights");
    return fail();
  }
  ListObject* cum_weights;
  if (cum != nullptr) {
    cum_weights = ListFromIterable(cum);
  } else {
    cum_weights = NewList(0);
    ListObject* w = cum_weights ? ListFromIterable(weights) : nullptr;
    if (w == nullptr) {
      XDecref(cum_weights);
      return fail();
    }
    Object* total = nullptr;
    for (int64_t i = 0; i < w->size; ++i) {
      Object* next = total ? BinaryOp(total, w->items[i], BinOp::kAdd)
                           : NewRef(w->items[i]);
      XDecref(total);
      total = next;
      if (next == nullptr || ListAppend(cum_weights, next) < 0) break;
    }
    XDecref(total);
    Decref(w);
    if (ErrorOccurred()) {
      Decref(cum_weights);
      return fail();
    }
  }
  if (cum_weights == nullptr) return fail();
  if (cum_weights->size != n) {
    Decref(cum_weights);
    SetError(&ValueErrorType,
             "The number of weights does not match the population");
    return fail();
  }
  double total;
  bool overflow;
  if (n == 0 || !ToDouble(cum_weights->items[n - 1], &total, &overflow)) {
    Decref(cum_weights);
    if (n == 0) {
      SetError(&IndexErrorType, "list index out of range");
    } else if (!overflow) {
      SetError(&TypeErrorType, "unsupported operand type(s) for +: 'float'");
    }
    return fail();
  }
  if (total <= 0.0) {
    Decref(cum_weights);
    SetError(&ValueErrorType, "Total of weights must be greater than zero");
    return fail();
  }
  if (!std::isfinite(total)) {
    Decref(cum_weights);
    SetError(&ValueErrorType, "Total of weights must be finite");
    return fail();
  }
  for (int64_t i = 0; i < k; ++i) {
    Object* x = NewFloat(Random01(r) * total);
    int64_t j = x ? BisectRight(cum_weights, x, n - 1) : -1;
    XDecref(x);
    Object* index = j >= 0 ? NewInt(j) : nullptr;
    Object* item = index ? GetItem(population, index) : nullptr;
    XDecref(index);
    if (item == nullptr || ListAppendSteal(result, item) < 0) {
      Decref(cum_weights);
      return fail();
    }
  }
  Decref(cum_weights);
  return result;
}

bool DoubleArg(Object* o, double* out) {
  bool overflow;
  if (ToDouble(o, out, &overflow)) return true;
  if (!overflow) {
    SetError(&TypeErrorType, StrCat("must be real number, not ", TypeName(o)));
  }
  return false;
}

Object* UniformMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("uniform", args + 1, nargs - 1, kwnames, {"a", "b"}, 2, 2, a)) {
    return nullptr;
  }
  // a + (b - a) * random(), with Python's arithmetic.
  Object* diff = BinaryOp(a[1], a[0], BinOp::kSub);
  if (diff == nullptr) return nullptr;
  Object* u = NewFloat(Random01(Self(args)));
  Object* scaled = BinaryOp(diff, u, BinOp::kMul);
  Decref(diff);
  Decref(u);
  if (scaled == nullptr) return nullptr;
  Object* r = BinaryOp(a[0], scaled, BinOp::kAdd);
  Decref(scaled);
  return r;
}

Object* GaussMethod(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("gauss", args + 1, nargs - 1, kwnames, {"mu", "sigma"}, 0, 2,
                a)) {
    return nullptr;
  }
  double mu = 0.0, sigma = 1.0;
  if ((a[0] && !DoubleArg(a[0], &mu)) || (a[1] && !DoubleArg(a[1], &sigma))) {
    return nullptr;
  }
  RandomObject* r = Self(args);
  double z;
  bool have_spare;
  {
    std::lock_guard<std::mutex> lock(r->twister->mu);
    have_spare = r->has_gauss_next;
    z = r->gauss_next;
    r->has_gauss_next = false;
  }
  if (!have_spare) {
    double x2pi = Random01(r) * (2.0 * M_PI);
    double g2rad = std::sqrt(-2.0 * std::log(1.0 - Random01(r)));
    z = std::cos(x2pi) * g2rad;
    std::lock_guard<std::mutex> lock(r->twister->mu);
    r->gauss_next = std::sin(x2pi) * g2rad;
    r->has_gauss_next = true;
  }
  return NewFloat(mu + z * sigma);
}

Object* NormalVariateMethod(Object* const* args, size_t nargs,
                            TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("normalvariate", args + 1, nargs - 1, kwnames, {"mu", "sigma"},
                0, 2, a)) {
    return nullptr;
  }
  double mu = 0.0, sigma = 1.0;
  if ((a[0] && !DoubleArg(a[0], &mu)) || (a[1] && !DoubleArg(a[1], &sigma))) {
    return nullptr;
  }
  // Kinderman and Monahan's ratio method, as random.py.
  const double magic = 4 * std::exp(-0.5) / std::sqrt(2.0);
  RandomObject* r = Self(args);
  double z;
  while (true) {
    double u1 = Random01(r);
    double u2 = 1.0 - Random01(r);
    z = magic * (u1 - 0.5) / u2;
    double zz = z * z / 4.0;
    if (zz <= -std::log(u2)) break;
  }
  return NewFloat(mu + z * sigma);
}

Object* ExpoVariateMethod(Object* const* args, size_t nargs,
                          TupleObject* kwnames) {
  if (!CheckArgCount("expovariate", nargs - 1, 1, 1)) return nullptr;
  double lambd;
  if (!DoubleArg(args[1], &lambd)) return nullptr;
  if (lambd == 0.0)
    return SetError(&ZeroDivisionErrorType, "float division by zero");
  return NewFloat(-std::log(1.0 - Random01(Self(args))) / lambd);
}

Object* TriangularMethod(Object* const* args, size_t nargs,
                         TupleObject* kwnames) {
  Object* a[3];
  if (!BindArgs("triangular", args + 1, nargs - 1, kwnames,
                {"low", "high", "mode"}, 0, 3, a)) {
    return nullptr;
  }
  double low = 0.0, high = 1.0, c = 0.5;
  if ((a[0] && !DoubleArg(a[0], &low)) || (a[1] && !DoubleArg(a[1], &high))) {
    return nullptr;
  }
  double u = Random01(Self(args));
  if (a[2] != nullptr && a[2] != None()) {
    double mode;
    if (!DoubleArg(a[2], &mode)) return nullptr;
    if (high == low) return NewFloat(low);
    c = (mode - low) / (high - low);
  } else if (high == low) {
    return NewFloat(low);
  }
  if (u > c) {
    u = 1.0 - u;
    c = 1.0 - c;
    std::swap(low, high);
  }
  return NewFloat(low + (high - low) * std::sqrt(u * c));
}

const MethodDef kRandomMethods[] = {
    {"seed", SeedMethod, kNativeMethod | kNativeKeywords},
    {"random", RandomMethod, kNativeMethod},
    {"getrandbits", GetRandBits, kNativeMethod},
    {"randrange", RandRangeMethod, kNativeMethod | kNativeKeywords},
    {"randint", RandIntMethod, kNativeMethod | kNativeKeywords},
    {"choice", ChoiceMethod, kNativeMethod},
    {"choices", ChoicesMethod, kNativeMethod | kNativeKeywords},
    {"shuffle", ShuffleMethod, kNativeMethod},
    {"sample", SampleMethod, kNativeMethod | kNativeKeywords},
    {"uniform", UniformMethod, kNativeMethod | kNativeKeywords},
    {"gauss", GaussMethod, kNativeMethod | kNativeKeywords},
    {"normalvariate", NormalVariateMethod, kNativeMethod | kNativeKeywords},
    {"expovariate", ExpoVariateMethod, kNativeMethod},
    {"triangular", TriangularMethod, kNativeMethod | kNativeKeywords},
    {nullptr, nullptr, 0},
};

void InitRandomType() {
  InitStaticType(&RandomType, "random.Random", sizeof(RandomObject),
                 &ObjectType);
  RandomType.dealloc = RandomDealloc;
  RandomType.repr = RandomRepr;
  RandomType.hash = ObjectType.hash;
  RandomType.compare = ObjectType.compare;
  RandomType.getattr = GenericGetAttr;
  AddMethods(&RandomType, kRandomMethods);
  DictSetStr(RandomType.dict, "__new__",
             NewStaticNativeFunction("__new__", RandomNew, 0));
}

ModuleObject* NewRandomModule() {
  static std::once_flag type_once;
  std::call_once(type_once, InitRandomType);
  ModuleObject* m = NewModule("random");
  if (m == nullptr) return nullptr;
  RandomObject* inst = NewRandom(&RandomType);
  if (inst == nullptr || !SeedWith(inst, nullptr)) {
    XDecref(inst);
    Decref(m);
    return nullptr;
  }
  // Module functions are the hidden instance's bound methods.
  for (const MethodDef* def = kRandomMethods; def->name != nullptr; ++def) {
    NativeFunctionObject* f = NewStaticNativeFunction(def->name, def->fn, def->flags);
    f->owner = &RandomType;
    f->self = NewRef(inst);
    DictSetStr(m->dict, def->name, f);
  }
  DictSetStr(m->dict, "Random", NewRef(&RandomType));
  Decref(inst);
  return m;
}

struct Register {
  Register() { RegisterNativeModule("random", NewRandomModule); }
} register_random;

}  // namespace

}  // namespace twinpy
