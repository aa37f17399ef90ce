#include "unknot/empower/reminder_sender.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace unknot::empower {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

TEST(ReminderMail, LinksToThePortalAndSaysNothingClinical) {
  const mail::MailMessage mail =
      ReminderMail("ann@example.org", "Ann", "https://care.example.org/");
  EXPECT_EQ(mail.to, "ann@example.org");
  EXPECT_EQ(mail.kind, "check-in-reminder");
  EXPECT_EQ(mail.subject, "Your daily check-in");
  EXPECT_NE(mail.text.find("Hello Ann,"), std::string::npos);
  EXPECT_NE(mail.text.find("\nhttps://care.example.org/me\n"), std::string::npos) << mail.text;
  EXPECT_NE(mail.text.find("\nhttps://care.example.org/me/reminders\n"), std::string::npos);
  const std::string text = Lower(mail.subject + "\n" + mail.text);
  for (const char* word : {"pain", "stress", "mood", "sleep", "symptom", "treatment", "therapy",
                           "clinic", "diagnos", "health"}) {
    EXPECT_EQ(text.find(word), std::string::npos) << word;
  }
}

TEST(ReminderMail, PathOnlyLinksWithoutAPublicUrlAndNoNameNoProblem) {
  const mail::MailMessage mail = ReminderMail("ann@example.org", "", "");
  EXPECT_EQ(mail.text.rfind("Hello,\n", 0), 0u);
  EXPECT_NE(mail.text.find("\n/me\n"), std::string::npos);
  EXPECT_NE(mail.text.find("\n/me/reminders\n"), std::string::npos);
}

}  // namespace
}  // namespace unknot::empower
