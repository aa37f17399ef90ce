#include "unknot/assess/red_flag_screen.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "unknot/assess/record_test_support.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using testing::Expected;
using testing::PathsAndCodes;
using testing::ShippedContent;

const RedFlagsContent& Checklist() {
  return ShippedContent().red_flags;
}

// Every flag of the shipped checklist answered "absent", in reverse order,
// so tests can change one answer at a time.
json::array AllAbsent() {
  json::array answers;
  for (auto it = Checklist().flags.rbegin(); it != Checklist().flags.rend(); ++it) {
    answers.push_back(json::object{{"flag", it->code}, {"answer", "absent"}});
  }
  return answers;
}

json::object& Answer(json::array& answers, std::string_view flag) {
  for (auto& answer : answers) {
    if (answer.at("flag").as_string() == flag) return answer.as_object();
  }
  throw std::logic_error("no such flag");
}

std::vector<Issue> IssuesOf(const json::object& body) {
  auto decoded = DecodeRedFlagAnswers(body, Checklist());
  EXPECT_FALSE(decoded);
  return decoded ? std::vector<Issue>{} : decoded.error().issues();
}

TEST(RedFlagScreen, AFullChecklistDecodesInChecklistOrder) {
  json::array answers = AllAbsent();
  Answer(answers, "cauda_equina") = {{"flag", "cauda_equina"},
                                     {"answer", "present"},
                                     {"note", "  New saddle numbness since Tuesday. "},
                                     {"action_taken", "Sent to A&E,\ncalled ahead"}};
  Answer(answers, "fracture")["answer"] = "unsure";
  auto decoded = DecodeRedFlagAnswers(json::object{{"answers", answers}}, Checklist());
  ASSERT_TRUE(decoded) << decoded.error().issues().at(0).path;
  ASSERT_EQ(decoded->size(), Checklist().flags.size());
  for (std::size_t i = 0; i < decoded->size(); ++i) {
    EXPECT_EQ((*decoded)[i].flag, Checklist().flags[i].code);
  }
  const FlagAnswerRecord& ces = decoded->front();
  EXPECT_EQ(ces.answer, FlagAnswer::kPresent);
  EXPECT_EQ(ces.note, "New saddle numbness since Tuesday.");  // trimmed
  EXPECT_EQ(ces.action_taken, "Sent to A&E,\ncalled ahead");  // line breaks are fine in notes
}

TEST(RedFlagScreen, EveryProblemIsReportedAtOnce) {
  const auto& flags = Checklist().flags;
  ASSERT_GE(flags.size(), 5u);
  json::array answers;  // every flag but the last, in checklist order
  for (std::size_t i = 0; i + 1 < flags.size(); ++i) {
    answers.push_back(json::object{{"flag", flags[i].code}, {"answer", "absent"}});
  }
  answers[0].as_object()["answer"] = "present";  // …without saying what was done
  answers[1].as_object()["colour"] = "red";
  answers[2].as_object()["note"] = std::string(kMaxFlagNoteLength + 1, 'x');
  answers[3].as_object()["answer"] = "maybe";
  const std::size_t n = answers.size();
  answers.push_back(json::object{{"flag", flags[2].code}, {"answer", "absent"}});
  answers.push_back(json::object{{"flag", "gout"}, {"answer", "absent"}});
  answers.push_back(json::object{{"flag", 7}, {"answer", "absent"}});
  answers.push_back("absent");
  const auto at = [](std::size_t i, std::string_view member = {}) {
    std::string path = "answers[" + std::to_string(i) + "]";
    return member.empty() ? path : path + "." + std::string(member);
  };
  Expected expected = {{"answers", "missing-flag"},         {at(0, "action_taken"), "required"},
                       {at(1, "colour"), "unknown-field"},  {at(2, "note"), "too-long"},
                       {at(3, "answer"), "invalid-value"},  {at(n, "flag"), "duplicate"},
                       {at(n + 1, "flag"), "unknown-flag"}, {at(n + 2, "flag"), "wrong-type"},
                       {at(n + 3), "wrong-type"},           {"extra", "unknown-field"}};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(PathsAndCodes(IssuesOf(json::object{{"answers", answers}, {"extra", 1}})), expected);
}

