// A problem found in a manifest, located at file:line:col and a field path.
// Loading and validation collect these instead of stopping at the first one,
// so a user sees every problem of a change in one run.
#ifndef RECONCILER_DIAGNOSTIC_H_
#define RECONCILER_DIAGNOSTIC_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace reconciler {

// 1-based line and column; 0 means unknown.
struct SourcePosition {
  int line = 0;
  int column = 0;
};

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;
  SourcePosition position;
  std::string field;  // dotted path, e.g. "spec.epochRates.earningRateTotalShared"
  std::string message;

  // "file:line:col: field: message"; warnings read "file:line:col: warning: field: message".
  std::string ToString() const;
};

Diagnostic Error(std::string file, SourcePosition position, std::string field,
                 std::string message);
Diagnostic Warning(std::string file, SourcePosition position, std::string field,
                   std::string message);

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

// "/spec/grantees/1" -> "spec.grantees[1]"; "" -> "".
std::string FieldPathFromPointer(absl::string_view json_pointer);

}  // namespace reconciler

#endif  // RECONCILER_DIAGNOSTIC_H_
