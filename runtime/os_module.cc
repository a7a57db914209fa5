// The os module: process facts, the environment, a few file-system calls,
// and os.path (a module object held as an attribute, as CPython's posixpath
// is).
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <string>
#include <vector>

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/file.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/native_args.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

extern char** environ;

namespace twinpy {

namespace {

bool PathArg(const char* fname, Object* o, std::string* out) {
  if (!IsStr(o)) {
    SetError(&TypeErrorType,
             StrCat(fname,
                    ": path should be string, bytes or os.PathLike, "
                    "not ",
                    TypeName(o)));
    return false;
  }
  out->assign(StrView(o));
  return true;
}

Object* GetPid(Object* const*, size_t nargs, TupleObject*) {
  if (!CheckArgCount("getpid", nargs, 0, 0)) return nullptr;
  return NewInt(static_cast<int64_t>(getpid()));
}

Object* CpuCount(Object* const*, size_t nargs, TupleObject*) {
  if (!CheckArgCount("cpu_count", nargs, 0, 0)) return nullptr;
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1) return None();
  return NewInt(n);
}

Object* GetCwd(Object* const*, size_t nargs, TupleObject*) {
  if (!CheckArgCount("getcwd", nargs, 0, 0)) return nullptr;
  std::vector<char> buf(PATH_MAX + 1);
  if (getcwd(buf.data(), buf.size()) == nullptr)
    return SetOSError(errno, nullptr);
  return NewStr(buf.data());
}

// getenv(key, default=None): reads the process environment itself, so
// changes made by native code are seen.
Object* GetEnv(Object* const* args, size_t nargs, TupleObject* kwnames) {
  Object* a[2];
  if (!BindArgs("getenv", args, nargs, kwnames, {"key", "default"}, 1, 2, a)) {
    return nullptr;
  }
  if (!IsStr(a[0])) {
    return SetError(&TypeErrorType,
                    StrCat("str expected, not ", TypeName(a[0])));
  }
  const char* v = getenv(std::string(StrView(a[0])).c_str());
  if (v == nullptr || !IsValidUtf8(v)) return NewRef(a[1] ? a[1] : None());
  return NewStr(v);
}

Object* ListDir(Object* const* args, size_t nargs, TupleObject* kwnames) {
  if (!CheckArgCount("listdir", nargs, 0, 1)) return nullptr;
  std::string path = ".";
  if (nargs == 1 && !PathArg("listdir", args[0], &path)) return nullptr;
  DIR* dir = opendir(path.c_str());
  if (dir == nullptr) {
    return SetOSError(errno, nargs == 1 ? args[0] : nullptr);
  }
  ListObject* names = NewList(0);
  while (names != nullptr) {
    errno = 0;
    struct dirent* e = readdir(dir);
    if (e == nullptr) break;
    std::string_view n = e->d_name;
    if (n == "." || n == ".." || !IsValidUtf8(n)) continue;
    if (ListAppendSteal(names, NewStr(n)) < 0) {
      Decref(names);
      names = nullptr;
    }
  }
  closedir(dir);
  return names;
}

// A call that takes one path and returns 0 or -1 with errno.
template <int (*Fn)(const char*)>
Object* PathCall(Object* const* args, size_t nargs, const char* name) {
  if (!CheckArgCount(name, nargs, 1, 1)) return nullptr;
  std::string path;
  if (!PathArg(name, args[0], &path)) return nullptr;
  if (Fn(path.c_str()) != 0) return SetOSError(errno, args[0]);
  return None();
}

int RemoveFile(const char* p) { return unlink(p); }
int RemoveDir(const char* p) { return rmdir(p); }
int MakeDir(const char* p) { return mkdir(p, 0777); }
int ChangeDir(const char* p) { return chdir(p); }

Object* Remove(Object* const* a, size_t n, TupleObject*) {
  return PathCall<RemoveFile>(a, n, "remove");
}
Object* RmDir(Object* const* a, size_t n, TupleObject*) {
  return PathCall<RemoveDir>(a, n, "rmdir");
}
Object* MkDir(Object* const* a, size_t n, TupleObject*) {
  return PathCall<MakeDir>(a, n, "mkdir");
}
Object* ChDir(Object* const* a, size_t n, TupleObject*) {
  return PathCall<ChangeDir>(a, n, "chdir");
}

Object* Rename(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("rename", nargs, 2, 2)) return nullptr;
  std::string from, to;
  if (!PathArg("rename", args[0], &from) || !PathArg("rename", args[1], &to)) {
    return nullptr;
  }
  if (rename(from.c_str(), to.c_str()) != 0) return SetOSError(errno, args[0]);
  return None();
}

Object* Urandom(Object* const* args, size_t nargs, TupleObject*) {
  (void)args;
  (void)nargs;
  return SetError(&NotImplementedErrorType,
                  "os.urandom() needs bytes, which twinpy does not have yet");
}

