#include "providers/solana/transaction_error.h"

#include <gtest/gtest.h>

#include "providers/solana/custom_error_code.h"

namespace solana {
namespace {

TransactionError Parse(absl::string_view json) {
  auto e = ParseTransactionErrorJson(json);
  EXPECT_TRUE(e.ok()) << json << ": " << e.status();
  return e.ok() ? *e : TransactionError{};
}

// Shapes from spec 5.16.
TEST(TransactionError, UnitVariants) {
  EXPECT_EQ(Parse("\"BlockhashNotFound\"").kind, TransactionErrorKind::kBlockhashNotFound);
  EXPECT_EQ(Parse("\"AlreadyProcessed\"").kind, TransactionErrorKind::kAlreadyProcessed);
  EXPECT_EQ(Parse("\"AccountNotFound\"").kind, TransactionErrorKind::kAccountNotFound);
  EXPECT_EQ(Parse("\"InsufficientFundsForFee\"").kind,
            TransactionErrorKind::kInsufficientFundsForFee);
  EXPECT_EQ(Parse("\"CommitCancelled\"").kind, TransactionErrorKind::kCommitCancelled);
  EXPECT_EQ(Parse("\"AccountInUse\"").kind, TransactionErrorKind::kAccountInUse);
  EXPECT_EQ(Parse("\"AlreadyProcessed\"").ToString(), "AlreadyProcessed");
}

TEST(TransactionError, InstructionErrorCustom) {
  auto e = Parse(R"({"InstructionError":[0,{"Custom":6001}]})");
  EXPECT_EQ(e.kind, TransactionErrorKind::kInstructionError);
  EXPECT_EQ(e.instruction_index, 0);
  EXPECT_EQ(e.instruction_error, "Custom");
  EXPECT_EQ(e.custom_code, 6001u);
  EXPECT_EQ(e.ToString(),
            "InstructionError: instruction 0: custom program error: 0x1771 (6001, "
            "program-defined error #1)");
  auto seeds = Parse(R"({"InstructionError":[1,{"Custom":2006}]})");
  EXPECT_EQ(seeds.instruction_index, 1);
  EXPECT_NE(seeds.ToString().find("ConstraintSeeds"), std::string::npos) << seeds.ToString();
}

TEST(TransactionError, InstructionErrorUnitAndLegacyBorsh) {
  auto e = Parse(R"({"InstructionError":[1,"InvalidAccountData"]})");
  EXPECT_EQ(e.instruction_index, 1);
  EXPECT_EQ(e.instruction_error, "InvalidAccountData");
  EXPECT_FALSE(e.custom_code.has_value());
  EXPECT_EQ(e.ToString(), "InstructionError: instruction 1: InvalidAccountData");
  EXPECT_EQ(Parse(R"({"InstructionError":[2,"ComputationalBudgetExceeded"]})").instruction_error,
            "ComputationalBudgetExceeded");
  auto borsh = Parse(R"({"InstructionError":[3,{"BorshIoError":"Unexpected length"}]})");
  EXPECT_EQ(borsh.instruction_error, "BorshIoError");
  EXPECT_EQ(borsh.detail, "\"Unexpected length\"");
  EXPECT_EQ(Parse(R"({"InstructionError":[3,"BorshIoError"]})").instruction_error, "BorshIoError");
}

TEST(TransactionError, StructAndTupleVariants) {
  auto rent = Parse(R"({"InsufficientFundsForRent":{"account_index":2}})");
  EXPECT_EQ(rent.kind, TransactionErrorKind::kInsufficientFundsForRent);
  EXPECT_EQ(rent.account_index, 2);
  EXPECT_EQ(rent.ToString(), "InsufficientFundsForRent (account 2)");
  auto dup = Parse(R"({"DuplicateInstruction":2})");
  EXPECT_EQ(dup.kind, TransactionErrorKind::kDuplicateInstruction);
  EXPECT_EQ(dup.instruction_index, 2);
  EXPECT_EQ(dup.ToString(), "DuplicateInstruction (instruction 2)");
}

TEST(TransactionError, UnknownVariantsAreKeptNotFatal) {
  auto e = Parse("\"SomeFutureError\"");
  EXPECT_EQ(e.kind, TransactionErrorKind::kUnknown);
  EXPECT_EQ(e.name, "SomeFutureError");
  auto o = Parse(R"({"NewThing":{"x":1}})");
  EXPECT_EQ(o.kind, TransactionErrorKind::kUnknown);
  EXPECT_EQ(o.ToString(), "NewThing {\"x\":1}");
}

TEST(TransactionError, RejectsBadShapes) {
  for (const char* bad :
       {"1", "[]", "{}", "null", R"({"A":1,"B":2})", R"({"InstructionError":[0]})",
        R"({"InstructionError":[300,"X"]})", R"({"InstructionError":[-1,"X"]})",
        R"({"InstructionError":[0,{"Custom":-5}]})", R"({"InstructionError":[0,{"Custom":"1"}]})",
        R"({"InstructionError":[0,5]})", R"({"InsufficientFundsForRent":{}})",
        R"({"DuplicateInstruction":"2"})", "{\"Instruction", ""}) {
    EXPECT_FALSE(ParseTransactionErrorJson(bad).ok()) << bad;
  }
}

TEST(CustomErrorCode, Categories) {
  EXPECT_EQ(CategorizeCustomError(1), CustomErrorCategory::kNativeProgram);
  EXPECT_EQ(CategorizeCustomError(101), CustomErrorCategory::kAnchorInstruction);
  EXPECT_EQ(CategorizeCustomError(1500), CustomErrorCategory::kAnchorIdl);
  EXPECT_EQ(CategorizeCustomError(2003), CustomErrorCategory::kAnchorConstraint);
  EXPECT_EQ(CategorizeCustomError(2502), CustomErrorCategory::kAnchorRequire);
  EXPECT_EQ(CategorizeCustomError(3012), CustomErrorCategory::kAnchorAccount);
  EXPECT_EQ(CategorizeCustomError(4100), CustomErrorCategory::kAnchorMisc);
  EXPECT_EQ(CategorizeCustomError(6000), CustomErrorCategory::kProgramDefined);
  EXPECT_EQ(CategorizeCustomError(4000), CustomErrorCategory::kUnassigned);
  EXPECT_EQ(AnchorErrorName(3002), "AccountDiscriminatorMismatch");
  EXPECT_EQ(AnchorErrorName(2020), "ConstraintAccountIsNone");
  EXPECT_FALSE(AnchorErrorName(6000).has_value());
  EXPECT_EQ(SystemErrorName(1), "ResultWithNegativeLamports");
  EXPECT_FALSE(SystemErrorName(9).has_value());
}

}  // namespace
}  // namespace solana
