// Writes a plan Value with any RapidJSON writer: integers as JSON integers,
// pubkeys as base58 strings, secret-looking strings redacted. Shared by the plan and drift renderers.
#ifndef RECONCILER_PLAN_JSON_VALUE_H_
#define RECONCILER_PLAN_JSON_VALUE_H_

#include <string>

#include "reconciler/plan_value.h"
#include "reconciler/secret_scan.h"

namespace reconciler {

template <typename Writer>
void WriteJsonValue(Writer& w, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull: w.Null(); return;
    case Value::Kind::kBool: w.Bool(v.as_bool()); return;
    case Value::Kind::kInteger:
      if (v.is_negative()) {
        w.Int64(v.as_int());
      } else {
        w.Uint64(v.as_uint());
      }
      return;
    case Value::Kind::kString: {
      std::string text = RedactSecrets(v.as_string());
      w.String(text.data(), text.size());
      return;
    }
    case Value::Kind::kPubkey: {
      std::string b58 = v.as_pubkey().ToBase58();
      w.String(b58.data(), b58.size());
      return;
    }
  }
}

}  // namespace reconciler

#endif  // RECONCILER_PLAN_JSON_VALUE_H_
