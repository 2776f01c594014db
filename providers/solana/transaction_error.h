// TransactionError / InstructionError as they appear in JSON-RPC replies
// (serde externally tagged enums, spec 5.16). Parsing is lenient about
// variant names (an unknown name is kept, kind kUnknown) and strict about shape.
#ifndef PROVIDERS_SOLANA_TRANSACTION_ERROR_H_
#define PROVIDERS_SOLANA_TRANSACTION_ERROR_H_

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace solana {

// In the runtime's enum order.
enum class TransactionErrorKind {
  kUnknown,
  kAccountInUse,
  kAccountLoadedTwice,
  kAccountNotFound,
  kProgramAccountNotFound,
  kInsufficientFundsForFee,
  kInvalidAccountForFee,
  kAlreadyProcessed,
  kBlockhashNotFound,
  kInstructionError,
  kCallChainTooDeep,
  kMissingSignatureForFee,
  kInvalidAccountIndex,
  kSignatureFailure,
  kInvalidProgramForExecution,
  kSanitizeFailure,
  kClusterMaintenance,
  kAccountBorrowOutstanding,
  kWouldExceedMaxBlockCostLimit,
  kUnsupportedVersion,
  kInvalidWritableAccount,
  kWouldExceedMaxAccountCostLimit,
  kWouldExceedAccountDataBlockLimit,
  kTooManyAccountLocks,
  kAddressLookupTableNotFound,
  kInvalidAddressLookupTableOwner,
  kInvalidAddressLookupTableData,
  kInvalidAddressLookupTableIndex,
  kInvalidRentPayingAccount,
  kWouldExceedMaxVoteCostLimit,
  kWouldExceedAccountDataTotalLimit,
  kDuplicateInstruction,
  kInsufficientFundsForRent,
  kMaxLoadedAccountsDataSizeExceeded,
  kInvalidLoadedAccountsDataSizeLimit,
  kResanitizationNeeded,
  kProgramExecutionTemporarilyRestricted,
  kUnbalancedTransaction,
  kProgramCacheHitMaxLimit,
  kCommitCancelled,
};

TransactionErrorKind TransactionErrorKindFromName(absl::string_view name);

struct TransactionError {
  TransactionErrorKind kind = TransactionErrorKind::kUnknown;
  std::string name;  // variant name as sent, e.g. "InstructionError"
  // InstructionError: the top-level instruction; DuplicateInstruction: its index.
  std::optional<uint8_t> instruction_index;
  std::string instruction_error;  // InstructionError variant, e.g. "Custom", "InvalidAccountData"
  std::optional<uint32_t> custom_code;   // InstructionError Custom(u32)
  std::optional<uint8_t> account_index;  // InsufficientFundsForRent and similar
  std::string detail;                    // any other payload, as JSON text

  // E.g. "InstructionError: instruction 0: custom program error: 0x1771 (6001,
  // program-defined error #1)" or "InsufficientFundsForRent (account 2)".
  std::string ToString() const;
};

absl::StatusOr<TransactionError> ParseTransactionError(const rapidjson::Value& v);
absl::StatusOr<TransactionError> ParseTransactionErrorJson(absl::string_view json);

}  // namespace solana

#endif  // PROVIDERS_SOLANA_TRANSACTION_ERROR_H_
