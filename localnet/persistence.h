// Durable storage primitives of the ledger: a checksummed write-ahead log
// whose recovery drops a torn tail, atomic file replacement for snapshots,
// and seeding accounts from dump files.
#ifndef LOCALNET_PERSISTENCE_H_
#define LOCALNET_PERSISTENCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "localnet/accounts_db.h"

namespace localnet {

uint32_t Crc32(ByteView data);

struct WalRecord {
  uint8_t type = 0;
  Bytes payload;
};

// Record framing: len u32 (of type+payload) | crc32 u32 (of type+payload) | type u8 | payload.
class WriteAheadLog {
 public:
  // Takes ownership of an open append-mode descriptor; use Open().
  WriteAheadLog(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~WriteAheadLog();
  WriteAheadLog(const WriteAheadLog&) = delete;
  WriteAheadLog& operator=(const WriteAheadLog&) = delete;

  // Opens for appending, creating the file if needed.
  static absl::StatusOr<std::unique_ptr<WriteAheadLog>> Open(const std::string& path);
  // One write(2); durable against a process kill, not against power loss until Sync.
  absl::Status Append(uint8_t type, ByteView payload);
  absl::Status Sync();
  const std::string& path() const { return path_; }
  uint64_t appended() const { return appended_; }

 private:
  int fd_;
  std::string path_;
  uint64_t appended_ = 0;
  Bytes buffer_;
};

struct WalContents {
  std::vector<WalRecord> records;
  uint64_t valid_bytes = 0;  // prefix made of intact records
  bool torn_tail = false;    // bytes after valid_bytes were dropped
};

// Reads every intact record; a short or corrupt record ends the log. With
// `truncate`, the file is cut back to the intact prefix. A missing file is empty.
absl::StatusOr<WalContents> ReadWriteAheadLog(const std::string& path, bool truncate);

// Writes to path.tmp, fsyncs, renames over path and fsyncs the directory.
absl::Status WriteFileAtomically(const std::string& path, ByteView data);
absl::StatusOr<Bytes> ReadWholeFile(const std::string& path);
bool FileExists(const std::string& path);
absl::Status MakeDirs(const std::string& path);

struct SeedAccount {
  Pubkey address;
  Account account;
};

// `solana account <ADDR> --output json` format (what solana-test-validator's
// --account takes): {"pubkey":"…","account":{"lamports":…,"data":["…","base64"],
// "owner":"…","executable":…,"rentEpoch":…}}.
absl::StatusOr<SeedAccount> ParseAccountDumpJson(absl::string_view json);
// A raw data dump (`solana account --output-file`) placed at an address.
absl::StatusOr<SeedAccount> ReadRawAccountDump(const std::string& path, const Pubkey& address,
                                               const Pubkey& owner, uint64_t lamports,
                                               bool executable);

}  // namespace localnet

#endif  // LOCALNET_PERSISTENCE_H_
