// An uncompiled instruction: what program builders produce and what
// CompileLegacyMessage and the packer consume.
#ifndef PROVIDERS_SOLANA_INSTRUCTION_H_
#define PROVIDERS_SOLANA_INSTRUCTION_H_

#include <vector>

#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace solana {

struct AccountMeta {
  Pubkey pubkey;
  bool is_signer = false;
  bool is_writable = false;

  bool operator==(const AccountMeta&) const = default;
};

struct Instruction {
  Pubkey program_id;
  std::vector<AccountMeta> accounts;  // order matters: programs read them by position
  Bytes data;

  bool operator==(const Instruction&) const = default;
};

inline AccountMeta WritableSigner(const Pubkey& k) { return {k, true, true}; }
inline AccountMeta ReadonlySigner(const Pubkey& k) { return {k, true, false}; }
inline AccountMeta Writable(const Pubkey& k) { return {k, false, true}; }
inline AccountMeta Readonly(const Pubkey& k) { return {k, false, false}; }

}  // namespace solana

#endif  // PROVIDERS_SOLANA_INSTRUCTION_H_
