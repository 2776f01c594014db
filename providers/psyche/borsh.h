// Borsh (the Anchor argument encoding, solana-wire.md 8.3) on top of the
// little-endian helpers of providers/solana/coding.h.
//
// BorshWriter keeps the first error (sticky, like an ostream) so encoders read
// as a flat list of fields; Finish() reports it. BorshReader is strict: it
// rejects bool/Option tags other than 0/1, NaN floats and invalid UTF-8, which
// the program also refuses (coordinator.md 4.1).
#ifndef PROVIDERS_PSYCHE_BORSH_H_
#define PROVIDERS_PSYCHE_BORSH_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace psyche {

using solana::Bytes;
using solana::ByteView;

class BorshWriter {
 public:
  BorshWriter() = default;

  void U8(uint8_t v) { solana::PutU8(&out_, v); }
  void U16(uint16_t v) { solana::PutU16(&out_, v); }
  void U32(uint32_t v) { solana::PutU32(&out_, v); }
  void U64(uint64_t v) { solana::PutU64(&out_, v); }
  void I64(int64_t v) { solana::PutI64(&out_, v); }
  void Bool(bool v) { U8(v ? 1 : 0); }
  // NaN is an error (Borsh serializers and the program refuse it).
  void F32(float v, absl::string_view what);
  void F64(double v, absl::string_view what);
  // `[u8; N]` and pubkeys: raw bytes, no length.
  void Raw(ByteView bytes) { solana::PutBytes(&out_, bytes); }
  void Pubkey(const solana::Pubkey& key) { Raw(key.view()); }
  // `String` / `Vec<u8>`: u32 byte count then the bytes.
  void String(absl::string_view s, absl::string_view what);
  // FixedString<N>: the bytes then zero padding to N, no length. Longer than
  // N is an error (the program would truncate silently; we fail closed).
  void FixedString(absl::string_view s, size_t capacity, absl::string_view what);
  // Option tag: 00 None, 01 Some (the caller then writes the value).
  void OptionTag(bool present) { U8(present ? 1 : 0); }
  // Enum variant index (Borsh enums use a u8 tag).
  void EnumTag(uint8_t index) { U8(index); }
  // Vec<T> element count.
  void Length(size_t n, absl::string_view what);

  void Fail(absl::Status status);
  const absl::Status& status() const { return status_; }
  size_t size() const { return out_.size(); }
  // The bytes written, or the first error.
  absl::StatusOr<Bytes> Finish() &&;

 private:
  Bytes out_;
  absl::Status status_;
};

class BorshReader {
 public:
  explicit BorshReader(ByteView data) : in_(data) {}

  absl::StatusOr<uint8_t> U8(absl::string_view what) { return in_.U8(what); }
  absl::StatusOr<uint16_t> U16(absl::string_view what) { return in_.U16(what); }
  absl::StatusOr<uint32_t> U32(absl::string_view what) { return in_.U32(what); }
  absl::StatusOr<uint64_t> U64(absl::string_view what) { return in_.U64(what); }
  absl::StatusOr<int64_t> I64(absl::string_view what) { return in_.I64(what); }
  absl::StatusOr<bool> Bool(absl::string_view what);
  absl::StatusOr<float> F32(absl::string_view what);
  absl::StatusOr<double> F64(absl::string_view what);
  absl::StatusOr<ByteView> Raw(size_t n, absl::string_view what) { return in_.Take(n, what); }
  template <size_t N>
  absl::StatusOr<std::array<uint8_t, N>> Array(absl::string_view what) {
    auto v = in_.Take(N, what);
    if (!v.ok()) return v.status();
    std::array<uint8_t, N> a;
    std::copy(v->begin(), v->end(), a.begin());
    return a;
  }
  absl::StatusOr<solana::Pubkey> Pubkey(absl::string_view what);
  // u32 length then UTF-8 bytes; invalid UTF-8 is an error.
  absl::StatusOr<std::string> String(absl::string_view what);
  // N bytes; the value is the bytes before the first 00 (or all N). Not
  // UTF-8-checked: the program stores whatever bytes it was given.
  absl::StatusOr<std::string> FixedString(size_t capacity, absl::string_view what);
  // true for Some; any tag other than 0/1 is an error.
  absl::StatusOr<bool> OptionTag(absl::string_view what);
  // The u8 variant index, rejected when >= variant_count.
  absl::StatusOr<uint8_t> EnumTag(uint8_t variant_count, absl::string_view what);

  size_t offset() const { return in_.offset(); }
  size_t remaining() const { return in_.remaining(); }
  absl::Status ExpectEnd(absl::string_view what) const { return in_.ExpectEnd(what); }

 private:
  solana::ByteReader in_;
};

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool IsValidUtf8(absl::string_view s);

}  // namespace psyche

#endif  // PROVIDERS_PSYCHE_BORSH_H_
