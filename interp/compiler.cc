// Code generation: one pass over the syntax tree per scope, emitting
// instruction words, then a flow analysis for the operand-stack depth.
#include "interp/compiler.h"

#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "interp/opcodes.h"
#include "interp/ast_visit.h"
#include "interp/superinstructions.h"
#include "interp/parser.h"
#include "interp/symtable.h"
#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/errors.h"
#include "runtime/float.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/strcat.h"
#include "runtime/tuple.h"

namespace twinpy {

namespace {

// A compile error unwinds the code generator to Compile().
struct CompileError {
  SyntaxErrorInfo info;
};

// A block that a `return`, `break` or `continue` must leave properly: run
// a finally body, close a `with`, restore the handled exception, or pop a
// loop's iterator.
enum class BlockKind {
  kWhile,
  kFor,
  kTryFinally,       // the try body of try/finally: its finally body runs
  kWith,             // a with body: __exit__(None, None, None) runs
  kExceptHandler,    // an except clause body: [prev_exc] is on the stack
  kFinallyHandler,   // a finally body entered by an exception: [prev, exc]
};

struct Block {
  BlockKind kind;
  int continue_target = 0;       // loops
  std::vector<int> breaks;       // loops: jumps to patch to the exit
  const ast::StmtList* finalbody = nullptr;  // kTryFinally
  std::string exc_name;          // kExceptHandler: `except E as name`
  size_t handler_depth = 0;      // handlers active outside this block
  int stack_level = 0;           // operand stack depth outside this block
};

// An exception handler: where to jump and how deep the operand stack is
// when it starts (before the exception is pushed).
struct Handler {
  int target = -1;
  int depth = 0;
};

// The code object under construction for one scope.
struct Unit {
  Scope* scope = nullptr;
  std::vector<CodeWord> code;
  std::vector<int32_t> lines;
  std::vector<InstrColumns> columns;
  std::vector<Object*> consts;
  std::map<std::string, int> const_index;
  std::vector<std::string> names;
  std::map<std::string, int> name_index;
  std::vector<Block> blocks;
  std::vector<Handler> handlers;
  std::vector<int> active_handlers;  // innermost last
  std::vector<int> instr_handler;    // per instruction: handler or -1
  int stack_level = 0;               // items a statement starts above
  int line = 1;
  InstrColumns cols;                 // of the instructions emitted now
};

class CodeGen {
 public:
  CodeGen(SymbolTable* symbols, std::string_view filename,
          std::string_view source)
      : symbols_(symbols), filename_(filename), source_(source) {}
  // After a compile error, the scopes still open own their constants
  // (Finish hands them on otherwise).
  ~CodeGen() {
    for (Unit& u : units_) {
      for (Object* c : u.consts) Decref(c);
    }
  }
  CodeGen(const CodeGen&) = delete;
  CodeGen& operator=(const CodeGen&) = delete;

  CodeObject* CompileModule(const ast::Module& module) {
    units_.emplace_back();
    unit().scope = symbols_->module_scope();
    for (const auto& s : module.body) Stmt(s.get());
    Emit(OP_LOAD_CONST, Const(None()));
    Emit(OP_RETURN_VALUE, 0);
    return Finish("<module>", "<module>", 0, 0, 0, 0, 1);
  }

 private:
  Unit& unit() { return units_.back(); }
  Scope* scope() { return unit().scope; }

  [[noreturn]] void Fail(const ast::Node& node, std::string msg) {
    CompileError e;
    e.info.type = "SyntaxError";
    e.info.msg = std::move(msg);
    // Byte offsets; Compile() turns them into CPython's character offsets.
    e.info.line = node.line;
    e.info.col = node.col + 1;
    e.info.end_line = node.end_line;
    e.info.end_col = node.end_col + 1;
    throw e;
  }


  // --- emission ----------------------------------------------------------

  int Emit(Opcode op, uint32_t arg) {
    unit().code.push_back(MakeWord(op, arg));
    unit().lines.push_back(unit().line);
    unit().columns.push_back(unit().cols);
    unit().instr_handler.push_back(
        unit().active_handlers.empty() ? -1 : unit().active_handlers.back());
    return static_cast<int>(unit().code.size()) - 1;
  }
  int Here() const { return static_cast<int>(units_.back().code.size()); }
  void Patch(int at, int target) {
    CodeWord& w = unit().code[at];
    w = MakeWord(WordOp(w), static_cast<uint32_t>(target));
  }
  void PatchHere(int at) { Patch(at, Here()); }
  void EmitJumpTo(int target) {
    int at = Emit(target <= Here() ? OP_JUMP_BACKWARD : OP_JUMP,
                  static_cast<uint32_t>(target));
    // A loop's back edge belongs to the loop, not to its last expression:
    // an interrupt raised there is shown without carets, as CPython does.
    unit().columns[at] = InstrColumns();
  }

  // Constants are deduplicated by type and value (not by equality: 1 and
  // 1.0 and True must stay distinct).
  int Const(Object* value, const std::string& key) {
    auto it = unit().const_index.find(key);
    if (it != unit().const_index.end()) {
      Decref(value);
      return it->second;
    }
    int index = static_cast<int>(unit().consts.size());
    unit().consts.push_back(value);
    unit().const_index[key] = index;
    return index;
  }
  int Const(Object* singleton) {
    return Const(singleton, singleton == None()    ? "None"
                            : singleton == True()  ? "True"
                            : singleton == False() ? "False"
                                                   : "Ellipsis");
  }
  int StrConst(const std::string& s) {
    return Const(InternStr(s), StrCat("s:", s));
  }

  int Name(const std::string& name) {
    auto it = unit().name_index.find(name);
    if (it != unit().name_index.end()) return it->second;
    int index = static_cast<int>(unit().names.size());
    unit().names.push_back(name);
    unit().name_index[name] = index;
    return index;
  }

  // Instructions emitted from now on carry node's source range, as
  // CPython's compiler does (its tracebacks underline that range).
  void SetLine(const ast::Node& node) {
    if (node.line <= 0) return;
    unit().line = node.line;
    InstrColumns& c = unit().cols;
    c = InstrColumns();
    c.end_line = node.end_line;
    c.col = node.col;
    c.end_col = node.end_col;
  }
  void SetLine(const ast::Expr& e) {
    SetLine(static_cast<const ast::Node&>(e));
    if (e.line <= 0) return;
    InstrColumns& c = unit().cols;
    if (auto* b = ast::As<ast::BinOp>(&e)) {
      c.anchor = CaretAnchor::kBinOp;
      c.left = b->left->end_col;
      c.right = b->right->col;
    } else if (auto* s = ast::As<ast::Subscript>(&e)) {
      c.anchor = CaretAnchor::kSubscript;
      c.left = s->value->end_col;
      c.right = s->slice->end_col;
    }
  }
  // A line without columns (code before the first statement of a body).
  void SetLineOnly(int line) {
    unit().line = line;
    unit().cols = InstrColumns();
  }

  // --- names -------------------------------------------------------------

  enum class Access { kLoad, kStore, kDelete };

  std::string Private(const std::string& name) {
    return Mangle(scope()->private_name, name);
  }

  void NameOp(const std::string& raw_name, Access access, const ast::Node& node) {
    std::string name = Private(raw_name);
    NameScope ns = scope()->Lookup(name);
    static const Opcode kFast[] = {OP_LOAD_FAST, OP_STORE_FAST, OP_DELETE_FAST};
    static const Opcode kDeref[] = {OP_LOAD_DEREF, OP_STORE_DEREF,
                                    OP_DELETE_DEREF};
    static const Opcode kGlobal[] = {OP_LOAD_GLOBAL, OP_STORE_GLOBAL,
                                     OP_DELETE_GLOBAL};
    static const Opcode kName[] = {OP_LOAD_NAME, OP_STORE_NAME, OP_DELETE_NAME};
    int a = static_cast<int>(access);
    switch (ns) {
      case NameScope::kLocal:
        Emit(kFast[a], static_cast<uint32_t>(scope()->VarIndex(name)));
        return;
      case NameScope::kCell:
      case NameScope::kFree:
        if (scope()->kind == ScopeKind::kClass && access == Access::kLoad) {
          // The class namespace may shadow the enclosing function's name.
          Emit(OP_LOAD_CLASSDEREF, static_cast<uint32_t>(scope()->DerefIndex(name)));
          return;
        }
        Emit(kDeref[a], static_cast<uint32_t>(scope()->DerefIndex(name)));
        return;
      case NameScope::kGlobalExplicit:
      case NameScope::kGlobalImplicit:
        Emit(kGlobal[a], static_cast<uint32_t>(Name(name)));
        return;
      case NameScope::kNamespace:
        if (scope()->kind == ScopeKind::kModule) {
          // Module code: the namespace is the globals dict.
          Emit(kGlobal[a], static_cast<uint32_t>(Name(name)));
        } else {
          Emit(kName[a], static_cast<uint32_t>(Name(name)));
        }
        return;
    }
  }

