// Borsh encodings of the coordinator's instruction argument types
// (coordinator.md 4.2). Writers append to a BorshWriter (errors are sticky:
// over-long FixedStrings and NaN floats); readers consume from a BorshReader
// and fail closed on unknown tags, bad Option/bool bytes and NaN.
#ifndef PROVIDERS_PSYCHE_COORDINATOR_BORSH_H_
#define PROVIDERS_PSYCHE_COORDINATOR_BORSH_H_

#include "absl/status/statusor.h"
#include "providers/psyche/borsh.h"
#include "providers/psyche/coordinator_types.h"

namespace psyche {

// Encoded sizes of the fixed-size types.
inline constexpr size_t kRunMetadataBorshSize = 360;
inline constexpr size_t kCoordinatorConfigBorshSize = 64;
inline constexpr size_t kCoordinatorProgressBorshSize = 14;
inline constexpr size_t kNodeIdentityBorshSize = 64;

void WriteRunMetadata(BorshWriter& w, const RunMetadata& v);
void WriteCoordinatorConfig(BorshWriter& w, const CoordinatorConfig& v);
void WriteCoordinatorProgress(BorshWriter& w, const CoordinatorProgress& v);
void WriteNodeIdentity(BorshWriter& w, const NodeIdentity& v);
void WriteCheckpoint(BorshWriter& w, const Checkpoint& v);
void WriteModel(BorshWriter& w, const Model& v);

absl::StatusOr<RunMetadata> ReadRunMetadata(BorshReader& r);
absl::StatusOr<CoordinatorConfig> ReadCoordinatorConfig(BorshReader& r);
absl::StatusOr<CoordinatorProgress> ReadCoordinatorProgress(BorshReader& r);
absl::StatusOr<NodeIdentity> ReadNodeIdentity(BorshReader& r);
absl::StatusOr<Checkpoint> ReadCheckpoint(BorshReader& r);
absl::StatusOr<Model> ReadModel(BorshReader& r);

// Whole-value conveniences; the decoders require every byte to be consumed.
absl::StatusOr<Bytes> EncodeModel(const Model& v);
absl::StatusOr<Model> DecodeModel(ByteView data);
absl::StatusOr<Bytes> EncodeCoordinatorConfig(const CoordinatorConfig& v);
absl::StatusOr<CoordinatorConfig> DecodeCoordinatorConfig(ByteView data);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_COORDINATOR_BORSH_H_
