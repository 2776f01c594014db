// Reading manifest files: YAML documents become RapidJSON documents plus a map
// from JSON pointer to source position, so later checks can say file:line:col.
//
// The conversion is strict on purpose: aliases are refused (no "billion laughs"
// expansion can happen), files above a size cap are refused before reading,
// duplicate keys and non-string keys are errors, and plain scalars follow the
// YAML 1.2 core schema (only true/false are booleans). An integer that does
// not fit 64 bits stays a string: base58 keys can be all digits.
#ifndef RECONCILER_MANIFEST_YAML_H_
#define RECONCILER_MANIFEST_YAML_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "reconciler/diagnostic.h"

namespace reconciler {

inline constexpr uint64_t kDefaultMaxManifestBytes = 10u << 20;  // 10 MiB

// One YAML document of a manifest file.
struct YamlDocument {
  std::string file;
  int index = 0;  // 0-based position among the non-empty documents of the file
  rapidjson::Document json;
  // JSON pointer ("" = root, "/spec/runId") -> where the value starts.
  std::map<std::string, SourcePosition> value_positions;
  // JSON pointer of a mapping member -> where its key starts.
  std::map<std::string, SourcePosition> key_positions;

  // Position of the value at `pointer`, else of its nearest recorded ancestor.
  SourcePosition Locate(absl::string_view pointer) const;
  // Position of the key of the member at `pointer`, else Locate(pointer).
  SourcePosition LocateKey(absl::string_view pointer) const;
};

struct YamlLoadResult {
  std::vector<YamlDocument> documents;
  std::vector<Diagnostic> diagnostics;
};

// Expands PATHs into manifest files: a file is taken as given; a directory is
// walked recursively for *.yaml / *.yml (hidden entries skipped), in sorted
// order. The same file reached twice is listed once. Missing paths and
// unreadable directories become diagnostics.
std::vector<std::string> ListManifestFiles(const std::vector<std::string>& paths,
                                           std::vector<Diagnostic>* diagnostics);

// Parses every document of `text`; `file` names it in positions and messages.
// Empty documents are skipped. On any error no document of the file is kept.
YamlLoadResult ParseYamlDocuments(const std::string& text, const std::string& file);

// Reads one regular file of at most `max_bytes` (checked before reading) and
// parses it.
YamlLoadResult LoadYamlFile(const std::string& path,
                            uint64_t max_bytes = kDefaultMaxManifestBytes);

// ListManifestFiles followed by LoadYamlFile on each file.
YamlLoadResult LoadYamlPaths(const std::vector<std::string>& paths,
                             uint64_t max_bytes = kDefaultMaxManifestBytes);

}  // namespace reconciler

#endif  // RECONCILER_MANIFEST_YAML_H_