  // --- statements --------------------------------------------------------

  void Body(const ast::StmtList& body) {
    for (const auto& s : body) Stmt(s.get());
  }

  void Stmt(const ast::Stmt* s) {
    SetLine(*s);
    using K = ast::StmtKind;
    switch (s->kind) {
      case K::FunctionDef:
        FunctionDef(static_cast<const ast::FunctionDef*>(s));
        break;
      case K::ClassDef:
        ClassDef(static_cast<const ast::ClassDef*>(s));
        break;
      case K::Return: {
        auto* r = static_cast<const ast::Return*>(s);
        if (scope()->kind != ScopeKind::kFunction) {
          Fail(*s, "'return' outside function");
        }
        if (r->value) {
          Expr(r->value.get());
        } else {
          Emit(OP_LOAD_CONST, Const(None()));
        }
        UnwindBlocks(0, /*preserve_tos=*/true);
        Emit(OP_RETURN_VALUE, 0);
        break;
      }
      case K::Delete:
        for (const auto& t : static_cast<const ast::Delete*>(s)->targets) {
          Delete(t.get());
        }
        break;
      case K::Assign: {
        auto* a = static_cast<const ast::Assign*>(s);
        Expr(a->value.get());
        for (size_t i = 0; i < a->targets.size(); ++i) {
          if (i + 1 < a->targets.size()) Emit(OP_DUP_TOP, 0);
          Store(a->targets[i].get());
        }
        break;
      }
      case K::AugAssign:
        AugAssign(static_cast<const ast::AugAssign*>(s));
        break;
      case K::AnnAssign: {
        auto* a = static_cast<const ast::AnnAssign*>(s);
        if (a->value) {
          Expr(a->value.get());
          Store(a->target.get());
        }
        break;
      }
      case K::For:
        For(static_cast<const ast::For*>(s));
        break;
      case K::While:
        While(static_cast<const ast::While*>(s));
        break;
      case K::If:
        If(static_cast<const ast::If*>(s));
        break;
      case K::With:
        With(static_cast<const ast::With*>(s), 0);
        break;
      case K::Raise: {
        auto* r = static_cast<const ast::Raise*>(s);
        int n = 0;
        if (r->exc) {
          Expr(r->exc.get());
          ++n;
          if (r->cause) {
            Expr(r->cause.get());
            ++n;
          }
        }
        Emit(OP_RAISE_VARARGS, n);
        break;
      }
      case K::Try:
        Try(static_cast<const ast::Try*>(s));
        break;
      case K::Assert: {
        auto* a = static_cast<const ast::Assert*>(s);
        Expr(a->test.get());
        int skip = Emit(OP_POP_JUMP_IF_TRUE, 0);
        // CPython's conditional jumps leave a comparison's range in force:
        // the AssertionError is raised "at" the last comparison tested.
        if (const ast::Expr* last = LastComparisonTested(a->test.get())) {
          SetLine(*last);
        }
        Emit(OP_LOAD_ASSERTION_ERROR, 0);
        if (a->msg) {
          Expr(a->msg.get());
          Emit(OP_CALL, 1);
        }
        Emit(OP_RAISE_VARARGS, 1);
        PatchHere(skip);
        break;
      }
      case K::Import:
        for (const auto& alias : static_cast<const ast::Import*>(s)->names) {
          // `import a.b` binds a; `import a.b as c` binds the submodule.
          bool dotted = alias.name.find('.') != std::string::npos;
          bool leaf = !alias.asname.empty() || !dotted;
          Emit(OP_IMPORT_NAME, (Name(alias.name) << 1) | (leaf ? 1 : 0));
          NameOp(alias.asname.empty() ? alias.name.substr(0, alias.name.find('.'))
                                      : alias.asname,
                 Access::kStore, alias);
        }
        break;
      case K::ImportFrom: {
        auto* f = static_cast<const ast::ImportFrom*>(s);
        if (f->level > 0) Fail(*s, "relative imports are not supported yet");
        Emit(OP_IMPORT_NAME, (Name(f->module) << 1) | 1);
        for (const auto& alias : f->names) {
          if (alias.name == "*") Fail(alias, "'import *' is not supported yet");
          Emit(OP_IMPORT_FROM, Name(alias.name));
          NameOp(alias.asname.empty() ? alias.name : alias.asname,
                 Access::kStore, alias);
        }
        Emit(OP_POP_TOP, 0);
        break;
      }
      case K::Global:
      case K::Nonlocal:
      case K::Pass:
        break;
      case K::Expr:
        Expr(static_cast<const ast::ExprStmt*>(s)->value.get());
        Emit(OP_POP_TOP, 0);
        break;
      case K::Break: {
        int loop = InnermostLoop();
        if (loop < 0) Fail(*s, "'break' outside loop");
        UnwindBlocks(loop + 1, false);
        if (unit().blocks[loop].kind == BlockKind::kFor) {
          Emit(OP_POP_TOP, 0);  // the iterator
        }
        unit().blocks[loop].breaks.push_back(Emit(OP_JUMP, 0));
        break;
      }
      case K::Continue: {
        int loop = InnermostLoop();
        if (loop < 0) Fail(*s, "'continue' not properly in loop");
        UnwindBlocks(loop + 1, false);
        EmitJumpTo(unit().blocks[loop].continue_target);
        break;
      }
    }
  }

  void If(const ast::If* s) {
    Expr(s->test.get());
    int to_else = Emit(OP_POP_JUMP_IF_FALSE, 0);
    Body(s->body);
    if (s->orelse.empty()) {
      PatchHere(to_else);
      return;
    }
    int to_end = Emit(OP_JUMP, 0);
    PatchHere(to_else);
    Body(s->orelse);
    PatchHere(to_end);
  }

  void While(const ast::While* s) {
    int top = Here();
    Expr(s->test.get());
    int to_exit = Emit(OP_POP_JUMP_IF_FALSE, 0);
    PushBlock(BlockKind::kWhile).continue_target = top;
    Body(s->body);
    EmitJumpTo(top);
    Block loop = PopBlock();
    PatchHere(to_exit);
    Body(s->orelse);
    for (int b : loop.breaks) PatchHere(b);
  }

  void For(const ast::For* s) {
    Expr(s->iter.get());
    SetLine(*s);
    Emit(OP_GET_ITER, 0);
    int top = Emit(OP_FOR_ITER, 0);
    PushBlock(BlockKind::kFor).continue_target = top;
    ++unit().stack_level;  // the iterator
    Store(s->target.get());
    Body(s->body);
    EmitJumpTo(top);
    --unit().stack_level;
    Block loop = PopBlock();
    PatchHere(top);  // exhausted: the iterator is already popped
    Body(s->orelse);
    for (int b : loop.breaks) PatchHere(b);
  }

  // --- blocks and exception handlers ---------------------------------------

  Block& PushBlock(BlockKind kind) {
    Block b;
    b.kind = kind;
    b.handler_depth = unit().active_handlers.size();
    b.stack_level = unit().stack_level;
    unit().blocks.push_back(std::move(b));
    return unit().blocks.back();
  }
  Block PopBlock() {
    Block b = std::move(unit().blocks.back());
    unit().blocks.pop_back();
    return b;
  }

  int InnermostLoop() {
    for (int i = static_cast<int>(unit().blocks.size()) - 1; i >= 0; --i) {
      BlockKind k = unit().blocks[i].kind;
      if (k == BlockKind::kWhile || k == BlockKind::kFor) return i;
    }
    return -1;
  }

  int NewHandler(int depth) {
    unit().handlers.push_back({-1, depth});
    return static_cast<int>(unit().handlers.size()) - 1;
  }
  void PushHandler(int h) { unit().active_handlers.push_back(h); }
  void PopHandler() { unit().active_handlers.pop_back(); }
  void HandlerHere(int h) { unit().handlers[h].target = Here(); }

