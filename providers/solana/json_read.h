// Strict readers over RapidJSON values for RPC replies: every accessor checks
// the type (u64 never via double) and names the JSON path in its error, so a
// malformed reply becomes an InvalidArgument status instead of a crash.
#ifndef PROVIDERS_SOLANA_JSON_READ_H_
#define PROVIDERS_SOLANA_JSON_READ_H_

#include <rapidjson/document.h>

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "providers/solana/coding.h"
#include "providers/solana/pubkey.h"

namespace solana::json {

using Value = rapidjson::Value;

// Deepest array/object nesting in JSON text (strings skipped), computed
// without recursion; replies nested deeper than kMaxJsonDepth are refused so
// no recursive RapidJSON walk can exhaust the stack.
inline constexpr size_t kMaxJsonDepth = 64;
size_t JsonNestingDepth(absl::string_view text);

// InvalidArgument("malformed RPC response: <path>: <what>").
absl::Status Malformed(absl::string_view path, absl::string_view what);
absl::string_view TypeName(const Value& v);
std::string ToJson(const Value& v);
std::string Path(absl::string_view parent, absl::string_view member);
std::string Path(absl::string_view parent, size_t index);

// The member `name` of object `obj` (at `path`); missing is an error.
absl::StatusOr<const Value*> Member(const Value& obj, absl::string_view path, const char* name);
// nullptr when absent or JSON null; an error only when `obj` is not an object.
absl::StatusOr<const Value*> OptionalMember(const Value& obj, absl::string_view path,
                                            const char* name);

absl::Status ExpectObject(const Value& v, absl::string_view path);
absl::Status ExpectArray(const Value& v, absl::string_view path);
absl::StatusOr<uint64_t> U64(const Value& v, absl::string_view path);
absl::StatusOr<int64_t> I64(const Value& v, absl::string_view path);
absl::StatusOr<bool> Bool(const Value& v, absl::string_view path);
absl::StatusOr<std::string> String(const Value& v, absl::string_view path);
absl::StatusOr<Pubkey> Base58Key(const Value& v, absl::string_view path);
// ["<base64>","base64"], the account data shape for encoding=base64.
absl::StatusOr<Bytes> Base64Data(const Value& v, absl::string_view path);

// Member + typed read in one step.
absl::StatusOr<uint64_t> U64Member(const Value& obj, absl::string_view path, const char* name);
absl::StatusOr<bool> BoolMember(const Value& obj, absl::string_view path, const char* name);
absl::StatusOr<std::string> StringMember(const Value& obj, absl::string_view path,
                                         const char* name);

}  // namespace solana::json

#endif  // PROVIDERS_SOLANA_JSON_READ_H_
