#include "unknot/identity/throttle.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include "unknot/identity/password.hpp"

namespace unknot::identity {
namespace {

using std::chrono::seconds;

TEST(Throttle, FreeFailuresThenDoublingUpToTheCap) {
  const ThrottleSettings settings;  // 1 s first, 15 min cap
  for (int n = 0; n <= 5; ++n) EXPECT_EQ(LockAfter(n, 5, settings), seconds(0)) << n;
  EXPECT_EQ(LockAfter(6, 5, settings), seconds(1));
  EXPECT_EQ(LockAfter(7, 5, settings), seconds(2));
  EXPECT_EQ(LockAfter(8, 5, settings), seconds(4));
  EXPECT_EQ(LockAfter(15, 5, settings), seconds(512));
  EXPECT_EQ(LockAfter(16, 5, settings), seconds(900));
  EXPECT_EQ(LockAfter(1'000'000, 5, settings), seconds(900));
}

TEST(Password, HashesVerifyAndRefuseOthers) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(NeedsRehash(*hash));
  // A hash made with weaker limits than ours still verifies, and asks to be redone.
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(weak, "correct horse battery", 21, crypto_pwhash_OPSLIMIT_MIN,
                                  crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13),
            0);
  EXPECT_TRUE(VerifyPassword(weak, "correct horse battery"));
  EXPECT_TRUE(NeedsRehash(weak));
  auto other = HashPassword("correct horse battery");
  ASSERT_TRUE(other);
  EXPECT_NE(*hash, *other) << "salted";
}

TEST(Password, NewPasswordRules) {
  const auto codes = [](std::string_view password) {
    IssueList issues;
    CheckNewPassword(password, "new_password", issues);
    std::vector<std::string> out;
    for (const Issue& issue : issues.Take()) out.push_back(issue.path + ":" + issue.code);
    return out;
  };
  EXPECT_EQ(codes("eleven char"), std::vector<std::string>{"new_password:too-short"});
  EXPECT_TRUE(codes("twelve chars").empty());
  // Twelve characters, more bytes: length counts characters.
  EXPECT_TRUE(codes("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9zzzzzz").empty());
  EXPECT_EQ(codes("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9zzzzzz"),
            std::vector<std::string>{"new_password:too-short"});
  EXPECT_EQ(codes(std::string(2000, 'x')), std::vector<std::string>{"new_password:too-long"});
}

}  // namespace
}  // namespace unknot::identity
