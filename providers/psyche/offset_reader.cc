#include "providers/psyche/offset_reader.h"

#include <cmath>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "providers/psyche/fixed_string.h"

namespace psyche {

absl::Status OffsetReader::Error(absl::string_view field, size_t offset,
                                 absl::string_view problem) const {
  return absl::InvalidArgumentError(
      absl::StrCat(account_, ": field ", field, " at offset ", offset, ": ", problem));
}

absl::StatusOr<solana::ByteView> OffsetReader::Bytes(size_t offset, size_t n,
                                                     absl::string_view field) const {
  if (offset > data_.size() || data_.size() - offset < n) {
    return Error(field, offset,
                 absl::StrCat("needs ", n, " bytes but the data is ", data_.size(), " bytes"));
  }
  return data_.subspan(offset, n);
}

absl::StatusOr<float> OffsetReader::F32(size_t offset, absl::string_view field) const {
  auto u = U32(offset, field);
  if (!u.ok()) return u.status();
  float f;
  std::memcpy(&f, &*u, sizeof f);
  if (std::isnan(f)) return Error(field, offset, "NaN float");
  return f;
}

absl::StatusOr<double> OffsetReader::F64(size_t offset, absl::string_view field) const {
  auto u = U64(offset, field);
  if (!u.ok()) return u.status();
  double d;
  std::memcpy(&d, &*u, sizeof d);
  if (std::isnan(d)) return Error(field, offset, "NaN float");
  return d;
}

absl::StatusOr<bool> OffsetReader::SmallBoolean(size_t offset, absl::string_view field) const {
  auto b = U8(offset, field);
  if (!b.ok()) return b.status();
  return *b != 0;
}

absl::StatusOr<bool> OffsetReader::StrictBool(size_t offset, absl::string_view field) const {
  auto b = U8(offset, field);
  if (!b.ok()) return b.status();
  if (*b > 1) return Error(field, offset, absl::StrCat("invalid bool/option tag ", *b));
  return *b == 1;
}

absl::StatusOr<uint32_t> OffsetReader::Tag32(size_t offset, uint32_t count,
                                             absl::string_view field) const {
  auto t = U32(offset, field);
  if (!t.ok()) return t.status();
  if (*t >= count) {
    return Error(field, offset,
                 absl::StrCat("unknown enum tag ", *t, " (known: 0..", count - 1, ")"));
  }
  return *t;
}

absl::StatusOr<uint8_t> OffsetReader::Tag8(size_t offset, uint8_t count,
                                           absl::string_view field) const {
  auto t = U8(offset, field);
  if (!t.ok()) return t.status();
  if (*t >= count) {
    return Error(field, offset,
                 absl::StrCat("unknown enum tag ", *t, " (known: 0..", count - 1, ")"));
  }
  return *t;
}

absl::StatusOr<std::string> OffsetReader::FixedString(size_t offset, size_t capacity,
                                                      absl::string_view field) const {
  auto b = Bytes(offset, capacity, field);
  if (!b.ok()) return b.status();
  auto s = DecodeFixedString(*b);
  if (!s.ok()) return Error(field, offset, s.status().message());
  return s;
}

absl::StatusOr<solana::Pubkey> OffsetReader::Key(size_t offset, absl::string_view field) const {
  auto b = Bytes(offset, solana::Pubkey::kSize, field);
  if (!b.ok()) return b.status();
  return solana::Pubkey::FromBytes(*b);
}

}  // namespace psyche
