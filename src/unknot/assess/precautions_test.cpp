#include "unknot/assess/precautions.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "unknot/assess/record_test_support.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using testing::Expected;
using testing::PathsAndCodes;
using testing::ShippedContent;

using Strings = std::vector<std::string>;

Result<std::vector<PrecautionChoice>> Decode(const json::value& body) {
  return DecodePrecautionChoices(body.as_object(), ShippedContent().red_flags,
                                 ShippedContent().body_map);
}

const PrecautionSituation& Situation(std::string_view precaution, std::string_view code) {
  for (const auto& situation : ShippedContent().red_flags.FindPrecaution(precaution)->situations) {
    if (situation.code == code) return situation;
  }
  throw std::logic_error("no such situation");
}

TEST(Precautions, ValidChoicesDecode) {
  const auto decoded = Decode(json::parse(R"({"items": [
      {"precaution": "recent_surgery", "situation": "operation_site", "regions": ["left_knee"],
       "details": {"surgery_date": "2026-10-01", "surgery_site": " Left knee replacement "},
       "note": "Healing well"},
      {"precaution": "pregnancy", "situation": "postnatal", "details": {"delivery_mode": "  ", "c_section_date": null}},
      {"precaution": "anticoagulants", "situation": "anticoagulant", "regions": [],
       "details": null, "note": null}]})"));
  ASSERT_TRUE(decoded) << ::testing::PrintToString(PathsAndCodes(decoded.error().issues()));
  ASSERT_EQ(decoded->size(), 3u);
  const PrecautionChoice& surgery = (*decoded)[0];
  EXPECT_EQ(surgery.regions, Strings{"left_knee"});
  EXPECT_EQ(surgery.details.at("surgery_site"), "Left knee replacement");
  EXPECT_EQ(surgery.note, "Healing well");
  EXPECT_TRUE((*decoded)[1].details.empty());  // blank details are dropped
  EXPECT_FALSE((*decoded)[2].note);
}

TEST(Precautions, EveryProblemIsReportedAtOnce) {
  const auto decoded = Decode(json::parse(R"({"items": [
      {"precaution": "gout", "situation": "x"},
      {"precaution": "pregnancy", "situation": "third_trimester"},
      {"precaution": "dvt", "situation": "known", "regions": ["left_calf", "left_thigh",
                                                               "left_thigh", 4]},
      {"precaution": "dvt", "situation": "known"},
      {"precaution": "pregnancy", "situation": "postnatal", "regions": ["left_knee"]},
      {"precaution": "anticoagulants", "situation": "anticoagulant", "regions": ["neck"]},
      {"precaution": "recent_surgery", "situation": "operation_site",
       "details": {"favourite_colour": "blue", "surgery_site": 3}, "colour": "red",
       "note": "x"},
      {"situation": "known"},
      "dvt"], "version": 3})"));
  ASSERT_FALSE(decoded);
  Expected expected = {{"items[0].precaution", "unknown-precaution"},
                       {"items[1].situation", "unknown-situation"},
                       {"items[2].regions[0]", "unknown-region"},
                       {"items[2].regions[2]", "duplicate"},
                       {"items[2].regions[3]", "wrong-type"},
                       {"items[3].situation", "duplicate"},
                       {"items[4].regions[0]", "not-allowed"},
                       {"items[5].regions", "not-applicable"},
                       {"items[6].colour", "unknown-field"},
                       {"items[6].details.favourite_colour", "unknown-field"},
                       {"items[6].details.surgery_site", "wrong-type"},
                       {"items[7].precaution", "required"},
                       {"items[8]", "wrong-type"},
                       {"version", "unknown-field"}};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(PathsAndCodes(decoded.error().issues()), expected);
}

TEST(Precautions, TextLimits) {
  json::object item{
      {"precaution", "recent_surgery"},
      {"situation", "operation_site"},
      {"details", json::object{{"surgery_site", std::string(kMaxPrecautionDetailLength + 1, 's')}}},
      {"note", std::string(kMaxPrecautionNoteLength + 1, 'n')}};
  const auto decoded = Decode(json::object{{"items", json::array{item}}});
  ASSERT_FALSE(decoded);
  EXPECT_EQ(
      PathsAndCodes(decoded.error().issues()),
      (Expected{{"items[0].details.surgery_site", "too-long"}, {"items[0].note", "too-long"}}));
  EXPECT_EQ(PathsAndCodes(Decode(json::object{}).error().issues()),
            (Expected{{"items", "required"}}));
  EXPECT_TRUE(Decode(json::object{{"items", json::array{}}}));  // "no precautions" is a record too
}