  // Emits the exits of blocks[from:], innermost first, for a return (the
  // value on top is kept) or a break/continue. While a block's exit code is
  // emitted the block is popped, so that code is not protected by it and a
  // return inside a finally body does not run that body again.
  void UnwindBlocks(size_t from, bool preserve_tos) {
    std::vector<Block> popped;
    std::vector<int> saved_handlers = unit().active_handlers;
    int saved_level = unit().stack_level;
    while (unit().blocks.size() > from) {
      Block b = PopBlock();
      unit().active_handlers.resize(b.handler_depth);
      switch (b.kind) {
        case BlockKind::kWhile:
          break;
        case BlockKind::kFor:
          // Only a return unwinds through a loop (break and continue stop
          // at the innermost one): drop its iterator under the value.
          if (preserve_tos) Emit(OP_ROT_TWO, 0);
          Emit(OP_POP_TOP, 0);
          break;
        case BlockKind::kTryFinally:
          unit().stack_level = b.stack_level + (preserve_tos ? 1 : 0);
          Body(*b.finalbody);
          break;
        case BlockKind::kWith:
          if (preserve_tos) Emit(OP_ROT_TWO, 0);
          Emit(OP_WITH_EXIT_NORMAL, 0);
          break;
        case BlockKind::kExceptHandler:
          if (preserve_tos) Emit(OP_ROT_TWO, 0);
          Emit(OP_POP_EXCEPT, 0);
          ClearExceptName(b.exc_name);
          break;
        case BlockKind::kFinallyHandler:
          if (preserve_tos) Emit(OP_ROT_THREE, 0);
          Emit(OP_POP_TOP, 0);  // the exception being propagated
          Emit(OP_POP_EXCEPT, 0);
          break;
      }
      popped.push_back(std::move(b));
    }
    for (auto it = popped.rbegin(); it != popped.rend(); ++it) {
      unit().blocks.push_back(std::move(*it));
    }
    unit().active_handlers = saved_handlers;
    unit().stack_level = saved_level;
  }

  // `except E as name` unbinds the name when the clause ends (CPython does
  // this to break the frame <-> traceback cycle).
  void ClearExceptName(const std::string& name) {
    if (name.empty()) return;
    ast::Node here;
    here.line = unit().line;
    Emit(OP_LOAD_CONST, Const(None()));
    NameOp(name, Access::kStore, here);
    NameOp(name, Access::kDelete, here);
  }

  void Try(const ast::Try* s) {
    if (s->finalbody.empty()) {
      TryExcept(s);
      return;
    }
    // try/finally around the rest (which may itself have except clauses).
    int handler = NewHandler(unit().stack_level);
    PushHandler(handler);
    PushBlock(BlockKind::kTryFinally).finalbody = &s->finalbody;
    if (s->handlers.empty()) {
      Body(s->body);
      Body(s->orelse);
    } else {
      TryExcept(s);
    }
    PopBlock();
    PopHandler();
    Body(s->finalbody);
    int to_end = Emit(OP_JUMP, 0);
    // Exceptional path: [exc] -> [prev, exc], run the body, re-raise.
    HandlerHere(handler);
    Emit(OP_PUSH_EXC_INFO, 0);
    int cleanup = NewHandler(unit().stack_level + 1);
    PushHandler(cleanup);
    PushBlock(BlockKind::kFinallyHandler);
    unit().stack_level += 2;
    Body(s->finalbody);
    unit().stack_level -= 2;
    PopBlock();
    Emit(OP_RERAISE, 0);
    PopHandler();
    HandlerHere(cleanup);
    Emit(OP_POP_EXCEPT_AND_RERAISE, 0);
    PatchHere(to_end);
  }

  void TryExcept(const ast::Try* s) {
    int level = unit().stack_level;
    int handler = NewHandler(level);
    PushHandler(handler);
    Body(s->body);
    PopHandler();
    Body(s->orelse);
    std::vector<int> to_end = {Emit(OP_JUMP, 0)};
    HandlerHere(handler);
    Emit(OP_PUSH_EXC_INFO, 0);  // [prev, exc]
    int cleanup = NewHandler(level + 1);
    PushHandler(cleanup);
    for (const ast::ExceptHandler& h : s->handlers) {
      SetLine(h);
      int next = -1;
      if (h.type) {
        unit().stack_level = level + 2;
        Expr(h.type.get());
        Emit(OP_CHECK_EXC_MATCH, 0);
        next = Emit(OP_POP_JUMP_IF_FALSE, 0);
      }
      unit().stack_level = level + 2;
      if (!h.name.empty()) {
        NameOp(h.name, Access::kStore, h);
      } else {
        Emit(OP_POP_TOP, 0);
      }
      unit().stack_level = level + 1;  // [prev]
      PushBlock(BlockKind::kExceptHandler).exc_name = h.name;
      Body(h.body);
      PopBlock();
      Emit(OP_POP_EXCEPT, 0);
      ClearExceptName(h.name);
      to_end.push_back(Emit(OP_JUMP, 0));
      if (next >= 0) PatchHere(next);
    }
    Emit(OP_RERAISE, 0);  // no clause matched
    PopHandler();
    unit().stack_level = level;
    HandlerHere(cleanup);
    Emit(OP_POP_EXCEPT_AND_RERAISE, 0);
    for (int j : to_end) PatchHere(j);
  }

  void With(const ast::With* s, size_t index) {
    const ast::WithItem& item = s->items[index];
    Expr(item.context_expr.get());
    SetLine(*s);
    Emit(OP_BEFORE_WITH, 0);  // [exit, enter_result]
    int level = unit().stack_level;
    int handler = NewHandler(level + 1);
    PushHandler(handler);
    PushBlock(BlockKind::kWith);
    unit().stack_level = level + 1;
    if (item.optional_vars) {
      Store(item.optional_vars.get());
    } else {
      Emit(OP_POP_TOP, 0);
    }
    if (index + 1 < s->items.size()) {
      With(s, index + 1);
    } else {
      Body(s->body);
    }
    PopBlock();
    PopHandler();
    unit().stack_level = level;
    SetLine(*s);
    Emit(OP_WITH_EXIT_NORMAL, 0);
    int to_end = Emit(OP_JUMP, 0);
    // [exit, exc] -> [exit, prev, exc]; __exit__ decides.
    HandlerHere(handler);
    Emit(OP_PUSH_EXC_INFO, 0);
    int cleanup = NewHandler(level + 2);
    PushHandler(cleanup);
    Emit(OP_WITH_EXCEPT_START, 0);
    int suppress = Emit(OP_POP_JUMP_IF_TRUE, 0);
    Emit(OP_RERAISE, 0);
    PatchHere(suppress);
    Emit(OP_POP_TOP, 0);     // exc
    Emit(OP_POP_EXCEPT, 0);  // prev
    Emit(OP_POP_TOP, 0);     // exit
    PopHandler();
    int to_end2 = Emit(OP_JUMP, 0);
    HandlerHere(cleanup);
    Emit(OP_POP_EXCEPT_AND_RERAISE, 0);
    PatchHere(to_end);
    PatchHere(to_end2);
  }

  void AugAssign(const ast::AugAssign* s) {
    uint32_t op = static_cast<uint32_t>(BinOpFor(s->op));
    const ast::Expr* t = s->target.get();
    // As CPython: the target's loads and stores carry the target's range,
    // the operation the statement's.
    SetLine(*t);
    if (auto* n = ast::As<ast::Name>(t)) {
      NameOp(n->id, Access::kLoad, *n);
      Expr(s->value.get());
      SetLine(*s);
      Emit(OP_INPLACE_OP, op);
      SetLine(*t);
      NameOp(n->id, Access::kStore, *n);
    } else if (auto* a = ast::As<ast::Attribute>(t)) {
      Expr(a->value.get());
      Emit(OP_DUP_TOP, 0);
      Emit(OP_LOAD_ATTR, Name(Private(a->attr)));
      Expr(s->value.get());
      SetLine(*s);
      Emit(OP_INPLACE_OP, op);
      SetLine(*t);
      Emit(OP_ROT_TWO, 0);
      Emit(OP_STORE_ATTR, Name(Private(a->attr)));
    } else if (auto* sub = ast::As<ast::Subscript>(t)) {
      Expr(sub->value.get());
      Expr(sub->slice.get());
      Emit(OP_DUP_TOP_TWO, 0);
      Emit(OP_BINARY_SUBSCR, 0);
      Expr(s->value.get());
      SetLine(*s);
      Emit(OP_INPLACE_OP, op);
      SetLine(*t);
      Emit(OP_ROT_THREE, 0);
      Emit(OP_STORE_SUBSCR, 0);
    } else {
      Fail(*t, "'" + std::string(ast::KindName(t->kind)) +
                   "' is an illegal expression for augmented assignment");
    }
  }

  // A target's instructions carry its range, as an expression's do.
  void Store(const ast::Expr* t) {
    int saved_line = unit().line;
    InstrColumns saved_cols = unit().cols;
    SetLine(*t);
    StoreBody(t);
    unit().line = saved_line;
    unit().cols = saved_cols;
  }

