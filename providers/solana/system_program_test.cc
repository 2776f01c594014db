#include "providers/solana/system_program.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/escaping.h"
#include "providers/solana/program_ids.h"

namespace solana::system_program {
namespace {

std::string Hex(ByteView b) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}
Pubkey KeyOf(uint8_t fill) {
  std::array<uint8_t, 32> b;
  b.fill(fill);
  return Pubkey(b);
}

const Pubkey kA = KeyOf(0xaa), kB = KeyOf(0xbb), kC = KeyOf(0xcc);

TEST(SystemProgram, TransferMatchesSpec) {
  Instruction ix = Transfer(kA, kB, 1);
  EXPECT_EQ(ix.program_id, program_ids::System());
  EXPECT_EQ(Hex(ix.data), "020000000100000000000000");
  EXPECT_EQ(ix.accounts, (std::vector<AccountMeta>{WritableSigner(kA), Writable(kB)}));
}

TEST(SystemProgram, CreateAccountLayout) {
  Instruction ix = CreateAccount(kA, kB, 1447680, 80, kC);
  EXPECT_EQ(Hex(ix.data),
            "00000000"
            "00171600"
            "00000000"
            "5000000000000000" +
                Hex(kC.view()));
  EXPECT_EQ(ix.accounts, (std::vector<AccountMeta>{WritableSigner(kA), WritableSigner(kB)}));
}

TEST(SystemProgram, AssignAndAllocate) {
  EXPECT_EQ(Hex(Assign(kA, kC).data), "01000000" + Hex(kC.view()));
  EXPECT_EQ(Assign(kA, kC).accounts, (std::vector<AccountMeta>{WritableSigner(kA)}));
  EXPECT_EQ(Hex(Allocate(kA, 165).data), "08000000a500000000000000");
  EXPECT_EQ(Allocate(kA, 165).accounts, (std::vector<AccountMeta>{WritableSigner(kA)}));
}

TEST(SystemProgram, NonceInstructionsMatchSpec) {
  Instruction adv = AdvanceNonceAccount(kA, kB);
  EXPECT_EQ(Hex(adv.data), "04000000");
  EXPECT_EQ(program_ids::SysvarRecentBlockhashes().ToBase58(),
            "SysvarRecentB1ockHashes11111111111111111111");
  EXPECT_EQ(adv.accounts, (std::vector<AccountMeta>{
                              Writable(kA), Readonly(program_ids::SysvarRecentBlockhashes()),
                              ReadonlySigner(kB)}));
  Instruction init = InitializeNonceAccount(kA, kB);
  EXPECT_EQ(Hex(init.data), "06000000" + Hex(kB.view()));
  EXPECT_EQ(init.accounts, (std::vector<AccountMeta>{
                               Writable(kA), Readonly(program_ids::SysvarRecentBlockhashes()),
                               Readonly(program_ids::SysvarRent())}));
  Instruction wd = WithdrawNonceAccount(kA, kB, kC, 5);
  EXPECT_EQ(Hex(wd.data), "050000000500000000000000");
  EXPECT_EQ(wd.accounts,
            (std::vector<AccountMeta>{Writable(kA), Writable(kC),
                                      Readonly(program_ids::SysvarRecentBlockhashes()),
                                      Readonly(program_ids::SysvarRent()), ReadonlySigner(kB)}));
  Instruction auth = AuthorizeNonceAccount(kA, kB, kC);
  EXPECT_EQ(Hex(auth.data), "07000000" + Hex(kC.view()));
  EXPECT_EQ(auth.accounts, (std::vector<AccountMeta>{Writable(kA), ReadonlySigner(kB)}));
}

TEST(SystemProgram, CreateNonceAccountIsCreateThenInitialize) {
  auto ixs = CreateNonceAccount(kA, kB, kC, 1447680);
  ASSERT_EQ(ixs.size(), 2u);
  EXPECT_EQ(ixs[0], CreateAccount(kA, kB, 1447680, 80, program_ids::System()));
  EXPECT_EQ(ixs[1], InitializeNonceAccount(kB, kC));
}

TEST(SystemProgram, DurableNonceIsDomainSeparatedSha256) {
  // python3: hashlib.sha256(b"DURABLE_NONCE" + bytes([7]*32)).hexdigest()
  EXPECT_EQ(Hex(DurableNonceFromBlockhash(KeyOf(7)).view()),
            "fd4867946c1c56ba773c8d4370a58313bd1975126f47df6c8777fecad7409927");
}

TEST(SystemProgram, NonceAccountLayout) {
  NonceAccount n{NonceVersion::kCurrent, kB, DurableNonceFromBlockhash(KeyOf(7)), 5000};
  Bytes data = SerializeNonceAccount(n);
  ASSERT_EQ(data.size(), 80u);
  EXPECT_EQ(Hex(data),
            "01000000"
            "01000000" +
                Hex(kB.view()) + Hex(n.durable_nonce.view()) + "8813000000000000");
  auto back = ParseNonceAccount(program_ids::System(), data);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->version, NonceVersion::kCurrent);
  EXPECT_EQ(back->authority, kB);
  EXPECT_EQ(back->durable_nonce, n.durable_nonce);
  EXPECT_EQ(back->lamports_per_signature, 5000u);
}

TEST(SystemProgram, NonceAccountFailsClosed) {
  NonceAccount n{NonceVersion::kCurrent, kB, KeyOf(9), 5000};
  const Bytes good = SerializeNonceAccount(n);
  EXPECT_FALSE(ParseNonceAccount(kA, good).ok());  // wrong owner
  Bytes shorter(good.begin(), good.end() - 1);
  EXPECT_FALSE(ParseNonceAccount(program_ids::System(), shorter).ok());
  Bytes longer = good;
  longer.push_back(0);
  EXPECT_FALSE(ParseNonceAccount(program_ids::System(), longer).ok());
  Bytes bad_version = good;
  bad_version[0] = 2;
  EXPECT_FALSE(ParseNonceAccount(program_ids::System(), bad_version).ok());
  Bytes legacy = good;
  legacy[0] = 0;
  ASSERT_TRUE(ParseNonceAccount(program_ids::System(), legacy).ok());
  EXPECT_EQ(ParseNonceAccount(program_ids::System(), legacy)->version, NonceVersion::kLegacy);
  Bytes uninit = good;
  uninit[4] = 0;
  EXPECT_EQ(ParseNonceAccount(program_ids::System(), uninit).status().code(),
            absl::StatusCode::kFailedPrecondition);
  Bytes bad_state = good;
  bad_state[4] = 2;
  EXPECT_FALSE(ParseNonceAccount(program_ids::System(), bad_state).ok());
  EXPECT_FALSE(ParseNonceAccount(program_ids::System(), Bytes(80, 0)).ok());
}

}  // namespace
}  // namespace solana::system_program
