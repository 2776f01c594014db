#include "reconciler/amount.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reconciler {
namespace {

using ::testing::HasSubstr;

TEST(ParseBaseUnitsTest, AcceptsTheWholeU64Range) {
  EXPECT_EQ(*ParseBaseUnits("0"), 0u);
  EXPECT_EQ(*ParseBaseUnits("1500000"), 1500000u);
  EXPECT_EQ(*ParseBaseUnits("18446744073709551615"), 18446744073709551615u);
}

TEST(ParseBaseUnitsTest, RejectsSignsFractionsFloatsAndOverflow) {
  for (const char* bad : {"", "-1", "+1", "1.5", "1e6", " 1", "1 ", "0x10", "1_000"}) {
    EXPECT_FALSE(ParseBaseUnits(bad).ok()) << bad;
  }
  EXPECT_THAT(ParseBaseUnits("18446744073709551616").status().message(),
              HasSubstr("exceeds the largest u64 value 18446744073709551615"));
  EXPECT_FALSE(ParseBaseUnits("99999999999999999999999999").ok());
}

TEST(ParseAmountTest, BaseUnitsAndDecimalWithUnit) {
  EXPECT_EQ(*ParseAmount("42"), Amount::BaseUnits(42));
  Amount a = *ParseAmount("12.5 USDC");
  EXPECT_FALSE(a.base_units.has_value());
  EXPECT_EQ(a.decimal, "12.5");
  EXPECT_EQ(a.unit, "USDC");
  EXPECT_EQ(a.ToString(), "12.5 USDC");
  EXPECT_EQ(ParseAmount("3 PSY")->decimal, "3");
}

TEST(ParseAmountTest, RejectsMalformedAmounts) {
  for (const char* bad : {"12.5", "-1 USDC", "1.5.2 USDC", ".5 USDC", "5. USDC", "1e3 USDC",
                          "12.5  USDC", "12.5 9X", "12.5 US-DC", "USDC", "1,5 USDC"}) {
    EXPECT_FALSE(ParseAmount(bad).ok()) << bad;
  }
  EXPECT_THAT(ParseAmount("99999999999999999999 USDC").status().message(), HasSubstr("exceeds"));
}

TEST(DecimalToBaseUnitsTest, ConvertsOnlyWhenExact) {
  EXPECT_EQ(*DecimalToBaseUnits("12.5", 6), 12500000u);
  EXPECT_EQ(*DecimalToBaseUnits("1.005", 3), 1005u);
  EXPECT_EQ(*DecimalToBaseUnits("3", 0), 3u);
  EXPECT_EQ(*DecimalToBaseUnits("1.50000000", 6), 1500000u);  // trailing zeros are exact
  EXPECT_EQ(*DecimalToBaseUnits("18446744073.709551615", 9), 18446744073709551615u);
  EXPECT_THAT(DecimalToBaseUnits("1.005", 2).status().message(),
              HasSubstr("1.005 is not a whole number of base units: the mint has 2 decimals"));
  EXPECT_THAT(DecimalToBaseUnits("0.5", 0).status().message(), HasSubstr("not a whole number"));
  EXPECT_THAT(DecimalToBaseUnits("18446744073.709551616", 9).status().message(),
              HasSubstr("exceeds"));
  EXPECT_THAT(DecimalToBaseUnits("1", 20).status().message(), HasSubstr("exceeds"));
}

TEST(ResolveAmountTest, BaseUnitsIgnoreDecimals) {
  EXPECT_EQ(*ResolveAmount(Amount::BaseUnits(7), 9), 7u);
  EXPECT_EQ(*ResolveAmount(*ParseAmount("2.25 USDC"), 6), 2250000u);
}

}  // namespace
}  // namespace reconciler
