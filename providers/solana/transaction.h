// Signed Solana transactions: signatures plus the message they cover
// (spec solana-wire.md 3.2, 3.7, 1.4, 7.3 multi-party signing).
#ifndef PROVIDERS_SOLANA_TRANSACTION_H_
#define PROVIDERS_SOLANA_TRANSACTION_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "providers/solana/coding.h"
#include "providers/solana/instruction.h"
#include "providers/solana/keypair.h"
#include "providers/solana/message.h"

namespace solana {

// PACKET_DATA_SIZE: the largest serialized transaction the network accepts.
inline constexpr size_t kMaxTransactionSize = 1232;
inline constexpr size_t kSignatureSize = 64;

// Wire size of one compiled instruction with k account indexes and len data bytes.
size_t CompiledInstructionWireSize(size_t num_accounts, size_t data_len);
// Spec 3.7: exact size of a legacy transaction from counts alone.
// `instructions_wire_size` is the sum of CompiledInstructionWireSize.
size_t LegacyTransactionSize(size_t num_signatures, size_t num_account_keys,
                             size_t num_instructions, size_t instructions_wire_size);

struct Transaction {
  std::vector<Signature> signatures;  // slot i belongs to message.account_keys[i]
  Message message;

  // An unsigned transaction: one zero-filled slot per required signature.
  // Fails if the message does not validate.
  static absl::StatusOr<Transaction> FromMessage(Message message);

  // Signs with each keypair into its slot and leaves other slots untouched,
  // so several parties can sign the same bytes. A keypair that is not a
  // required signer of the message is an error.
  absl::Status PartialSign(absl::Span<const Keypair* const> signers);
  // PartialSign, then every slot must be filled.
  absl::Status Sign(absl::Span<const Keypair* const> signers);
  // Puts a signature produced elsewhere into `signer`'s slot after verifying it.
  absl::Status AddSignature(const Pubkey& signer, const Signature& signature);

  // Signer keys whose slot is still zero, in slot order.
  std::vector<Pubkey> MissingSigners() const;
  bool IsFullySigned() const { return MissingSigners().empty(); }
  // Every slot present and a valid Ed25519 signature of the message bytes.
  absl::Status VerifySignatures() const;

  // The transaction id: the first signature in base58 ("" if there is none).
  std::string Id() const;

  Bytes Serialize() const;
  // Exact length of Serialize(), from counts only.
  size_t SerializedSize() const;
  // Strict: one whole transaction of at most 1232 bytes, no trailing bytes,
  // a valid message, and exactly one signature per required signer.
  // Signatures themselves are not checked (see VerifySignatures).
  static absl::StatusOr<Transaction> Parse(ByteView bytes);

  bool operator==(const Transaction&) const = default;
};

// CompileLegacyMessage + FromMessage + Sign: every required signer must be in `signers`.
absl::StatusOr<Transaction> CompileAndSign(const Pubkey& payer,
                                           absl::Span<const Instruction> instructions,
                                           const Hash& recent_blockhash,
                                           absl::Span<const Keypair* const> signers);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_TRANSACTION_H_
