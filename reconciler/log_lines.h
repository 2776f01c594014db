// What commands write on stderr (diagnostics, progress, errors), filtered and
// formatted for pipelines: --quiet keeps only errors, --log-format json turns
// every line into one JSON object {"level", "message", "fields"} per line.
// Commands keep writing plain text to std::cerr; the CLI puts a LogLineBuf
// under std::cerr, which classifies each whole line.
#ifndef RECONCILER_LOG_LINES_H_
#define RECONCILER_LOG_LINES_H_

#include <functional>
#include <optional>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "reconciler/apply_engine.h"

namespace reconciler {

enum class LogFormat { kText, kJson };
enum class LogLevel { kInfo, kWarn, kError };

absl::string_view LogLevelName(LogLevel level);                   // "info", "warn", "error"
std::optional<LogFormat> ParseLogFormat(absl::string_view name);  // "text" | "json"

struct LogRecord {
  LogLevel level = LogLevel::kInfo;
  std::string message;
  std::vector<std::pair<std::string, std::string>> fields;
};

// "error: X" is an error; "FILE:LINE:COL: ..." a validation diagnostic (an
// error, or a warning when "warning: " follows the position; fields file,
// line, column); "warning: X" a warning; "component: X" (a lower-case word
// such as localnet, rpc, import) information with field component.
LogRecord ClassifyStderrLine(absl::string_view line);

// {"level":"…","message":"…","fields":{…}} without a newline.
std::string LogRecordJson(const LogRecord& record);

struct LogSettings {
  LogFormat format = LogFormat::kText;
  bool quiet = false;  // drop info and warnings; errors always pass
};

// A line-classifying streambuf in front of `out` (std::cerr's own buffer).
// Text without --quiet passes through unchanged, partial lines included.
class LogLineBuf : public std::streambuf {
 public:
  LogLineBuf(std::streambuf* out, LogSettings settings);
  ~LogLineBuf() override;  // a last unterminated line is written too
  LogLineBuf(const LogLineBuf&) = delete;
  LogLineBuf& operator=(const LogLineBuf&) = delete;

  // A record made by the caller (progress events), filtered and formatted
  // like a classified line.
  void Emit(const LogRecord& record);
  const LogSettings& settings() const { return settings_; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  void TakeLines();
  void Write(absl::string_view text);

  std::streambuf* out_;
  LogSettings settings_;
  std::string pending_;
};

// Apply progress for these settings: nothing with --quiet, one JSON record per
// event with json, the terminal line on a TTY, and off a TTY only the
// "waiting" events (the waits of a deferred pause).
std::function<void(const ProgressEvent&)> ProgressForLog(LogLineBuf* log, bool stderr_is_tty);

}  // namespace reconciler

#endif  // RECONCILER_LOG_LINES_H_
