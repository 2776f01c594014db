#include "localnet/tx_error.h"

#include "absl/strings/str_format.h"

namespace localnet {
namespace {

struct Names {
  const char* name;
  const char* text;
};

// Indexed by InstructionErrorKind; texts are the runtime's Display strings.
constexpr Names kInstructionErrors[] = {
    {"GenericError", "generic instruction error"},
    {"InvalidArgument", "invalid program argument"},
    {"InvalidInstructionData", "invalid instruction data"},
    {"InvalidAccountData", "invalid account data for instruction"},
    {"AccountDataTooSmall", "account data too small for instruction"},
    {"InsufficientFunds", "insufficient funds for instruction"},
    {"IncorrectProgramId", "incorrect program id for instruction"},
    {"MissingRequiredSignature", "missing required signature for instruction"},
    {"AccountAlreadyInitialized", "instruction requires an uninitialized account"},
    {"UninitializedAccount", "instruction requires an initialized account"},
    {"UnbalancedInstruction", "sum of account balances before and after instruction do not match"},
    {"ModifiedProgramId", "instruction illegally modified the program id of an account"},
    {"ExternalAccountLamportSpend",
     "instruction spent from the balance of an account it does not own"},
    {"ExternalAccountDataModified", "instruction modified data of an account it does not own"},
    {"ReadonlyLamportChange", "instruction changed the balance of a read-only account"},
    {"ReadonlyDataModified", "instruction modified data of a read-only account"},
    {"Custom", "custom program error"},
    {"NotEnoughAccountKeys", "insufficient account keys for instruction"},
    {"ComputationalBudgetExceeded", "Computational budget exceeded"},
    {"UnsupportedProgramId", "Unsupported program id"},
    {"InvalidRealloc", "Failed to reallocate account data"},
    {"ArithmeticOverflow", "Program arithmetic overflowed"},
    {"IllegalOwner", "Provided owner is not allowed"},
    {"InvalidAccountOwner", "Invalid account owner"},
    {"MissingAccount", "An account required by the instruction is missing"},
    {"InvalidSeeds", "Provided seeds do not result in a valid address"},
    {"PrivilegeEscalation",
     "Cross-program invocation with unauthorized signer or writable account"},
    {"CallDepth", "Cross-program invocation call depth too deep"},
    {"ReentrancyNotAllowed",
     "Cross-program invocation reentrancy not allowed for this instruction"},
};
static_assert(std::size(kInstructionErrors) == static_cast<size_t>(InstructionErrorKind::kCount));

constexpr Names kTransactionErrors[] = {
    {"AccountInUse", "Account in use"},
    {"AccountLoadedTwice", "Account loaded twice"},
    {"AccountNotFound", "Attempt to debit an account but found no record of a prior credit."},
    {"ProgramAccountNotFound", "Attempt to load a program that does not exist"},
    {"InsufficientFundsForFee", "Insufficient funds for fee"},
    {"InvalidAccountForFee", "This account may not be used to pay transaction fees"},
    {"AlreadyProcessed", "This transaction has already been processed"},
    {"BlockhashNotFound", "Blockhash not found"},
    {"InstructionError", "Error processing Instruction"},
    {"CallChainTooDeep", "Loader call chain is too deep"},
    {"MissingSignatureForFee", "Transaction requires a fee but has no signature present"},
    {"InvalidAccountIndex", "Transaction contains an invalid account reference"},
    {"SignatureFailure", "Transaction did not pass signature verification"},
    {"InvalidProgramForExecution", "This program may not be used for executing instructions"},
    {"SanitizeFailure", "Transaction failed to sanitize accounts offsets correctly"},
    {"ClusterMaintenance", "Transactions are currently disabled due to cluster maintenance"},
    {"AccountBorrowOutstanding",
     "Transaction processing left an account with an outstanding borrowed reference"},
    {"WouldExceedMaxBlockCostLimit", "Transaction would exceed max Block Cost Limit"},
    {"UnsupportedVersion", "Transaction version is unsupported"},
    {"InvalidWritableAccount", "Transaction loads a writable account that cannot be written"},
    {"WouldExceedMaxAccountCostLimit",
     "Transaction would exceed max account limit within the block"},
    {"WouldExceedAccountDataBlockLimit",
     "Transaction would exceed account data limit within the block"},
    {"TooManyAccountLocks", "Transaction locked too many accounts"},
    {"AddressLookupTableNotFound", "Transaction loads an address table account that doesn't exist"},
    {"InvalidAddressLookupTableOwner",
     "Transaction loads an address table account with an invalid owner"},
    {"InvalidAddressLookupTableData",
     "Transaction loads an address table account with invalid data"},
    {"InvalidAddressLookupTableIndex", "Transaction address table lookup uses an invalid index"},
    {"InvalidRentPayingAccount",
     "Transaction leaves an account with a lower balance than rent-exempt minimum"},
    {"WouldExceedMaxVoteCostLimit", "Transaction would exceed max Vote Cost Limit"},
    {"WouldExceedAccountDataTotalLimit", "Transaction would exceed total account data limit"},
    {"DuplicateInstruction", "Transaction contains a duplicate instruction"},
    {"InsufficientFundsForRent",
     "Transaction results in an account with insufficient funds for rent"},
    {"MaxLoadedAccountsDataSizeExceeded", "Transaction exceeded max loaded accounts data size cap"},
    {"InvalidLoadedAccountsDataSizeLimit",
     "LoadedAccountsDataSizeLimit set for transaction must be greater than 0."},
    {"ResanitizationNeeded",
     "Sanitized transaction differed before/after feature activiation. Needs to be resanitized."},
    {"ProgramExecutionTemporarilyRestricted",
     "Execution of the program referenced by account at index is temporarily restricted."},
    {"UnbalancedTransaction", "Sum of account balances before and after transaction do not match"},
};
static_assert(std::size(kTransactionErrors) == static_cast<size_t>(TransactionErrorKind::kCount));

const Names& NamesOf(InstructionErrorKind k) { return kInstructionErrors[static_cast<size_t>(k)]; }
const Names& NamesOf(TransactionErrorKind k) { return kTransactionErrors[static_cast<size_t>(k)]; }

}  // namespace

std::string InstructionError::Json() const {
  if (kind == InstructionErrorKind::kCustom) return absl::StrCat("{\"Custom\":", custom, "}");
  return absl::StrCat("\"", NamesOf(kind).name, "\"");
}

std::string InstructionError::Display() const {
  if (kind == InstructionErrorKind::kCustom) {
    return absl::StrFormat("custom program error: 0x%x", custom);
  }
  return NamesOf(kind).text;
}

std::string TransactionError::Json() const {
  switch (kind) {
    case TransactionErrorKind::kInstructionError:
      return absl::StrCat("{\"InstructionError\":[", index, ",", instruction.Json(), "]}");
    case TransactionErrorKind::kDuplicateInstruction:
      return absl::StrCat("{\"DuplicateInstruction\":", index, "}");
    case TransactionErrorKind::kInsufficientFundsForRent:
      return absl::StrCat("{\"InsufficientFundsForRent\":{\"account_index\":", index, "}}");
    case TransactionErrorKind::kProgramExecutionTemporarilyRestricted:
      return absl::StrCat("{\"ProgramExecutionTemporarilyRestricted\":{\"account_index\":", index,
                          "}}");
    default:
      return absl::StrCat("\"", NamesOf(kind).name, "\"");
  }
}

std::string TransactionError::Display() const {
  switch (kind) {
    case TransactionErrorKind::kInstructionError:
      return absl::StrCat("Error processing Instruction ", index, ": ", instruction.Display());
    case TransactionErrorKind::kDuplicateInstruction:
      return absl::StrCat("Transaction contains a duplicate instruction (", index,
                          ") that is not allowed");
    case TransactionErrorKind::kInsufficientFundsForRent:
      return absl::StrCat("Transaction results in an account (", index,
                          ") with insufficient funds for rent");
    default:
      return NamesOf(kind).text;
  }
}

void TransactionError::Encode(solana::Bytes* out) const {
  solana::PutU8(out, static_cast<uint8_t>(kind));
  solana::PutU8(out, index);
  solana::PutU8(out, static_cast<uint8_t>(instruction.kind));
  solana::PutU32(out, instruction.custom);
}

absl::StatusOr<TransactionError> TransactionError::Decode(solana::ByteReader* in) {
  TransactionError e;
  ASSIGN_OR_RETURN(uint8_t kind, in->U8("error kind"));
  ASSIGN_OR_RETURN(e.index, in->U8("error index"));
  ASSIGN_OR_RETURN(uint8_t ikind, in->U8("instruction error kind"));
  ASSIGN_OR_RETURN(e.instruction.custom, in->U32("custom code"));
  if (kind >= static_cast<uint8_t>(TransactionErrorKind::kCount) ||
      ikind >= static_cast<uint8_t>(InstructionErrorKind::kCount)) {
    return absl::InvalidArgumentError("unknown error kind");
  }
  e.kind = static_cast<TransactionErrorKind>(kind);
  e.instruction.kind = static_cast<InstructionErrorKind>(ikind);
  return e;
}

}  // namespace localnet
