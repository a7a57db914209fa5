// String concatenation for messages. (Debian's Abseil is built with its own
// string_view type, so absl::StrCat does not take std::string_view.)
#ifndef TWINPY_RUNTIME_STRCAT_H_
#define TWINPY_RUNTIME_STRCAT_H_

#include <string>
#include <string_view>
#include <type_traits>

namespace twinpy {

namespace strcat_internal {

inline void Append(std::string* out, std::string_view s) { out->append(s); }
inline void Append(std::string* out, const char* s) { out->append(s); }
inline void Append(std::string* out, const std::string& s) { out->append(s); }
inline void Append(std::string* out, char c) { out->push_back(c); }
template <class T,
          class = std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, char> &&
                                   !std::is_same_v<T, bool>>>
void Append(std::string* out, T v) {
  out->append(std::to_string(v));
}

}  // namespace strcat_internal

template <class... Args>
std::string StrCat(const Args&... args) {
  std::string out;
  (strcat_internal::Append(&out, args), ...);
  return out;
}

template <class... Args>
void StrAppend(std::string* out, const Args&... args) {
  (strcat_internal::Append(out, args), ...);
}

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_STRCAT_H_
