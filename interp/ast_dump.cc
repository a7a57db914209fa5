// Dump(): the text form of CPython's ast.dump(), so tests can compare a
// tree with what /usr/bin/python3 produces for the same source.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "interp/ast.h"
#include "interp/lexer.h"

namespace twinpy::ast {

const char* KindName(ExprKind kind) {
  switch (kind) {
    case ExprKind::BoolOp:
      return "BoolOp";
    case ExprKind::NamedExpr:
      return "NamedExpr";
    case ExprKind::BinOp:
      return "BinOp";
    case ExprKind::UnaryOp:
      return "UnaryOp";
    case ExprKind::Lambda:
      return "Lambda";
    case ExprKind::IfExp:
      return "IfExp";
    case ExprKind::Dict:
      return "Dict";
    case ExprKind::Set:
      return "Set";
    case ExprKind::ListComp:
      return "ListComp";
    case ExprKind::SetComp:
      return "SetComp";
    case ExprKind::DictComp:
      return "DictComp";
    case ExprKind::GeneratorExp:
      return "GeneratorExp";
    case ExprKind::Yield:
      return "Yield";
    case ExprKind::YieldFrom:
      return "YieldFrom";
    case ExprKind::Compare:
      return "Compare";
    case ExprKind::Call:
      return "Call";
    case ExprKind::FormattedValue:
      return "FormattedValue";
    case ExprKind::JoinedStr:
      return "JoinedStr";
    case ExprKind::Constant:
      return "Constant";
    case ExprKind::Attribute:
      return "Attribute";
    case ExprKind::Subscript:
      return "Subscript";
    case ExprKind::Starred:
      return "Starred";
    case ExprKind::Name:
      return "Name";
    case ExprKind::List:
      return "List";
    case ExprKind::Tuple:
      return "Tuple";
    case ExprKind::Slice:
      return "Slice";
  }
  return "?";
}

const char* KindName(StmtKind kind) {
  switch (kind) {
    case StmtKind::FunctionDef:
      return "FunctionDef";
    case StmtKind::ClassDef:
      return "ClassDef";
    case StmtKind::Return:
      return "Return";
    case StmtKind::Delete:
      return "Delete";
    case StmtKind::Assign:
      return "Assign";
    case StmtKind::AugAssign:
      return "AugAssign";
    case StmtKind::AnnAssign:
      return "AnnAssign";
    case StmtKind::For:
      return "For";
    case StmtKind::While:
      return "While";
    case StmtKind::If:
      return "If";
    case StmtKind::With:
      return "With";
    case StmtKind::Raise:
      return "Raise";
    case StmtKind::Try:
      return "Try";
    case StmtKind::Assert:
      return "Assert";
    case StmtKind::Import:
      return "Import";
    case StmtKind::ImportFrom:
      return "ImportFrom";
    case StmtKind::Global:
      return "Global";
    case StmtKind::Nonlocal:
      return "Nonlocal";
    case StmtKind::Expr:
      return "Expr";
    case StmtKind::Pass:
      return "Pass";
    case StmtKind::Break:
      return "Break";
    case StmtKind::Continue:
      return "Continue";
  }
  return "?";
}

const char* OperatorName(Operator op) {
  switch (op) {
    case Operator::Add:
      return "Add";
    case Operator::Sub:
      return "Sub";
    case Operator::Mult:
      return "Mult";
    case Operator::MatMult:
      return "MatMult";
    case Operator::Div:
      return "Div";
    case Operator::Mod:
      return "Mod";
    case Operator::Pow:
      return "Pow";
    case Operator::LShift:
      return "LShift";
    case Operator::RShift:
      return "RShift";
    case Operator::BitOr:
      return "BitOr";
    case Operator::BitXor:
      return "BitXor";
    case Operator::BitAnd:
      return "BitAnd";
    case Operator::FloorDiv:
      return "FloorDiv";
  }
  return "?";
}

const char* OperatorName(UnaryOperator op) {
  switch (op) {
    case UnaryOperator::Invert:
      return "Invert";
    case UnaryOperator::Not:
      return "Not";
    case UnaryOperator::UAdd:
      return "UAdd";
    case UnaryOperator::USub:
      return "USub";
  }
  return "?";
}

const char* OperatorName(BoolOperator op) {
  return op == BoolOperator::And ? "And" : "Or";
}

const char* OperatorName(CmpOp op) {
  switch (op) {
    case CmpOp::Eq:
      return "Eq";
    case CmpOp::NotEq:
      return "NotEq";
    case CmpOp::Lt:
      return "Lt";
    case CmpOp::LtE:
      return "LtE";
    case CmpOp::Gt:
      return "Gt";
    case CmpOp::GtE:
      return "GtE";
    case CmpOp::Is:
      return "Is";
    case CmpOp::IsNot:
      return "IsNot";
    case CmpOp::In:
      return "In";
    case CmpOp::NotIn:
      return "NotIn";
  }
  return "?";
}

const char* ContextName(ExprContext ctx) {
  switch (ctx) {
    case ExprContext::Load:
      return "Load";
    case ExprContext::Store:
      return "Store";
    case ExprContext::Del:
      return "Del";
  }
  return "?";
}

namespace {

// Python's repr() of a float ('r' format): shortest round-trip digits,
// fixed notation for decimal exponents in [-4, 16), else scientific.
std::string FloatRepr(double x, bool add_dot_zero) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (std::isnan(x)) return "nan";
  char buf[64];
  auto res =
      std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  std::string sign;
  if (!sci.empty() && sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  size_t epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::atoi(sci.c_str() + epos + 1);
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits.push_back(c);
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int decpt = exp + 1;  // value = 0.digits * 10^decpt
  std::string out;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out = "0." + std::string(-decpt, '0') + digits;
    } else if (static_cast<size_t>(decpt) >= digits.size()) {
      out = digits + std::string(decpt - digits.size(), '0');
      if (add_dot_zero) out += ".0";
    } else {
      out = digits.substr(0, decpt) + "." + digits.substr(decpt);
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+',
                  exp < 0 ? -exp : exp);
    out += e;
  }
  return sign + out;
}

