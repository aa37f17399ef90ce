#include "unknot/assess/red_flags_content.hpp"

#include <gtest/gtest.h>

#include "unknot/assess/content_test_support.hpp"

#include <algorithm>
#include <utility>

namespace unknot::assess {
namespace {

using namespace std::chrono;
using testing::Expected;
using testing::PathsAndCodes;

const Instant kToday = StartOfDay(2026y / November / 25d);
const std::set<std::string, std::less<>> kRegions = {"abdomen", "left_thigh", "right_thigh"};

constexpr std::string_view kValid = R"({
  "schema_version": 1,
  "answer_states": [{"code": "present", "label": "Present"},
                    {"code": "absent", "label": "Absent"},
                    {"code": "unsure", "label": "Unsure"}],
  "flags": [
    {"code": "fracture", "name": "Spinal fracture",
     "features": [{"code": "trauma", "text": "Significant trauma"}],
     "actions": [{"urgency": "999-ae", "when": "High-energy trauma", "instruction": "A&E."},
                 {"urgency": "urgent-gp", "when": "Otherwise", "instruction": "Urgent GP."}],
     "treatment_restriction": "No manual therapy to the region.",
     "sources": [{"title": "Chiropr Man Therap 14:8", "evidence": "V"}],
     "last_reviewed": "2026-11-25", "review_due": "2027-05-25"}
  ],
  "precautions": [
    {"code": "dvt", "name": "DVT", "summary": "Suspected DVT is a hard stop.",
     "situations": [
       {"code": "suspected", "name": "Suspected DVT", "guidance": "No massage.",
        "response": "no-massage", "escalation": "same-day"},
       {"code": "known", "name": "Known DVT", "guidance": "Not the affected limb.",
        "response": "modify", "pressure_cap": "light",
        "exclusion": {"area": "The affected limb", "regions": ["left_thigh", "right_thigh"]}}
     ],
     "sources": [{"title": "eRAPID", "url": "https://patient.pcor.org.uk/erapid-lung-home/massage/",
                  "evidence": "V"}],
     "last_reviewed": "2026-11-25", "review_due": "2027-05-25"}
  ]
})";

TEST(RedFlagsContentTest, ParsesFlagsActionsAndPrecautions) {
  auto content = ParseRedFlagsContent(kValid, "red_flags.json", &kRegions, kToday);
  ASSERT_TRUE(content);
  ASSERT_EQ(content->answer_states.size(), 3u);
  EXPECT_EQ(content->answer_states[2].answer, FlagAnswer::kUnsure);
  const auto* fracture = content->FindFlag("fracture");
  ASSERT_NE(fracture, nullptr);
  EXPECT_EQ(fracture->MostUrgent(), Urgency::kEmergency);
  EXPECT_EQ(fracture->actions[1].urgency, Urgency::kUrgentGp);
  EXPECT_EQ(ToString(fracture->actions[1].urgency), "urgent-gp");
  const auto* dvt = content->FindPrecaution("dvt");
  ASSERT_NE(dvt, nullptr);
  EXPECT_EQ(dvt->situations[0].escalation, Urgency::kSameDay);
  EXPECT_EQ(dvt->situations[0].response, PrecautionResponse::kNoMassage);
  EXPECT_EQ(dvt->situations[1].pressure_cap, PressureCap::kLight);
  EXPECT_EQ(dvt->situations[1].exclusion->regions,
            (std::vector<std::string>{"left_thigh", "right_thigh"}));
  EXPECT_EQ(dvt->review.last_reviewed, 2026y / November / 25d);
  EXPECT_TRUE(content->warnings.empty());
}

