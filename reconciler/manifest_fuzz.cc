// libFuzzer target for the manifest front end: YAML to JSON with positions,
// then the schema check of each document. Any input must give diagnostics,
// never a crash, a hang or unbounded memory.
// Build: clang++-14 -std=c++20 -fsanitize=fuzzer,address,undefined -I. -Ibuild/reconciler/generated
//   reconciler/manifest_fuzz.cc reconciler/{diagnostic,manifest_yaml,manifest_schema,bounded_file}.cc
//   -lyaml-cpp -labsl_statusor -labsl_status -labsl_strings ...
#include <cstddef>
#include <cstdint>
#include <string>

#include "reconciler/manifest_schema.h"
#include "reconciler/manifest_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  reconciler::YamlLoadResult loaded = reconciler::ParseYamlDocuments(text, "fuzz.yaml");
  for (const reconciler::YamlDocument& doc : loaded.documents) {
    for (const reconciler::Diagnostic& d : reconciler::CheckManifestSchema(doc).diagnostics) {
      (void)d.ToString();
    }
  }
  return 0;
}