// --- os.path -----------------------------------------------------------------

// exists() and friends answer False, not an error, for odd arguments.
bool StatPath(Object* o, struct stat* st) {
  if (!IsStr(o)) return false;
  return stat(std::string(StrView(o)).c_str(), st) == 0;
}

template <bool (*Test)(const struct stat&)>
Object* StatTest(Object* const* args, size_t nargs, const char* name) {
  if (!CheckArgCount(name, nargs, 1, 1)) return nullptr;
  struct stat st;
  return Bool(StatPath(args[0], &st) && Test(st));
}

bool AnyFile(const struct stat&) { return true; }
bool RegularFile(const struct stat& st) { return S_ISREG(st.st_mode); }
bool Directory(const struct stat& st) { return S_ISDIR(st.st_mode); }

Object* Exists(Object* const* a, size_t n, TupleObject*) {
  return StatTest<AnyFile>(a, n, "exists");
}
Object* IsFile(Object* const* a, size_t n, TupleObject*) {
  return StatTest<RegularFile>(a, n, "isfile");
}
Object* IsDir(Object* const* a, size_t n, TupleObject*) {
  return StatTest<Directory>(a, n, "isdir");
}

Object* GetSize(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("getsize", nargs, 1, 1)) return nullptr;
  std::string path;
  if (!PathArg("getsize", args[0], &path)) return nullptr;
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return SetOSError(errno, args[0]);
  return NewInt(static_cast<int64_t>(st.st_size));
}

// join(a, *p): an absolute component restarts the path.
Object* Join(Object* const* args, size_t nargs, TupleObject*) {
  if (nargs == 0) {
    return SetError(&TypeErrorType,
                    "join() missing 1 required positional argument: 'a'");
  }
  std::string out;
  for (size_t i = 0; i < nargs; ++i) {
    if (!IsStr(args[i])) {
      return SetError(&TypeErrorType,
                      StrCat("join() argument must be str, bytes, or "
                             "os.PathLike object, not '",
                             TypeName(args[i]), "'"));
    }
    std::string_view p = StrView(args[i]);
    if (!p.empty() && p[0] == '/') {
      out.assign(p);
    } else if (out.empty() || out.back() == '/') {
      out.append(p);
    } else {
      out.push_back('/');
      out.append(p);
    }
  }
  return NewStr(out);
}

// The split point of posixpath.split: after the last '/'.
Object* SplitPart(Object* const* args, size_t nargs, const char* name,
                  int which) {
  if (!CheckArgCount(name, nargs, 1, 1)) return nullptr;
  std::string p;
  if (!PathArg(name, args[0], &p)) return nullptr;
  size_t i = p.rfind('/');
  i = i == std::string::npos ? 0 : i + 1;
  std::string head = p.substr(0, i), tail = p.substr(i);
  // Trailing slashes come off the head unless it is all slashes.
  if (!head.empty() && head.find_first_not_of('/') != std::string::npos) {
    while (!head.empty() && head.back() == '/') head.pop_back();
  }
  if (which == 0) return NewStr(head);
  if (which == 1) return NewStr(tail);
  return TupleOf({NewStr(head), NewStr(tail)});
}

Object* Dirname(Object* const* a, size_t n, TupleObject*) {
  return SplitPart(a, n, "dirname", 0);
}
Object* Basename(Object* const* a, size_t n, TupleObject*) {
  return SplitPart(a, n, "basename", 1);
}

Object* SplitPath(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("split", nargs, 1, 1)) return nullptr;
  Object* head = SplitPart(args, nargs, "split", 0);
  Object* tail = head ? SplitPart(args, nargs, "split", 1) : nullptr;
  if (tail == nullptr) {
    XDecref(head);
    return nullptr;
  }
  TupleObject* t = TupleOf({head, tail});
  Decref(head);
  Decref(tail);
  return t;
}

// splitext: the last dot of the last component, ignoring leading dots.
Object* SplitExt(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("splitext", nargs, 1, 1)) return nullptr;
  std::string p;
  if (!PathArg("splitext", args[0], &p)) return nullptr;
  size_t sep = p.rfind('/');
  size_t start = sep == std::string::npos ? 0 : sep + 1;
  size_t dot = p.rfind('.');
  std::string root = p, ext;
  if (dot != std::string::npos && dot > start) {
    size_t first = start;
    while (first < p.size() && p[first] == '.') ++first;
    if (dot >= first) {
      root = p.substr(0, dot);
      ext = p.substr(dot);
    }
  }
  StrObject* r = NewStr(root);
  StrObject* e = NewStr(ext);
  TupleObject* t = (r && e) ? TupleOf({r, e}) : nullptr;
  XDecref(r);
  XDecref(e);
  return t;
}

