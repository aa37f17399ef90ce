#include "unknot/assess/answer_validation.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "unknot/assess/content_test_support.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using testing::Expected;
using testing::PathsAndCodes;

// The shipped content: PHQ-9 (item 9 is a safety item), NPRS (three recall
// periods), PEG-3 (scoring-only: no item text) and the body-map regions.
const AssessContent& Content() {
  static const std::shared_ptr<const AssessContent> content = [] {
    auto loaded = LoadAssessContent(testing::RepositoryRoot() / "content", {}, SystemClock().Now());
    EXPECT_TRUE(loaded) << (loaded ? "" : loaded.error().message());
    return loaded ? *loaded : std::make_shared<const AssessContent>();
  }();
  return *content;
}

const PackShape kPack{{"phq9", "nprs", "peg3"}, true};

Result<Draft> Decode(std::string_view body, Strictness strictness = Strictness::kSubmit,
                     Answerer answerer = Answerer::kStaff, const PackShape& pack = kPack) {
  return DecodeDraft(json::parse(body).as_object(), pack, Content(), strictness, answerer);
}

Expected Issues(const Result<Draft>& result) {
  EXPECT_FALSE(result);
  return result ? Expected{} : PathsAndCodes(result.error().issues());
}

TEST(AnswerValidation, AcceptsBothAnswerFormsAndDropsNulls) {
  const auto draft = Decode(R"({
    "answers": {
      "phq9": [{"linkId": "phq9_1", "value": "several_days"}, {"linkId": "phq9_2", "value": null}],
      "nprs": {"nprs": 6}},
    "body_map": [{"region": "neck", "intensity": 6}, {"region": "lower_back", "intensity": 0}],
    "recall": {"nprs": "P1W"}})");
  ASSERT_TRUE(draft) << draft.error().issues().front().path;
  EXPECT_EQ(json::value(draft->answers.at("phq9")), json::parse(R"({"phq9_1": "several_days"})"));
  EXPECT_EQ(json::value(draft->answers.at("nprs")), json::parse(R"({"nprs": 6})"));
  ASSERT_EQ(draft->body_map.size(), 2u);
  EXPECT_EQ(draft->body_map[1].region, "lower_back");
  EXPECT_EQ(draft->body_map[1].intensity, 0);
  EXPECT_EQ(draft->recall.at("nprs"), "P1W");
}

TEST(AnswerValidation, MissingAnswersAreNotProblems) {
  const auto draft = Decode(R"({"answers": {"phq9": {"phq9_9": "several_days"}}})");
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->answers.at("phq9").size(), 1u);
  EXPECT_TRUE(Decode("{}"));
}

TEST(AnswerValidation, ReportsEveryBadAnswerWithItsPath) {
  const auto result = Decode(R"({
    "answers": {
      "phq9": [{"linkId": "phq9_1", "value": "sometimes"},
               {"linkId": "phq9_2", "value": 2},
               {"linkId": "phq9_99", "value": "not_at_all"},
               {"linkId": "phq9_3", "value": "not_at_all"},
               {"linkId": "phq9_3", "value": "several_days"}],
      "nprs": {"nprs": 11},
      "gad7": {"gad7_1": "not_at_all"}},
    "body_map": [{"region": "tail", "intensity": 3}, {"region": "neck", "intensity": 11},
                 {"region": "neck", "intensity": 2.5}, "neck"],
    "recall": {"nprs": "P1Y", "gad7": "P2W"},
    "extra": true})");
  EXPECT_EQ(Issues(result), (Expected{
                                {"answers.gad7", "not-in-pack"},
                                {"answers.nprs.nprs", "out-of-range"},
                                {"answers.phq9[0].value", "out-of-range"},
                                {"answers.phq9[1].value", "wrong-type"},
                                {"answers.phq9[2].linkId", "unknown-item"},
                                {"answers.phq9[4].linkId", "duplicate-answer"},
                                {"body_map[0].region", "unknown-region"},
                                {"body_map[1].intensity", "out-of-range"},
                                {"body_map[2].intensity", "wrong-type"},
                                {"body_map[2].region", "duplicate"},
                                {"body_map[3]", "wrong-type"},
                                {"extra", "unknown-field"},
                                {"recall.gad7", "not-in-pack"},
                                {"recall.nprs", "not-allowed"},
                            }));
}

