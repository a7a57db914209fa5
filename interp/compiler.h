// The compiler: from a syntax tree to code objects.
#ifndef TWINPY_INTERP_COMPILER_H_
#define TWINPY_INTERP_COMPILER_H_

#include <optional>
#include <string_view>

#include "interp/ast.h"
#include "interp/syntax_error.h"
#include "runtime/code.h"

namespace twinpy {

struct CompileResult {
  CodeObject* code = nullptr;  // new reference; null on error
  std::optional<SyntaxErrorInfo> error;
};

// `source` supplies the text of the offending line for error reports.
CompileResult Compile(const ast::Module& module, std::string_view filename,
                      std::string_view source);

// Parses and compiles in one step.
CompileResult CompileSource(std::string_view source, std::string_view filename);

}  // namespace twinpy

#endif  // TWINPY_INTERP_COMPILER_H_
