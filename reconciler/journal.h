// The apply write-ahead journal (spec solana-wire 7.2 step 2): every signed
// transaction is recorded, fsynced, before it is sent, and every decision
// about it after. A restarted apply reads it to resume the same signatures
// instead of signing new ones. Records are public data (signed transactions),
// never secret keys.
//
// Format: one record per line, "<16 hex digits of SHA-256(json)> <json>\n".
// A torn or damaged last line (a crash mid-append) is dropped on open; damage
// before an intact record is DataLoss.
#ifndef RECONCILER_JOURNAL_H_
#define RECONCILER_JOURNAL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace reconciler {

enum class TxState { kSigned, kSent, kConfirmed, kFailed, kExpired };
absl::string_view TxStateName(TxState state);
std::optional<TxState> ParseTxState(absl::string_view name);

struct JournalRecord {
  std::string step_id;
  std::string signature;         // base58, the transaction's first signature
  std::string signed_tx_base64;  // the exact wire bytes; set in kSigned records
  uint64_t last_valid_block_height = 0;
  TxState state = TxState::kSigned;
  std::string note;  // why (e.g. the decoded error of a failure)

  bool operator==(const JournalRecord&) const = default;
};

// One signed transaction of a step with its latest state.
struct JournaledTransaction {
  std::string signature;
  std::string signed_tx_base64;
  uint64_t last_valid_block_height = 0;
  TxState state = TxState::kSigned;
};

class Journal {
  struct Token {};

 public:
  // Use Open().
  Journal(Token, std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  // `dir`/`name`.journal; names are [A-Za-z0-9_.-]+ and must not start with '.'.
  static absl::StatusOr<std::string> PathFor(const std::string& dir, const std::string& name);
  // Creates `dir` if needed, reads existing records and cuts a torn tail.
  static absl::StatusOr<std::unique_ptr<Journal>> Open(const std::string& dir,
                                                       const std::string& name);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Appends; with `sync` (the default) returns only once the record and all
  // before it are durable. Records that only save work on resume (sent,
  // confirmed: the signature can be looked up again) may skip the sync; the
  // next synced append or Sync() makes them durable.
  absl::Status Append(const JournalRecord& record, bool sync = true);
  absl::Status Sync();

  const std::vector<JournalRecord>& records() const { return records_; }
  // The step's transactions in the order they were signed, each with its
  // latest state; bytes and LVBH come from the kSigned record.
  std::vector<JournaledTransaction> StepTransactions(absl::string_view step_id) const;
  bool recovered_torn_tail() const { return recovered_torn_tail_; }
  const std::string& path() const { return path_; }

 private:
  absl::Status Recover();

  std::string path_;
  int fd_ = -1;
  std::vector<JournalRecord> records_;
  bool recovered_torn_tail_ = false;
};

// The line written for `record` (checksum, space, JSON, newline).
std::string EncodeJournalLine(const JournalRecord& record);
// Parses one line without its newline; InvalidArgument when damaged.
absl::StatusOr<JournalRecord> DecodeJournalLine(absl::string_view line);

}  // namespace reconciler

#endif  // RECONCILER_JOURNAL_H_
