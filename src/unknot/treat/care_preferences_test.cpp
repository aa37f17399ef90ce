#include "unknot/treat/care_preferences.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <string>

#include "unknot/treat/touch_consent.hpp"

namespace unknot::treat {
namespace {

namespace json = boost::json;
using Expected = std::vector<std::pair<std::string, std::string>>;  // path, code

assess::BodyMapRegions TestBodyMap() {
  assess::BodyMapRegions map;
  for (const char* code : {"neck", "lower_back", "left_shoulder"}) {
    assess::BodyRegion region;
    region.code = code;
    region.label = code;
    map.regions.push_back(region);
  }
  return map;
}

Result<CarePreferenceChange> Decode(std::string_view body) {
  return DecodeCarePreferenceChange(json::parse(body).as_object(), TestBodyMap());
}

Expected IssuesOf(const Result<CarePreferenceChange>& result) {
  Expected out;
  if (result) return out;
  const Error error = result.error();  // a copy: error() returns by value
  for (const auto& issue : error.issues()) out.emplace_back(issue.path, issue.code);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(DecodeCarePreferenceChange, ReadsEveryKindOfField) {
  const auto change = Decode(R"({"values": {
      "consent_to_touch": {"neck": "no", "lower_back": "ask_first"},
      "stop_signal": "  hand up ",
      "pressure": "light",
      "positions_to_avoid": ["seated", "prone"],
      "written_summary": true,
      "processing_time": false,
      "music": null},
    "reviewed": ["talking", "pressure", "talking"]})");
  ASSERT_TRUE(change.has_value()) << IssuesOf(change).size();
  const auto& values = change->values;
  EXPECT_EQ(*values.at("consent_to_touch"),
            (json::object{{"neck", "no"}, {"lower_back", "ask_first"}}));
  EXPECT_EQ(*values.at("stop_signal"), "hand up");  // trimmed
  EXPECT_EQ(*values.at("pressure"), "light");
  // Choices in option order, so the same choice compares equal however it was sent.
  EXPECT_EQ(*values.at("positions_to_avoid"), (json::array{"prone", "seated"}));
  EXPECT_EQ(*values.at("written_summary"), true);
  EXPECT_EQ(*values.at("processing_time"), false);
  EXPECT_FALSE(values.at("music").has_value());  // null removes
  EXPECT_EQ(change->reviewed, (std::vector<std::string>{"talking", "pressure"}));
}

TEST(DecodeCarePreferenceChange, EmptyValuesRemoveTheField) {
  const auto change = Decode(
      R"({"values": {"stop_signal": "   ", "positions_to_avoid": [], "consent_to_touch": {}}})");
  ASSERT_TRUE(change.has_value());
  for (const char* name : {"stop_signal", "positions_to_avoid", "consent_to_touch"}) {
    ASSERT_TRUE(change->values.contains(name)) << name;
    EXPECT_FALSE(change->values.at(name).has_value()) << name;
  }
  EXPECT_TRUE(Decode("{}").has_value());
}

TEST(DecodeCarePreferenceChange, ReportsEveryIssueWithItsPath) {
  const std::string long_text(501, 'x');
  const auto change = Decode(R"({"values": {
      "pressure": "very firm",
      "chaperone": 3,
      "consent_to_touch": {"neck": "never", "elbow": "yes", "lower_back": "no"},
      "positions_to_avoid": ["prone", "upside_down", "prone", 7],
      "written_summary": "yes",
      "stop_signal": ")" + long_text +
                             R"(",
      "trauma_history": "x"},
    "reviewed": ["pressure", "nothing", 4],
    "extra": 1})");
  EXPECT_EQ(IssuesOf(change), (Expected{{"extra", "unknown-field"},
                                        {"reviewed[1]", "unknown-field"},
                                        {"reviewed[2]", "wrong-type"},
                                        {"values.chaperone", "wrong-type"},
                                        {"values.consent_to_touch.elbow", "unknown-region"},
                                        {"values.consent_to_touch.neck", "invalid-option"},
                                        {"values.positions_to_avoid[1]", "invalid-option"},
                                        {"values.positions_to_avoid[2]", "repeated"},
                                        {"values.positions_to_avoid[3]", "wrong-type"},
                                        {"values.pressure", "invalid-option"},
                                        {"values.stop_signal", "too-long"},
                                        {"values.trauma_history", "unknown-field"},
                                        {"values.written_summary", "wrong-type"}}));
  EXPECT_EQ(IssuesOf(Decode(R"({"values": [1], "reviewed": "pressure"})")),
            (Expected{{"reviewed", "wrong-type"}, {"values", "wrong-type"}}));
  // 500 characters, counted as a person counts them, are fine.
  std::string five_hundred;
  for (int i = 0; i < 500; ++i) five_hundred += "é";
  EXPECT_TRUE(Decode(R"({"values": {"other_needs": ")" + five_hundred + R"("}})").has_value());
}

