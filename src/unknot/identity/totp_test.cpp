// RFC 6238 Appendix B (SHA-1 rows) checks liboath and our wrapper; the
// 6-digit codes are the same HOTP values truncated mod 10^6 (RFC 4226 §5.3).
#include "unknot/identity/totp.hpp"

#include <gtest/gtest.h>
#include <liboath/oath.h>

#include <array>
#include <string>

namespace unknot::identity::totp {
namespace {

// The ASCII seed "12345678901234567890" of the appendix, in base32.
constexpr std::string_view kRfcSeed = "12345678901234567890";
constexpr std::string_view kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

struct Vector {
  std::int64_t seconds;
  const char* code8;
};

constexpr std::array<Vector, 6> kVectors = {{{59, "94287082"},
                                             {1111111109, "07081804"},
                                             {1111111111, "14050471"},
                                             {1234567890, "89005924"},
                                             {2000000000, "69279037"},
                                             {20000000000, "65353130"}}};

Instant At(std::int64_t seconds) {
  return seconds * 1'000'000;
}

TEST(TotpTest, LiboathMatchesRfc6238AppendixB) {
  ASSERT_EQ(oath_init(), OATH_OK);
  for (const Vector& v : kVectors) {
    std::array<char, 16> out{};
    ASSERT_EQ(oath_totp_generate(kRfcSeed.data(), kRfcSeed.size(), static_cast<time_t>(v.seconds),
                                 30, 0, 8, out.data()),
              OATH_OK);
    EXPECT_EQ(std::string(out.data()), v.code8) << "T=" << v.seconds;
  }
}

TEST(TotpTest, WrapperMatchesRfc6238AppendixBAtEightAndSixDigits) {
  for (const Vector& v : kVectors) {
    EXPECT_EQ(Generate(kRfcSecret, At(v.seconds), 8), v.code8) << "T=" << v.seconds;
    EXPECT_EQ(Generate(kRfcSecret, At(v.seconds)), std::string(v.code8).substr(2))
        << "T=" << v.seconds;
  }
}

TEST(TotpTest, NewSecretIsTwentyRandomBytesInBase32) {
  const std::string a = NewSecret();
  const std::string b = NewSecret();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos) << a;
  EXPECT_TRUE(Generate(a, At(59)).has_value());
}

TEST(TotpTest, InvalidSecretGivesNoCode) {
  EXPECT_FALSE(Generate("not base32 at all!", At(59)).has_value());
  EXPECT_FALSE(AcceptCode("not base32 at all!", "287082", At(59), std::nullopt).has_value());
}

TEST(TotpTest, AcceptsTheCurrentAndAdjacentStepsOnly) {
  const Instant now = At(1111111111);  // step 37037037
  const std::int64_t step = StepOf(now);
  EXPECT_EQ(step, 37037037);
  for (int delta : {-1, 0, 1}) {
    const auto code = Generate(kRfcSecret, now + delta * At(30));
    ASSERT_TRUE(code);
    EXPECT_EQ(AcceptCode(kRfcSecret, *code, now, std::nullopt), step + delta) << delta;
  }
  for (int delta : {-3, -2, 2, 3}) {
    const auto code = Generate(kRfcSecret, now + delta * At(30));
    ASSERT_TRUE(code);
    EXPECT_FALSE(AcceptCode(kRfcSecret, *code, now, std::nullopt)) << delta;
  }
}

TEST(TotpTest, RefusesAReplayedOrOlderCode) {
  const Instant now = At(1234567890);
  const auto code = Generate(kRfcSecret, now);
  ASSERT_TRUE(code);
  const auto step = AcceptCode(kRfcSecret, *code, now, std::nullopt);
  ASSERT_TRUE(step);
  EXPECT_FALSE(AcceptCode(kRfcSecret, *code, now, step)) << "same code, same step";
  EXPECT_FALSE(AcceptCode(kRfcSecret, *code, now + At(10), step)) << "still inside the window";
  const auto previous = Generate(kRfcSecret, now - At(30));
  EXPECT_FALSE(AcceptCode(kRfcSecret, *previous, now, step)) << "older than the last used";
  const auto next = Generate(kRfcSecret, now + At(30));
  EXPECT_EQ(AcceptCode(kRfcSecret, *next, now + At(30), step), *step + 1);
}

TEST(TotpTest, RefusesMalformedCodes) {
  const Instant now = At(59);
  EXPECT_FALSE(AcceptCode(kRfcSecret, "94287082", now, std::nullopt)) << "8 digits";
  EXPECT_FALSE(AcceptCode(kRfcSecret, "28708", now, std::nullopt));
  EXPECT_FALSE(AcceptCode(kRfcSecret, "28708a", now, std::nullopt));
  EXPECT_FALSE(AcceptCode(kRfcSecret, "", now, std::nullopt));
  EXPECT_EQ(AcceptCode(kRfcSecret, "287082", now, std::nullopt), 1);
}

TEST(TotpTest, OtpauthUriNamesIssuerAndEncodesTheLabel) {
  EXPECT_EQ(OtpauthUri("ABC234", "ana+mfa@example.org"),
            "otpauth://totp/unknot%3Aana%2Bmfa%40example.org?secret=ABC234&issuer=unknot"
            "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace unknot::identity::totp
