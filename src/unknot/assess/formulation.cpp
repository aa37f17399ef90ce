#include "unknot/assess/formulation.hpp"

#include <algorithm>
#include <array>

namespace unknot::assess {
namespace {

// An alert rule of an instrument definition whose firing means the driver is active.
struct ScreenRule {
  std::string_view instrument;
  std::string_view alert;
};

constexpr std::array<ScreenRule, 3> kMoodRules{
    {{"phq9", "screen_positive"}, {"phq2", "screen_positive"}, {"phq4", "depression_positive"}}};
constexpr std::array<ScreenRule, 3> kAnxietyRules{
    {{"gad7", "screen_positive"}, {"gad2", "screen_positive"}, {"phq4", "anxiety_positive"}}};

constexpr std::string_view kSleepInstrument = "phq9";
constexpr std::string_view kSleepItem = "phq9_3";
constexpr double kSleepOptionScoreFrom = 2;  // "more than half the days"

constexpr std::array<std::string_view, 2> kPainInstruments{"nprs", "peg3"};
constexpr double kPainFrom = 4;  // moderate on a 0–10 scale

constexpr int kTensionIntensityFrom = 4;
constexpr std::size_t kTensionRegionCount = 3;
constexpr std::array<std::string_view, 4> kStressRegions{"jaw", "neck", "left_shoulder",
                                                         "right_shoulder"};

constexpr std::string_view kStressInstrument = "startback";
constexpr std::string_view kStressBand = "high";

struct Wording {
  Driver driver;
  std::string_view active;
  std::string_view quiet;
  std::string_view unknown;
};

constexpr std::array<Wording, 6> kWording{{
    {Driver::kMood, "Your answers suggest low mood has been weighing on you lately.",
     "Low mood does not stand out in your recent answers.",
     "You have not yet answered questions about mood."},
    {Driver::kAnxiety,
     "Your answers suggest worry and feeling on edge have been part of your days lately.",
     "Worry does not stand out in your recent answers.",
     "You have not yet answered questions about worry."},
    {Driver::kSleep,
     "Your answers suggest sleep has been hard lately, and tiredness can make pain and stress "
     "feel bigger.",
     "Sleep does not stand out as a problem in your recent answers.",
     "You have not yet answered questions about sleep."},
    {Driver::kPain, "Your answers suggest pain has been getting in the way of your days.",
     "Pain does not stand out as a big part of your days in your recent answers.",
     "You have not yet answered questions about pain."},
    {Driver::kTension,
     "Your body map shows tension held in your body, in places where stress often settles.",
     "Your body map does not show much tension.",
     "You have not yet marked where you feel tension on the body map."},
    {Driver::kStress,
     "Your answers suggest stress has been building up and may be feeding into how you feel.",
     "Stress does not stand out in your recent answers.",
     "You have not yet answered questions about stress."},
}};

constexpr std::string_view kEmptyRecord =
    "When you have answered your first questionnaire, this page will show how stress, sleep, "
    "mood and pain seem to be linked for you.";
constexpr std::string_view kNothingStandsOut =
    "Nothing in your recent answers stands out. Keep telling us how you are, so we notice if "
    "anything changes.";
constexpr std::string_view kCycle =
    "Stress, mood, sleep and pain can feed each other: tense muscles can ache more, and pain can "
    "make it harder to rest and feel calm. Easing one often helps the others.";
constexpr std::string_view kTalkItThrough =
    "Your clinician will talk this through with you and plan what may help.";

const LatestResponse* FindResponse(const FormulationInput& input, std::string_view instrument) {
  for (const auto& response : input.responses) {
    if (response.definition != nullptr && response.definition->id == instrument) return &response;
  }
  return nullptr;
}

std::optional<double> ScaleValue(const ScoreResult& score, std::string_view scale) {
  if (score.total.id == scale) return score.total.score;
  for (const auto& subscale : score.subscales) {
    if (subscale.id == scale) return subscale.score;
  }
  return std::nullopt;
}

// Combines two readings of one driver: any active wins, then any quiet.
DriverStatus Either(DriverStatus a, DriverStatus b) {
  return std::max(a, b);
}

DriverStatus Reading(bool active) {
  return active ? DriverStatus::kActive : DriverStatus::kQuiet;
}

template <std::size_t N>
DriverStatus ScreenStatus(const FormulationInput& input, const std::array<ScreenRule, N>& rules) {
  DriverStatus status = DriverStatus::kUnknown;
  for (const ScreenRule& screen : rules) {
    const LatestResponse* response = FindResponse(input, screen.instrument);
    if (response == nullptr) continue;
    const auto& alerts = response->definition->alerts;
    const auto rule = std::find_if(alerts.begin(), alerts.end(),
                                   [&](const AlertRule& r) { return r.id == screen.alert; });
    if (rule == alerts.end() || !rule->scale) continue;
    const std::optional<double> value = ScaleValue(response->score, *rule->scale);
    if (!value) continue;
    const BandCondition range{*rule->scale, rule->min, rule->max};  // as scoring fires alerts
    status = Either(status, Reading(range.Holds(*value)));
  }
  return status;
}

DriverStatus SleepStatus(const FormulationInput& input) {
  const LatestResponse* response = FindResponse(input, kSleepInstrument);
  if (response == nullptr) return DriverStatus::kUnknown;
  const Item* item = response->definition->FindItem(kSleepItem);
  const auto* answer = response->answers.if_contains(kSleepItem);
  if (item == nullptr || answer == nullptr || !answer->is_string()) return DriverStatus::kUnknown;
  for (const auto& option : item->options) {
    if (option.code == answer->as_string()) return Reading(option.score >= kSleepOptionScoreFrom);
  }
  return DriverStatus::kUnknown;
}

DriverStatus PainStatus(const FormulationInput& input) {
  DriverStatus status = DriverStatus::kUnknown;
  for (const auto instrument : kPainInstruments) {
    const LatestResponse* response = FindResponse(input, instrument);
    if (response == nullptr || !response->score.total.score) continue;
    status = Either(status, Reading(*response->score.total.score >= kPainFrom));
  }
  return status;
}

DriverStatus TensionStatus(const FormulationInput& input) {
  if (!input.body_map) return DriverStatus::kUnknown;
  std::size_t tense = 0;
  bool stress_region = false;
  for (const auto& entry : *input.body_map) {
    if (entry.intensity < kTensionIntensityFrom) continue;
    ++tense;
    stress_region = stress_region || std::find(kStressRegions.begin(), kStressRegions.end(),
                                               entry.region) != kStressRegions.end();
  }
  return Reading(tense >= kTensionRegionCount || stress_region);
}

DriverStatus StressStatus(const FormulationInput& input, DriverStatus mood, DriverStatus anxiety) {
  DriverStatus status = DriverStatus::kUnknown;
  if (const LatestResponse* response = FindResponse(input, kStressInstrument);
      response != nullptr && response->score.band) {
    status = Reading(*response->score.band == kStressBand);
  }
  if (mood != DriverStatus::kUnknown && anxiety != DriverStatus::kUnknown) {
    status =
        Either(status, Reading(mood == DriverStatus::kActive && anxiety == DriverStatus::kActive));
  }
  return status;
}

std::string_view Sentence(const Wording& wording, DriverStatus status) {
  switch (status) {
    case DriverStatus::kActive: return wording.active;
    case DriverStatus::kQuiet: return wording.quiet;
    case DriverStatus::kUnknown: return wording.unknown;
  }
  return wording.unknown;
}

bool IsActive(const Formulation& formulation, std::initializer_list<Driver> drivers) {
  return std::any_of(
      formulation.drivers.begin(), formulation.drivers.end(), [&](const DriverState& state) {
        return state.active() &&
               std::find(drivers.begin(), drivers.end(), state.driver) != drivers.end();
      });
}

}  // namespace

std::string_view ToString(Driver driver) {
  switch (driver) {
    case Driver::kMood: return "mood";
    case Driver::kAnxiety: return "anxiety";
    case Driver::kSleep: return "sleep";
    case Driver::kPain: return "pain";
    case Driver::kTension: return "tension";
    case Driver::kStress: return "stress";
  }
  return "mood";
}

Formulation Formulate(const FormulationInput& input) {
  const DriverStatus mood = ScreenStatus(input, kMoodRules);
  const DriverStatus anxiety = ScreenStatus(input, kAnxietyRules);
  const std::array<DriverStatus, kWording.size()> statuses{mood,
                                                           anxiety,
                                                           SleepStatus(input),
                                                           PainStatus(input),
                                                           TensionStatus(input),
                                                           StressStatus(input, mood, anxiety)};

  Formulation formulation;
  for (std::size_t i = 0; i < kWording.size(); ++i) {
    formulation.drivers.push_back(
        {kWording[i].driver, statuses[i], std::string(Sentence(kWording[i], statuses[i]))});
  }
  if (input.responses.empty() && !input.body_map) {
    formulation.summary.emplace_back(kEmptyRecord);
    return formulation;
  }
  for (const auto& state : formulation.drivers) {
    if (state.active()) formulation.summary.push_back(state.plain);
  }
  if (formulation.summary.empty()) {
    formulation.summary.emplace_back(kNothingStandsOut);
  } else if (IsActive(formulation, {Driver::kPain, Driver::kTension}) &&
             IsActive(formulation,
                      {Driver::kMood, Driver::kAnxiety, Driver::kSleep, Driver::kStress})) {
    // The clinic's whole approach: body and mind feed each other both ways.
    formulation.summary.emplace_back(kCycle);
  }
  formulation.summary.emplace_back(kTalkItThrough);
  return formulation;
}

std::vector<std::string> EveryPatientSentence() {
  std::vector<std::string> sentences;
  for (const auto& wording : kWording) {
    for (const auto text : {wording.active, wording.quiet, wording.unknown}) {
      sentences.emplace_back(text);
    }
  }
  for (const auto text : {kEmptyRecord, kNothingStandsOut, kCycle, kTalkItThrough}) {
    sentences.emplace_back(text);
  }
  return sentences;
}

}  // namespace unknot::assess
