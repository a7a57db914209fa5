// The runtime's contention counters as one JSON document: the global lock
// per thread in the `gil` build, lock contention in the free-threaded one.
// sys._gil_stats() returns it; TWINPY_STATS=1 prints it at exit.
#ifndef TWINPY_RUNTIME_STATS_H_
#define TWINPY_RUNTIME_STATS_H_

#include <string>

namespace twinpy {

std::string RuntimeStatsJson();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_STATS_H_
