// Looking at Python stacks from inside: frame snapshots for
// sys._current_frames() and sys._getframe(), and a jstack-like dump of every
// thread to stderr on SIGQUIT, after which the program continues.
#ifndef TWINPY_INTERP_STACK_DUMP_H_
#define TWINPY_INTERP_STACK_DUMP_H_

namespace twinpy {

// Adds sys._current_frames and sys._getframe.
void AddStackIntrospection();

// Starts the thread that dumps all stacks when SIGQUIT arrives. Call on
// the main thread before any other thread starts (the signal is blocked in
// every thread and waited for by that one).
void InstallStackDumpOnSigquit();

}  // namespace twinpy

#endif  // TWINPY_INTERP_STACK_DUMP_H_
