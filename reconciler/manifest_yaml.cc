#include "reconciler/manifest_yaml.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "reconciler/bounded_file.h"

namespace reconciler {
namespace fs = std::filesystem;

SourcePosition YamlDocument::Locate(absl::string_view pointer) const {
  std::string p(pointer);
  while (true) {
    if (auto it = value_positions.find(p); it != value_positions.end()) return it->second;
    if (p.empty()) return {};
    p.erase(p.rfind('/'));
  }
}

SourcePosition YamlDocument::LocateKey(absl::string_view pointer) const {
  if (auto it = key_positions.find(std::string(pointer)); it != key_positions.end()) {
    return it->second;
  }
  return Locate(pointer);
}

namespace {

// Manifests are a few levels deep; the cap keeps every later recursive walk
// (schema validation, conversion) shallow whatever the input.
constexpr int kMaxDepth = 64;

constexpr absl::string_view kStrTag = "tag:yaml.org,2002:str";

SourcePosition PositionOf(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return {};
  return SourcePosition{mark.line + 1, mark.column + 1};
}

// Thrown by the event handler to stop yaml-cpp at the first refused construct;
// caught in ParseYamlDocuments and never seen outside this file.
struct Refusal {
  SourcePosition position;
  std::string message;
};

bool IsValidUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t extra;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong encodings, surrogates and values past U+10FFFF are invalid.
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

bool AllDigits(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), absl::ascii_isdigit);
}

absl::string_view StripSign(absl::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  return s;
}

// YAML 1.2 core schema: [-+]?[0-9]+
bool IsIntegerLiteral(absl::string_view s) { return AllDigits(StripSign(s)); }

// YAML 1.2 core schema: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool IsFloatLiteral(absl::string_view s) {
  s = StripSign(s);
  size_t exp = s.find_first_of("eE");
  absl::string_view mantissa = s.substr(0, exp);
  if (exp != absl::string_view::npos && !AllDigits(StripSign(s.substr(exp + 1)))) return false;
  size_t dot = mantissa.find('.');
  if (dot == absl::string_view::npos) return AllDigits(mantissa);
  absl::string_view whole = mantissa.substr(0, dot);
  absl::string_view frac = mantissa.substr(dot + 1);
  if (whole.empty()) return AllDigits(frac);
  return AllDigits(whole) && (frac.empty() || AllDigits(frac));
}

