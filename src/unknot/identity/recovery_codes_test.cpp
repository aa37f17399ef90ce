#include "unknot/identity/recovery_codes.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace unknot::identity {
namespace {

TEST(RecoveryCodesTest, TenDistinctCodesInDisplayForm) {
  const auto codes = NewRecoveryCodes();
  ASSERT_EQ(codes.size(), 10u);
  const std::regex shape("[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}");
  std::set<std::string> distinct;
  for (const std::string& code : codes) {
    EXPECT_TRUE(std::regex_match(code, shape)) << code;
    EXPECT_EQ(code.find_first_of("ilou"), std::string::npos) << code;
    EXPECT_EQ(NormalizeRecoveryCode(code), code);
    distinct.insert(code);
  }
  EXPECT_EQ(distinct.size(), 10u);
  EXPECT_NE(NewRecoveryCodes(), codes);
}

TEST(RecoveryCodesTest, NormalizesWhatPeopleType) {
  EXPECT_EQ(NormalizeRecoveryCode("K7F3-9QX2-M4TP"), "k7f3-9qx2-m4tp");
  EXPECT_EQ(NormalizeRecoveryCode(" k7f3 9qx2 m4tp "), "k7f3-9qx2-m4tp");
  EXPECT_EQ(NormalizeRecoveryCode("k7f39qx2m4tp"), "k7f3-9qx2-m4tp");
  EXPECT_EQ(NormalizeRecoveryCode("kOf3-9qIL-m4tp"), "k0f3-9q11-m4tp");
}

TEST(RecoveryCodesTest, RefusesWrongLengthOrCharacters) {
  EXPECT_FALSE(NormalizeRecoveryCode(""));
  EXPECT_FALSE(NormalizeRecoveryCode("123456"));
  EXPECT_FALSE(NormalizeRecoveryCode("k7f3-9qx2-m4t"));
  EXPECT_FALSE(NormalizeRecoveryCode("k7f3-9qx2-m4tpp"));
  EXPECT_FALSE(NormalizeRecoveryCode("k7f3-9qx2-m4tu"));  // u is not in the alphabet
  EXPECT_FALSE(NormalizeRecoveryCode("k7f3_9qx2_m4tp"));
}

TEST(RecoveryCodesTest, HashIsStableAndHidesTheCode) {
  const std::string hash = HashRecoveryCode("k7f3-9qx2-m4tp");
  EXPECT_EQ(hash, HashRecoveryCode("k7f3-9qx2-m4tp"));
  EXPECT_NE(hash, HashRecoveryCode("k7f3-9qx2-m4tq"));
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash.find("k7f3"), std::string::npos);
}

}  // namespace
}  // namespace unknot::identity
