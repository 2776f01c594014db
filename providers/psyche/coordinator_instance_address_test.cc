#include <gtest/gtest.h>

#include "providers/psyche/coordinator_instance.h"
#include "providers/psyche/psyche_program_ids.h"

namespace psyche {
namespace {

struct PdaCase {
  const char* run_id;
  const char* address;
  uint8_t bump;
};

// Spec coordinator 1.3.
TEST(CoordinatorInstanceAddressTest, SpecVectors) {
  const PdaCase cases[] = {
      {"test", "9L4yCH7TsMn9JfoXYEupuQwtcNPTTtHcyNL6uqDfjwGB", 255},
      {"consilience-40b-1", "7pRsEWgkuQE3YzcH7yhDwtWquU8nzYVyCiwrdh6BgcNk", 255},
      {"llama2-20m-dolma", "GKQLSSKSjSJR5FN23Hby9XGNiW5wqRYzFHPGozNVUAmE", 254},
      {"this is a dummy run_id", "7A8YkWgQusRWodA6kUbutrW4S63g2oWeMF3MArExJTAe", 252},
  };
  for (const auto& c : cases) {
    auto pda = CoordinatorInstanceAddress(c.run_id, program_ids::Coordinator());
    ASSERT_TRUE(pda.ok()) << c.run_id << ": " << pda.status();
    EXPECT_EQ(pda->address.ToBase58(), c.address) << c.run_id;
    EXPECT_EQ(pda->bump, c.bump) << c.run_id;
  }
}

TEST(CoordinatorInstanceAddressTest, RunIdLimitIs32Bytes) {
  EXPECT_TRUE(CoordinatorInstanceAddress(std::string(32, 'a'), program_ids::Coordinator()).ok());
  auto r = CoordinatorInstanceAddress(std::string(33, 'a'), program_ids::Coordinator());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("32 bytes"), absl::string_view::npos);
}

TEST(CoordinatorInstanceAddressTest, DependsOnProgramId) {
  auto a = CoordinatorInstanceAddress("test", program_ids::Coordinator());
  auto b = CoordinatorInstanceAddress("test", program_ids::CoordinatorLegacyV0());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->address, b->address);
}

}  // namespace
}  // namespace psyche
