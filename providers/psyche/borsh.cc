#include "providers/psyche/borsh.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"

namespace psyche {

void BorshWriter::Fail(absl::Status status) {
  if (status_.ok()) status_ = std::move(status);
}

void BorshWriter::F32(float v, absl::string_view what) {
  if (std::isnan(v)) Fail(absl::InvalidArgumentError(absl::StrCat(what, ": NaN is not encodable")));
  solana::PutF32(&out_, v);
}

void BorshWriter::F64(double v, absl::string_view what) {
  if (std::isnan(v)) Fail(absl::InvalidArgumentError(absl::StrCat(what, ": NaN is not encodable")));
  uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  solana::PutU64(&out_, u);
}

void BorshWriter::Length(size_t n, absl::string_view what) {
  if (n > std::numeric_limits<uint32_t>::max()) {
    Fail(absl::InvalidArgumentError(absl::StrCat(what, ": length ", n, " exceeds u32")));
  }
  U32(static_cast<uint32_t>(n));
}

void BorshWriter::String(absl::string_view s, absl::string_view what) {
  Length(s.size(), what);
  Raw(ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
}

void BorshWriter::FixedString(absl::string_view s, size_t capacity, absl::string_view what) {
  size_t n = s.size();
  if (n > capacity) {
    Fail(absl::InvalidArgumentError(
        absl::StrCat(what, ": ", n, " bytes do not fit a ", capacity, "-byte fixed string")));
    n = capacity;  // keep the layout length right even on error
  }
  Raw(ByteView(reinterpret_cast<const uint8_t*>(s.data()), n));
  out_.insert(out_.end(), capacity - n, 0);
}

absl::StatusOr<Bytes> BorshWriter::Finish() && {
  if (!status_.ok()) return status_;
  return std::move(out_);
}

absl::StatusOr<bool> BorshReader::Bool(absl::string_view what) {
  size_t at = in_.offset();
  ASSIGN_OR_RETURN(uint8_t v, in_.U8(what));
  if (v > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": bool byte ", v, " at offset ", at, " is not 0 or 1"));
  }
  return v == 1;
}

absl::StatusOr<float> BorshReader::F32(absl::string_view what) {
  size_t at = in_.offset();
  ASSIGN_OR_RETURN(float v, in_.F32(what));
  if (std::isnan(v)) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": NaN at offset ", at));
  }
  return v;
}

absl::StatusOr<double> BorshReader::F64(absl::string_view what) {
  size_t at = in_.offset();
  ASSIGN_OR_RETURN(uint64_t u, in_.U64(what));
  double v;
  std::memcpy(&v, &u, sizeof v);
  if (std::isnan(v)) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": NaN at offset ", at));
  }
  return v;
}

absl::StatusOr<solana::Pubkey> BorshReader::Pubkey(absl::string_view what) {
  ASSIGN_OR_RETURN(ByteView v, in_.Take(solana::Pubkey::kSize, what));
  return solana::Pubkey::FromBytes(v);
}

absl::StatusOr<std::string> BorshReader::String(absl::string_view what) {
  ASSIGN_OR_RETURN(uint32_t n, in_.U32(what));
  size_t at = in_.offset();
  ASSIGN_OR_RETURN(ByteView v, in_.Take(n, what));
  std::string s(v.begin(), v.end());
  if (!IsValidUtf8(s)) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": invalid UTF-8 at offset ", at));
  }
  return s;
}

absl::StatusOr<std::string> BorshReader::FixedString(size_t capacity, absl::string_view what) {
  ASSIGN_OR_RETURN(ByteView v, in_.Take(capacity, what));
  size_t n = 0;
  while (n < v.size() && v[n] != 0) ++n;
  return std::string(v.begin(), v.begin() + n);
}

absl::StatusOr<bool> BorshReader::OptionTag(absl::string_view what) {
  size_t at = in_.offset();
  ASSIGN_OR_RETURN(uint8_t v, in_.U8(what));
  if (v > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": Option tag ", v, " at offset ", at, " is not 0 or 1"));
  }
  return v == 1;
}

absl::StatusOr<uint8_t> BorshReader::EnumTag(uint8_t variant_count, absl::string_view what) {
  size_t at = in_.offset();
  ASSIGN_OR_RETURN(uint8_t v, in_.U8(what));
  if (v >= variant_count) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": unknown variant ", v, " at offset ", at,
                                                   " (", variant_count, " variants)"));
  }
  return v;
}

bool IsValidUtf8(absl::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    uint8_t c = static_cast<uint8_t>(s[i]);
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      uint8_t cc = static_cast<uint8_t>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

}  // namespace psyche
