#include "localnet/accounts_db.h"

namespace localnet {

const Account* AccountsDb::Find(const Pubkey& key) const {
  auto it = accounts_.find(key);
  return it == accounts_.end() ? nullptr : &it->second;
}

Account AccountsDb::GetOrDefault(const Pubkey& key) const {
  const Account* a = Find(key);
  return a ? *a : Account{};
}

void AccountsDb::Store(const Pubkey& key, Account account) {
  if (account.lamports == 0) {
    accounts_.erase(key);
    return;
  }
  accounts_[key] = std::move(account);
}

void AccountsDb::Remove(const Pubkey& key) { accounts_.erase(key); }

void AccountsDb::ForEach(const std::function<void(const Pubkey&, const Account&)>& fn) const {
  for (const auto& [k, a] : accounts_) fn(k, a);
}

void EncodeAccount(const Pubkey& key, const Account& account, Bytes* out) {
  solana::PutBytes(out, key.view());
  solana::PutU64(out, account.lamports);
  solana::PutBytes(out, account.owner.view());
  solana::PutU8(out, account.executable ? 1 : 0);
  solana::PutU64(out, account.rent_epoch);
  solana::PutU32(out, static_cast<uint32_t>(account.data.size()));
  solana::PutBytes(out, account.data);
}

absl::Status DecodeAccount(solana::ByteReader* in, Pubkey* key, Account* account) {
  ASSIGN_OR_RETURN(ByteView k, in->Take(32, "account key"));
  ASSIGN_OR_RETURN(account->lamports, in->U64("lamports"));
  ASSIGN_OR_RETURN(ByteView owner, in->Take(32, "owner"));
  ASSIGN_OR_RETURN(uint8_t exec, in->U8("executable"));
  if (exec > 1) return absl::InvalidArgumentError("executable flag is not 0 or 1");
  ASSIGN_OR_RETURN(account->rent_epoch, in->U64("rent_epoch"));
  ASSIGN_OR_RETURN(uint32_t len, in->U32("data length"));
  ASSIGN_OR_RETURN(ByteView data, in->Take(len, "data"));
  ASSIGN_OR_RETURN(*key, Pubkey::FromBytes(k));
  ASSIGN_OR_RETURN(account->owner, Pubkey::FromBytes(owner));
  account->executable = exec == 1;
  account->data.assign(data.begin(), data.end());
  return absl::OkStatus();
}

}  // namespace localnet