// Arbitrary-precision conversion of an integer literal to decimal.
std::string IntToDecimal(const std::string& digits, int base) {
  if (base == 10) return digits;
  std::vector<uint32_t> limbs{0};  // little-endian base 1e9
  for (char c : digits) {
    uint32_t d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    uint64_t carry = d;
    for (uint32_t& l : limbs) {
      uint64_t v = static_cast<uint64_t>(l) * base + carry;
      l = static_cast<uint32_t>(v % 1000000000u);
      carry = v / 1000000000u;
    }
    if (carry) limbs.push_back(static_cast<uint32_t>(carry));
  }
  std::string out = std::to_string(limbs.back());
  for (size_t i = limbs.size() - 1; i-- > 0;) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%09u", limbs[i]);
    out += buf;
  }
  return out;
}

uint32_t NextCodePoint(const std::string& s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  uint32_t cp = n == 0   ? c
                : n == 1 ? (c & 0x1F)
                : n == 2 ? (c & 0x0F)
                         : (c & 0x07);
  ++*i;
  for (int k = 0; k < n && *i < s.size(); ++k, ++*i) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i]) & 0x3F);
  }
  return cp;
}

std::string StrRepr(const std::string& s) {
  bool has_single = s.find('\'') != std::string::npos;
  bool has_double = s.find('"') != std::string::npos;
  char q = has_single && !has_double ? '"' : '\'';
  std::string out(1, q);
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    uint32_t cp = NextCodePoint(s, &i);
    char buf[16];
    if (cp == static_cast<uint32_t>(q) || cp == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(cp));
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x20 || cp == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02x", cp);
      out += buf;
    } else if (cp < 0x7F) {
      out.push_back(static_cast<char>(cp));
    } else if (IsPrintable(cp) && !(cp >= 0xD800 && cp <= 0xDFFF)) {
      out.append(s, start, i - start);
    } else if (cp <= 0xFF) {
      std::snprintf(buf, sizeof buf, "\\x%02x", cp);
      out += buf;
    } else if (cp <= 0xFFFF) {
      std::snprintf(buf, sizeof buf, "\\u%04x", cp);
      out += buf;
    } else {
      std::snprintf(buf, sizeof buf, "\\U%08x", cp);
      out += buf;
    }
  }
  out.push_back(q);
  return out;
}

