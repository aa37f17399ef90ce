#include "unknot/platform/mail/message_format.hpp"

#include <gtest/gtest.h>

namespace unknot::mail {
namespace {

// 2026-11-24T09:05:07Z, a Tuesday.
constexpr Instant kAt = 1795511107'000000;

TEST(MailFormatTest, DateIsRfc5322InUtc) {
  EXPECT_EQ(FormatMailDate(kAt), "Tue, 24 Nov 2026 09:05:07 +0000");
  EXPECT_EQ(FormatMailDate(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatMailDate(951782400'500000), "Tue, 29 Feb 2000 00:00:00 +0000");
}

TEST(MailFormatTest, AsciiHeaderTextIsUnchanged) {
  EXPECT_EQ(EncodeHeaderText("Set up your account"), "Set up your account");
}

TEST(MailFormatTest, NonAsciiHeaderTextBecomesEncodedWords) {
  EXPECT_EQ(EncodeHeaderText("Café"), "=?UTF-8?B?Q2Fmw6k=?=");
  // 30 × "é" is 60 bytes: more than one word holds (45 bytes), split between
  // characters, never inside one.
  std::string accents;
  for (int i = 0; i < 30; ++i) accents += "é";
  const std::string encoded = EncodeHeaderText(accents);
  const auto fold = encoded.find("\r\n ");
  ASSERT_NE(fold, std::string::npos) << encoded;
  const std::string first = encoded.substr(0, fold);
  const std::string second = encoded.substr(fold + 3);
  EXPECT_LE(first.size(), 75u);
  EXPECT_LE(second.size(), 75u);
  // 22 characters = 44 bytes in the first word, 8 in the second.
  EXPECT_EQ(first, "=?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6k=?=");
  EXPECT_EQ(second, "=?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqQ==?=");
}

TEST(MailFormatTest, MailboxesAndEnvelopeAddresses) {
  EXPECT_EQ(AddressOf("unknot <no-reply@localhost>"), "no-reply@localhost");
  EXPECT_EQ(AddressOf(" ana@example.org "), "ana@example.org");
  EXPECT_EQ(FormatMailbox("unknot <no-reply@localhost>"), "unknot <no-reply@localhost>");
  EXPECT_EQ(FormatMailbox("ana@example.org"), "ana@example.org");
  EXPECT_EQ(FormatMailbox("Calm Clinic, Leeds <x@y.org>"), "\"Calm Clinic, Leeds\" <x@y.org>");
  EXPECT_EQ(FormatMailbox("Zoë <z@y.org>"), "=?UTF-8?B?Wm/Dqw==?= <z@y.org>");
}

TEST(MailFormatTest, HeaderValuesWithLineBreaksAreUnsafe) {
  EXPECT_TRUE(IsSafeHeaderValue("Set up your account"));
  EXPECT_TRUE(IsSafeHeaderValue("Café"));
  EXPECT_FALSE(IsSafeHeaderValue("a\r\nBcc: evil@example.org"));
  EXPECT_FALSE(IsSafeHeaderValue("a\nb"));
  EXPECT_FALSE(IsSafeHeaderValue(std::string("a\0b", 3)));
}

TEST(MailFormatTest, WholeMessage) {
  const MailMessage message{"ana@example.org", "Reset your password",
                            "Hello,\nline two\r\nline three", "password-reset"};
  EXPECT_EQ(FormatMessage(message, "unknot <no-reply@localhost>", kAt, "abc@localhost"),
            "Date: Tue, 24 Nov 2026 09:05:07 +0000\r\n"
            "Message-ID: <abc@localhost>\r\n"
            "From: unknot <no-reply@localhost>\r\n"
            "To: ana@example.org\r\n"
            "Subject: Reset your password\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "\r\n"
            "Hello,\r\nline two\r\nline three\r\n");
}

}  // namespace
}  // namespace unknot::mail
