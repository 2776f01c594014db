#include "providers/solana/rpc_parse.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "providers/solana/base58.h"

namespace solana {

using json::Path;
using json::Value;

absl::string_view CommitmentName(Commitment c) {
  switch (c) {
    case Commitment::kProcessed:
      return "processed";
    case Commitment::kConfirmed:
      return "confirmed";
    case Commitment::kFinalized:
      return "finalized";
  }
  return "finalized";
}

absl::StatusOr<Commitment> ParseCommitment(absl::string_view name) {
  for (Commitment c : {Commitment::kProcessed, Commitment::kConfirmed, Commitment::kFinalized}) {
    if (CommitmentName(c) == name) return c;
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown commitment \"", name, "\""));
}

absl::StatusOr<const Value*> ParseContextValue(const Value& result, absl::string_view path,
                                               uint64_t* slot) {
  ASSIGN_OR_RETURN(const Value* context, json::Member(result, path, "context"));
  ASSIGN_OR_RETURN(*slot, json::U64Member(*context, Path(path, "context"), "slot"));
  return json::Member(result, path, "value");
}

absl::StatusOr<AccountInfo> ParseAccountInfo(const Value& v, absl::string_view path) {
  AccountInfo a;
  ASSIGN_OR_RETURN(a.lamports, json::U64Member(v, path, "lamports"));
  ASSIGN_OR_RETURN(const Value* owner, json::Member(v, path, "owner"));
  ASSIGN_OR_RETURN(a.owner, json::Base58Key(*owner, Path(path, "owner")));
  ASSIGN_OR_RETURN(const Value* data, json::Member(v, path, "data"));
  ASSIGN_OR_RETURN(a.data, json::Base64Data(*data, Path(path, "data")));
  ASSIGN_OR_RETURN(a.executable, json::BoolMember(v, path, "executable"));
  ASSIGN_OR_RETURN(a.rent_epoch, json::U64Member(v, path, "rentEpoch"));
  // Older nodes omit "space"; when present it must agree with the data.
  ASSIGN_OR_RETURN(const Value* space, json::OptionalMember(v, path, "space"));
  a.space = a.data.size();
  if (space != nullptr) {
    ASSIGN_OR_RETURN(a.space, json::U64(*space, Path(path, "space")));
    if (a.space != a.data.size()) {
      return json::Malformed(Path(path, "space"),
                             absl::StrCat(a.space, " but data has ", a.data.size(), " bytes"));
    }
  }
  return a;
}

absl::StatusOr<std::optional<AccountInfo>> ParseOptionalAccountInfo(const Value& v,
                                                                    absl::string_view path) {
  if (v.IsNull()) return std::optional<AccountInfo>();
  ASSIGN_OR_RETURN(AccountInfo a, ParseAccountInfo(v, path));
  return std::optional<AccountInfo>(std::move(a));
}

absl::StatusOr<KeyedAccount> ParseKeyedAccount(const Value& v, absl::string_view path) {
  KeyedAccount k;
  ASSIGN_OR_RETURN(const Value* key, json::Member(v, path, "pubkey"));
  ASSIGN_OR_RETURN(k.pubkey, json::Base58Key(*key, Path(path, "pubkey")));
  ASSIGN_OR_RETURN(const Value* account, json::Member(v, path, "account"));
  ASSIGN_OR_RETURN(k.account, ParseAccountInfo(*account, Path(path, "account")));
  return k;
}

absl::StatusOr<LatestBlockhash> ParseLatestBlockhash(const Value& v, absl::string_view path) {
  LatestBlockhash b;
  ASSIGN_OR_RETURN(const Value* hash, json::Member(v, path, "blockhash"));
  ASSIGN_OR_RETURN(b.blockhash, json::Base58Key(*hash, Path(path, "blockhash")));
  ASSIGN_OR_RETURN(b.last_valid_block_height, json::U64Member(v, path, "lastValidBlockHeight"));
  return b;
}

absl::StatusOr<std::optional<TransactionError>> ParseOptionalTransactionError(
    const Value& v, absl::string_view path) {
  if (v.IsNull()) return std::optional<TransactionError>();
  auto e = ParseTransactionError(v);
  if (!e.ok()) return json::Malformed(path, e.status().message());
  return std::optional<TransactionError>(std::move(*e));
}

absl::StatusOr<std::vector<std::string>> ParseStringList(const Value& v, absl::string_view path) {
  std::vector<std::string> out;
  if (v.IsNull()) return out;
  RETURN_IF_ERROR(json::ExpectArray(v, path));
  out.reserve(v.Size());
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    ASSIGN_OR_RETURN(std::string s, json::String(v[i], Path(path, i)));
    out.push_back(std::move(s));
  }
  return out;
}

