#include "reconciler/cli/log_setup.h"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>

#include "reconciler/log_lines.h"

namespace cli {
namespace {

struct LogState {
  bool quiet = false;
  std::string format = "text";
  std::streambuf* original = nullptr;
  std::unique_ptr<reconciler::LogLineBuf> buf;
};

LogState& State() {
  static LogState state;
  return state;
}

void Install() {
  LogState& s = State();
  if (s.buf) return;
  reconciler::LogSettings settings;
  settings.quiet = s.quiet;
  settings.format = reconciler::ParseLogFormat(s.format).value_or(reconciler::LogFormat::kText);
  s.original = std::cerr.rdbuf();
  s.buf = std::make_unique<reconciler::LogLineBuf>(s.original, settings);
  std::cerr.rdbuf(s.buf.get());
}

}  // namespace

void AddLogFlags(CLI::App& app) {
  LogState& s = State();
  app.fallthrough();  // inherited by subcommands added later
  app.add_flag("-q,--quiet", s.quiet, "Only errors and the final result");
  app.add_option("--log-format", s.format,
                 "Diagnostics and progress on stderr: text, or json (one object per line)")
      ->check(CLI::IsMember({"text", "json"}));
  app.parse_complete_callback(Install);
}

void FinishLog() {
  LogState& s = State();
  if (!s.buf) return;
  std::cerr.rdbuf(s.original);
  s.buf.reset();
}

std::function<void(const reconciler::ProgressEvent&)> ApplyProgress() {
  return reconciler::ProgressForLog(State().buf.get(), isatty(STDERR_FILENO) == 1);
}

}  // namespace cli