std::string EscapePointerToken(absl::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// Builds one RapidJSON document per YAML document from yaml-cpp's events.
class DocumentBuilder : public YAML::EventHandler {
 public:
  std::vector<YamlDocument> TakeDocuments() { return std::move(documents_); }

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 can report the same empty document forever on some invalid
    // input (a stray ',' at the top level, yaml-cpp issue #1040); a document
    // that starts where the previous one started means it made no progress.
    if (mark.pos == last_document_pos_) {
      Refuse(mark, "invalid YAML: unexpected character here (the parser cannot continue)");
    }
    last_document_pos_ = mark.pos;
    current_ = YamlDocument{};
    stack_.clear();
    root_ = rapidjson::Value();
    have_root_ = false;
  }

  void OnDocumentEnd() override {
    if (!have_root_ || root_.IsNull()) return;  // an empty document
    static_cast<rapidjson::Value&>(current_.json) = root_;  // moves
    current_.index = static_cast<int>(documents_.size());
    documents_.push_back(std::move(current_));
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override {
    if (AwaitingKey()) Refuse(mark, "a mapping key must be a non-empty string");
    // yaml-cpp marks an empty value at the next token; the key is the better place.
    SourcePosition pos = InMap() ? stack_.back().key_position : PositionOf(mark);
    AddLeaf(rapidjson::Value(), pos);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override {
    Refuse(mark, "YAML aliases (*name) are not supported in manifests; write the value out");
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t /*anchor*/,
                const std::string& value) override {
    if (!IsValidUtf8(value)) Refuse(mark, "text is not valid UTF-8");
    if (AwaitingKey()) {
      if (tag != "?" && tag != "!" && tag != kStrTag) Refuse(mark, "a mapping key must be a string");
      SetKey(mark, value);
      return;
    }
    AddLeaf(ResolveScalar(mark, tag, value), PositionOf(mark));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t /*anchor*/,
                       YAML::EmitterStyle::value /*style*/) override {
    OpenCollection(mark, tag, /*is_map=*/false);
  }
  void OnSequenceEnd() override { CloseCollection(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t /*anchor*/,
                  YAML::EmitterStyle::value /*style*/) override {
    OpenCollection(mark, tag, /*is_map=*/true);
  }
  void OnMapEnd() override { CloseCollection(); }

 private:
  struct Frame {
    bool is_map = false;
    std::string pointer;
    rapidjson::Value value;
    bool have_key = false;  // maps: a key was read, its value is next
    std::string key;
    SourcePosition key_position;
    size_t next_index = 0;  // sequences
  };

  [[noreturn]] static void Refuse(const YAML::Mark& mark, std::string message) {
    throw Refusal{PositionOf(mark), std::move(message)};
  }

  bool InMap() const { return !stack_.empty() && stack_.back().is_map; }
  bool AwaitingKey() const { return InMap() && !stack_.back().have_key; }

  void SetKey(const YAML::Mark& mark, const std::string& key) {
    Frame& top = stack_.back();
    std::string pointer = absl::StrCat(top.pointer, "/", EscapePointerToken(key));
    if (auto it = current_.key_positions.find(pointer); it != current_.key_positions.end()) {
      Refuse(mark, absl::StrCat("duplicate key '", key, "' (first at line ", it->second.line, ")"));
    }
    top.have_key = true;
    top.key = key;
    top.key_position = PositionOf(mark);
    current_.key_positions[pointer] = top.key_position;
  }

  std::string ChildPointer() const {
    if (stack_.empty()) return "";
    const Frame& top = stack_.back();
    if (top.is_map) return absl::StrCat(top.pointer, "/", EscapePointerToken(top.key));
    return absl::StrCat(top.pointer, "/", top.next_index);
  }

  void AddLeaf(rapidjson::Value value, SourcePosition pos) {
    current_.value_positions[ChildPointer()] = pos;
    Attach(value);
  }

  void OpenCollection(const YAML::Mark& mark, const std::string& tag, bool is_map) {
    if (AwaitingKey()) Refuse(mark, "a mapping key must be a string, not a collection");
    const char* std_tag = is_map ? "tag:yaml.org,2002:map" : "tag:yaml.org,2002:seq";
    if (tag != "?" && tag != "!" && tag != std_tag) {
      Refuse(mark, absl::StrCat("explicit tag '", tag, "' is not supported"));
    }
    if (stack_.size() >= static_cast<size_t>(kMaxDepth)) {
      Refuse(mark, absl::StrCat("nesting deeper than ", kMaxDepth, " levels"));
    }
    Frame frame;
    frame.is_map = is_map;
    frame.pointer = ChildPointer();
    if (is_map) {
      frame.value.SetObject();
    } else {
      frame.value.SetArray();
    }
    current_.value_positions[frame.pointer] = PositionOf(mark);
    stack_.push_back(std::move(frame));
  }

  void CloseCollection() {
    rapidjson::Value value(std::move(stack_.back().value));
    stack_.pop_back();
    Attach(value);
  }

  // Moves `value` into the enclosing collection, or makes it the root.
  void Attach(rapidjson::Value& value) {
    auto& alloc = current_.json.GetAllocator();
    if (stack_.empty()) {
      root_ = value;
      have_root_ = true;
      return;
    }
    Frame& top = stack_.back();
    if (top.is_map) {
      rapidjson::Value key(top.key.data(), static_cast<rapidjson::SizeType>(top.key.size()), alloc);
      top.value.AddMember(key, value, alloc);
      top.have_key = false;
    } else {
      top.value.PushBack(value, alloc);
      ++top.next_index;
    }
  }

  rapidjson::Value ResolveScalar(const YAML::Mark& mark, const std::string& tag,
                                 const std::string& text) {
    auto& alloc = current_.json.GetAllocator();
    rapidjson::Value as_string(text.data(), static_cast<rapidjson::SizeType>(text.size()), alloc);
    if (tag == "!" || tag == kStrTag) return as_string;
    if (tag != "?") Refuse(mark, absl::StrCat("explicit tag '", tag, "' is not supported"));
    if (text == "~" || text == "null" || text == "Null" || text == "NULL") return rapidjson::Value();
    if (text == "true" || text == "True" || text == "TRUE") return rapidjson::Value(true);
    if (text == "false" || text == "False" || text == "FALSE") return rapidjson::Value(false);
    if (IsIntegerLiteral(text)) {
      if (text[0] == '-') {
        int64_t v;
        if (absl::SimpleAtoi(text, &v)) return rapidjson::Value(v);
      } else {
        uint64_t v;
        if (absl::SimpleAtoi(text, &v)) return rapidjson::Value(v);
      }
      // Too big for 64 bits: kept as text, so an all-digit base58 key such as
      // 11111111111111111111111111111111 works unquoted, and an amount field
      // reports the overflow itself.
      return as_string;
    }
    if (IsFloatLiteral(text)) {
      double d = std::strtod(text.c_str(), nullptr);
      if (std::isfinite(d)) return rapidjson::Value(d);
    }
    return as_string;
  }

  std::vector<YamlDocument> documents_;
  YamlDocument current_;
  std::vector<Frame> stack_;
  rapidjson::Value root_;
  bool have_root_ = false;
  int last_document_pos_ = -1;
};

}  // namespace

YamlLoadResult ParseYamlDocuments(const std::string& text, const std::string& file) {
  YamlLoadResult result;
  std::istringstream in(text);
  DocumentBuilder builder;
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const Refusal& r) {
    result.diagnostics.push_back(Error(file, r.position, "", r.message));
    return result;
  } catch (const YAML::Exception& e) {
    result.diagnostics.push_back(
        Error(file, PositionOf(e.mark), "", absl::StrCat("invalid YAML: ", e.msg)));
    return result;
  } catch (const std::exception& e) {
    result.diagnostics.push_back(Error(file, {}, "", absl::StrCat("cannot parse: ", e.what())));
    return result;
  }
  result.documents = builder.TakeDocuments();
  for (YamlDocument& doc : result.documents) doc.file = file;
  return result;
}

YamlLoadResult LoadYamlFile(const std::string& path, uint64_t max_bytes) {
  absl::StatusOr<std::string> text = ReadBoundedFile(path, max_bytes);
  if (!text.ok()) {
    YamlLoadResult result;
    result.diagnostics.push_back(Error(path, {}, "", std::string(text.status().message())));
    return result;
  }
  return ParseYamlDocuments(*text, path);
}

std::vector<std::string> ListManifestFiles(const std::vector<std::string>& paths,
                                           std::vector<Diagnostic>* diagnostics) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  auto add = [&](const std::string& file) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(file, ec);
    if (seen.insert(ec ? file : canonical.string()).second) files.push_back(file);
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      diagnostics->push_back(Error(path, {}, "", "no such file or directory"));
      continue;
    }
    if (!fs::is_directory(status)) {
      add(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      if (p.filename().string().starts_with(".")) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      std::string ext = p.extension().string();
      if ((ext == ".yaml" || ext == ".yml") && it->is_regular_file(ec)) found.push_back(p.string());
    }
    if (ec) diagnostics->push_back(Error(path, {}, "", absl::StrCat("cannot list: ", ec.message())));
    std::sort(found.begin(), found.end());
    for (const std::string& f : found) add(f);
  }
  return files;
}

YamlLoadResult LoadYamlPaths(const std::vector<std::string>& paths, uint64_t max_bytes) {
  YamlLoadResult result;
  for (const std::string& file : ListManifestFiles(paths, &result.diagnostics)) {
    YamlLoadResult one = LoadYamlFile(file, max_bytes);
    for (auto& d : one.documents) result.documents.push_back(std::move(d));
    for (auto& d : one.diagnostics) result.diagnostics.push_back(std::move(d));
  }
  return result;
}

}  // namespace reconciler
