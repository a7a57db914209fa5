// Traceback entries with CPython 3.11's source markers.
#include "runtime/traceback.h"

#include <fstream>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "runtime/str.h"
#include "runtime/strcat.h"

namespace twinpy {

std::string TracebackCaretLine(TracebackObject* tb);

namespace {

// Runs of one frame line longer than this print as a count.
constexpr int kRecursiveCutoff = 3;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// Source lines of files named in tracebacks (without line ends), read once
// per file. Nullptr when the file cannot be read or has no such line.
const std::string* SourceLine(std::string_view filename, int line) {
  static std::mutex mu;
  static auto* cache =
      new std::unordered_map<std::string, std::vector<std::string>>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache->find(std::string(filename));
  if (it == cache->end()) {
    std::vector<std::string> lines;
    // CPython does not try to open "<string>", "<stdin>" and the like.
    if (!(filename.size() > 1 && filename.front() == '<' && filename.back() == '>')) {
      std::ifstream in{std::string(filename)};
      std::string l;
      while (std::getline(in, l)) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        lines.push_back(std::move(l));
      }
    }
    it = cache->emplace(std::string(filename), std::move(lines)).first;
  }
  if (line < 1 || line > static_cast<int>(it->second.size())) return nullptr;
  return &it->second[line - 1];
}

// Characters in the first `bytes` bytes of UTF-8 text (CPython's
// _PyPegen_byte_offset_to_character_offset).
int CharOffset(std::string_view text, int bytes) {
  if (bytes > static_cast<int>(text.size())) bytes = static_cast<int>(text.size());
  int chars = 0;
  for (int i = 0; i < bytes; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars;
}

void AppendEntry(TracebackObject* tb, std::string* out) {
  std::string_view file = StrView(tb->code->filename);
  StrAppend(out, "  File \"", file, "\", line ", tb->line, ", in ",
            StrView(tb->code->name), "\n");
  const std::string* source = SourceLine(file, tb->line);
  if (source == nullptr) return;
  size_t indent = 0;
  while (indent < source->size() && IsBlank((*source)[indent])) ++indent;
  StrAppend(out, "    ", std::string_view(*source).substr(indent), "\n");
  std::string carets = TracebackCaretLine(tb);
  if (!carets.empty()) StrAppend(out, "    ", carets);
}

void AppendRepeated(int count, std::string* out) {
  count -= kRecursiveCutoff;
  StrAppend(out, "  [Previous line repeated ", count, " more time",
            count > 1 ? "s" : "", "]\n");
}

}  // namespace

std::string CaretLine(std::string_view line, int lineno, const InstrColumns& cols) {
  if (cols.col < 0 || cols.end_col < 0 || cols.end_line < 0) return "";
  int indent = 0;
  while (indent < static_cast<int>(line.size()) && IsBlank(line[indent])) ++indent;
  int line_len = CharOffset(line, static_cast<int>(line.size()));
  int start = CharOffset(line, cols.col);
  int end = CharOffset(line, cols.end_col);
  int left = -1;
  int right = -1;
  if (cols.end_line == lineno) {
    // CPython re-parses the marked text: a binary operation gets `^` under
    // its operator, a subscript under its brackets, `~` elsewhere.
    if (cols.anchor == CaretAnchor::kBinOp) {
      for (int i = cols.left; i < cols.right && i < static_cast<int>(line.size()); ++i) {
        if (IsBlank(line[i])) continue;
        int op_end = i + 1;
        if (i + 1 < cols.right && !IsBlank(line[i + 1])) ++op_end;
        left = CharOffset(line, i);
        right = CharOffset(line, op_end);
        break;
      }
    } else if (cols.anchor == CaretAnchor::kSubscript) {
      left = CharOffset(line, cols.left);
      right = CharOffset(line, cols.right + 1);
    }
  } else {
    // A range over several lines is marked to the end of this one.
    int last = static_cast<int>(line.size());
    while (last > 0 && IsBlank(line[last - 1])) --last;
    end = CharOffset(line, last);
  }
  bool secondary = left != -1 || right != -1;
  if (end - start == line_len - CharOffset(line, indent) && !secondary) return "";
  std::string out;
  for (int offset = CharOffset(line, indent) + 1; offset <= end; ++offset) {
    if (offset <= start) {
      out += ' ';
    } else if (secondary && left < offset && offset <= right) {
      out += '^';
    } else {
      out += secondary ? '~' : '^';
    }
  }
  out += '\n';
  return out;
}

std::string TracebackCaretLine(TracebackObject* tb) {
  const std::string* source = SourceLine(StrView(tb->code->filename), tb->line);
  const InstrColumns* cols = CodeColumns(tb->code, tb->instruction);
  if (source == nullptr || cols == nullptr ||
      CodeLine(tb->code, tb->instruction) != tb->line) {
    return "";
  }
  return CaretLine(*source, tb->line, *cols);
}

void FormatTracebackEntries(TracebackObject* tb, std::string* out) {
  CodeObject* last_code = nullptr;
  int last_line = -1;
  int count = 0;
  for (; tb != nullptr; tb = tb->next) {
    bool same = last_code != nullptr && tb->line == last_line &&
                StrView(tb->code->filename) == StrView(last_code->filename) &&
                StrView(tb->code->name) == StrView(last_code->name);
    if (!same) {
      if (count > kRecursiveCutoff) AppendRepeated(count, out);
      last_code = tb->code;
      last_line = tb->line;
      count = 0;
    }
    ++count;
    if (count <= kRecursiveCutoff) AppendEntry(tb, out);
  }
  if (count > kRecursiveCutoff) AppendRepeated(count, out);
}

}  // namespace twinpy
