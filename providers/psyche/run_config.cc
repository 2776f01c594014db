#include "providers/psyche/run_config.h"

#include <toml++/toml.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "providers/psyche/coordinator_instruction_data.h"

namespace psyche {
namespace {

const char* TypeName(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "table";
    case toml::node_type::array:
      return "array";
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "float";
    case toml::node_type::boolean:
      return "boolean";
    case toml::node_type::date:
      return "date";
    case toml::node_type::time:
      return "time";
    case toml::node_type::date_time:
      return "date-time";
    default:
      return "nothing";
  }
}

// toml++ speaks std::string_view; this abseil build's string_view is distinct.
absl::string_view AV(std::string_view s) { return absl::string_view(s.data(), s.size()); }
std::string_view SV(absl::string_view s) { return std::string_view(s.data(), s.size()); }

std::string Join(absl::string_view path, absl::string_view key) {
  return path.empty() ? std::string(key) : absl::StrCat(path, ".", key);
}

// Collects every problem with its location; parsing goes on after an error so
// one run reports all of them.
class Context {
 public:
  explicit Context(std::string source) : source_(std::move(source)) {}

  void Error(const toml::source_region& where, absl::string_view key, absl::string_view msg) {
    errors_.push_back(absl::StrCat(source_, ":", where.begin.line, ":", where.begin.column, ": ",
                                   key, ": ", msg));
  }
  bool ok() const { return errors_.empty(); }
  absl::Status Status() const { return absl::InvalidArgumentError(absl::StrJoin(errors_, "\n")); }

 private:
  std::string source_;
  std::vector<std::string> errors_;
};

// A table being read: remembers which keys were consumed so the rest can be
// reported as unknown.
class TableReader {
 public:
  TableReader(Context& ctx, const toml::table& table, std::string path)
      : ctx_(ctx), table_(table), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  const toml::table& table() const { return table_; }
  Context& ctx() { return ctx_; }

  // The node under `key`, or nullptr (after reporting it unless optional).
  const toml::node* Get(absl::string_view key, bool required = true) {
    used_.emplace_back(key);
    const toml::node* n = table_.get(SV(key));
    if (n == nullptr && required) {
      ctx_.Error(table_.source(), Join(path_, key), "missing required key");
    }
    return n;
  }
  // Keys present but never asked for.
  void RejectUnknownKeys() {
    for (auto&& [k, v] : table_) {
      bool known = false;
      for (const auto& u : used_) known = known || u == k.str();
      if (!known) ctx_.Error(k.source(), Join(path_, AV(k.str())), "unknown key");
    }
  }