  void StoreBody(const ast::Expr* t) {
    using K = ast::ExprKind;
    switch (t->kind) {
      case K::Name:
        NameOp(static_cast<const ast::Name*>(t)->id, Access::kStore, *t);
        return;
      case K::Attribute: {
        auto* a = static_cast<const ast::Attribute*>(t);
        Expr(a->value.get());
        Emit(OP_STORE_ATTR, Name(Private(a->attr)));
        return;
      }
      case K::Subscript: {
        auto* s = static_cast<const ast::Subscript*>(t);
        Expr(s->value.get());
        Expr(s->slice.get());
        Emit(OP_STORE_SUBSCR, 0);
        return;
      }
      case K::Tuple:
      case K::List: {
        const ast::ExprList& elts =
            t->kind == K::Tuple ? static_cast<const ast::Tuple*>(t)->elts
                                : static_cast<const ast::List*>(t)->elts;
        int star = -1;
        for (size_t i = 0; i < elts.size(); ++i) {
          if (elts[i]->kind == K::Starred) {
            if (star >= 0) Fail(*t, "multiple starred expressions in assignment");
            star = static_cast<int>(i);
          }
        }
        if (star < 0) {
          Emit(OP_UNPACK_SEQUENCE, static_cast<uint32_t>(elts.size()));
        } else {
          uint32_t after = static_cast<uint32_t>(elts.size() - star - 1);
          if (star > 255 || after > 255) {
            Fail(*t, "too many expressions in star-unpacking assignment");
          }
          Emit(OP_UNPACK_EX, static_cast<uint32_t>(star) | (after << 8));
        }
        for (const auto& e : elts) {
          if (e->kind == K::Starred) {
            Store(static_cast<const ast::Starred*>(e.get())->value.get());
          } else {
            Store(e.get());
          }
        }
        return;
      }
      case K::Starred:
        Fail(*t, "starred assignment target must be in a list or tuple");
      default:
        Fail(*t, "cannot assign to expression");
    }
  }

  void Delete(const ast::Expr* t) {
    int saved_line = unit().line;
    InstrColumns saved_cols = unit().cols;
    SetLine(*t);
    DeleteBody(t);
    unit().line = saved_line;
    unit().cols = saved_cols;
  }

  void DeleteBody(const ast::Expr* t) {
    using K = ast::ExprKind;
    switch (t->kind) {
      case K::Name:
        NameOp(static_cast<const ast::Name*>(t)->id, Access::kDelete, *t);
        return;
      case K::Attribute: {
        auto* a = static_cast<const ast::Attribute*>(t);
        Expr(a->value.get());
        Emit(OP_DELETE_ATTR, Name(Private(a->attr)));
        return;
      }
      case K::Subscript: {
        auto* s = static_cast<const ast::Subscript*>(t);
        Expr(s->value.get());
        Expr(s->slice.get());
        Emit(OP_DELETE_SUBSCR, 0);
        return;
      }
      case K::Tuple:
        for (const auto& e : static_cast<const ast::Tuple*>(t)->elts) Delete(e.get());
        return;
      case K::List:
        for (const auto& e : static_cast<const ast::List*>(t)->elts) Delete(e.get());
        return;
      default:
        Fail(*t, "cannot delete expression");
    }
  }

  // --- functions ---------------------------------------------------------

  // Pushes defaults and kw-defaults per `args`; returns MAKE_FUNCTION flags.
  uint32_t Defaults(const ast::Arguments& args) {
    uint32_t flags = 0;
    if (!args.defaults.empty()) {
      for (const auto& d : args.defaults) Expr(d.get());
      Emit(OP_BUILD_TUPLE, static_cast<uint32_t>(args.defaults.size()));
      flags |= kMakeDefaults;
    }
    int kw = 0;
    for (size_t i = 0; i < args.kwonlyargs.size(); ++i) {
      if (args.kw_defaults[i]) {
        Emit(OP_LOAD_CONST, StrConst(args.kwonlyargs[i].arg));
        Expr(args.kw_defaults[i].get());
        ++kw;
      }
    }
    if (kw > 0) {
      Emit(OP_BUILD_MAP, kw);
      flags |= kMakeKwDefaults;
    }
    return flags;
  }

  // Pushes the code of `child` as a function object (with its closure).
  void MakeFunction(Scope* child, CodeObject* code, uint32_t flags) {
    if (!child->freevars.empty()) {
      for (const std::string& name : child->freevars) {
        int index = scope()->DerefIndex(name);
        if (index < 0) {
          CompileError e;
          e.info.type = "SystemError";
          e.info.msg = StrCat("no cell for free variable '", name, "'");
          throw e;
        }
        Emit(OP_LOAD_CLOSURE, static_cast<uint32_t>(index));
      }
      Emit(OP_BUILD_TUPLE, static_cast<uint32_t>(child->freevars.size()));
      flags |= kMakeClosure;
    }
    Emit(OP_LOAD_CONST, Const(code, StrCat("code:", reinterpret_cast<uintptr_t>(code))));
    Emit(OP_MAKE_FUNCTION, flags);
  }

  CodeObject* FunctionBody(Scope* child, const ast::Arguments& args,
                           const std::function<void()>& body, int firstline) {
    units_.emplace_back();
    unit().scope = child;
    SetLineOnly(firstline);
    body();
    int argcount = static_cast<int>(args.posonlyargs.size() + args.args.size());
    return Finish(child->name, child->qualname, argcount,
                  static_cast<int>(args.posonlyargs.size()),
                  static_cast<int>(args.kwonlyargs.size()),
                  (args.vararg ? kCodeVarargs : 0) |
                      (args.kwarg ? kCodeVarkeywords : 0),
                  firstline);
  }

  void FunctionDef(const ast::FunctionDef* f) {
    for (const auto& d : f->decorator_list) Expr(d.get());
    SetLine(*f);
    uint32_t flags = Defaults(f->args);
    Scope* child = symbols_->ScopeFor(f);
    CodeObject* code = FunctionBody(
        child, f->args,
        [&] {
          Body(f->body);
          Emit(OP_LOAD_CONST, Const(None()));
          Emit(OP_RETURN_VALUE, 0);
        },
        f->line);
    MakeFunction(child, code, flags);
    // A leading string literal is the docstring.
    if (!f->body.empty()) {
      if (auto* e = ast::As<ast::ExprStmt>(f->body[0].get())) {
        auto* k = ast::As<ast::Constant>(e->value.get());
        if (k != nullptr && k->value_kind == ast::ConstantKind::Str) {
          Emit(OP_DUP_TOP, 0);
          Emit(OP_LOAD_CONST, StrConst(k->str_value));
          Emit(OP_ROT_TWO, 0);
          Emit(OP_STORE_ATTR, Name("__doc__"));
        }
      }
    }
    ApplyDecorators(f->decorator_list);
    NameOp(f->name, Access::kStore, *f);
  }

  // class C(B, metaclass=M): __build_class__(body_function, "C", B, ...)
  void ClassDef(const ast::ClassDef* c) {
    for (const auto& d : c->decorator_list) Expr(d.get());
    SetLine(*c);
    Emit(OP_LOAD_BUILD_CLASS, 0);
    Scope* child = symbols_->ScopeFor(c);
    units_.emplace_back();
    unit().scope = child;
    SetLineOnly(c->line);
    Emit(OP_LOAD_NAME, Name("__name__"));
    Emit(OP_STORE_NAME, Name("__module__"));
    Emit(OP_LOAD_CONST, StrConst(child->qualname));
    Emit(OP_STORE_NAME, Name("__qualname__"));
    size_t first = 0;
    if (!c->body.empty()) {
      if (auto* e = ast::As<ast::ExprStmt>(c->body[0].get())) {
        auto* k = ast::As<ast::Constant>(e->value.get());
        if (k != nullptr && k->value_kind == ast::ConstantKind::Str) {
          Emit(OP_LOAD_CONST, StrConst(k->str_value));
          Emit(OP_STORE_NAME, Name("__doc__"));
          first = 1;
        }
      }
    }
    for (size_t i = first; i < c->body.size(); ++i) Stmt(c->body[i].get());
    // The body returns the __class__ cell, which the new class fills.
    int cell = scope()->DerefIndex("__class__");
    if (cell >= 0 && static_cast<size_t>(cell) < child->cellvars.size()) {
      Emit(OP_LOAD_CLOSURE, static_cast<uint32_t>(cell));
    } else {
      Emit(OP_LOAD_CONST, Const(None()));
    }
    Emit(OP_RETURN_VALUE, 0);
    CodeObject* code = Finish(c->name, child->qualname, 0, 0, 0, 0, c->line);
    MakeFunction(child, code, 0);
    Emit(OP_LOAD_CONST, StrConst(c->name));
    CheckRepeatedKeywords(c->keywords);
    bool starred = HasStarred(c->bases);
    if (starred) Fail(*c, "starred class bases are not supported yet");
    for (const auto& b : c->bases) Expr(b.get());
    uint32_t nargs = static_cast<uint32_t>(2 + c->bases.size());
    if (c->keywords.empty()) {
      Emit(OP_CALL, nargs);
    } else {
      std::vector<Object*> names;
      std::string key = "kw:";
      for (const auto& k : c->keywords) {
        if (k.arg.empty()) Fail(k, "**kwargs in class bases is not supported yet");
        Expr(k.value.get());
        names.push_back(InternStr(k.arg));
        StrAppend(&key, k.arg, ",");
      }
      TupleObject* kwnames = TupleFrom(names.data(), static_cast<int64_t>(names.size()));
      Emit(OP_LOAD_CONST, Const(kwnames, key));
      Emit(OP_CALL_KW, nargs + static_cast<uint32_t>(c->keywords.size()));
    }
    ApplyDecorators(c->decorator_list);
    NameOp(c->name, Access::kStore, *c);
  }