Object* IsAbs(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("isabs", nargs, 1, 1)) return nullptr;
  std::string p;
  if (!PathArg("isabs", args[0], &p)) return nullptr;
  return Bool(!p.empty() && p[0] == '/');
}

// normpath: collapses '.', '..' and repeated slashes lexically.
std::string NormPath(const std::string& p) {
  if (p.empty()) return ".";
  int leading = p[0] == '/' ? 1 : 0;
  // POSIX keeps exactly two leading slashes, folds three or more to one.
  if (leading && p.size() > 1 && p[1] == '/' && (p.size() < 3 || p[2] != '/')) {
    leading = 2;
  }
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    std::string comp = p.substr(i, j - i);
    if (comp.empty() || comp == ".") {
      // skip
    } else if (comp == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!leading) {
        parts.push_back(comp);
      }
    } else {
      parts.push_back(comp);
    }
    i = j + 1;
  }
  std::string out(static_cast<size_t>(leading), '/');
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k > 0) out.push_back('/');
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

Object* NormPathFn(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("normpath", nargs, 1, 1)) return nullptr;
  std::string p;
  if (!PathArg("normpath", args[0], &p)) return nullptr;
  return NewStr(NormPath(p));
}

Object* AbsPath(Object* const* args, size_t nargs, TupleObject*) {
  if (!CheckArgCount("abspath", nargs, 1, 1)) return nullptr;
  std::string p;
  if (!PathArg("abspath", args[0], &p)) return nullptr;
  if (p.empty() || p[0] != '/') {
    std::vector<char> buf(PATH_MAX + 1);
    if (getcwd(buf.data(), buf.size()) == nullptr)
      return SetOSError(errno, nullptr);
    p = std::string(buf.data()) + "/" + p;
  }
  return NewStr(NormPath(p));
}

using FunctionTable = std::initializer_list<std::pair<const char*, NativeFn>>;

void AddFunctions(ModuleObject* m, FunctionTable table, uint32_t flags = 0) {
  for (const auto& [name, fn] : table) {
    DictSetStr(m->dict, name, NewStaticNativeFunction(name, fn, flags));
  }
}

ModuleObject* NewPathModule() {
  ModuleObject* m = NewModule("posixpath");
  if (m == nullptr) return nullptr;
  AddFunctions(m, {{"exists", Exists},
                   {"isfile", IsFile},
                   {"isdir", IsDir},
                   {"getsize", GetSize},
                   {"join", Join},
                   {"dirname", Dirname},
                   {"basename", Basename},
                   {"split", SplitPath},
                   {"splitext", SplitExt},
                   {"isabs", IsAbs},
                   {"normpath", NormPathFn},
                   {"abspath", AbsPath}});
  DictSetStr(m->dict, "sep", NewStr("/"));
  return m;
}

ModuleObject* NewOsModule() {
  ModuleObject* m = NewModule("os");
  if (m == nullptr) return nullptr;
  AddFunctions(m, {{"getpid", GetPid},
                   {"cpu_count", CpuCount},
                   {"getcwd", GetCwd},
                   {"listdir", ListDir},
                   {"remove", Remove},
                   {"unlink", Remove},
                   {"rmdir", RmDir},
                   {"mkdir", MkDir},
                   {"chdir", ChDir},
                   {"rename", Rename},
                   {"urandom", Urandom}});
  DictSetStr(m->dict, "getenv",
             NewStaticNativeFunction("getenv", GetEnv, kNativeKeywords));
  // environ: a snapshot dict, as CPython takes one at start-up.
  DictObject* env = NewDict();
  if (env != nullptr) {
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
      std::string_view entry = *e;
      size_t eq = entry.find('=');
      if (eq == std::string_view::npos || !IsValidUtf8(entry)) continue;
      StrObject* k = NewStr(entry.substr(0, eq));
      StrObject* v = NewStr(entry.substr(eq + 1));
      if (k != nullptr && v != nullptr) DictSetItem(env, k, v);
      XDecref(k);
      XDecref(v);
    }
    DictSetStr(m->dict, "environ", env);
  }
  DictSetStr(m->dict, "name", NewStr("posix"));
  DictSetStr(m->dict, "sep", NewStr("/"));
  DictSetStr(m->dict, "linesep", NewStr("\n"));
  DictSetStr(m->dict, "pathsep", NewStr(":"));
  DictSetStr(m->dict, "curdir", NewStr("."));
  DictSetStr(m->dict, "pardir", NewStr(".."));
  DictSetStr(m->dict, "devnull", NewStr("/dev/null"));
  ModuleObject* path = NewPathModule();
  if (path != nullptr) {
    // `import os.path` finds it in sys.modules too.
    DictSetItem(GetInterpreter().modules, InternStr("os.path"), path);
    DictSetStr(m->dict, "path", path);
  }
  return m;
}

struct Register {
  Register() { RegisterNativeModule("os", NewOsModule); }
} register_os;

}  // namespace

}  // namespace twinpy
