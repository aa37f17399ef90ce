#include "unknot/treat/touch_consent.hpp"

#include <gtest/gtest.h>

namespace unknot::treat {
namespace {

TEST(TouchConsent, NamesRoundTrip) {
  for (const auto c : {TouchConsent::kYes, TouchConsent::kAskFirst, TouchConsent::kNo}) {
    EXPECT_EQ(TouchConsentFromString(ToString(c)), c);
  }
  EXPECT_FALSE(TouchConsentFromString("maybe"));
}

TEST(TouchConsent, ReadsTheStoredDocument) {
  const auto consent = TouchConsentFromStoredPreferences(
      R"({"consent_to_touch": {"value": {"neck": "no", "lower_back": "ask_first"},
          "reviewed_at": 1, "reviewed_by": "u", "set_by": "patient"},
          "stop_signal": {"value": "red"}})");
  ASSERT_TRUE(consent.has_value());
  EXPECT_EQ(consent->size(), 2u);
  EXPECT_EQ(consent->at("neck"), TouchConsent::kNo);
  EXPECT_EQ(consent->at("lower_back"), TouchConsent::kAskFirst);
  EXPECT_TRUE(TouchConsentFromStoredPreferences(R"({"music": {"value": "off"}})")->empty());
  EXPECT_FALSE(TouchConsentFromStoredPreferences("[]").has_value());
  EXPECT_FALSE(TouchConsentFromStoredPreferences(
                   R"({"consent_to_touch": {"value": {"neck": "never"}}})")
                   .has_value());
}

}  // namespace
}  // namespace unknot::treat
