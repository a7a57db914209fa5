// Frame snapshots: what sys._current_frames(), sys._getframe() and
// traceback objects show of a Python stack. The live frames belong to the
// evaluation loop and change as code runs; a snapshot records the code and
// line of each frame at the moment it was taken.
#ifndef TWINPY_RUNTIME_FRAMEINFO_H_
#define TWINPY_RUNTIME_FRAMEINFO_H_

#include "runtime/code.h"
#include "runtime/object.h"

namespace twinpy {

struct FrameInfoObject : Object {
  CodeObject* code;
  int line;
  FrameInfoObject* back;  // the caller's snapshot, or nullptr
  DictObject* globals;    // or nullptr
};

extern Type FrameInfoType;

// Takes references to code and globals and steals back.
FrameInfoObject* NewFrameInfo(CodeObject* code, int line, FrameInfoObject* back,
                              DictObject* globals);

void InitFrameInfoType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_FRAMEINFO_H_
