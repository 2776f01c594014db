// psyche-localnet: a Solana-compatible local ledger served over JSON-RPC on
// 127.0.0.1. Usage: psyche-localnet --port 8899 --ledger DIR [--slot-ms 400]
//   [--account ADDRESS FILE.json]... [--faults JSON]
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "localnet/http_daemon.h"
#include "localnet/local_validator.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"psyche-localnet: a Solana-compatible local ledger"};
  int port = 8899;
  std::string ledger_dir;
  int slot_ms = 400;
  uint64_t confirm_depth = 1, finalize_depth = 32;
  std::vector<std::string> accounts;
  std::string faults_json;
  app.add_option("--port", port, "RPC port on 127.0.0.1 (0 = any)");
  app.add_option("--ledger", ledger_dir, "ledger directory (empty = in memory)");
  app.add_option("--slot-ms", slot_ms, "milliseconds per block (0 = only localnet_tick)");
  app.add_option("--confirm-depth", confirm_depth, "blocks until confirmed");
  app.add_option("--finalize-depth", finalize_depth, "blocks until finalized");
  app.add_option("--account", accounts,
                 "seed an account from a `solana account --output json` dump: ADDRESS FILE")
      ->expected(2)
      ->take_all();
  app.add_option("--faults", faults_json,
                 "initial faults, the localnet_setFaults object, e.g. {\"http429\":3}");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  localnet::LocalValidatorOptions opts;
  opts.ledger.dir = ledger_dir;
  opts.ledger.confirm_depth = confirm_depth;
  opts.ledger.finalize_depth = finalize_depth;
  opts.slot_interval = std::chrono::milliseconds(slot_ms);
  for (size_t i = 0; i + 1 < accounts.size(); i += 2) {
    auto bytes = localnet::ReadWholeFile(accounts[i + 1]);
    if (!bytes.ok()) {
      std::fprintf(stderr, "psyche-localnet: %s\n", bytes.status().ToString().c_str());
      return 1;
    }
    auto seed = localnet::ParseAccountDumpJson(
        absl::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
    if (!seed.ok()) {
      std::fprintf(stderr, "psyche-localnet: %s: %s\n", accounts[i + 1].c_str(),
                   seed.status().ToString().c_str());
      return 1;
    }
    auto addr = solana::Pubkey::FromBase58(accounts[i]);
    if (!addr.ok()) {
      std::fprintf(stderr, "psyche-localnet: bad address %s\n", accounts[i].c_str());
      return 1;
    }
    seed->address = *addr;
    opts.seed_accounts.push_back(*seed);
  }
  auto validator = localnet::LocalValidator::Start(opts);
  if (!validator.ok()) {
    std::fprintf(stderr, "psyche-localnet: %s\n", validator.status().ToString().c_str());
    return 1;
  }
  if (!faults_json.empty()) {
    localnet::HttpReply r =
        (*validator)
            ->Handle(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"localnet_setFaults\",\"params\":[" +
                faults_json + "]}");
    if (r.body.find("\"result\":true") == std::string::npos) {
      std::fprintf(stderr, "psyche-localnet: bad --faults: %s\n", r.body.c_str());
      return 1;
    }
  }
  localnet::HttpDaemon daemon(validator->get());
  if (auto s = daemon.Start(port); !s.ok()) {
    std::fprintf(stderr, "psyche-localnet: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("psyche-localnet listening on http://127.0.0.1:%d (faucet %s, genesis %s)\n",
              daemon.port(), (*validator)->ledger().faucet().ToBase58().c_str(),
              (*validator)->ledger().genesis_hash().ToBase58().c_str());
  std::fflush(stdout);
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  daemon.Stop();
  auto s = (*validator)->ledger().Checkpoint();
  if (!s.ok())
    std::fprintf(stderr, "psyche-localnet: checkpoint failed: %s\n", s.ToString().c_str());
  return 0;
}
