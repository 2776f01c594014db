// The manifest loader on arbitrary text, in memory: YAML to JSON with source
// positions (reconciler/manifest_yaml.h), the kind's JSON Schema, then the
// typed desired state, exactly as LoadManifests chains them for a file.
// yaml-cpp exceptions must never escape; every problem is a diagnostic.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "reconciler/manifest.h"
#include "reconciler/manifest_schema.h"
#include "reconciler/manifest_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  reconciler::YamlLoadResult yaml = reconciler::ParseYamlDocuments(text, "fuzz.yaml");
  reconciler::LoadedManifests out;
  out.documents = std::move(yaml.documents);
  out.diagnostics = std::move(yaml.diagnostics);
  for (size_t i = 0; i < out.documents.size(); ++i) {
    (void)out.documents[i].Locate("/spec/runId");
    (void)out.documents[i].LocateKey("/spec");
    reconciler::SchemaCheck check = reconciler::CheckManifestSchema(out.documents[i]);
    if (check.kind) reconciler::AddManifest(i, *check.kind, &out);
  }
  return 0;
}