const Author kPatient{"patient-uuid", "Pat"};
const Author kClinician{"clinician-uuid", "Cli"};

TEST(ApplyCarePreferenceChange, StampsChangedFieldsOnly) {
  PreferenceFields fields;
  ASSERT_TRUE(ApplyCarePreferenceChange(
      fields, Decode(R"({"values": {"pressure": "light", "talking": "quiet"}})").value(), kPatient,
      SetBy::kPatient, 100));
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields.at("pressure").reviewed_at, 100);
  EXPECT_EQ(fields.at("pressure").reviewed_by.id, "patient-uuid");
  EXPECT_EQ(fields.at("pressure").set_by, SetBy::kPatient);

  // The clinician changes one and sends the other unchanged: only the change is stamped.
  EXPECT_TRUE(ApplyCarePreferenceChange(
      fields, Decode(R"({"values": {"pressure": "medium", "talking": "quiet"}})").value(),
      kClinician, SetBy::kClinician, 200));
  EXPECT_EQ(fields.at("pressure").value, "medium");
  EXPECT_EQ(fields.at("pressure").reviewed_at, 200);
  EXPECT_EQ(fields.at("pressure").set_by, SetBy::kClinician);
  EXPECT_EQ(fields.at("talking").reviewed_at, 100);
  EXPECT_EQ(fields.at("talking").set_by, SetBy::kPatient);

  // The same values again change nothing.
  EXPECT_FALSE(ApplyCarePreferenceChange(
      fields, Decode(R"({"values": {"pressure": "medium"}, "reviewed": ["music"]})").value(),
      kPatient, SetBy::kPatient, 300));
  EXPECT_EQ(fields.at("pressure").reviewed_at, 200);
}

TEST(ApplyCarePreferenceChange, ReviewedRefreshesTheStampButNotTheSide) {
  PreferenceFields fields;
  ApplyCarePreferenceChange(fields, Decode(R"({"values": {"pressure": "light"}})").value(),
                            kPatient, SetBy::kPatient, 100);
  EXPECT_TRUE(ApplyCarePreferenceChange(fields, Decode(R"({"reviewed": ["pressure"]})").value(),
                                        kClinician, SetBy::kClinician, 500));
  EXPECT_EQ(fields.at("pressure").reviewed_at, 500);
  EXPECT_EQ(fields.at("pressure").reviewed_by.id, "clinician-uuid");
  EXPECT_EQ(fields.at("pressure").set_by, SetBy::kPatient);  // the patient chose it
  EXPECT_EQ(fields.at("pressure").value, "light");
  // Sent unchanged and listed as reviewed: refreshed too; removed and listed: gone.
  EXPECT_TRUE(ApplyCarePreferenceChange(
      fields, Decode(R"({"values": {"pressure": "light"}, "reviewed": ["pressure"]})").value(),
      kPatient, SetBy::kPatient, 600));
  EXPECT_EQ(fields.at("pressure").reviewed_at, 600);
  EXPECT_EQ(fields.at("pressure").reviewed_by.id, "patient-uuid");
  EXPECT_TRUE(ApplyCarePreferenceChange(
      fields, Decode(R"({"values": {"pressure": null}, "reviewed": ["pressure"]})").value(),
      kPatient, SetBy::kPatient, 700));
  EXPECT_FALSE(fields.contains("pressure"));
}

