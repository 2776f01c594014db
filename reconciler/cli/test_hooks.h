// TEST-ONLY hooks the CLI honours through environment variables, so tests can
// stop `apply` at an exact boundary with a real SIGKILL and inject localnet
// faults into the embedded cluster mid-apply. Never set them outside tests.
//
//   PSYCHE_RECONCILE_TEST_KILL_AT=<point>:<n>   SIGKILL this process at the
//       n-th (1-based) occurrence of a sender CrashPoint; <point> is
//       after-signed (journaled, before the send), after-send (before
//       confirmation) or before-confirmed (confirmed, before the journal write).
//   PSYCHE_RECONCILE_TEST_FAULTS=<json object>  `rpcUrl: local` only: the
//       params of localnet_setFaults, set when apply starts sending, or
//   PSYCHE_RECONCILE_TEST_FAULTS_AT=<point>:<n> at that boundary instead.
#ifndef RECONCILER_CLI_TEST_HOOKS_H_
#define RECONCILER_CLI_TEST_HOOKS_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/http_transport.h"
#include "reconciler/tx_sender.h"

namespace cli {

struct TestBoundary {
  reconciler::CrashPoint point;
  int occurrence = 1;
};
// "<point>:<n>"; nullopt when malformed.
std::optional<TestBoundary> ParseTestBoundary(absl::string_view text);

using CrashHook = std::function<absl::Status(reconciler::CrashPoint)>;

// The sender crash hook the environment asks for (empty when none). `local`
// is the embedded cluster's transport (null for a URL: faults are refused).
// Faults without a boundary are set before this returns.
absl::StatusOr<CrashHook> TestHooksFromEnv(solana::HttpTransport* local);

}  // namespace cli

#endif  // RECONCILER_CLI_TEST_HOOKS_H_
