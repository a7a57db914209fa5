// Text files over C stdio: UTF-8, universal newlines on input (\r\n and \r
// read as \n), as CPython's default TextIOWrapper.
#include "runtime/file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/function.h"
#include "runtime/gil.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/native_args.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

Type FileType;
Type FileNotFoundErrorType;
Type FileExistsErrorType;
Type IsADirectoryErrorType;
Type NotADirectoryErrorType;
Type PermissionErrorType;
Type UnsupportedOperationType;

namespace {

struct FileObject : Object {
  FILE* fp;           // nullptr once closed
  std::string* rbuf;  // bytes read ahead of the reader
  size_t rpos;        // next unread byte of rbuf
  StrObject* name;
  StrObject* mode;
  StrObject* encoding;
  bool readable;
  bool writable;
  bool at_eof;
  // Serialises the methods: threads may print to one file, and the
  // read-ahead buffer is shared state.
  std::mutex* mu;
};

// A file's mutex is never waited for while holding the global lock: a
// thread that finds it taken lets the global lock go first. Its holder may
// release the global lock for the read or write itself (Unlocked below) and
// take it back while still holding the file's mutex, which cannot deadlock
// because nobody blocks on the file's mutex with the global lock held.
class FileLock {
 public:
  explicit FileLock(std::mutex& mu) : mu_(mu) {
    if (!mu_.try_lock()) {
      GilReleased released;
      mu_.lock();
    }
  }
  ~FileLock() { mu_.unlock(); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  std::mutex& mu_;
};

FileObject* AsFile(Object* o) { return static_cast<FileObject*>(o); }

Type* ErrorTypeFor(int err) {
  switch (err) {
    case ENOENT:
      return &FileNotFoundErrorType;
    case EEXIST:
      return &FileExistsErrorType;
    case EISDIR:
      return &IsADirectoryErrorType;
    case ENOTDIR:
      return &NotADirectoryErrorType;
    case EACCES:
    case EPERM:
      return &PermissionErrorType;
    default:
      return &OSErrorType;
  }
}

}  // namespace

std::nullptr_t SetOSError(int err, Object* filename) {
  std::string message = StrCat("[Errno ", err, "] ", strerror(err));
  if (filename != nullptr) {
    std::string r;
    if (!ReprString(filename, &r)) return nullptr;
    StrAppend(&message, ": ", r);
  }
  Object* e = NewException(ErrorTypeFor(err), message);
  if (e == nullptr) return nullptr;
  // The attributes CPython's OSError carries.
  Object* code = NewInt(err);
  StrObject* text = NewStr(strerror(err));
  if (code != nullptr) SetAttr(e, InternStr("errno"), code);
  if (text != nullptr) SetAttr(e, InternStr("strerror"), text);
  SetAttr(e, InternStr("filename"), filename ? filename : None());
  XDecref(code);
  XDecref(text);
  ClearError();  // attribute failures are not worth reporting
  return SetErrorObject(e);
}

namespace {

// --- reading ----------------------------------------------------------------

constexpr size_t kChunk = 1 << 16;

// Appends the next chunk of the file to the read-ahead buffer, dropping
// what was consumed; false at end of file.
bool Fill(FileObject* f) {
  if (f->at_eof) return false;
  std::string& b = *f->rbuf;
  b.erase(0, f->rpos);
  f->rpos = 0;
  size_t old = b.size();
  b.resize(old + kChunk);
  size_t n;
  {
    GilReleased released;  // disk or pipe reads block: other threads run
    n = fread(&b[old], 1, kChunk, f->fp);
  }
  b.resize(old + n);
  if (n < kChunk) f->at_eof = true;
  return n > 0;
}

// One line with its newline translated to '\n'; empty at end of file.
std::string ReadLine(FileObject* f) {
  std::string line;
  std::string& b = *f->rbuf;
  while (true) {
    size_t i = f->rpos;
    while (i < b.size() && b[i] != '\n' && b[i] != '\r') ++i;
    line.append(b, f->rpos, i - f->rpos);
    if (i >= b.size()) {
      f->rpos = i;
      if (!Fill(f)) return line;
      continue;
    }
    if (b[i] == '\n') {
      f->rpos = i + 1;
      line.push_back('\n');
      return line;
    }
    // '\r': a following '\n' belongs to the same line break.
    if (i + 1 >= b.size()) {
      f->rpos = i;
      if (!Fill(f)) {
        f->rpos = b.size();
        line.push_back('\n');
        return line;
      }
      continue;
    }
    f->rpos = i + 1;
    if (b[f->rpos] == '\n') ++f->rpos;
    line.push_back('\n');
    return line;
  }
}

std::string TranslateNewlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Everything left, or the next `n` characters.
std::string ReadChars(FileObject* f, int64_t n) {
  std::string& b = *f->rbuf;
  if (n < 0) {
    while (Fill(f)) {
    }
    std::string rest = TranslateNewlines(std::string_view(b).substr(f->rpos));
    b.clear();
    f->rpos = 0;
    return rest;
  }
  std::string out;
  int64_t count = 0;
  while (count < n) {
    if (f->rpos >= b.size() && !Fill(f)) break;
    auto c = static_cast<unsigned char>(b[f->rpos]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c == '\r') {
      // Look at the next byte for a \r\n pair.
      if (f->rpos + 1 >= b.size()) Fill(f);
      ++f->rpos;
      if (f->rpos < b.size() && b[f->rpos] == '\n') ++f->rpos;
      out.push_back('\n');
      ++count;
      continue;
    }
    while (f->rpos + len > b.size() && Fill(f)) {
    }
    size_t take = std::min(len, b.size() - f->rpos);
    out.append(b, f->rpos, take);
    f->rpos += take;
    ++count;
  }
  return out;
}

// Hands read-ahead bytes back to the stream before it is written or
// repositioned, so the file position is where the reader stopped.
void DropReadAhead(FileObject* f) {
  size_t unread = f->rbuf->size() - f->rpos;
  if (unread > 0) fseek(f->fp, -static_cast<long>(unread), SEEK_CUR);
  f->rbuf->clear();
  f->rpos = 0;
  f->at_eof = false;
}

// --- checks
// -------------------------------------------------------------------

bool CheckOpen(FileObject* f) {
  if (f->fp != nullptr) return true;
  SetError(&ValueErrorType, "I/O operation on closed file.");
  return false;
}

bool CheckReadable(FileObject* f) {
  if (!CheckOpen(f)) return false;
  if (f->readable) return true;
  SetError(&UnsupportedOperationType, "not readable");
  return false;
}

bool CheckWritable(FileObject* f) {
  if (!CheckOpen(f)) return false;
  if (f->writable) return true;
  SetError(&UnsupportedOperationType, "not writable");
  return false;
}

void CloseFile(FileObject* f) {
  if (f->fp == nullptr) return;
  fclose(f->fp);
  f->fp = nullptr;
  f->rbuf->clear();
  f->rpos = 0;
}

// --- methods
// ------------------------------------------------------------------

#define FILE_METHOD_ARGS(name, min, max)           \
  if (!CheckNoKeywords(name, kwnames) ||           \
      !CheckArgCount(name, nargs - 1, min, max)) { \
    return nullptr;                                \
  }

// An optional size argument: None or negative means "all".
bool SizeArg(Object* const* args, size_t nargs, int64_t* size) {
  *size = -1;
  if (nargs < 2 || args[1] == None()) return true;
  return AsIndex(args[1], size, "size");
}

Object* FileRead(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("read", 0, 1);
  FileObject* f = AsFile(args[0]);
  FileLock lock(*f->mu);
  int64_t size;
  if (!CheckReadable(f) || !SizeArg(args, nargs, &size)) return nullptr;
  std::string text = ReadChars(f, size);
  if (ferror(f->fp)) {
    clearerr(f->fp);
    return SetOSError(errno, nullptr);
  }
  if (!IsValidUtf8(text)) {
    return SetError(&UnicodeErrorType,
                    "'utf-8' codec can't decode the file's bytes");
  }
  return NewStr(text);
}

Object* LineObject(FileObject* f, std::string line) {
  if (ferror(f->fp)) {
    clearerr(f->fp);
    return SetOSError(errno, nullptr);
  }
  if (!IsValidUtf8(line)) {
    return SetError(&UnicodeErrorType,
                    "'utf-8' codec can't decode the file's bytes");
  }
  return NewStr(line);
}

Object* FileReadLine(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("readline", 0, 1);
  FileObject* f = AsFile(args[0]);
  FileLock lock(*f->mu);
  int64_t size;
  if (!CheckReadable(f) || !SizeArg(args, nargs, &size)) return nullptr;
  std::string line = ReadLine(f);
  if (size >= 0 && Utf8Length(line) > size) {
    // Give the tail back to the read-ahead buffer.
    size_t bytes = 0;
    for (int64_t k = 0; k < size; ++k) {
      auto c = static_cast<unsigned char>(line[bytes]);
      bytes += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    f->rbuf->insert(f->rpos, line, bytes, std::string::npos);
    line.resize(bytes);
  }
  return LineObject(f, std::move(line));
}

Object* FileReadLines(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("readlines", 0, 1);
  FileObject* f = AsFile(args[0]);
  FileLock lock(*f->mu);
  int64_t hint;
  if (!CheckReadable(f) || !SizeArg(args, nargs, &hint)) return nullptr;
  ListObject* lines = NewList(0);
  if (lines == nullptr) return nullptr;
  int64_t total = 0;
  while (true) {
    std::string line = ReadLine(f);
    if (line.empty()) break;
    total += Utf8Length(line);
    Object* s = LineObject(f, std::move(line));
    if (s == nullptr || ListAppendSteal(lines, s) < 0) {
      Decref(lines);
      return nullptr;
    }
    if (hint > 0 && total >= hint) break;
  }
  return lines;
}

Object* FileWrite(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("write", 1, 1);
  FileObject* f = AsFile(args[0]);
  FileLock lock(*f->mu);
  if (!CheckWritable(f)) return nullptr;
  if (!IsStr(args[1])) {
    return SetError(&TypeErrorType, StrCat("write() argument must be str, not ",
                                           TypeName(args[1])));
  }
  if (f->readable) DropReadAhead(f);
  std::string_view s = StrView(args[1]);
  size_t written;
  {
    GilReleased released;  // s stays alive: args[1] holds it
    written = fwrite(s.data(), 1, s.size(), f->fp);
  }
  if (written != s.size()) {
    return SetOSError(errno, nullptr);
  }
  return NewInt(static_cast<StrObject*>(args[1])->length);
}

Object* FileWriteLines(Object* const* args, size_t nargs,
                       TupleObject* kwnames) {
  FILE_METHOD_ARGS("writelines", 1, 1);
  FileObject* f = AsFile(args[0]);
  if (!CheckWritable(f)) return nullptr;
  Object* it = GetIter(args[1]);
  if (it == nullptr) return nullptr;
  while (Object* line = IterNext(it)) {
    Object* call_args[2] = {args[0], line};
    Object* r = FileWrite(call_args, 2, nullptr);
    Decref(line);
    if (r == nullptr) {
      Decref(it);
      return nullptr;
    }
    Decref(r);
  }
  Decref(it);
  return ErrorOccurred() ? nullptr : None();
}

Object* FileClose(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("close", 0, 0);
  FileLock lock(*AsFile(args[0])->mu);
  CloseFile(AsFile(args[0]));
  return None();
}

Object* FileFlush(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("flush", 0, 0);
  FileObject* f = AsFile(args[0]);
  FileLock lock(*f->mu);
  if (!CheckOpen(f)) return nullptr;
  fflush(f->fp);
  return None();
}

Object* FileEnter(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("__enter__", 0, 0);
  if (!CheckOpen(AsFile(args[0]))) return nullptr;
  return NewRef(args[0]);
}

Object* FileExit(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckNoKeywords("__exit__", kwnames)) return nullptr;
  FileLock lock(*AsFile(args[0])->mu);
  CloseFile(AsFile(args[0]));
  return None();  // exceptions propagate
}

Object* FileTell(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("tell", 0, 0);
  FileObject* f = AsFile(args[0]);
  FileLock lock(*f->mu);
  if (!CheckOpen(f)) return nullptr;
  long pos = ftell(f->fp);
  if (pos < 0) return SetOSError(errno, nullptr);
  return NewInt(pos - static_cast<long>(f->rbuf->size() - f->rpos));
}

Object* FileSeek(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("seek", 1, 2);
  FileObject* f = AsFile(args[0]);
  FileLock lock(*f->mu);
  int64_t offset, whence = 0;
  if (!CheckOpen(f) || !AsIndex(args[1], &offset, "offset") ||
      (nargs > 2 && !AsIndex(args[2], &whence, "whence"))) {
    return nullptr;
  }
  DropReadAhead(f);
  if (fseek(f->fp, static_cast<long>(offset), static_cast<int>(whence)) != 0) {
    return SetOSError(errno, nullptr);
  }
  return NewInt(ftell(f->fp));
}

Object* FileReadable(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("readable", 0, 0);
  if (!CheckOpen(AsFile(args[0]))) return nullptr;
  return Bool(AsFile(args[0])->readable);
}

Object* FileWritable(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("writable", 0, 0);
  if (!CheckOpen(AsFile(args[0]))) return nullptr;
  return Bool(AsFile(args[0])->writable);
}

Object* FileFileno(Object* const* args, size_t nargs, TupleObject* kwnames) {
  FILE_METHOD_ARGS("fileno", 0, 0);
  if (!CheckOpen(AsFile(args[0]))) return nullptr;
  return NewInt(fileno(AsFile(args[0])->fp));
}

const MethodDef kFileMethods[] = {
    {"read", FileRead, kNativeMethod},
    {"readline", FileReadLine, kNativeMethod},
    {"readlines", FileReadLines, kNativeMethod},
    {"write", FileWrite, kNativeMethod},
    {"writelines", FileWriteLines, kNativeMethod},
    {"close", FileClose, kNativeMethod},
    {"flush", FileFlush, kNativeMethod},
    {"tell", FileTell, kNativeMethod},
    {"seek", FileSeek, kNativeMethod},
    {"readable", FileReadable, kNativeMethod},
    {"writable", FileWritable, kNativeMethod},
    {"fileno", FileFileno, kNativeMethod},
    {"__enter__", FileEnter, kNativeMethod},
    {"__exit__", FileExit, kNativeMethod},
    {nullptr, nullptr, 0},
};

// --- slots
// --------------------------------------------------------------------

void FileDealloc(Object* o) {
  FileObject* f = AsFile(o);
  CloseFile(f);
  delete f->rbuf;
  delete f->mu;
  Decref(f->name);
  Decref(f->mode);
  Decref(f->encoding);
  FreeObject(o, sizeof(FileObject));
}

Object* FileRepr(Object* o) {
  FileObject* f = AsFile(o);
  std::string name;
  if (!ReprString(f->name, &name)) return nullptr;
  if (f->fp == nullptr) return NewStr("<_io.TextIOWrapper name=" + name + ">");
  return NewStr(StrCat("<_io.TextIOWrapper name=", name, " mode='",
                       StrView(f->mode), "' encoding='", StrView(f->encoding),
                       "'>"));
}

Object* SelfIter(Object* o) {
  if (!CheckOpen(AsFile(o))) return nullptr;
  return NewRef(o);
}

Object* FileIterNext(Object* o) {
  FileObject* f = AsFile(o);
  FileLock lock(*f->mu);
  if (!CheckReadable(f)) return nullptr;
  std::string line = ReadLine(f);
  if (line.empty()) return nullptr;
  return LineObject(f, std::move(line));
}

Object* FileGetAttr(Object* o, StrObject* name) {
  FileObject* f = AsFile(o);
  std::string_view n = StrView(name);
  if (n == "closed") return Bool(f->fp == nullptr);
  if (n == "name") return NewRef(f->name);
  if (n == "mode") return NewRef(f->mode);
  if (n == "encoding") return NewRef(f->encoding);
  return GenericGetAttr(o, name);
}

// Parses a mode string into fopen's and the access it grants; false with
// ValueError (or NotImplementedError for binary files) set.
bool ParseMode(std::string_view mode, std::string* fopen_mode, bool* readable,
               bool* writable) {
  int creating = 0, reading = 0, writing = 0, appending = 0, updating = 0;
  bool text = false, binary = false;
  for (char c : mode) {
    int* counter = c == 'x'   ? &creating
                   : c == 'r' ? &reading
                   : c == 'w' ? &writing
                   : c == 'a' ? &appending
                   : c == '+' ? &updating
                              : nullptr;
    if (counter != nullptr) {
      ++*counter;
    } else if (c == 't') {
      text = true;
    } else if (c == 'b') {
      binary = true;
    } else {
      SetError(&ValueErrorType, StrCat("invalid mode: '", mode, "'"));
      return false;
    }
  }
  bool repeated = creating > 1 || reading > 1 || writing > 1 || appending > 1 ||
                  updating > 1;
  if (repeated || (text && binary)) {
    SetError(&ValueErrorType, StrCat("invalid mode: '", mode, "'"));
    return false;
  }
  if (creating + reading + writing + appending != 1) {
    SetError(&ValueErrorType,
             "must have exactly one of create/read/write/append mode");
    return false;
  }
  if (binary) {
    SetError(&NotImplementedErrorType, "binary files are not supported yet");
    return false;
  }
  char base = creating ? 'x' : reading ? 'r' : writing ? 'w' : 'a';
  *readable = reading || updating;
  *writable = !reading || updating;
  // glibc's fopen understands 'x' as O_EXCL after 'w'.
  *fopen_mode = base == 'x' ? "wx" : std::string(1, base);
  if (updating) fopen_mode->insert(1, "+");
  return true;
}

}  // namespace

Object* OpenBuiltin(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[6];
  if (!BindArgs("open", args, nargs, kwnames,
                {"file", "mode", "buffering", "encoding", "errors", "newline"},
                1, 6, a)) {
    return nullptr;
  }
  Object* file = a[0];
  if (!IsStr(file)) {
    return SetError(&TypeErrorType,
                    StrCat("expected str, bytes or os.PathLike object, not ",
                           TypeName(file)));
  }
  std::string_view mode = "r";
  if (a[1] != nullptr) {
    if (!IsStr(a[1])) {
      return SetError(&TypeErrorType, StrCat("open() argument 'mode' must be "
                                             "str, not ",
                                             TypeName(a[1])));
    }
    mode = StrView(a[1]);
  }
  Object* encoding = a[3] != nullptr && a[3] != None() ? a[3] : nullptr;
  if (encoding != nullptr && !IsStr(encoding)) {
    return SetError(&TypeErrorType,
                    StrCat("open() argument 'encoding' must be str or None, "
                           "not ",
                           TypeName(encoding)));
  }
  std::string fopen_mode;
  bool readable, writable;
  if (!ParseMode(mode, &fopen_mode, &readable, &writable)) return nullptr;
  std::string path(StrView(file));
  FILE* fp = fopen(path.c_str(), fopen_mode.c_str());
  if (fp == nullptr) return SetOSError(errno, file);
  struct stat st;
  if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
    fclose(fp);
    return SetOSError(EISDIR, file);
  }
  auto* f =
      static_cast<FileObject*>(AllocObject(&FileType, sizeof(FileObject)));
  if (f == nullptr) {
    fclose(fp);
    return nullptr;
  }
  f->fp = fp;
  f->rbuf = new std::string();
  f->mu = new std::mutex();
  f->rpos = 0;
  f->name = static_cast<StrObject*>(NewRef(file));
  f->mode = NewStr(mode);
  f->encoding =
      encoding ? static_cast<StrObject*>(NewRef(encoding)) : NewStr("UTF-8");
  f->readable = readable;
  f->writable = writable;
  f->at_eof = false;
  if (f->mode == nullptr || f->encoding == nullptr) {
    Decref(f);
    return nullptr;
  }
  return f;
}

