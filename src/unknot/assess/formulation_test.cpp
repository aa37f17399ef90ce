#include "unknot/assess/formulation.hpp"
#include "unknot/assess/patient_wording.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>

#include "unknot/assess/record_test_support.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using testing::ShippedContent;

constexpr const char* kAnswers[] = {"not_at_all", "several_days", "more_than_half_the_days",
                                    "nearly_every_day"};

// A response scored by the real scoring code from the shipped definition.
LatestResponse Answered(std::string_view instrument, json::object answers) {
  const InstrumentDefinition* definition = ShippedContent().registry.Find(instrument);
  EXPECT_NE(definition, nullptr) << instrument;
  ScoreResult score = Score(*definition, answers);
  return {definition, std::move(score), std::move(answers)};
}

// `levels[i]` (0–3) is the answer to item i+1 of a PHQ-style instrument.
LatestResponse Phq(std::string_view instrument, std::vector<int> levels) {
  json::object answers;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    answers[std::string(instrument) + "_" + std::to_string(i + 1)] = kAnswers[levels[i]];
  }
  return Answered(instrument, std::move(answers));
}

LatestResponse Nprs(int pain) {
  return Answered("nprs", {{"nprs", pain}});
}

// Agree with the first `physical` items 1–4 and `distress` of items 5–9.
LatestResponse StartBack(int physical, int distress) {
  json::object answers;
  for (int i = 1; i <= 8; ++i) {
    const bool agree = i <= 4 ? i <= physical : i - 4 <= distress;
    answers["sbst_" + std::to_string(i)] = agree ? "agree" : "disagree";
  }
  answers["sbst_9"] = distress >= 5 ? "very_much" : "not_at_all";
  return Answered("startback", std::move(answers));
}

DriverStatus StatusOf(const Formulation& formulation, Driver driver) {
  for (const auto& state : formulation.drivers) {
    if (state.driver == driver) return state.status;
  }
  ADD_FAILURE() << "no driver " << ToString(driver);
  return DriverStatus::kUnknown;
}

DriverStatus Status(FormulationInput input, Driver driver) {
  return StatusOf(Formulate(input), driver);
}

FormulationInput With(std::vector<LatestResponse> responses) {
  return {std::move(responses), std::nullopt};
}

FormulationInput WithBodyMap(std::vector<RegionIntensity> regions) {
  return {{}, std::move(regions)};
}

constexpr auto kActive = DriverStatus::kActive;
constexpr auto kQuiet = DriverStatus::kQuiet;
constexpr auto kUnknown = DriverStatus::kUnknown;

TEST(Formulation, AnEmptyRecordInvitesTheFirstQuestionnaire) {
  const Formulation formulation = Formulate({});
  ASSERT_EQ(formulation.summary.size(), 1u);
  EXPECT_EQ(formulation.summary[0],
            "When you have answered your first questionnaire, this page will show how stress, "
            "sleep, mood and pain seem to be linked for you.");
  ASSERT_EQ(formulation.drivers.size(), 6u);
  for (const auto& state : formulation.drivers) {
    EXPECT_EQ(state.status, kUnknown) << ToString(state.driver);
    EXPECT_FALSE(state.plain.empty());
  }
}

TEST(Formulation, MoodFollowsTheDefinitionsScreenRules) {
  EXPECT_EQ(Status(With({Phq("phq9", {2, 2, 1, 1, 1, 1, 1, 1, 0})}), Driver::kMood),
            kActive);                                                                          // 10
  EXPECT_EQ(Status(With({Phq("phq9", {2, 2, 1, 1, 1, 1, 1, 0, 0})}), Driver::kMood), kQuiet);  // 9
  EXPECT_EQ(Status(With({Phq("phq2", {2, 1})}), Driver::kMood), kActive);
  EXPECT_EQ(Status(With({Phq("phq2", {1, 1})}), Driver::kMood), kQuiet);
  // PHQ-4: items 3 and 4 are the depression subscale.
  EXPECT_EQ(Status(With({Phq("phq4", {0, 0, 2, 1})}), Driver::kMood), kActive);
  EXPECT_EQ(Status(With({Phq("phq4", {3, 3, 1, 1})}), Driver::kMood), kQuiet);
  // An unscorable PHQ-9 (too many items missing) measures nothing.
  EXPECT_EQ(Status(With({Phq("phq9", {3, 3})}), Driver::kMood), kUnknown);
  EXPECT_EQ(Status(With({Nprs(8)}), Driver::kMood), kUnknown);
}

