// The project's RPC client (providers/solana/rpc_client) against
// psyche-localnet in-process: the shapes one side writes the other must read.
#include <gtest/gtest.h>

#include "localnet/in_process_transport.h"
#include "localnet/local_validator.h"
#include "providers/solana/rpc_client.h"
#include "providers/solana/rpc_error.h"
#include "providers/solana/system_program.h"
#include "providers/solana/transaction.h"

namespace localnet {
namespace {

using solana::Commitment;

class ClientCompatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LocalValidatorOptions o;
    o.slot_interval = std::chrono::milliseconds(0);
    validator = std::move(*LocalValidator::Start(o));
    solana::ChannelOptions co;
    co.sleep = [](absl::Duration) {};
    co.retry.max_attempts = 1;
    client = std::make_unique<solana::RpcClient>(
        "http://embedded", std::make_shared<InProcessTransport>(validator.get()), co);
    payer.emplace(solana::Keypair::Generate());
  }
  solana::Bytes SignedTransfer(const Pubkey& to, uint64_t lamports, const solana::Hash& bh) {
    auto ix = solana::system_program::Transfer(payer->pubkey(), to, lamports);
    const solana::Keypair* signers[] = {&*payer};
    auto tx = solana::CompileAndSign(payer->pubkey(), {ix}, bh, signers);
    EXPECT_TRUE(tx.ok()) << tx.status();
    return tx->Serialize();
  }

  std::unique_ptr<LocalValidator> validator;
  std::unique_ptr<solana::RpcClient> client;
  std::optional<solana::Keypair> payer;
};

TEST_F(ClientCompatTest, FullTransferCycle) {
  ASSERT_TRUE(client->GetHealth().ok());
  auto version = client->GetVersion();
  ASSERT_TRUE(version.ok()) << version.status();
  auto genesis = client->GetGenesisHash();
  ASSERT_TRUE(genesis.ok());
  EXPECT_EQ(*genesis, validator->ledger().genesis_hash());

  auto airdrop = client->RequestAirdrop(payer->pubkey(), 5'000'000'000, Commitment::kConfirmed);
  ASSERT_TRUE(airdrop.ok()) << airdrop.status();
  auto balance = client->GetBalance(payer->pubkey(), Commitment::kProcessed);
  ASSERT_TRUE(balance.ok());
  EXPECT_EQ(balance->value, 5'000'000'000u);

  auto bh = client->GetLatestBlockhash(Commitment::kConfirmed);
  ASSERT_TRUE(bh.ok()) << bh.status();
  Pubkey to = solana::Keypair::Generate().pubkey();
  solana::Bytes tx = SignedTransfer(to, 1'000'000, bh->value.blockhash);
  auto fee = client->GetFeeForMessage(solana::ByteView(tx).subspan(65), Commitment::kConfirmed);
  ASSERT_TRUE(fee.ok()) << fee.status();
  EXPECT_EQ(fee->value, 5000u);
  auto sim = client->SimulateTransaction(tx, {});
  ASSERT_TRUE(sim.ok()) << sim.status();
  EXPECT_FALSE(sim->value.err.has_value());
  EXPECT_EQ(sim->value.units_consumed, 150u);

  solana::SendOptions so;
  so.preflight_commitment = Commitment::kConfirmed;
  so.min_context_slot = bh->context_slot;
  auto sig = client->SendTransaction(tx, so);
  ASSERT_TRUE(sig.ok()) << sig.status();
  ASSERT_TRUE(validator->ledger().Tick(1).ok());
  auto st = client->GetSignatureStatuses({*sig}, true);
  ASSERT_TRUE(st.ok()) << st.status();
  ASSERT_TRUE(st->value[0].has_value());
  EXPECT_EQ(st->value[0]->confirmation_status, Commitment::kConfirmed);
  auto info = client->GetTransaction(*sig, Commitment::kConfirmed);
  ASSERT_TRUE(info.ok()) << info.status();
  ASSERT_TRUE(info->has_value());
  EXPECT_EQ((*info)->fee, 5000u);
  EXPECT_EQ((*info)->log_messages.size(), 2u);

  auto accounts =
      client->GetMultipleAccounts({payer->pubkey(), to, Pubkey()}, Commitment::kConfirmed);
  ASSERT_TRUE(accounts.ok()) << accounts.status();
  ASSERT_EQ(accounts->value.size(), 3u);
  EXPECT_EQ(accounts->value[1]->lamports, 1'000'000u);
  EXPECT_TRUE(accounts->value[2]->executable);  // the System Program

  // Same bytes again: a -32002 preflight failure carrying AlreadyProcessed.
  auto again = client->SendTransaction(tx, so);
  ASSERT_FALSE(again.ok());
  auto pf = solana::GetPreflightFailure(again.status());
  ASSERT_TRUE(pf.has_value()) << again.status();
  ASSERT_TRUE(pf->err.has_value());
  EXPECT_EQ(pf->err->kind, solana::TransactionErrorKind::kAlreadyProcessed);
}

TEST_F(ClientCompatTest, ErrorsAndFaultsAsTheClientSeesThem) {
  ASSERT_TRUE(client->RequestAirdrop(payer->pubkey(), 5'000'000'000, Commitment::kConfirmed).ok());
  auto bh = client->GetLatestBlockhash(Commitment::kProcessed);
  ASSERT_TRUE(bh.ok());
  // Overdraw: the preflight failure names the instruction and custom code.
  solana::Bytes tx =
      SignedTransfer(solana::Keypair::Generate().pubkey(), 50'000'000'000, bh->value.blockhash);
  auto r = client->SendTransaction(tx, {});
  auto pf = solana::GetPreflightFailure(r.status());
  ASSERT_TRUE(pf.has_value()) << r.status();
  EXPECT_EQ(pf->err->kind, solana::TransactionErrorKind::kInstructionError);
  EXPECT_EQ(pf->err->custom_code, 1u);
  EXPECT_EQ(pf->logs.size(), 3u);

  // A dropped reply: the client sees a transport failure, the transaction lands.
  ASSERT_TRUE(
      validator
          ->Handle(
              R"({"jsonrpc":"2.0","id":1,"method":"localnet_setFaults","params":[{"dropReplies":1}]})")
          .status == 200);
  solana::Bytes ok_tx =
      SignedTransfer(solana::Keypair::Generate().pubkey(), 1'000'000, bh->value.blockhash);
  auto sent = client->SendTransaction(ok_tx, {});
  EXPECT_FALSE(sent.ok());
  auto parsed = solana::Transaction::Parse(ok_tx);
  ASSERT_TRUE(parsed.ok());
  auto st = client->GetSignatureStatuses({parsed->Id()}, true);
  ASSERT_TRUE(st.ok());
  EXPECT_TRUE(st->value[0].has_value());

  // Node unhealthy.
  validator->Handle(
      R"({"jsonrpc":"2.0","id":1,"method":"localnet_setFaults","params":[{"unhealthy":1}]})");
  auto health = client->GetHealth();
  EXPECT_TRUE(solana::GetNodeUnhealthy(health).has_value()) << health;
}

}  // namespace
}  // namespace localnet
