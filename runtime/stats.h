// The runtime's contention counters as one JSON document: the global lock
// per thread in the `gil` build, lock contention in the free-threaded one.
// sys._gil_stats() returns it; TWINPY_STATS=1 prints it at exit.
#ifndef TWINPY_RUNTIME_STATS_H_
#define TWINPY_RUNTIME_STATS_H_

#include <string>

#include "runtime/object.h"

namespace twinpy {

std::string RuntimeStatsJson();
// The same as a dict (sys._gil_stats()).
Object* RuntimeStatsObject();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_STATS_H_
