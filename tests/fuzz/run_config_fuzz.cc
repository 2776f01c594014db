// The run-config TOML parser (providers/psyche/run_config.h) and the offline
// program checks on arbitrary text: toml++ exceptions must never escape, and a
// config that parses must encode into update data whose embedded config and
// model decode back to the same values.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "providers/psyche/coordinator_borsh.h"
#include "providers/psyche/run_config.h"
#include "providers/psyche/run_config_check.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<psyche::RunConfig> run = psyche::ParseRunConfig(text, "fuzz.toml");
  if (!run.ok()) return 0;
  for (const psyche::CheckFailure& f : psyche::CheckRunConfig(*run)) {
    (void)psyche::FormatCheckFailure(f);
  }

  absl::StatusOr<solana::Bytes> update = psyche::EncodeUpdateConfigData(*run);
  FUZZ_CHECK(update.ok());
  // update(None, Some(config), Some(model), None): discriminator, 00, 01 config, 01 model, 00.
  constexpr size_t kConfigAt = 8 + 2;
  constexpr size_t kModelAt = kConfigAt + psyche::kCoordinatorConfigBorshSize + 1;
  FUZZ_CHECK(update->size() > kModelAt + 1);
  const solana::ByteView bytes(*update);
  auto config = psyche::DecodeCoordinatorConfig(
      bytes.subspan(kConfigAt, psyche::kCoordinatorConfigBorshSize));
  FUZZ_CHECK(config.ok() && *config == run->config);
  auto model = psyche::DecodeModel(bytes.subspan(kModelAt, bytes.size() - kModelAt - 1));
  FUZZ_CHECK(model.ok() && *model == run->model);
  return 0;
}
