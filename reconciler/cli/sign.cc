// psyche-reconcile sign PLANFILE --key KEYREF [--key KEYREF...] [--out FILE]:
// adds the signatures of the given keys to a saved plan made with durable
// nonces (plan --out FILE --nonce-account ...). Offline: no network. Prints
// what each transaction still lacks. Exit 1 when a key signs nothing.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "reconciler/cli/commands.h"
#include "reconciler/executable_plan.h"
#include "reconciler/exit_code.h"
#include "reconciler/key_ref.h"
#include "reconciler/offline_signing.h"

namespace cli {
namespace {

struct SignFlags {
  std::string plan_file;
  std::vector<std::string> keys;
  std::string out_file;
};

int Fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return reconciler::kExitError;
}

int RunSign(const SignFlags& f) {
  auto plan = reconciler::LoadExecutablePlan(f.plan_file);
  if (!plan.ok()) return Fail(std::string(plan.status().message()));
  std::vector<solana::Keypair> keypairs;
  for (const std::string& text : f.keys) {
    auto ref = reconciler::ParseKeyRef(text, ".");
    if (!ref.ok()) return Fail(std::string(ref.status().message()));
    if (!ref->is_keypair())
      return Fail("--key " + text + ": a pubkey cannot sign; use file: or env:");
    auto kp = reconciler::LoadKeypair(*ref);
    if (!kp.ok()) return Fail(std::string(kp.status().message()));
    keypairs.push_back(*std::move(kp));
  }
  std::vector<const solana::Keypair*> keys;
  for (const solana::Keypair& kp : keypairs) keys.push_back(&kp);
  auto written = reconciler::AddSignatures(&*plan, keys);
  if (!written.ok()) return Fail(std::string(written.status().message()));
  const std::string out = f.out_file.empty() ? f.plan_file : f.out_file;
  if (absl::Status s = reconciler::SaveExecutablePlan(*plan, out); !s.ok()) {
    return Fail(std::string(s.message()));
  }
  std::cout << "Signed " << *written << " transaction(s) into " << out << ".\n";
  auto missing = reconciler::MissingSignatures(*plan);
  if (!missing.ok()) return Fail(std::string(missing.status().message()));
  size_t complete = 0;
  for (size_t t = 0; t < missing->size(); ++t) {
    if ((*missing)[t].empty()) {
      ++complete;
      continue;
    }
    std::cout << "  transaction " << t << " (" << plan->build.plan.operations[t].id
              << ") still needs:";
    for (const solana::Pubkey& k : (*missing)[t]) std::cout << " " << k.ToBase58();
    std::cout << "\n";
  }
  std::cout << complete << " of " << missing->size() << " transaction(s) fully signed"
            << (complete == missing->size() ? ": ready for `psyche-reconcile submit`.\n" : ".\n");
  return reconciler::kExitOk;
}

}  // namespace

void RegisterSign(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("sign", "Add signatures to a saved plan (offline, durable nonces)");
  auto flags = std::make_shared<SignFlags>();
  cmd->add_option("PLANFILE", flags->plan_file, "Plan file from plan --out --nonce-account")
      ->required();
  cmd->add_option("--key", flags->keys, "Key to sign with: file:PATH or env:VAR (repeatable)")
      ->required();
  cmd->add_option("--out", flags->out_file, "Write the signed plan here (default: in place)");
  cmd->callback([flags] { SetExitCode(RunSign(*flags)); });
}

}  // namespace cli
