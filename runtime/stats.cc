// Contention statistics.
#include "runtime/stats.h"

#include "alloc/allocator.h"
#include "runtime/dict.h"
#include "runtime/float.h"
#include "runtime/gil.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/str.h"
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

namespace {

void SetNumber(DictObject* d, const char* key, double v, bool integral) {
  DictSetStr(d, key, integral ? NewInt(static_cast<int64_t>(v)) : NewFloat(v));
}

DictObject* GilDict(const GilStats& s) {
  DictObject* d = NewDict();
  if (d == nullptr) return nullptr;
  SetNumber(d, "acquisitions", static_cast<double>(s.acquisitions), true);
  SetNumber(d, "forced_switches", static_cast<double>(s.forced_switches), true);
  SetNumber(d, "drop_requests", static_cast<double>(s.drop_requests), true);
  SetNumber(d, "wait_total_s", s.wait_ns_total / 1e9, false);
  SetNumber(d, "wait_max_s", s.wait_ns_max / 1e9, false);
  return d;
}

}  // namespace

Object* RuntimeStatsObject() {
  DictObject* d = NewDict();
  if (d == nullptr) return nullptr;
  DictSetStr(d, "build", NewStr(kVariantName));
  DictSetStr(d, "gil", NewRef(Bool(kHasGil)));
  if (kHasGil) {
    SetNumber(d, "switch_interval_s", GlobalGil().SwitchIntervalMicros() / 1e6, false);
  }
  ListObject* threads = NewList(0);
  uint64_t object_lock_contentions = FinishedThreadsObjectLockContentions();
  ForEachThread([&](ThreadState* ts) {
    DictObject* t = GilDict(ts->gil_stats);
    if (t == nullptr) return;
    SetNumber(t, "ident", static_cast<double>(ts->ident), true);
    SetNumber(t, "native_id", static_cast<double>(ts->native_id), true);
    SetNumber(t, "object_lock_contentions",
              static_cast<double>(ts->object_lock_contentions), true);
    object_lock_contentions += ts->object_lock_contentions;
    ListAppendSteal(threads, t);
  });
  DictSetStr(d, "threads", threads);
  DictSetStr(d, "finished_threads", GilDict(FinishedThreadsGilStats()));
  alloc::Stats a = alloc::GetStats();
  DictObject* al = NewDict();
  SetNumber(al, "allocations", static_cast<double>(a.TotalAllocations()), true);
  SetNumber(al, "lock_contentions", static_cast<double>(a.TotalLockContentions()), true);
  DictSetStr(al, "policy", NewStr(alloc::kLockPolicyName));
  DictSetStr(d, "alloc", al);
  SetNumber(d, "object_lock_contentions", static_cast<double>(object_lock_contentions), true);
  return d;
}

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
  uint64_t object_lock_contentions = FinishedThreadsObjectLockContentions();
  ForEachThread([&](ThreadState* ts) { object_lock_contentions += ts->object_lock_contentions; });
  StrAppend(&out, "], \"finished_threads\": {", GilJson(FinishedThreadsGilStats()), "}",
            ", \"object_lock_contentions\": ", object_lock_contentions);
  alloc::Stats a = alloc::GetStats();
  StrAppend(&out, ", \"alloc\": {\"allocations\": ", a.TotalAllocations(),
            ", \"lock_contentions\": ", a.TotalLockContentions(), ", \"policy\": \"",
            alloc::kLockPolicyName, "\"}}");
  return out;
}

}  // namespace twinpy
