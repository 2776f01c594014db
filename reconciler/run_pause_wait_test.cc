#include "reconciler/run_pause_wait.h"

#include "gtest/gtest.h"
#include "providers/psyche/coordinator_account_writer.h"
#include "providers/psyche/psyche_program_ids.h"
#include "reconciler/fake_chain.h"
#include "reconciler/planner_fixtures_for_test.h"

namespace reconciler {
namespace {

class RunPauseWaitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    what_ = {"run.demo", psyche::program_ids::Coordinator(), testing::Key(0x33)};
    options_.timeout = absl::Seconds(60);
    options_.poll_interval = absl::Seconds(5);
    options_.now = [this] { return now_; };
    options_.sleep = [this](absl::Duration d) {
      now_ += d;
      ++sleeps_;
      if (on_sleep_) on_sleep_();
    };
  }

  void SetRun(psyche::RunState state, bool pending) {
    psyche::CoordinatorState st;
    st.run_id = "demo";
    st.run_state = state;
    st.pending_pause = pending;
    auto image = psyche::EncodeCoordinatorAccount(st);
    ASSERT_TRUE(image.ok()) << image.status();
    chain_->Set(what_.coordinator_account, FakeAccount(psyche::program_ids::Coordinator(), *image));
  }

  absl::Status Wait() {
    return WaitForRunPaused(rpc_, what_, options_,
                            [this](const std::string& line) { reports_.push_back(line); });
  }

  std::shared_ptr<FakeChain> chain_ = std::make_shared<FakeChain>();
  solana::RpcClient rpc_{"http://fake", chain_};
  PauseWait what_;
  PauseWaitOptions options_;
  absl::Time now_ = absl::FromUnixSeconds(1'700'000'000);
  int sleeps_ = 0;
  std::function<void()> on_sleep_;
  std::vector<std::string> reports_;
};

TEST_F(RunPauseWaitTest, ReturnsOnceAClientTickCompletesThePause) {
  SetRun(psyche::RunState::kRoundTrain, true);
  on_sleep_ = [this] {
    if (sleeps_ == 3) SetRun(psyche::RunState::kPaused, false);
  };
  EXPECT_TRUE(Wait().ok());
  EXPECT_EQ(sleeps_, 3);
  ASSERT_EQ(reports_.size(), 3u);
  EXPECT_NE(reports_[0].find("run_state RoundTrain, pause pending"), std::string::npos)
      << reports_[0];
}

TEST_F(RunPauseWaitTest, AlreadyPausedNeedsNoWait) {
  SetRun(psyche::RunState::kPaused, false);
  EXPECT_TRUE(Wait().ok());
  EXPECT_EQ(sleeps_, 0);
}

TEST_F(RunPauseWaitTest, TimeoutSaysTheRunIsLeftWithAPendingPause) {
  SetRun(psyche::RunState::kCooldown, true);
  absl::Status s = Wait();
  EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_NE(s.message().find("LEFT WITH A PENDING PAUSE"), absl::string_view::npos) << s;
  EXPECT_NE(s.message().find("run.demo"), absl::string_view::npos) << s;
  EXPECT_EQ(sleeps_, 12);  // 60 s in 5 s polls
}

TEST_F(RunPauseWaitTest, ARunNoLongerPausingIsAnError) {
  SetRun(psyche::RunState::kWaitingForMembers, false);
  EXPECT_EQ(Wait().code(), absl::StatusCode::kFailedPrecondition);
  chain_->Erase(what_.coordinator_account);
  EXPECT_EQ(Wait().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace reconciler
