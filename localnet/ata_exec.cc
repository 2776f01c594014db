#include "localnet/ata_exec.h"

#include <algorithm>

#include "localnet/cpi.h"
#include "localnet/spl_token_exec.h"
#include "localnet/system_program_exec.h"
#include "providers/psyche/spl_token.h"
#include "providers/solana/pda.h"
#include "providers/solana/program_ids.h"

namespace localnet {
namespace {

using Kind = InstructionErrorKind;

InstructionError Err(Kind k) { return {k, 0}; }

// Positions of the instruction's accounts (5.6).
enum AtaAccount : size_t { kFunder, kAta, kWallet, kMint, kSystem, kTokenProgram, kCount };

CpiAccountMeta Meta(size_t index, bool signer, bool writable) { return {index, signer, writable}; }

Bytes SystemData(uint32_t tag) {
  Bytes d;
  solana::PutU32(&d, tag);
  return d;
}

// create_pda_account: CreateAccount for an empty address; for one that
// already holds lamports, top it up to rent-exempt, then Allocate and Assign.
InstructionResult CreatePdaAccount(InvokeContext& ctx, uint64_t space) {
  const SystemProgram system;
  const Pubkey& system_id = solana::program_ids::System();
  const Pubkey& token_id = ctx.account(kTokenProgram).key;
  const std::vector<Pubkey> pda = {ctx.account(kAta).key};
  const uint64_t rent = std::max<uint64_t>(RentExemptMinimum(space), 1);
  const uint64_t held = ctx.account(kAta).account.lamports;
  if (held == 0) {
    Bytes d = SystemData(0);
    solana::PutU64(&d, rent);
    solana::PutU64(&d, space);
    solana::PutBytes(&d, token_id.view());
    return InvokeNested(ctx, system_id, system,
                        {Meta(kFunder, true, true), Meta(kAta, true, true)}, d, pda);
  }
  if (rent > held) {
    Bytes d = SystemData(2);
    solana::PutU64(&d, rent - held);
    if (auto e = InvokeNested(ctx, system_id, system,
                              {Meta(kFunder, true, true), Meta(kAta, false, true)}, d)) {
      return e;
    }
  }
  Bytes allocate = SystemData(8);
  solana::PutU64(&allocate, space);
  if (auto e = InvokeNested(ctx, system_id, system, {Meta(kAta, true, true)}, allocate, pda)) {
    return e;
  }
  Bytes assign = SystemData(1);
  solana::PutBytes(&assign, token_id.view());
  return InvokeNested(ctx, system_id, system, {Meta(kAta, true, true)}, assign, pda);
}

// CreateIdempotent on an initialized token account: done if it is the right
// one; nullopt when the account must still be created.
std::optional<InstructionResult> ExistingAccount(InvokeContext& ctx) {
  const TxAccount& ata = ctx.account(kAta);
  if (ata.account.owner != ctx.account(kTokenProgram).key) return std::nullopt;
  auto account = psyche::DecodeTokenAccount(solana::program_ids::Token(), ata.account.data);
  if (!account.ok()) return std::nullopt;
  if (account->owner != ctx.account(kWallet).key) {
    ctx.Log("Associated token account owner does not match address derivation");
    return InstructionResult(InstructionError::Custom(static_cast<uint32_t>(AtaError::kInvalidOwner)));
  }
  if (account->mint != ctx.account(kMint).key) return InstructionResult(Err(Kind::kInvalidAccountData));
  return InstructionResult(Success());
}

bool HasAccount(InvokeContext& ctx, const Pubkey& key) {
  for (size_t i = 0; i < ctx.num_accounts(); ++i) {
    if (ctx.account(i).key == key) return true;
  }
  return false;
}

InstructionResult Create(InvokeContext& ctx, bool idempotent) {
  if (ctx.num_accounts() < kCount) return Err(Kind::kNotEnoughAccountKeys);
  const Pubkey& token_id = ctx.account(kTokenProgram).key;
  auto derived = solana::FindProgramAddress(
      {ctx.account(kWallet).key.view(), token_id.view(), ctx.account(kMint).key.view()},
      ctx.program_id());
  if (!derived.ok() || derived->address != ctx.account(kAta).key) {
    ctx.Log("Error: Associated address does not match seed derivation");
    return Err(Kind::kInvalidSeeds);
  }
  if (idempotent) {
    if (auto done = ExistingAccount(ctx)) return *done;
  }
  if (ctx.account(kAta).account.owner != solana::program_ids::System()) {
    return Err(Kind::kIllegalOwner);
  }
  // Only the classic token program is emulated; the runtime would fail to
  // invoke any other account as a program.
  if (token_id != solana::program_ids::Token()) return Err(Kind::kIncorrectProgramId);
  const SplTokenProgram token;
  Bytes size_query = {static_cast<uint8_t>(TokenInstructionTag::kGetAccountDataSize)};
  solana::PutU16(&size_query, 7);  // ExtensionType::ImmutableOwner
  if (auto e = InvokeNested(ctx, token_id, token, {Meta(kMint, false, false)}, size_query)) {
    return e;
  }
  if (!HasAccount(ctx, solana::program_ids::System())) {
    ctx.LogRaw(absl::StrCat("Unknown program ", solana::program_ids::System().ToBase58()));
    return Err(Kind::kMissingAccount);
  }
  if (auto e = CreatePdaAccount(ctx, psyche::kTokenAccountSize)) return e;
  ctx.Log("Initialize the associated token account");
  Bytes immutable = {static_cast<uint8_t>(TokenInstructionTag::kInitializeImmutableOwner)};
  if (auto e = InvokeNested(ctx, token_id, token, {Meta(kAta, false, true)}, immutable)) return e;
  Bytes init = {static_cast<uint8_t>(TokenInstructionTag::kInitializeAccount3)};
  solana::PutBytes(&init, ctx.account(kWallet).key.view());
  return InvokeNested(ctx, token_id, token, {Meta(kAta, false, true), Meta(kMint, false, false)},
                      init);
}

}  // namespace

InstructionResult AssociatedTokenProgram::Process(InvokeContext& ctx) const {
  ByteView data = ctx.data();
  // Borsh enum: exactly one byte; empty data is read as Create.
  if (data.size() > 1 || (data.size() == 1 && data[0] > 2)) {
    return Err(Kind::kInvalidInstructionData);
  }
  const uint8_t tag = data.empty() ? 0 : data[0];
  if (tag == 2) {
    ctx.Log("RecoverNested");
    return Err(Kind::kInvalidInstructionData);  // not emulated
  }
  ctx.Log(tag == 0 ? "Create" : "CreateIdempotent");
  return Create(ctx, tag == 1);
}

}  // namespace localnet
