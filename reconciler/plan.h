// A plan is plain data: what differs between the manifests and the chain, the
// ordered operations that fix it, and the state the plan was computed against.
// Planning fills it in; rendering (render_*.h) and saving (planfile.h) only
// read it.
#ifndef RECONCILER_PLAN_H_
#define RECONCILER_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "providers/solana/pubkey.h"
#include "reconciler/action.h"
#include "reconciler/plan_value.h"

namespace reconciler {

inline constexpr char kPlanFormatVersion[] = "1";

// One field of one resource. before is the observed (chain) value, after the
// desired (manifest) value; null means absent.
struct FieldChange {
  std::string path;  // dotted, e.g. "config.min_clients"
  Value before;
  Value after;
  bool sensitive = false;         // values are never rendered or saved
  bool computed = false;          // after is only known once applied
  bool ignored = false;           // changes by itself (step, epoch, ...): never drift
  bool requires_replace = false;  // cannot change in place

  bool operator==(const FieldChange&) const = default;
};

// Treasury funding: the plan shows the target, what was observed, and the exact
// top-up (target - observed, zero if already at or above target).
struct TreasuryTopUp {
  solana::Pubkey mint;
  uint64_t target = 0;
  uint64_t observed = 0;

  uint64_t amount() const { return target > observed ? target - observed : 0; }
  bool operator==(const TreasuryTopUp&) const = default;
};

struct ResourceChange {
  std::string address;  // "run.my-run", "authorization.my-run-joiners[<grantee>]"
  std::string kind;     // "run", "authorization", "treasury", ...
  Action action = Action::kNoOp;
  std::vector<FieldChange> fields;
  std::vector<std::string> notes;  // e.g. "deferred pause: run is training"
  std::optional<TreasuryTopUp> top_up;

  bool operator==(const ResourceChange&) const = default;
};

// One step of apply. Operations are listed in execution order; depends_on
// names earlier operations only.
struct Operation {
  std::string id;
  std::string address;  // the resource it acts on
  std::string description;
  std::vector<std::string> depends_on;
  uint32_t instruction_count = 0;
  std::vector<solana::Pubkey> signers;
  uint64_t fee_lamports = 0;  // estimated

  bool operator==(const Operation&) const = default;
};

struct TransactionPlan {
  std::vector<std::string> operation_ids;
  uint32_t size_bytes = 0;
  uint64_t fee_lamports = 0;  // estimated

  bool operator==(const TransactionPlan&) const = default;
};

// An account as read while planning; apply re-reads it and refuses the plan
// if it changed. exists=false records that the account was absent.
struct Precondition {
  solana::Pubkey address;
  bool exists = true;
  uint64_t slot = 0;
  uint64_t lamports = 0;
  solana::Pubkey owner;
  solana::Hash data_sha256;

  bool operator==(const Precondition&) const = default;
};

struct PlanSummary {
  int add = 0;      // create + replace
  int change = 0;   // update
  int destroy = 0;  // delete + replace
  int read = 0;
  int no_op = 0;

  bool has_changes() const { return add + change + destroy > 0; }
  bool operator==(const PlanSummary&) const = default;
};

struct Plan {
  std::string format_version = kPlanFormatVersion;
  std::string cluster;
  solana::Hash manifests_hash;  // sha256 over the manifests the plan was made from
  std::vector<ResourceChange> changes;
  std::vector<Operation> operations;
  std::vector<TransactionPlan> transactions;
  std::vector<Precondition> preconditions;
  std::vector<std::string> warnings;

  PlanSummary Summary() const;
  uint64_t TotalFeeLamports() const;  // sum over transactions
  bool operator==(const Plan&) const = default;
};

// Structural checks: unique operation ids, dependencies on earlier operations
// only, transactions naming known operations, no sensitive value present,
// no string that looks like a secret key.
absl::Status ValidatePlan(const Plan& plan);

}  // namespace reconciler

#endif  // RECONCILER_PLAN_H_
