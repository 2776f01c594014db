#include "providers/solana/system_program.h"

#include "absl/strings/str_cat.h"
#include "providers/solana/program_ids.h"

namespace solana::system_program {
namespace {

constexpr uint32_t kNonceStateUninitialized = 0;
constexpr uint32_t kNonceStateInitialized = 1;

Instruction Make(Tag tag, std::vector<AccountMeta> accounts) {
  Instruction ix{program_ids::System(), std::move(accounts), {}};
  PutU32(&ix.data, static_cast<uint32_t>(tag));
  return ix;
}

}  // namespace

Instruction CreateAccount(const Pubkey& funder, const Pubkey& new_account, uint64_t lamports,
                          uint64_t space, const Pubkey& owner) {
  Instruction ix = Make(Tag::kCreateAccount, {WritableSigner(funder), WritableSigner(new_account)});
  PutU64(&ix.data, lamports);
  PutU64(&ix.data, space);
  PutBytes(&ix.data, owner.view());
  return ix;
}

Instruction Assign(const Pubkey& account, const Pubkey& owner) {
  Instruction ix = Make(Tag::kAssign, {WritableSigner(account)});
  PutBytes(&ix.data, owner.view());
  return ix;
}

Instruction Transfer(const Pubkey& from, const Pubkey& to, uint64_t lamports) {
  Instruction ix = Make(Tag::kTransfer, {WritableSigner(from), Writable(to)});
  PutU64(&ix.data, lamports);
  return ix;
}

Instruction Allocate(const Pubkey& account, uint64_t space) {
  Instruction ix = Make(Tag::kAllocate, {WritableSigner(account)});
  PutU64(&ix.data, space);
  return ix;
}

Instruction AdvanceNonceAccount(const Pubkey& nonce, const Pubkey& authority) {
  return Make(Tag::kAdvanceNonceAccount,
              {Writable(nonce), Readonly(program_ids::SysvarRecentBlockhashes()),
               ReadonlySigner(authority)});
}

Instruction WithdrawNonceAccount(const Pubkey& nonce, const Pubkey& authority,
                                 const Pubkey& recipient, uint64_t lamports) {
  Instruction ix =
      Make(Tag::kWithdrawNonceAccount,
           {Writable(nonce), Writable(recipient), Readonly(program_ids::SysvarRecentBlockhashes()),
            Readonly(program_ids::SysvarRent()), ReadonlySigner(authority)});
  PutU64(&ix.data, lamports);
  return ix;
}

Instruction InitializeNonceAccount(const Pubkey& nonce, const Pubkey& authority) {
  Instruction ix = Make(Tag::kInitializeNonceAccount,
                        {Writable(nonce), Readonly(program_ids::SysvarRecentBlockhashes()),
                         Readonly(program_ids::SysvarRent())});
  PutBytes(&ix.data, authority.view());
  return ix;
}

Instruction AuthorizeNonceAccount(const Pubkey& nonce, const Pubkey& authority,
                                  const Pubkey& new_authority) {
  Instruction ix = Make(Tag::kAuthorizeNonceAccount, {Writable(nonce), ReadonlySigner(authority)});
  PutBytes(&ix.data, new_authority.view());
  return ix;
}

std::vector<Instruction> CreateNonceAccount(const Pubkey& funder, const Pubkey& nonce,
                                            const Pubkey& authority, uint64_t lamports) {
  return {CreateAccount(funder, nonce, lamports, kNonceAccountSize, program_ids::System()),
          InitializeNonceAccount(nonce, authority)};
}

absl::StatusOr<NonceAccount> ParseNonceAccount(const Pubkey& owner, ByteView data) {
  if (owner != program_ids::System()) {
    return absl::InvalidArgumentError(
        absl::StrCat("nonce account owned by ", owner.ToBase58(), ", not the System Program"));
  }
  if (data.size() != kNonceAccountSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("nonce account has ", data.size(), " bytes, expected 80"));
  }
  ByteReader in(data);
  NonceAccount out;
  ASSIGN_OR_RETURN(uint32_t version, in.U32("nonce version"));
  if (version != static_cast<uint32_t>(NonceVersion::kLegacy) &&
      version != static_cast<uint32_t>(NonceVersion::kCurrent)) {
    return absl::InvalidArgumentError(absl::StrCat("unknown nonce account version ", version));
  }
  out.version = static_cast<NonceVersion>(version);
  ASSIGN_OR_RETURN(uint32_t state, in.U32("nonce state"));
  if (state == kNonceStateUninitialized) {
    return absl::FailedPreconditionError("nonce account is not initialized");
  }
  if (state != kNonceStateInitialized) {
    return absl::InvalidArgumentError(absl::StrCat("unknown nonce account state ", state));
  }
  ASSIGN_OR_RETURN(ByteView authority, in.Take(Pubkey::kSize, "nonce authority"));
  ASSIGN_OR_RETURN(out.authority, Pubkey::FromBytes(authority));
  ASSIGN_OR_RETURN(ByteView nonce, in.Take(Pubkey::kSize, "durable nonce"));
  ASSIGN_OR_RETURN(out.durable_nonce, Pubkey::FromBytes(nonce));
  ASSIGN_OR_RETURN(out.lamports_per_signature, in.U64("lamports per signature"));
  RETURN_IF_ERROR(in.ExpectEnd("nonce account"));
  return out;
}

Bytes SerializeNonceAccount(const NonceAccount& account) {
  Bytes out;
  out.reserve(kNonceAccountSize);
  PutU32(&out, static_cast<uint32_t>(account.version));
  PutU32(&out, kNonceStateInitialized);
  PutBytes(&out, account.authority.view());
  PutBytes(&out, account.durable_nonce.view());
  PutU64(&out, account.lamports_per_signature);
  return out;
}

Hash DurableNonceFromBlockhash(const Hash& blockhash) {
  static constexpr char kDomain[] = "DURABLE_NONCE";
  return Sha256(
      {ByteView(reinterpret_cast<const uint8_t*>(kDomain), sizeof(kDomain) - 1), blockhash.view()});
}

}  // namespace solana::system_program
