// Remembers, in the state directory, the accounts whose manifests said
// `protect: true`, so that the protection outlives the manifest: once a
// protected Run or Authorization manifest is deleted, --prune still refuses
// to delete its account. Unprotecting takes `protect: false` (or no protect)
// in a manifest naming the resource and one plan, before removing it.
// Format: one base58 account address per line, then a space and the
// resource's address for readers; lines starting with '#' are comments.
#ifndef RECONCILER_PROTECTION_RECORD_H_
#define RECONCILER_PROTECTION_RECORD_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "providers/solana/pubkey.h"
#include "reconciler/desired_state.h"

namespace reconciler {

inline constexpr char kProtectionRecordFile[] = "protected-resources";

// Account -> resource address. A missing file is an empty record; a line
// that does not parse is an error (fail closed).
using ProtectionRecord = std::map<solana::Pubkey, std::string>;
absl::StatusOr<ProtectionRecord> ReadProtectionRecord(const std::string& path);

// `record` updated from the manifests: resources declared with protect are
// added, those declared without it are removed, the others are kept.
ProtectionRecord UpdateProtectionRecord(ProtectionRecord record, const DesiredResources& desired);

// Writes atomically (temporary file and rename), creating the directory.
absl::Status WriteProtectionRecord(const std::string& path, const ProtectionRecord& record);

}  // namespace reconciler

#endif  // RECONCILER_PROTECTION_RECORD_H_
