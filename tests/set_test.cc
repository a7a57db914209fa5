// set and frozenset through the C++ API: membership against a reference
// std::set, CPython's iteration order for small ints, hashing, errors.
#include "runtime/set.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <set>
#include <string>

#include "runtime/abstract.h"
#include "runtime/errors.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/str.h"
#include "runtime/thread_state.h"

namespace twinpy {
namespace {

class SetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    static bool done = [] {
      AttachThread();
      InitRuntime({"set_test"});
      return true;
    }();
    (void)done;
  }
};

std::string ReprOf(Object* o) {
  std::string text;
  EXPECT_TRUE(ReprString(o, &text));
  return text;
}

SetObject* SetOfInts(std::initializer_list<int64_t> values) {
  SetObject* s = NewSet();
  for (int64_t v : values) {
    Object* i = NewInt(v);
    EXPECT_EQ(SetAdd(s, i), 0);
    Decref(i);
  }
  return s;
}

TEST_F(SetTest, EmptyReprs) {
  SetObject* s = NewSet();
  EXPECT_EQ(ReprOf(SetAsObject(s)), "set()");
  Object* f = NewFrozenSet(nullptr);
  EXPECT_EQ(ReprOf(f), "frozenset()");
  Decref(f);
  Decref(SetAsObject(s));
}

// Orders printed by CPython 3.11 for the same insertions.
TEST_F(SetTest, SmallIntOrderMatchesCPython) {
  SetObject* a = SetOfInts({10, 7, 4, 1});
  EXPECT_EQ(ReprOf(SetAsObject(a)), "{1, 10, 4, 7}");
  SetObject* b = SetOfInts({40, 8, 16, 24, 32, 0});
  EXPECT_EQ(ReprOf(SetAsObject(b)), "{32, 0, 40, 8, 16, 24}");
  SetObject* c = SetOfInts({5, 3, 1, 3, 9});
  EXPECT_EQ(ReprOf(SetAsObject(c)), "{1, 3, 5, 9}");
  SetObject* d = SetOfInts({-1, -2});
  EXPECT_EQ(ReprOf(SetAsObject(d)), "{-1, -2}");
  for (SetObject* s : {a, b, c, d}) Decref(SetAsObject(s));
}

TEST_F(SetTest, GrowthKeepsEveryKey) {
  SetObject* s = NewSet();
  for (int64_t i = 0; i < 5000; i += 3) {
    Object* v = NewInt(i);
    ASSERT_EQ(SetAdd(s, v), 0);
    ASSERT_EQ(SetAdd(s, v), 0);  // a duplicate changes nothing
    Decref(v);
  }
  EXPECT_EQ(SetSize(s), 1667);
  for (int64_t i = 0; i < 5000; ++i) {
    Object* v = NewInt(i);
    EXPECT_EQ(SetContains(s, v), i % 3 == 0 ? 1 : 0) << i;
    Decref(v);
  }
  Decref(SetAsObject(s));
}

TEST_F(SetTest, RandomOperationsAgreeWithStdSet) {
  std::mt19937 rng(7);
  std::set<int64_t> reference;
  SetObject* s = NewSet();
  for (int step = 0; step < 20000; ++step) {
    int64_t key = static_cast<int64_t>(rng() % 600) - 100;
    Object* v = NewInt(key);
    switch (rng() % 3) {
      case 0:
      case 1:
        ASSERT_EQ(SetAdd(s, v), 0);
        reference.insert(key);
        break;
      default:
        ASSERT_EQ(SetDiscard(s, v), reference.erase(key) ? 1 : 0);
    }
    Decref(v);
    ASSERT_EQ(SetSize(s), static_cast<int64_t>(reference.size()));
  }
  // Iteration visits each member exactly once.
  std::set<int64_t> seen;
  int64_t pos = 0;
  Object* key;
  while (SetNext(s, &pos, &key)) {
    int64_t v;
    ASSERT_TRUE(IntToInt64(key, &v));
    EXPECT_TRUE(seen.insert(v).second);
  }
  EXPECT_EQ(seen, reference);
  Decref(SetAsObject(s));
}

TEST_F(SetTest, PopDrainsTheSet) {
  SetObject* s = SetOfInts({3, 1, 4, 15, 9, 26});
  std::set<int64_t> popped;
  while (SetSize(s) > 0) {
    Object* k = SetPop(s);
    ASSERT_NE(k, nullptr);
    int64_t v;
    ASSERT_TRUE(IntToInt64(k, &v));
    popped.insert(v);
    Decref(k);
  }
  EXPECT_EQ(popped, (std::set<int64_t>{1, 3, 4, 9, 15, 26}));
  EXPECT_EQ(SetPop(s), nullptr);
  EXPECT_TRUE(ErrorMatches(&KeyErrorType));
  ClearError();
  Decref(SetAsObject(s));
}

TEST_F(SetTest, EqualFrozenSetsHashAlike) {
  ListObject* forward = NewList(0);
  ListObject* backward = NewList(0);
  for (int64_t i = 0; i < 100; ++i) {
    ListAppendSteal(forward, NewInt(i * 37));
    ListAppendSteal(backward, NewInt((99 - i) * 37));
  }
  Object* a = NewFrozenSet(forward);
  Object* b = NewFrozenSet(backward);
  EXPECT_EQ(Hash(a), Hash(b));
  EXPECT_EQ(RichCompareBool(a, b, CompareOp::kEq), 1);
  // Different contents spread to different hashes.
  Object* c = NewFrozenSet(nullptr);
  EXPECT_NE(Hash(a), Hash(c));
  for (Object* o : {a, b, c}) Decref(o);
  Decref(forward);
  Decref(backward);
}

TEST_F(SetTest, UnhashableKeyRaisesTypeError) {
  SetObject* s = NewSet();
  ListObject* l = NewList(0);
  EXPECT_EQ(SetAdd(s, l), -1);
  EXPECT_TRUE(ErrorMatches(&TypeErrorType));
  ClearError();
  EXPECT_EQ(SetSize(s), 0);
  Decref(l);
  Decref(SetAsObject(s));
}

TEST_F(SetTest, StrKeysCompareByValue) {
  SetObject* s = NewSet();
  StrObject* a1 = NewStr("alpha-long-key");
  StrObject* a2 = NewStr("alpha-long-key");  // a distinct, equal object
  ASSERT_NE(static_cast<void*>(a1), static_cast<void*>(a2));
  EXPECT_EQ(SetAdd(s, a1), 0);
  EXPECT_EQ(SetContains(s, a2), 1);
  EXPECT_EQ(SetAdd(s, a2), 0);
  EXPECT_EQ(SetSize(s), 1);
  Decref(a1);
  Decref(a2);
  Decref(SetAsObject(s));
}

}  // namespace
}  // namespace twinpy
