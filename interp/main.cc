#include <cstdio>
#include <gmp.h>
#include "absl/strings/str_cat.h"
int main() { printf("%s %d\n", absl::StrCat(TWINPY_VARIANT_NAME, "x").c_str(), TWINPY_GIL); }
