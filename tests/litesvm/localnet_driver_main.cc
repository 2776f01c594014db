// localnet_driver: executes, in an in-process local ledger (System, Compute
// Budget, SPL Token and ATA emulations), the transactions txgen printed (read
// as JSON from stdin) followed by error cases of its own, and prints every
// transaction with its outcome and the resulting accounts as JSON.
// localnet_conformance.test.mjs replays the same bytes in LiteSVM and
// compares balances, account bytes and error kinds.
//
// Usage: txgen --blockhash B --seed S | localnet_driver --blockhash B --seed S
// The ledger's genesis blockhash is B, so txgen's transactions are valid.
#include <array>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "localnet/ledger.h"
#include "localnet/spl_programs.h"
#include "providers/psyche/spl_token.h"
#include "providers/solana/base58.h"
#include "providers/solana/base64.h"
#include "providers/solana/keypair.h"
#include "providers/solana/pda.h"
#include "providers/solana/program_ids.h"
#include "providers/solana/system_program.h"
#include "providers/solana/transaction.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace {

using solana::Instruction;
using solana::Keypair;
using solana::Pubkey;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Keep in sync with conformance.test.mjs (AIRDROP) and txgen_main.cc.
constexpr uint64_t kAirdrop = 10'000'000'000;

Keypair DeterministicKeypair(int seed, int k) {  // txgen's derivation
  std::array<uint8_t, 32> bytes;
  for (size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = static_cast<uint8_t>(seed + 32 * k + static_cast<int>(i));
  }
  return Keypair::FromSeed(bytes).value();
}

struct Labeled {
  std::string label;
  Pubkey key;
};

class Driver {
 public:
  Driver(std::unique_ptr<localnet::Ledger> ledger, std::vector<Labeled> watched, Writer* w)
      : ledger_(std::move(ledger)), watched_(std::move(watched)), w_(w) {}

  // Submits like a node without preflight: a failing transaction lands failed.
  void Run(const std::string& name, const solana::Bytes& wire) {
    localnet::SubmitOptions opts;
    opts.preflight = false;
    auto outcome = ledger_->Submit(wire, opts);
    w_->StartObject();
    w_->Key("name");
    w_->String(name.c_str());
    w_->Key("base64");
    w_->String(solana::Base64Encode(wire).c_str());
    w_->Key("err");
    if (!outcome.ok()) {
      w_->String(("rejected: " + outcome.status().ToString()).c_str());
    } else if (outcome->err) {
      w_->String(outcome->err->Json().c_str());
    } else {
      w_->Null();
    }
    w_->Key("logs");
    w_->StartArray();
    if (outcome.ok()) {
      for (const std::string& line : outcome->logs) w_->String(line.c_str());
    }
    w_->EndArray();
    WriteAccounts();
    w_->EndObject();
    (void)ledger_->Tick();
  }

  void Build(const std::string& name, const Pubkey& payer, const std::vector<Instruction>& ixs,
             const solana::Hash& blockhash, std::vector<const Keypair*> signers) {
    auto tx = solana::CompileAndSign(payer, ixs, blockhash, signers);
    if (!tx.ok()) {
      std::fprintf(stderr, "localnet_driver: %s: %s\n", name.c_str(),
                   tx.status().ToString().c_str());
      ok_ = false;
      return;
    }
    Run(name, tx->Serialize());
  }
  bool ok() const { return ok_; }

 private:
  void WriteAccounts() {
    w_->Key("accounts");
    w_->StartObject();
    std::vector<Pubkey> keys;
    for (const Labeled& l : watched_) keys.push_back(l.key);
    auto accounts = ledger_->GetAccounts(keys);
    for (size_t i = 0; i < watched_.size(); ++i) {
      w_->Key(watched_[i].label.c_str());
      if (!accounts[i]) {
        w_->Null();
        continue;
      }
      w_->StartObject();
      w_->Key("lamports");
      w_->String(std::to_string(accounts[i]->lamports).c_str());
      w_->Key("owner");
      w_->String(accounts[i]->owner.ToBase58().c_str());
      w_->Key("data");
      w_->String(solana::Base64Encode(accounts[i]->data).c_str());
      w_->EndObject();
    }
    w_->EndObject();
  }

  std::unique_ptr<localnet::Ledger> ledger_;
  std::vector<Labeled> watched_;
  Writer* w_;
  bool ok_ = true;
};