  void Lambda(const ast::Lambda* l) {
    uint32_t flags = Defaults(l->args);
    Scope* child = symbols_->ScopeFor(l);
    CodeObject* code = FunctionBody(
        child, l->args,
        [&] {
          Expr(l->body.get());
          Emit(OP_RETURN_VALUE, 0);
        },
        l->line);
    MakeFunction(child, code, flags);
  }

  // List and dict comprehensions run as a nested function called with the
  // first iterator, as in CPython before 3.12.
  void Comprehension(const ast::Expr* node,
                     const std::vector<ast::Comprehension>& generators,
                     const ast::Expr* elt, const ast::Expr* value,
                     Opcode build) {
    Scope* child = symbols_->ScopeFor(node);
    ast::Arguments args;
    args.args.emplace_back();
    args.args.back().arg = ".0";
    CodeObject* code = FunctionBody(
        child, args,
        [&] {
          if (build == OP_NOP) {  // a generator expression yields instead
            ComprehensionLoop(generators, 0, elt, value, build);
            Emit(OP_LOAD_CONST, Const(None()));
          } else {
            Emit(build, 0);
            ComprehensionLoop(generators, 0, elt, value, build);
          }
          Emit(OP_RETURN_VALUE, 0);
        },
        node->line);
    MakeFunction(child, code, 0);
    Expr(generators[0].iter.get());
    Emit(OP_GET_ITER, 0);
    Emit(OP_CALL, 1);
  }

  void ComprehensionLoop(const std::vector<ast::Comprehension>& generators,
                         size_t index, const ast::Expr* elt,
                         const ast::Expr* value, Opcode build) {
    const ast::Comprehension& g = generators[index];
    if (index == 0) {
      Emit(OP_LOAD_FAST, 0);  // .0, the iterator
    } else {
      Expr(g.iter.get());
      Emit(OP_GET_ITER, 0);
    }
    int top = Emit(OP_FOR_ITER, 0);
    Store(g.target.get());
    std::vector<int> skips;
    for (const auto& cond : g.ifs) {
      Expr(cond.get());
      skips.push_back(Emit(OP_POP_JUMP_IF_FALSE, 0));
    }
    if (index + 1 < generators.size()) {
      ComprehensionLoop(generators, index + 1, elt, value, build);
    } else {
      // The result container sits below one iterator per loop level.
      uint32_t depth = static_cast<uint32_t>(index + 2);
      if (build == OP_BUILD_MAP) {
        Expr(elt);
        Expr(value);
        Emit(OP_MAP_ADD, depth);
      } else if (build == OP_NOP) {
        Expr(elt);
        Emit(OP_YIELD_VALUE, 0);
        Emit(OP_POP_TOP, 0);
      } else if (build == OP_BUILD_SET) {
        Expr(elt);
        Emit(OP_SET_ADD, depth);
      } else {
        Expr(elt);
        Emit(OP_LIST_APPEND, depth);
      }
    }
    for (int s : skips) Patch(s, top);
    EmitJumpTo(top);
    PatchHere(top);
  }

  // --- expressions -------------------------------------------------------

  static BinOp BinOpFor(ast::Operator op) {
    switch (op) {
      case ast::Operator::Add: return BinOp::kAdd;
      case ast::Operator::Sub: return BinOp::kSub;
      case ast::Operator::Mult: return BinOp::kMul;
      case ast::Operator::MatMult: return BinOp::kMatMul;
      case ast::Operator::Div: return BinOp::kTrueDiv;
      case ast::Operator::Mod: return BinOp::kMod;
      case ast::Operator::Pow: return BinOp::kPow;
      case ast::Operator::LShift: return BinOp::kLShift;
      case ast::Operator::RShift: return BinOp::kRShift;
      case ast::Operator::BitOr: return BinOp::kOr;
      case ast::Operator::BitXor: return BinOp::kXor;
      case ast::Operator::BitAnd: return BinOp::kAnd;
      case ast::Operator::FloorDiv: return BinOp::kFloorDiv;
    }
    return BinOp::kAdd;
  }

  void Compare(ast::CmpOp op) {
    switch (op) {
      case ast::CmpOp::Eq: Emit(OP_COMPARE_OP, static_cast<uint32_t>(CompareOp::kEq)); return;
      case ast::CmpOp::NotEq: Emit(OP_COMPARE_OP, static_cast<uint32_t>(CompareOp::kNe)); return;
      case ast::CmpOp::Lt: Emit(OP_COMPARE_OP, static_cast<uint32_t>(CompareOp::kLt)); return;
      case ast::CmpOp::LtE: Emit(OP_COMPARE_OP, static_cast<uint32_t>(CompareOp::kLe)); return;
      case ast::CmpOp::Gt: Emit(OP_COMPARE_OP, static_cast<uint32_t>(CompareOp::kGt)); return;
      case ast::CmpOp::GtE: Emit(OP_COMPARE_OP, static_cast<uint32_t>(CompareOp::kGe)); return;
      case ast::CmpOp::Is: Emit(OP_IS_OP, 0); return;
      case ast::CmpOp::IsNot: Emit(OP_IS_OP, 1); return;
      case ast::CmpOp::In: Emit(OP_CONTAINS_OP, 0); return;
      case ast::CmpOp::NotIn: Emit(OP_CONTAINS_OP, 1); return;
    }
  }

  // The runtime object of a constant node (new reference) and its dedup key.
  Object* ConstantValue(const ast::Constant* c, std::string* key) {
    using CK = ast::ConstantKind;
    switch (c->value_kind) {
      case CK::None: *key = "None"; return None();
      case CK::True: *key = "True"; return True();
      case CK::False: *key = "False"; return False();
      case CK::Ellipsis: *key = "Ellipsis"; return &EllipsisObject;
      case CK::Int: {
        Object* v = NewIntFromDigits(c->int_digits, c->int_base);
        if (v == nullptr) {
          ClearError();
          Fail(*c, "invalid integer literal");
        }
        *key = StrCat("i:", IntToString(v, 16));
        return v;
      }
      case CK::Float: {
        uint64_t bits;
        memcpy(&bits, &c->float_value, sizeof(bits));
        *key = StrCat("f:", bits);
        return NewFloat(c->float_value);
      }
      case CK::Str:
        *key = StrCat("s:", c->str_value);
        return InternStr(c->str_value);
      case CK::Imaginary:
        Fail(*c, "complex numbers are not supported yet");
      case CK::Bytes:
        Fail(*c, "bytes literals are not supported yet");
    }
    return None();
  }

  bool IsConstantTuple(const ast::Tuple* t) const {
    for (const auto& e : t->elts) {
      if (e->kind != ast::ExprKind::Constant) return false;
      auto k = static_cast<const ast::Constant*>(e.get())->value_kind;
      if (k == ast::ConstantKind::Imaginary || k == ast::ConstantKind::Bytes) {
        return false;
      }
    }
    return true;
  }

  bool HasStarred(const ast::ExprList& elts) const {
    for (const auto& e : elts) {
      if (e->kind == ast::ExprKind::Starred) return true;
    }
    return false;
  }

  // Builds a list from elements that may contain *starred ones.
  void StarredList(const ast::ExprList& elts) {
    Emit(OP_BUILD_LIST, 0);
    size_t i = 0;
    while (i < elts.size()) {
      if (elts[i]->kind == ast::ExprKind::Starred) {
        Expr(static_cast<const ast::Starred*>(elts[i].get())->value.get());
        Emit(OP_LIST_EXTEND, 1);
        ++i;
        continue;
      }
      size_t run = 0;
      while (i < elts.size() && elts[i]->kind != ast::ExprKind::Starred) {
        Expr(elts[i].get());
        ++i;
        ++run;
      }
      Emit(OP_BUILD_LIST, static_cast<uint32_t>(run));
      Emit(OP_LIST_EXTEND, 1);
    }
  }

