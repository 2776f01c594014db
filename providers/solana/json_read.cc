#include "providers/solana/json_read.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "providers/solana/base58.h"
#include "providers/solana/base64.h"

namespace solana::json {

size_t JsonNestingDepth(absl::string_view text) {
  size_t depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return max_depth;
}

absl::Status Malformed(absl::string_view path, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("malformed RPC response: ", path, ": ", what));
}

absl::string_view TypeName(const Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "bool";
    case rapidjson::kObjectType:
      return "object";
    case rapidjson::kArrayType:
      return "array";
    case rapidjson::kStringType:
      return "string";
    case rapidjson::kNumberType:
      return "number";
  }
  return "unknown";
}

std::string ToJson(const Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string Path(absl::string_view parent, absl::string_view member) {
  return parent.empty() ? std::string(member) : absl::StrCat(parent, ".", member);
}
std::string Path(absl::string_view parent, size_t index) {
  return absl::StrCat(parent, "[", index, "]");
}

absl::Status ExpectObject(const Value& v, absl::string_view path) {
  if (!v.IsObject()) return Malformed(path, absl::StrCat("expected object, got ", TypeName(v)));
  return absl::OkStatus();
}
absl::Status ExpectArray(const Value& v, absl::string_view path) {
  if (!v.IsArray()) return Malformed(path, absl::StrCat("expected array, got ", TypeName(v)));
  return absl::OkStatus();
}

absl::StatusOr<const Value*> Member(const Value& obj, absl::string_view path, const char* name) {
  RETURN_IF_ERROR(ExpectObject(obj, path));
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd()) return Malformed(Path(path, name), "missing");
  return &it->value;
}

absl::StatusOr<const Value*> OptionalMember(const Value& obj, absl::string_view path,
                                            const char* name) {
  RETURN_IF_ERROR(ExpectObject(obj, path));
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

absl::StatusOr<uint64_t> U64(const Value& v, absl::string_view path) {
  if (!v.IsUint64()) {
    return Malformed(path, absl::StrCat("expected unsigned 64-bit integer, got ",
                                        v.IsNumber() ? ToJson(v) : std::string(TypeName(v))));
  }
  return v.GetUint64();
}

absl::StatusOr<int64_t> I64(const Value& v, absl::string_view path) {
  if (!v.IsInt64()) {
    return Malformed(path, absl::StrCat("expected 64-bit integer, got ",
                                        v.IsNumber() ? ToJson(v) : std::string(TypeName(v))));
  }
  return v.GetInt64();
}

absl::StatusOr<bool> Bool(const Value& v, absl::string_view path) {
  if (!v.IsBool()) return Malformed(path, absl::StrCat("expected bool, got ", TypeName(v)));
  return v.GetBool();
}

absl::StatusOr<std::string> String(const Value& v, absl::string_view path) {
  if (!v.IsString()) return Malformed(path, absl::StrCat("expected string, got ", TypeName(v)));
  return std::string(v.GetString(), v.GetStringLength());
}

absl::StatusOr<Pubkey> Base58Key(const Value& v, absl::string_view path) {
  ASSIGN_OR_RETURN(std::string text, String(v, path));
  auto key = Pubkey::FromBase58(text);
  if (!key.ok()) return Malformed(path, key.status().message());
  return *key;
}

absl::StatusOr<Bytes> Base64Data(const Value& v, absl::string_view path) {
  if (!v.IsArray() || v.Size() != 2) {
    return Malformed(path, absl::StrCat("expected [\"<data>\",\"base64\"], got ", TypeName(v)));
  }
  ASSIGN_OR_RETURN(std::string encoding, String(v[1], Path(path, 1)));
  if (encoding != "base64") {
    return Malformed(Path(path, 1), absl::StrCat("expected encoding base64, got ", encoding));
  }
  ASSIGN_OR_RETURN(std::string text, String(v[0], Path(path, 0)));
  auto bytes = Base64Decode(text);
  if (!bytes.ok()) return Malformed(Path(path, 0), bytes.status().message());
  return std::move(*bytes);
}

absl::StatusOr<uint64_t> U64Member(const Value& obj, absl::string_view path, const char* name) {
  ASSIGN_OR_RETURN(const Value* v, Member(obj, path, name));
  return U64(*v, Path(path, name));
}
absl::StatusOr<bool> BoolMember(const Value& obj, absl::string_view path, const char* name) {
  ASSIGN_OR_RETURN(const Value* v, Member(obj, path, name));
  return Bool(*v, Path(path, name));
}
absl::StatusOr<std::string> StringMember(const Value& obj, absl::string_view path,
                                         const char* name) {
  ASSIGN_OR_RETURN(const Value* v, Member(obj, path, name));
  return String(*v, Path(path, name));
}

}  // namespace solana::json
