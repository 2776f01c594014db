#include "providers/psyche/spl_token.h"

#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "providers/solana/pda.h"
#include "providers/solana/program_ids.h"

namespace psyche {
namespace {

using solana::Bytes;
using solana::ByteView;
using solana::Instruction;
using solana::Pubkey;

enum TokenTag : uint8_t {
  kInitializeMint = 0,
  kTransfer = 3,
  kMintTo = 7,
  kTransferChecked = 12,
  kInitializeMint2 = 20,
};

// Instruction data packs COption as a one-byte tag (unlike account data).
Bytes InitializeMintData(TokenTag tag, uint8_t decimals, const Pubkey& mint_authority,
                         const std::optional<Pubkey>& freeze_authority) {
  Bytes data;
  solana::PutU8(&data, tag);
  solana::PutU8(&data, decimals);
  solana::PutBytes(&data, mint_authority.view());
  solana::PutU8(&data, freeze_authority.has_value() ? 1 : 0);
  if (freeze_authority) solana::PutBytes(&data, freeze_authority->view());
  return data;
}

Bytes TagAndAmount(TokenTag tag, uint64_t amount) {
  Bytes data;
  solana::PutU8(&data, tag);
  solana::PutU64(&data, amount);
  return data;
}

Instruction AtaInstruction(uint8_t tag, const Pubkey& funder, const Pubkey& wallet,
                           const Pubkey& mint) {
  const Pubkey& token = solana::program_ids::Token();
  return Instruction{solana::program_ids::AssociatedToken(),
                     {solana::WritableSigner(funder),
                      solana::Writable(solana::AssociatedTokenAddress(wallet, mint, token)),
                      solana::Readonly(wallet), solana::Readonly(mint),
                      solana::Readonly(solana::program_ids::System()), solana::Readonly(token)},
                     Bytes{tag}};
}

absl::Status CheckAccountShape(const Pubkey& program_owner, ByteView data, size_t size,
                               absl::string_view what) {
  if (program_owner != solana::program_ids::Token()) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": owned by ", program_owner.ToBase58(), ", not the SPL Token program"));
  }
  if (data.size() != size) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": ", data.size(), " bytes, expected exactly ", size));
  }
  return absl::OkStatus();
}

// Account-data COption: u32 tag 0/1, then the value (present even when None).
absl::StatusOr<std::optional<Pubkey>> ReadOptionalKey(solana::ByteReader& r,
                                                      absl::string_view what) {
  ASSIGN_OR_RETURN(uint32_t tag, r.U32(what));
  ASSIGN_OR_RETURN(ByteView body, r.Take(Pubkey::kSize, what));
  if (tag > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": COption tag ", tag, " at offset ", r.offset() - 4 - Pubkey::kSize));
  }
  if (tag == 0) return std::optional<Pubkey>();
  ASSIGN_OR_RETURN(Pubkey key, Pubkey::FromBytes(body));
  return std::optional<Pubkey>(key);
}

absl::StatusOr<std::optional<uint64_t>> ReadOptionalU64(solana::ByteReader& r,
                                                        absl::string_view what) {
  ASSIGN_OR_RETURN(uint32_t tag, r.U32(what));
  ASSIGN_OR_RETURN(uint64_t value, r.U64(what));
  if (tag > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": COption tag ", tag, " at offset ", r.offset() - 12));
  }
  if (tag == 0) return std::optional<uint64_t>();
  return std::optional<uint64_t>(value);
}

absl::StatusOr<Pubkey> ReadKey(solana::ByteReader& r, absl::string_view what) {
  ASSIGN_OR_RETURN(ByteView body, r.Take(Pubkey::kSize, what));
  return Pubkey::FromBytes(body);
}

