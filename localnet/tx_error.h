// TransactionError and InstructionError as the runtime reports them: serde's
// externally tagged JSON (spec 5.16) and the Display text used in RPC messages
// and program logs.
#ifndef LOCALNET_TX_ERROR_H_
#define LOCALNET_TX_ERROR_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "providers/solana/coding.h"

namespace localnet {

enum class InstructionErrorKind : uint8_t {
  kGenericError,
  kInvalidArgument,
  kInvalidInstructionData,
  kInvalidAccountData,
  kAccountDataTooSmall,
  kInsufficientFunds,
  kIncorrectProgramId,
  kMissingRequiredSignature,
  kAccountAlreadyInitialized,
  kUninitializedAccount,
  kUnbalancedInstruction,
  kModifiedProgramId,
  kExternalAccountLamportSpend,
  kExternalAccountDataModified,
  kReadonlyLamportChange,
  kReadonlyDataModified,
  kCustom,
  kNotEnoughAccountKeys,
  kComputationalBudgetExceeded,
  kUnsupportedProgramId,
  kInvalidRealloc,
  kArithmeticOverflow,
  kIllegalOwner,
  kInvalidAccountOwner,
  kMissingAccount,
  kInvalidSeeds,
  kPrivilegeEscalation,
  kCallDepth,
  kReentrancyNotAllowed,
  kCount,  // not a kind; table size
};

struct InstructionError {
  InstructionErrorKind kind = InstructionErrorKind::kGenericError;
  uint32_t custom = 0;  // meaningful for kCustom

  static InstructionError Custom(uint32_t code) { return {InstructionErrorKind::kCustom, code}; }
  bool operator==(const InstructionError&) const = default;
  std::string Json() const;     // "InvalidArgument" or {"Custom":1}
  std::string Display() const;  // "invalid program argument", "custom program error: 0x1"
};

enum class TransactionErrorKind : uint8_t {
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
  kCount,
};

struct TransactionError {
  TransactionErrorKind kind = TransactionErrorKind::kSanitizeFailure;
  uint8_t index = 0;  // instruction index, account_index or duplicate index
  InstructionError instruction;

  static TransactionError Of(TransactionErrorKind k, uint8_t index = 0) { return {k, index, {}}; }
  static TransactionError Instruction(uint8_t ix, InstructionError e) {
    return {TransactionErrorKind::kInstructionError, ix, e};
  }
  bool operator==(const TransactionError&) const = default;
  std::string Json() const;
  std::string Display() const;

  // Compact binary form for the WAL: kind u8 | index u8 | ix kind u8 | custom u32.
  void Encode(solana::Bytes* out) const;
  static absl::StatusOr<TransactionError> Decode(solana::ByteReader* in);
};

}  // namespace localnet

#endif  // LOCALNET_TX_ERROR_H_
