#include "providers/solana/transaction_error.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "providers/solana/custom_error_code.h"
#include "providers/solana/json_read.h"

namespace solana {
namespace {

using json::Value;

// Index i holds the name of TransactionErrorKind(i + 1).
constexpr absl::string_view kKindNames[] = {
    "AccountInUse",
    "AccountLoadedTwice",
    "AccountNotFound",
    "ProgramAccountNotFound",
    "InsufficientFundsForFee",
    "InvalidAccountForFee",
    "AlreadyProcessed",
    "BlockhashNotFound",
    "InstructionError",
    "CallChainTooDeep",
    "MissingSignatureForFee",
    "InvalidAccountIndex",
    "SignatureFailure",
    "InvalidProgramForExecution",
    "SanitizeFailure",
    "ClusterMaintenance",
    "AccountBorrowOutstanding",
    "WouldExceedMaxBlockCostLimit",
    "UnsupportedVersion",
    "InvalidWritableAccount",
    "WouldExceedMaxAccountCostLimit",
    "WouldExceedAccountDataBlockLimit",
    "TooManyAccountLocks",
    "AddressLookupTableNotFound",
    "InvalidAddressLookupTableOwner",
    "InvalidAddressLookupTableData",
    "InvalidAddressLookupTableIndex",
    "InvalidRentPayingAccount",
    "WouldExceedMaxVoteCostLimit",
    "WouldExceedAccountDataTotalLimit",
    "DuplicateInstruction",
    "InsufficientFundsForRent",
    "MaxLoadedAccountsDataSizeExceeded",
    "InvalidLoadedAccountsDataSizeLimit",
    "ResanitizationNeeded",
    "ProgramExecutionTemporarilyRestricted",
    "UnbalancedTransaction",
    "ProgramCacheHitMaxLimit",
    "CommitCancelled",
};
static_assert(std::size(kKindNames) == static_cast<size_t>(TransactionErrorKind::kCommitCancelled));

absl::Status Bad(absl::string_view what, const Value& v) {
  return absl::InvalidArgumentError(
      absl::StrCat("malformed TransactionError: ", what, ": ", json::ToJson(v)));
}

absl::StatusOr<uint8_t> SmallIndex(const Value& v, absl::string_view what, const Value& whole) {
  if (!v.IsUint() || v.GetUint() > std::numeric_limits<uint8_t>::max()) return Bad(what, whole);
  return static_cast<uint8_t>(v.GetUint());
}

// The second element of {"InstructionError":[i, <this>]}.
absl::Status ParseInstructionError(const Value& v, const Value& whole, TransactionError* out) {
  if (v.IsString()) {
    out->instruction_error = v.GetString();
    return absl::OkStatus();
  }
  if (!v.IsObject() || v.MemberCount() != 1) return Bad("instruction error shape", whole);
  const auto& m = *v.MemberBegin();
  out->instruction_error = m.name.GetString();
  if (out->instruction_error == "Custom") {
    if (!m.value.IsUint()) return Bad("Custom code", whole);
    out->custom_code = m.value.GetUint();
  } else {
    out->detail = json::ToJson(m.value);  // e.g. {"BorshIoError":"..."} on older nodes
  }
  return absl::OkStatus();
}

absl::Status ParsePayload(const Value& payload, const Value& whole, TransactionError* out) {
  switch (out->kind) {
    case TransactionErrorKind::kInstructionError: {
      if (!payload.IsArray() || payload.Size() != 2) return Bad("InstructionError shape", whole);
      ASSIGN_OR_RETURN(out->instruction_index, SmallIndex(payload[0], "instruction index", whole));
      return ParseInstructionError(payload[1], whole, out);
    }
    case TransactionErrorKind::kDuplicateInstruction: {
      ASSIGN_OR_RETURN(out->instruction_index,
                       SmallIndex(payload, "DuplicateInstruction index", whole));
      return absl::OkStatus();
    }
    default:
      break;
  }
  // Struct variants such as {"InsufficientFundsForRent":{"account_index":2}}.
  if (payload.IsObject()) {
    auto it = payload.FindMember("account_index");
    if (it != payload.MemberEnd()) {
      ASSIGN_OR_RETURN(out->account_index, SmallIndex(it->value, "account_index", whole));
      if (payload.MemberCount() == 1) return absl::OkStatus();
    }
  }
  if (out->kind == TransactionErrorKind::kInsufficientFundsForRent ||
      out->kind == TransactionErrorKind::kProgramExecutionTemporarilyRestricted) {
    if (!out->account_index.has_value()) return Bad("missing account_index", whole);
  }
  out->detail = json::ToJson(payload);
  return absl::OkStatus();
}

}  // namespace

TransactionErrorKind TransactionErrorKindFromName(absl::string_view name) {
  for (size_t i = 0; i < std::size(kKindNames); ++i) {
    if (kKindNames[i] == name) return static_cast<TransactionErrorKind>(i + 1);
  }
  return TransactionErrorKind::kUnknown;
}

absl::StatusOr<TransactionError> ParseTransactionError(const Value& v) {
  TransactionError out;
  if (v.IsString()) {
    out.name = v.GetString();
    out.kind = TransactionErrorKindFromName(out.name);
    return out;
  }
  if (!v.IsObject() || v.MemberCount() != 1) return Bad("expected a string or one-key object", v);
  const auto& m = *v.MemberBegin();
  out.name = m.name.GetString();
  out.kind = TransactionErrorKindFromName(out.name);
  RETURN_IF_ERROR(ParsePayload(m.value, v, &out));
  return out;
}

absl::StatusOr<TransactionError> ParseTransactionErrorJson(absl::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) {
    return absl::InvalidArgumentError(absl::StrCat("TransactionError is not JSON: ", text));
  }
  return ParseTransactionError(doc);
}

std::string TransactionError::ToString() const {
  std::string s = name;
  if (kind == TransactionErrorKind::kInstructionError && instruction_index.has_value()) {
    absl::StrAppend(&s, ": instruction ", *instruction_index, ": ");
    if (custom_code.has_value()) {
      CustomErrorCategory category = CategorizeCustomError(*custom_code);
      absl::StrAppend(
          &s, absl::StrFormat("custom program error: 0x%x (%u, ", *custom_code, *custom_code),
          CustomErrorCategoryName(category));
      if (auto anchor = AnchorErrorName(*custom_code)) {
        absl::StrAppend(&s, " ", *anchor);
      } else if (category == CustomErrorCategory::kProgramDefined) {
        absl::StrAppend(&s, " #", *custom_code - 6000);
      }
      absl::StrAppend(&s, ")");
    } else {
      absl::StrAppend(&s, instruction_error);
      if (!detail.empty()) absl::StrAppend(&s, " ", detail);
    }
    return s;
  }
  if (kind == TransactionErrorKind::kDuplicateInstruction && instruction_index.has_value()) {
    absl::StrAppend(&s, " (instruction ", *instruction_index, ")");
  }
  if (account_index.has_value()) absl::StrAppend(&s, " (account ", *account_index, ")");
  if (!detail.empty()) absl::StrAppend(&s, " ", detail);
  return s;
}

}  // namespace solana
