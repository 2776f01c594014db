// psyche-reconcile explain INPUT: a transaction for reviewers. INPUT is a
// base64 transaction (or message), "-" for one on stdin, a file holding one,
// or a saved plan file (each of its transactions, with the signatures
// collected so far).
// Exit 1 with a clear message for anything that is neither.
#include "reconciler/explain.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "providers/solana/message.h"
#include "reconciler/cli/commands.h"
#include "reconciler/executable_plan.h"
#include "reconciler/exit_code.h"

namespace cli {
namespace {

int Fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return reconciler::kExitError;
}

// The signatures collected for `m`, in its signer slots.
std::vector<solana::Signature> Slots(const solana::Message& m,
                                     const std::vector<reconciler::CollectedSignature>& got) {
  std::vector<solana::Signature> out(m.num_signers());
  for (size_t i = 0; i < out.size() && i < m.account_keys.size(); ++i) {
    for (const auto& c : got) {
      if (c.signer == m.account_keys[i]) out[i] = c.signature;
    }
  }
  return out;
}

int ExplainPlanFile(const std::string& path) {
  auto plan = reconciler::LoadExecutablePlan(path);
  if (!plan.ok()) return Fail(std::string(plan.status().message()));
  const auto& ops = plan->build.plan.operations;
  if (ops.empty()) {
    std::cout << "The plan has no transactions.\n";
    return reconciler::kExitOk;
  }
  std::vector<solana::Message> messages;
  if (plan->uses_nonces()) {
    auto m = reconciler::OfflineMessages(*plan);
    if (!m.ok()) return Fail(std::string(m.status().message()));
    messages = *std::move(m);
  } else {
    for (size_t i = 0; i < ops.size(); ++i) {
      std::vector<solana::Instruction> ixs = plan->transaction_prefix;
      const auto& own = plan->build.instructions[i].instructions;
      ixs.insert(ixs.end(), own.begin(), own.end());
      auto m = solana::CompileLegacyMessage(plan->payer.pubkey, ixs, solana::Hash());
      if (!m.ok()) return Fail(std::string(m.status().message()));
      messages.push_back(*std::move(m));
    }
    std::cout << "(no durable nonces: apply signs each transaction with a recent blockhash; "
                 "the blockhash below is a placeholder)\n";
  }
  for (size_t i = 0; i < messages.size(); ++i) {
    std::cout << "\n== transaction " << i + 1 << " of " << messages.size() << ": " << ops[i].id
              << " (" << ops[i].description << ")\n";
    const auto none = std::vector<reconciler::CollectedSignature>{};
    std::cout << reconciler::ExplainMessage(
        messages[i], Slots(messages[i], i < plan->signatures.size() ? plan->signatures[i] : none));
  }
  return reconciler::kExitOk;
}

// A file holds a plan (JSON) or a base64 transaction.
bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

int RunExplain(const std::string& input) {
  std::error_code ec;
  std::string text = input;
  if (input == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else if (std::filesystem::is_regular_file(input, ec)) {
    if (!ReadFile(input, &text)) return Fail("cannot read " + input);
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '{') return ExplainPlanFile(input);
  }
  auto out = reconciler::ExplainBase64(text);
  if (!out.ok()) return Fail(std::string(out.status().message()));
  std::cout << *out;
  return reconciler::kExitOk;
}

}  // namespace

void RegisterExplain(CLI::App& app) {
  auto* cmd = app.add_subcommand("explain", "Decode a transaction or a saved plan for review");
  auto input = std::make_shared<std::string>();
  cmd->add_option("INPUT", *input, "Base64 transaction, - for stdin, or a plan file")->required();
  cmd->callback([input] { SetExitCode(RunExplain(*input)); });
}

}  // namespace cli