  // Decorators apply innermost first, each call at its decorator's range.
  void ApplyDecorators(const ast::ExprList& decorators) {
    int saved_line = unit().line;
    InstrColumns saved_cols = unit().cols;
    for (size_t i = decorators.size(); i-- > 0;) {
      SetLine(*decorators[i]);
      Emit(OP_CALL, 1);
    }
    unit().line = saved_line;
    unit().cols = saved_cols;
  }

  // The comparison whose range CPython's compiler_jump_if leaves set after
  // a test (it recurses through `not`, `and`/`or` and `x if c else y`), or
  // nullptr.
  static const ast::Expr* LastComparisonTested(const ast::Expr* e) {
    if (e->kind == ast::ExprKind::Compare) return e;
    const ast::Expr* last = nullptr;
    auto visit = [&last](const ast::Expr* child) {
      if (const ast::Expr* c = LastComparisonTested(child)) last = c;
    };
    if (auto* b = ast::As<ast::BoolOp>(e)) {
      for (const auto& v : b->values) visit(v.get());
    } else if (auto* u = ast::As<ast::UnaryOp>(e)) {
      if (u->op == ast::UnaryOperator::Not) visit(u->operand.get());
    } else if (auto* i = ast::As<ast::IfExp>(e)) {
      visit(i->test.get());
      visit(i->body.get());
      visit(i->orelse.get());
    }
    return last;
  }

  // CPython's compiler rejects f(a=1, a=2), pointing at the repeat.
  void CheckRepeatedKeywords(const std::vector<ast::Keyword>& keywords) {
    for (size_t i = 0; i < keywords.size(); ++i) {
      if (keywords[i].arg.empty()) continue;
      for (size_t j = 0; j < i; ++j) {
        if (keywords[j].arg == keywords[i].arg) {
          Fail(keywords[i], "keyword argument repeated: " + keywords[i].arg);
        }
      }
    }
  }

  void Call(const ast::Call* c) {
    CheckRepeatedKeywords(c->keywords);
    bool starred = HasStarred(c->args);
    bool double_star = false;
    for (const auto& k : c->keywords) double_star |= k.arg.empty();
    if (starred || double_star) {
      Expr(c->func.get());
      StarredList(c->args);
      Emit(OP_LIST_TO_TUPLE, 0);
      if (c->keywords.empty()) {
        Emit(OP_LOAD_CONST, Const(None()));
      } else {
        Emit(OP_BUILD_MAP, 0);
        for (const auto& k : c->keywords) {
          if (k.arg.empty()) {
            Expr(k.value.get());
          } else {
            Emit(OP_LOAD_CONST, StrConst(k.arg));
            Expr(k.value.get());
            Emit(OP_BUILD_MAP, 1);
          }
          Emit(OP_DICT_UPDATE, 1);
        }
      }
      SetLine(*c);
      Emit(OP_CALL_EX, 0);
      return;
    }
    auto* attr = ast::As<ast::Attribute>(c->func.get());
    // Locals passed as they are may be lent to the call uncounted, unless
    // an assignment expression in the call could rebind one before it.
    bool lend = c->keywords.empty() && !HasNamedExpr(c);
    if (attr != nullptr && c->keywords.empty()) {
      Expr(attr->value.get());
      SetLine(*attr);
      Emit(OP_LOAD_METHOD, Name(Private(attr->attr)));
      for (size_t i = 0; i < c->args.size(); ++i) CallArg(c->args[i].get(), lend, i + 1);
      SetLine(*c);
      Emit(OP_CALL_METHOD, static_cast<uint32_t>(c->args.size()));
      return;
    }
    Expr(c->func.get());
    for (size_t i = 0; i < c->args.size(); ++i) CallArg(c->args[i].get(), lend, i);
    if (c->keywords.empty()) {
      SetLine(*c);
      Emit(OP_CALL, static_cast<uint32_t>(c->args.size()));
      return;
    }
    std::vector<Object*> names;
    std::string key = "kw:";
    for (const auto& k : c->keywords) {
      Expr(k.value.get());
      names.push_back(InternStr(k.arg));
      StrAppend(&key, k.arg, ",");
    }
    TupleObject* kwnames = TupleFrom(names.data(), static_cast<int64_t>(names.size()));
    Emit(OP_LOAD_CONST, Const(kwnames, key));
    SetLine(*c);
    Emit(OP_CALL_KW, static_cast<uint32_t>(c->args.size() + c->keywords.size()));
  }

  static bool HasNamedExpr(const ast::Expr* e) {
    if (e->kind == ast::ExprKind::NamedExpr) return true;
    bool found = false;
    ast::ForEachChild(*e, [&found](const ast::Expr* child) {
      if (!found) found = HasNamedExpr(child);
    });
    return found;
  }

  // The container of a subscript, just loaded by NameOp: a global is lent
  // to the subscript (LOAD_GLOBAL_LENT, see eval.cc) when the index is made
  // of constants, names, operators, tuples and slices (ShortIndex): nothing
  // there can suspend the frame or call, so the loan is short.
  void LendLoadedGlobal() {
    CodeWord& w = unit().code.back();
    if (WordOp(w) == OP_LOAD_GLOBAL) w = MakeWord(OP_LOAD_GLOBAL_LENT, WordArg(w));
  }

  static bool ShortIndex(const ast::Expr* e) {
    switch (e->kind) {
      case ast::ExprKind::Constant:
      case ast::ExprKind::Name:
      case ast::ExprKind::BinOp:
      case ast::ExprKind::UnaryOp:
      case ast::ExprKind::Tuple:
      case ast::ExprKind::Slice:
        break;
      default:
        return false;
    }
    bool all = true;
    ast::ForEachChild(*e, [&all](const ast::Expr* child) {
      if (all) all = ShortIndex(child);
    });
    return all;
  }

  // A positional argument; a fast local passed as it is, at a position the
  // call can tell apart (`slot` < 32, counting a method's receiver), is
  // lent (LOAD_FAST_LENT, see eval.cc).
  void CallArg(const ast::Expr* a, bool lend, size_t slot) {
    const auto* name = ast::As<ast::Name>(a);
    if (!lend || slot >= 32 || name == nullptr) {
      Expr(a);
      return;
    }
    std::string id = Private(name->id);
    if (scope()->Lookup(id) != NameScope::kLocal) {
      Expr(a);
      return;
    }
    EmitAt(*a, OP_LOAD_FAST_LENT, static_cast<uint32_t>(scope()->VarIndex(id)));
  }

  // One instruction with the position of `n`, whose parent's applies again
  // after it (what Expr(n) would do for a load).
  void EmitAt(const ast::Expr& n, Opcode op, uint32_t arg) {
    int saved_line = unit().line;
    InstrColumns saved_cols = unit().cols;
    SetLine(n);
    Emit(op, arg);
    unit().line = saved_line;
    unit().cols = saved_cols;
  }

  // Each expression's own instructions carry its range; its parent's range
  // applies again after it, as in CPython's compiler_visit_expr.
  void Expr(const ast::Expr* e) {
    int saved_line = unit().line;
    InstrColumns saved_cols = unit().cols;
    SetLine(*e);
    ExprBody(e);
    unit().line = saved_line;
    unit().cols = saved_cols;
  }

