#include "providers/psyche/coordinator_instruction_data.h"

#include <algorithm>
#include <array>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "providers/psyche/anchor.h"
#include "providers/psyche/borsh.h"
#include "providers/psyche/coordinator_borsh.h"

namespace psyche {
namespace {

// Handler names in CoordinatorInstructionArgs alternative order.
constexpr std::array<absl::string_view, 9> kInstructionNames = {"init_coordinator",
                                                                "update",
                                                                "update_client_version",
                                                                "set_future_epoch_rates",
                                                                "set_paused",
                                                                "free_coordinator",
                                                                "join_run",
                                                                "tick",
                                                                "checkpoint"};
static_assert(kInstructionNames.size() == std::variant_size_v<CoordinatorInstructionArgs>);

const std::array<AnchorDiscriminator, kInstructionNames.size()>& Discriminators() {
  static const auto table = [] {
    std::array<AnchorDiscriminator, kInstructionNames.size()> t;
    for (size_t i = 0; i < kInstructionNames.size(); ++i) {
      t[i] = AnchorInstructionDiscriminator(kInstructionNames[i]);
    }
    return t;
  }();
  return table;
}

// Alternative index of Args in CoordinatorInstructionArgs.
template <typename Args, size_t I = 0>
constexpr size_t IndexOf() {
  if constexpr (std::is_same_v<Args, std::variant_alternative_t<I, CoordinatorInstructionArgs>>) {
    return I;
  } else {
    return IndexOf<Args, I + 1>();
  }
}

template <typename Args>
BorshWriter StartInstruction() {
  BorshWriter w;
  const AnchorDiscriminator& d = Discriminators()[IndexOf<Args>()];
  w.Raw(solana::ByteView(d.data(), d.size()));
  return w;
}

// Finish() of a writer that cannot fail (fixed-size, no strings or floats).
solana::Bytes FinishInfallible(BorshWriter w) { return *std::move(w).Finish(); }

absl::Status CheckClientVersion(absl::string_view v) {
  if (v.size() > kClientVersionCapacity) {
    return absl::InvalidArgumentError(absl::StrCat("client_version is ", v.size(),
                                                   " bytes; the program panics above ",
                                                   kClientVersionCapacity));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<uint64_t>> ReadOptionalU64(BorshReader& r, absl::string_view what) {
  ASSIGN_OR_RETURN(bool some, r.OptionTag(what));
  if (!some) return std::optional<uint64_t>();
  ASSIGN_OR_RETURN(uint64_t v, r.U64(what));
  return std::optional<uint64_t>(v);
}

absl::StatusOr<UpdateArgs> ReadUpdateArgs(BorshReader& r) {
  UpdateArgs a;
  ASSIGN_OR_RETURN(bool has_metadata, r.OptionTag("update.metadata"));
  if (has_metadata) {
    ASSIGN_OR_RETURN(a.metadata, ReadRunMetadata(r));
  }
  ASSIGN_OR_RETURN(bool has_config, r.OptionTag("update.config"));
  if (has_config) {
    ASSIGN_OR_RETURN(a.config, ReadCoordinatorConfig(r));
  }
  ASSIGN_OR_RETURN(bool has_model, r.OptionTag("update.model"));
  if (has_model) {
    ASSIGN_OR_RETURN(a.model, ReadModel(r));
  }
  ASSIGN_OR_RETURN(bool has_progress, r.OptionTag("update.progress"));
  if (has_progress) {
    ASSIGN_OR_RETURN(a.progress, ReadCoordinatorProgress(r));
  }
  return a;
}

absl::StatusOr<CoordinatorInstructionArgs> ReadArgs(size_t index, BorshReader& r) {
  switch (index) {
    case IndexOf<InitCoordinatorArgs>(): {
      InitCoordinatorArgs a;
      ASSIGN_OR_RETURN(a.main_authority, r.Pubkey("main_authority"));
      ASSIGN_OR_RETURN(a.join_authority, r.Pubkey("join_authority"));
      ASSIGN_OR_RETURN(a.run_id, r.String("run_id"));
      ASSIGN_OR_RETURN(a.client_version, r.String("client_version"));
      return a;
    }
    case IndexOf<UpdateArgs>(): {
      ASSIGN_OR_RETURN(UpdateArgs a, ReadUpdateArgs(r));
      return a;
    }
    case IndexOf<UpdateClientVersionArgs>(): {
      UpdateClientVersionArgs a;
      ASSIGN_OR_RETURN(a.new_version, r.String("new_version"));
      return a;
    }
    case IndexOf<SetFutureEpochRatesArgs>(): {
      SetFutureEpochRatesArgs a;
      ASSIGN_OR_RETURN(a.epoch_earning_rate_total_shared,
                       ReadOptionalU64(r, "epoch_earning_rate_total_shared"));
      ASSIGN_OR_RETURN(a.epoch_slashing_rate_per_client,
                       ReadOptionalU64(r, "epoch_slashing_rate_per_client"));
      return a;
    }
    case IndexOf<SetPausedArgs>(): {
      SetPausedArgs a;
      ASSIGN_OR_RETURN(a.paused, r.Bool("paused"));
      return a;
    }
    case IndexOf<FreeCoordinatorArgs>():
      return FreeCoordinatorArgs{};
    case IndexOf<JoinRunArgs>(): {
      JoinRunArgs a;
      ASSIGN_OR_RETURN(a.client_id, ReadNodeIdentity(r));
      return a;
    }
    case IndexOf<TickArgs>():
      return TickArgs{};
    default: {
      CheckpointArgs a;
      ASSIGN_OR_RETURN(a.checkpoint, ReadCheckpoint(r));
      return a;
    }
  }
}

}  // namespace

absl::StatusOr<solana::Bytes> EncodeInitCoordinatorData(const InitCoordinatorArgs& args) {
  if (args.run_id.size() > kMaxRunIdBytes) {
    return absl::InvalidArgumentError(absl::StrCat("run_id is ", args.run_id.size(),
                                                   " bytes; at most ", kMaxRunIdBytes,
                                                   " allowed (RunIdInvalidLength)"));
  }
  RETURN_IF_ERROR(CheckClientVersion(args.client_version));
  BorshWriter w = StartInstruction<InitCoordinatorArgs>();
  w.Pubkey(args.main_authority);
  w.Pubkey(args.join_authority);
  w.String(args.run_id, "run_id");
  w.String(args.client_version, "client_version");
  return std::move(w).Finish();
}

absl::StatusOr<solana::Bytes> EncodeUpdateData(const UpdateArgs& args) {
  BorshWriter w = StartInstruction<UpdateArgs>();
  w.OptionTag(args.metadata.has_value());
  if (args.metadata) WriteRunMetadata(w, *args.metadata);
  w.OptionTag(args.config.has_value());
  if (args.config) WriteCoordinatorConfig(w, *args.config);
  w.OptionTag(args.model.has_value());
  if (args.model) WriteModel(w, *args.model);
  w.OptionTag(args.progress.has_value());
  if (args.progress) WriteCoordinatorProgress(w, *args.progress);
  return std::move(w).Finish();
}

absl::StatusOr<solana::Bytes> EncodeUpdateClientVersionData(absl::string_view new_version) {
  RETURN_IF_ERROR(CheckClientVersion(new_version));
  BorshWriter w = StartInstruction<UpdateClientVersionArgs>();
  w.String(new_version, "new_version");
  return std::move(w).Finish();
}

solana::Bytes EncodeSetFutureEpochRatesData(const SetFutureEpochRatesArgs& args) {
  BorshWriter w = StartInstruction<SetFutureEpochRatesArgs>();
  w.OptionTag(args.epoch_earning_rate_total_shared.has_value());
  if (args.epoch_earning_rate_total_shared) w.U64(*args.epoch_earning_rate_total_shared);
  w.OptionTag(args.epoch_slashing_rate_per_client.has_value());
  if (args.epoch_slashing_rate_per_client) w.U64(*args.epoch_slashing_rate_per_client);
  return FinishInfallible(std::move(w));
}

solana::Bytes EncodeSetPausedData(bool paused) {
  BorshWriter w = StartInstruction<SetPausedArgs>();
  w.Bool(paused);
  return FinishInfallible(std::move(w));
}

solana::Bytes EncodeFreeCoordinatorData() {
  return FinishInfallible(StartInstruction<FreeCoordinatorArgs>());
}

solana::Bytes EncodeJoinRunData(const NodeIdentity& client_id) {
  BorshWriter w = StartInstruction<JoinRunArgs>();
  WriteNodeIdentity(w, client_id);
  return FinishInfallible(std::move(w));
}

solana::Bytes EncodeTickData() { return FinishInfallible(StartInstruction<TickArgs>()); }

absl::StatusOr<solana::Bytes> EncodeCheckpointData(const Checkpoint& checkpoint) {
  BorshWriter w = StartInstruction<CheckpointArgs>();
  WriteCheckpoint(w, checkpoint);
  return std::move(w).Finish();
}

absl::StatusOr<CoordinatorInstructionArgs> DecodeCoordinatorInstructionData(solana::ByteView data) {
  const auto& table = Discriminators();
  for (size_t i = 0; i < table.size(); ++i) {
    if (data.size() < table[i].size() ||
        !std::equal(table[i].begin(), table[i].end(), data.begin())) {
      continue;
    }
    BorshReader r(data.subspan(table[i].size()));
    auto args = ReadArgs(i, r);
    if (!args.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "InstructionDidNotDeserialize (", kInstructionNames[i], "): ", args.status().message()));
    }
    return args;
  }
  return absl::NotFoundError(
      "InstructionFallbackNotFound: no coordinator instruction has this discriminator");
}

absl::string_view CoordinatorInstructionName(const CoordinatorInstructionArgs& args) {
  return kInstructionNames[args.index()];
}

}  // namespace psyche
