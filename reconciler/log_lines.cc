#include "reconciler/log_lines.h"

#include <cctype>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace reconciler {
namespace {

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "FILE:LINE:COL: rest" with a numeric line and column.
bool SplitDiagnostic(absl::string_view line, LogRecord* out) {
  const size_t end = line.find(": ");
  if (end == absl::string_view::npos) return false;
  absl::string_view where = line.substr(0, end);
  const size_t col_colon = where.rfind(':');
  if (col_colon == absl::string_view::npos) return false;
  const size_t line_colon = where.rfind(':', col_colon == 0 ? 0 : col_colon - 1);
  if (line_colon == absl::string_view::npos || line_colon == 0) return false;
  absl::string_view line_no = where.substr(line_colon + 1, col_colon - line_colon - 1);
  absl::string_view col_no = where.substr(col_colon + 1);
  if (!AllDigits(line_no) || !AllDigits(col_no)) return false;
  absl::string_view rest = line.substr(end + 2);
  out->level = LogLevel::kError;
  if (absl::ConsumePrefix(&rest, "warning: ")) out->level = LogLevel::kWarn;
  out->message = std::string(rest);
  out->fields = {{"file", std::string(where.substr(0, line_colon))},
                 {"line", std::string(line_no)},
                 {"column", std::string(col_no)}};
  return true;
}

// A lower-case word before ": ", as in "localnet: seeding ...".
std::optional<std::string> Component(absl::string_view line) {
  const size_t end = line.find(": ");
  if (end == 0 || end == absl::string_view::npos || end > 24) return std::nullopt;
  for (char c : line.substr(0, end)) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      return std::nullopt;
    }
  }
  return std::string(line.substr(0, end));
}

}  // namespace

absl::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

std::optional<LogFormat> ParseLogFormat(absl::string_view name) {
  if (name == "text") return LogFormat::kText;
  if (name == "json") return LogFormat::kJson;
  return std::nullopt;
}

LogRecord ClassifyStderrLine(absl::string_view line) {
  LogRecord r;
  absl::string_view rest = line;
  if (absl::ConsumePrefix(&rest, "error: ")) {
    r.level = LogLevel::kError;
    r.message = std::string(rest);
    return r;
  }
  if (absl::ConsumePrefix(&rest, "warning: ")) {
    r.level = LogLevel::kWarn;
    r.message = std::string(rest);
    return r;
  }
  if (SplitDiagnostic(line, &r)) return r;
  if (auto component = Component(line)) {
    r.message = std::string(line.substr(component->size() + 2));
    r.fields.emplace_back("component", *component);
    return r;
  }
  r.message = std::string(line);
  return r;
}

std::string LogRecordJson(const LogRecord& record) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto str = [&w](absl::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  w.StartObject();
  str("level");
  str(LogLevelName(record.level));
  str("message");
  str(record.message);
  str("fields");
  w.StartObject();
  for (const auto& [k, v] : record.fields) {
    str(k);
    str(v);
  }
  w.EndObject();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

LogLineBuf::LogLineBuf(std::streambuf* out, LogSettings settings)
    : out_(out), settings_(settings) {}

LogLineBuf::~LogLineBuf() {
  if (!pending_.empty()) {
    if (settings_.format == LogFormat::kText && !settings_.quiet) {
      Write(pending_);
    } else {
      Emit(ClassifyStderrLine(pending_));
    }
  }
  out_->pubsync();
}

void LogLineBuf::Write(absl::string_view text) {
  out_->sputn(text.data(), static_cast<std::streamsize>(text.size()));
}

void LogLineBuf::Emit(const LogRecord& record) {
  if (settings_.quiet && record.level != LogLevel::kError) return;
  if (settings_.format == LogFormat::kJson) {
    Write(LogRecordJson(record) + "\n");
    return;
  }
  std::string text = record.message;
  if (record.level == LogLevel::kError) text = absl::StrCat("error: ", text);
  if (record.level == LogLevel::kWarn) text = absl::StrCat("warning: ", text);
  Write(text + "\n");
}

void LogLineBuf::TakeLines() {
  size_t start = 0;
  for (size_t nl = pending_.find('\n'); nl != std::string::npos; nl = pending_.find('\n', start)) {
    absl::string_view line(pending_.data() + start, nl - start);
    if (settings_.format == LogFormat::kText) {
      // Unchanged text; --quiet only decides whether the line is kept.
      if (!settings_.quiet || ClassifyStderrLine(line).level == LogLevel::kError) {
        Write(absl::StrCat(line, "\n"));
      }
    } else {
      Emit(ClassifyStderrLine(line));
    }
    start = nl + 1;
  }
  pending_.erase(0, start);
}

LogLineBuf::int_type LogLineBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  pending_.push_back(traits_type::to_char_type(c));
  if (pending_.back() == '\n') TakeLines();
  return c;
}

std::streamsize LogLineBuf::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<size_t>(n));
  TakeLines();
  return n;
}

int LogLineBuf::sync() {
  // Plain text flows as it is written (prompts, partial lines); a classified
  // mode waits for the end of the line.
  if (settings_.format == LogFormat::kText && !settings_.quiet && !pending_.empty()) {
    Write(pending_);
    pending_.clear();
  }
  return out_->pubsync();
}

std::function<void(const ProgressEvent&)> ProgressForLog(LogLineBuf* log, bool stderr_is_tty) {
  if (log != nullptr && log->settings().quiet) return nullptr;
  if (log != nullptr && log->settings().format == LogFormat::kJson) {
    return [log](const ProgressEvent& e) {
      LogRecord r;
      r.level = e.phase == "failed" ? LogLevel::kError : LogLevel::kInfo;
      r.message = absl::StrFormat("[%d/%d] %s: %s", e.index + 1, e.total, e.step_id, e.phase);
      r.fields = {{"component", "apply"},
                  {"step", e.step_id},
                  {"index", absl::StrCat(e.index + 1)},
                  {"total", absl::StrCat(e.total)},
                  {"phase", e.phase}};
      if (!e.description.empty()) r.fields.emplace_back("description", e.description);
      if (!e.signature.empty()) r.fields.emplace_back("signature", e.signature);
      if (!e.message.empty()) r.fields.emplace_back("detail", e.message);
      log->Emit(r);
    };
  }
  if (stderr_is_tty) return TerminalProgress(stderr);
  // Off a terminal only the waits (a deferred pause between its phases) are
  // shown, so a long silence in a CI log is explained.
  return [plain = TerminalProgress(stderr)](const ProgressEvent& e) {
    if (e.phase == "waiting") plain(e);
  };
}

}  // namespace reconciler
