// txgen: prints, as JSON, signed legacy transactions built by our C++ code
// (message compiler, signer, System / Compute Budget / SPL Token / ATA
// builders) for conformance.test.mjs to execute inside LiteSVM.
//
// Usage: txgen --blockhash <base58> [--seed <0..255>]
// Keypair k has the 32 seed bytes seed+32k, seed+32k+1, ... (mod 256), so
// --seed 1 makes the payer the spec's test key K1.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "providers/psyche/rent.h"
#include "providers/psyche/spl_token.h"
#include "providers/solana/base58.h"
#include "providers/solana/compute_budget.h"
#include "providers/solana/keypair.h"
#include "providers/solana/pda.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"
#include "providers/solana/transaction.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace {

using solana::Instruction;
using solana::Keypair;
using solana::Pubkey;

// Amounts the Node test checks against; keep in sync with conformance.test.mjs.
constexpr uint64_t kTransferLamports = 1'000'000;
constexpr uint64_t kCreatedAccountSpace = 16;
constexpr uint64_t kBudgetTransferLamports = 5'000;
constexpr uint32_t kComputeUnitLimit = 200'000;
constexpr uint64_t kComputeUnitPrice = 10'000;  // micro-lamports per CU
constexpr uint8_t kMintDecimals = 6;
constexpr const char* kMintToUi = "12.5";  // -> 12,500,000 base units
constexpr const char* kCheckedUi = "2.5";  // -> 2,500,000
constexpr uint64_t kPlainTransferUnits = 1'000'000;

struct Args {
  std::string blockhash;
  int seed = 1;
};

bool ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--blockhash") {
      args->blockhash = argv[i + 1];
    } else if (flag == "--seed") {
      if (!absl::SimpleAtoi(argv[i + 1], &args->seed) || args->seed < 0 || args->seed > 255) {
        return false;
      }
    } else {
      return false;
    }
  }
  return (argc % 2) == 1 && !args->blockhash.empty();
}

Keypair DeterministicKeypair(int seed, int k) {
  std::array<uint8_t, 32> bytes;
  for (size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = static_cast<uint8_t>(seed + 32 * k + static_cast<int>(i));
  }
  return Keypair::FromSeed(bytes).value();  // 32 bytes: cannot fail
}

class Output {
 public:
  explicit Output(rapidjson::Writer<rapidjson::StringBuffer>* w) : w_(w) {}

  // Compiles and signs; on failure prints the error and marks the run failed.
  void Add(const std::string& name, const Pubkey& payer, const std::vector<Instruction>& ixs,
           const solana::Hash& blockhash, std::vector<const Keypair*> signers,
           bool tamper = false) {
    auto tx = solana::CompileAndSign(payer, ixs, blockhash, signers);
    if (!tx.ok()) {
      std::fprintf(stderr, "txgen: %s: %s\n", name.c_str(), tx.status().ToString().c_str());
      ok_ = false;
      return;
    }
    if (tamper) tx->signatures[0][10] ^= 0x01;
    const solana::Bytes wire = tx->Serialize();
    w_->StartObject();
    w_->Key("name");
    w_->String(name.c_str());
    w_->Key("signature");
    w_->String(tx->Id().c_str());
    w_->Key("size");
    w_->Uint64(wire.size());
    w_->Key("base64");
    w_->String(absl::Base64Escape(
                   absl::string_view(reinterpret_cast<const char*>(wire.data()), wire.size()))
                   .c_str());
    w_->EndObject();
  }
  bool ok() const { return ok_; }

 private:
  rapidjson::Writer<rapidjson::StringBuffer>* w_;
  bool ok_ = true;
};

void Key(rapidjson::Writer<rapidjson::StringBuffer>& w, const char* name, const Pubkey& key) {
  w.Key(name);
  w.String(key.ToBase58().c_str());
}