TEST(RedFlagScreen, APresentFlagNeedsTheActionTaken) {
  // Absent, null and blank all leave the action unsaid.
  const std::optional<json::value> unsaid[] = {std::nullopt, json::value(nullptr),
                                               json::value("  ")};
  for (const auto& action : unsaid) {
    json::array answers = AllAbsent();
    json::object& ces = Answer(answers, "cauda_equina");
    ces["answer"] = "present";
    if (action) ces["action_taken"] = *action;
    const auto issues = IssuesOf(json::object{{"answers", answers}});
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].code, "required");
    EXPECT_NE(issues[0].message.find("Sent to A&E"), std::string::npos);
  }
  // Unsure and absent flags may carry an action, but need none.
  json::array answers = AllAbsent();
  Answer(answers, "cauda_equina")["answer"] = "unsure";
  EXPECT_TRUE(DecodeRedFlagAnswers(json::object{{"answers", answers}}, Checklist()));
}

TEST(RedFlagScreen, NoAnswersListOrAnEmptyOneIsRefused) {
  EXPECT_EQ(PathsAndCodes(IssuesOf(json::object{})), (Expected{{"answers", "required"}}));
  const auto issues = IssuesOf(json::object{{"answers", json::array{}}});
  EXPECT_EQ(issues.size(), Checklist().flags.size());  // one missing-flag per flag
  EXPECT_EQ(PathsAndCodes(IssuesOf(json::object{{"answers", "all absent"}})),
            (Expected{{"answers", "wrong-type"}}));
}

TEST(RedFlagScreen, EncodingShowsTheMostUrgentActionForPresentFlagsOnly) {
  RedFlagScreen screen{"0b6f0c1e-2f4a-4a5e-8c1d-3e9b7a6d5c4b", 0, {"u-1", "Dr Kim"}, {}};
  for (const auto& flag : Checklist().flags) {
    screen.answers.push_back({flag.code, FlagAnswer::kAbsent, {}, {}});
  }
  screen.answers[1] = {"malignancy", FlagAnswer::kPresent, "Weight loss", "Urgent GP today"};
  screen.answers[3] = {"fracture", FlagAnswer::kUnsure, {}, {}};
  const json::object encoded = EncodeRedFlagScreen(screen, Checklist());
  EXPECT_EQ(encoded.at("present"), json::array{"malignancy"});
  EXPECT_EQ(encoded.at("unsure"), json::array{"fracture"});
  EXPECT_EQ(encoded.at("recorded_by"), (json::object{{"id", "u-1"}, {"name", "Dr Kim"}}));
  const auto& answers = encoded.at("answers").as_array();
  const json::object& malignancy = answers[1].as_object();
  EXPECT_EQ(malignancy.at("action").at("urgency"), "999-ae");  // the most urgent of its two
  EXPECT_EQ(malignancy.at("action_taken"), "Urgent GP today");
  EXPECT_FALSE(malignancy.at("treatment_restriction").is_null());
  EXPECT_TRUE(answers[3].at("action").is_null());                  // unsure: no action yet…
  EXPECT_FALSE(answers[3].at("treatment_restriction").is_null());  // …but be careful
  EXPECT_TRUE(answers[0].at("action").is_null());
  EXPECT_TRUE(answers[0].at("note").is_null());
}

TEST(RedFlagScreen, MostUrgentActionPicksTheHighestUrgency) {
  RedFlag flag;
  flag.actions = {{Urgency::kRoutine, "a", "routine"},
                  {Urgency::kSameDay, "b", "same day"},
                  {Urgency::kSameDay, "c", "second same day"}};
  ASSERT_NE(MostUrgentAction(flag), nullptr);
  EXPECT_EQ(MostUrgentAction(flag)->instruction, "same day");
  EXPECT_EQ(MostUrgentAction(RedFlag{}), nullptr);
}

TEST(RedFlagScreen, StoredAnswersRoundTripAndCorruptionIsAnInternalError) {
  const std::vector<FlagAnswerRecord> answers = {
      {"cauda_equina", FlagAnswer::kPresent, "note", "A&E"},
      {"fracture", FlagAnswer::kAbsent, {}, {}}};
  const auto parsed =
      ParseStoredRedFlagAnswers(StoredRedFlagAnswers(answers, Checklist()), Checklist());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, answers);
  for (const auto* bad : {"{", "{}", R"([{"flag":"x","answer":"maybe"}])", "[1]"}) {
    const auto corrupt = ParseStoredRedFlagAnswers(bad, Checklist());
    ASSERT_FALSE(corrupt) << bad;
    EXPECT_EQ(corrupt.error().code(), ErrorCode::kInternal);
  }
}

}  // namespace
}  // namespace unknot::assess
