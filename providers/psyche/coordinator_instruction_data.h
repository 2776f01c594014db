// Instruction data of the coordinator program (coordinator.md 4.1, 4.4):
// the 8-byte Anchor discriminator then the Borsh arguments. Encoders and a
// decoder that reads data the way the program does (trailing bytes ignored),
// for the local test validator.
#ifndef PROVIDERS_PSYCHE_COORDINATOR_INSTRUCTION_DATA_H_
#define PROVIDERS_PSYCHE_COORDINATOR_INSTRUCTION_DATA_H_

#include <optional>
#include <string>
#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/psyche/coordinator_types.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace psyche {

inline constexpr size_t kMaxRunIdBytes = 32;  // RunIdInvalidLength above this (spec 1.3)

struct InitCoordinatorArgs {
  solana::Pubkey main_authority;
  solana::Pubkey join_authority;
  std::string run_id;
  std::string client_version;
  bool operator==(const InitCoordinatorArgs&) const = default;
};
struct UpdateArgs {
  std::optional<RunMetadata> metadata;
  std::optional<CoordinatorConfig> config;
  std::optional<Model> model;
  std::optional<CoordinatorProgress> progress;
  bool operator==(const UpdateArgs&) const = default;
};
struct UpdateClientVersionArgs {
  std::string new_version;
  bool operator==(const UpdateClientVersionArgs&) const = default;
};
struct SetFutureEpochRatesArgs {
  std::optional<uint64_t> epoch_earning_rate_total_shared;
  std::optional<uint64_t> epoch_slashing_rate_per_client;
  bool operator==(const SetFutureEpochRatesArgs&) const = default;
};
struct SetPausedArgs {
  bool paused = false;
  bool operator==(const SetPausedArgs&) const = default;
};
struct FreeCoordinatorArgs {
  bool operator==(const FreeCoordinatorArgs&) const = default;
};
struct JoinRunArgs {
  NodeIdentity client_id;
  bool operator==(const JoinRunArgs&) const = default;
};
struct TickArgs {
  bool operator==(const TickArgs&) const = default;
};
struct CheckpointArgs {
  Checkpoint checkpoint;
  bool operator==(const CheckpointArgs&) const = default;
};

// Encoders. Fallible ones reject what the program would refuse or panic on:
// run_id > 32 bytes, client_version > 96 bytes, FixedStrings over capacity, NaN.
absl::StatusOr<solana::Bytes> EncodeInitCoordinatorData(const InitCoordinatorArgs& args);
absl::StatusOr<solana::Bytes> EncodeUpdateData(const UpdateArgs& args);
absl::StatusOr<solana::Bytes> EncodeUpdateClientVersionData(absl::string_view new_version);
solana::Bytes EncodeSetFutureEpochRatesData(const SetFutureEpochRatesArgs& args);
solana::Bytes EncodeSetPausedData(bool paused);
solana::Bytes EncodeFreeCoordinatorData();
solana::Bytes EncodeJoinRunData(const NodeIdentity& client_id);
solana::Bytes EncodeTickData();
absl::StatusOr<solana::Bytes> EncodeCheckpointData(const Checkpoint& checkpoint);

using CoordinatorInstructionArgs =
    std::variant<InitCoordinatorArgs, UpdateArgs, UpdateClientVersionArgs, SetFutureEpochRatesArgs,
                 SetPausedArgs, FreeCoordinatorArgs, JoinRunArgs, TickArgs, CheckpointArgs>;

// Decodes as the program does: trailing bytes after the arguments are ignored.
// NotFound = no discriminator matches (Anchor 101 InstructionFallbackNotFound);
// InvalidArgument = bad argument bytes (Anchor 102 InstructionDidNotDeserialize).
// witness / warmup_witness / health_check are client-only and give NotFound.
absl::StatusOr<CoordinatorInstructionArgs> DecodeCoordinatorInstructionData(solana::ByteView data);

// The snake_case handler name of decoded arguments ("update", "join_run", ...).
absl::string_view CoordinatorInstructionName(const CoordinatorInstructionArgs& args);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_COORDINATOR_INSTRUCTION_DATA_H_
