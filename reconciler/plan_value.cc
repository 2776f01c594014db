#include "reconciler/plan_value.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "reconciler/secret_scan.h"

namespace reconciler {

Value Value::Bool(bool b) {
  Value v;
  v.v_ = b;
  return v;
}

Value Value::Uint(uint64_t u) {
  Value v;
  v.v_ = u;
  return v;
}

Value Value::Int(int64_t i) {
  if (i >= 0) return Uint(static_cast<uint64_t>(i));
  Value v;
  v.v_ = i;
  return v;
}

Value Value::String(std::string s) {
  Value v;
  v.v_ = std::move(s);
  return v;
}

Value Value::Key(const solana::Pubkey& key) {
  Value v;
  v.v_ = key;
  return v;
}

Value::Kind Value::kind() const {
  switch (v_.index()) {
    case 0: return Kind::kNull;
    case 1: return Kind::kBool;
    case 2:
    case 3: return Kind::kInteger;
    case 4: return Kind::kString;
    default: return Kind::kPubkey;
  }
}

std::string QuoteString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

std::string Value::ToDisplay() const {
  switch (kind()) {
    case Kind::kNull: return "null";
    case Kind::kBool: return as_bool() ? "true" : "false";
    case Kind::kInteger: return is_negative() ? absl::StrCat(as_int()) : absl::StrCat(as_uint());
    case Kind::kString:
      return QuoteString(RedactSecrets(as_string()));
    case Kind::kPubkey: return as_pubkey().ToBase58();
  }
  return "null";
}

const char* ValueKindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull: return "null";
    case Value::Kind::kBool: return "bool";
    case Value::Kind::kInteger: return "integer";
    case Value::Kind::kString: return "string";
    case Value::Kind::kPubkey: return "pubkey";
  }
  return "null";
}

}  // namespace reconciler
