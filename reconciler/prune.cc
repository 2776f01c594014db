#include "reconciler/prune.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "reconciler/diff.h"

namespace reconciler {
namespace {

std::string RunStateName(psyche::RunState s) {
  return std::string(psyche::kRunStateNames[static_cast<size_t>(s)]);
}

FieldChange ActiveBecomesFalse(bool active) {
  FieldChange f;
  f.path = "active";
  f.before = Value::Bool(active);
  f.after = Value::Bool(false);
  return f;
}

class Pruner {
 public:
  Pruner(const PruneOptions& o, const DesiredResources& d, std::vector<std::string>* warnings)
      : o_(o), d_(d), warnings_(warnings) {
    now_ = o.now_unix != 0 ? o.now_unix : absl::ToUnixSeconds(absl::Now());
  }

  // Decides one unmanaged authorization; the change stays a read when
  // nothing is planned for it.
  void Authorization(const solana::Pubkey& pda, const psyche::Authorization& a,
                     ResourceChange* c) {
    if (o_.mode == PruneMode::kOff) return;
    const std::string spill = d_.prune_rent_recipient.ToBase58();
    PruneTarget t;
    t.address = c->address;
    t.account = pda;
    t.signer = a.grantor;
    const bool may_close = o_.mode == PruneMode::kClose;
    const bool delegates_wait =
        !a.delegates.empty() &&
        (a.active || now_ < a.grantor_update_unix_timestamp + kAuthorizationCloseDelaySeconds);
    if (may_close && !delegates_wait) {
      t.kind = PruneTarget::Kind::kCloseAuthorization;
      t.deactivate_first = a.active;
      c->notes.push_back(absl::StrCat("prune: ", a.active ? "deactivate, then " : "",
                                      "authorization_close; rent returned to ", spill));
    } else if (a.active) {
      t.kind = PruneTarget::Kind::kDeactivateAuthorization;
      c->notes.push_back(
          may_close
              ? absl::StrCat("prune: deactivate only; it has ", a.delegates.size(),
                             " delegate(s), so authorization_close is allowed 30 days after "
                             "deactivation (run --prune=close again then)")
              : "prune: deactivate (authorization_grantor_update(active=false)); the account "
                "and its rent stay (--prune=close closes it)");
    } else {
      c->notes.push_back(
          may_close
              ? absl::StrCat("prune: inactive with ", a.delegates.size(),
                             " delegate(s): authorization_close is allowed from ",
                             absl::FormatTime(absl::RFC3339_sec,
                                              absl::FromUnixSeconds(a.grantor_update_unix_timestamp +
                                                                    kAuthorizationCloseDelaySeconds),
                                              absl::UTCTimeZone()),
                             "; nothing planned")
              : "prune: already inactive; --prune=close would close it and return its rent");
      return;
    }
    if (a.active) c->fields.push_back(ActiveBecomesFalse(true));
    Delete(std::move(t), c);
  }

  void Run(const UnmanagedRun& run, ResourceChange* c) {
    if (o_.mode == PruneMode::kOff) return;
    if (!psyche::IsHalted(run.coordinator.run_state)) {
      const std::string why = absl::StrCat(
          "prune: not closed: the run is ", RunStateName(run.coordinator.run_state),
          "; free_coordinator needs a halted run (Uninitialized, Paused or Finished). Pause it "
          "(set paused: true in a Run manifest, apply), wait for Paused, then prune");
      c->notes.push_back(why);
      warnings_->push_back(absl::StrCat(c->address, ": ", why.substr(7)));
      return;
    }
    PruneTarget t;
    t.kind = PruneTarget::Kind::kFreeRun;
    t.address = c->address;
    t.account = run.instance_address;
    t.signer = run.instance.main_authority;
    t.coordinator_account = run.instance.coordinator_account;
    c->notes.push_back(absl::StrCat(
        "prune: free_coordinator closes the instance and the coordinator account ",
        run.instance.coordinator_account.ToBase58(), "; rent returned to ",
        d_.prune_rent_recipient.ToBase58()));
    Delete(std::move(t), c);
  }

  absl::StatusOr<std::vector<PruneTarget>> Finish() {
    if (!refused_.empty()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "refusing to prune protected resources (protect: true): ", absl::StrJoin(refused_, ", "),
          ". Restore their manifests, or set protect: false in them and plan once before "
          "removing them"));
    }
    if (o_.max_destroy && targets_.size() > *o_.max_destroy) {
      return absl::FailedPreconditionError(
          absl::StrCat("--max-destroy ", *o_.max_destroy, ": the plan would delete ",
                       targets_.size(), " resource(s); refusing. Nothing was sent"));
    }
    return std::move(targets_);
  }

 private:
  void Delete(PruneTarget t, ResourceChange* c) {
    if (o_.protected_accounts.count(t.account)) {
      refused_.push_back(c->address);
      return;
    }
    c->action = Action::kDelete;
    targets_.push_back(std::move(t));
  }

  const PruneOptions& o_;
  const DesiredResources& d_;
  std::vector<std::string>* warnings_;
  int64_t now_ = 0;
  std::vector<PruneTarget> targets_;
  std::vector<std::string> refused_;
};

}  // namespace

absl::StatusOr<PruneMode> ParsePruneMode(absl::string_view text) {
  if (text.empty() || text == "off") return PruneMode::kOff;
  if (text == "deactivate") return PruneMode::kDeactivate;
  if (text == "close") return PruneMode::kClose;
  return absl::InvalidArgumentError(
      absl::StrCat("--prune takes no value, or \"close\" (got \"", text, "\")"));
}

absl::StatusOr<std::vector<PruneTarget>> PlanPrune(const PruneOptions& options,
                                                   const DesiredResources& desired,
                                                   const ObservedState& observed,
                                                   std::vector<ResourceChange>* changes,
                                                   std::vector<std::string>* warnings) {
  if (options.mode == PruneMode::kOff) return std::vector<PruneTarget>{};
  if (desired.runs.empty() && desired.authorizations.empty()) {
    return absl::FailedPreconditionError(
        "--prune with no Run or Authorization manifest would delete everything the managed keys "
        "own; an empty manifest set never prunes. Check the PATHs given");
  }
  std::map<std::string, ResourceChange*> by_address;
  for (ResourceChange& c : *changes) {
    if (c.action == Action::kRead) by_address[c.address] = &c;
  }
  Pruner p(options, desired, warnings);
  for (const auto& [pda, address] : UnmanagedAuthorizations(desired, observed)) {
    auto it = by_address.find(address);
    if (it == by_address.end()) return absl::InternalError(address + ": no change to prune");
    p.Authorization(pda, observed.authorizations.at(pda), it->second);
  }
  for (const UnmanagedRun& run : observed.unmanaged_runs) {
    auto it = by_address.find(UnmanagedRunAddress(run.instance.run_id));
    if (it == by_address.end()) return absl::InternalError("unmanaged run: no change to prune");
    p.Run(run, it->second);
  }
  return p.Finish();
}

}  // namespace reconciler