TEST(ApplyCarePreferenceChange, NullRemoves) {
  PreferenceFields fields;
  ApplyCarePreferenceChange(fields, Decode(R"({"values": {"pressure": "light"}})").value(),
                            kPatient, SetBy::kPatient, 100);
  EXPECT_FALSE(ApplyCarePreferenceChange(fields, Decode(R"({"values": {"music": null}})").value(),
                                         kPatient, SetBy::kPatient, 200));
  EXPECT_TRUE(ApplyCarePreferenceChange(fields, Decode(R"({"values": {"pressure": null}})").value(),
                                        kPatient, SetBy::kPatient, 200));
  EXPECT_TRUE(fields.empty());
}

TEST(StoredCarePreferences, RoundTripsInTheMigrationsShape) {
  PreferenceFields fields;
  ApplyCarePreferenceChange(
      fields,
      Decode(R"({"values": {"consent_to_touch": {"neck": "no"}, "unscented": true}})").value(),
      kPatient, SetBy::kPatient, 1234);
  const std::string stored = StoredCarePreferences(fields);
  EXPECT_EQ(json::parse(stored),
            json::parse(R"({"consent_to_touch": {"value": {"neck": "no"}, "reviewed_at": 1234,
                              "reviewed_by": "patient-uuid", "set_by": "patient"},
                            "unscented": {"value": true, "reviewed_at": 1234,
                              "reviewed_by": "patient-uuid", "set_by": "patient"}})"));
  // The session map reads the same document.
  EXPECT_EQ(TouchConsentFromStoredPreferences(stored)->at("neck"), TouchConsent::kNo);

  const auto parsed = ParseStoredCarePreferences(stored);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->at("unscented").value, true);
  EXPECT_EQ(parsed->at("unscented").reviewed_at, 1234);
  EXPECT_EQ(parsed->at("unscented").reviewed_by.id, "patient-uuid");
  EXPECT_FALSE(parsed->at("unscented").reviewed_by.name.has_value());
  EXPECT_FALSE(ParseStoredCarePreferences("[]").has_value());
  EXPECT_FALSE(ParseStoredCarePreferences(R"({"pressure": {"value": "light"}})").has_value());
  EXPECT_FALSE(ParseStoredCarePreferences(
                   R"({"pressure": {"value": "light", "reviewed_at": 1, "reviewed_by": "u",
                                    "set_by": "someone"}})")
                   .has_value());
}

TEST(EncodeCarePreferences, VersionZeroIsEmpty) {
  const json::object empty = EncodeCarePreferences({});
  EXPECT_EQ(empty.at("version"), 0);
  EXPECT_TRUE(empty.at("updated_at").is_null());
  EXPECT_TRUE(empty.at("updated_by").is_null());
  EXPECT_EQ(empty.at("fields"), json::object{});

  CarePreferences preferences;
  preferences.version = 2;
  preferences.updated_at = 0;
  preferences.updated_by = kClinician;
  preferences.fields["pressure"] = PreferenceEntry{"firm", 0, kClinician, SetBy::kClinician};
  const json::object body = EncodeCarePreferences(preferences);
  EXPECT_EQ(body.at("version"), 2);
  EXPECT_EQ(body.at("updated_by").at("name"), "Cli");
  const json::object& pressure = body.at("fields").at("pressure").as_object();
  EXPECT_EQ(pressure.at("value"), "firm");
  EXPECT_EQ(pressure.at("reviewed_at"), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(pressure.at("reviewed_by"), (json::object{{"id", "clinician-uuid"}, {"name", "Cli"}}));
  EXPECT_EQ(pressure.at("set_by"), "clinician");
}

}  // namespace
}  // namespace unknot::treat
