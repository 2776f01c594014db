// Reading a whole input file with a size cap checked before reading, so a
// huge file or a device (/dev/zero) is refused instead of filling memory.
#ifndef RECONCILER_BOUNDED_FILE_H_
#define RECONCILER_BOUNDED_FILE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace reconciler {

// The content of the regular file at `path` if it has at most `max_bytes`
// bytes. Error messages do not repeat the path (callers put it in front).
absl::StatusOr<std::string> ReadBoundedFile(const std::string& path, uint64_t max_bytes);

}  // namespace reconciler

#endif  // RECONCILER_BOUNDED_FILE_H_
