// psyche-localnet in one object: ledger + slot clock + faults + JSON-RPC
// handler. This is the embedded mode (a Cluster manifest with `local`) and the
// core of the daemon.
#ifndef LOCALNET_LOCAL_VALIDATOR_H_
#define LOCALNET_LOCAL_VALIDATOR_H_

#include <chrono>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "localnet/faults.h"
#include "localnet/ledger.h"
#include "localnet/persistence.h"
#include "localnet/rpc_server.h"
#include "localnet/slot_clock.h"

namespace localnet {

struct LocalValidatorOptions {
  LedgerOptions ledger;
  // 0 = no clock thread (tests drive Tick themselves).
  std::chrono::milliseconds slot_interval{400};
  std::vector<SeedAccount> seed_accounts;  // written at start (dumps, fixtures)
  RpcServerOptions rpc;
};

class LocalValidator {
 public:
  static absl::StatusOr<std::unique_ptr<LocalValidator>> Start(LocalValidatorOptions options);
  ~LocalValidator();

  // The JSON-RPC endpoint, in-process. The `localnet_restart` method is
  // handled here: it reopens the ledger from its directory like a crash.
  HttpReply Handle(absl::string_view body);

  // Reopens the ledger from disk; `clean` checkpoints first, otherwise it is
  // a crash (only what the WAL holds survives). In-memory ledgers refuse.
  absl::Status Restart(bool clean);

  Ledger& ledger() { return *ledger_; }
  Faults& faults() { return faults_; }

 private:
  absl::Status OpenLedger();
  void StartClock();

  LocalValidatorOptions options_;
  std::shared_mutex restart_mu_;  // requests share it; Restart takes it exclusively
  std::unique_ptr<Ledger> ledger_;
  Faults faults_;
  std::unique_ptr<RpcServer> rpc_;
  std::unique_ptr<SlotClock> clock_;

 public:
  // For make_unique; use Start().
  struct Token {};
  LocalValidator(Token, LocalValidatorOptions options) : options_(std::move(options)) {}
};

}  // namespace localnet

#endif  // LOCALNET_LOCAL_VALIDATOR_H_