absl::StatusOr<SimulationResult> ParseSimulationResult(const Value& v, absl::string_view path) {
  SimulationResult r;
  ASSIGN_OR_RETURN(const Value* err, json::Member(v, path, "err"));
  ASSIGN_OR_RETURN(r.err, ParseOptionalTransactionError(*err, Path(path, "err")));
  ASSIGN_OR_RETURN(const Value* logs, json::OptionalMember(v, path, "logs"));
  if (logs != nullptr) {
    ASSIGN_OR_RETURN(r.logs, ParseStringList(*logs, Path(path, "logs")));
  }
  ASSIGN_OR_RETURN(const Value* units, json::OptionalMember(v, path, "unitsConsumed"));
  if (units != nullptr) {
    ASSIGN_OR_RETURN(r.units_consumed, json::U64(*units, Path(path, "unitsConsumed")));
  }
  ASSIGN_OR_RETURN(const Value* replacement, json::OptionalMember(v, path, "replacementBlockhash"));
  if (replacement != nullptr) {
    ASSIGN_OR_RETURN(r.replacement_blockhash,
                     ParseLatestBlockhash(*replacement, Path(path, "replacementBlockhash")));
  }
  return r;
}

absl::StatusOr<std::optional<SignatureStatus>> ParseSignatureStatus(const Value& v,
                                                                    absl::string_view path) {
  if (v.IsNull()) return std::optional<SignatureStatus>();
  SignatureStatus s;
  ASSIGN_OR_RETURN(s.slot, json::U64Member(v, path, "slot"));
  ASSIGN_OR_RETURN(const Value* confirmations, json::OptionalMember(v, path, "confirmations"));
  if (confirmations != nullptr) {
    ASSIGN_OR_RETURN(s.confirmations, json::U64(*confirmations, Path(path, "confirmations")));
  }
  ASSIGN_OR_RETURN(const Value* err, json::Member(v, path, "err"));
  ASSIGN_OR_RETURN(s.err, ParseOptionalTransactionError(*err, Path(path, "err")));
  ASSIGN_OR_RETURN(const Value* level, json::OptionalMember(v, path, "confirmationStatus"));
  if (level != nullptr) {
    ASSIGN_OR_RETURN(std::string name, json::String(*level, Path(path, "confirmationStatus")));
    auto c = ParseCommitment(name);
    if (!c.ok()) return json::Malformed(Path(path, "confirmationStatus"), c.status().message());
    s.confirmation_status = *c;
  }
  return std::optional<SignatureStatus>(std::move(s));
}

absl::StatusOr<std::optional<TransactionInfo>> ParseTransactionInfo(const Value& v,
                                                                    absl::string_view path) {
  if (v.IsNull()) return std::optional<TransactionInfo>();
  TransactionInfo t;
  ASSIGN_OR_RETURN(t.slot, json::U64Member(v, path, "slot"));
  ASSIGN_OR_RETURN(const Value* block_time, json::OptionalMember(v, path, "blockTime"));
  if (block_time != nullptr) {
    ASSIGN_OR_RETURN(t.block_time, json::I64(*block_time, Path(path, "blockTime")));
  }
  ASSIGN_OR_RETURN(const Value* meta, json::Member(v, path, "meta"));
  const std::string meta_path = Path(path, "meta");
  if (meta->IsNull()) return json::Malformed(meta_path, "transaction has no status meta");
  ASSIGN_OR_RETURN(const Value* err, json::Member(*meta, meta_path, "err"));
  ASSIGN_OR_RETURN(t.err, ParseOptionalTransactionError(*err, Path(meta_path, "err")));
  ASSIGN_OR_RETURN(t.fee, json::U64Member(*meta, meta_path, "fee"));
  ASSIGN_OR_RETURN(const Value* logs, json::OptionalMember(*meta, meta_path, "logMessages"));
  if (logs != nullptr) {
    ASSIGN_OR_RETURN(t.log_messages, ParseStringList(*logs, Path(meta_path, "logMessages")));
  }
  ASSIGN_OR_RETURN(const Value* units,
                   json::OptionalMember(*meta, meta_path, "computeUnitsConsumed"));
  if (units != nullptr) {
    ASSIGN_OR_RETURN(t.compute_units_consumed,
                     json::U64(*units, Path(meta_path, "computeUnitsConsumed")));
  }
  return std::optional<TransactionInfo>(std::move(t));
}

absl::StatusOr<VersionInfo> ParseVersionInfo(const Value& v, absl::string_view path) {
  VersionInfo info;
  ASSIGN_OR_RETURN(info.solana_core, json::StringMember(v, path, "solana-core"));
  ASSIGN_OR_RETURN(const Value* features, json::OptionalMember(v, path, "feature-set"));
  if (features != nullptr) {
    ASSIGN_OR_RETURN(uint64_t f, json::U64(*features, Path(path, "feature-set")));
    if (f > std::numeric_limits<uint32_t>::max()) {
      return json::Malformed(Path(path, "feature-set"), "exceeds u32");
    }
    info.feature_set = static_cast<uint32_t>(f);
  }
  return info;
}

absl::Status ValidateSignatureText(absl::string_view signature) {
  auto bytes = Base58Decode(signature);
  if (!bytes.ok()) return bytes.status();
  if (bytes->size() != 64) {
    return absl::InvalidArgumentError(
        absl::StrCat("signature must decode to 64 bytes, got ", bytes->size()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ParseSignature(const Value& v, absl::string_view path) {
  ASSIGN_OR_RETURN(std::string text, json::String(v, path));
  if (auto s = ValidateSignatureText(text); !s.ok()) return json::Malformed(path, s.message());
  return text;
}

}  // namespace solana
