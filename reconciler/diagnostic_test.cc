#include "reconciler/diagnostic.h"

#include "gtest/gtest.h"

namespace reconciler {
namespace {

TEST(DiagnosticTest, FormatsFileLineColumnFieldAndMessage) {
  EXPECT_EQ(Error("a.yaml", {3, 7}, "spec.runId", "too long").ToString(),
            "a.yaml:3:7: spec.runId: too long");
  EXPECT_EQ(Error("a.yaml", {}, "", "no such file").ToString(), "a.yaml: no such file");
  EXPECT_EQ(Warning("k.yaml", {2, 1}, "spec.payer", "readable by others").ToString(),
            "k.yaml:2:1: warning: spec.payer: readable by others");
}

TEST(DiagnosticTest, HasErrorsIgnoresWarnings) {
  EXPECT_FALSE(HasErrors({Warning("a", {}, "", "w")}));
  EXPECT_TRUE(HasErrors({Warning("a", {}, "", "w"), Error("a", {}, "", "e")}));
}

TEST(DiagnosticTest, FieldPathFromPointer) {
  EXPECT_EQ(FieldPathFromPointer(""), "");
  EXPECT_EQ(FieldPathFromPointer("/spec/epochRates/earningRateTotalShared"),
            "spec.epochRates.earningRateTotalShared");
  EXPECT_EQ(FieldPathFromPointer("/spec/grantees/1"), "spec.grantees[1]");
  EXPECT_EQ(FieldPathFromPointer("/a~1b/c~0d"), "a/b.c~d");
}

}  // namespace
}  // namespace reconciler
