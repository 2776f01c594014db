// JSON view of a run, like the run manager's `json-dump-run`: instance, state, config, model,
// progress, epoch and client counters, reward rates. Field order is fixed (tests and diffs rely on
// it); amounts and counters are JSON integers; enums use the Rust/TOML spelling, data-carrying
// enums are externally tagged like the run-config TOML ({"Hub": {...}}), unit variants strings.
#ifndef PROVIDERS_PSYCHE_RUN_DUMP_H_
#define PROVIDERS_PSYCHE_RUN_DUMP_H_

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/psyche/coordinator_types.h"
#include "providers/solana/pubkey.h"

namespace psyche {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

struct RunDump {
  std::optional<solana::Pubkey> instance_address;
  std::optional<CoordinatorInstance> instance;
  std::optional<solana::Pubkey> coordinator_account_address;
  std::optional<CoordinatorState> state;
  // Unix seconds used for "epoch_time_left"; omitted when absent.
  std::optional<uint64_t> now_unix;
  // Lists every registered client and epoch participant (counts are always written).
  bool include_clients = false;
  // Hook for the treasurer helper: writes exactly one JSON value for the "treasurer" member
  // (e.g. the treasurer Run account and its balances). Absent → "treasurer": null.
  std::function<void(JsonWriter&)> write_treasurer;
};

// Compact JSON of the whole run.
std::string RunDumpJson(const RunDump& run);
// Re-indents compact JSON (2 spaces), keeping member order. InvalidArgument on bad JSON.
absl::StatusOr<std::string> PrettyJson(absl::string_view compact);

// Building blocks (each writes one JSON value), for other dumps and drift reports.
void WriteCoordinatorInstanceJson(JsonWriter& w, const CoordinatorInstance& instance);
void WriteCoordinatorStateJson(JsonWriter& w, const CoordinatorState& state, bool include_clients,
                               std::optional<uint64_t> now_unix);
void WriteRunMetadataJson(JsonWriter& w, const RunMetadata& metadata);
// v0 accounts: pass rounds_per_epoch to write it instead of epoch_time and extra wait time.
void WriteCoordinatorConfigJson(JsonWriter& w, const CoordinatorConfig& config,
                                std::optional<uint32_t> v0_rounds_per_epoch = std::nullopt);
void WriteModelJson(JsonWriter& w, const Model& model);
void WriteProgressJson(JsonWriter& w, const CoordinatorProgress& progress);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_RUN_DUMP_H_
