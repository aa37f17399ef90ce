#include "unknot/assess/assessment_requests.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "unknot/assess/assess_content.hpp"
#include "unknot/assess/content_test_support.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using testing::Expected;
using testing::PathsAndCodes;

const Registry& Instruments() {
  static const Registry registry =
      LoadRegistry(testing::RepositoryRoot() / "content" / "instruments");
  return registry;
}

template <class T>
Expected Issues(const Result<T>& result) {
  EXPECT_FALSE(result);
  return result ? Expected{} : PathsAndCodes(result.error().issues());
}

Result<NewPack> Pack(std::string_view body) {
  return DecodeNewPack(json::parse(body).as_object(), Instruments());
}

TEST(NewPack, DefaultsTitleAndBodyMap) {
  const auto pack = Pack(R"({"instruments": ["phq9", "gad7"]})");
  ASSERT_TRUE(pack);
  EXPECT_EQ(pack->instruments, (std::vector<std::string>{"phq9", "gad7"}));
  EXPECT_FALSE(pack->body_map);
  EXPECT_EQ(pack->title, kDefaultPackTitle);
  const auto titled = Pack(R"({"instruments": ["nprs"], "body_map": true, "title": "  Intake  "})");
  ASSERT_TRUE(titled);
  EXPECT_TRUE(titled->body_map);
  EXPECT_EQ(titled->title, "Intake");
  EXPECT_EQ(Pack(R"({"instruments": ["nprs"], "title": "   "})")->title, kDefaultPackTitle);
}

TEST(NewPack, ReportsEveryIssue) {
  EXPECT_EQ(Issues(Pack(R"({"instruments": ["phq9", "nope", "phq9", 3], "body_map": "yes",
                             "title": ")" +
                        std::string(121, 'x') + R"(", "colour": "red"})")),
            (Expected{{"body_map", "wrong-type"},
                      {"colour", "unknown-field"},
                      {"instruments[1]", "unknown-instrument"},
                      {"instruments[2]", "duplicate"},
                      {"instruments[3]", "wrong-type"},
                      {"title", "too-long"}}));
  EXPECT_EQ(Issues(Pack(R"({"instruments": []})")), (Expected{{"instruments", "too-few"}}));
  EXPECT_EQ(Issues(Pack("{}")), (Expected{{"instruments", "required"}}));
  EXPECT_EQ(Issues(Pack(R"({"instruments": "phq9"})")), (Expected{{"instruments", "wrong-type"}}));
  EXPECT_EQ(Issues(Pack(R"({"instruments": ["phq9"], "title": "a\u0007b"})")),
            (Expected{{"title", "invalid-characters"}}));
}

TEST(NewPack, AtMostTwelveInstruments) {
  json::array many;
  for (int i = 0; i < 13; ++i) many.emplace_back("phq9");
  const auto result = DecodeNewPack(json::object{{"instruments", many}}, Instruments());
  ASSERT_FALSE(result);
  const auto issues = PathsAndCodes(result.error().issues());
  EXPECT_NE(std::find(issues.begin(), issues.end(),
                      std::pair<std::string, std::string>("instruments", "too-many")),
            issues.end());
}

TEST(Acknowledgement, NeedsTenToTwoThousandCharactersAfterTrimming) {
  const auto ok = DecodeAcknowledgement(
      json::parse(R"({"note": "  Called her, safe plan agreed.  "})").as_object());
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, "Called her, safe plan agreed.");
  EXPECT_EQ(Issues(DecodeAcknowledgement({})), (Expected{{"note", "required"}}));
  EXPECT_EQ(Issues(DecodeAcknowledgement(json::parse(R"({"note": "   seen     "})").as_object())),
            (Expected{{"note", "too-short"}}));
  EXPECT_EQ(Issues(DecodeAcknowledgement(json::object{{"note", std::string(2001, 'a')}})),
            (Expected{{"note", "too-long"}}));
  EXPECT_TRUE(DecodeAcknowledgement(json::object{{"note", std::string(2000, 'a')}}));
  EXPECT_EQ(Issues(DecodeAcknowledgement(json::parse(R"({"note": 5})").as_object())),
            (Expected{{"note", "wrong-type"}}));
  // The message tells the clinician what is wanted.
  EXPECT_NE(DecodeAcknowledgement({}).error().message().find("who you called"), std::string::npos);
}

TEST(Correction, AnswersAreCheckedStrictlyAndAReasonIsRequired) {
  const auto* phq9 = Instruments().Find("phq9");
  ASSERT_NE(phq9, nullptr);
  const auto ok = DecodeCorrection(
      json::parse(R"({"answers": {"phq9_1": "several_days", "phq9_2": null}, "reason": " typo "})")
          .as_object(),
      *phq9);
  ASSERT_TRUE(ok);
  EXPECT_EQ(json::value(ok->answers), json::parse(R"({"phq9_1": "several_days"})"));
  EXPECT_EQ(ok->reason, "typo");
  EXPECT_EQ(
      Issues(DecodeCorrection(
          json::parse(R"({"answers": {"phq9_1": "often", "x": 1}, "why": 1})").as_object(), *phq9)),
      (Expected{{"answers.phq9_1", "out-of-range"},
                {"answers.x", "unknown-item"},
                {"reason", "required"},
                {"why", "unknown-field"}}));
  EXPECT_EQ(Issues(DecodeCorrection(
                json::parse(R"({"answers": {"phq9_1": null}, "reason": "r"})").as_object(), *phq9)),
            (Expected{{"answers", "required"}}));
}

TEST(AlertFilter, OpenByDefault) {
  EXPECT_EQ(ParseAlertFilter(std::nullopt).value(), AlertFilter::kOpen);
  EXPECT_EQ(ParseAlertFilter("acknowledged").value(), AlertFilter::kAcknowledged);
  EXPECT_EQ(ParseAlertFilter("all").value(), AlertFilter::kAll);
  EXPECT_EQ(Issues(ParseAlertFilter("closed")), (Expected{{"status", "not-allowed"}}));
}

}  // namespace
}  // namespace unknot::assess
