// Legacy and v0 Solana messages: the bytes every signature covers
// (spec solana-wire.md 3.3, 3.4, 3.6).
#ifndef PROVIDERS_SOLANA_MESSAGE_H_
#define PROVIDERS_SOLANA_MESSAGE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "providers/solana/coding.h"
#include "providers/solana/instruction.h"
#include "providers/solana/pubkey.h"

namespace solana {

struct MessageHeader {
  uint8_t num_required_signatures = 0;         // R
  uint8_t num_readonly_signed_accounts = 0;    // RS
  uint8_t num_readonly_unsigned_accounts = 0;  // RU

  bool operator==(const MessageHeader&) const = default;
};

struct CompiledInstruction {
  uint8_t program_id_index = 0;
  std::vector<uint8_t> account_indexes;
  Bytes data;

  bool operator==(const CompiledInstruction&) const = default;
};

// v0 only: addresses loaded from an on-chain lookup table.
struct AddressTableLookup {
  Pubkey table;
  std::vector<uint8_t> writable_indexes;
  std::vector<uint8_t> readonly_indexes;

  bool operator==(const AddressTableLookup&) const = default;
};

enum class MessageVersion : uint8_t { kLegacy, kV0 };

struct Message {
  MessageVersion version = MessageVersion::kLegacy;
  MessageHeader header;
  std::vector<Pubkey> account_keys;  // the static keys
  Hash recent_blockhash;
  std::vector<CompiledInstruction> instructions;
  std::vector<AddressTableLookup> address_table_lookups;  // empty for legacy

  // The sanitize rules of spec 3.3 (header consistency, index ranges, no
  // duplicate keys) plus the limits of the wire encoding.
  absl::Status Validate() const;

  // Precondition: Validate() is OK (CompileLegacyMessage and Parse guarantee it).
  Bytes Serialize() const;
  void AppendTo(Bytes* out) const;
  // Exact length of Serialize(), from counts only.
  size_t SerializedSize() const;
  // Strict: one whole message, no trailing bytes, and Validate() must pass.
  static absl::StatusOr<Message> Parse(ByteView bytes);

  size_t num_signers() const { return header.num_required_signatures; }
  bool IsSigner(size_t index) const;
  bool IsWritable(size_t index) const;  // static keys only
  // The keys whose signatures the transaction carries, in slot order.
  absl::Span<const Pubkey> signer_keys() const;

  // Back to uncompiled instructions; fails when lookups are present (their
  // addresses live on chain).
  absl::StatusOr<std::vector<Instruction>> Decompile() const;

  bool operator==(const Message&) const = default;
};

// Spec 3.4: payer first, then writable signers, read-only signers, writable
// non-signers, read-only non-signers; duplicate keys merge their flags; each
// class in raw-byte order of the key (what the Rust SDK does and the vectors of
// spec 9.4 need). Fails if the payer is invoked as a program or the result
// does not fit the wire format.
absl::StatusOr<Message> CompileLegacyMessage(const Pubkey& payer,
                                             absl::Span<const Instruction> instructions,
                                             const Hash& recent_blockhash);
// The same keys and instructions in a v0 message without lookups.
absl::StatusOr<Message> CompileV0Message(const Pubkey& payer,
                                         absl::Span<const Instruction> instructions,
                                         const Hash& recent_blockhash);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_MESSAGE_H_
