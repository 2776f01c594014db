// Native programs of the local ledger, keyed by program id. Builtins (System,
// Compute Budget) register here; the Psyche program emulations will too.
#ifndef LOCALNET_PROGRAM_REGISTRY_H_
#define LOCALNET_PROGRAM_REGISTRY_H_

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "localnet/accounts_db.h"
#include "localnet/tx_error.h"

namespace localnet {

// One account of a transaction as loaded for execution.
struct TxAccount {
  Pubkey key;
  Account account;
  bool is_signer = false;
  bool is_writable = false;
};

// Ledger facts a program may read (the Clock sysvar's content).
struct ExecEnv {
  ExecEnv() = default;
  ExecEnv(uint64_t slot_in, int64_t unix_timestamp_in, solana::Hash blockhash_in = {},
          uint64_t lamports_per_signature_in = 5000)
      : slot(slot_in),
        unix_timestamp(unix_timestamp_in),
        blockhash(blockhash_in),
        lamports_per_signature(lamports_per_signature_in) {}

  uint64_t slot = 0;
  int64_t unix_timestamp = 0;
  solana::Hash blockhash;  // of the block being built: durable nonces derive from it
  uint64_t lamports_per_signature = 5000;
};

// nullopt = success.
using InstructionResult = std::optional<InstructionError>;
inline InstructionResult Success() { return std::nullopt; }

// What a native program sees during one invocation.
class InvokeContext {
 public:
  InvokeContext(const Pubkey& program_id, std::vector<TxAccount*> accounts, ByteView data,
                const ExecEnv& env, std::vector<std::string>* logs)
      : program_id_(program_id),
        accounts_(std::move(accounts)),
        data_(data),
        env_(env),
        logs_(logs) {}

  const Pubkey& program_id() const { return program_id_; }
  ByteView data() const { return data_; }
  const ExecEnv& env() const { return env_; }
  size_t num_accounts() const { return accounts_.size(); }
  // Instruction account i (may alias another index); check num_accounts() first.
  TxAccount& account(size_t i) { return *accounts_[i]; }
  // A builtin's raw log line (the runtime's ic_msg!), e.g. "Transfer: insufficient lamports".
  void LogRaw(std::string line) { logs_->push_back(std::move(line)); }
  // A program's msg!: "Program log: <text>".
  void Log(absl::string_view text) { logs_->push_back(absl::StrCat("Program log: ", text)); }
  std::vector<std::string>* logs() const { return logs_; }

  // An emulated CPI (e.g. the System Program creating an account for an Anchor `init`) has just
  // returned: as the runtime does, the caller's pre-state of `account` becomes its value now, so
  // the caller's own later changes are still verified against the usual rules.
  void NoteCpiChanged(const TxAccount* account) {
    cpi_changed_.push_back({account, account->account});
  }
  struct CpiSnapshot {
    const TxAccount* account;
    Account state;
  };
  const std::vector<CpiSnapshot>& cpi_changed() const { return cpi_changed_; }

 private:
  Pubkey program_id_;
  std::vector<TxAccount*> accounts_;
  ByteView data_;
  ExecEnv env_;
  std::vector<std::string>* logs_;
  std::vector<CpiSnapshot> cpi_changed_;
};

class NativeProgram {
 public:
  virtual ~NativeProgram() = default;
  virtual InstructionResult Process(InvokeContext& ctx) const = 0;
  // Compute units one invocation consumes (the runtime's builtins: 150).
  virtual uint64_t ComputeUnits() const { return 150; }
  // Builtins count 3,000 CU toward the default limit, other programs 200,000
  // (SIMD-0170), and log no "consumed" line.
  virtual bool IsBuiltin() const { return true; }
  // True for emulations that make cross-program invocations (the ATA program):
  // InvokeNested (cpi.h) checks each inner call's changes against its callee,
  // as the runtime does, so the executor skips its whole-instruction check.
  virtual bool EmulatesCpi() const { return false; }
};

class ProgramRegistry {
 public:
  // System and Compute Budget.
  static ProgramRegistry WithBuiltins();

  void Register(const Pubkey& id, std::unique_ptr<NativeProgram> program);
  const NativeProgram* Find(const Pubkey& id) const;
  std::vector<Pubkey> ProgramIds() const;

 private:
  std::unordered_map<Pubkey, std::unique_ptr<NativeProgram>, PubkeyHasher> programs_;
};

}  // namespace localnet

#endif  // LOCALNET_PROGRAM_REGISTRY_H_
