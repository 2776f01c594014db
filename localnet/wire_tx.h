// Server-side decoding and sanitizing of wire transactions (spec 3.1-3.7).
// Unlike solana::Transaction::Parse (the client's strict parser), duplicate
// account keys, too many accounts and lookup tables are left to execution, so
// they surface as the TransactionErrors a validator reports (AccountLoadedTwice,
// TooManyAccountLocks, AddressLookupTableNotFound) rather than as -32602.
#ifndef LOCALNET_WIRE_TX_H_
#define LOCALNET_WIRE_TX_H_

#include <array>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/solana/coding.h"
#include "providers/solana/keypair.h"
#include "providers/solana/pubkey.h"
#include "providers/solana/shortvec.h"
#include "providers/solana/transaction.h"

namespace localnet {

using solana::Hash;
using solana::kMaxTransactionSize;
using solana::PutShortVec;
using solana::ReadShortVec;
using solana::Signature;

struct CompiledInstruction {
  uint8_t program_id_index = 0;
  std::vector<uint8_t> accounts;
  solana::Bytes data;
};

struct LookupTable {
  solana::Pubkey table;
  std::vector<uint8_t> writable;
  std::vector<uint8_t> readonly;
};

struct WireMessage {
  bool versioned = false;  // v0 when true
  uint8_t num_required_signatures = 0;
  uint8_t num_readonly_signed = 0;
  uint8_t num_readonly_unsigned = 0;
  std::vector<solana::Pubkey> keys;
  Hash recent_blockhash;
  std::vector<CompiledInstruction> instructions;
  std::vector<LookupTable> lookups;

  bool IsSigner(size_t i) const { return i < num_required_signatures; }
  // Writability implied by the header alone (before reserved-key demotion).
  bool IsHeaderWritable(size_t i) const;
};

struct WireTransaction {
  std::vector<Signature> signatures;
  solana::Bytes message_bytes;  // exactly what was signed
  WireMessage message;
};

// Deserialization only (no trailing bytes allowed).
absl::StatusOr<WireMessage> DecodeMessage(solana::ByteView bytes);
absl::StatusOr<WireTransaction> DecodeTransaction(solana::ByteView bytes);
// The structural rules of spec 3.3 (1-4); failure = SanitizeFailure.
absl::Status SanitizeMessage(const WireMessage& m);
absl::Status SanitizeTransaction(const WireTransaction& tx);

}  // namespace localnet

#endif  // LOCALNET_WIRE_TX_H_