TEST(AnswerValidation, WrongShapesAreReportedNotCrashedOn) {
  EXPECT_EQ(
      Issues(Decode(R"({"answers": [1], "body_map": {}, "recall": "P1W"})")),
      (Expected{{"answers", "wrong-type"}, {"body_map", "wrong-type"}, {"recall", "wrong-type"}}));
  EXPECT_EQ(Issues(Decode(R"({"answers": {"phq9": "lots"}})")),
            (Expected{{"answers.phq9", "wrong-type"}}));
  EXPECT_EQ(Issues(Decode(R"({"body_map": [{"intensity": 2}, {"region": "neck"}]})")),
            (Expected{{"body_map[0].region", "required"}, {"body_map[1].intensity", "required"}}));
}

TEST(AnswerValidation, HugeNumbersAreOutOfRangeNotACrash) {
  EXPECT_EQ(Issues(Decode(R"({"answers": {"nprs": {"nprs": 18446744073709551615},
                                          "phq9": [{"linkId": "phq9_1", "value": 9223372036854775808}]},
                             "body_map": [{"region": "neck", "intensity": 18446744073709551615}]})")),
            (Expected{{"answers.nprs.nprs", "out-of-range"},
                      {"answers.phq9[0].value", "wrong-type"},
                      {"body_map[0].intensity", "out-of-range"}}));
}

TEST(AnswerValidation, BodyMapOnlyWhenThePackHasOne) {
  const PackShape no_map{{"phq9"}, false};
  EXPECT_EQ(Issues(Decode(R"({"body_map": [{"region": "neck", "intensity": 2}]})",
                          Strictness::kDraft, Answerer::kPatient, no_map)),
            (Expected{{"body_map", "not-in-pack"}}));
  EXPECT_TRUE(Decode(R"({"body_map": []})", Strictness::kDraft, Answerer::kPatient, no_map));
}

TEST(AnswerValidation, OnlyStaffAnswerTextlessInstruments) {
  constexpr std::string_view kPeg = R"({"answers": {"peg3": {"peg_p": 5}}})";
  EXPECT_EQ(Issues(Decode(kPeg, Strictness::kSubmit, Answerer::kPatient)),
            (Expected{{"answers.peg3", "staff-only"}}));
  EXPECT_TRUE(Decode(kPeg, Strictness::kSubmit, Answerer::kStaff));
  // Nothing answered is nothing to refuse.
  EXPECT_TRUE(
      Decode(R"({"answers": {"peg3": {"peg_p": null}}})", Strictness::kDraft, Answerer::kPatient));
}

TEST(AnswerValidation, AnAnswerNeedingAnotherMayWaitInADraftOnly) {
  const PackShape psfs{{"psfs"}, false};
  const auto* definition = Content().registry.Find("psfs");
  ASSERT_NE(definition, nullptr);
  const Item* dependent = nullptr;
  for (const auto& item : definition->items) {
    if (item.requires_item) dependent = &item;
  }
  ASSERT_NE(dependent, nullptr) << "psfs has a rating that needs its activity";
  const std::string body =
      R"({"answers": {"psfs": {")" + dependent->link_id + R"(": )" +
      (dependent->type == ItemType::kInteger ? std::string("5") : std::string("\"x\"")) + "}}}";
  EXPECT_TRUE(Decode(body, Strictness::kDraft, Answerer::kStaff, psfs));
  EXPECT_EQ(Issues(Decode(body, Strictness::kSubmit, Answerer::kStaff, psfs)),
            (Expected{{"answers.psfs." + dependent->link_id, "missing-dependency"}}));
}

TEST(AnswerValidation, StoredDraftRoundTrips) {
  const auto draft = Decode(
      R"({"answers": {"nprs": {"nprs": 3}}, "body_map": [{"region": "neck", "intensity": 4}],
          "recall": {"nprs": "now"}})");
  ASSERT_TRUE(draft);
  const json::object encoded = EncodeDraft(*draft);
  EXPECT_EQ(json::value(encoded), json::parse(R"({"answers": {"nprs": {"nprs": 3}},
                            "body_map": [{"region": "neck", "intensity": 4}],
                            "recall": {"nprs": "now"}})"));
  const auto parsed = ParseStoredDraft(json::serialize(encoded));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(json::value(EncodeDraft(*parsed)), json::value(encoded));
  EXPECT_FALSE(ParseStoredDraft("[]"));
}

}  // namespace
}  // namespace unknot::assess
