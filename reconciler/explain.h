// `explain`: a signed or unsigned transaction as a reviewer reads it: who
// pays, which blockhash or durable nonce, who signed, and each instruction
// with its program, name, named accounts and decoded arguments (System incl.
// nonces, Compute Budget, SPL Token, Associated Token, Psyche coordinator,
// authorizer and treasurer). Unknown programs and undecodable data are shown
// as raw hex, never guessed.
#ifndef RECONCILER_EXPLAIN_H_
#define RECONCILER_EXPLAIN_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/instruction.h"
#include "providers/solana/message.h"
#include "providers/solana/transaction.h"

namespace reconciler {

struct ExplainedAccount {
  std::string role;  // "funder", "nonce_account", ... or "account[3]"
  solana::Pubkey key;
  bool is_signer = false;
  bool is_writable = false;
};

struct ExplainedInstruction {
  std::string program;  // "System Program", "Psyche Coordinator", or the program id
  std::string name;     // "Transfer", "set_paused", or "(unknown)"
  std::vector<ExplainedAccount> accounts;
  std::vector<std::pair<std::string, std::string>> args;
  std::string raw_hex;  // the data when it was not (fully) decoded
};

ExplainedInstruction ExplainInstruction(const solana::Instruction& ix);

// Text for one transaction; `signatures` may be empty (an unsigned message).
std::string ExplainMessage(const solana::Message& message,
                           const std::vector<solana::Signature>& signatures);

// A base64 transaction (wire format) or bare message. InvalidArgument with
// what is wrong for anything else.
absl::StatusOr<std::string> ExplainBase64(absl::string_view text);

}  // namespace reconciler

#endif  // RECONCILER_EXPLAIN_H_
