#include "reconciler/manifest_yaml.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace reconciler {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// A fresh directory under the test temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = fs::path(::testing::TempDir()) /
            ("manifest_yaml_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

std::string OnlyError(const YamlLoadResult& r) {
  EXPECT_THAT(r.diagnostics, SizeIs(1));
  return r.diagnostics.empty() ? "" : r.diagnostics[0].ToString();
}

TEST(ParseYamlDocumentsTest, ConvertsScalarsByYamlCoreSchema) {
  YamlLoadResult r = ParseYamlDocuments(
      "a: 1\nb: -2\nc: \"3\"\nd: true\ne: yes\nf: 1.5\ng: ~\nh:\ni: 18446744073709551615\n"
      "j: !!str 7\nk: [x, 'y']\n",
      "m.yaml");
  ASSERT_THAT(r.diagnostics, IsEmpty());
  ASSERT_THAT(r.documents, SizeIs(1));
  const rapidjson::Document& j = r.documents[0].json;
  EXPECT_TRUE(j["a"].IsUint64());
  EXPECT_EQ(j["a"].GetUint64(), 1u);
  EXPECT_EQ(j["b"].GetInt64(), -2);
  EXPECT_TRUE(j["c"].IsString());
  EXPECT_TRUE(j["d"].IsTrue());
  EXPECT_TRUE(j["e"].IsString());  // YAML 1.1 "yes" is not a boolean here
  EXPECT_TRUE(j["f"].IsDouble());
  EXPECT_TRUE(j["g"].IsNull());
  EXPECT_TRUE(j["h"].IsNull());
  EXPECT_EQ(j["i"].GetUint64(), 18446744073709551615u);
  EXPECT_STREQ(j["j"].GetString(), "7");
  EXPECT_STREQ(j["k"][1].GetString(), "y");
}

TEST(ParseYamlDocumentsTest, RecordsOneBasedPositionsOfValuesAndKeys) {
  YamlLoadResult r = ParseYamlDocuments("kind: Run\nspec:\n  runId: abc\n  list:\n    - 5\n",
                                        "m.yaml");
  ASSERT_THAT(r.documents, SizeIs(1));
  const YamlDocument& d = r.documents[0];
  EXPECT_EQ(d.Locate("/spec/runId").line, 3);
  EXPECT_EQ(d.Locate("/spec/runId").column, 10);
  EXPECT_EQ(d.LocateKey("/spec/runId").column, 3);
  EXPECT_EQ(d.Locate("/spec/list/0").line, 5);
  EXPECT_EQ(d.Locate("/spec/list/0").column, 7);
  // An unknown pointer falls back to its nearest ancestor.
  EXPECT_EQ(d.Locate("/spec/missing").line, d.Locate("/spec").line);
}

TEST(ParseYamlDocumentsTest, SplitsDocumentsAndSkipsEmptyOnes) {
  YamlLoadResult r = ParseYamlDocuments("---\na: 1\n---\n---\nb: 2\n...\n", "m.yaml");
  ASSERT_THAT(r.diagnostics, IsEmpty());
  ASSERT_THAT(r.documents, SizeIs(2));
  EXPECT_EQ(r.documents[1].index, 1);
  EXPECT_TRUE(r.documents[1].json.HasMember("b"));
  EXPECT_EQ(r.documents[1].Locate("/b").line, 5);
}

TEST(ParseYamlDocumentsTest, RefusesAliases) {
  YamlLoadResult r = ParseYamlDocuments("a: &x 1\nb: *x\n", "m.yaml");
  EXPECT_THAT(r.documents, IsEmpty());
  EXPECT_EQ(OnlyError(r), "m.yaml:2:4: YAML aliases (*name) are not supported in manifests; "
                          "write the value out");
}

TEST(ParseYamlDocumentsTest, BillionLaughsFailsFast) {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 30; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  auto start = std::chrono::steady_clock::now();
  YamlLoadResult r = ParseYamlDocuments(text, "bomb.yaml");
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_THAT(OnlyError(r), HasSubstr("bomb.yaml:2:10: YAML aliases"));
  EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST(ParseYamlDocumentsTest, RefusesDuplicateKeys) {
  YamlLoadResult r = ParseYamlDocuments("spec:\n  a: 1\n  a: 2\n", "m.yaml");
  EXPECT_EQ(OnlyError(r), "m.yaml:3:3: duplicate key 'a' (first at line 2)");
}

TEST(ParseYamlDocumentsTest, KeepsIntegersBeyond64BitsAsText) {
  YamlLoadResult r = ParseYamlDocuments(
      "n: 18446744073709551616\nm: -9223372036854775809\nk: 11111111111111111111111111111111\n",
      "m.yaml");
  ASSERT_THAT(r.diagnostics, IsEmpty());
  const rapidjson::Document& j = r.documents.at(0).json;
  EXPECT_STREQ(j["n"].GetString(), "18446744073709551616");
  EXPECT_STREQ(j["m"].GetString(), "-9223372036854775809");
  EXPECT_STREQ(j["k"].GetString(), "11111111111111111111111111111111");
}

TEST(ParseYamlDocumentsTest, RefusesNonStringKeysTagsAndDeepNesting) {
  EXPECT_THAT(OnlyError(ParseYamlDocuments("? [a]\n: 1\n", "m.yaml")),
              HasSubstr("a mapping key must be a string"));
  EXPECT_THAT(OnlyError(ParseYamlDocuments("a: !!binary aGVsbG8=\n", "m.yaml")),
              HasSubstr("explicit tag 'tag:yaml.org,2002:binary' is not supported"));
  EXPECT_THAT(OnlyError(ParseYamlDocuments(std::string(100, '[') + std::string(100, ']'), "m.yaml")),
              HasSubstr("nesting deeper than 64 levels"));
  // Far deeper than yaml-cpp's own recursion guard: still an error, not a crash.
  EXPECT_THAT(OnlyError(ParseYamlDocuments(std::string(100000, '['), "m.yaml")), HasSubstr("m.yaml"));
}

TEST(ParseYamlDocumentsTest, ReportsSyntaxErrorsWithPosition) {
  YamlLoadResult r = ParseYamlDocuments("a: [1, 2\nb: 3\n", "m.yaml");
  EXPECT_THAT(OnlyError(r), HasSubstr("invalid YAML"));
  EXPECT_GT(r.diagnostics[0].position.line, 0);
  EXPECT_THAT(r.documents, IsEmpty());
}

TEST(ParseYamlDocumentsTest, StrayCommaFailsInsteadOfLoopingForever) {
  // yaml-cpp 0.7 alone would report empty documents here without end.
  for (const char* text : {",", ",a: 1\n", "a: 1\n---\n,x\n"}) {
    YamlLoadResult r = ParseYamlDocuments(text, "m.yaml");
    EXPECT_THAT(OnlyError(r), HasSubstr("invalid YAML")) << text;
    EXPECT_THAT(r.documents, IsEmpty());
  }
  EXPECT_EQ(ParseYamlDocuments(",a: 1\n", "m.yaml").diagnostics.at(0).ToString(),
            "m.yaml:1:1: invalid YAML: unexpected character here (the parser cannot continue)");
}

TEST(ParseYamlDocumentsTest, RefusesInvalidUtf8) {
  EXPECT_THAT(OnlyError(ParseYamlDocuments("a: \"\xC3\x28\"\n", "m.yaml")),
              HasSubstr("not valid UTF-8"));
}

TEST(LoadYamlFileTest, RefusesHugeFileBySizeWithoutReadingIt) {
  TempDir dir;
  std::string path = dir.path() + "/huge.yaml";
  { std::ofstream(path) << "a: 1\n"; }
  fs::resize_file(path, 100u << 20);  // sparse: 100 MB without writing them
  auto start = std::chrono::steady_clock::now();
  YamlLoadResult r = LoadYamlFile(path);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(OnlyError(r), path + ": file is 104857600 bytes; the limit is 10485760 bytes");
  EXPECT_LT(elapsed, std::chrono::milliseconds(200));
}

TEST(LoadYamlFileTest, RefusesNonRegularFiles) {
  TempDir dir;
  EXPECT_THAT(OnlyError(LoadYamlFile(dir.path())), HasSubstr("not a regular file"));
  EXPECT_THAT(OnlyError(LoadYamlFile("/dev/zero")), HasSubstr("not a regular file"));
}

TEST(ListManifestFilesTest, WalksDirectoriesSortedAndSkipsHiddenAndOtherFiles) {
  TempDir dir;
  dir.Write("b.yaml", "a: 1\n");
  dir.Write("a/z.yml", "a: 1\n");
  dir.Write("a/notes.txt", "x");
  dir.Write(".hidden/c.yaml", "a: 1\n");
  dir.Write("a/.d.yaml", "a: 1\n");
  std::vector<Diagnostic> diags;
  std::vector<std::string> files =
      ListManifestFiles({dir.path(), dir.path() + "/b.yaml", dir.path() + "/nope"}, &diags);
  EXPECT_THAT(files, ::testing::ElementsAre(dir.path() + "/a/z.yml", dir.path() + "/b.yaml"));
  ASSERT_THAT(diags, SizeIs(1));
  EXPECT_EQ(diags[0].ToString(), dir.path() + "/nope: no such file or directory");
}

TEST(LoadYamlPathsTest, KeepsGoodFilesAndReportsBadOnes) {
  TempDir dir;
  dir.Write("1.yaml", "a: 1\n---\nb: 2\n");
  dir.Write("2.yaml", "a: *nope\n");
  YamlLoadResult r = LoadYamlPaths({dir.path()});
  EXPECT_THAT(r.documents, SizeIs(2));
  ASSERT_THAT(r.diagnostics, SizeIs(1));
  EXPECT_EQ(r.diagnostics[0].file, dir.path() + "/2.yaml");
}

}  // namespace
}  // namespace reconciler
