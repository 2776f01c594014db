#include "providers/solana/http_transport.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace solana {
namespace {
constexpr absl::string_view kNeverSentPayload = "type.psyche/solana.HttpNeverSent";
}  // namespace

std::string RedactUrl(absl::string_view url) {
  size_t scheme_end = url.find("://");
  absl::string_view scheme = "";
  absl::string_view rest = url;
  if (scheme_end != absl::string_view::npos) {
    scheme = url.substr(0, scheme_end + 3);
    rest = url.substr(scheme_end + 3);
  }
  size_t authority_end = rest.find_first_of("/?#");
  absl::string_view authority = rest.substr(0, authority_end);
  bool has_tail = authority_end != absl::string_view::npos && rest.substr(authority_end) != "/" &&
                  !rest.substr(authority_end).empty();
  // Drop user-info ("user:password@host").
  size_t at = authority.rfind('@');
  if (at != absl::string_view::npos) authority = authority.substr(at + 1);
  return absl::StrCat(scheme, authority, has_tail ? "/..." : "");
}

absl::Status MarkNeverSent(absl::Status status) {
  status.SetPayload(kNeverSentPayload, absl::Cord("1"));
  return status;
}

bool IsNeverSent(const absl::Status& status) {
  return !status.ok() && status.GetPayload(kNeverSentPayload).has_value();
}

}  // namespace solana