 private:
  Context& ctx_;
  const toml::table& table_;
  std::string path_;
  std::vector<std::string> used_;
};

// ---- scalar readers (report and return nullopt on problems) ----

template <typename U>
std::optional<U> ReadUnsigned(Context& ctx, const toml::node* n, absl::string_view key) {
  if (n == nullptr) return std::nullopt;
  if (!n->is_integer()) {
    ctx.Error(n->source(), key, absl::StrCat("expected an integer, got a ", TypeName(*n)));
    return std::nullopt;
  }
  int64_t v = n->as_integer()->get();
  constexpr uint64_t kMax = std::numeric_limits<U>::max();
  if (v < 0 || static_cast<uint64_t>(v) > kMax) {
    ctx.Error(n->source(), key,
              absl::StrCat("value ", v, " out of range for u", sizeof(U) * 8, " (0..", kMax, ")"));
    return std::nullopt;
  }
  return static_cast<U>(v);
}

template <typename U>
std::optional<U> Unsigned(TableReader& t, absl::string_view key) {
  return ReadUnsigned<U>(t.ctx(), t.Get(key), Join(t.path(), key));
}

std::optional<double> ReadF64(Context& ctx, const toml::node* n, absl::string_view key) {
  if (n == nullptr) return std::nullopt;
  double v;
  if (n->is_floating_point()) {
    v = n->as_floating_point()->get();
  } else if (n->is_integer()) {
    v = static_cast<double>(n->as_integer()->get());
  } else {
    ctx.Error(n->source(), key, absl::StrCat("expected a number, got a ", TypeName(*n)));
    return std::nullopt;
  }
  if (!std::isfinite(v)) {
    ctx.Error(n->source(), key, "NaN and infinity are not accepted");
    return std::nullopt;
  }
  return v;
}

std::optional<float> ReadF32(Context& ctx, const toml::node* n, absl::string_view key) {
  std::optional<double> d = ReadF64(ctx, n, key);
  if (!d) return std::nullopt;
  float f = static_cast<float>(*d);  // round to nearest, as Rust's `as f32`
  if (!std::isfinite(f)) {
    ctx.Error(n->source(), key, absl::StrCat("value ", *d, " out of range for f32"));
    return std::nullopt;
  }
  return f;
}

std::optional<double> F64(TableReader& t, absl::string_view key) {
  return ReadF64(t.ctx(), t.Get(key), Join(t.path(), key));
}
std::optional<float> F32(TableReader& t, absl::string_view key) {
  return ReadF32(t.ctx(), t.Get(key), Join(t.path(), key));
}
// Absent = None; present but invalid is reported (and the result is None).
std::optional<float> OptionalF32(TableReader& t, absl::string_view key) {
  const toml::node* n = t.Get(key, /*required=*/false);
  if (n == nullptr) return std::nullopt;
  return ReadF32(t.ctx(), n, Join(t.path(), key));
}

std::optional<bool> Bool(TableReader& t, absl::string_view key) {
  const toml::node* n = t.Get(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_boolean()) {
    t.ctx().Error(n->source(), Join(t.path(), key),
                  absl::StrCat("expected a boolean, got a ", TypeName(*n)));
    return std::nullopt;
  }
  return n->as_boolean()->get();
}

std::optional<std::string> ReadFixedString(Context& ctx, const toml::node* n, absl::string_view key,
                                           size_t capacity) {
  if (n == nullptr) return std::nullopt;
  if (!n->is_string()) {
    ctx.Error(n->source(), key, absl::StrCat("expected a string, got a ", TypeName(*n)));
    return std::nullopt;
  }
  const std::string& s = n->as_string()->get();
  if (s.size() > capacity) {
    ctx.Error(n->source(), key,
              absl::StrCat("string is ", s.size(), " bytes; at most ", capacity,
                           " fit on chain (the admin CLI would silently truncate it)"));
    return std::nullopt;
  }
  if (s.find('\0') != std::string::npos) {
    ctx.Error(n->source(), key, "string contains a NUL byte, which ends a FixedString on chain");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> FixedString(TableReader& t, absl::string_view key, size_t capacity) {
  return ReadFixedString(t.ctx(), t.Get(key), Join(t.path(), key), capacity);
}
std::optional<std::string> OptionalFixedString(TableReader& t, absl::string_view key,
                                               size_t capacity, bool* bad) {
  const toml::node* n = t.Get(key, /*required=*/false);
  if (n == nullptr) return std::nullopt;
  auto s = ReadFixedString(t.ctx(), n, Join(t.path(), key), capacity);
  if (!s) *bad = true;
  return s;
}

const toml::table* ReadTable(Context& ctx, const toml::node* n, absl::string_view key) {
  if (n == nullptr) return nullptr;
  if (!n->is_table()) {
    ctx.Error(n->source(), key, absl::StrCat("expected a table, got a ", TypeName(*n)));
    return nullptr;
  }
  return n->as_table();
}

// ---- externally tagged enums ----

// One Rust enum: its variant names (index = tag) and which variants carry data.
template <size_t N>
struct EnumSpec {
  const std::array<std::string_view, N>& names;
  std::array<bool, N> has_data;
};

struct EnumValue {
  size_t index = 0;
  const toml::node* payload = nullptr;  // null for unit variants
  std::string payload_key;              // e.g. "model.LLM.checkpoint.Hub"
};

template <size_t N>
std::string VariantList(const std::array<std::string_view, N>& names) {
  std::string out;
  for (size_t i = 0; i < N; ++i) absl::StrAppend(&out, i ? ", " : "", "\"", AV(names[i]), "\"");
  return out;
}

// A unit variant is a string; a data variant is a table with exactly one key.
template <size_t N>
std::optional<EnumValue> ReadEnum(Context& ctx, const toml::node* n, absl::string_view key,
                                  const EnumSpec<N>& spec) {
  if (n == nullptr) return std::nullopt;
  if (n->is_string()) {
    const std::string& name = n->as_string()->get();
    auto index = NameIndex(name, spec.names);
    if (!index) {
      ctx.Error(n->source(), key,
                absl::StrCat("unknown variant \"", name, "\"; expected one of ",
                             VariantList(spec.names)));
      return std::nullopt;
    }
    if (spec.has_data[*index]) {
      ctx.Error(n->source(), key,
                absl::StrCat("variant \"", name, "\" needs a value: write it as a table { ", name,
                             " = ... }"));
      return std::nullopt;
    }
    return EnumValue{*index, nullptr, ""};
  }
  if (!n->is_table()) {
    ctx.Error(
        n->source(), key,
        absl::StrCat("expected a variant name string or a one-key table, got a ", TypeName(*n)));
    return std::nullopt;
  }
  const toml::table& t = *n->as_table();
  if (t.size() != 1) {
    ctx.Error(n->source(), key,
              absl::StrCat("expected exactly one variant key, found ", t.size(), "; one of ",
                           VariantList(spec.names)));
    return std::nullopt;
  }
  auto first = t.begin();
  const toml::key& k = first->first;
  const toml::node& v = first->second;
  auto index = NameIndex(k.str(), spec.names);
  if (!index) {
    ctx.Error(k.source(), Join(key, AV(k.str())),
              absl::StrCat("unknown variant; expected one of ", VariantList(spec.names)));
    return std::nullopt;
  }
  if (!spec.has_data[*index]) {
    ctx.Error(k.source(), Join(key, AV(k.str())),
              absl::StrCat("unit variant: write it as the string \"", AV(k.str()), "\""));
    return std::nullopt;
  }
  return EnumValue{*index, &v, Join(key, AV(k.str()))};
}

template <size_t N>
std::optional<EnumValue> Enum(TableReader& t, absl::string_view key, const EnumSpec<N>& spec) {
  return ReadEnum(t.ctx(), t.Get(key), Join(t.path(), key), spec);
}

// A unit-only enum whose C++ type is an enum class with tag values.
template <typename E, size_t N>
std::optional<E> UnitEnum(TableReader& t, absl::string_view key,
                          const std::array<std::string_view, N>& names) {
  EnumSpec<N> spec{names, {}};
  auto v = Enum(t, key, spec);
  if (!v) return std::nullopt;
  return static_cast<E>(v->index);
}

// ---- model parts ----

std::optional<HubRepo> ReadHubRepo(Context& ctx, const EnumValue& e) {
  const toml::table* tbl = ReadTable(ctx, e.payload, e.payload_key);
  if (tbl == nullptr) return std::nullopt;
  TableReader t(ctx, *tbl, e.payload_key);
  bool bad = false;
  auto repo_id = FixedString(t, "repo_id", kRepoIdCapacity);
  auto revision = OptionalFixedString(t, "revision", kRepoIdCapacity, &bad);
  t.RejectUnknownKeys();
  if (!repo_id || bad) return std::nullopt;
  return HubRepo{*repo_id, revision};
}

std::optional<GcsRepo> ReadGcsRepo(Context& ctx, const EnumValue& e) {
  const toml::table* tbl = ReadTable(ctx, e.payload, e.payload_key);
  if (tbl == nullptr) return std::nullopt;
  TableReader t(ctx, *tbl, e.payload_key);
  bool bad = false;
  auto bucket = FixedString(t, "bucket", kBucketCapacity);
  auto prefix = OptionalFixedString(t, "prefix", kBucketCapacity, &bad);
  t.RejectUnknownKeys();
  if (!bucket || bad) return std::nullopt;
  return GcsRepo{*bucket, prefix};
}

std::optional<Checkpoint> ReadCheckpoint(TableReader& llm) {
  static constexpr EnumSpec<6> kSpec{kCheckpointNames, {false, true, true, true, true, true}};
  auto e = Enum(llm, "checkpoint", kSpec);
  if (!e) return std::nullopt;
  Context& ctx = llm.ctx();
  auto hub = [&]() { return ReadHubRepo(ctx, *e); };
  auto gcs = [&]() { return ReadGcsRepo(ctx, *e); };
  switch (e->index) {
    case 0:
      return CheckpointEphemeral{};
    case 1:
      if (auto r = hub()) return CheckpointDummy{*r};
      break;
    case 2:
      if (auto r = hub()) return CheckpointHub{*r};
      break;
    case 3:
      if (auto r = hub()) return CheckpointP2P{*r};
      break;
    case 4:
      if (auto r = gcs()) return CheckpointGcs{*r};
      break;
    default:
      if (auto r = gcs()) return CheckpointP2PGcs{*r};
      break;
  }
  return std::nullopt;
}

std::optional<HttpTrainingDataLocation> ReadHttpLocation(TableReader& http) {
  static constexpr EnumSpec<3> kSpec{kHttpTrainingDataLocationNames, {true, true, true}};
  auto e = Enum(http, "location", kSpec);
  if (!e) return std::nullopt;
  Context& ctx = http.ctx();
  if (e->index == 0) {
    auto url = ReadFixedString(ctx, e->payload, e->payload_key, kDataPathCapacity);
    if (!url) return std::nullopt;
    return HttpSingleUrl{*url};
  }
  const toml::table* tbl = ReadTable(ctx, e->payload, e->payload_key);
  if (tbl == nullptr) return std::nullopt;
  TableReader t(ctx, *tbl, e->payload_key);
  if (e->index == 1) {
    auto url_template = FixedString(t, "url_template", kUrlTemplateCapacity);
    auto start_index = Unsigned<uint32_t>(t, "start_index");
    auto pad = Unsigned<uint8_t>(t, "n_left_pad_zeros");
    auto num_files = Unsigned<uint32_t>(t, "num_files");
    t.RejectUnknownKeys();
    if (!url_template || !start_index || !pad || !num_files) return std::nullopt;
    return HttpNumberedFiles{*url_template, *start_index, *pad, *num_files};
  }
  auto bucket_name = FixedString(t, "bucket_name", kGcpBucketNameCapacity);
  auto filter = FixedString(t, "filter_directory", kGcpFilterDirectoryCapacity);
  t.RejectUnknownKeys();
  if (!bucket_name || !filter) return std::nullopt;
  return HttpGcp{*bucket_name, *filter};
}

std::optional<Shuffle> ReadShuffle(TableReader& http) {
  static constexpr EnumSpec<2> kSpec{kShuffleNames, {false, true}};
  auto e = Enum(http, "shuffle", kSpec);
  if (!e) return std::nullopt;
  if (e->index == 0) return ShuffleDontShuffle{};
  Context& ctx = http.ctx();
  const toml::node* n = e->payload;
  if (!n->is_array() || n->as_array()->size() != 32) {
    ctx.Error(n->source(), e->payload_key, "expected an array of exactly 32 integers 0..255");
    return std::nullopt;
  }
  ShuffleSeeded s;
  bool ok = true;
  for (size_t i = 0; i < 32; ++i) {
    auto b = ReadUnsigned<uint8_t>(ctx, n->as_array()->get(i),
                                   absl::StrCat(e->payload_key, "[", i, "]"));
    if (b) {
      s.seed[i] = *b;
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return s;
}

std::optional<LLMTrainingDataLocation> ReadDataLocation(TableReader& llm) {
  static constexpr EnumSpec<6> kSpec{kLLMTrainingDataLocationNames,
                                     {false, true, true, true, true, true}};
  auto e = Enum(llm, "data_location", kSpec);
  if (!e) return std::nullopt;
  Context& ctx = llm.ctx();
  auto string_payload = [&](size_t capacity) {
    return ReadFixedString(ctx, e->payload, e->payload_key, capacity);
  };
  switch (e->index) {
    case 0:
      return DataLocationDummy{};
    case 1:
      if (auto s = string_payload(kServerAddressCapacity)) return DataLocationServer{*s};
      break;
    case 2:
      if (auto s = string_payload(kDataPathCapacity)) return DataLocationLocal{*s};
      break;
    case 4:
      if (auto s = string_payload(kDataPathCapacity)) return DataLocationWeightedHttp{*s};
      break;
    case 5:
      if (auto s = string_payload(kDataPathCapacity)) return DataLocationPreprocessed{*s};
      break;
    default: {
      const toml::table* tbl = ReadTable(ctx, e->payload, e->payload_key);
      if (tbl == nullptr) return std::nullopt;
      TableReader t(ctx, *tbl, e->payload_key);
      auto location = ReadHttpLocation(t);
      auto token_size = UnitEnum<TokenSize>(t, "token_size_in_bytes", kTokenSizeNames);
      auto shuffle = ReadShuffle(t);
      t.RejectUnknownKeys();
      if (!location || !token_size || !shuffle) return std::nullopt;
      return DataLocationHttp{*location, *token_size, *shuffle};
    }
  }
  return std::nullopt;
}

std::optional<LearningRateSchedule> ReadLrSchedule(TableReader& llm) {
  static constexpr EnumSpec<4> kSpec{kLearningRateScheduleNames, {true, true, true, true}};
  auto e = Enum(llm, "lr_schedule", kSpec);
  if (!e) return std::nullopt;
  const toml::table* tbl = ReadTable(llm.ctx(), e->payload, e->payload_key);
  if (tbl == nullptr) return std::nullopt;
  TableReader t(llm.ctx(), *tbl, e->payload_key);
  std::optional<LearningRateSchedule> out;
  switch (e->index) {
    case 0: {
      auto base = F64(t, "base_lr");
      auto init = F64(t, "warmup_init_lr");
      auto warmup = Unsigned<uint32_t>(t, "warmup_steps");
      if (base && init && warmup) out = LrConstant{*base, *init, *warmup};
      break;
    }
    case 1:
    case 2: {
      auto base = F64(t, "base_lr");
      auto init = F64(t, "warmup_init_lr");
      auto final_lr = F64(t, "final_lr");
      auto warmup = Unsigned<uint32_t>(t, "warmup_steps");
      auto total = Unsigned<uint32_t>(t, "total_steps");
      if (base && init && final_lr && warmup && total) {
        if (e->index == 1) {
          out = LrLinear{*base, *init, *final_lr, *warmup, *total};
        } else {
          out = LrCosine{*base, *init, *final_lr, *warmup, *total};
        }
      }
      break;
    }
    default: {
      auto base = F64(t, "base_lr");
      auto init = F64(t, "warmup_init_lr");
      auto cosine_final = F64(t, "cosine_decay_final_lr");
      auto linear_final = F64(t, "linear_decay_final_lr");
      auto warmup = Unsigned<uint32_t>(t, "warmup_steps");
      auto stable = Unsigned<uint32_t>(t, "stable_steps");
      auto cosine_steps = Unsigned<uint32_t>(t, "cosine_decay_steps");
      auto linear_steps = Unsigned<uint32_t>(t, "linear_decay_steps");
      if (base && init && cosine_final && linear_final && warmup && stable && cosine_steps &&
          linear_steps) {
        out = LrWarmupStableDecay{*base,   *init,   *cosine_final, *linear_final,
                                  *warmup, *stable, *cosine_steps, *linear_steps};
      }
      break;
    }
  }
  t.RejectUnknownKeys();
  return out;
}

std::optional<OptimizerDefinition> ReadOptimizer(TableReader& llm) {
  static constexpr EnumSpec<3> kSpec{kOptimizerNames, {false, true, true}};
  auto e = Enum(llm, "optimizer", kSpec);
  if (!e) return std::nullopt;
  if (e->index == 0) return OptimizerDummy{};
  Context& ctx = llm.ctx();
  const toml::table* tbl = ReadTable(ctx, e->payload, e->payload_key);
  if (tbl == nullptr) return std::nullopt;
  TableReader t(ctx, *tbl, e->payload_key);
  std::optional<OptimizerDefinition> out;
  if (e->index == 1) {
    std::optional<std::array<float, 2>> betas;
    if (const toml::node* n = t.Get("betas")) {
      std::string key = Join(t.path(), "betas");
      if (!n->is_array() || n->as_array()->size() != 2) {
        ctx.Error(n->source(), key, "expected an array of exactly 2 numbers");
      } else {
        auto b0 = ReadF32(ctx, n->as_array()->get(0), absl::StrCat(key, "[0]"));
        auto b1 = ReadF32(ctx, n->as_array()->get(1), absl::StrCat(key, "[1]"));
        if (b0 && b1) betas = std::array<float, 2>{*b0, *b1};
      }
    }
    auto weight_decay = F32(t, "weight_decay");
    auto eps = F32(t, "eps");
    bool clip_present = t.table().contains("clip_grad_norm");
    auto clip = OptionalF32(t, "clip_grad_norm");
    if (betas && weight_decay && eps && (clip || !clip_present)) {
      out = OptimizerAdamW{*betas, *weight_decay, *eps, clip};
    }
  } else {
    bool clip_present = t.table().contains("clip_grad_norm");
    bool wd_present = t.table().contains("weight_decay");
    auto clip = OptionalF32(t, "clip_grad_norm");
    auto weight_decay = OptionalF32(t, "weight_decay");
    auto decay = F32(t, "compression_decay");
    auto topk = Unsigned<uint16_t>(t, "compression_topk");
    auto chunk = Unsigned<uint16_t>(t, "compression_chunk");
    auto quantize = Bool(t, "quantize_1bit");
    if ((clip || !clip_present) && (weight_decay || !wd_present) && decay && topk && chunk &&
        quantize) {
      out = OptimizerDistro{clip, weight_decay, *decay, *topk, *chunk, *quantize};
    }
  }
  t.RejectUnknownKeys();
  return out;
}

std::optional<Model> ReadModel(Context& ctx, const toml::node* n) {
  static constexpr EnumSpec<1> kSpec{kModelNames, {true}};
  auto e = ReadEnum(ctx, n, "model", kSpec);
  if (!e) return std::nullopt;
  const toml::table* tbl = ReadTable(ctx, e->payload, e->payload_key);
  if (tbl == nullptr) return std::nullopt;
  TableReader t(ctx, *tbl, e->payload_key);
  auto max_seq_len = Unsigned<uint32_t>(t, "max_seq_len");
  auto cold_start = Unsigned<uint32_t>(t, "cold_start_warmup_steps");
  auto architecture = UnitEnum<LLMArchitecture>(t, "architecture", kLLMArchitectureNames);
  auto checkpoint = ReadCheckpoint(t);
  auto data_type = UnitEnum<LLMTrainingDataType>(t, "data_type", kLLMTrainingDataTypeNames);
  auto data_location = ReadDataLocation(t);
  auto lr_schedule = ReadLrSchedule(t);
  auto optimizer = ReadOptimizer(t);
  t.RejectUnknownKeys();
  if (!max_seq_len || !cold_start || !architecture || !checkpoint || !data_type || !data_location ||
      !lr_schedule || !optimizer) {
    return std::nullopt;
  }
  return LLM{*max_seq_len, *cold_start,    *architecture, *checkpoint,
             *data_type,   *data_location, *lr_schedule,  *optimizer};
}

std::optional<CoordinatorConfig> ReadConfig(Context& ctx, const toml::node* n) {
  const toml::table* tbl = ReadTable(ctx, n, "config");
  if (tbl == nullptr) return std::nullopt;
  TableReader t(ctx, *tbl, "config");
  auto warmup_time = Unsigned<uint64_t>(t, "warmup_time");
  auto cooldown_time = Unsigned<uint64_t>(t, "cooldown_time");
  auto max_round_train_time = Unsigned<uint64_t>(t, "max_round_train_time");
  auto round_witness_time = Unsigned<uint64_t>(t, "round_witness_time");
  auto warmup_tokens = Unsigned<uint64_t>(t, "global_batch_size_warmup_tokens");
  auto epoch_time = Unsigned<uint64_t>(t, "epoch_time");
  auto total_steps = Unsigned<uint32_t>(t, "total_steps");
  auto init_min_clients = Unsigned<uint16_t>(t, "init_min_clients");
  auto min_clients = Unsigned<uint16_t>(t, "min_clients");
  auto witness_nodes = Unsigned<uint16_t>(t, "witness_nodes");
  auto gbs_start = Unsigned<uint16_t>(t, "global_batch_size_start");
  auto gbs_end = Unsigned<uint16_t>(t, "global_batch_size_end");
  auto verification_percent = Unsigned<uint8_t>(t, "verification_percent");
  auto wfm_extra = Unsigned<uint8_t>(t, "waiting_for_members_extra_time");
  t.RejectUnknownKeys();
  if (!warmup_time || !cooldown_time || !max_round_train_time || !round_witness_time ||
      !warmup_tokens || !epoch_time || !total_steps || !init_min_clients || !min_clients ||
      !witness_nodes || !gbs_start || !gbs_end || !verification_percent || !wfm_extra) {
    return std::nullopt;
  }
  return CoordinatorConfig{
      *warmup_time, *cooldown_time, *max_round_train_time, *round_witness_time, *warmup_tokens,
      *epoch_time,  *total_steps,   *init_min_clients,     *min_clients,        *witness_nodes,
      *gbs_start,   *gbs_end,       *verification_percent, *wfm_extra};
}

// The data provider's TOML (dir, token_size, seq_len, shuffle_seed), which
// shares the file naming of the run configs but is a different program's input.
bool LooksLikeDataServerConfig(const toml::table& root) {
  if (root.contains("config") || root.contains("model")) return false;
  for (std::string_view key : {"dir", "token_size", "seq_len", "shuffle_seed"}) {
    if (root.contains(key)) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<RunConfig> ParseRunConfig(absl::string_view toml_text, absl::string_view source) {
  std::string source_name(source);
  toml::table root;
  try {
    root = toml::parse(std::string_view(toml_text.data(), toml_text.size()), source_name);
  } catch (const toml::parse_error& e) {
    return absl::InvalidArgumentError(absl::StrCat(source_name, ":", e.source().begin.line, ":",
                                                   e.source().begin.column,
                                                   ": TOML syntax error: ", AV(e.description())));
  }
  if (LooksLikeDataServerConfig(root)) {
    return absl::InvalidArgumentError(absl::StrCat(
        source_name,
        ": this is a data-server config (keys dir, token_size, seq_len, shuffle_seed for the "
        "Psyche data provider), not a run config (which has [config] and [model.LLM])"));
  }
  Context ctx(source_name);
  TableReader top(ctx, root, "");
  const toml::node* config_node = top.Get("config");
  const toml::node* model_node = top.Get("model");
  // Centralized-server state files carry these; the admin CLI ignores them.
  top.Get("run_id", /*required=*/false);
  top.Get("run_state", /*required=*/false);
  top.RejectUnknownKeys();
  auto config = ReadConfig(ctx, config_node);
  auto model = ReadModel(ctx, model_node);
  if (!ctx.ok() || !config || !model) return ctx.Status();
  return RunConfig{*config, *model};
}

absl::StatusOr<RunConfig> ReadRunConfigFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open file"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return absl::NotFoundError(absl::StrCat(path, ": read error"));
  return ParseRunConfig(buffer.str(), path);
}

absl::StatusOr<solana::Bytes> EncodeUpdateConfigData(
    const RunConfig& run_config, const std::optional<CoordinatorProgress>& progress) {
  UpdateArgs args;
  args.config = run_config.config;
  args.model = run_config.model;
  args.progress = progress;
  return EncodeUpdateData(args);
}

}  // namespace psyche