TEST(RedFlagsContentTest, ReportsEveryProblemWithItsPath) {
  auto content = ParseRedFlagsContent(R"({
    "schema_version": 1,
    "answer_states": [{"code": "present", "label": "Present"},
                      {"code": "absent", "label": "Absent"},
                      {"code": "absent", "label": "No"}],
    "flags": [
      {"code": "fracture", "name": "Spinal fracture", "severity": 3,
       "features": [{"code": "trauma", "text": "Trauma"}, {"code": "trauma", "text": "Again"}],
       "actions": [{"urgency": "urgent-gp", "when": "Otherwise", "instruction": "Urgent GP."},
                   {"urgency": "999-ae", "when": "Trauma", "instruction": "A&E."},
                   {"urgency": "asap", "when": "Now", "instruction": "Hurry."}],
       "sources": [{"title": "Chiropr Man Therap 14:8", "evidence": "V"}],
       "last_reviewed": "2026-11-25", "review_due": "2027-05-25"},
      {"code": "fracture", "name": "Duplicate",
       "actions": [{"urgency": "routine", "when": "Always", "instruction": 5}],
       "sources": [{"title": "Somewhere", "evidence": "V"}],
       "last_reviewed": "2026-11-25", "review_due": "2027/05/25"}
    ],
    "precautions": [
      {"code": "dvt", "name": "DVT", "summary": "Hard stop.",
       "situations": [
         {"code": "known", "name": "Known DVT", "guidance": "Not the limb.",
          "response": "modify", "pressure_cap": "firm",
          "exclusion": {"area": "The limb", "regions": ["left_thigh", "left_calf", "left_thigh"]}},
         {"code": "known", "name": "Again", "guidance": "Cap area without a cap.",
          "response": "stop", "escalation": "routine",
          "pressure_cap_area": {"area": "Legs", "regions": ["right_leg"]}}
       ],
       "sources": [{"title": "eRAPID", "evidence": "V"}],
       "last_reviewed": "2026-11-25", "review_due": "2027-05-25"}
    ]
  })",
                                      "red_flags.json", &kRegions, kToday);
  ASSERT_FALSE(content);
  const Error error = content.error();
  EXPECT_EQ(PathsAndCodes(error.issues()),
            (Expected{
                {"answer_states", "incomplete"},
                {"answer_states[2].code", "duplicate-code"},
                {"flags[0].actions[1].urgency", "out-of-order"},
                {"flags[0].actions[2].urgency", "invalid-value"},
                {"flags[0].features[1].code", "duplicate-code"},
                {"flags[0].severity", "unknown-field"},
                {"flags[1].actions[0].instruction", "wrong-type"},
                {"flags[1].code", "duplicate-code"},
                {"flags[1].features", "required"},
                {"flags[1].review_due", "invalid-date"},
                {"precautions[0].situations[0].exclusion.regions[1]", "unknown-region"},
                {"precautions[0].situations[0].exclusion.regions[2]", "duplicate-code"},
                {"precautions[0].situations[0].pressure_cap", "invalid-value"},
                {"precautions[0].situations[1].code", "duplicate-code"},
                {"precautions[0].situations[1].pressure_cap_area", "requires-field"},
                {"precautions[0].situations[1].pressure_cap_area.regions[0]", "unknown-region"},
                {"precautions[0].situations[1].response", "invalid-value"},
            }));
}

TEST(RedFlagsContentTest, WithoutARegionSetRegionCodesAreNotJudged) {
  std::string text(kValid);
  text.replace(text.find("\"right_thigh\"]"), 13, "\"nowhere\"");
  auto unchecked = ParseRedFlagsContent(text, "red_flags.json", nullptr, kToday);
  EXPECT_TRUE(unchecked);
  auto checked = ParseRedFlagsContent(text, "red_flags.json", &kRegions, kToday);
  ASSERT_FALSE(checked);
  const Error error = checked.error();
  EXPECT_EQ(PathsAndCodes(error.issues()),
            (Expected{{"precautions[0].situations[1].exclusion.regions[1]", "unknown-region"}}));
}

TEST(RedFlagsContentTest, OverdueReviewsAreWarnings) {
  auto content =
      ParseRedFlagsContent(kValid, "red_flags.json", &kRegions, StartOfDay(2027y / June / 1d));
  ASSERT_TRUE(content);
  EXPECT_EQ(PathsAndCodes(content->warnings),
            (Expected{{"flags[0].review_due", "review-overdue"},
                      {"precautions[0].review_due", "review-overdue"}}));
}

}  // namespace
}  // namespace unknot::assess