int Run(const Args& args) {
  auto blockhash_bytes = solana::Base58Decode(args.blockhash);
  if (!blockhash_bytes.ok() || blockhash_bytes->size() != 32) {
    std::fprintf(stderr, "txgen: --blockhash must be 32 bytes in base58\n");
    return 2;
  }
  const solana::Hash blockhash = solana::Pubkey::FromBytes(*blockhash_bytes).value();

  const Keypair payer = DeterministicKeypair(args.seed, 0);
  const Keypair recipient = DeterministicKeypair(args.seed, 1);
  const Keypair created = DeterministicKeypair(args.seed, 2);
  const Keypair mint = DeterministicKeypair(args.seed, 3);
  const Keypair mint2 = DeterministicKeypair(args.seed, 4);
  const Pubkey& p = payer.pubkey();
  const Pubkey payer_ata = solana::AssociatedTokenAddress(p, mint.pubkey());
  const Pubkey recipient_ata = solana::AssociatedTokenAddress(recipient.pubkey(), mint.pubkey());

  auto mint_to_units = psyche::UiAmountToBaseUnits(kMintToUi, kMintDecimals);
  auto checked_units = psyche::UiAmountToBaseUnits(kCheckedUi, kMintDecimals);
  if (!mint_to_units.ok() || !checked_units.ok()) return 2;

  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  Key(w, "payer", p);
  Key(w, "recipient", recipient.pubkey());
  Key(w, "created", created.pubkey());
  Key(w, "mint", mint.pubkey());
  Key(w, "mint2", mint2.pubkey());
  Key(w, "payer_ata", payer_ata);
  Key(w, "recipient_ata", recipient_ata);
  w.Key("transactions");
  w.StartArray();
  Output out(&w);
  namespace sys = solana::system_program;
  namespace cb = solana::compute_budget;

  out.Add("system_transfer", p, {sys::Transfer(p, recipient.pubkey(), kTransferLamports)},
          blockhash, {&payer});
  out.Add("create_account", p,
          {sys::CreateAccount(p, created.pubkey(), psyche::RentExemptMinimum(kCreatedAccountSpace),
                              kCreatedAccountSpace, solana::program_ids::System())},
          blockhash, {&payer, &created});
  out.Add("compute_budget_transfer", p,
          {cb::SetComputeUnitLimit(kComputeUnitLimit), cb::SetComputeUnitPrice(kComputeUnitPrice),
           sys::Transfer(p, recipient.pubkey(), kBudgetTransferLamports)},
          blockhash, {&payer});
  out.Add("initialize_mint", p,
          {sys::CreateAccount(p, mint.pubkey(), psyche::RentExemptMinimum(psyche::kMintSize),
                              psyche::kMintSize, solana::program_ids::Token()),
           psyche::TokenInitializeMint(mint.pubkey(), kMintDecimals, p, std::nullopt)},
          blockhash, {&payer, &mint});
  out.Add("initialize_mint2", p,
          {sys::CreateAccount(p, mint2.pubkey(), psyche::RentExemptMinimum(psyche::kMintSize),
                              psyche::kMintSize, solana::program_ids::Token()),
           psyche::TokenInitializeMint2(mint2.pubkey(), 0, p, p)},
          blockhash, {&payer, &mint2});
  out.Add("ata_create_idempotent", p,
          {psyche::AtaCreateIdempotent(p, p, mint.pubkey()),
           psyche::AtaCreateIdempotent(p, recipient.pubkey(), mint.pubkey())},
          blockhash, {&payer});
  out.Add("mint_to", p, {psyche::TokenMintTo(mint.pubkey(), payer_ata, p, *mint_to_units)},
          blockhash, {&payer});
  out.Add("transfer_checked", p,
          {psyche::TokenTransferChecked(payer_ata, mint.pubkey(), recipient_ata, p, *checked_units,
                                        kMintDecimals)},
          blockhash, {&payer});
  // Idempotent create of an existing ATA succeeds and changes nothing.
  out.Add("ata_create_idempotent_existing", p, {psyche::AtaCreateIdempotent(p, p, mint.pubkey())},
          blockhash, {&payer});
  out.Add("token_transfer", p,
          {psyche::TokenTransfer(payer_ata, recipient_ata, p, kPlainTransferUnits)}, blockhash,
          {&payer});
  out.Add("transfer_checked_wrong_decimals", p,
          {psyche::TokenTransferChecked(payer_ata, mint.pubkey(), recipient_ata, p, 1,
                                        kMintDecimals + 1)},
          blockhash, {&payer});
  out.Add("tampered_signature", p, {sys::Transfer(p, recipient.pubkey(), 1)}, blockhash, {&payer},
          /*tamper=*/true);
  w.EndArray();
  w.EndObject();
  if (!out.ok()) return 1;
  std::printf("%s\n", buffer.GetString());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::fprintf(stderr, "usage: txgen --blockhash <base58> [--seed <0..255>]\n");
    return 2;
  }
  return Run(args);
}