absl::StatusOr<uint64_t> PowerOfTen(uint8_t decimals) {
  if (decimals > kMaxTokenDecimals) {
    return absl::InvalidArgumentError(
        absl::StrCat("decimals ", decimals, " exceeds ", kMaxTokenDecimals));
  }
  uint64_t factor = 1;
  for (uint8_t i = 0; i < decimals; ++i) factor *= 10;
  return factor;
}

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Instruction TokenInitializeMint(const Pubkey& mint, uint8_t decimals, const Pubkey& mint_authority,
                                const std::optional<Pubkey>& freeze_authority) {
  return Instruction{
      solana::program_ids::Token(),
      {solana::Writable(mint), solana::Readonly(solana::program_ids::SysvarRent())},
      InitializeMintData(kInitializeMint, decimals, mint_authority, freeze_authority)};
}

Instruction TokenInitializeMint2(const Pubkey& mint, uint8_t decimals, const Pubkey& mint_authority,
                                 const std::optional<Pubkey>& freeze_authority) {
  return Instruction{
      solana::program_ids::Token(),
      {solana::Writable(mint)},
      InitializeMintData(kInitializeMint2, decimals, mint_authority, freeze_authority)};
}

Instruction TokenMintTo(const Pubkey& mint, const Pubkey& destination, const Pubkey& mint_authority,
                        uint64_t amount) {
  return Instruction{solana::program_ids::Token(),
                     {solana::Writable(mint), solana::Writable(destination),
                      solana::ReadonlySigner(mint_authority)},
                     TagAndAmount(kMintTo, amount)};
}

Instruction TokenTransfer(const Pubkey& source, const Pubkey& destination, const Pubkey& authority,
                          uint64_t amount) {
  return Instruction{
      solana::program_ids::Token(),
      {solana::Writable(source), solana::Writable(destination), solana::ReadonlySigner(authority)},
      TagAndAmount(kTransfer, amount)};
}

Instruction TokenTransferChecked(const Pubkey& source, const Pubkey& mint,
                                 const Pubkey& destination, const Pubkey& authority,
                                 uint64_t amount, uint8_t decimals) {
  Bytes data = TagAndAmount(kTransferChecked, amount);
  solana::PutU8(&data, decimals);
  return Instruction{solana::program_ids::Token(),
                     {solana::Writable(source), solana::Readonly(mint),
                      solana::Writable(destination), solana::ReadonlySigner(authority)},
                     std::move(data)};
}

Instruction AtaCreate(const Pubkey& funder, const Pubkey& wallet, const Pubkey& mint) {
  return AtaInstruction(0, funder, wallet, mint);
}

Instruction AtaCreateIdempotent(const Pubkey& funder, const Pubkey& wallet, const Pubkey& mint) {
  return AtaInstruction(1, funder, wallet, mint);
}

absl::StatusOr<Mint> DecodeMint(const Pubkey& program_owner, ByteView data) {
  RETURN_IF_ERROR(CheckAccountShape(program_owner, data, kMintSize, "mint"));
  solana::ByteReader r(data);
  Mint mint;
  ASSIGN_OR_RETURN(mint.mint_authority, ReadOptionalKey(r, "mint.mint_authority"));
  ASSIGN_OR_RETURN(mint.supply, r.U64("mint.supply"));
  ASSIGN_OR_RETURN(mint.decimals, r.U8("mint.decimals"));
  ASSIGN_OR_RETURN(uint8_t initialized, r.U8("mint.is_initialized"));
  if (initialized != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("mint: is_initialized byte is ", initialized, ", expected 1"));
  }
  ASSIGN_OR_RETURN(mint.freeze_authority, ReadOptionalKey(r, "mint.freeze_authority"));
  RETURN_IF_ERROR(r.ExpectEnd("mint"));
  return mint;
}

