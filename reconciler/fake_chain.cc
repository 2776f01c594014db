#include "reconciler/fake_chain.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "providers/psyche/rent.h"
#include "providers/psyche/spl_token.h"
#include "providers/solana/base58.h"
#include "providers/solana/base64.h"
#include "providers/solana/coding.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace reconciler {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteAccount(Writer& w, const solana::AccountInfo& a) {
  w.StartObject();
  w.Key("lamports");
  w.Uint64(a.lamports);
  w.Key("owner");
  w.String(a.owner.ToBase58().c_str());
  w.Key("data");
  w.StartArray();
  std::string b64 = solana::Base64Encode(a.data);
  w.String(b64.data(), static_cast<rapidjson::SizeType>(b64.size()));
  w.String("base64");
  w.EndArray();
  w.Key("executable");
  w.Bool(a.executable);
  w.Key("rentEpoch");
  w.Uint64(0);
  w.Key("space");
  w.Uint64(a.data.size());
  w.EndObject();
}

bool Matches(const solana::AccountInfo& a, const rapidjson::Value& filters) {
  if (!filters.IsArray()) return true;
  for (const auto& f : filters.GetArray()) {
    if (f.HasMember("dataSize")) {
      if (a.data.size() != f["dataSize"].GetUint64()) return false;
    } else if (f.HasMember("memcmp")) {
      const auto& m = f["memcmp"];
      uint64_t offset = m["offset"].GetUint64();
      auto want = solana::Base58Decode(m["bytes"].GetString());
      if (!want.ok()) return false;
      if (offset + want->size() > a.data.size()) return false;
      if (!std::equal(want->begin(), want->end(), a.data.begin() + offset)) return false;
    }
  }
  return true;
}

void Answer(const rapidjson::Value& req,
            const std::map<solana::Pubkey, solana::AccountInfo>& accounts, uint64_t slot,
            Writer& w) {
  w.StartObject();
  w.Key("jsonrpc");
  w.String("2.0");
  w.Key("id");
  req["id"].Accept(w);
  const std::string method = req["method"].GetString();
  const auto& params = req["params"];
  if (method == "getMultipleAccounts" || method == "getProgramAccounts") {
    w.Key("result");
    w.StartObject();
    w.Key("context");
    w.StartObject();
    w.Key("slot");
    w.Uint64(slot);
    w.EndObject();
    w.Key("value");
    w.StartArray();
    if (method == "getMultipleAccounts") {
      for (const auto& k : params[0].GetArray()) {
        auto key = solana::Pubkey::FromBase58(k.GetString());
        auto it = key.ok() ? accounts.find(*key) : accounts.end();
        if (it == accounts.end()) {
          w.Null();
        } else {
          WriteAccount(w, it->second);
        }
      }
    } else {
      auto program = solana::Pubkey::FromBase58(params[0].GetString());
      const rapidjson::Value* filters = nullptr;
      if (params.Size() > 1 && params[1].HasMember("filters")) filters = &params[1]["filters"];
      for (const auto& [key, a] : accounts) {
        if (!program.ok() || a.owner != *program) continue;
        if (filters && !Matches(a, *filters)) continue;
        w.StartObject();
        w.Key("pubkey");
        w.String(key.ToBase58().c_str());
        w.Key("account");
        WriteAccount(w, a);
        w.EndObject();
      }
    }
    w.EndArray();
    w.EndObject();
  } else {
    w.Key("error");
    w.StartObject();
    w.Key("code");
    w.Int(-32601);
    w.Key("message");
    w.String("Method not found");
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace

solana::AccountInfo FakeAccount(const solana::Pubkey& owner, solana::Bytes data,
                                uint64_t lamports) {
  solana::AccountInfo a;
  a.owner = owner;
  a.lamports = lamports ? lamports : psyche::RentExemptMinimum(data.size());
  a.space = data.size();
  a.data = std::move(data);
  return a;
}

absl::StatusOr<solana::HttpResponse> FakeChain::Post(const std::string&, const std::string& body,
                                                     absl::Duration) {
  rapidjson::Document doc;
  doc.Parse(body.c_str(), body.size());
  if (doc.HasParseError()) return solana::HttpResponse{400, std::nullopt, "text/plain", "bad json"};
  rapidjson::StringBuffer buf;
  Writer w(buf);
  if (doc.IsArray()) {
    w.StartArray();
    for (const auto& req : doc.GetArray()) Answer(req, accounts_, slot_, w);
    w.EndArray();
  } else {
    Answer(doc, accounts_, slot_, w);
  }
  return solana::HttpResponse{200, std::nullopt, "application/json", buf.GetString()};
}

solana::Bytes AuthorizationImage(const psyche::Authorization& a) {
  solana::Bytes out = {0x03, 0x44, 0xa8, 0xf3, 0xc3, 0xa8, 0x20, 0x4b};
  solana::PutU8(&out, a.bump);
  solana::PutBytes(&out, a.grantor.bytes());
  solana::PutBytes(&out, a.grantee.bytes());
  solana::PutU32(&out, static_cast<uint32_t>(a.scope.size()));
  solana::PutBytes(&out, a.scope);
  solana::PutU8(&out, a.active ? 1 : 0);
  solana::PutU32(&out, static_cast<uint32_t>(a.delegates.size()));
  for (const auto& d : a.delegates) solana::PutBytes(&out, d.bytes());
  solana::PutI64(&out, a.grantor_update_unix_timestamp);
  return out;
}

solana::Bytes TreasurerRunImage(const psyche::TreasurerRun& r) {
  solana::Bytes out = {0xc7, 0x36, 0x9b, 0x56, 0xeb, 0x73, 0xf6, 0xbd};
  solana::PutU8(&out, r.bump);
  solana::PutU64(&out, r.index);
  for (const auto* k : {&r.main_authority, &r.join_authority, &r.coordinator_account,
                        &r.coordinator_instance, &r.collateral_mint}) {
    solana::PutBytes(&out, k->bytes());
  }
  solana::PutU64(&out, r.total_claimed_collateral_amount);
  solana::PutU64(&out, r.total_claimed_earned_points);
  out.resize(psyche::kTreasurerRunSize, 0);
  return out;
}

solana::Bytes MintImage(uint64_t supply, uint8_t decimals) {
  solana::Bytes out;
  solana::PutU32(&out, 0);  // no mint authority
  out.resize(36, 0);
  solana::PutU64(&out, supply);
  solana::PutU8(&out, decimals);
  solana::PutU8(&out, 1);   // initialized
  solana::PutU32(&out, 0);  // no freeze authority
  out.resize(psyche::kMintSize, 0);
  return out;
}

solana::Bytes TokenAccountImage(const solana::Pubkey& mint, const solana::Pubkey& owner,
                                uint64_t amount) {
  solana::Bytes out;
  solana::PutBytes(&out, mint.bytes());
  solana::PutBytes(&out, owner.bytes());
  solana::PutU64(&out, amount);
  solana::PutU32(&out, 0);  // no delegate
  out.resize(out.size() + 32, 0);
  solana::PutU8(&out, 1);   // initialized
  solana::PutU32(&out, 0);  // not native
  out.resize(out.size() + 8, 0);
  solana::PutU64(&out, 0);  // delegated amount
  solana::PutU32(&out, 0);  // no close authority
  out.resize(psyche::kTokenAccountSize, 0);
  return out;
}

}  // namespace reconciler
