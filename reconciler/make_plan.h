// The whole read side in one call: load and validate manifests, derive the
// desired resources, refresh from the chain, diff, and plan. The CLI's `plan`
// and `drift` and the integration tests go through here.
#ifndef RECONCILER_MAKE_PLAN_H_
#define RECONCILER_MAKE_PLAN_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/solana/http_transport.h"
#include "reconciler/planner.h"
#include "reconciler/validate.h"

namespace reconciler {

// Makes the transport for a Cluster's rpcUrl. The default handles http(s)
// URLs with libcurl and refuses "local": the library does not depend on
// localnet; the CLI's factory (reconciler/cli/local_cluster.h) runs it.
using TransportFactory =
    std::function<absl::StatusOr<std::shared_ptr<solana::HttpTransport>>(const std::string& url)>;
absl::StatusOr<std::shared_ptr<solana::HttpTransport>> DefaultTransport(const std::string& url);

struct MakePlanOptions {
  TransportFactory transport = DefaultTransport;
  ValidateOptions validate;
  PlannerOptions planner;  // planner.prune: --prune, --max-destroy
  // Path of the protection record (protection_record.h), read to refuse
  // pruning protected accounts and rewritten after each plan; empty: none.
  std::string protection_record;
};

struct MakePlanResult {
  PlanBuild build;
  std::vector<std::string> diagnostics;  // warnings from validation
  uint64_t rpc_posts = 0;                // HTTP POSTs made
  uint64_t rpc_requests = 0;             // JSON-RPC requests inside them
};

// InvalidArgument with every error diagnostic when the manifests are invalid;
// the refresh's error (e.g. an account owned by the wrong program) otherwise;
// FailedPrecondition when a prune guard or the Cluster policy refuses the plan.
absl::StatusOr<MakePlanResult> MakePlan(const std::vector<std::string>& paths,
                                        const MakePlanOptions& options = {});

}  // namespace reconciler

#endif  // RECONCILER_MAKE_PLAN_H_