std::string BytesRepr(const std::string& s) {
  bool has_single = s.find('\'') != std::string::npos;
  bool has_double = s.find('"') != std::string::npos;
  char q = has_single && !has_double ? '"' : '\'';
  std::string out = "b";
  out.push_back(q);
  for (unsigned char c : s) {
    if (c == q || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back(q);
  return out;
}

class Dumper {
 public:
  explicit Dumper(bool attrs) : attrs_(attrs) {}
  std::string out;

  void Module(const ast::Module& m) {
    out += "Module(body=";
    Stmts(m.body);
    out += ", type_ignores=[])";
  }

  void Stmts(const StmtList& list) {
    out += '[';
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      Statement(*list[i]);
    }
    out += ']';
  }

  void Exprs(const ExprList& list) {
    out += '[';
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      if (list[i]) {
        Expression(*list[i]);
      } else {
        out += "None";
      }
    }
    out += ']';
  }

  void Strings(const std::vector<std::string>& list) {
    out += '[';
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      out += StrRepr(list[i]);
    }
    out += ']';
  }

  // Field helpers: each writes ", name=value" or "name=value" first.
  void Sep() {
    if (need_sep_) out += ", ";
    need_sep_ = true;
  }
  void Open(const char* name) {
    out += name;
    out += '(';
    need_sep_ = false;
  }
  void Close(const Node* n) {
    if (attrs_ && n != nullptr) {
      Sep();
      out += "lineno=" + std::to_string(n->line);
      out += ", col_offset=" + std::to_string(n->col);
      out += ", end_lineno=" + std::to_string(n->end_line);
      out += ", end_col_offset=" + std::to_string(n->end_col);
    }
    out += ')';
    need_sep_ = true;
  }
  void F(const char* name) {
    Sep();
    out += name;
    out += '=';
  }
  void FE(const char* name, const ExprPtr& e) {  // optional expr
    if (!e) return;
    F(name);
    Expression(*e);
  }
  void FL(const char* name, const ExprList& l) {
    F(name);
    Exprs(l);
  }
  void FS(const char* name, const StmtList& l) {
    F(name);
    Stmts(l);
  }
  void FStr(const char* name, const std::string& s) {
    F(name);
    out += StrRepr(s);
  }
  void FOp(const char* name, const char* op) {
    F(name);
    out += op;
    out += "()";
  }
  void FCtx(ExprContext ctx) { FOp("ctx", ContextName(ctx)); }

  void ArgNode(const Arg& a) {
    Open("arg");
    FStr("arg", a.arg);
    FE("annotation", a.annotation);
    Close(&a);
  }

  void ArgsNode(const Arguments& a) {
    Open("arguments");
    auto list = [&](const char* name, const std::vector<Arg>& v) {
      F(name);
      out += '[';
      for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ", ";
        need_sep_ = false;
        ArgNode(v[i]);
      }
      out += ']';
      need_sep_ = true;
    };
    list("posonlyargs", a.posonlyargs);
    list("args", a.args);
    if (a.vararg) {
      F("vararg");
      need_sep_ = false;
      ArgNode(*a.vararg);
    }
    list("kwonlyargs", a.kwonlyargs);
    FL("kw_defaults", a.kw_defaults);
    if (a.kwarg) {
      F("kwarg");
      need_sep_ = false;
      ArgNode(*a.kwarg);
    }
    FL("defaults", a.defaults);
    Close(nullptr);
  }

  void Keywords(const std::vector<Keyword>& ks) {
    F("keywords");
    out += '[';
    for (size_t i = 0; i < ks.size(); ++i) {
      if (i) out += ", ";
      need_sep_ = false;
      Open("keyword");
      if (!ks[i].arg.empty()) FStr("arg", ks[i].arg);
      FE("value", ks[i].value);
      Close(&ks[i]);
    }
    out += ']';
    need_sep_ = true;
  }

  void Aliases(const std::vector<Alias>& as) {
    F("names");
    out += '[';
    for (size_t i = 0; i < as.size(); ++i) {
      if (i) out += ", ";
      need_sep_ = false;
      Open("alias");
      FStr("name", as[i].name);
      if (!as[i].asname.empty()) FStr("asname", as[i].asname);
      Close(&as[i]);
    }
    out += ']';
    need_sep_ = true;
  }

  void Generators(const std::vector<Comprehension>& gens) {
    F("generators");
    out += '[';
    for (size_t i = 0; i < gens.size(); ++i) {
      if (i) out += ", ";
      need_sep_ = false;
      Open("comprehension");
      FE("target", gens[i].target);
      FE("iter", gens[i].iter);
      FL("ifs", gens[i].ifs);
      F("is_async");
      out += std::to_string(gens[i].is_async);
      Close(nullptr);
    }
    out += ']';
    need_sep_ = true;
  }

  void ConstantValue(const Constant& c) {
    switch (c.value_kind) {
      case ConstantKind::None:
        out += "None";
        break;
      case ConstantKind::True:
        out += "True";
        break;
      case ConstantKind::False:
        out += "False";
        break;
      case ConstantKind::Ellipsis:
        out += "Ellipsis";
        break;
      case ConstantKind::Int:
        out += IntToDecimal(c.int_digits, c.int_base);
        break;
      case ConstantKind::Float:
        out += FloatRepr(c.float_value, true);
        break;
      case ConstantKind::Imaginary:
        out += FloatRepr(c.float_value, false) + "j";
        break;
      case ConstantKind::Str:
        out += StrRepr(c.str_value);
        break;
      case ConstantKind::Bytes:
        out += BytesRepr(c.str_value);
        break;
    }
  }

  void Expression(const Expr& e) {
    bool saved = need_sep_;
    Open(KindName(e.kind));
    switch (e.kind) {
      case ExprKind::BoolOp: {
        const auto& n = static_cast<const BoolOp&>(e);
        FOp("op", OperatorName(n.op));
        FL("values", n.values);
        break;
      }
      case ExprKind::NamedExpr: {
        const auto& n = static_cast<const NamedExpr&>(e);
        FE("target", n.target);
        FE("value", n.value);
        break;
      }
      case ExprKind::BinOp: {
        const auto& n = static_cast<const BinOp&>(e);
        FE("left", n.left);
        FOp("op", OperatorName(n.op));
        FE("right", n.right);
        break;
      }
      case ExprKind::UnaryOp: {
        const auto& n = static_cast<const UnaryOp&>(e);
        FOp("op", OperatorName(n.op));
        FE("operand", n.operand);
        break;
      }
      case ExprKind::Lambda: {
        const auto& n = static_cast<const Lambda&>(e);
        F("args");
        need_sep_ = false;
        ArgsNode(n.args);
        FE("body", n.body);
        break;
      }
      case ExprKind::IfExp: {
        const auto& n = static_cast<const IfExp&>(e);
        FE("test", n.test);
        FE("body", n.body);
        FE("orelse", n.orelse);
        break;
      }
      case ExprKind::Dict: {
        const auto& n = static_cast<const Dict&>(e);
        FL("keys", n.keys);
        FL("values", n.values);
        break;
      }
      case ExprKind::Set:
        FL("elts", static_cast<const Set&>(e).elts);
        break;
      case ExprKind::ListComp: {
        const auto& n = static_cast<const ListComp&>(e);
        FE("elt", n.elt);
        Generators(n.generators);
        break;
      }
      case ExprKind::SetComp: {
        const auto& n = static_cast<const SetComp&>(e);
        FE("elt", n.elt);
        Generators(n.generators);
        break;
      }
      case ExprKind::DictComp: {
        const auto& n = static_cast<const DictComp&>(e);
        FE("key", n.key);
        FE("value", n.value);
        Generators(n.generators);
        break;
      }
      case ExprKind::GeneratorExp: {
        const auto& n = static_cast<const GeneratorExp&>(e);
        FE("elt", n.elt);
        Generators(n.generators);
        break;
      }
      case ExprKind::Yield:
        FE("value", static_cast<const Yield&>(e).value);
        break;
      case ExprKind::YieldFrom:
        FE("value", static_cast<const YieldFrom&>(e).value);
        break;
      case ExprKind::Compare: {
        const auto& n = static_cast<const Compare&>(e);
        FE("left", n.left);
        F("ops");
        out += '[';
        for (size_t i = 0; i < n.ops.size(); ++i) {
          if (i) out += ", ";
          out += OperatorName(n.ops[i]);
          out += "()";
        }
        out += ']';
        FL("comparators", n.comparators);
        break;
      }
      case ExprKind::Call: {
        const auto& n = static_cast<const Call&>(e);
        FE("func", n.func);
        FL("args", n.args);
        Keywords(n.keywords);
        break;
      }
      case ExprKind::FormattedValue: {
        const auto& n = static_cast<const FormattedValue&>(e);
        FE("value", n.value);
        F("conversion");
        out += std::to_string(n.conversion);
        FE("format_spec", n.format_spec);
        break;
      }
      case ExprKind::JoinedStr:
        FL("values", static_cast<const JoinedStr&>(e).values);
        break;
      case ExprKind::Constant: {
        const auto& n = static_cast<const Constant&>(e);
        F("value");
        ConstantValue(n);
        if (!n.string_kind.empty()) FStr("kind", n.string_kind);
        break;
      }
      case ExprKind::Attribute: {
        const auto& n = static_cast<const Attribute&>(e);
        FE("value", n.value);
        FStr("attr", n.attr);
        FCtx(n.ctx);
        break;
      }
      case ExprKind::Subscript: {
        const auto& n = static_cast<const Subscript&>(e);
        FE("value", n.value);
        FE("slice", n.slice);
        FCtx(n.ctx);
        break;
      }
      case ExprKind::Starred: {
        const auto& n = static_cast<const Starred&>(e);
        FE("value", n.value);
        FCtx(n.ctx);
        break;
      }
      case ExprKind::Name: {
        const auto& n = static_cast<const Name&>(e);
        FStr("id", n.id);
        FCtx(n.ctx);
        break;
      }
      case ExprKind::List: {
        const auto& n = static_cast<const List&>(e);
        FL("elts", n.elts);
        FCtx(n.ctx);
        break;
      }
      case ExprKind::Tuple: {
        const auto& n = static_cast<const Tuple&>(e);
        FL("elts", n.elts);
        FCtx(n.ctx);
        break;
      }
      case ExprKind::Slice: {
        const auto& n = static_cast<const Slice&>(e);
        FE("lower", n.lower);
        FE("upper", n.upper);
        FE("step", n.step);
        break;
      }
    }
    Close(&e);
    need_sep_ = saved;
  }

  void Statement(const Stmt& s) {
    bool saved = need_sep_;
    Open(KindName(s.kind));
    switch (s.kind) {
      case StmtKind::FunctionDef: {
        const auto& n = static_cast<const FunctionDef&>(s);
        FStr("name", n.name);
        F("args");
        need_sep_ = false;
        ArgsNode(n.args);
        FS("body", n.body);
        FL("decorator_list", n.decorator_list);
        FE("returns", n.returns);
        break;
      }
      case StmtKind::ClassDef: {
        const auto& n = static_cast<const ClassDef&>(s);
        FStr("name", n.name);
        FL("bases", n.bases);
        Keywords(n.keywords);
        FS("body", n.body);
        FL("decorator_list", n.decorator_list);
        break;
      }
      case StmtKind::Return:
        FE("value", static_cast<const Return&>(s).value);
        break;
      case StmtKind::Delete:
        FL("targets", static_cast<const Delete&>(s).targets);
        break;
      case StmtKind::Assign: {
        const auto& n = static_cast<const Assign&>(s);
        FL("targets", n.targets);
        FE("value", n.value);
        break;
      }
      case StmtKind::AugAssign: {
        const auto& n = static_cast<const AugAssign&>(s);
        FE("target", n.target);
        FOp("op", OperatorName(n.op));
        FE("value", n.value);
        break;
      }
      case StmtKind::AnnAssign: {
        const auto& n = static_cast<const AnnAssign&>(s);
        FE("target", n.target);
        FE("annotation", n.annotation);
        FE("value", n.value);
        F("simple");
        out += std::to_string(n.simple);
        break;
      }
      case StmtKind::For: {
        const auto& n = static_cast<const For&>(s);
        FE("target", n.target);
        FE("iter", n.iter);
        FS("body", n.body);
        FS("orelse", n.orelse);
        break;
      }
      case StmtKind::While: {
        const auto& n = static_cast<const While&>(s);
        FE("test", n.test);
        FS("body", n.body);
        FS("orelse", n.orelse);
        break;
      }
      case StmtKind::If: {
        const auto& n = static_cast<const If&>(s);
        FE("test", n.test);
        FS("body", n.body);
        FS("orelse", n.orelse);
        break;
      }
      case StmtKind::With: {
        const auto& n = static_cast<const With&>(s);
        F("items");
        out += '[';
        for (size_t i = 0; i < n.items.size(); ++i) {
          if (i) out += ", ";
          need_sep_ = false;
          Open("withitem");
          FE("context_expr", n.items[i].context_expr);
          FE("optional_vars", n.items[i].optional_vars);
          Close(nullptr);
        }
        out += ']';
        need_sep_ = true;
        FS("body", n.body);
        break;
      }
      case StmtKind::Raise: {
        const auto& n = static_cast<const Raise&>(s);
        FE("exc", n.exc);
        FE("cause", n.cause);
        break;
      }
      case StmtKind::Try: {
        const auto& n = static_cast<const Try&>(s);
        FS("body", n.body);
        F("handlers");
        out += '[';
        for (size_t i = 0; i < n.handlers.size(); ++i) {
          if (i) out += ", ";
          need_sep_ = false;
          const ExceptHandler& h = n.handlers[i];
          Open("ExceptHandler");
          FE("type", h.type);
          if (!h.name.empty()) FStr("name", h.name);
          FS("body", h.body);
          Close(&h);
        }
        out += ']';
        need_sep_ = true;
        FS("orelse", n.orelse);
        FS("finalbody", n.finalbody);
        break;
      }
      case StmtKind::Assert: {
        const auto& n = static_cast<const Assert&>(s);
        FE("test", n.test);
        FE("msg", n.msg);
        break;
      }
      case StmtKind::Import:
        Aliases(static_cast<const Import&>(s).names);
        break;
      case StmtKind::ImportFrom: {
        const auto& n = static_cast<const ImportFrom&>(s);
        if (!n.module.empty()) FStr("module", n.module);
        Aliases(n.names);
        F("level");
        out += std::to_string(n.level);
        break;
      }
      case StmtKind::Global:
        F("names");
        Strings(static_cast<const Global&>(s).names);
        break;
      case StmtKind::Nonlocal:
        F("names");
        Strings(static_cast<const Nonlocal&>(s).names);
        break;
      case StmtKind::Expr:
        FE("value", static_cast<const ExprStmt&>(s).value);
        break;
      case StmtKind::Pass:
      case StmtKind::Break:
      case StmtKind::Continue:
        break;
    }
    Close(&s);
    need_sep_ = saved;
  }

 private:
  bool attrs_;
  bool need_sep_ = false;
};

}  // namespace

std::string Dump(const Module& module, bool include_attributes) {
  Dumper d(include_attributes);
  d.Module(module);
  return d.out;
}

std::string Dump(const Expr& expr, bool include_attributes) {
  Dumper d(include_attributes);
  d.Expression(expr);
  return d.out;
}

std::string Dump(const Stmt& stmt, bool include_attributes) {
  Dumper d(include_attributes);
  d.Statement(stmt);
  return d.out;
}

}  // namespace twinpy::ast
