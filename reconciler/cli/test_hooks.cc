#include "reconciler/cli/test_hooks.h"

#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "providers/solana/coding.h"

namespace cli {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

absl::Status SetFaults(solana::HttpTransport* local, const std::string& json) {
  auto reply = local->Post(
      "local",
      absl::StrCat(R"({"jsonrpc":"2.0","id":1,"method":"localnet_setFaults","params":[)", json,
                   "]}"),
      absl::Seconds(10));
  if (!reply.ok()) return reply.status();
  if (reply->body.find("\"error\"") != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("PSYCHE_RECONCILE_TEST_FAULTS refused: ", reply->body));
  }
  return absl::OkStatus();
}

// Counts occurrences of one boundary; true exactly at the n-th.
class BoundaryCounter {
 public:
  explicit BoundaryCounter(TestBoundary b) : b_(b) {}
  bool Hit(reconciler::CrashPoint p) { return p == b_.point && ++seen_ == b_.occurrence; }

 private:
  TestBoundary b_;
  int seen_ = 0;
};

}  // namespace

std::optional<TestBoundary> ParseTestBoundary(absl::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == absl::string_view::npos) return std::nullopt;
  const absl::string_view name = text.substr(0, colon);
  TestBoundary b;
  if (name == "after-signed") {
    b.point = reconciler::CrashPoint::kAfterSignedJournaled;
  } else if (name == "after-send") {
    b.point = reconciler::CrashPoint::kAfterSend;
  } else if (name == "before-confirmed") {
    b.point = reconciler::CrashPoint::kBeforeConfirmedJournaled;
  } else {
    return std::nullopt;
  }
  if (!absl::SimpleAtoi(text.substr(colon + 1), &b.occurrence) || b.occurrence < 1) {
    return std::nullopt;
  }
  return b;
}

absl::StatusOr<CrashHook> TestHooksFromEnv(solana::HttpTransport* local) {
  const std::string kill_at = Env("PSYCHE_RECONCILE_TEST_KILL_AT");
  const std::string faults = Env("PSYCHE_RECONCILE_TEST_FAULTS");
  const std::string faults_at = Env("PSYCHE_RECONCILE_TEST_FAULTS_AT");
  std::shared_ptr<BoundaryCounter> kill, inject;
  if (!kill_at.empty()) {
    auto b = ParseTestBoundary(kill_at);
    if (!b) return absl::InvalidArgumentError("malformed PSYCHE_RECONCILE_TEST_KILL_AT");
    kill = std::make_shared<BoundaryCounter>(*b);
  }
  if (!faults.empty()) {
    if (local == nullptr) {
      return absl::InvalidArgumentError("PSYCHE_RECONCILE_TEST_FAULTS needs rpcUrl: local");
    }
    if (faults_at.empty()) {
      RETURN_IF_ERROR(SetFaults(local, faults));
    } else {
      auto b = ParseTestBoundary(faults_at);
      if (!b) return absl::InvalidArgumentError("malformed PSYCHE_RECONCILE_TEST_FAULTS_AT");
      inject = std::make_shared<BoundaryCounter>(*b);
    }
  }
  if (kill == nullptr && inject == nullptr) return CrashHook();
  return CrashHook([kill, inject, local, faults](reconciler::CrashPoint p) -> absl::Status {
    if (inject != nullptr && inject->Hit(p)) RETURN_IF_ERROR(SetFaults(local, faults));
    if (kill != nullptr && kill->Hit(p)) {
      std::cout.flush();
      std::cerr.flush();
      raise(SIGKILL);  // a real crash: no destructors, no journal or ledger shutdown
    }
    return absl::OkStatus();
  });
}

}  // namespace cli
