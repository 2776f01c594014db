// A typed field value in a plan. Integers stay exact over the whole uint64 and
// int64 ranges (amounts are base units, never floats) and render as JSON
// integers; pubkeys stay typed so they render as base58 without quotes.
#ifndef RECONCILER_PLAN_VALUE_H_
#define RECONCILER_PLAN_VALUE_H_

#include <cstdint>
#include <string>
#include <variant>

#include "providers/solana/pubkey.h"

namespace reconciler {

class Value {
 public:
  enum class Kind : uint8_t { kNull, kBool, kInteger, kString, kPubkey };

  Value() = default;  // null: absent (before a create, after a delete)
  static Value Null() { return Value(); }
  static Value Bool(bool b);
  static Value Uint(uint64_t u);
  // A non-negative signed value is stored as unsigned, so equal numbers compare
  // equal and a JSON round trip gives back the same representation.
  static Value Int(int64_t i);
  static Value String(std::string s);
  static Value Key(const solana::Pubkey& key);

  Kind kind() const;
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_negative() const { return std::holds_alternative<int64_t>(v_); }
  // Accessors; calling one that does not match kind() is a programming error.
  bool as_bool() const { return std::get<bool>(v_); }
  uint64_t as_uint() const { return std::get<uint64_t>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }  // only when is_negative()
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const solana::Pubkey& as_pubkey() const { return std::get<solana::Pubkey>(v_); }

  // One-line human form: integers as digits, strings JSON-quoted with every
  // control character escaped (no terminal escapes get through), pubkeys as
  // base58, "true"/"false", "null". Anything shaped like a secret key
  // inside a string renders as (sensitive).
  std::string ToDisplay() const;

  bool operator==(const Value& other) const { return v_ == other.v_; }

 private:
  std::variant<std::monostate, bool, uint64_t, int64_t, std::string, solana::Pubkey> v_;
};

// "null", "bool", "integer", "string", "pubkey": the type names in plan JSON.
const char* ValueKindName(Value::Kind kind);

// JSON string literal (with quotes) for s; escapes quotes, backslash and every
// byte below 0x20 and 0x7f.
std::string QuoteString(const std::string& s);

}  // namespace reconciler

#endif  // RECONCILER_PLAN_VALUE_H_
