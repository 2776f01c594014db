#include "reconciler/live_run.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "providers/psyche/coordinator_account.h"
#include "providers/psyche/coordinator_instance.h"
#include "providers/solana/coding.h"

namespace reconciler {
namespace {

absl::Status Annotate(const std::string& what, const solana::Pubkey& key, const absl::Status& s) {
  return absl::Status(s.code(), absl::StrCat(what, " ", key.ToBase58(), ": ", s.message()));
}

absl::Status ReadTreasurer(solana::RpcClient& rpc, solana::Commitment c,
                           const solana::AccountInfo& run_account, const ProgramIds& programs,
                           LiveRun* out) {
  const solana::Pubkey& run_address = out->instance.main_authority;
  auto tr = psyche::DecodeTreasurerRun(run_account.owner, run_account.data, programs.treasurer);
  if (!tr.ok()) return Annotate("treasurer Run", run_address, tr.status());
  if (tr->coordinator_instance != out->instance_address) {
    return absl::DataLossError(absl::StrCat(
        "treasurer Run ", run_address.ToBase58(), " names the coordinator instance ",
        tr->coordinator_instance.ToBase58(), ", not ", out->instance_address.ToBase58()));
  }
  const solana::Pubkey vault =
      psyche::TreasurerRunCollateralAddress(run_address, tr->collateral_mint);
  const std::vector<solana::Pubkey> keys = {vault, tr->collateral_mint};
  ASSIGN_OR_RETURN(auto reply, rpc.GetMultipleAccounts(keys, c));
  if (reply.value.size() != keys.size())
    return absl::DataLossError("getMultipleAccounts: short reply");
  if (reply.value[0]) {
    auto v = psyche::DecodeTokenAccount(reply.value[0]->owner, reply.value[0]->data);
    if (!v.ok()) return Annotate("treasury vault", vault, v.status());
    out->vault = *v;
  }
  if (reply.value[1]) {
    auto m = psyche::DecodeMint(reply.value[1]->owner, reply.value[1]->data);
    if (!m.ok()) return Annotate("collateral mint", tr->collateral_mint, m.status());
    out->collateral_mint = *m;
  }
  out->treasurer_run = *tr;
  return absl::OkStatus();
}

absl::Status ReadAuthorizations(solana::RpcClient& rpc, solana::Commitment c,
                                const ProgramIds& programs, LiveRun* out) {
  std::vector<solana::AccountFilter> filters;
  for (const psyche::MemcmpFilter& f : psyche::AuthorizationsByGrantorFilters(out->grantor)) {
    filters.push_back(solana::MemcmpFilter{f.offset, f.bytes});
  }
  ASSIGN_OR_RETURN(auto reply, rpc.GetProgramAccounts(programs.authorizer, filters, c));
  for (const solana::KeyedAccount& ka : reply.value) {
    auto a = psyche::DecodeAuthorization(ka.account.owner, ka.account.data, programs.authorizer);
    if (!a.ok()) return Annotate("Authorization", ka.pubkey, a.status());
    if (a->grantor != out->grantor) {
      return absl::DataLossError(absl::StrCat("getProgramAccounts for grantor ",
                                              out->grantor.ToBase58(), " returned ",
                                              ka.pubkey.ToBase58(), " of another grantor"));
    }
    out->authorizations.push_back(std::move(*a));
  }
  std::sort(out->authorizations.begin(), out->authorizations.end(),
            [](const psyche::Authorization& x, const psyche::Authorization& y) {
              return std::tie(x.scope, x.grantee) < std::tie(y.scope, y.grantee);
            });
  return absl::OkStatus();
}

}  // namespace

solana::Pubkey LiveRun::Authority() const {
  return treasurer_run ? treasurer_run->main_authority : instance.main_authority;
}

absl::StatusOr<LiveRun> ReadLiveRun(solana::RpcClient& rpc, solana::Commitment c,
                                    const ProgramIds& programs, const std::string& run_id,
                                    const std::optional<solana::Pubkey>& grantor) {
  LiveRun out;
  out.run_id = run_id;
  ASSIGN_OR_RETURN(auto pda, psyche::CoordinatorInstanceAddress(run_id, programs.coordinator));
  out.instance_address = pda.address;
  const std::vector<solana::Pubkey> instance_key = {pda.address};
  ASSIGN_OR_RETURN(auto inst_reply, rpc.GetMultipleAccounts(instance_key, c));
  if (inst_reply.value.size() != 1) return absl::DataLossError("getMultipleAccounts: short reply");
  const std::optional<solana::AccountInfo>& instance_account = inst_reply.value[0];
  if (!instance_account) {
    return absl::NotFoundError(absl::StrCat("run \"", run_id,
                                            "\" does not exist: no coordinator "
                                            "instance at ",
                                            pda.address.ToBase58()));
  }
  auto inst = psyche::DecodeCoordinatorInstance(instance_account->data, instance_account->owner,
                                                programs.coordinator);
  if (!inst.ok()) return Annotate("coordinator instance", pda.address, inst.status());
  if (inst->run_id != run_id) {
    return absl::DataLossError(absl::StrCat("coordinator instance ", pda.address.ToBase58(),
                                            " holds run id \"", inst->run_id, "\""));
  }
  out.instance = *inst;

  // The main authority's account tells a treasurer run (a Run PDA owned by
  // the treasurer) from a wallet-administered one.
  const std::vector<solana::Pubkey> keys = {inst->coordinator_account, inst->main_authority};
  ASSIGN_OR_RETURN(auto reply, rpc.GetMultipleAccounts(keys, c));
  if (reply.value.size() != keys.size())
    return absl::DataLossError("getMultipleAccounts: short reply");
  if (!reply.value[0]) {
    return absl::DataLossError(absl::StrCat("the coordinator account ", keys[0].ToBase58(),
                                            " named by the instance does not exist"));
  }
  auto state = psyche::DecodeCoordinatorAccount(reply.value[0]->data, reply.value[0]->owner,
                                                programs.coordinator);
  if (!state.ok()) return Annotate("coordinator account", keys[0], state.status());
  out.coordinator = std::move(*state);
  if (reply.value[1] && reply.value[1]->owner == programs.treasurer) {
    RETURN_IF_ERROR(ReadTreasurer(rpc, c, *reply.value[1], programs, &out));
  }
  out.grantor = grantor.value_or(out.instance.join_authority);
  RETURN_IF_ERROR(ReadAuthorizations(rpc, c, programs, &out));
  return out;
}

}  // namespace reconciler
