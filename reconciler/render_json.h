// Machine plan output: one JSON document, documented in docs/plan-json.md.
// Keys are written in a fixed order, integers as JSON integers (never
// floats), and the same document is what `plan --out FILE` saves.
#ifndef RECONCILER_RENDER_JSON_H_
#define RECONCILER_RENDER_JSON_H_

#include <string>

#include "reconciler/plan.h"

namespace reconciler {

// Pretty-printed with two-space indent, ending in a newline.
std::string RenderJson(const Plan& plan);

// The "type" written for a field: the kind of after, else of before.
Value::Kind FieldValueKind(const FieldChange& f);

// Lowercase hex of a 32-byte hash.
std::string HashHex(const solana::Hash& h);

}  // namespace reconciler

#endif  // RECONCILER_RENDER_JSON_H_
