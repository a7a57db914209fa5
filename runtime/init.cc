// Start-up: every built-in type, then the builtins and sys modules.
#include <string>
#include <vector>

#include "runtime/abstract.h"
#include "runtime/builtins.h"
#include "runtime/descr.h"
#include "runtime/frameinfo.h"
#include "runtime/typeobject.h"
#include "runtime/code.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/file.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/iterators.h"
#include "runtime/list.h"
#include "runtime/module.h"
#include "runtime/range.h"
#include "runtime/set.h"
#include "runtime/slice.h"
#include "runtime/str.h"
#include "runtime/stream.h"
#include "runtime/tuple.h"

namespace twinpy {

void InitObjectTypes();
void InitModuleType();

void InitRuntime(const std::vector<std::string>& argv) {
  // Types first: later steps create instances of them. str and dict come
  // early because every type dict is a dict of str keys.
  InitObjectTypes();
  InitStrType();
  InitDictType();
  InitIntType();
  InitFloatType();
  InitTupleType();
  InitListType();
  InitSliceType();
  InitRangeType();
  InitCodeType();
  InitFunctionTypes();
  InitExceptionTypes();
  InitIteratorTypes();
  InitModuleType();
  InitStreamType();
  InitDescrTypes();
  InitTypeObject();
  InitFrameInfoType();
  InitSetType();
  InitFileType();

  InvalidateTypeCaches();  // type dicts were filled above
  Interpreter& interp = GetInterpreter();
  interp.modules = NewDict();
  interp.argv = NewList(0);
  for (const std::string& arg : argv) ListAppendSteal(interp.argv, NewStr(arg));
  interp.path = NewList(0);
  ModuleObject* builtins = NewBuiltinsModule();
  interp.builtins = NewRef(builtins->dict);
  DictSetItem(interp.modules, InternStr("builtins"), builtins);
  Decref(builtins);
}

}  // namespace twinpy