int Run(const std::string& blockhash_text, int seed) {
  auto hash_bytes = solana::Base58Decode(blockhash_text);
  if (!hash_bytes.ok() || hash_bytes->size() != 32) {
    std::fprintf(stderr, "localnet_driver: --blockhash must be 32 bytes in base58\n");
    return 2;
  }
  const solana::Hash blockhash = Pubkey::FromBytes(*hash_bytes).value();
  const std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  rapidjson::Document txgen;
  txgen.Parse(input.c_str());
  if (txgen.HasParseError() || !txgen.IsObject() || !txgen.HasMember("transactions") ||
      !txgen["transactions"].IsArray()) {
    std::fprintf(stderr, "localnet_driver: stdin is not txgen's JSON\n");
    return 2;
  }

  const Keypair payer = DeterministicKeypair(seed, 0);
  const Keypair recipient = DeterministicKeypair(seed, 1);
  const Keypair created = DeterministicKeypair(seed, 2);
  const Keypair mint = DeterministicKeypair(seed, 3);
  const Keypair mint2 = DeterministicKeypair(seed, 4);
  const Keypair stranger = DeterministicKeypair(seed, 5);
  const Pubkey& p = payer.pubkey();
  const Pubkey payer_ata = solana::AssociatedTokenAddress(p, mint.pubkey());
  const Pubkey recipient_ata = solana::AssociatedTokenAddress(recipient.pubkey(), mint.pubkey());
  const Pubkey stranger_ata = solana::AssociatedTokenAddress(stranger.pubkey(), mint.pubkey());
  const Pubkey recipient_ata2 = solana::AssociatedTokenAddress(recipient.pubkey(), mint2.pubkey());

  localnet::ProgramRegistry registry = localnet::ProgramRegistry::WithBuiltins();
  localnet::RegisterSplPrograms(registry);
  localnet::LedgerOptions options;
  options.genesis_blockhash = blockhash;
  auto ledger = localnet::Ledger::Open(options, std::move(registry));
  if (!ledger.ok()) {
    std::fprintf(stderr, "localnet_driver: %s\n", ledger.status().ToString().c_str());
    return 1;
  }
  localnet::Account funded;
  funded.lamports = kAirdrop;
  if (!(*ledger)->SetAccount(p, funded).ok()) return 1;

  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("stranger");
  w.String(stranger.pubkey().ToBase58().c_str());
  w.Key("stranger_ata");
  w.String(stranger_ata.ToBase58().c_str());
  w.Key("recipient_ata2");
  w.String(recipient_ata2.ToBase58().c_str());
  w.Key("transactions");
  w.StartArray();
  Driver d(std::move(*ledger),
           {{"payer", p},
            {"recipient", recipient.pubkey()},
            {"created", created.pubkey()},
            {"mint", mint.pubkey()},
            {"mint2", mint2.pubkey()},
            {"payer_ata", payer_ata},
            {"recipient_ata", recipient_ata},
            {"stranger_ata", stranger_ata},
            {"recipient_ata2", recipient_ata2}},
           &w);
  for (const auto& t : txgen["transactions"].GetArray()) {
    auto wire = solana::Base64Decode(t["base64"].GetString());
    if (!wire.ok()) return 2;
    d.Run(t["name"].GetString(), *wire);
  }

  // Error cases and effects txgen does not cover; state continues from above.
  namespace sys = solana::system_program;
  const Pubkey& m = mint.pubkey();
  d.Build("ata_create_existing", p, {psyche::AtaCreate(p, p, m)}, blockhash, {&payer});
  d.Build("token_transfer_insufficient", p,
          {psyche::TokenTransfer(payer_ata, recipient_ata, p, 1'000'000'000'000)}, blockhash,
          {&payer});
  d.Build("token_transfer_wrong_authority", p,
          {psyche::TokenTransfer(payer_ata, recipient_ata, stranger.pubkey(), 1)}, blockhash,
          {&payer, &stranger});
  d.Build("transfer_checked_wrong_mint", p,
          {psyche::TokenTransferChecked(payer_ata, mint2.pubkey(), recipient_ata, p, 1, 0)},
          blockhash, {&payer});
  d.Build("mint_to_wrong_authority", p,
          {psyche::TokenMintTo(m, payer_ata, stranger.pubkey(), 1)}, blockhash,
          {&payer, &stranger});
  d.Build("initialize_mint_again", p, {psyche::TokenInitializeMint2(m, 6, p, std::nullopt)},
          blockhash, {&payer});
  d.Build("mint_then_failing_transfer", p,
          {psyche::TokenMintTo(m, payer_ata, p, 7),
           psyche::TokenTransfer(payer_ata, recipient_ata, p, 1'000'000'000'000)},
          blockhash, {&payer});
  Instruction wrong_address = psyche::AtaCreate(p, stranger.pubkey(), m);
  wrong_address.accounts[1].pubkey = recipient_ata;
  d.Build("ata_wrong_address", p, {wrong_address}, blockhash, {&payer});
  d.Build("prefund_stranger_ata", p, {sys::Transfer(p, stranger_ata, 1'000'000)}, blockhash,
          {&payer});
  d.Build("ata_create_prefunded", p, {psyche::AtaCreateIdempotent(p, stranger.pubkey(), m)},
          blockhash, {&payer});
  d.Build("ata_create_then_create_again", p,
          {psyche::AtaCreate(p, recipient.pubkey(), mint2.pubkey()),
           psyche::AtaCreate(p, recipient.pubkey(), mint2.pubkey())},
          blockhash, {&payer});
  w.EndArray();
  w.EndObject();
  if (!d.ok()) return 1;
  std::printf("%s\n", buffer.GetString());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string blockhash;
  int seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--blockhash") {
      blockhash = argv[i + 1];
    } else if (flag != "--seed" || !absl::SimpleAtoi(argv[i + 1], &seed) || seed < 0 ||
               seed > 255) {
      blockhash.clear();
      break;
    }
  }
  if (blockhash.empty() || argc % 2 == 0) {
    std::fprintf(stderr, "usage: txgen ... | localnet_driver --blockhash <base58> [--seed <0..255>]\n");
    return 2;
  }
  return Run(blockhash, seed);
}
