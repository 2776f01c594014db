// Saved plan files (reconciler/planfile.h) on arbitrary text: the strict
// reader must return a status for anything malformed, and whatever it accepts
// must render back to JSON that reads as the same plan.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "reconciler/planfile.h"
#include "reconciler/render_json.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<reconciler::Plan> plan = reconciler::ParsePlanJson(text);
  if (plan.ok()) {
    absl::StatusOr<reconciler::Plan> again =
        reconciler::ParsePlanJson(reconciler::RenderJson(*plan));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(*again == *plan);
  }
  return 0;
}
