// An object type whose deallocations the runtime tests count: `freed` goes
// up by one each time a counted object is freed.
#ifndef TWINPY_TESTS_COUNTED_OBJECT_H_
#define TWINPY_TESTS_COUNTED_OBJECT_H_

#include <atomic>
#include <cstdint>

#include "runtime/object.h"

namespace twinpy {

inline std::atomic<int> freed{0};

inline void CountingDealloc(Object* o) {
  freed.fetch_add(1);
  FreeObject(o, sizeof(Object));
}

inline Type* CountingType() {
  static Type* type = [] {
    static Type t;
    InitStaticType(&t, "counted", sizeof(Object), &ObjectType);
    t.dealloc = CountingDealloc;
    // Hashable by identity, so counted objects can be dict keys too.
    t.hash = [](Object* o) { return static_cast<int64_t>(reinterpret_cast<uintptr_t>(o) >> 4); };
    return &t;
  }();
  return type;
}

inline Object* NewCounted() { return AllocObject(CountingType(), sizeof(Object)); }

}  // namespace twinpy

#endif  // TWINPY_TESTS_COUNTED_OBJECT_H_
