// The pure parts of safety alerts: what the patient's screen is told and what
// the email says. Raising, de-duplication and acknowledgement run against
// both databases in tests/integration/safety_alert_test.cpp.
#include "unknot/assess/safety_alerts.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "unknot/assess/content_test_support.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

const Registry& Instruments() {
  static const Registry registry =
      LoadRegistry(testing::RepositoryRoot() / "content" / "instruments");
  return registry;
}

Assessment WithPhq9(std::string_view item9) {
  Assessment assessment;
  assessment.instruments = {"phq9"};
  json::object answers;
  for (int i = 1; i <= 8; ++i) answers["phq9_" + std::to_string(i)] = "not_at_all";
  answers["phq9_9"] = item9;
  assessment.draft.answers["phq9"] = answers;
  return assessment;
}

TEST(SafetyNotice, ItemNineSeveralDaysWithATotalOfOneShowsCrisisSupport) {
  const SafetyNotice notice = AssessSafety(WithPhq9("several_days"), Instruments(), {});
  EXPECT_TRUE(notice.crisis_support);
  ASSERT_EQ(notice.alerts.size(), 1u);
  EXPECT_EQ(notice.alerts[0].instrument, "phq9");
  EXPECT_EQ(notice.alerts[0].rule, "self_harm_thoughts");
  // Screen-positive (total ≥ 10) is not a safety alert.
  EXPECT_EQ(json::value(ToJson(notice)).at("crisis_support"), true);
}

TEST(SafetyNotice, NothingFiresOnNotAtAll) {
  const SafetyNotice notice = AssessSafety(WithPhq9("not_at_all"), Instruments(), {});
  EXPECT_FALSE(notice.crisis_support);
  EXPECT_TRUE(notice.alerts.empty());
}

TEST(SafetyNotice, AnOpenAlertStillCountsWhenTheAnswersNoLongerFire) {
  AlertRecord open;
  open.instrument = "phq9";
  open.rule = "self_harm_thoughts";
  open.message = "m";
  open.open = true;
  AlertRecord closed = open;
  closed.open = false;
  EXPECT_TRUE(AssessSafety(WithPhq9("not_at_all"), Instruments(), {open}).crisis_support);
  EXPECT_FALSE(AssessSafety(WithPhq9("not_at_all"), Instruments(), {closed}).crisis_support);
  // The same rule is listed once.
  EXPECT_EQ(AssessSafety(WithPhq9("nearly_every_day"), Instruments(), {open}).alerts.size(), 1u);
}

TEST(SafetyMail, CarriesALinkAndNoClinicalContent) {
  const auto mail = SafetyAlertMail("staff@example.org", "https://clinic.example.org/");
  EXPECT_EQ(mail.to, "staff@example.org");
  EXPECT_EQ(mail.kind, "safety-alert");
  EXPECT_EQ(mail.subject, "Safety alert: a patient needs contact today");
  EXPECT_NE(mail.text.find("A safety answer was recorded for a patient; open unknot to see it"),
            std::string::npos);
  EXPECT_NE(mail.text.find("https://clinic.example.org/\n"), std::string::npos);
  EXPECT_EQ(mail.text.find("//\n"), std::string::npos);
  for (const char* clinical : {"PHQ", "item", "harm", "dead"}) {
    EXPECT_EQ(mail.text.find(clinical), std::string::npos) << clinical;
  }
}

}  // namespace
}  // namespace unknot::assess
