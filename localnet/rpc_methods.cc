// Method implementations of the JSON-RPC server (spec solana-wire 5.2-5.15)
// plus the localnet_* control methods.
#include "localnet/rpc_methods.h"

#include <unordered_map>

#include "localnet/account_encoding.h"
#include "providers/solana/base58.h"
#include "providers/solana/base64.h"
#include "providers/solana/program_ids.h"

namespace localnet::rpc {
namespace {

#define RPC_TRY(expr)              \
  do {                             \
    MaybeError _rpc_err = (expr);  \
    if (_rpc_err) return _rpc_err; \
  } while (0)

RpcError InvalidParams(absl::string_view why) {
  return {-32602, absl::StrCat("Invalid params: ", why), ""};
}
RpcError InvalidParam(absl::string_view why) {
  return {-32602, absl::StrCat("Invalid param: ", why), ""};
}

const char* TypeName(const Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return "boolean";
  if (v.IsString()) return "string";
  if (v.IsNumber()) return v.IsInt64() || v.IsUint64() ? "integer" : "floating point";
  if (v.IsArray()) return "sequence";
  return "map";
}

RpcError WrongType(const Value& v, absl::string_view expected) {
  return InvalidParams(absl::StrCat("invalid type: ", TypeName(v), ", expected ", expected, "."));
}

void Str(Writer& w, absl::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// Positional parameter i, nullptr when absent.
const Value* Param(const Value& params, size_t i) {
  return i < params.Size() ? &params[static_cast<rapidjson::SizeType>(i)] : nullptr;
}

MaybeError RequireString(const Value& params, size_t i, absl::string_view what, std::string* out) {
  const Value* v = Param(params, i);
  if (v == nullptr)
    return InvalidParams(absl::StrCat("invalid length ", params.Size(), ", expected ", what, "."));
  if (!v->IsString()) return WrongType(*v, "a string");
  out->assign(v->GetString(), v->GetStringLength());
  return std::nullopt;
}

// The optional trailing config object; nullptr when absent or null.
MaybeError OptionalConfig(const Value& params, size_t i, const Value** out) {
  *out = nullptr;
  const Value* v = Param(params, i);
  if (v == nullptr || v->IsNull()) return std::nullopt;
  if (!v->IsObject()) return WrongType(*v, "a config map");
  *out = v;
  return std::nullopt;
}

const Value* Field(const Value* cfg, const char* name) {
  if (cfg == nullptr) return nullptr;
  auto it = cfg->FindMember(name);
  if (it == cfg->MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

MaybeError BoolField(const Value* cfg, const char* name, bool* out) {
  const Value* v = Field(cfg, name);
  if (v == nullptr) return std::nullopt;
  if (!v->IsBool()) return WrongType(*v, "a boolean");
  *out = v->GetBool();
  return std::nullopt;
}

MaybeError U64Field(const Value* cfg, const char* name, std::optional<uint64_t>* out) {
  const Value* v = Field(cfg, name);
  if (v == nullptr) return std::nullopt;
  if (!v->IsUint64()) return WrongType(*v, "u64");
  *out = v->GetUint64();
  return std::nullopt;
}

MaybeError StringField(const Value* cfg, const char* name, std::optional<std::string>* out) {
  const Value* v = Field(cfg, name);
  if (v == nullptr) return std::nullopt;
  if (!v->IsString()) return WrongType(*v, "a string");
  *out = std::string(v->GetString(), v->GetStringLength());
  return std::nullopt;
}

MaybeError ParseCommitmentName(const std::string& s, Commitment* out) {
  if (s == "processed" || s == "recent") {
    *out = Commitment::kProcessed;
  } else if (s == "confirmed" || s == "single" || s == "singleGossip") {
    *out = Commitment::kConfirmed;
  } else if (s == "finalized" || s == "max" || s == "root") {
    *out = Commitment::kFinalized;
  } else {
    return InvalidParams(absl::StrCat("unknown variant `", s,
                                      "`, expected one of `processed`, `confirmed`, `finalized`"));
  }
  return std::nullopt;
}

MaybeError CommitmentField(const Value* cfg, const char* name, Commitment* out) {
  *out = Commitment::kFinalized;
  std::optional<std::string> s;
  RPC_TRY(StringField(cfg, name, &s));
  if (s) RPC_TRY(ParseCommitmentName(*s, out));
  return std::nullopt;
}

// -32016 unless the bank at `c` has reached minContextSlot.
MaybeError CheckMinContextSlot(CallContext& ctx, const Value* cfg, Commitment c) {
  std::optional<uint64_t> min;
  RPC_TRY(U64Field(cfg, "minContextSlot", &min));
  uint64_t slot = ctx.ledger->Slot(c);
  if (min && *min > slot) {
    return RpcError{-32016, "Minimum context slot has not been reached",
                    absl::StrCat("{\"contextSlot\":", slot, "}")};
  }
  return std::nullopt;
}

MaybeError ParseKey(const std::string& s, Pubkey* out) {
  if (s.size() > 44) return InvalidParam("Invalid");
  auto k = Pubkey::FromBase58(s);
  if (!k.ok()) return InvalidParam("Invalid");
  *out = *k;
  return std::nullopt;
}

MaybeError ParseSignature(const std::string& s, Signature* out) {
  if (s.size() > 88) return InvalidParam("Invalid");
  auto b = solana::Base58Decode(s);
  if (!b.ok() || b->size() != 64) return InvalidParam("Invalid");
  std::copy(b->begin(), b->end(), out->begin());
  return std::nullopt;
}

void WriteContext(CallContext& ctx, Writer& w, uint64_t slot) {
  w.Key("context");
  w.StartObject();
  w.Key("apiVersion");
  Str(w, ctx.options->solana_core_version);
  w.Key("slot");
  w.Uint64(slot);
  w.EndObject();
}

struct AccountView {
  DataEncoding encoding = DataEncoding::kBinary;
  std::optional<std::pair<uint64_t, uint64_t>> slice;  // offset, length
};

MaybeError ParseAccountView(const Value* cfg, AccountView* view) {
  std::optional<std::string> enc;
  RPC_TRY(StringField(cfg, "encoding", &enc));
  if (enc) {
    auto e = ParseDataEncoding(*enc);
    if (!e) {
      return InvalidParams(absl::StrCat(
          "unknown variant `", *enc,
          "`, expected one of `binary`, `base58`, `base64`, `jsonParsed`, `base64+zstd`"));
    }
    view->encoding = *e;
  }
  const Value* slice = Field(cfg, "dataSlice");
  if (slice != nullptr) {
    if (!slice->IsObject()) return WrongType(*slice, "struct UiDataSliceConfig");
    std::optional<uint64_t> offset, length;
    RPC_TRY(U64Field(slice, "offset", &offset));
    RPC_TRY(U64Field(slice, "length", &length));
    if (!offset || !length) return InvalidParams("missing field `offset` or `length`");
    if (view->encoding == DataEncoding::kJsonParsed) {
      return InvalidParams(
          "Sliced account data can only be encoded using binary (base 58) or base64 encoding.");
    }
    view->slice = std::make_pair(*offset, *length);
  }
  return std::nullopt;
}

MaybeError WriteAccount(Writer& w, const Account& a, const AccountView& view) {
  ByteView data = a.data;
  if (view.slice) {
    uint64_t off = std::min<uint64_t>(view.slice->first, data.size());
    uint64_t len = std::min<uint64_t>(view.slice->second, data.size() - off);
    data = data.subspan(off, len);
  }
  bool base58 = view.encoding == DataEncoding::kBinary || view.encoding == DataEncoding::kBase58;
  if (base58 && data.size() > 128) {
    return InvalidParams(
        "Encoded binary (base 58) data should be less than 128 bytes, please use Base64 encoding.");
  }
  w.StartObject();
  w.Key("data");
  switch (view.encoding) {
    case DataEncoding::kBinary:
      Str(w, solana::Base58Encode(data));
      break;
    case DataEncoding::kBase58:
      w.StartArray();
      Str(w, solana::Base58Encode(data));
      Str(w, "base58");
      w.EndArray();
      break;
    case DataEncoding::kBase64Zstd:
      w.StartArray();
      Str(w, solana::Base64Encode(ZstdRawFrame(data)));
      Str(w, "base64+zstd");
      w.EndArray();
      break;
    case DataEncoding::kBase64:
    case DataEncoding::kJsonParsed:  // no parser for any program: the base64 fallback
      w.StartArray();
      Str(w, solana::Base64Encode(data));
      Str(w, "base64");
      w.EndArray();
      break;
  }
  w.Key("executable");
  w.Bool(a.executable);
  w.Key("lamports");
  w.Uint64(a.lamports);
  w.Key("owner");
  Str(w, a.owner.ToBase58());
  w.Key("rentEpoch");
  w.Uint64(a.rent_epoch);
  w.Key("space");
  w.Uint64(a.data.size());
  w.EndObject();
  return std::nullopt;
}

MaybeError WriteMaybeAccount(Writer& w, const std::optional<Account>& a, const AccountView& v) {
  if (!a) {
    w.Null();
    return std::nullopt;
  }
  return WriteAccount(w, *a, v);
}

// ------------------------------------------------------------------ accounts

// The shared head of getAccountInfo and getProgramAccounts: one address, then
// an optional config with commitment, minContextSlot and the data encoding.
struct KeyedRead {
  Pubkey key;
  const Value* cfg = nullptr;
  Commitment commitment;
  AccountView view;
};

MaybeError ParseKeyedRead(CallContext& ctx, const Value& params, KeyedRead* out) {
  std::string addr;
  RPC_TRY(RequireString(params, 0, "1 or 2 parameters", &addr));
  RPC_TRY(OptionalConfig(params, 1, &out->cfg));
  RPC_TRY(ParseKey(addr, &out->key));
  RPC_TRY(CommitmentField(out->cfg, "commitment", &out->commitment));
  RPC_TRY(CheckMinContextSlot(ctx, out->cfg, out->commitment));
  return ParseAccountView(out->cfg, &out->view);
}

MaybeError GetAccountInfo(CallContext& ctx, const Value& params, Writer& w) {
  KeyedRead read;
  RPC_TRY(ParseKeyedRead(ctx, params, &read));
  const Pubkey& key = read.key;
  const Commitment c = read.commitment;
  const AccountView& view = read.view;
  auto accounts = ctx.ledger->GetAccounts({key});
  w.StartObject();
  WriteContext(ctx, w, ctx.ledger->Slot(c));
  w.Key("value");
  RPC_TRY(WriteMaybeAccount(w, accounts[0], view));
  w.EndObject();
  return std::nullopt;
}

MaybeError GetMultipleAccounts(CallContext& ctx, const Value& params, Writer& w) {
  const Value* list = Param(params, 0);
  if (list == nullptr) return InvalidParams("invalid length 0, expected 1 or 2 parameters.");
  if (!list->IsArray()) return WrongType(*list, "a sequence");
  if (list->Size() > 100) return RpcError{-32602, "Too many inputs provided; max 100", ""};
  std::vector<Pubkey> keys;
  keys.reserve(list->Size());
  for (const Value& v : list->GetArray()) {
    if (!v.IsString()) return WrongType(v, "a string");
    Pubkey k;
    RPC_TRY(ParseKey(std::string(v.GetString(), v.GetStringLength()), &k));
    keys.push_back(k);
  }
  const Value* cfg;
  RPC_TRY(OptionalConfig(params, 1, &cfg));
  Commitment c;
  RPC_TRY(CommitmentField(cfg, "commitment", &c));
  RPC_TRY(CheckMinContextSlot(ctx, cfg, c));
  AccountView view;
  RPC_TRY(ParseAccountView(cfg, &view));
  auto accounts = ctx.ledger->GetAccounts(keys);
  w.StartObject();
  WriteContext(ctx, w, ctx.ledger->Slot(c));
  w.Key("value");
  w.StartArray();
  for (const auto& a : accounts) RPC_TRY(WriteMaybeAccount(w, a, view));
  w.EndArray();
  w.EndObject();
  return std::nullopt;
}

struct Filter {
  std::optional<uint64_t> data_size;
  uint64_t offset = 0;
  Bytes bytes;
  bool memcmp = false;
  bool token_account_state = false;
};

MaybeError ParseFilter(const Value& f, Filter* out) {
  if (!f.IsObject() || f.MemberCount() != 1) return InvalidParams("invalid filter");
  const auto& m = *f.MemberBegin();
  std::string kind(m.name.GetString(), m.name.GetStringLength());
  if (kind == "dataSize") {
    if (!m.value.IsUint64()) return WrongType(m.value, "u64");
    out->data_size = m.value.GetUint64();
    return std::nullopt;
  }
  if (kind == "tokenAccountState") {
    out->token_account_state = true;
    return std::nullopt;
  }
  if (kind != "memcmp") {
    return InvalidParams(absl::StrCat(
        "unknown variant `", kind, "`, expected one of `dataSize`, `memcmp`, `tokenAccountState`"));
  }
  const Value& mc = m.value;
  if (!mc.IsObject()) return WrongType(mc, "struct Memcmp");
  std::optional<uint64_t> offset;
  std::optional<std::string> bytes, encoding;
  RPC_TRY(U64Field(&mc, "offset", &offset));
  RPC_TRY(StringField(&mc, "bytes", &bytes));
  RPC_TRY(StringField(&mc, "encoding", &encoding));
  if (!offset || !bytes) return InvalidParams("missing field `offset` or `bytes`");
  std::string enc = encoding.value_or("base58");
  if (enc == "base58") {
    if (bytes->size() > 175) return InvalidParam("TooLong");
    auto d = solana::Base58Decode(*bytes);
    if (!d.ok()) return InvalidParam(absl::StrCat("invalid base58 memcmp bytes"));
    out->bytes = std::move(*d);
  } else if (enc == "base64") {
    if (bytes->size() > 172) return InvalidParam("TooLong");
    auto d = solana::Base64Decode(*bytes);
    if (!d.ok()) return InvalidParam(absl::StrCat("invalid base64 memcmp bytes"));
    out->bytes = std::move(*d);
  } else {
    return InvalidParams(
        absl::StrCat("unknown variant `", enc, "`, expected `base58` or `base64`"));
  }
  if (out->bytes.size() > 128) return InvalidParam("TooLong");
  out->offset = *offset;
  out->memcmp = true;
  return std::nullopt;
}

bool Matches(const Filter& f, const Account& a) {
  if (f.data_size) return a.data.size() == *f.data_size;
  if (f.token_account_state) {
    return a.owner == solana::program_ids::Token() && a.data.size() == 165 && a.data[108] != 0;
  }
  if (f.offset > a.data.size() || a.data.size() - f.offset < f.bytes.size()) return false;
  return std::equal(f.bytes.begin(), f.bytes.end(), a.data.begin() + f.offset);
}

MaybeError GetProgramAccounts(CallContext& ctx, const Value& params, Writer& w) {
  KeyedRead read;
  RPC_TRY(ParseKeyedRead(ctx, params, &read));
  const Pubkey& program = read.key;
  const Value* cfg = read.cfg;
  const Commitment c = read.commitment;
  const AccountView& view = read.view;
  bool with_context = false;
  RPC_TRY(BoolField(cfg, "withContext", &with_context));
  std::vector<Filter> filters;
  if (const Value* fs = Field(cfg, "filters")) {
    if (!fs->IsArray()) return WrongType(*fs, "a sequence");
    if (fs->Size() > 4) return RpcError{-32602, "Too many filters provided; max 4", ""};
    for (const Value& f : fs->GetArray()) {
      filters.emplace_back();
      RPC_TRY(ParseFilter(f, &filters.back()));
    }
  }
  auto found = ctx.ledger->ProgramAccounts(program, [&](const Account& a) {
    for (const auto& f : filters) {
      if (!Matches(f, a)) return false;
    }
    return true;
  });
  if (with_context) {
    w.StartObject();
    WriteContext(ctx, w, ctx.ledger->Slot(c));
    w.Key("value");
  }
  w.StartArray();
  for (const auto& [k, a] : found) {
    w.StartObject();
    w.Key("account");
    RPC_TRY(WriteAccount(w, a, view));
    w.Key("pubkey");
    Str(w, k.ToBase58());
    w.EndObject();
  }
  w.EndArray();
  if (with_context) w.EndObject();
  return std::nullopt;
}

MaybeError GetBalance(CallContext& ctx, const Value& params, Writer& w) {
  std::string addr;
  RPC_TRY(RequireString(params, 0, "1 or 2 parameters", &addr));
  const Value* cfg;
  RPC_TRY(OptionalConfig(params, 1, &cfg));
  Pubkey key;
  RPC_TRY(ParseKey(addr, &key));
  Commitment c;
  RPC_TRY(CommitmentField(cfg, "commitment", &c));
  RPC_TRY(CheckMinContextSlot(ctx, cfg, c));
  auto a = ctx.ledger->GetAccounts({key})[0];
  w.StartObject();
  WriteContext(ctx, w, ctx.ledger->Slot(c));
  w.Key("value");
  w.Uint64(a ? a->lamports : 0);
  w.EndObject();
  return std::nullopt;
}

// --------------------------------------------------------------------- clock

MaybeError CommitmentOnly(CallContext& ctx, const Value& params, size_t index, Commitment* c) {
  const Value* cfg;
  RPC_TRY(OptionalConfig(params, index, &cfg));
  RPC_TRY(CommitmentField(cfg, "commitment", c));
  return CheckMinContextSlot(ctx, cfg, *c);
}

MaybeError GetLatestBlockhash(CallContext& ctx, const Value& params, Writer& w) {
  Commitment c;
  RPC_TRY(CommitmentOnly(ctx, params, 0, &c));
  BlockInfo b = ctx.ledger->Block(c);
  w.StartObject();
  WriteContext(ctx, w, b.slot);
  w.Key("value");
  w.StartObject();
  w.Key("blockhash");
  Str(w, b.blockhash.ToBase58());
  w.Key("lastValidBlockHeight");
  w.Uint64(b.height + ctx.ledger->options().blockhash_max_age);
  w.EndObject();
  w.EndObject();
  return std::nullopt;
}

MaybeError IsBlockhashValid(CallContext& ctx, const Value& params, Writer& w) {
  std::string text;
  RPC_TRY(RequireString(params, 0, "1 or 2 parameters", &text));
  Commitment c;
  RPC_TRY(CommitmentOnly(ctx, params, 1, &c));
  Pubkey hash;
  RPC_TRY(ParseKey(text, &hash));
  w.StartObject();
  WriteContext(ctx, w, ctx.ledger->Slot(c));
  w.Key("value");
  w.Bool(ctx.ledger->IsBlockhashValid(hash, c));
  w.EndObject();
  return std::nullopt;
}

MaybeError GetBlockHeight(CallContext& ctx, const Value& params, Writer& w) {
  Commitment c;
  RPC_TRY(CommitmentOnly(ctx, params, 0, &c));
  w.Uint64(ctx.ledger->Block(c).height);
  return std::nullopt;
}

MaybeError GetSlot(CallContext& ctx, const Value& params, Writer& w) {
  Commitment c;
  RPC_TRY(CommitmentOnly(ctx, params, 0, &c));
  w.Uint64(ctx.ledger->Block(c).slot);
  return std::nullopt;
}

MaybeError GetEpochInfo(CallContext& ctx, const Value& params, Writer& w) {
  Commitment c;
  RPC_TRY(CommitmentOnly(ctx, params, 0, &c));
  BlockInfo b = ctx.ledger->Block(c);
  constexpr uint64_t kSlotsPerEpoch = 432000;
  w.StartObject();
  w.Key("absoluteSlot");
  w.Uint64(b.slot);
  w.Key("blockHeight");
  w.Uint64(b.height);
  w.Key("epoch");
  w.Uint64(b.slot / kSlotsPerEpoch);
  w.Key("slotIndex");
  w.Uint64(b.slot % kSlotsPerEpoch);
  w.Key("slotsInEpoch");
  w.Uint64(kSlotsPerEpoch);
  w.Key("transactionCount");
  w.Null();
  w.EndObject();
  return std::nullopt;
}

MaybeError GetMinimumBalanceForRentExemption(CallContext& ctx, const Value& params, Writer& w) {
  const Value* n = Param(params, 0);
  if (n == nullptr) return InvalidParams("invalid length 0, expected 1 or 2 parameters.");
  if (!n->IsUint64()) return WrongType(*n, "usize");
  Commitment c;
  RPC_TRY(CommitmentOnly(ctx, params, 1, &c));
  uint64_t len = n->GetUint64();
  if (len > (uint64_t{1} << 40)) return InvalidParams("data length too large");
  w.Uint64(RentExemptMinimum(len));
  return std::nullopt;
}

// ------------------------------------------------------------- transactions

// Decodes a transaction or message parameter with the RPC's size limits (spec 3.7).
MaybeError DecodeWireParam(const std::string& text, const std::string& encoding,
                           absl::string_view type_name, Bytes* out) {
  constexpr size_t kMaxBase58 = 1683, kMaxBase64 = 1644;
  if (encoding == "base58") {
    if (text.size() > kMaxBase58) {
      return RpcError{
          -32602,
          absl::StrCat("base58 encoded ", type_name, " too large: ", text.size(),
                       " bytes (max: encoded/raw ", kMaxBase58, "/", kMaxTransactionSize, ")"),
          ""};
    }
    auto d = solana::Base58Decode(text);
    if (!d.ok()) return RpcError{-32602, "invalid base58 encoding: InvalidCharacter", ""};
    *out = std::move(*d);
  } else if (encoding == "base64") {
    if (text.size() > kMaxBase64) {
      return RpcError{
          -32602,
          absl::StrCat("base64 encoded ", type_name, " too large: ", text.size(),
                       " bytes (max: encoded/raw ", kMaxBase64, "/", kMaxTransactionSize, ")"),
          ""};
    }
    auto d = solana::Base64Decode(text);
    if (!d.ok()) {
      return RpcError{-32602, absl::StrCat("invalid base64 encoding: ", d.status().message()), ""};
    }
    *out = std::move(*d);
  } else {
    return RpcError{
        -32602,
        absl::StrCat("unsupported encoding: ", encoding, ". Supported encodings: base58, base64"),
        ""};
  }
  if (out->size() > kMaxTransactionSize) {
    return RpcError{-32602,
                    absl::StrCat("decoded ", type_name, " too large: ", out->size(),
                                 " bytes (max: ", kMaxTransactionSize, " bytes)"),
                    ""};
  }
  return std::nullopt;
}

constexpr absl::string_view kTxTypeName = "solana_transaction::versioned::VersionedTransaction";

MaybeError TxParam(const Value& params, const Value* cfg, Bytes* wire) {
  std::string text;
  RPC_TRY(RequireString(params, 0, "1 or 2 parameters", &text));
  std::optional<std::string> enc;
  RPC_TRY(StringField(cfg, "encoding", &enc));
  return DecodeWireParam(text, enc.value_or("base58"), kTxTypeName, wire);
}

void WriteLogs(Writer& w, const std::vector<std::string>& logs) {
  w.StartArray();
  for (const auto& l : logs) Str(w, l);
  w.EndArray();
}

// The simulation result object (spec 5.11), also the data of a -32002.
void WriteSimulation(Writer& w, const TxOutcome& o, const AccountView* accounts_view,
                     bool with_accounts) {
  w.StartObject();
  w.Key("accounts");
  if (with_accounts) {
    w.StartArray();
    for (const auto& a : o.returned_accounts) {
      if (!WriteMaybeAccount(w, a, *accounts_view)) continue;
      w.Null();  // base58 overflow: a real node errors; keep the shape
    }
    w.EndArray();
  } else {
    w.Null();
  }
  w.Key("err");
  if (o.err) {
    std::string e = o.err->Json();
    w.RawValue(e.c_str(), e.size(), rapidjson::kObjectType);
  } else {
    w.Null();
  }
  w.Key("fee");
  if (o.err) {
    w.Null();
  } else {
    w.Uint64(o.fee);
  }
  w.Key("innerInstructions");
  w.Null();
  w.Key("loadedAccountsDataSize");
  w.Uint64(o.loaded_accounts_data_size);
  w.Key("logs");
  WriteLogs(w, o.logs);
  w.Key("replacementBlockhash");
  if (o.replacement_blockhash) {
    w.StartObject();
    w.Key("blockhash");
    Str(w, o.replacement_blockhash->blockhash.ToBase58());
    w.Key("lastValidBlockHeight");
    w.Uint64(o.replacement_blockhash->height + 150);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("returnData");
  w.Null();
  w.Key("unitsConsumed");
  w.Uint64(o.units_consumed);
  w.EndObject();
}

RpcError SignatureVerificationFailure() {
  return {-32003, "Transaction signature verification failure", ""};
}

MaybeError SendTransaction(CallContext& ctx, const Value& params, Writer& w) {
  const Value* cfg;
  RPC_TRY(OptionalConfig(params, 1, &cfg));
  Bytes wire;
  RPC_TRY(TxParam(params, cfg, &wire));
  bool skip_preflight = false;
  RPC_TRY(BoolField(cfg, "skipPreflight", &skip_preflight));
  Commitment preflight_commitment;
  RPC_TRY(CommitmentField(cfg, "preflightCommitment", &preflight_commitment));
  std::optional<uint64_t> max_retries;
  RPC_TRY(U64Field(cfg, "maxRetries", &max_retries));
  RPC_TRY(CheckMinContextSlot(ctx, cfg, preflight_commitment));
  if (!skip_preflight && ctx.faults->TakeUnhealthy()) {
    return RpcError{-32005, "Node is unhealthy", "{\"numSlotsBehind\":null}"};
  }
  auto decoded = DecodeTransaction(wire);
  bool drop_tx = decoded.ok() && ctx.faults->TakeDropTransaction();
  uint32_t delay = ctx.faults->land_delay_blocks();
  Signature sig{};
  if (drop_tx || delay > 0) {
    if (!skip_preflight) {
      SimulateOptions sim;
      sim.verify_signatures = true;
      auto o = ctx.ledger->Simulate(wire, sim);
      if (!o.ok()) return RpcError{-32602, std::string(o.status().message()), ""};
      if (o->err && o->err->kind == TransactionErrorKind::kSignatureFailure) {
        return SignatureVerificationFailure();
      }
      if (o->err) {
        rapidjson::StringBuffer data;
        Writer dw(data);
        WriteSimulation(dw, *o, nullptr, false);
        return RpcError{-32002, absl::StrCat("Transaction simulation failed: ", o->err->Display()),
                        std::string(data.GetString(), data.GetSize())};
      }
    }
    if (drop_tx) {
      sig = decoded->signatures[0];
    } else {
      auto s = ctx.ledger->SubmitLater(wire, delay);
      if (!s.ok()) return RpcError{-32602, std::string(s.status().message()), ""};
      sig = *s;
    }
  } else {
    SubmitOptions opts;
    opts.preflight = !skip_preflight;
    auto o = ctx.ledger->Submit(wire, opts);
    if (!o.ok()) {
      if (absl::IsInvalidArgument(o.status())) {
        return RpcError{-32602, std::string(o.status().message()), ""};
      }
      return RpcError{-32603, "Internal error", ""};
    }
    if (!skip_preflight && o->err) {
      if (o->err->kind == TransactionErrorKind::kSignatureFailure) {
        return SignatureVerificationFailure();
      }
      rapidjson::StringBuffer data;
      Writer dw(data);
      WriteSimulation(dw, *o, nullptr, false);
      return RpcError{-32002, absl::StrCat("Transaction simulation failed: ", o->err->Display()),
                      std::string(data.GetString(), data.GetSize())};
    }
    sig = o->signature;
    if (ctx.faults->TakeDropReply()) ctx.drop_reply = true;
  }
  Str(w, solana::Base58Encode(ByteView(sig.data(), sig.size())));
  return std::nullopt;
}

MaybeError SimulateTransaction(CallContext& ctx, const Value& params, Writer& w) {
  const Value* cfg;
  RPC_TRY(OptionalConfig(params, 1, &cfg));
  Bytes wire;
  RPC_TRY(TxParam(params, cfg, &wire));
  SimulateOptions opts;
  RPC_TRY(BoolField(cfg, "sigVerify", &opts.verify_signatures));
  RPC_TRY(BoolField(cfg, "replaceRecentBlockhash", &opts.replace_blockhash));
  if (opts.verify_signatures && opts.replace_blockhash) {
    return RpcError{-32602, "sigVerify may not be used with replaceRecentBlockhash", ""};
  }
  Commitment c;
  RPC_TRY(CommitmentField(cfg, "commitment", &c));
  RPC_TRY(CheckMinContextSlot(ctx, cfg, c));
  bool inner = false;
  RPC_TRY(BoolField(cfg, "innerInstructions", &inner));
  AccountView accounts_view;
  accounts_view.encoding = DataEncoding::kBase64;
  bool with_accounts = false;
  if (const Value* acc = Field(cfg, "accounts")) {
    if (!acc->IsObject()) return WrongType(*acc, "struct RpcSimulateTransactionAccountsConfig");
    RPC_TRY(ParseAccountView(acc, &accounts_view));
    if (accounts_view.encoding == DataEncoding::kBinary ||
        accounts_view.encoding == DataEncoding::kBase58) {
      return RpcError{-32602, "base58 encoding not supported", ""};
    }
    const Value* addrs = Field(acc, "addresses");
    if (addrs == nullptr || !addrs->IsArray()) return InvalidParams("missing field `addresses`");
    for (const Value& a : addrs->GetArray()) {
      if (!a.IsString()) return WrongType(a, "a string");
      Pubkey k;
      RPC_TRY(ParseKey(a.GetString(), &k));
      opts.return_accounts.push_back(k);
    }
    with_accounts = true;
  }
  auto o = ctx.ledger->Simulate(wire, opts);
  if (!o.ok()) return RpcError{-32602, std::string(o.status().message()), ""};
  if (opts.verify_signatures && o->err && o->err->kind == TransactionErrorKind::kSignatureFailure) {
    return SignatureVerificationFailure();
  }
  w.StartObject();
  WriteContext(ctx, w, ctx.ledger->Slot(c));
  w.Key("value");
  WriteSimulation(w, *o, &accounts_view, with_accounts);
  w.EndObject();
  return std::nullopt;
}

const char* CommitmentName(Commitment c) {
  switch (c) {
    case Commitment::kProcessed:
      return "processed";
    case Commitment::kConfirmed:
      return "confirmed";
    case Commitment::kFinalized:
      return "finalized";
  }
  return "processed";
}

void WriteStatusObject(Writer& w, const std::optional<TransactionError>& err) {
  w.StartObject();
  if (err) {
    w.Key("Err");
    std::string e = err->Json();
    w.RawValue(e.c_str(), e.size(), rapidjson::kObjectType);
  } else {
    w.Key("Ok");
    w.Null();
  }
  w.EndObject();
}

void WriteErr(Writer& w, const std::optional<TransactionError>& err) {
  if (err) {
    std::string e = err->Json();
    w.RawValue(e.c_str(), e.size(), rapidjson::kObjectType);
  } else {
    w.Null();
  }
}

MaybeError GetSignatureStatuses(CallContext& ctx, const Value& params, Writer& w) {
  const Value* list = Param(params, 0);
  if (list == nullptr) return InvalidParams("invalid length 0, expected 1 or 2 parameters.");
  if (!list->IsArray()) return WrongType(*list, "a sequence");
  if (list->Size() > 256) return RpcError{-32602, "Too many inputs provided; max 256", ""};
  std::vector<Signature> sigs;
  for (const Value& v : list->GetArray()) {
    if (!v.IsString()) return WrongType(v, "a string");
    Signature s;
    RPC_TRY(ParseSignature(std::string(v.GetString(), v.GetStringLength()), &s));
    sigs.push_back(s);
  }
  const Value* cfg;
  RPC_TRY(OptionalConfig(params, 1, &cfg));
  bool history = false;
  RPC_TRY(BoolField(cfg, "searchTransactionHistory", &history));
  auto statuses = ctx.ledger->SignatureStatuses(sigs);
  w.StartObject();
  WriteContext(ctx, w, ctx.ledger->Slot(Commitment::kProcessed));
  w.Key("value");
  w.StartArray();
  for (const auto& st : statuses) {
    if (!st) {
      w.Null();
      continue;
    }
    w.StartObject();
    w.Key("confirmationStatus");
    Str(w, CommitmentName(st->level));
    w.Key("confirmations");
    if (st->confirmations) {
      w.Uint64(*st->confirmations);
    } else {
      w.Null();
    }
    w.Key("err");
    WriteErr(w, st->err);
    w.Key("slot");
    w.Uint64(st->slot);
    w.Key("status");
    WriteStatusObject(w, st->err);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::nullopt;
}

void WriteU64Array(Writer& w, const std::vector<uint64_t>& v) {
  w.StartArray();
  for (uint64_t x : v) w.Uint64(x);
  w.EndArray();
}

void WriteJsonTransaction(Writer& w, const WireTransaction& tx) {
  const WireMessage& m = tx.message;
  w.StartObject();
  w.Key("message");
  w.StartObject();
  w.Key("accountKeys");
  w.StartArray();
  for (const auto& k : m.keys) Str(w, k.ToBase58());
  w.EndArray();
  if (m.versioned) {
    w.Key("addressTableLookups");
    w.StartArray();
    for (const auto& t : m.lookups) {
      w.StartObject();
      w.Key("accountKey");
      Str(w, t.table.ToBase58());
      w.Key("readonlyIndexes");
      w.StartArray();
      for (uint8_t i : t.readonly) w.Uint(i);
      w.EndArray();
      w.Key("writableIndexes");
      w.StartArray();
      for (uint8_t i : t.writable) w.Uint(i);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
  }
  w.Key("header");
  w.StartObject();
  w.Key("numReadonlySignedAccounts");
  w.Uint(m.num_readonly_signed);
  w.Key("numReadonlyUnsignedAccounts");
  w.Uint(m.num_readonly_unsigned);
  w.Key("numRequiredSignatures");
  w.Uint(m.num_required_signatures);
  w.EndObject();
  w.Key("instructions");
  w.StartArray();
  for (const auto& ix : m.instructions) {
    w.StartObject();
    w.Key("accounts");
    w.StartArray();
    for (uint8_t a : ix.accounts) w.Uint(a);
    w.EndArray();
    w.Key("data");
    Str(w, solana::Base58Encode(ix.data));
    w.Key("programIdIndex");
    w.Uint(ix.program_id_index);
    w.Key("stackHeight");
    w.Null();
    w.EndObject();
  }
  w.EndArray();
  w.Key("recentBlockhash");
  Str(w, m.recent_blockhash.ToBase58());
  w.EndObject();
  w.Key("signatures");
  w.StartArray();
  for (const auto& s : tx.signatures) Str(w, solana::Base58Encode(ByteView(s.data(), s.size())));
  w.EndArray();
  w.EndObject();
}

MaybeError GetTransaction(CallContext& ctx, const Value& params, Writer& w) {
  std::string text;
  RPC_TRY(RequireString(params, 0, "1 or 2 parameters", &text));
  Signature sig;
  RPC_TRY(ParseSignature(text, &sig));
  const Value* cfg = nullptr;
  const Value* p1 = Param(params, 1);
  if (p1 != nullptr && p1->IsString()) {  // the legacy form: an encoding name
    cfg = nullptr;
  } else {
    RPC_TRY(OptionalConfig(params, 1, &cfg));
  }
  Commitment c;
  RPC_TRY(CommitmentField(cfg, "commitment", &c));
  if (c == Commitment::kProcessed) {
    return RpcError{-32602, "Method does not support commitment below `confirmed`", ""};
  }
  std::optional<std::string> enc;
  RPC_TRY(StringField(cfg, "encoding", &enc));
  if (p1 != nullptr && p1->IsString()) enc = std::string(p1->GetString());
  std::string encoding = enc.value_or("json");
  if (encoding != "json" && encoding != "jsonParsed" && encoding != "base64" &&
      encoding != "base58" && encoding != "binary") {
    return InvalidParams(absl::StrCat("unknown variant `", encoding, "`"));
  }
  std::optional<uint64_t> max_version;
  RPC_TRY(U64Field(cfg, "maxSupportedTransactionVersion", &max_version));
  auto rec = ctx.ledger->GetTransaction(sig, c);
  if (!rec) {
    w.Null();
    return std::nullopt;
  }
  auto tx = DecodeTransaction(rec->raw);
  if (!tx.ok()) return RpcError{-32603, "Internal error", ""};
  if (tx->message.versioned && !max_version) {
    return RpcError{-32015,
                    "Transaction version (0) is not supported by the requesting client. Please "
                    "try the request again with the following configuration parameter: "
                    "\"maxSupportedTransactionVersion\": 0",
                    ""};
  }
  w.StartObject();
  w.Key("blockTime");
  w.Int64(rec->block_time);
  w.Key("meta");
  w.StartObject();
  w.Key("computeUnitsConsumed");
  w.Uint64(rec->units_consumed);
  w.Key("err");
  WriteErr(w, rec->err);
  w.Key("fee");
  w.Uint64(rec->fee);
  w.Key("innerInstructions");
  w.StartArray();
  w.EndArray();
  w.Key("loadedAddresses");
  w.StartObject();
  w.Key("readonly");
  w.StartArray();
  w.EndArray();
  w.Key("writable");
  w.StartArray();
  w.EndArray();
  w.EndObject();
  w.Key("logMessages");
  WriteLogs(w, rec->logs);
  w.Key("postBalances");
  WriteU64Array(w, rec->post_balances);
  w.Key("postTokenBalances");
  w.StartArray();
  w.EndArray();
  w.Key("preBalances");
  WriteU64Array(w, rec->pre_balances);
  w.Key("preTokenBalances");
  w.StartArray();
  w.EndArray();
  w.Key("rewards");
  w.StartArray();
  w.EndArray();
  w.Key("status");
  WriteStatusObject(w, rec->err);
  w.EndObject();
  w.Key("slot");
  w.Uint64(rec->slot);
  w.Key("transaction");
  if (encoding == "base64") {
    w.StartArray();
    Str(w, solana::Base64Encode(rec->raw));
    Str(w, "base64");
    w.EndArray();
  } else if (encoding == "base58" || encoding == "binary") {
    w.StartArray();
    Str(w, solana::Base58Encode(rec->raw));
    Str(w, "base58");
    w.EndArray();
  } else {
    WriteJsonTransaction(w, *tx);
  }
  if (max_version) {
    w.Key("version");
    if (tx->message.versioned) {
      w.Uint(0);
    } else {
      Str(w, "legacy");
    }
  }
  w.EndObject();
  return std::nullopt;
}

MaybeError GetFeeForMessage(CallContext& ctx, const Value& params, Writer& w) {
  std::string text;
  RPC_TRY(RequireString(params, 0, "1 or 2 parameters", &text));
  Commitment c;
  RPC_TRY(CommitmentOnly(ctx, params, 1, &c));
  Bytes msg;
  RPC_TRY(DecodeWireParam(text, "base64", "solana_message::versions::VersionedMessage", &msg));
  auto fee = ctx.ledger->FeeForMessage(msg);
  if (!fee.ok()) return InvalidParams(fee.status().message());
  w.StartObject();
  WriteContext(ctx, w, ctx.ledger->Slot(c));
  w.Key("value");
  if (*fee) {
    w.Uint64(**fee);
  } else {
    w.Null();
  }
  w.EndObject();
  return std::nullopt;
}

MaybeError RequestAirdrop(CallContext& ctx, const Value& params, Writer& w) {
  std::string addr;
  RPC_TRY(RequireString(params, 0, "2 or 3 parameters", &addr));
  const Value* amount = Param(params, 1);
  if (amount == nullptr) return InvalidParams("invalid length 1, expected 2 or 3 parameters.");
  if (!amount->IsUint64()) return WrongType(*amount, "u64");
  const Value* cfg;
  RPC_TRY(OptionalConfig(params, 2, &cfg));
  Commitment c;
  RPC_TRY(CommitmentField(cfg, "commitment", &c));
  Pubkey key;
  RPC_TRY(ParseKey(addr, &key));
  auto o = ctx.ledger->Airdrop(key, amount->GetUint64());
  if (!o.ok() || !o->landed) return RpcError{-32600, "Invalid request", ""};
  Str(w, solana::Base58Encode(ByteView(o->signature.data(), 64)));
  return std::nullopt;
}

// ---------------------------------------------------------------- node info

MaybeError GetHealth(CallContext& ctx, const Value&, Writer& w) {
  if (ctx.faults->TakeUnhealthy()) {
    return RpcError{-32005, "Node is unhealthy", "{\"numSlotsBehind\":null}"};
  }
  Str(w, "ok");
  return std::nullopt;
}

MaybeError GetVersion(CallContext& ctx, const Value&, Writer& w) {
  w.StartObject();
  w.Key("feature-set");
  w.Uint(ctx.options->feature_set);
  w.Key("solana-core");
  Str(w, ctx.options->solana_core_version);
  w.EndObject();
  return std::nullopt;
}

MaybeError GetGenesisHash(CallContext& ctx, const Value&, Writer& w) {
  Str(w, ctx.ledger->genesis_hash().ToBase58());
  return std::nullopt;
}

// ------------------------------------------------------------------ control

MaybeError SetFaults(CallContext& ctx, const Value& params, Writer& w) {
  const Value* cfg;
  RPC_TRY(OptionalConfig(params, 0, &cfg));
  FaultState s = ctx.faults->Get();
  auto u32 = [&](const char* name, uint32_t* out) -> MaybeError {
    std::optional<uint64_t> v;
    RPC_TRY(U64Field(cfg, name, &v));
    if (v) *out = static_cast<uint32_t>(std::min<uint64_t>(*v, UINT32_MAX));
    return std::nullopt;
  };
  RPC_TRY(u32("dropReplies", &s.drop_replies));
  RPC_TRY(u32("dropTransactions", &s.drop_transactions));
  RPC_TRY(u32("http429", &s.http_429));
  RPC_TRY(u32("http503", &s.http_503));
  RPC_TRY(u32("unhealthy", &s.unhealthy));
  RPC_TRY(u32("landDelayBlocks", &s.land_delay_blocks));
  std::optional<uint64_t> retry_after, hold, max_age;
  RPC_TRY(U64Field(cfg, "retryAfterSeconds", &retry_after));
  if (retry_after) s.retry_after_seconds = static_cast<uint32_t>(*retry_after);
  RPC_TRY(U64Field(cfg, "holdConfirmations", &hold));
  RPC_TRY(U64Field(cfg, "blockhashMaxAge", &max_age));
  bool expire = false, clear = false;
  RPC_TRY(BoolField(cfg, "expireBlockhashes", &expire));
  RPC_TRY(BoolField(cfg, "clear", &clear));
  if (clear) {
    s = FaultState{};
    ctx.ledger->HoldConfirmations(0);
    ctx.ledger->SetBlockhashMaxAge(ctx.ledger->options().blockhash_max_age);
  }
  ctx.faults->Set(s);
  if (hold) ctx.ledger->HoldConfirmations(*hold);
  if (max_age) ctx.ledger->SetBlockhashMaxAge(*max_age);
  if (expire && !ctx.ledger->ExpireBlockhashes().ok())
    return RpcError{-32603, "Internal error", ""};
  w.Bool(true);
  return std::nullopt;
}

MaybeError Tick(CallContext& ctx, const Value& params, Writer& w) {
  uint64_t n = 1;
  if (const Value* v = Param(params, 0)) {
    if (!v->IsUint64()) return WrongType(*v, "u64");
    n = std::min<uint64_t>(v->GetUint64(), 100000);
  }
  if (!ctx.ledger->Tick(n).ok()) return RpcError{-32603, "Internal error", ""};
  w.Uint64(ctx.ledger->Slot(Commitment::kProcessed));
  return std::nullopt;
}

MaybeError SkipSlots(CallContext& ctx, const Value& params, Writer& w) {
  const Value* v = Param(params, 0);
  if (v == nullptr || !v->IsUint64()) return InvalidParams("expected a slot count");
  ctx.ledger->SkipSlots(std::min<uint64_t>(v->GetUint64(), 1'000'000));
  w.Bool(true);
  return std::nullopt;
}

// localnet_setAccount [address, {lamports, owner, data:["b64","base64"], executable}]
MaybeError SetAccount(CallContext& ctx, const Value& params, Writer& w) {
  std::string addr;
  RPC_TRY(RequireString(params, 0, "2 parameters", &addr));
  Pubkey key;
  RPC_TRY(ParseKey(addr, &key));
  const Value* cfg;
  RPC_TRY(OptionalConfig(params, 1, &cfg));
  if (cfg == nullptr) return InvalidParams("expected an account object");
  Account a;
  std::optional<uint64_t> lamports;
  RPC_TRY(U64Field(cfg, "lamports", &lamports));
  a.lamports = lamports.value_or(0);
  std::optional<std::string> owner;
  RPC_TRY(StringField(cfg, "owner", &owner));
  if (owner) RPC_TRY(ParseKey(*owner, &a.owner));
  RPC_TRY(BoolField(cfg, "executable", &a.executable));
  if (const Value* d = Field(cfg, "data")) {
    if (!d->IsArray() || d->Size() != 2 || !(*d)[0].IsString()) {
      return InvalidParams("data must be [\"<base64>\",\"base64\"]");
    }
    auto bytes = solana::Base64Decode((*d)[0].GetString());
    if (!bytes.ok()) return InvalidParams("invalid base64 data");
    a.data = std::move(*bytes);
  }
  if (!ctx.ledger->SetAccount(key, a).ok()) return RpcError{-32603, "Internal error", ""};
  w.Bool(true);
  return std::nullopt;
}

const std::unordered_map<std::string, MethodFn>& Methods() {
  static const std::unordered_map<std::string, MethodFn> m{
      {"getAccountInfo", GetAccountInfo},
      {"getMultipleAccounts", GetMultipleAccounts},
      {"getProgramAccounts", GetProgramAccounts},
      {"getBalance", GetBalance},
      {"getLatestBlockhash", GetLatestBlockhash},
      {"isBlockhashValid", IsBlockhashValid},
      {"getBlockHeight", GetBlockHeight},
      {"getSlot", GetSlot},
      {"getEpochInfo", GetEpochInfo},
      {"getMinimumBalanceForRentExemption", GetMinimumBalanceForRentExemption},
      {"getFeeForMessage", GetFeeForMessage},
      {"sendTransaction", SendTransaction},
      {"simulateTransaction", SimulateTransaction},
      {"getSignatureStatuses", GetSignatureStatuses},
      {"getTransaction", GetTransaction},
      {"requestAirdrop", RequestAirdrop},
      {"getHealth", GetHealth},
      {"getVersion", GetVersion},
      {"getGenesisHash", GetGenesisHash},
      {"localnet_setFaults", SetFaults},
      {"localnet_tick", Tick},
      {"localnet_skipSlots", SkipSlots},
      {"localnet_setAccount", SetAccount},
  };
  return m;
}

}  // namespace

MethodFn FindMethod(const std::string& name) {
  auto it = Methods().find(name);
  return it == Methods().end() ? nullptr : it->second;
}

}  // namespace localnet::rpc