absl::StatusOr<TokenAccount> DecodeTokenAccount(const Pubkey& program_owner, ByteView data) {
  RETURN_IF_ERROR(CheckAccountShape(program_owner, data, kTokenAccountSize, "token account"));
  solana::ByteReader r(data);
  TokenAccount account;
  ASSIGN_OR_RETURN(account.mint, ReadKey(r, "token.mint"));
  ASSIGN_OR_RETURN(account.owner, ReadKey(r, "token.owner"));
  ASSIGN_OR_RETURN(account.amount, r.U64("token.amount"));
  ASSIGN_OR_RETURN(account.delegate, ReadOptionalKey(r, "token.delegate"));
  ASSIGN_OR_RETURN(uint8_t state, r.U8("token.state"));
  if (state != 1 && state != 2) {
    return absl::InvalidArgumentError(absl::StrCat("token account: state ", state,
                                                   state == 0 ? " (uninitialized)" : " (unknown)"));
  }
  account.state = static_cast<TokenAccountState>(state);
  ASSIGN_OR_RETURN(account.is_native, ReadOptionalU64(r, "token.is_native"));
  ASSIGN_OR_RETURN(account.delegated_amount, r.U64("token.delegated_amount"));
  ASSIGN_OR_RETURN(account.close_authority, ReadOptionalKey(r, "token.close_authority"));
  RETURN_IF_ERROR(r.ExpectEnd("token account"));
  return account;
}

absl::StatusOr<uint64_t> UiAmountToBaseUnits(absl::string_view text, uint8_t decimals) {
  ASSIGN_OR_RETURN(uint64_t factor, PowerOfTen(decimals));
  const size_t dot = text.find('.');
  absl::string_view whole = text.substr(0, dot);
  absl::string_view frac = dot == absl::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || !AllDigits(whole) || !AllDigits(frac) ||
      (dot != absl::string_view::npos && frac.empty())) {
    return absl::InvalidArgumentError(
        absl::StrCat("amount '", text, "' is not a plain decimal number like 12.5"));
  }
  // Digits beyond `decimals` are allowed only when they are zeros.
  for (size_t i = decimals; i < frac.size(); ++i) {
    if (frac[i] != '0') {
      return absl::InvalidArgumentError(absl::StrCat("amount '", text, "' has more than ", decimals,
                                                     " significant decimal places"));
    }
  }
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  const auto overflow = [&] {
    return absl::OutOfRangeError(
        absl::StrCat("amount '", text, "' exceeds the u64 range with ", decimals, " decimals"));
  };
  uint64_t units = 0;
  for (char c : whole) {
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (units > (kMax - digit) / 10) return overflow();
    units = units * 10 + digit;
  }
  if (units > kMax / factor) return overflow();
  units *= factor;
  uint64_t place = factor;
  for (size_t i = 0; i < frac.size() && i < decimals; ++i) {
    place /= 10;
    const uint64_t add = static_cast<uint64_t>(frac[i] - '0') * place;
    if (units > kMax - add) return overflow();
    units += add;
  }
  return units;
}

absl::StatusOr<std::string> BaseUnitsToUiAmount(uint64_t amount, uint8_t decimals) {
  ASSIGN_OR_RETURN(uint64_t factor, PowerOfTen(decimals));
  std::string text = absl::StrCat(amount / factor);
  if (decimals == 0) return text;
  std::string frac = absl::StrCat(amount % factor);
  frac.insert(0, decimals - frac.size(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  if (!frac.empty()) absl::StrAppend(&text, ".", frac);
  return text;
}

absl::StatusOr<uint64_t> ReferenceUiAmountToBaseUnits(double ui, uint8_t decimals) {
  ASSIGN_OR_RETURN(uint64_t factor, PowerOfTen(decimals));
  const double x = ui * static_cast<double>(factor);
  if (std::isnan(x) || x <= 0.0) return uint64_t{0};
  // 2^64 exactly; any double below it rounds to a value that still fits.
  constexpr double kTwoTo64 = 18446744073709551616.0;
  if (x >= kTwoTo64) return std::numeric_limits<uint64_t>::max();
  return static_cast<uint64_t>(std::round(x));
}

}  // namespace psyche
