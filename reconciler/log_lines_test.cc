#include "reconciler/log_lines.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>
#include <sstream>

#include "absl/strings/str_split.h"
#include "rapidjson/document.h"

namespace reconciler {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(LogLinesTest, ClassifiesWhatCommandsWrite) {
  LogRecord e = ClassifyStderrLine("error: run \"x\" does not exist");
  EXPECT_EQ(e.level, LogLevel::kError);
  EXPECT_EQ(e.message, "run \"x\" does not exist");

  LogRecord d = ClassifyStderrLine("/a/run.yaml:8:14: warning: spec.authority: a public key");
  EXPECT_EQ(d.level, LogLevel::kWarn);
  EXPECT_EQ(d.message, "spec.authority: a public key");
  EXPECT_THAT(d.fields,
              ElementsAre(Pair("file", "/a/run.yaml"), Pair("line", "8"), Pair("column", "14")));

  LogRecord v = ClassifyStderrLine("runs/a.yaml:9:11: spec.paused: got string");
  EXPECT_EQ(v.level, LogLevel::kError);

  LogRecord c = ClassifyStderrLine("localnet: airdrop 5 lamports to X");
  EXPECT_EQ(c.level, LogLevel::kInfo);
  EXPECT_EQ(c.message, "airdrop 5 lamports to X");
  EXPECT_THAT(c.fields, ElementsAre(Pair("component", "localnet")));

  LogRecord plain = ClassifyStderrLine("Something: Else");
  EXPECT_EQ(plain.level, LogLevel::kInfo);
  EXPECT_EQ(plain.message, "Something: Else");
  EXPECT_TRUE(plain.fields.empty());
}

// Every line a json log writes parses as one object with the three keys.
TEST(LogLinesTest, JsonFormatIsOneObjectPerLine) {
  std::stringbuf sink;
  {
    LogLineBuf buf(&sink, {LogFormat::kJson, false});
    std::ostream err(&buf);
    err << "localnet: seeding \"A\"\n" << std::flush;
    err << "error: bad\tthing" << std::flush;  // partial line, then the rest
    err << " here\nx.yaml:1:2: warning: w\n";
    err << "unterminated";
  }
  std::vector<std::string> lines = absl::StrSplit(sink.str(), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 4u) << sink.str();
  const char* levels[] = {"info", "error", "warn", "info"};
  const char* messages[] = {"seeding \"A\"", "bad\tthing here", "w", "unterminated"};
  for (size_t i = 0; i < lines.size(); ++i) {
    rapidjson::Document doc;
    doc.Parse(lines[i].c_str());
    ASSERT_FALSE(doc.HasParseError()) << lines[i];
    ASSERT_TRUE(doc.IsObject());
    EXPECT_STREQ(doc["level"].GetString(), levels[i]);
    EXPECT_STREQ(doc["message"].GetString(), messages[i]);
    EXPECT_TRUE(doc["fields"].IsObject());
  }
}

TEST(LogLinesTest, QuietKeepsOnlyErrors) {
  std::stringbuf sink;
  {
    LogLineBuf buf(&sink, {LogFormat::kText, true});
    std::ostream err(&buf);
    err << "localnet: airdrop\n"
        << "a.yaml:1:1: warning: w\n"
        << "rpc: 3 request(s)\n"
        << "error: it failed\n";
  }
  EXPECT_EQ(sink.str(), "error: it failed\n");
}

TEST(LogLinesTest, TextPassesThroughUnchangedIncludingPartialLines) {
  std::stringbuf sink;
  LogLineBuf buf(&sink, {LogFormat::kText, false});
  std::ostream err(&buf);
  err << "Answer: " << std::flush;
  EXPECT_EQ(sink.str(), "Answer: ");
  err << "yes\nrpc: 1\n" << std::flush;
  EXPECT_EQ(sink.str(), "Answer: yes\nrpc: 1\n");
}

TEST(LogLinesTest, ProgressFollowsTheSettings) {
  std::stringbuf sink;
  LogLineBuf quiet(&sink, {LogFormat::kJson, true});
  EXPECT_EQ(ProgressForLog(&quiet, true), nullptr);
  LogLineBuf text(&sink, {LogFormat::kText, false});
  auto plain = ProgressForLog(&text, false);
  ASSERT_NE(plain, nullptr);
  ProgressEvent wait;
  wait.total = 1;
  wait.step_id = "run.x/pause";
  wait.phase = "waiting";
  ProgressEvent sent = wait;
  sent.phase = "applied";
  ::testing::internal::CaptureStderr();
  plain(sent);  // off a TTY only the waits are shown
  plain(wait);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "[1/1] run.x/pause: waiting\n");

  LogLineBuf json(&sink, {LogFormat::kJson, false});
  auto progress = ProgressForLog(&json, false);
  ASSERT_NE(progress, nullptr);
  ProgressEvent e;
  e.index = 0;
  e.total = 2;
  e.step_id = "run.x/create";
  e.phase = "applied";
  e.signature = "5sig";
  progress(e);
  rapidjson::Document doc;
  doc.Parse(sink.str().c_str());
  ASSERT_FALSE(doc.HasParseError()) << sink.str();
  EXPECT_STREQ(doc["message"].GetString(), "[1/2] run.x/create: applied");
  EXPECT_STREQ(doc["fields"]["phase"].GetString(), "applied");
  EXPECT_STREQ(doc["fields"]["signature"].GetString(), "5sig");
}

TEST(LogLinesTest, ParseLogFormat) {
  EXPECT_EQ(ParseLogFormat("json"), LogFormat::kJson);
  EXPECT_EQ(ParseLogFormat("text"), LogFormat::kText);
  EXPECT_FALSE(ParseLogFormat("yaml").has_value());
}

}  // namespace
}  // namespace reconciler
