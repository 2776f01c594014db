// Everything `import` reads about one run that exists on chain: its
// CoordinatorInstance and coordinator account, the treasurer Run when the run
// was created through the treasurer (the instance's main authority is then a
// treasurer-owned Run PDA), the treasury vault and collateral mint, and every
// authorization of one grantor (getProgramAccounts, memcmp on the grantor).
// Every account is decoded with its owner checked (fail closed).
#ifndef RECONCILER_LIVE_RUN_H_
#define RECONCILER_LIVE_RUN_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "providers/psyche/authorizer.h"
#include "providers/psyche/coordinator_types.h"
#include "providers/psyche/spl_token.h"
#include "providers/psyche/treasurer.h"
#include "providers/solana/rpc_client.h"
#include "reconciler/desired_state.h"

namespace reconciler {

struct LiveRun {
  std::string run_id;
  solana::Pubkey instance_address;
  psyche::CoordinatorInstance instance;
  psyche::CoordinatorState coordinator;
  std::optional<psyche::TreasurerRun> treasurer_run;
  std::optional<psyche::TokenAccount> vault;  // the treasurer Run's collateral ATA
  std::optional<psyche::Mint> collateral_mint;
  solana::Pubkey grantor;
  std::vector<psyche::Authorization> authorizations;  // of `grantor`, sorted by grantee

  // The wallet that administers the run: the treasurer Run's main authority
  // for a treasurer run, the instance's otherwise.
  solana::Pubkey Authority() const;
};

// NotFound when the run does not exist. `grantor` defaults to the run's join
// authority.
absl::StatusOr<LiveRun> ReadLiveRun(solana::RpcClient& rpc, solana::Commitment commitment,
                                    const ProgramIds& programs, const std::string& run_id,
                                    const std::optional<solana::Pubkey>& grantor);

}  // namespace reconciler

#endif  // RECONCILER_LIVE_RUN_H_