TEST(Precautions, DerivedRegionsFollowTheSituationRules) {
  // The rule lists the incision's region: nothing chosen means that region.
  const auto& postnatal = Situation("pregnancy", "postnatal");
  EXPECT_EQ(DeriveRegions(postnatal, {}).excluded, Strings{"abdomen"});
  EXPECT_EQ(DeriveRegions(postnatal, {"abdomen"}).excluded, Strings{"abdomen"});
  EXPECT_TRUE(DeriveRegions(postnatal, {}).pressure_cap.empty());
  // Any region: exactly the chosen ones, nothing when none were chosen.
  const auto& known_dvt = Situation("dvt", "known");
  EXPECT_EQ(DeriveRegions(known_dvt, {"left_lower_leg", "left_thigh"}).excluded,
            (Strings{"left_lower_leg", "left_thigh"}));
  EXPECT_TRUE(DeriveRegions(known_dvt, {}).excluded.empty());
  // Both rules, both open: the chosen regions are excluded and capped.
  const auto& chemo = Situation("oncology", "chemotherapy");
  const AffectedRegions affected = DeriveRegions(chemo, {"left_hand"});
  EXPECT_EQ(affected.excluded, Strings{"left_hand"});
  EXPECT_EQ(affected.pressure_cap, Strings{"left_hand"});
  // A cap without an area applies everywhere: no regions listed.
  const AffectedRegions everywhere =
      DeriveRegions(Situation("anticoagulants", "anticoagulant"), {});
  EXPECT_TRUE(everywhere.excluded.empty());
  EXPECT_TRUE(everywhere.pressure_cap.empty());
  // A listed rule keeps only its own regions from a wider choice.
  PrecautionSituation narrow;
  narrow.exclusion = RegionRule{"The incision", {"abdomen"}};
  narrow.pressure_cap_area = RegionRule{"Anywhere", {}};
  const AffectedRegions mixed = DeriveRegions(narrow, {"abdomen", "lower_back"});
  EXPECT_EQ(mixed.excluded, Strings{"abdomen"});
  EXPECT_EQ(mixed.pressure_cap, (Strings{"abdomen", "lower_back"}));
}

TEST(Precautions, EntriesCarryTheGuidanceAndDerivedRegions) {
  const PrecautionChoice choice{"oncology",
                                "chemotherapy",
                                {"left_hand"},
                                {{"port_location", "Right chest"}},
                                "Tingling in fingers"};
  const json::object entry = EncodePrecautionEntry(choice, ShippedContent().red_flags);
  EXPECT_EQ(entry.at("name").as_string(),
            ShippedContent().red_flags.FindPrecaution("oncology")->name);
  EXPECT_EQ(entry.at("situation_name").as_string(), Situation("oncology", "chemotherapy").name);
  EXPECT_EQ(entry.at("response"), "modify");
  EXPECT_EQ(entry.at("pressure_cap"), "light");
  EXPECT_EQ(entry.at("excluded_regions"), json::array{"left_hand"});
  EXPECT_EQ(entry.at("pressure_cap_regions"), json::array{"left_hand"});
  EXPECT_EQ(entry.at("details"), (json::object{{"port_location", "Right chest"}}));
  EXPECT_EQ(entry.at("note"), "Tingling in fingers");

  // A situation removed from the content still shows, by its codes.
  const json::object gone =
      EncodePrecautionEntry({"retired", "old", {}, {}, {}}, ShippedContent().red_flags);
  EXPECT_EQ(gone.at("name"), "retired");
  EXPECT_TRUE(gone.at("response").is_null());
}

TEST(Precautions, StoredChoicesRoundTrip) {
  const std::vector<PrecautionChoice> items = {
      {"dvt", "known", {"left_lower_leg"}, {{"dvt_history", "2025"}}, "On apixaban"},
      {"pregnancy", "postnatal", {}, {}, {}}};
  const auto parsed = ParseStoredPrecautionChoices(StoredPrecautionChoices(items));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, items);
  for (const auto* bad : {"", "{}", R"([{"precaution": "dvt"}])", R"([{"precaution": "dvt",
       "situation": "known", "regions": [1], "details": {}}])"}) {
    const auto corrupt = ParseStoredPrecautionChoices(bad);
    ASSERT_FALSE(corrupt) << bad;
    EXPECT_EQ(corrupt.error().code(), ErrorCode::kInternal);
  }
}

TEST(Precautions, DocumentHasVersionAndAuthor) {
  const json::object never = EncodePatientPrecautions({}, ShippedContent().red_flags);
  EXPECT_EQ(never.at("version"), 0);
  EXPECT_TRUE(never.at("updated_at").is_null());
  EXPECT_TRUE(never.at("updated_by").is_null());
  EXPECT_TRUE(never.at("items").as_array().empty());
  const json::object recorded = EncodePatientPrecautions(
      {2, 1'000'000, Author{"u-1", std::nullopt}, {{"dvt", "suspected", {}, {}, {}}}},
      ShippedContent().red_flags);
  EXPECT_EQ(recorded.at("version"), 2);
  EXPECT_EQ(recorded.at("updated_at"), "1970-01-01T00:00:01.000000Z");
  EXPECT_EQ(recorded.at("updated_by"), (json::object{{"id", "u-1"}, {"name", "Unknown user"}}));
  EXPECT_EQ(recorded.at("items").as_array().size(), 1u);
}

}  // namespace
}  // namespace unknot::assess
