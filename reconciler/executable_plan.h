// Executable plan files (`plan --out FILE`, format_version "2"): the plan JSON
// of render_json.h plus what apply needs to run it without the manifests
// (`execution`: instructions, payer, cluster, signer key references, new
// account keys, durable nonces) and the signatures collected by `sign`.
// Never secret bytes: signers are key references ("file:PATH", "env:VAR" or a
// bare pubkey) and new accounts' secrets stay in the state directory.
// Loading is strict and gives back a PlanBuild for PlanSteps / RunApply.
#ifndef RECONCILER_EXECUTABLE_PLAN_H_
#define RECONCILER_EXECUTABLE_PLAN_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/instruction.h"
#include "providers/solana/keypair.h"
#include "providers/solana/message.h"
#include "providers/solana/pubkey.h"
#include "reconciler/planner.h"

namespace reconciler {

inline constexpr char kExecutablePlanFormatVersion[] = "2";

// A key the plan's transactions need: its pubkey and where its keypair lives
// ("" when the plan does not know: a reviewer passes it to `sign --key`).
struct SignerRef {
  solana::Pubkey pubkey;
  std::string key_ref;  // "file:/abs/path.json", "env:VAR" or ""

  bool operator==(const SignerRef&) const = default;
};

// An account apply creates; its keypair was saved under `label` in the state
// directory when the plan was made (new_account_keys.h).
struct NewAccount {
  solana::Pubkey pubkey;
  std::string label;  // "coordinator-<run id>"

  bool operator==(const NewAccount&) const = default;
};

// The durable nonce one transaction uses (spec solana-wire 7.3): the
// transaction starts with AdvanceNonceAccount(account, authority) and carries
// `value` as its recent blockhash.
struct NonceUse {
  solana::Pubkey account;
  solana::Pubkey authority;
  solana::Hash value;

  bool operator==(const NonceUse&) const = default;
};

struct CollectedSignature {
  solana::Pubkey signer;
  solana::Signature signature;

  bool operator==(const CollectedSignature&) const = default;
};

struct ExecutablePlan {
  // plan, instructions (new account keys already in place, no placeholders)
  // and the packed transactions.
  PlanBuild build;
  std::vector<solana::Instruction> transaction_prefix;  // e.g. a compute unit price
  std::string rpc_url;                                  // "local" or http(s)
  std::string commitment = "confirmed";
  solana::Hash genesis_hash;
  std::string state_dir;  // absolute: journals, new account keys, the local ledger
  SignerRef payer;
  std::vector<SignerRef> signers;  // every other key an instruction needs, by pubkey
  std::vector<std::vector<NewAccount>> new_accounts;  // parallel to plan.operations
  std::vector<NonceUse> nonces;  // empty, or one per operation (one transaction each)
  // Parallel to OfflineMessages(): the signatures collected so far.
  std::vector<std::vector<CollectedSignature>> signatures;

  bool uses_nonces() const { return !nonces.empty(); }
};

absl::StatusOr<std::string> RenderExecutablePlan(const ExecutablePlan& plan);
absl::StatusOr<ExecutablePlan> ParseExecutablePlan(absl::string_view json);
// Validates, then writes atomically (temporary file and rename).
absl::Status SaveExecutablePlan(const ExecutablePlan& plan, const std::string& path);
absl::StatusOr<ExecutablePlan> LoadExecutablePlan(const std::string& path);

// Swaps each placeholder of `build` for the key of `replacements` in the
// instructions (operations' and packed transactions'), and operation signers.
void FixPlaceholders(const std::map<solana::Pubkey, solana::Pubkey>& replacements,
                     PlanBuild* build);

// build->transactions from build->plan.transactions (the planner's packing):
// the prefix, then each listed operation's instructions.
absl::Status RebuildTransactions(const std::vector<solana::Instruction>& prefix,
                                 const solana::Pubkey& payer, PlanBuild* build);

// The transaction messages `sign` and `submit` use: one per operation,
// AdvanceNonceAccount first, the nonce value as blockhash. FailedPrecondition
// when the plan has no nonces.
absl::StatusOr<std::vector<solana::Message>> OfflineMessages(const ExecutablePlan& plan);

}  // namespace reconciler

#endif  // RECONCILER_EXECUTABLE_PLAN_H_
