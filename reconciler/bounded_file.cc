#include "reconciler/bounded_file.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace reconciler {

absl::StatusOr<std::string> ReadBoundedFile(const std::string& path, uint64_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec) return absl::NotFoundError(absl::StrCat("cannot read: ", ec.message()));
  if (!fs::is_regular_file(status)) return absl::InvalidArgumentError("not a regular file");
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return absl::NotFoundError(absl::StrCat("cannot read: ", ec.message()));
  auto too_big = [&](uintmax_t n) {
    return absl::InvalidArgumentError(
        absl::StrCat("file is ", n, " bytes; the limit is ", max_bytes, " bytes"));
  };
  if (size > max_bytes) return too_big(size);
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot open for reading");
  std::string text(static_cast<size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (in.peek() != std::char_traits<char>::eof()) return too_big(size + 1);  // grew meanwhile
  return text;
}

}  // namespace reconciler
