#include "localnet/treasurer_exec.h"

#include "localnet/coordinator_exec.h"
#include "providers/psyche/coordinator_instruction_data.h"
#include "providers/psyche/psyche_program_ids.h"
#include "providers/psyche/spl_token.h"
#include "providers/psyche/spl_token_state.h"
#include "providers/psyche/treasurer.h"
#include "providers/psyche/treasurer_codec_ext.h"
#include "providers/solana/pda.h"
#include "providers/solana/program_ids.h"

namespace localnet {
namespace {

enum Ix : size_t { kRunCreate, kRunUpdate, kParticipantCreate, kParticipantClaim };

const std::array<psyche::AnchorDiscriminator, 4>& Discriminators() {
  static const std::array<psyche::AnchorDiscriminator, 4> d = {
      psyche::AnchorInstructionDiscriminator("run_create"),
      psyche::AnchorInstructionDiscriminator("run_update"),
      psyche::AnchorInstructionDiscriminator("participant_create"),
      psyche::AnchorInstructionDiscriminator("participant_claim"),
  };
  return d;
}

constexpr size_t kTokenAccountSize = 165;

InstructionResult CheckProgramId(InvokeContext& ctx, const TxAccount& a, const Pubkey& want,
                                 absl::string_view name) {
  if (a.key != want) return FailAnchor(ctx, AnchorError::kInvalidProgramId, name);
  return Success();
}

// The ATA program's Create (data 00) for (wallet, mint), funded by payer: a System
// CreateAccount of 165 bytes owned by the Token program, then InitializeAccount3.
InstructionResult CpiAtaCreate(InvokeContext& ctx, TxAccount& payer, TxAccount& vault,
                               const Pubkey& wallet, const Pubkey& mint) {
  std::string id = solana::program_ids::AssociatedToken().ToBase58();
  ctx.LogRaw(absl::StrCat("Program ", id, " invoke [2]"));
  ctx.Log("Create");
  InstructionResult r;
  if (vault.key != solana::AssociatedTokenAddress(wallet, mint)) {
    r = InstructionError{InstructionErrorKind::kInvalidSeeds, 0};
  } else {
    r = CpiCreateAccountFor(ctx, payer, vault, kTokenAccountSize, solana::program_ids::Token());
  }
  if (r) {
    ctx.LogRaw(absl::StrCat("Program ", id, " failed: ", r->Display()));
    return r;
  }
  psyche::TokenAccount token;
  token.mint = mint;
  token.owner = wallet;
  vault.account.data = psyche::EncodeTokenAccount(token);
  ctx.NoteCpiChanged(&vault);
  ctx.LogRaw(absl::StrCat("Program ", id, " success"));
  return Success();
}

InstructionResult RunCreate(InvokeContext& ctx, ByteView args_bytes) {
  auto args = psyche::ReadRunCreateParams(args_bytes);
  if (!args.ok()) return FailAnchor(ctx, AnchorError::kInstructionDidNotDeserialize);
  if (auto e = RequireAccounts(ctx, 10)) return e;
  TxAccount& payer = ctx.account(0);
  TxAccount& run = ctx.account(1);
  TxAccount& vault = ctx.account(2);
  TxAccount& mint = ctx.account(3);
  TxAccount& instance = ctx.account(4);
  TxAccount& coordinator_account = ctx.account(5);
  if (auto e = CheckSigner(ctx, payer, "payer")) return e;
  if (mint.account.owner == solana::program_ids::System() && mint.account.lamports == 0) {
    return FailAnchor(ctx, AnchorError::kAccountNotInitialized, "collateral_mint");
  }
  if (mint.account.owner != solana::program_ids::Token()) {
    return FailAnchor(ctx, AnchorError::kAccountOwnedByWrongProgram, "collateral_mint");
  }
  if (!psyche::DecodeMint(mint.account.owner, mint.account.data).ok()) {
    return FailAnchor(ctx, AnchorError::kAccountDidNotDeserialize, "collateral_mint");
  }
  const Pubkey& coordinator_id = psyche::program_ids::Coordinator();
  if (auto e = CheckProgramId(ctx, ctx.account(6), coordinator_id, "coordinator_program")) return e;
  if (auto e = CheckProgramId(ctx, ctx.account(7), solana::program_ids::AssociatedToken(),
                              "associated_token_program")) {
    return e;
  }
  if (auto e = CheckProgramId(ctx, ctx.account(8), solana::program_ids::Token(), "token_program")) {
    return e;
  }
  if (auto e = CheckSystemProgram(ctx, ctx.account(9), "system_program")) return e;
  for (auto [a, name] : {std::pair<TxAccount*, const char*>{&payer, "payer"}, {&run, "run"},
                         {&vault, "run_collateral"}, {&instance, "coordinator_instance"},
                         {&coordinator_account, "coordinator_account"}}) {
    if (auto e = CheckMut(ctx, *a, name)) return e;
  }
  auto pda = psyche::TreasurerRunAddress(args->index, ctx.program_id());
  if (!pda.ok() || pda->address != run.key) {
    return FailAnchor(ctx, AnchorError::kConstraintSeeds, "run");
  }
  if (auto e = CpiCreateAccount(ctx, payer, run, psyche::kTreasurerRunSize, "run")) return e;
  if (auto e = CpiAtaCreate(ctx, payer, vault, run.key, mint.key)) return e;
  if (args->run_id.size() > psyche::kMaxRunIdBytes) {
    return FailProgram(ctx, treasurer_error::kRunIdInvalidLength);
  }
  psyche::TreasurerRun fields;
  fields.bump = pda->bump;
  fields.index = args->index;
  fields.main_authority = args->main_authority;
  fields.join_authority = args->join_authority;
  fields.coordinator_account = coordinator_account.key;
  fields.coordinator_instance = instance.key;
  fields.collateral_mint = mint.key;
  run.account.data = psyche::EncodeTreasurerRun(fields);

  psyche::InitCoordinatorArgs init{run.key, args->join_authority, args->run_id,
                                   args->client_version};
  auto data = psyche::EncodeInitCoordinatorData(init);
  if (!data.ok()) return FailAnchor(ctx, AnchorError::kInstructionDidNotDeserialize);
  return InvokeNative(ctx, CoordinatorProgram(), coordinator_id,
                      {&payer, &instance, &coordinator_account, &ctx.account(9)}, *data, {});
}

InstructionResult RunUpdate(InvokeContext& ctx, ByteView args_bytes) {
  auto args = psyche::ReadRunUpdateParams(args_bytes);
  if (!args.ok()) return FailAnchor(ctx, AnchorError::kInstructionDidNotDeserialize);
  if (auto e = RequireAccounts(ctx, 5)) return e;
  TxAccount& authority = ctx.account(0);
  TxAccount& run = ctx.account(1);
  TxAccount& instance = ctx.account(2);
  TxAccount& coordinator_account = ctx.account(3);
  if (auto e = CheckSigner(ctx, authority, "authority")) return e;
  if (auto e = CheckProgramAccount(ctx, run, psyche::AnchorAccountDiscriminator("Run"), "run")) {
    return e;
  }
  auto fields = psyche::DecodeTreasurerRun(run.account.owner, run.account.data, ctx.program_id());
  if (!fields.ok()) return FailAnchor(ctx, AnchorError::kAccountDidNotDeserialize, "run");
  const Pubkey& coordinator_id = psyche::program_ids::Coordinator();
  if (auto e = CheckProgramId(ctx, ctx.account(4), coordinator_id, "coordinator_program")) return e;
  if (authority.key != fields->main_authority) {
    return FailAnchor(ctx, AnchorError::kConstraintRaw, "authority");
  }
  if (instance.key != fields->coordinator_instance) {
    return FailAnchor(ctx, AnchorError::kConstraintRaw, "coordinator_instance");
  }
  if (auto e = CheckMut(ctx, coordinator_account, "coordinator_account")) return e;
  if (coordinator_account.key != fields->coordinator_account) {
    return FailAnchor(ctx, AnchorError::kConstraintRaw, "coordinator_account");
  }

  auto cpi = [&](ByteView data) {
    return InvokeNative(ctx, CoordinatorProgram(), coordinator_id,
                        {&run, &instance, &coordinator_account}, data, {&run});
  };
  const psyche::RunUpdateParams& p = *args;
  if (p.metadata || p.config || p.model || p.progress) {
    auto data = psyche::EncodeUpdateData({p.metadata, p.config, p.model, p.progress});
    if (!data.ok()) return FailAnchor(ctx, AnchorError::kInstructionDidNotDeserialize);
    if (auto e = cpi(*data)) return e;
  }
  if (p.epoch_earning_rate_total_shared || p.epoch_slashing_rate_per_client) {
    Bytes data = psyche::EncodeSetFutureEpochRatesData(
        {p.epoch_earning_rate_total_shared, p.epoch_slashing_rate_per_client});
    if (auto e = cpi(data)) return e;
  }
  if (p.paused) {
    if (auto e = cpi(psyche::EncodeSetPausedData(*p.paused))) return e;
  }
  if (p.client_version) {
    auto data = psyche::EncodeUpdateClientVersionData(*p.client_version);
    // Over 96 bytes the coordinator panics.
    if (!data.ok()) return InstructionError{InstructionErrorKind::kGenericError, 0};
    if (auto e = cpi(*data)) return e;
  }
  return Success();
}

}  // namespace

InstructionResult TreasurerProgram::Process(InvokeContext& ctx) const {
  auto which = MatchDiscriminator(ctx.data(), Discriminators());
  if (!which) return FailAnchor(ctx, AnchorError::kInstructionFallbackNotFound);
  ByteView args = ctx.data().subspan(8);
  switch (*which) {
    case kRunCreate:
      LogInstruction(ctx, "RunCreate");
      return RunCreate(ctx, args);
    case kRunUpdate:
      LogInstruction(ctx, "RunUpdate");
      return RunUpdate(ctx, args);
    default:
      LogInstruction(ctx, *which == kParticipantCreate ? "ParticipantCreate" : "ParticipantClaim");
      ctx.Log("instruction not emulated by the local ledger");
      return InstructionError{InstructionErrorKind::kInvalidInstructionData, 0};
  }
}

}  // namespace localnet