  void ExprBody(const ast::Expr* e) {
    using K = ast::ExprKind;
    switch (e->kind) {
      case K::BoolOp: {
        auto* b = static_cast<const ast::BoolOp*>(e);
        Opcode jump = b->op == ast::BoolOperator::And ? OP_JUMP_IF_FALSE_OR_POP
                                                      : OP_JUMP_IF_TRUE_OR_POP;
        std::vector<int> ends;
        for (size_t i = 0; i < b->values.size(); ++i) {
          Expr(b->values[i].get());
          if (i + 1 < b->values.size()) ends.push_back(Emit(jump, 0));
        }
        for (int j : ends) PatchHere(j);
        return;
      }
      case K::NamedExpr: {
        auto* n = static_cast<const ast::NamedExpr*>(e);
        Expr(n->value.get());
        Emit(OP_DUP_TOP, 0);
        Store(n->target.get());
        return;
      }
      case K::BinOp: {
        auto* b = static_cast<const ast::BinOp*>(e);
        Expr(b->left.get());
        Expr(b->right.get());
        SetLine(*b);
        Emit(OP_BINARY_OP, static_cast<uint32_t>(BinOpFor(b->op)));
        return;
      }
      case K::UnaryOp: {
        auto* u = static_cast<const ast::UnaryOp*>(e);
        // Fold -<number> so that -5 is a constant (and -2**63 fits).
        if (u->op == ast::UnaryOperator::USub &&
            u->operand->kind == K::Constant) {
          auto* c = static_cast<const ast::Constant*>(u->operand.get());
          if (c->value_kind == ast::ConstantKind::Int ||
              c->value_kind == ast::ConstantKind::Float) {
            std::string key;
            Object* v = ConstantValue(c, &key);
            Object* neg = Negative(v);
            Decref(v);
            Emit(OP_LOAD_CONST, Const(neg, "-" + key));
            return;
          }
        }
        Expr(u->operand.get());
        switch (u->op) {
          case ast::UnaryOperator::Invert: Emit(OP_UNARY_INVERT, 0); break;
          case ast::UnaryOperator::Not: Emit(OP_UNARY_NOT, 0); break;
          case ast::UnaryOperator::UAdd: Emit(OP_UNARY_POSITIVE, 0); break;
          case ast::UnaryOperator::USub: Emit(OP_UNARY_NEGATIVE, 0); break;
        }
        return;
      }
      case K::Lambda:
        Lambda(static_cast<const ast::Lambda*>(e));
        return;
      case K::IfExp: {
        auto* i = static_cast<const ast::IfExp*>(e);
        Expr(i->test.get());
        int to_else = Emit(OP_POP_JUMP_IF_FALSE, 0);
        Expr(i->body.get());
        int to_end = Emit(OP_JUMP, 0);
        PatchHere(to_else);
        Expr(i->orelse.get());
        PatchHere(to_end);
        return;
      }
      case K::Dict: {
        auto* d = static_cast<const ast::Dict*>(e);
        bool unpack = false;
        for (const auto& k : d->keys) unpack |= k == nullptr;
        if (!unpack) {
          for (size_t i = 0; i < d->keys.size(); ++i) {
            Expr(d->keys[i].get());
            Expr(d->values[i].get());
          }
          Emit(OP_BUILD_MAP, static_cast<uint32_t>(d->keys.size()));
          return;
        }
        Emit(OP_BUILD_MAP, 0);
        for (size_t i = 0; i < d->keys.size(); ++i) {
          if (d->keys[i] == nullptr) {
            Expr(d->values[i].get());
          } else {
            Expr(d->keys[i].get());
            Expr(d->values[i].get());
            Emit(OP_BUILD_MAP, 1);
          }
          Emit(OP_DICT_UPDATE, 1);
        }
        return;
      }
      case K::Set: {
        auto* st = static_cast<const ast::Set*>(e);
        if (HasStarred(st->elts)) {
          Emit(OP_BUILD_SET, 0);
          for (const auto& v : st->elts) {
            if (v->kind == K::Starred) {
              Expr(static_cast<const ast::Starred*>(v.get())->value.get());
              Emit(OP_SET_UPDATE, 1);
            } else {
              Expr(v.get());
              Emit(OP_SET_ADD, 1);
            }
          }
          return;
        }
        for (const auto& v : st->elts) Expr(v.get());
        Emit(OP_BUILD_SET, static_cast<uint32_t>(st->elts.size()));
        return;
      }
      case K::ListComp: {
        auto* c = static_cast<const ast::ListComp*>(e);
        Comprehension(e, c->generators, c->elt.get(), nullptr, OP_BUILD_LIST);
        return;
      }
      case K::DictComp: {
        auto* c = static_cast<const ast::DictComp*>(e);
        Comprehension(e, c->generators, c->key.get(), c->value.get(),
                      OP_BUILD_MAP);
        return;
      }
      case K::SetComp: {
        auto* c = static_cast<const ast::SetComp*>(e);
        Comprehension(e, c->generators, c->elt.get(), nullptr, OP_BUILD_SET);
        return;
      }
      case K::GeneratorExp: {
        auto* c = static_cast<const ast::GeneratorExp*>(e);
        Comprehension(e, c->generators, c->elt.get(), nullptr, OP_NOP);
        return;
      }
      case K::Yield: {
        auto* y = static_cast<const ast::Yield*>(e);
        if (scope()->kind != ScopeKind::kFunction) Fail(*e, "'yield' outside function");
        if (y->value) {
          Expr(y->value.get());
        } else {
          Emit(OP_LOAD_CONST, Const(None()));
        }
        Emit(OP_YIELD_VALUE, 0);
        return;
      }
      case K::YieldFrom: {
        auto* y = static_cast<const ast::YieldFrom*>(e);
        if (scope()->kind != ScopeKind::kFunction) Fail(*e, "'yield' outside function");
        Expr(y->value.get());
        Emit(OP_GET_YIELD_FROM_ITER, 0);
        Emit(OP_LOAD_CONST, Const(None()));
        Emit(OP_YIELD_FROM, 0);
        return;
      }
      case K::Compare: {
        auto* c = static_cast<const ast::Compare*>(e);
        Expr(c->left.get());
        if (c->ops.size() == 1) {
          Expr(c->comparators[0].get());
          SetLine(*c);
          Compare(c->ops[0]);
          return;
        }
        // a < b < c: each middle operand is evaluated once.
        std::vector<int> cleanups;
        for (size_t i = 0; i + 1 < c->ops.size(); ++i) {
          Expr(c->comparators[i].get());
          Emit(OP_DUP_TOP, 0);
          Emit(OP_ROT_THREE, 0);
          SetLine(*c);
          Compare(c->ops[i]);
          cleanups.push_back(Emit(OP_JUMP_IF_FALSE_OR_POP, 0));
        }
        Expr(c->comparators.back().get());
        SetLine(*c);
        Compare(c->ops.back());
        int to_end = Emit(OP_JUMP, 0);
        for (int j : cleanups) PatchHere(j);
        // [middle, False] -> [False]
        Emit(OP_ROT_TWO, 0);
        Emit(OP_POP_TOP, 0);
        PatchHere(to_end);
        return;
      }
      case K::Call:
        Call(static_cast<const ast::Call*>(e));
        return;
      case K::FormattedValue: {
        auto* f = static_cast<const ast::FormattedValue*>(e);
        Expr(f->value.get());
        uint32_t arg = f->conversion == 's'   ? kConvertStr
                       : f->conversion == 'r' ? kConvertRepr
                       : f->conversion == 'a' ? kConvertAscii
                                              : kConvertNone;
        if (f->format_spec) {
          Expr(f->format_spec.get());
          arg |= kFormatHasSpec;
        }
        Emit(OP_FORMAT_VALUE, arg);
        return;
      }
      case K::JoinedStr: {
        auto* j = static_cast<const ast::JoinedStr*>(e);
        for (const auto& v : j->values) Expr(v.get());
        if (j->values.size() != 1 ||
            j->values[0]->kind != ast::ExprKind::Constant) {
          Emit(OP_BUILD_STRING, static_cast<uint32_t>(j->values.size()));
        }
        return;
      }
      case K::Constant: {
        std::string key;
        Object* v = ConstantValue(static_cast<const ast::Constant*>(e), &key);
        Emit(OP_LOAD_CONST, Const(v, key));
        return;
      }
      case K::Attribute: {
        auto* a = static_cast<const ast::Attribute*>(e);
        Expr(a->value.get());
        SetLine(*a);
        Emit(OP_LOAD_ATTR, Name(Private(a->attr)));
        return;
      }
      case K::Subscript: {
        auto* s = static_cast<const ast::Subscript*>(e);
        Expr(s->value.get());
        if (ast::As<ast::Name>(s->value.get()) != nullptr && ShortIndex(s->slice.get())) {
          LendLoadedGlobal();
        }
        Expr(s->slice.get());
        SetLine(*s);
        Emit(OP_BINARY_SUBSCR, 0);
        return;
      }
      case K::Starred:
        Fail(*e, "can't use starred expression here");
      case K::Name:
        NameOp(static_cast<const ast::Name*>(e)->id, Access::kLoad, *e);
        return;
      case K::List: {
        auto* l = static_cast<const ast::List*>(e);
        if (HasStarred(l->elts)) {
          StarredList(l->elts);
          return;
        }
        for (const auto& v : l->elts) Expr(v.get());
        Emit(OP_BUILD_LIST, static_cast<uint32_t>(l->elts.size()));
        return;
      }
      case K::Tuple: {
        auto* t = static_cast<const ast::Tuple*>(e);
        if (HasStarred(t->elts)) {
          StarredList(t->elts);
          Emit(OP_LIST_TO_TUPLE, 0);
          return;
        }
        if (IsConstantTuple(t)) {
          std::vector<Object*> items;
          std::string key = "t:(";
          for (const auto& v : t->elts) {
            std::string k;
            items.push_back(
                ConstantValue(static_cast<const ast::Constant*>(v.get()), &k));
            StrAppend(&key, k.size(), ":", k, ",");
          }
          TupleObject* tuple = NewTuple(static_cast<int64_t>(items.size()));
          for (size_t i = 0; i < items.size(); ++i) tuple->items[i] = items[i];
          Emit(OP_LOAD_CONST, Const(tuple, key));
          return;
        }
        for (const auto& v : t->elts) Expr(v.get());
        Emit(OP_BUILD_TUPLE, static_cast<uint32_t>(t->elts.size()));
        return;
      }
      case K::Slice: {
        auto* s = static_cast<const ast::Slice*>(e);
        for (const ast::Expr* part : {s->lower.get(), s->upper.get()}) {
          if (part) {
            Expr(part);
          } else {
            Emit(OP_LOAD_CONST, Const(None()));
          }
        }
        if (s->step) {
          Expr(s->step.get());
          Emit(OP_BUILD_SLICE, 3);
        } else {
          Emit(OP_BUILD_SLICE, 2);
        }
        return;
      }
    }
  }

