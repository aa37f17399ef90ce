// The session map merge: consent to touch × precautions → one status per
// region, with reasons and pressure caps. Fixtures are built by hand so the
// rules, not the shipped content, are under test.
#include "unknot/treat/session_map.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace unknot::treat {
namespace {

using assess::PrecautionChoice;
using assess::PrecautionResponse;
using assess::PressureCap;

assess::BodyMapRegions Regions() {
  assess::BodyMapRegions map;
  for (const auto& [code, label] :
       std::vector<std::pair<std::string, std::string>>{{"neck", "Neck"},
                                                        {"left_shoulder", "Left shoulder"},
                                                        {"lower_back", "Lower back"},
                                                        {"abdomen", "Abdomen"},
                                                        {"left_lower_leg", "Left lower leg"}}) {
    map.regions.push_back({.code = code, .label = label});
  }
  return map;
}

assess::PrecautionSituation Situation(std::string code, std::string name,
                                      PrecautionResponse response) {
  assess::PrecautionSituation situation;
  situation.code = std::move(code);
  situation.name = std::move(name);
  situation.response = response;
  return situation;
}

// Precautions shaped like the shipped ones: an exclusion that lists its
// regions, an exclusion anywhere, a hard stop, a cap everywhere, a cap over
// an area.
assess::RedFlagsContent Content() {
  assess::RedFlagsContent content;
  assess::Precaution pregnancy{.code = "pregnancy", .name = "Pregnancy"};
  auto postnatal = Situation("postnatal", "Postnatal", PrecautionResponse::kModify);
  postnatal.exclusion = assess::RegionRule{"The incision", {"abdomen"}};
  pregnancy.situations.push_back(postnatal);
  pregnancy.situations.push_back(
      Situation("warning_signs", "Warning signs", PrecautionResponse::kDeferAndRefer));
  content.precautions.push_back(pregnancy);

  assess::Precaution dvt{.code = "dvt", .name = "DVT"};
  dvt.situations.push_back(Situation("suspected", "Suspected DVT", PrecautionResponse::kNoMassage));
  auto known = Situation("known", "Known DVT", PrecautionResponse::kModify);
  known.exclusion = assess::RegionRule{"The affected limb", {}};
  dvt.situations.push_back(known);
  content.precautions.push_back(dvt);

  assess::Precaution blood{.code = "anticoagulants", .name = "Anticoagulants"};
  auto anticoagulant =
      Situation("anticoagulant", "On an anticoagulant", PrecautionResponse::kModify);
  anticoagulant.pressure_cap = PressureCap::kLightModerate;
  blood.situations.push_back(anticoagulant);
  content.precautions.push_back(blood);

  assess::Precaution oncology{.code = "oncology", .name = "Cancer"};
  auto bones = Situation("bone_metastases", "Bone metastases", PrecautionResponse::kModify);
  bones.pressure_cap = PressureCap::kGentleHolding;
  bones.pressure_cap_area = assess::RegionRule{"Known sites", {}};
  oncology.situations.push_back(bones);
  content.precautions.push_back(oncology);
  return content;
}

assess::PatientPrecautions With(std::vector<PrecautionChoice> items, std::int64_t version = 3) {
  assess::PatientPrecautions precautions;
  precautions.version = version;
  precautions.items = std::move(items);
  return precautions;
}

const MapRegion& At(const SessionMap& map, std::string_view code) {
  const MapRegion* region = map.Find(code);
  EXPECT_NE(region, nullptr) << code;
  static const MapRegion kNone;
  return region != nullptr ? *region : kNone;
}

std::vector<ReasonSource> Sources(const MapRegion& region) {
  std::vector<ReasonSource> out;
  for (const auto& reason : region.reasons) out.push_back(reason.source);
  return out;
}

TEST(SessionMap, ConsentAloneDecidesWhenThereAreNoPrecautions) {
  const TouchConsentMap consent{{"neck", TouchConsent::kNo},
                                {"lower_back", TouchConsent::kAskFirst},
                                {"left_shoulder", TouchConsent::kYes}};
  const SessionMap map = BuildSessionMap(Regions(), consent, 4, With({}, 0), Content());
  EXPECT_EQ(map.preferences_version, 4);
  EXPECT_EQ(map.precautions_version, 0);
  ASSERT_EQ(map.regions.size(), 5u);
  EXPECT_EQ(map.regions[0].code, "neck");  // body-map order
  EXPECT_EQ(At(map, "neck").status, RegionStatus::kDoNotTreat);
  EXPECT_EQ(At(map, "neck").reasons.at(0).text, "The patient has said no to touch here.");
  EXPECT_EQ(At(map, "lower_back").status, RegionStatus::kAskFirst);
  EXPECT_EQ(At(map, "left_shoulder").status, RegionStatus::kFine);
  // No answer recorded is "ask first", and says so.
  EXPECT_EQ(At(map, "abdomen").status, RegionStatus::kAskFirst);
  EXPECT_EQ(At(map, "abdomen").consent, std::nullopt);
  EXPECT_NE(At(map, "abdomen").reasons.at(0).text.find("No answer"), std::string::npos);
  for (const auto& region : map.regions) {
    EXPECT_EQ(Sources(region), std::vector<ReasonSource>{ReasonSource::kConsent}) << region.code;
    EXPECT_EQ(region.pressure_cap, std::nullopt) << region.code;
  }
}

TEST(SessionMap, APrecautionExclusionOverridesAYes) {
  const TouchConsentMap consent{{"abdomen", TouchConsent::kYes},
                                {"left_lower_leg", TouchConsent::kYes},
                                {"left_shoulder", TouchConsent::kYes}};
  const SessionMap map = BuildSessionMap(
      Regions(), consent, 1,
      With({{.precaution = "pregnancy", .situation = "postnatal"},
            {.precaution = "dvt", .situation = "known", .regions = {"left_lower_leg"}}}),
      Content());
  EXPECT_EQ(map.precautions_version, 3);
  const MapRegion& abdomen = At(map, "abdomen");
  EXPECT_EQ(abdomen.status, RegionStatus::kDoNotTreat);
  EXPECT_EQ(Sources(abdomen),
            (std::vector<ReasonSource>{ReasonSource::kConsent, ReasonSource::kPrecaution}));
  EXPECT_EQ(abdomen.reasons.at(1).text, "Pregnancy (Postnatal): do not work here.");
  EXPECT_EQ(abdomen.reasons.at(1).precaution, "Pregnancy (Postnatal)");
  EXPECT_EQ(At(map, "left_lower_leg").status, RegionStatus::kDoNotTreat);
  EXPECT_EQ(At(map, "left_shoulder").status, RegionStatus::kFine);
  // An exclusion "anywhere" with nothing chosen excludes nothing (assess::DeriveRegions).
  const SessionMap unplaced = BuildSessionMap(
      Regions(), consent, 1, With({{.precaution = "dvt", .situation = "known"}}), Content());
  EXPECT_EQ(At(unplaced, "left_lower_leg").status, RegionStatus::kFine);
}

TEST(SessionMap, AHardStopExcludesEveryRegion) {
  const TouchConsentMap consent{{"left_shoulder", TouchConsent::kYes}};
  for (const char* situation : {"suspected", "warning_signs"}) {
    const std::string precaution = std::string(situation) == "suspected" ? "dvt" : "pregnancy";
    const SessionMap map =
        BuildSessionMap(Regions(), consent, 1,
                        With({{.precaution = precaution, .situation = situation}}), Content());
    for (const auto& region : map.regions) {
      EXPECT_EQ(region.status, RegionStatus::kDoNotTreat) << situation << " " << region.code;
    }
    EXPECT_NE(At(map, "left_shoulder")
                  .reasons.back()
                  .text.find(precaution == "dvt" ? "no massage" : "defer and refer"),
              std::string::npos);
  }
}

TEST(SessionMap, PressureCapsApplyWhereTheyBelongAndTheStrictestWins) {
  const TouchConsentMap consent{{"left_shoulder", TouchConsent::kYes},
                                {"lower_back", TouchConsent::kYes}};
  // A cap with no area applies everywhere, without changing the status.
  const SessionMap everywhere = BuildSessionMap(
      Regions(), consent, 1, With({{.precaution = "anticoagulants", .situation = "anticoagulant"}}),
      Content());
  for (const auto& region : everywhere.regions) {
    EXPECT_EQ(region.pressure_cap, PressureCap::kLightModerate) << region.code;
  }
  EXPECT_EQ(At(everywhere, "left_shoulder").status, RegionStatus::kFine);
  EXPECT_EQ(At(everywhere, "left_shoulder").reasons.back().text,
            "Anticoagulants (On an anticoagulant): light to moderate pressure only.");

  // A cap over chosen regions applies there only; there the stricter cap wins.
  const SessionMap both = BuildSessionMap(
      Regions(), consent, 1,
      With({{.precaution = "anticoagulants", .situation = "anticoagulant"},
            {.precaution = "oncology", .situation = "bone_metastases", .regions = {"lower_back"}}}),
      Content());
  EXPECT_EQ(At(both, "lower_back").pressure_cap, PressureCap::kGentleHolding);
  EXPECT_EQ(At(both, "left_shoulder").pressure_cap, PressureCap::kLightModerate);
  EXPECT_EQ(At(both, "lower_back").reasons.size(), 3u);

  // An area cap with no region chosen: where is unknown, so everywhere.
  const SessionMap unknown = BuildSessionMap(
      Regions(), consent, 1, With({{.precaution = "oncology", .situation = "bone_metastases"}}),
      Content());
  EXPECT_EQ(At(unknown, "neck").pressure_cap, PressureCap::kGentleHolding);

  EXPECT_EQ(Stricter(PressureCap::kLight, PressureCap::kLightModerate), PressureCap::kLight);
  EXPECT_EQ(Stricter(PressureCap::kLightModerate, PressureCap::kGentleHolding),
            PressureCap::kGentleHolding);
}

TEST(SessionMap, APrecautionNoLongerInTheContentChangesNothing) {
  const TouchConsentMap consent{{"neck", TouchConsent::kYes}};
  const SessionMap map = BuildSessionMap(
      Regions(), consent, 1, With({{.precaution = "gone", .situation = "away"}}), Content());
  EXPECT_EQ(At(map, "neck").status, RegionStatus::kFine);
  EXPECT_EQ(At(map, "neck").reasons.size(), 1u);
}

TEST(SessionMap, EncodesTheContractsDocument) {
  const TouchConsentMap consent{{"neck", TouchConsent::kNo}};
  const SessionMap map = BuildSessionMap(
      Regions(), consent, 2, With({{.precaution = "anticoagulants", .situation = "anticoagulant"}}),
      Content());
  const boost::json::object out = EncodeSessionMap(map);
  EXPECT_EQ(out.at("preferences_version"), 2);
  EXPECT_EQ(out.at("precautions_version"), 3);
  const auto& neck = out.at("regions").as_array().at(0).as_object();
  EXPECT_EQ(neck.at("code"), "neck");
  EXPECT_EQ(neck.at("label"), "Neck");
  EXPECT_EQ(neck.at("status"), "do_not_treat");
  EXPECT_EQ(neck.at("pressure_cap"), "light-moderate");
  EXPECT_EQ(neck.at("reasons").as_array().at(0).at("source"), "consent");
  EXPECT_EQ(neck.at("reasons").as_array().at(1).at("source"), "precaution");
  EXPECT_EQ(neck.size(), 5u);  // the internal consent and precaution name stay out
  const SessionMap plain = BuildSessionMap(Regions(), {}, 0, With({}, 0), Content());
  EXPECT_TRUE(EncodeSessionMap(plain).at("regions").as_array().at(1).at("pressure_cap").is_null());
  EXPECT_EQ(EncodeSessionMap(plain).at("regions").as_array().at(1).at("status"), "ask_first");
}

}  // namespace
}  // namespace unknot::treat
