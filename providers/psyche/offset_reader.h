// Reads single fields of a fixed-layout account (zero-copy Anchor accounts) at absolute offsets,
// bounds-checked, with errors that name the account, the field path and the offset. Nothing is
// copied except the decoded values.
#ifndef PROVIDERS_PSYCHE_OFFSET_READER_H_
#define PROVIDERS_PSYCHE_OFFSET_READER_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace psyche {

class OffsetReader {
 public:
  OffsetReader(solana::ByteView data, absl::string_view account_name)
      : data_(data), account_(account_name) {}

  size_t size() const { return data_.size(); }

  // "<account>: field <field> at offset <offset>: <problem>".
  absl::Status Error(absl::string_view field, size_t offset, absl::string_view problem) const;

  absl::StatusOr<solana::ByteView> Bytes(size_t offset, size_t n, absl::string_view field) const;

  template <typename T>
  absl::StatusOr<T> Fixed(size_t offset, absl::string_view field) const {
    static_assert(std::is_integral_v<T>);
    auto b = Bytes(offset, sizeof(T), field);
    if (!b.ok()) return b.status();
    return solana::DecodeFixedLE<T>(b->data());
  }
  absl::StatusOr<uint8_t> U8(size_t o, absl::string_view f) const { return Fixed<uint8_t>(o, f); }
  absl::StatusOr<uint16_t> U16(size_t o, absl::string_view f) const {
    return Fixed<uint16_t>(o, f);
  }
  absl::StatusOr<uint32_t> U32(size_t o, absl::string_view f) const {
    return Fixed<uint32_t>(o, f);
  }
  absl::StatusOr<uint64_t> U64(size_t o, absl::string_view f) const {
    return Fixed<uint64_t>(o, f);
  }
  // NaN is rejected: the program refuses NaN floats, so one in an account means corruption.
  absl::StatusOr<float> F32(size_t offset, absl::string_view field) const;
  absl::StatusOr<double> F64(size_t offset, absl::string_view field) const;

  // SmallBoolean: 0 false, anything else true.
  absl::StatusOr<bool> SmallBoolean(size_t offset, absl::string_view field) const;
  // Rust bool and Option tags: exactly 0 or 1.
  absl::StatusOr<bool> StrictBool(size_t offset, absl::string_view field) const;
  // u32 (or u8 when width == 1) enum tag that must be < count.
  absl::StatusOr<uint32_t> Tag32(size_t offset, uint32_t count, absl::string_view field) const;
  absl::StatusOr<uint8_t> Tag8(size_t offset, uint8_t count, absl::string_view field) const;
  // FixedString<capacity>: bytes up to the first 0x00; must be UTF-8.
  absl::StatusOr<std::string> FixedString(size_t offset, size_t capacity,
                                          absl::string_view field) const;
  absl::StatusOr<solana::Pubkey> Key(size_t offset, absl::string_view field) const;

 private:
  solana::ByteView data_;
  std::string account_;
};

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_OFFSET_READER_H_
