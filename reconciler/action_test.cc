#include "reconciler/action.h"

#include <gtest/gtest.h>

namespace reconciler {
namespace {

TEST(ActionTest, SymbolsAreTheDisplayCharacters) {
  EXPECT_EQ(ActionSymbol(Action::kCreate), "+");
  EXPECT_EQ(ActionSymbol(Action::kUpdate), "~");
  EXPECT_EQ(ActionSymbol(Action::kDelete), "-");
  EXPECT_EQ(ActionSymbol(Action::kReplace), "\xC2\xB1");
  EXPECT_EQ(ActionSymbol(Action::kNoOp), " ");
  EXPECT_EQ(ActionSymbol(Action::kRead), "<=");
}

TEST(ActionTest, NamesRoundTripAndUnknownIsRejected) {
  for (Action a : {Action::kNoOp, Action::kCreate, Action::kUpdate, Action::kDelete,
                   Action::kReplace, Action::kRead}) {
    ASSERT_EQ(ActionFromName(ActionName(a)), a) << ActionName(a);
  }
  EXPECT_EQ(ActionFromName("destroy"), std::nullopt);
  EXPECT_EQ(ActionFromName("Create"), std::nullopt);
  EXPECT_EQ(ActionFromName(""), std::nullopt);
}

TEST(ActionTest, OnlyNoOpAndReadLeaveTheChainAlone) {
  EXPECT_FALSE(ActionChangesChain(Action::kNoOp));
  EXPECT_FALSE(ActionChangesChain(Action::kRead));
  EXPECT_TRUE(ActionChangesChain(Action::kCreate));
  EXPECT_TRUE(ActionChangesChain(Action::kUpdate));
  EXPECT_TRUE(ActionChangesChain(Action::kDelete));
  EXPECT_TRUE(ActionChangesChain(Action::kReplace));
}

}  // namespace
}  // namespace reconciler
