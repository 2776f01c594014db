#include "localnet/wire_tx.h"

namespace localnet {

using solana::ByteReader;
using solana::Bytes;
using solana::ByteView;

bool WireMessage::IsHeaderWritable(size_t i) const {
  size_t n = keys.size();
  if (i < num_required_signatures) return i < size_t{num_required_signatures} - num_readonly_signed;
  if (i < n) return i < n - num_readonly_unsigned;
  return false;
}

namespace {

absl::StatusOr<std::vector<uint8_t>> ReadU8Vec(ByteReader* in, absl::string_view what) {
  ASSIGN_OR_RETURN(uint16_t n, ReadShortVec(in, what));
  ASSIGN_OR_RETURN(ByteView v, in->Take(n, what));
  return std::vector<uint8_t>(v.begin(), v.end());
}

absl::StatusOr<solana::Pubkey> ReadKey(ByteReader* in, absl::string_view what) {
  ASSIGN_OR_RETURN(ByteView v, in->Take(32, what));
  return solana::Pubkey::FromBytes(v);
}

absl::StatusOr<WireMessage> ReadMessage(ByteReader* in) {
  WireMessage m;
  ASSIGN_OR_RETURN(uint8_t first, in->U8("message prefix"));
  if (first & 0x80) {
    uint8_t version = first & 0x7f;
    if (version != 0) {
      return absl::InvalidArgumentError(absl::StrCat("unsupported message version ", version));
    }
    m.versioned = true;
    ASSIGN_OR_RETURN(m.num_required_signatures, in->U8("num_required_signatures"));
  } else {
    m.num_required_signatures = first;
  }
  ASSIGN_OR_RETURN(m.num_readonly_signed, in->U8("num_readonly_signed_accounts"));
  ASSIGN_OR_RETURN(m.num_readonly_unsigned, in->U8("num_readonly_unsigned_accounts"));
  ASSIGN_OR_RETURN(uint16_t nkeys, ReadShortVec(in, "account key count"));
  RETURN_IF_ERROR(in->Need(size_t{nkeys} * 32, "account keys"));
  m.keys.reserve(nkeys);
  for (uint16_t i = 0; i < nkeys; ++i) {
    ASSIGN_OR_RETURN(auto k, ReadKey(in, "account key"));
    m.keys.push_back(k);
  }
  ASSIGN_OR_RETURN(m.recent_blockhash, ReadKey(in, "recent blockhash"));
  ASSIGN_OR_RETURN(uint16_t nix, ReadShortVec(in, "instruction count"));
  for (uint16_t i = 0; i < nix; ++i) {
    CompiledInstruction ix;
    ASSIGN_OR_RETURN(ix.program_id_index, in->U8("program_id_index"));
    ASSIGN_OR_RETURN(ix.accounts, ReadU8Vec(in, "instruction accounts"));
    ASSIGN_OR_RETURN(auto data, ReadU8Vec(in, "instruction data"));
    ix.data = std::move(data);
    m.instructions.push_back(std::move(ix));
  }
  if (m.versioned) {
    ASSIGN_OR_RETURN(uint16_t nl, ReadShortVec(in, "address table lookup count"));
    for (uint16_t i = 0; i < nl; ++i) {
      LookupTable t;
      ASSIGN_OR_RETURN(t.table, ReadKey(in, "lookup table address"));
      ASSIGN_OR_RETURN(t.writable, ReadU8Vec(in, "writable indexes"));
      ASSIGN_OR_RETURN(t.readonly, ReadU8Vec(in, "readonly indexes"));
      m.lookups.push_back(std::move(t));
    }
  }
  return m;
}

}  // namespace

absl::StatusOr<WireMessage> DecodeMessage(ByteView bytes) {
  ByteReader in(bytes);
  ASSIGN_OR_RETURN(WireMessage m, ReadMessage(&in));
  RETURN_IF_ERROR(in.ExpectEnd("message"));
  return m;
}

absl::StatusOr<WireTransaction> DecodeTransaction(ByteView bytes) {
  ByteReader in(bytes);
  WireTransaction tx;
  ASSIGN_OR_RETURN(uint16_t nsig, ReadShortVec(&in, "signature count"));
  RETURN_IF_ERROR(in.Need(size_t{nsig} * 64, "signatures"));
  tx.signatures.resize(nsig);
  for (auto& s : tx.signatures) {
    ASSIGN_OR_RETURN(ByteView v, in.Take(64, "signature"));
    std::copy(v.begin(), v.end(), s.begin());
  }
  size_t message_start = in.offset();
  ASSIGN_OR_RETURN(tx.message, ReadMessage(&in));
  RETURN_IF_ERROR(in.ExpectEnd("transaction"));
  tx.message_bytes.assign(bytes.begin() + message_start, bytes.end());
  return tx;
}

absl::Status SanitizeMessage(const WireMessage& m) {
  auto fail = [](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("sanitize: ", why));
  };
  size_t n = m.keys.size();
  size_t loaded = 0;
  for (const auto& t : m.lookups) {
    if (t.writable.empty() && t.readonly.empty()) return fail("empty address table lookup");
    loaded += t.writable.size() + t.readonly.size();
  }
  if (size_t{m.num_required_signatures} + m.num_readonly_unsigned > n) {
    return fail("header counts exceed the account keys");
  }
  if (m.num_readonly_signed >= m.num_required_signatures) {
    return fail("no writable signer (fee payer)");
  }
  if (n + loaded > 256) return fail("more than 256 accounts");
  for (const auto& ix : m.instructions) {
    if (ix.program_id_index == 0 || ix.program_id_index >= n) {
      return fail("invalid program id index");
    }
    for (uint8_t a : ix.accounts) {
      if (a >= n + loaded) return fail("account index out of range");
    }
  }
  return absl::OkStatus();
}

absl::Status SanitizeTransaction(const WireTransaction& tx) {
  if (tx.signatures.size() != tx.message.num_required_signatures) {
    return absl::InvalidArgumentError("sanitize: signature count differs from the header");
  }
  if (tx.signatures.size() > tx.message.keys.size()) {
    return absl::InvalidArgumentError("sanitize: more signatures than account keys");
  }
  return SanitizeMessage(tx.message);
}

}  // namespace localnet
