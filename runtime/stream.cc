// Text streams.
#include "runtime/stream.h"

#include "runtime/strcat.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/gil.h"
#include "runtime/int.h"
#include "runtime/str.h"

namespace twinpy {

Type StreamType;

namespace {
Object* stdout_stream;
Object* stderr_stream;
}  // namespace

Object* StdoutStream() { return stdout_stream; }
Object* StderrStream() { return stderr_stream; }

Object* NewStream(FILE* file, const char* name) {
  auto* s =
      static_cast<StreamObject*>(AllocObject(&StreamType, sizeof(StreamObject)));
  if (s == nullptr) return nullptr;
  s->file = file;
  s->name = name;
  return s;
}

void StreamWrite(StreamObject* stream, std::string_view text) {
  // Console output can block (a full pipe): other threads run meanwhile.
  GilReleased released;
  fwrite(text.data(), 1, text.size(), stream->file);
  if (stream->file == stderr) fflush(stderr);
}

namespace {

Object* Write(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("write", nargs - 1, 1, 1)) return nullptr;
  if (!IsStr(args[1])) {
    return SetError(&TypeErrorType,
                    StrCat("write() argument must be str, not ",
                                 TypeName(args[1])));
  }
  StreamWrite(static_cast<StreamObject*>(args[0]), StrView(args[1]));
  return NewInt(static_cast<StrObject*>(args[1])->length);
}

Object* Flush(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("flush", nargs - 1, 0, 0)) return nullptr;
  fflush(static_cast<StreamObject*>(args[0])->file);
  return None();
}

Object* StreamRepr(Object* o) {
  return NewStr(StrCat("<_io.TextIOWrapper name='",
                             static_cast<StreamObject*>(o)->name,
                             "' mode='w' encoding='utf-8'>"));
}

void StreamDealloc(Object* o) { FreeObject(o, sizeof(StreamObject)); }

const MethodDef kStreamMethods[] = {
    {"write", Write, kNativeMethod},
    {"flush", Flush, kNativeMethod},
    {nullptr, nullptr, 0},
};

}  // namespace

void InitStreamType() {
  InitStaticType(&StreamType, "_io.TextIOWrapper", sizeof(StreamObject),
                 &ObjectType);
  StreamType.dealloc = StreamDealloc;
  StreamType.repr = StreamRepr;
  StreamType.hash = ObjectType.hash;
  StreamType.compare = ObjectType.compare;
  StreamType.getattr = GenericGetAttr;
  AddMethods(&StreamType, kStreamMethods);
  stdout_stream = NewStream(stdout, "<stdout>");
  stderr_stream = NewStream(stderr, "<stderr>");
  MakeImmortal(stdout_stream);
  MakeImmortal(stderr_stream);
}

}  // namespace twinpy
