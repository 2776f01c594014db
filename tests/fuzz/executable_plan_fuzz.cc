// Executable plan files (reconciler/executable_plan.h) on arbitrary text: the
// strict reader returns a status for anything malformed, and whatever it
// accepts renders back to a file that reads and renders the same.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "reconciler/executable_plan.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<reconciler::ExecutablePlan> plan = reconciler::ParseExecutablePlan(text);
  if (plan.ok()) {
    absl::StatusOr<std::string> rendered = reconciler::RenderExecutablePlan(*plan);
    FUZZ_CHECK(rendered.ok());
    absl::StatusOr<reconciler::ExecutablePlan> again = reconciler::ParseExecutablePlan(*rendered);
    FUZZ_CHECK(again.ok());
    absl::StatusOr<std::string> twice = reconciler::RenderExecutablePlan(*again);
    FUZZ_CHECK(twice.ok() && *twice == *rendered);
  }
  return 0;
}