void AddFileBuiltins(DictObject* builtins) {
  DictSetStr(builtins, "open",
             NewStaticNativeFunction("open", OpenBuiltin, kNativeKeywords));
  for (Type* t :
       {&FileNotFoundErrorType, &FileExistsErrorType, &IsADirectoryErrorType,
        &NotADirectoryErrorType, &PermissionErrorType}) {
    DictSetStr(builtins, t->name, NewRef(t));
  }
}

namespace {

void InitOSErrorSubtype(Type* t, const char* name) {
  InitStaticType(t, name, OSErrorType.basic_size, &OSErrorType);
  t->dealloc = OSErrorType.dealloc;
  t->repr = OSErrorType.repr;
  t->str = OSErrorType.str;
  t->getattr = OSErrorType.getattr;
  t->setattr = OSErrorType.setattr;
  t->hash = OSErrorType.hash;
  t->compare = OSErrorType.compare;
}

}  // namespace

void InitFileType() {
  InitStaticType(&FileType, "_io.TextIOWrapper", sizeof(FileObject),
                 &ObjectType);
  FileType.dealloc = FileDealloc;
  FileType.repr = FileRepr;
  FileType.hash = ObjectType.hash;
  FileType.compare = ObjectType.compare;
  FileType.iter = SelfIter;
  FileType.iternext = FileIterNext;
  FileType.getattr = FileGetAttr;
  AddMethods(&FileType, kFileMethods);

  InitOSErrorSubtype(&FileNotFoundErrorType, "FileNotFoundError");
  InitOSErrorSubtype(&FileExistsErrorType, "FileExistsError");
  InitOSErrorSubtype(&IsADirectoryErrorType, "IsADirectoryError");
  InitOSErrorSubtype(&NotADirectoryErrorType, "NotADirectoryError");
  InitOSErrorSubtype(&PermissionErrorType, "PermissionError");
  InitOSErrorSubtype(&UnsupportedOperationType, "io.UnsupportedOperation");
}

}  // namespace twinpy