TEST(Formulation, AnxietyFollowsTheDefinitionsScreenRules) {
  EXPECT_EQ(Status(With({Phq("gad7", {2, 2, 2, 1, 1, 1, 1})}), Driver::kAnxiety), kActive);  // 10
  EXPECT_EQ(Status(With({Phq("gad7", {2, 2, 2, 1, 1, 1, 0})}), Driver::kAnxiety), kQuiet);   // 9
  EXPECT_EQ(Status(With({Phq("gad2", {3, 0})}), Driver::kAnxiety), kActive);
  EXPECT_EQ(Status(With({Phq("gad2", {1, 1})}), Driver::kAnxiety), kQuiet);
  EXPECT_EQ(Status(With({Phq("phq4", {2, 1, 0, 0})}), Driver::kAnxiety), kActive);
  EXPECT_EQ(Status(With({Phq("phq4", {1, 1, 3, 3})}), Driver::kAnxiety), kQuiet);
  // Any instrument that fires wins over one that does not.
  EXPECT_EQ(Status(With({Phq("gad2", {0, 0}), Phq("phq4", {2, 1, 0, 0})}), Driver::kAnxiety),
            kActive);
}

TEST(Formulation, SleepReadsPhq9ItemThree) {
  EXPECT_EQ(Status(With({Phq("phq9", {0, 0, 2, 0, 0, 0, 0, 0, 0})}), Driver::kSleep), kActive);
  EXPECT_EQ(Status(With({Phq("phq9", {0, 0, 3, 0, 0, 0, 0, 0, 0})}), Driver::kSleep), kActive);
  EXPECT_EQ(Status(With({Phq("phq9", {3, 3, 1, 3, 3, 0, 0, 0, 0})}), Driver::kSleep), kQuiet);
  EXPECT_EQ(Status(With({Phq("phq9", {0, 0})}), Driver::kSleep), kUnknown);  // item 3 unanswered
  EXPECT_EQ(Status(With({Phq("gad7", {3, 3, 3, 3, 3, 3, 3})}), Driver::kSleep), kUnknown);
}

TEST(Formulation, PainFromNprsOrPeg) {
  EXPECT_EQ(Status(With({Nprs(4)}), Driver::kPain), kActive);
  EXPECT_EQ(Status(With({Nprs(3)}), Driver::kPain), kQuiet);
  EXPECT_EQ(
      Status(With({Answered("peg3", {{"peg_p", 5}, {"peg_e", 4}, {"peg_g", 3}})}), Driver::kPain),
      kActive);  // mean 4
  EXPECT_EQ(
      Status(With({Answered("peg3", {{"peg_p", 5}, {"peg_e", 3}, {"peg_g", 3}})}), Driver::kPain),
      kQuiet);  // mean 3.67
  EXPECT_EQ(Status(With({Phq("phq9", {1, 1, 1, 1, 1, 1, 1, 1, 1})}), Driver::kPain), kUnknown);
}

TEST(Formulation, TensionFromTheBodyMap) {
  EXPECT_EQ(Status(WithBodyMap({{"lower_back", 4}, {"left_knee", 5}, {"right_hip", 6}}),
                   Driver::kTension),
            kActive);
  EXPECT_EQ(Status(WithBodyMap({{"lower_back", 4}, {"left_knee", 5}, {"right_hip", 3}}),
                   Driver::kTension),
            kQuiet);
  for (const auto* region : {"jaw", "neck", "left_shoulder", "right_shoulder"}) {
    EXPECT_EQ(Status(WithBodyMap({{region, 4}}), Driver::kTension), kActive) << region;
    EXPECT_EQ(Status(WithBodyMap({{region, 3}}), Driver::kTension), kQuiet) << region;
  }
  EXPECT_EQ(Status(WithBodyMap({}), Driver::kTension), kQuiet);  // a body map with nothing marked
  EXPECT_EQ(Status(With({Nprs(9)}), Driver::kTension), kUnknown);
}

