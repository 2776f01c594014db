#include "localnet/spl_token_exec.h"

#include <variant>

#include "absl/strings/escaping.h"
#include "providers/psyche/spl_token.h"
#include "providers/psyche/spl_token_state.h"
#include "providers/solana/program_ids.h"

namespace localnet {
namespace {

using psyche::Mint;
using psyche::TokenAccount;
using Kind = InstructionErrorKind;

InstructionError Err(Kind k) { return {k, 0}; }
InstructionError Err(TokenError e) { return InstructionError::Custom(static_cast<uint32_t>(e)); }

template <typename T>
using Unpacked = std::variant<T, InstructionError>;

const Pubkey& TokenId() { return solana::program_ids::Token(); }

// Mint::unpack: exact size and valid fields (InvalidAccountData), then
// is_initialized (UninitializedAccount). `require_init` false is unpack_unchecked.
Unpacked<std::optional<Mint>> UnpackMint(ByteView data, bool require_init) {
  if (data.size() != psyche::kMintSize) return Err(Kind::kInvalidAccountData);
  const uint8_t initialized = data[45];
  if (initialized > 1) return Err(Kind::kInvalidAccountData);
  Bytes copy(data.begin(), data.end());
  copy[45] = 1;  // the shared decoder accepts initialized mints only
  auto mint = psyche::DecodeMint(TokenId(), copy);
  if (!mint.ok()) return Err(Kind::kInvalidAccountData);
  if (initialized == 0) {
    if (require_init) return Err(Kind::kUninitializedAccount);
    return std::optional<Mint>();
  }
  return std::optional<Mint>(*mint);
}

// Account::unpack, same rules; state 0 is uninitialized, > 2 invalid.
Unpacked<std::optional<TokenAccount>> UnpackAccount(ByteView data, bool require_init) {
  if (data.size() != psyche::kTokenAccountSize) return Err(Kind::kInvalidAccountData);
  const uint8_t state = data[108];
  if (state > 2) return Err(Kind::kInvalidAccountData);
  Bytes copy(data.begin(), data.end());
  if (state == 0) copy[108] = 1;
  auto account = psyche::DecodeTokenAccount(TokenId(), copy);
  if (!account.ok()) return Err(Kind::kInvalidAccountData);
  if (state == 0) {
    if (require_init) return Err(Kind::kUninitializedAccount);
    return std::optional<TokenAccount>();
  }
  return std::optional<TokenAccount>(*account);
}

template <typename T>
const InstructionError* ErrorOf(const Unpacked<T>& u) {
  return std::get_if<InstructionError>(&u);
}

bool IsFrozen(const TokenAccount& a) { return a.state == psyche::TokenAccountState::kFrozen; }

// validate_owner for a single-signer authority. (Multisig authorities are not
// emulated: they fail with MissingRequiredSignature, like an unsigned key.)
InstructionResult ValidateOwner(const Pubkey& expected, const TxAccount& authority) {
  if (expected != authority.key) return Err(TokenError::kOwnerMismatch);
  if (!authority.is_signer) return Err(Kind::kMissingRequiredSignature);
  return Success();
}

InstructionResult CheckOwnedByToken(const TxAccount& a) {
  if (a.account.owner != TokenId()) return Err(Kind::kIncorrectProgramId);
  return Success();
}

struct InitializeMintArgs {
  uint8_t decimals = 0;
  Pubkey mint_authority;
  std::optional<Pubkey> freeze_authority;
};

// Instruction-data COption: one tag byte, the key only when the tag is 1.
std::optional<InitializeMintArgs> ParseInitializeMint(solana::ByteReader& in) {
  InitializeMintArgs args;
  auto decimals = in.U8("decimals");
  auto authority = in.Take(32, "mint_authority");
  auto tag = in.U8("freeze_authority tag");
  if (!decimals.ok() || !authority.ok() || !tag.ok() || *tag > 1) return std::nullopt;
  args.decimals = *decimals;
  args.mint_authority = Pubkey::FromBytes(*authority).value();
  if (*tag == 1) {
    auto freeze = in.Take(32, "freeze_authority");
    if (!freeze.ok()) return std::nullopt;
    args.freeze_authority = Pubkey::FromBytes(*freeze).value();
  }
  return args;
}

InstructionResult InitializeMint(InvokeContext& ctx, const InitializeMintArgs& args,
                                 bool rent_sysvar_account) {
  if (ctx.num_accounts() < (rent_sysvar_account ? 2u : 1u)) {
    return Err(Kind::kNotEnoughAccountKeys);
  }
  TxAccount& mint_info = ctx.account(0);
  if (rent_sysvar_account && ctx.account(1).key != solana::program_ids::SysvarRent()) {
    return Err(Kind::kInvalidArgument);  // Rent::from_account_info on another account
  }
  auto existing = UnpackMint(mint_info.account.data, /*require_init=*/false);
  if (auto* e = ErrorOf(existing)) return *e;
  if (std::get<std::optional<Mint>>(existing).has_value()) return Err(TokenError::kAlreadyInUse);
  if (mint_info.account.lamports < RentExemptMinimum(mint_info.account.data.size())) {
    return Err(TokenError::kNotRentExempt);
  }
  Mint mint;
  mint.mint_authority = args.mint_authority;
  mint.decimals = args.decimals;
  mint.freeze_authority = args.freeze_authority;
  mint_info.account.data = psyche::EncodeMint(mint);
  return Success();
}

InstructionResult InitializeAccount3(InvokeContext& ctx, const Pubkey& owner) {
  if (ctx.num_accounts() < 2) return Err(Kind::kNotEnoughAccountKeys);
  TxAccount& account_info = ctx.account(0);
  TxAccount& mint_info = ctx.account(1);
  auto existing = UnpackAccount(account_info.account.data, /*require_init=*/false);
  if (auto* e = ErrorOf(existing)) return *e;
  if (std::get<std::optional<TokenAccount>>(existing).has_value()) {
    return Err(TokenError::kAlreadyInUse);
  }
  if (account_info.account.lamports < RentExemptMinimum(account_info.account.data.size())) {
    return Err(TokenError::kNotRentExempt);
  }
  // The native (wrapped SOL) mint is not emulated: it is treated as any mint.
  if (auto e = CheckOwnedByToken(mint_info)) return e;
  auto mint = UnpackMint(mint_info.account.data, /*require_init=*/true);
  if (ErrorOf(mint)) return Err(TokenError::kInvalidMint);
  TokenAccount account;
  account.mint = mint_info.key;
  account.owner = owner;
  account_info.account.data = psyche::EncodeTokenAccount(account);
  return Success();
}

InstructionResult MintTo(InvokeContext& ctx, uint64_t amount) {
  if (ctx.num_accounts() < 3) return Err(Kind::kNotEnoughAccountKeys);
  TxAccount& mint_info = ctx.account(0);
  TxAccount& dest_info = ctx.account(1);
  auto dest_u = UnpackAccount(dest_info.account.data, true);
  if (auto* e = ErrorOf(dest_u)) return *e;
  TokenAccount dest = *std::get<std::optional<TokenAccount>>(dest_u);
  if (IsFrozen(dest)) return Err(TokenError::kAccountFrozen);
  if (dest.is_native) return Err(TokenError::kNativeNotSupported);
  if (mint_info.key != dest.mint) return Err(TokenError::kMintMismatch);
  auto mint_u = UnpackMint(mint_info.account.data, true);
  if (auto* e = ErrorOf(mint_u)) return *e;
  Mint mint = *std::get<std::optional<Mint>>(mint_u);
  if (!mint.mint_authority) return Err(TokenError::kFixedSupply);
  if (auto e = ValidateOwner(*mint.mint_authority, ctx.account(2))) return e;
  if (amount == 0) {
    if (auto e = CheckOwnedByToken(mint_info)) return e;
    if (auto e = CheckOwnedByToken(dest_info)) return e;
  }
  if (dest.amount > UINT64_MAX - amount || mint.supply > UINT64_MAX - amount) {
    return Err(TokenError::kOverflow);
  }
  dest.amount += amount;
  mint.supply += amount;
  dest_info.account.data = psyche::EncodeTokenAccount(dest);
  mint_info.account.data = psyche::EncodeMint(mint);
  return Success();
}

InstructionResult Transfer(InvokeContext& ctx, uint64_t amount,
                           std::optional<uint8_t> expected_decimals) {
  const size_t need = expected_decimals ? 4 : 3;
  if (ctx.num_accounts() < need) return Err(Kind::kNotEnoughAccountKeys);
  TxAccount& source_info = ctx.account(0);
  TxAccount& dest_info = ctx.account(expected_decimals ? 2 : 1);
  TxAccount& authority = ctx.account(expected_decimals ? 3 : 2);
  auto source_u = UnpackAccount(source_info.account.data, true);
  if (auto* e = ErrorOf(source_u)) return *e;
  auto dest_u = UnpackAccount(dest_info.account.data, true);
  if (auto* e = ErrorOf(dest_u)) return *e;
  TokenAccount source = *std::get<std::optional<TokenAccount>>(source_u);
  TokenAccount dest = *std::get<std::optional<TokenAccount>>(dest_u);
  if (IsFrozen(source) || IsFrozen(dest)) return Err(TokenError::kAccountFrozen);
  if (source.amount < amount) return Err(TokenError::kInsufficientFunds);
  if (source.mint != dest.mint) return Err(TokenError::kMintMismatch);
  if (expected_decimals) {
    TxAccount& mint_info = ctx.account(1);
    if (mint_info.key != source.mint) return Err(TokenError::kMintMismatch);
    auto mint_u = UnpackMint(mint_info.account.data, true);
    if (auto* e = ErrorOf(mint_u)) return *e;
    if (std::get<std::optional<Mint>>(mint_u)->decimals != *expected_decimals) {
      return Err(TokenError::kMintDecimalsMismatch);
    }
  }
  const bool self_transfer = source_info.key == dest_info.key;
  if (source.delegate && *source.delegate == authority.key) {
    if (auto e = ValidateOwner(*source.delegate, authority)) return e;
    if (source.delegated_amount < amount) return Err(TokenError::kInsufficientFunds);
    if (!self_transfer) {
      source.delegated_amount -= amount;
      if (source.delegated_amount == 0) source.delegate.reset();
    }
  } else if (auto e = ValidateOwner(source.owner, authority)) {
    return e;
  }
  if (self_transfer || amount == 0) {
    if (auto e = CheckOwnedByToken(source_info)) return e;
    if (auto e = CheckOwnedByToken(dest_info)) return e;
  }
  if (self_transfer) return Success();
  if (dest.amount > UINT64_MAX - amount) return Err(TokenError::kOverflow);
  source.amount -= amount;
  dest.amount += amount;
  if (source.is_native) {
    if (source_info.account.lamports < amount ||
        dest_info.account.lamports > UINT64_MAX - amount) {
      return Err(TokenError::kOverflow);
    }
    source_info.account.lamports -= amount;
    dest_info.account.lamports += amount;
  }
  source_info.account.data = psyche::EncodeTokenAccount(source);
  dest_info.account.data = psyche::EncodeTokenAccount(dest);
  return Success();
}

InstructionResult GetAccountDataSize(InvokeContext& ctx) {
  if (ctx.num_accounts() < 1) return Err(Kind::kNotEnoughAccountKeys);
  TxAccount& mint_info = ctx.account(0);
  if (auto e = CheckOwnedByToken(mint_info)) return e;
  if (ErrorOf(UnpackMint(mint_info.account.data, true))) return Err(TokenError::kInvalidMint);
  // The runtime prints a program's return data after it returns.
  Bytes size;
  solana::PutU64(&size, psyche::kTokenAccountSize);
  ctx.LogRaw(absl::StrCat("Program return: ", TokenId().ToBase58(), " ",
                          absl::Base64Escape(absl::string_view(
                              reinterpret_cast<const char*>(size.data()), size.size()))));
  return Success();
}

InstructionResult InitializeImmutableOwner(InvokeContext& ctx) {
  if (ctx.num_accounts() < 1) return Err(Kind::kNotEnoughAccountKeys);
  auto existing = UnpackAccount(ctx.account(0).account.data, false);
  if (auto* e = ErrorOf(existing)) return *e;
  if (std::get<std::optional<TokenAccount>>(existing).has_value()) {
    return Err(TokenError::kAlreadyInUse);
  }
  ctx.Log("Please upgrade to SPL Token 2022 for immutable owner support");
  return Success();
}

InstructionError InvalidInstruction() { return Err(TokenError::kInvalidInstruction); }

InstructionResult Dispatch(InvokeContext& ctx) {
  solana::ByteReader in(ctx.data());
  auto tag = in.U8("tag");
  if (!tag.ok()) return InvalidInstruction();
  switch (static_cast<TokenInstructionTag>(*tag)) {
    case TokenInstructionTag::kInitializeMint:
    case TokenInstructionTag::kInitializeMint2: {
      auto args = ParseInitializeMint(in);
      if (!args) return InvalidInstruction();
      const bool first = *tag == 0;
      ctx.Log(first ? "Instruction: InitializeMint" : "Instruction: InitializeMint2");
      return InitializeMint(ctx, *args, first);
    }
    case TokenInstructionTag::kTransfer:
    case TokenInstructionTag::kMintTo: {
      auto amount = in.U64("amount");
      if (!amount.ok()) return InvalidInstruction();
      if (*tag == 3) {
        ctx.Log("Instruction: Transfer");
        return Transfer(ctx, *amount, std::nullopt);
      }
      ctx.Log("Instruction: MintTo");
      return MintTo(ctx, *amount);
    }
    case TokenInstructionTag::kTransferChecked: {
      auto amount = in.U64("amount");
      auto decimals = in.U8("decimals");
      if (!amount.ok() || !decimals.ok()) return InvalidInstruction();
      ctx.Log("Instruction: TransferChecked");
      return Transfer(ctx, *amount, *decimals);
    }
    case TokenInstructionTag::kInitializeAccount3: {
      auto owner = in.Take(32, "owner");
      if (!owner.ok()) return InvalidInstruction();
      ctx.Log("Instruction: InitializeAccount3");
      return InitializeAccount3(ctx, Pubkey::FromBytes(*owner).value());
    }
    case TokenInstructionTag::kGetAccountDataSize:
      ctx.Log("Instruction: GetAccountDataSize");
      return GetAccountDataSize(ctx);
    case TokenInstructionTag::kInitializeImmutableOwner:
      ctx.Log("Instruction: InitializeImmutableOwner");
      return InitializeImmutableOwner(ctx);
  }
  return InvalidInstruction();
}

// ProgramError::print: "Error: <TokenError text>" or "Error: <variant name>".
std::string ErrorLogText(const InstructionError& e) {
  if (e.kind == Kind::kCustom) {
    return absl::StrCat("Error: ", TokenErrorMessage(static_cast<TokenError>(e.custom)));
  }
  std::string name = e.Json();  // a quoted unit variant name
  if (name.size() >= 2 && name.front() == '"') name = name.substr(1, name.size() - 2);
  return absl::StrCat("Error: ", name);
}

}  // namespace

const char* TokenErrorMessage(TokenError e) {
  switch (e) {
    case TokenError::kNotRentExempt: return "Lamport balance below rent-exempt threshold";
    case TokenError::kInsufficientFunds: return "insufficient funds";
    case TokenError::kInvalidMint: return "Invalid Mint";
    case TokenError::kMintMismatch: return "Account not associated with this Mint";
    case TokenError::kOwnerMismatch: return "owner does not match";
    case TokenError::kFixedSupply: return "the total supply of this token is fixed";
    case TokenError::kAlreadyInUse: return "account or token already in use";
    case TokenError::kInvalidNumberOfProvidedSigners: return "Invalid number of provided signers";
    case TokenError::kInvalidNumberOfRequiredSigners: return "Invalid number of required signers";
    case TokenError::kUninitializedState: return "State is uninitialized";
    case TokenError::kNativeNotSupported: return "Instruction does not support native tokens";
    case TokenError::kNonNativeHasBalance:
      return "Non-native account can only be closed if its balance is zero";
    case TokenError::kInvalidInstruction: return "Invalid instruction";
    case TokenError::kInvalidState: return "Invalid account state for operation";
    case TokenError::kOverflow: return "Operation overflowed";
    case TokenError::kAuthorityTypeNotSupported:
      return "Account does not support specified authority type";
    case TokenError::kMintCannotFreeze: return "This token mint cannot freeze accounts";
    case TokenError::kAccountFrozen: return "Account is frozen";
    case TokenError::kMintDecimalsMismatch: return "decimals different from the Mint decimals";
    case TokenError::kNonNativeNotSupported:
      return "Instruction does not support non-native tokens";
  }
  return "Unknown";
}

InstructionResult SplTokenProgram::Process(InvokeContext& ctx) const {
  InstructionResult r = Dispatch(ctx);
  if (r) ctx.Log(ErrorLogText(*r));
  return r;
}

}  // namespace localnet
