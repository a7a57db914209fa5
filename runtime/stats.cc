// Contention statistics.
#include "runtime/stats.h"

#include "alloc/allocator.h"
#include "runtime/gil.h"
#include "runtime/strcat.h"
#include "runtime/thread_state.h"
#include "runtime/variant.h"

namespace twinpy {

namespace {

std::string GilJson(const GilStats& s) {
  char buf[256];
  snprintf(buf, sizeof(buf),
           "\"acquisitions\": %llu, \"forced_switches\": %llu, "
           "\"drop_requests\": %llu, \"wait_total_s\": %.6f, \"wait_max_s\": %.6f",
           static_cast<unsigned long long>(s.acquisitions),
           static_cast<unsigned long long>(s.forced_switches),
           static_cast<unsigned long long>(s.drop_requests), s.wait_ns_total / 1e9,
           s.wait_ns_max / 1e9);
  return buf;
}

}  // namespace

std::string RuntimeStatsJson() {
  std::string out = StrCat("{\"build\": \"", kVariantName, "\", \"gil\": ",
                           kHasGil ? "true" : "false");
  if (kHasGil) {
    char interval[64];
    snprintf(interval, sizeof(interval), ", \"switch_interval_s\": %.6f",
             GlobalGil().SwitchIntervalMicros() / 1e6);
    out += interval;
  }
  out += ", \"threads\": [";
  bool first = true;
  ForEachThread([&](ThreadState* ts) {
    StrAppend(&out, first ? "" : ", ", "{\"ident\": ", ts->ident,
              ", \"native_id\": ", ts->native_id, ", ", GilJson(ts->gil_stats), "}");
    first = false;
  });
  StrAppend(&out, "], \"finished_threads\": {", GilJson(FinishedThreadsGilStats()), "}");
  alloc::Stats a = alloc::GetStats();
  StrAppend(&out, ", \"alloc\": {\"allocations\": ", a.TotalAllocations(),
            ", \"lock_contentions\": ", a.TotalLockContentions(), ", \"policy\": \"",
            alloc::kLockPolicyName, "\"}}");
  return out;
}

}  // namespace twinpy
