#include "reconciler/diagnostic.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace reconciler {

std::string Diagnostic::ToString() const {
  std::string out = file.empty() ? "<input>" : file;
  if (position.line > 0) {
    absl::StrAppend(&out, ":", position.line);
    if (position.column > 0) absl::StrAppend(&out, ":", position.column);
  }
  out += ": ";
  if (severity == Severity::kWarning) out += "warning: ";
  if (!field.empty()) absl::StrAppend(&out, field, ": ");
  out += message;
  return out;
}

Diagnostic Error(std::string file, SourcePosition position, std::string field,
                 std::string message) {
  return Diagnostic{Severity::kError, std::move(file), position, std::move(field),
                    std::move(message)};
}

Diagnostic Warning(std::string file, SourcePosition position, std::string field,
                   std::string message) {
  return Diagnostic{Severity::kWarning, std::move(file), position, std::move(field),
                    std::move(message)};
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

namespace {

// Undoes the JSON-pointer escapes "~1" -> "/" and "~0" -> "~".
std::string UnescapePointerToken(absl::string_view token) {
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

bool IsIndex(absl::string_view token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), absl::ascii_isdigit);
}

}  // namespace

std::string FieldPathFromPointer(absl::string_view json_pointer) {
  if (json_pointer.empty()) return "";
  std::string out;
  std::vector<absl::string_view> tokens = absl::StrSplit(json_pointer.substr(1), '/');
  for (absl::string_view token : tokens) {
    if (IsIndex(token)) {
      absl::StrAppend(&out, "[", token, "]");
    } else {
      if (!out.empty()) out += '.';
      out += UnescapePointerToken(token);
    }
  }
  return out;
}

}  // namespace reconciler
