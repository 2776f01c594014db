// The CLI's wiring of `rpcUrl: local` to the embedded localnet: one
// in-process LocalValidator per invocation whose ledger (WAL + snapshots)
// lives under the state directory, so `apply` and a later `plan` in another
// process see the same chain. Kept in the CLI so the reconciler library does
// not depend on localnet.
#ifndef RECONCILER_CLI_LOCAL_CLUSTER_H_
#define RECONCILER_CLI_LOCAL_CLUSTER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/solana/rpc_client.h"
#include "reconciler/make_plan.h"

namespace cli {

// `flag` when set; otherwise `.psyche-reconcile` beside the Cluster manifest
// found in PATHs (beside the first PATH when none parses).
std::string ResolveStateDir(const std::vector<std::string>& paths, const std::string& flag);

// `local-accounts` beside the Cluster manifest: account dumps (the JSON of
// `solana account ADDR --output json`, what solana-test-validator --account
// takes) written into a fresh local ledger, e.g. a test collateral mint that
// a real cluster would already have. Local only; never used for a URL.
std::string ResolveLocalSeedDir(const std::vector<std::string>& paths);

// "local" starts (once, then reuses) the embedded validator with its ledger in
// <state_dir>/localnet, seeding the *.json dumps of `seed_dir` (if it exists)
// when the ledger is new; anything else goes to reconciler::DefaultTransport.
reconciler::TransportFactory CliTransportFactory(const std::string& state_dir,
                                                 const std::string& seed_dir = "");

// Local clusters only: airdrops to each account whose balance is below what
// it needs, logging each airdrop to stderr, and waits until it is confirmed.
absl::Status FundLocalAccounts(solana::RpcClient& rpc,
                               const std::map<solana::Pubkey, uint64_t>& needs);

}  // namespace cli

#endif  // RECONCILER_CLI_LOCAL_CLUSTER_H_