  // --- finishing a unit --------------------------------------------------

  // The deepest operand stack any path reaches, by walking the control-flow
  // graph from the entry.
  int MaxStackDepth(const std::vector<CodeWord>& code,
                    const std::vector<Handler>& handlers) {
    std::vector<int> depth_at(code.size(), -1);
    std::vector<int> work;
    int max_depth = 0;
    auto visit = [&](int at, int depth) {
      if (at < 0 || at >= static_cast<int>(code.size())) return;
      if (depth_at[at] >= depth) return;
      depth_at[at] = depth;
      work.push_back(at);
    };
    visit(0, 0);
    // A handler starts with its depth plus the pushed exception.
    for (const Handler& h : handlers) {
      if (h.target >= 0) {
        visit(h.target, h.depth + 1);
        max_depth = std::max(max_depth, h.depth + 1);
      }
    }
    while (!work.empty()) {
      int at = work.back();
      work.pop_back();
      int depth = depth_at[at];
      Opcode op = WordOp(code[at]);
      uint32_t arg = WordArg(code[at]);
      if (IsJump(op)) {
        int d = depth + StackEffect(op, arg, true);
        max_depth = std::max(max_depth, d);
        visit(static_cast<int>(arg), d);
        if (op == OP_JUMP || op == OP_JUMP_BACKWARD) continue;
      }
      int d = depth + StackEffect(op, arg, false);
      max_depth = std::max(max_depth, d);
      if (op == OP_RETURN_VALUE || op == OP_RAISE_VARARGS ||
          op == OP_RERAISE || op == OP_POP_EXCEPT_AND_RERAISE) {
        continue;
      }
      visit(at + 1, d);
    }
    return max_depth;
  }

  CodeObject* Finish(const std::string& name, const std::string& qualname,
                     int argcount, int posonly, int kwonly, uint32_t flags,
                     int firstline) {
    Unit u = std::move(units_.back());
    units_.pop_back();
    CodeObject* code = NewCode();
    code->code = std::move(u.code);
    code->lines = std::move(u.lines);
    code->columns = std::move(u.columns);
    code->consts = TupleFrom(u.consts.data(), static_cast<int64_t>(u.consts.size()));
    for (Object* c : u.consts) Decref(c);
    auto strings = [](const std::vector<std::string>& v) {
      TupleObject* t = NewTuple(static_cast<int64_t>(v.size()));
      for (size_t i = 0; i < v.size(); ++i) t->items[i] = InternStr(v[i]);
      return t;
    };
    code->names = strings(u.names);
    code->varnames = strings(u.scope->varnames);
    code->cellvars = strings(u.scope->cellvars);
    code->freevars = strings(u.scope->freevars);
    for (const std::string& cell : u.scope->cellvars) {
      int param = -1;
      for (size_t i = 0; i < u.scope->params.size(); ++i) {
        if (u.scope->params[i] == cell) param = u.scope->VarIndex(cell);
      }
      code->cell_from_arg.push_back(param);
    }
    code->name = InternStr(name);
    code->qualname = InternStr(qualname);
    code->filename = InternStr(filename_);
    code->firstlineno = firstline;
    code->argcount = argcount;
    code->posonlyargcount = posonly;
    code->kwonlyargcount = kwonly;
    code->nlocals = static_cast<int32_t>(u.scope->varnames.size());
    code->flags = flags | (u.scope->kind == ScopeKind::kModule ? kCodeModule : 0) |
                  (u.scope->kind != ScopeKind::kFunction ? kCodeDefinesShared : 0) |
                  (u.scope->is_generator ? kCodeGenerator : 0);
    if ((code->flags & (kCodeVarargs | kCodeVarkeywords | kCodeGenerator)) == 0 &&
        kwonly == 0 && code->NumCells() == 0 && code->NumFree() == 0) {
      code->flags |= kCodeSimpleArgs;
    }
    code->stacksize = MaxStackDepth(code->code, u.handlers) + 1;
    std::vector<int> handler_targets;
    for (const auto& h : u.handlers) handler_targets.push_back(h.target);
    FuseOperandLoads(code->code, handler_targets);
    for (int i = 0; i < argcount && i < 32; ++i) {
      if (!StoresLocal(code->code, static_cast<uint32_t>(i))) code->kept_args |= 1u << i;
    }
    // Each instruction has at most one innermost handler, so the ranges of
    // equal handlers are disjoint and sorted.
    for (size_t i = 0; i < u.instr_handler.size();) {
      int h = u.instr_handler[i];
      size_t j = i;
      while (j < u.instr_handler.size() && u.instr_handler[j] == h) ++j;
      if (h >= 0) {
        code->exception_table.push_back(
            {static_cast<int32_t>(i), static_cast<int32_t>(j),
             u.handlers[h].target, u.handlers[h].depth});
      }
      i = j;
    }
    return code;
  }

  SymbolTable* symbols_;
  std::string filename_;
  std::string_view source_;
  std::vector<Unit> units_;
};

// The text of source line `line` (1-based), without its newline.
std::string_view LineText(std::string_view source, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    start = source.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  size_t end = source.find('\n', start);
  return source.substr(start, end == std::string_view::npos ? end : end - start);
}

// Characters before byte offset `byte_col` (0-based) of a UTF-8 line.
int CharColumn(std::string_view text, int byte_col) {
  int chars = 0;
  for (int i = 0; i < byte_col && i < static_cast<int>(text.size()); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars + std::max(0, byte_col - static_cast<int>(text.size()));
}

// Errors of the symbol table and code generator carry 1-based byte offsets
// of a node; CPython reports 1-based character offsets and the line's text.
void LocateNodeError(SyntaxErrorInfo* e, std::string_view source) {
  std::string_view text = LineText(source, e->line);
  e->col = CharColumn(text, e->col - 1) + 1;
  if (e->end_line > 0) {
    e->end_col = CharColumn(LineText(source, e->end_line), e->end_col - 1) + 1;
  }
  e->text = std::string(text);
}

}  // namespace

namespace {

// Once a module compiled: its constants are shared by every thread running
// the code and never change, so they are never counted (and live as long
// as the process); in builds with kImmortalShared the code objects too.
// Code discarded after a compile error stays mortal and is freed.
void ImmortalizeCode(CodeObject* code) {
  ImmortalizeShared(code);
  if (!kImmortalObjects) return;
  for (int64_t i = 0; i < code->consts->size; ++i) {
    Object* c = code->consts->items[i];
    if (c->type == &CodeType) ImmortalizeCode(static_cast<CodeObject*>(c));
    MakeImmortal(c);
  }
}

}  // namespace

CompileResult Compile(const ast::Module& module, std::string_view filename,
                      std::string_view source) {
  CompileResult result;
  SymbolTable symbols;
  if (auto error = symbols.Build(module)) {
    result.error = error;
    LocateNodeError(&*result.error, source);
    return result;
  }
  CodeGen gen(&symbols, filename, source);
  try {
    result.code = gen.CompileModule(module);
    ImmortalizeCode(result.code);
  } catch (const CompileError& e) {
    result.error = e.info;
    LocateNodeError(&*result.error, source);
  }
  return result;
}

CompileResult CompileSource(std::string_view source,
                            std::string_view filename) {
  ParseResult parsed = Parse(source, filename);
  if (parsed.error) {
    CompileResult result;
    result.error = parsed.error;
    return result;
  }
  return Compile(*parsed.module, filename, source);
}

}  // namespace twinpy