TEST(Formulation, StressFromStartBackOrMoodWithAnxiety) {
  EXPECT_EQ(Status(With({StartBack(0, 4)}), Driver::kStress), kActive);  // band "high"
  EXPECT_EQ(Status(With({StartBack(4, 3)}), Driver::kStress), kQuiet);   // band "medium"
  EXPECT_EQ(Status(With({StartBack(0, 0)}), Driver::kStress), kQuiet);
  const LatestResponse low_mood = Phq("phq2", {3, 3});
  const LatestResponse worry = Phq("gad2", {3, 3});
  const LatestResponse calm = Phq("gad2", {0, 0});
  EXPECT_EQ(Status(With({low_mood, worry}), Driver::kStress), kActive);
  EXPECT_EQ(Status(With({low_mood, calm}), Driver::kStress), kQuiet);
  EXPECT_EQ(Status(With({low_mood}), Driver::kStress), kUnknown);  // anxiety never asked
  EXPECT_EQ(Status(With({StartBack(0, 4), low_mood, calm}), Driver::kStress), kActive);
}

TEST(Formulation, TheSummaryNamesWhatIsActiveAndHowItLinks) {
  const Formulation linked = Formulate(
      {{Phq("phq9", {2, 2, 2, 1, 1, 1, 1, 1, 0}), Nprs(6)}, std::vector<RegionIntensity>{}});
  ASSERT_EQ(linked.summary.size(), 5u);  // mood, sleep, pain, how they link, what happens next
  EXPECT_EQ(linked.summary[0], "Your answers suggest low mood has been weighing on you lately.");
  EXPECT_NE(linked.summary[3].find("feed each other"), std::string::npos);

  const Formulation calm = Formulate(With({Phq("phq9", {0, 0, 0, 0, 0, 0, 0, 0, 0}), Nprs(1)}));
  ASSERT_EQ(calm.summary.size(), 2u);
  EXPECT_NE(calm.summary[0].find("Nothing in your recent answers stands out"), std::string::npos);

  // Pain alone is named without the link sentence.
  const Formulation pain = Formulate(With({Nprs(7)}));
  ASSERT_EQ(pain.summary.size(), 2u);
  EXPECT_EQ(pain.summary[0], "Your answers suggest pain has been getting in the way of your days.");
}

// What a patient reads: plain words, no numbers and none of the words that
// turn a person into a case (DESIGN §11).
TEST(Formulation, EverySentenceIsPlainAndKind) {
  const std::vector<std::string> sentences = EveryPatientSentence();
  EXPECT_EQ(sentences.size(), 6u * 3 + 4);
  EXPECT_EQ(std::set<std::string>(sentences.begin(), sentences.end()).size(), sentences.size());
  for (const auto& sentence : sentences) {
    EXPECT_EQ(FindBannedWords(sentence, kPlainLanguageBannedWords), std::vector<std::string>{})
        << sentence;
    EXPECT_EQ(FindBannedWords(sentence, kCausalBannedPhrases), std::vector<std::string>{})
        << sentence;
    EXPECT_TRUE(std::none_of(sentence.begin(), sentence.end(), [](unsigned char c) {
      return std::isdigit(c);
    })) << sentence;
    EXPECT_EQ(sentence.back(), '.') << sentence;
  }
}

// The list above really is every sentence: whatever the input, Formulate
// says nothing that the wording test has not checked.
TEST(Formulation, FormulateSaysNothingOutsideTheCheckedSentences) {
  const std::vector<std::string> all = EveryPatientSentence();
  const std::set<std::string> known(all.begin(), all.end());
  const std::vector<FormulationInput> inputs = {
      {},
      With({Phq("phq9", {3, 3, 3, 3, 3, 3, 3, 3, 3}), Phq("gad7", {3, 3, 3, 3, 3, 3, 3}), Nprs(9),
            StartBack(4, 5)}),
      {{Phq("phq9", {0, 0, 0, 0, 0, 0, 0, 0, 0}), Phq("gad7", {0, 0, 0, 0, 0, 0, 0}), Nprs(0),
        StartBack(0, 0)},
       std::vector<RegionIntensity>{{"neck", 9}}},
      WithBodyMap({{"jaw", 1}}),
      With({Phq("phq9", {1})}),
  };
  for (const auto& input : inputs) {
    const Formulation formulation = Formulate(input);
    for (const auto& sentence : formulation.summary) EXPECT_TRUE(known.contains(sentence));
    for (const auto& state : formulation.drivers) EXPECT_TRUE(known.contains(state.plain));
  }
}

}  // namespace
}  // namespace unknot::assess
