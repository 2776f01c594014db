#include "providers/solana/transaction.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "providers/solana/shortvec.h"

namespace solana {
namespace {

bool IsZero(const Signature& sig) {
  return std::all_of(sig.begin(), sig.end(), [](uint8_t b) { return b == 0; });
}

// Slot of `key` among the required signers, or -1.
int SignerSlot(const Message& m, const Pubkey& key) {
  absl::Span<const Pubkey> signers = m.signer_keys();
  auto it = std::find(signers.begin(), signers.end(), key);
  return it == signers.end() ? -1 : static_cast<int>(it - signers.begin());
}

absl::Status CheckSlots(const Transaction& tx) {
  if (tx.signatures.size() != tx.message.num_signers()) {
    return absl::InvalidArgumentError(absl::StrCat("transaction has ", tx.signatures.size(),
                                                   " signatures, message requires ",
                                                   tx.message.num_signers()));
  }
  return absl::OkStatus();
}

}  // namespace

size_t CompiledInstructionWireSize(size_t num_accounts, size_t data_len) {
  return 1 + ShortVecLength(num_accounts) + num_accounts + ShortVecLength(data_len) + data_len;
}

size_t LegacyTransactionSize(size_t num_signatures, size_t num_account_keys,
                             size_t num_instructions, size_t instructions_wire_size) {
  return ShortVecLength(num_signatures) + kSignatureSize * num_signatures + 3 +
         ShortVecLength(num_account_keys) + Pubkey::kSize * num_account_keys + Pubkey::kSize +
         ShortVecLength(num_instructions) + instructions_wire_size;
}

absl::StatusOr<Transaction> Transaction::FromMessage(Message message) {
  RETURN_IF_ERROR(message.Validate());
  Transaction tx;
  tx.signatures.assign(message.num_signers(), Signature{});
  tx.message = std::move(message);
  return tx;
}

absl::Status Transaction::PartialSign(absl::Span<const Keypair* const> signers) {
  RETURN_IF_ERROR(CheckSlots(*this));
  // Check every key first so a bad list leaves the transaction untouched.
  std::vector<int> slots;
  slots.reserve(signers.size());
  for (const Keypair* k : signers) {
    const int slot = SignerSlot(message, k->pubkey());
    if (slot < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(k->pubkey().ToBase58(), " is not a required signer of this message"));
    }
    slots.push_back(slot);
  }
  const Bytes bytes = message.Serialize();
  for (size_t i = 0; i < signers.size(); ++i) signatures[slots[i]] = signers[i]->Sign(bytes);
  return absl::OkStatus();
}

absl::Status Transaction::Sign(absl::Span<const Keypair* const> signers) {
  RETURN_IF_ERROR(PartialSign(signers));
  std::vector<Pubkey> missing = MissingSigners();
  if (!missing.empty()) {
    std::string names;
    for (const Pubkey& k : missing)
      absl::StrAppend(&names, names.empty() ? "" : ", ", k.ToBase58());
    return absl::FailedPreconditionError(absl::StrCat("missing signatures from: ", names));
  }
  return absl::OkStatus();
}

absl::Status Transaction::AddSignature(const Pubkey& signer, const Signature& signature) {
  RETURN_IF_ERROR(CheckSlots(*this));
  const int slot = SignerSlot(message, signer);
  if (slot < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(signer.ToBase58(), " is not a required signer of this message"));
  }
  if (!VerifySignature(signer, message.Serialize(), signature)) {
    return absl::InvalidArgumentError(
        absl::StrCat("signature from ", signer.ToBase58(), " does not verify for this message"));
  }
  signatures[slot] = signature;
  return absl::OkStatus();
}

std::vector<Pubkey> Transaction::MissingSigners() const {
  std::vector<Pubkey> missing;
  absl::Span<const Pubkey> keys = message.signer_keys();
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i >= signatures.size() || IsZero(signatures[i])) missing.push_back(keys[i]);
  }
  return missing;
}

absl::Status Transaction::VerifySignatures() const {
  RETURN_IF_ERROR(CheckSlots(*this));
  const Bytes bytes = message.Serialize();
  absl::Span<const Pubkey> keys = message.signer_keys();
  for (size_t i = 0; i < signatures.size(); ++i) {
    if (IsZero(signatures[i])) {
      return absl::FailedPreconditionError(
          absl::StrCat("missing signature from ", keys[i].ToBase58()));
    }
    if (!VerifySignature(keys[i], bytes, signatures[i])) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid signature from ", keys[i].ToBase58()));
    }
  }
  return absl::OkStatus();
}

std::string Transaction::Id() const {
  return signatures.empty() ? std::string() : SignatureToBase58(signatures[0]);
}

size_t Transaction::SerializedSize() const {
  return ShortVecLength(signatures.size()) + kSignatureSize * signatures.size() +
         message.SerializedSize();
}

Bytes Transaction::Serialize() const {
  Bytes out;
  out.reserve(SerializedSize());
  PutShortVec(&out, static_cast<uint16_t>(signatures.size()));
  for (const Signature& s : signatures) PutBytes(&out, ByteView(s.data(), s.size()));
  message.AppendTo(&out);
  return out;
}

absl::StatusOr<Transaction> Transaction::Parse(ByteView bytes) {
  if (bytes.size() > kMaxTransactionSize) {
    return absl::InvalidArgumentError(
        absl::StrCat("transaction is ", bytes.size(), " bytes, max ", kMaxTransactionSize));
  }
  ByteReader in(bytes);
  Transaction tx;
  ASSIGN_OR_RETURN(uint16_t count, ReadShortVec(&in, "signature count"));
  RETURN_IF_ERROR(in.Need(size_t{count} * kSignatureSize, "signatures"));
  tx.signatures.resize(count);
  for (Signature& s : tx.signatures) {
    ASSIGN_OR_RETURN(ByteView raw, in.Take(kSignatureSize, "signature"));
    std::copy(raw.begin(), raw.end(), s.begin());
  }
  ASSIGN_OR_RETURN(tx.message, Message::Parse(in.rest()));
  RETURN_IF_ERROR(CheckSlots(tx));
  return tx;
}

absl::StatusOr<Transaction> CompileAndSign(const Pubkey& payer,
                                           absl::Span<const Instruction> instructions,
                                           const Hash& recent_blockhash,
                                           absl::Span<const Keypair* const> signers) {
  ASSIGN_OR_RETURN(Message m, CompileLegacyMessage(payer, instructions, recent_blockhash));
  ASSIGN_OR_RETURN(Transaction tx, Transaction::FromMessage(std::move(m)));
  RETURN_IF_ERROR(tx.Sign(signers));
  return tx;
}

}  // namespace solana
