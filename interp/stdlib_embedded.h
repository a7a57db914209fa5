// The modules written in Python that ship inside the binary (interp/lib/).
#ifndef TWINPY_INTERP_STDLIB_EMBEDDED_H_
#define TWINPY_INTERP_STDLIB_EMBEDDED_H_

namespace twinpy {

struct FrozenModule {
  const char* name;     // "threading", "concurrent.futures"
  bool is_package;
  const char* source;
};

extern const FrozenModule kFrozenModules[];
extern const int kNumFrozenModules;

}  // namespace twinpy

#endif  // TWINPY_INTERP_STDLIB_EMBEDDED_H_
