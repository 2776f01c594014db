#include "reconciler/nonce_accounts.h"

#include "absl/strings/str_cat.h"
#include "providers/solana/system_program.h"

namespace reconciler {

std::vector<ApplyStep> NonceCreationSteps(const solana::Pubkey& payer,
                                          const solana::Pubkey& authority,
                                          absl::Span<const solana::Pubkey> accounts,
                                          uint64_t lamports) {
  std::vector<ApplyStep> steps;
  for (const solana::Pubkey& account : accounts) {
    ApplyStep step;
    step.id = absl::StrCat("nonce-create:", account.ToBase58());
    step.description = absl::StrCat("create nonce account ", account.ToBase58(), " (authority ",
                                    authority.ToBase58(), ")");
    step.instructions =
        solana::system_program::CreateNonceAccount(payer, account, authority, lamports);
    steps.push_back(std::move(step));
  }
  return steps;
}

std::string NonceAccountList(absl::Span<const solana::Pubkey> accounts) {
  std::string out;
  for (const solana::Pubkey& k : accounts) {
    if (!out.empty()) out += ",";
    out += k.ToBase58();
  }
  return out;
}

}  // namespace reconciler
