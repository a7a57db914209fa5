// sys.stdout and sys.stderr: text streams over the C stdio files.
#ifndef TWINPY_RUNTIME_STREAM_H_
#define TWINPY_RUNTIME_STREAM_H_

#include <cstdio>
#include <string_view>

#include "runtime/object.h"

namespace twinpy {

struct StreamObject : Object {
  FILE* file;
  const char* name;
};

extern Type StreamType;

Object* NewStream(FILE* file, const char* name);
// Writes text; stderr is flushed at once, as CPython's is line-buffered.
void StreamWrite(StreamObject* stream, std::string_view text);

// The process's standard streams (immortal).
Object* StdoutStream();
Object* StderrStream();

void InitStreamType();

}  // namespace twinpy

#endif  // TWINPY_RUNTIME_STREAM_H_
