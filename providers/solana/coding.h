// Fixed-width little-endian encoders and a bounds-checked reader: every byte
// layout in the project (Solana wire, Borsh, account data) goes through here.
#ifndef PROVIDERS_SOLANA_CODING_H_
#define PROVIDERS_SOLANA_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"

namespace solana {

using Bytes = std::vector<uint8_t>;
using ByteView = absl::Span<const uint8_t>;

inline void PutU8(Bytes* out, uint8_t v) { out->push_back(v); }

template <typename T>
inline void PutFixedLE(Bytes* out, T v) {
  static_assert(std::is_integral_v<T>);
  using U = std::make_unsigned_t<T>;
  U u = static_cast<U>(v);
  for (size_t i = 0; i < sizeof(T); ++i) out->push_back(static_cast<uint8_t>(u >> (8 * i)));
}
inline void PutU16(Bytes* out, uint16_t v) { PutFixedLE(out, v); }
inline void PutU32(Bytes* out, uint32_t v) { PutFixedLE(out, v); }
inline void PutU64(Bytes* out, uint64_t v) { PutFixedLE(out, v); }
inline void PutI64(Bytes* out, int64_t v) { PutFixedLE(out, v); }
inline void PutF32(Bytes* out, float v) {
  uint32_t u;
  std::memcpy(&u, &v, 4);
  PutU32(out, u);
}
inline void PutBytes(Bytes* out, ByteView b) { out->insert(out->end(), b.begin(), b.end()); }

template <typename T>
inline T DecodeFixedLE(const uint8_t* p) {
  using U = std::make_unsigned_t<T>;
  U u = 0;
  for (size_t i = 0; i < sizeof(T); ++i) u |= static_cast<U>(static_cast<U>(p[i]) << (8 * i));
  return static_cast<T>(u);
}

// Reads fields in order from a view; every read is bounds-checked and the
// error names the field and offset so a truncated account says where.
class ByteReader {
 public:
  explicit ByteReader(ByteView data) : data_(data) {}

  size_t offset() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  ByteView rest() const { return data_.subspan(pos_); }

  absl::Status Need(size_t n, absl::string_view what) const {
    if (remaining() < n) {
      return absl::InvalidArgumentError(absl::StrCat("truncated: ", what, " needs ", n,
                                                     " bytes at offset ", pos_, ", ",
                                                     remaining(), " left"));
    }
    return absl::OkStatus();
  }
  template <typename T>
  absl::StatusOr<T> Fixed(absl::string_view what) {
    if (auto s = Need(sizeof(T), what); !s.ok()) return s;
    T v = DecodeFixedLE<T>(data_.data() + pos_);
    pos_ += sizeof(T);
    return v;
  }
  absl::StatusOr<uint8_t> U8(absl::string_view what) { return Fixed<uint8_t>(what); }
  absl::StatusOr<uint16_t> U16(absl::string_view what) { return Fixed<uint16_t>(what); }
  absl::StatusOr<uint32_t> U32(absl::string_view what) { return Fixed<uint32_t>(what); }
  absl::StatusOr<uint64_t> U64(absl::string_view what) { return Fixed<uint64_t>(what); }
  absl::StatusOr<int64_t> I64(absl::string_view what) { return Fixed<int64_t>(what); }
  absl::StatusOr<float> F32(absl::string_view what) {
    auto u = U32(what);
    if (!u.ok()) return u.status();
    float f;
    std::memcpy(&f, &*u, 4);
    return f;
  }
  absl::StatusOr<ByteView> Take(size_t n, absl::string_view what) {
    if (auto s = Need(n, what); !s.ok()) return s;
    ByteView v = data_.subspan(pos_, n);
    pos_ += n;
    return v;
  }
  absl::Status Skip(size_t n, absl::string_view what) { return Take(n, what).status(); }
  absl::Status ExpectEnd(absl::string_view what) const {
    if (remaining() != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, ": ", remaining(), " trailing bytes at offset ", pos_));
    }
    return absl::OkStatus();
  }

 private:
  ByteView data_;
  size_t pos_ = 0;
};

}  // namespace solana

// Status plumbing used everywhere (abseil has no public macro in this release).
#define PSY_CONCAT_INNER(a, b) a##b
#define PSY_CONCAT(a, b) PSY_CONCAT_INNER(a, b)
#define RETURN_IF_ERROR(expr)                       \
  do {                                              \
    ::absl::Status _psy_status = (expr);            \
    if (!_psy_status.ok()) return _psy_status;      \
  } while (0)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(*tmp)
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(PSY_CONCAT(_psy_statusor_, __LINE__), lhs, expr)

#endif  // PROVIDERS_SOLANA_CODING_H_
