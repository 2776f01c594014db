// Writing a whole file so a reader (or a crash) never sees half of it: the
// text goes to <path>.tmp, which then replaces <path> by rename.
#ifndef RECONCILER_ATOMIC_FILE_H_
#define RECONCILER_ATOMIC_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace reconciler {

absl::Status WriteFileAtomically(const std::string& path, absl::string_view text);

}  // namespace reconciler

#endif  // RECONCILER_ATOMIC_FILE_H_
