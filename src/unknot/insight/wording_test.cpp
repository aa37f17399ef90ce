#include "unknot/insight/wording.hpp"

#include <gtest/gtest.h>

#include <set>

#include "unknot/assess/patient_wording.hpp"

namespace unknot::insight {
namespace {

using assess::FindBannedWords;
using assess::kCausalBannedPhrases;
using assess::kPlainLanguageBannedWords;

constexpr Variable kAll[] = {Variable::kPain, Variable::kStress, Variable::kMood, Variable::kSleep,
                             Variable::kTension};

bool IsPrimary(Variable x, Variable y) {
  const auto is = [&](Variable a, Variable b) { return (x == a && y == b) || (x == b && y == a); };
  return is(Variable::kStress, Variable::kPain) || is(Variable::kSleep, Variable::kPain) ||
         is(Variable::kPain, Variable::kMood);
}

// A displayable record; `delta` is Δ = c·IQR on the native scales.
CycleRecord Record(Model model, Variable x, Variable y, Tier tier, Verdict verdict, double delta) {
  CycleRecord r;
  r.model = model;
  r.x = x;
  r.y = y;
  r.window_start = "2026-01-01";
  r.window_end = "2026-03-11";
  r.tier = tier;
  r.n_pairs = tier == Tier::kInsufficient ? 20
              : tier == Tier::kEarlyLook  ? 35
              : tier == Tier::kStandard   ? 50
                                          : 60;
  r.n_calendar_days = 71;
  r.compliance_pct = 84.51;
  r.eligible = verdict != Verdict::kNotShown;
  r.ineligible_reason = r.eligible ? "" : "too_few_pairs";
  r.verdict = verdict;
  r.family = model == Model::kM1 && IsPrimary(x, y) ? Family::kPrimary : Family::kExploratory;
  r.x_q25 = 3;
  r.x_q75 = 7;
  r.coef_c = delta / 4;
  r.ci_low = (delta - 0.8) / 4;
  r.ci_high = (delta + 0.8) / 4;
  r.contrast_delta = delta;
  r.contrast_ci_low = delta - 0.8;
  r.contrast_ci_high = delta + 0.8;
  r.se_hc3 = 0.1;
  r.se_nw = 0.11;
  r.se_used = 0.11;
  r.nw_lag_L = 3;
  r.df = r.n_pairs - (model == Model::kM1 ? 4 : 5);
  r.t = 2.8;
  r.p = 0.0072;
  r.q_bh = 0.0204;
  r.ar_b = 0.38;
  r.bg_lm_p = 0.41;
  return r;
}

// Every pair the analysis produces: 20 lagged (M1) and 6 same-day (M2).
std::vector<std::pair<Variable, Variable>> Pairs(Model model) {
  std::vector<std::pair<Variable, Variable>> out;
  for (const Variable x : kAll) {
    for (const Variable y : kAll) {
      if (x == y) continue;
      if (model == Model::kM2 && (x == Variable::kSleep || y == Variable::kSleep ||
                                  static_cast<int>(x) > static_cast<int>(y))) {
        continue;
      }
      out.emplace_back(x, y);
    }
  }
  return out;
}

void ExpectPlain(const std::string& message, bool patient) {
  ASSERT_FALSE(message.empty());
  std::string text = message;
  // The §3.9 disclaimer denies a cause in words the list bans; it is exempt
  // verbatim and only verbatim (wording.hpp).
  for (const Variable x : kAll) {
    for (const Variable y : kAll) {
      const std::string disclaimer = Disclaimer(x, y);
      for (auto at = text.find(disclaimer); at != std::string::npos; at = text.find(disclaimer)) {
        text.erase(at, disclaimer.size());
      }
    }
  }
  EXPECT_EQ(FindBannedWords(text, kCausalBannedPhrases), std::vector<std::string>{}) << message;
  if (patient) {
    EXPECT_EQ(FindBannedWords(text, kPlainLanguageBannedWords), std::vector<std::string>{})
        << message;
    // Never a p or q value for patients (§3.7).
    EXPECT_EQ(message.find("p ="), std::string::npos) << message;
    EXPECT_EQ(message.find("q ="), std::string::npos) << message;
    EXPECT_EQ(message.find("flare"), std::string::npos) << message;
  }
}

TEST(Wording, EveryGeneratedMessagePassesTheBannedWords) {
  std::set<std::string> patient_messages;
  int clinician_lines = 0;
  for (const Model model : {Model::kM1, Model::kM2}) {
    for (const auto& [x, y] : Pairs(model)) {
      for (const Tier tier :
           {Tier::kInsufficient, Tier::kEarlyLook, Tier::kStandard, Tier::kEstablished}) {
        for (const Verdict verdict : {Verdict::kClearPositive, Verdict::kClearNegative,
                                      Verdict::kUnclear, Verdict::kNotShown}) {
          for (const double delta : {1.24, -1.24, 0.3}) {
            CycleRecord r = Record(model, x, y, tier, verdict, delta);
            ApplyWording(r);
            ExpectPlain(r.message_patient, true);
            ExpectPlain(r.message_clinician, false);
            patient_messages.insert(r.message_patient);
            ++clinician_lines;
          }
        }
      }
    }
  }
  EXPECT_EQ(clinician_lines, (20 + 6) * 4 * 4 * 3);
  EXPECT_GT(patient_messages.size(), 300u);

  // Both directions, one direction and neither, for the three primary pairs.
  int cycle_messages = 0;
  for (const auto& [x, y] :
       {std::pair{Variable::kStress, Variable::kPain}, std::pair{Variable::kSleep, Variable::kPain},
        std::pair{Variable::kPain, Variable::kMood}}) {
    for (const Verdict va : {Verdict::kClearPositive, Verdict::kUnclear}) {
      for (const Verdict vb : {Verdict::kClearPositive, Verdict::kUnclear}) {
        for (const double sign : {1.0, -1.0}) {
          const CycleRecord a = Record(Model::kM1, x, y, Tier::kEstablished, va, sign * 1.24);
          const CycleRecord b = Record(Model::kM1, y, x, Tier::kEstablished, vb, sign * 1.24);
          ExpectPlain(CycleMessage(a, b), true);
          ++cycle_messages;
        }
      }
    }
  }
  EXPECT_EQ(cycle_messages, 24);

  for (const bool said_flare : {false, true}) {
    FlareEpisode e;
    e.start = std::chrono::sys_days(std::chrono::year(2026) / 3 / 21);
    e.end = e.start + std::chrono::days(4);
    e.baseline_frozen = 3;
    e.peak_pain = 7;
    e.patient_called_it_flare = said_flare;
    const std::string title = FlarePatientTitle(e);
    const std::string sentence = FlarePatientSentence(e);
    EXPECT_EQ(title.find("flare") != std::string::npos, said_flare) << title;
    EXPECT_EQ(FindBannedWords(title + " " + sentence, kCausalBannedPhrases),
              std::vector<std::string>{});
    EXPECT_EQ(FindBannedWords(title + " " + sentence, kPlainLanguageBannedWords),
              std::vector<std::string>{});
    EXPECT_EQ(FindBannedWords(FlareClinicianLine(e), kCausalBannedPhrases),
              std::vector<std::string>{});
  }
}

// §3.9's examples, with the numbers of the clinician line. The shown range is
// rounded outward: 0.44 → 0.4 and 2.04 → 2.1.
TEST(Wording, ClearLaggedLinkReadsAsTheTemplate) {
  CycleRecord r = Record(Model::kM1, Variable::kStress, Variable::kPain, Tier::kEstablished,
                         Verdict::kClearPositive, 1.24);
  EXPECT_EQ(PatientMessage(r),
            "Looking at 60 pairs of days from 1 January 2026 to 11 March 2026: after days when "
            "your stress was higher (around 7/10), your pain the next day was on average 1.2 "
            "points higher than after calmer days (around 3/10), even after allowing for how much "
            "pain you already had the day before. A plausible range is 0.4 to 2.1 points. This is "
            "a pattern in your own check-ins. It doesn't prove that stress causes pain: other "
            "things, like a poor night or a hard week, can affect both.");

  // Worse sleep is the low end of sleep (x_q25 = 3); Δ = +1.24 on the native
  // scale means more pain after *better* nights, so after worse nights pain
  // was 1.2 points lower, range 0.4–2.1 turned round.
  r = Record(Model::kM1, Variable::kSleep, Variable::kPain, Tier::kStandard,
             Verdict::kClearNegative, 1.24);
  EXPECT_NE(PatientMessage(r).find("after nights when your sleep was worse (around 3/10), your "
                                   "pain the next day was on average 1.2 points lower than after "
                                   "better nights (around 7/10)"),
            std::string::npos)
      << PatientMessage(r);
  EXPECT_NE(PatientMessage(r).find("A plausible range is 0.4 to 2.1 points."), std::string::npos);

  r.tier = Tier::kEarlyLook;
  r.n_pairs = 35;
  EXPECT_TRUE(PatientMessage(r).starts_with(
      "Early look — based on only 35 pairs of days, so this may change. "));
}

TEST(Wording, UnclearSameDayAndKeepCheckingIn) {
  CycleRecord r = Record(Model::kM1, Variable::kStress, Variable::kPain, Tier::kStandard,
                         Verdict::kUnclear, 0.3);
  EXPECT_EQ(PatientMessage(r),
            "We don't see a clear next-day link between your stress and your pain yet (best "
            "estimate +0.3 points; plausible range -0.5 to 1.1). That doesn't mean there's no "
            "link: 50 pairs of days may not be enough to tell.");

  r = Record(Model::kM2, Variable::kStress, Variable::kPain, Tier::kStandard,
             Verdict::kClearPositive, 1.24);
  EXPECT_EQ(PatientMessage(r),
            "On days when your stress was higher than usual for you, your pain that same day also "
            "tended to be higher (about 1.2 points between a calmer and a more stressed day; "
            "plausible range 0.4 to 2.1 points). We can't tell from this which one comes first.");

  r = Record(Model::kM1, Variable::kStress, Variable::kPain, Tier::kInsufficient,
             Verdict::kNotShown, 0.3);
  r.n_pairs = 20;
  EXPECT_EQ(PatientMessage(r), "Keep checking in — we need about 8 more days.");
}

TEST(Wording, BothDirectionsNeedsTheWholeBar) {
  CycleRecord a = Record(Model::kM1, Variable::kStress, Variable::kPain, Tier::kEstablished,
                         Verdict::kClearPositive, 1.24);
  CycleRecord b = Record(Model::kM1, Variable::kPain, Variable::kStress, Tier::kStandard,
                         Verdict::kClearPositive, 0.9);
  EXPECT_TRUE(BothDirections(a, b));
  EXPECT_EQ(CycleMessage(a, b),
            "In your check-ins, higher stress tended to be followed by higher pain the next day, "
            "and higher pain tended to be followed by higher stress the next day. A back-and-forth "
            "pattern like this is worth talking through with your clinician.");
  b.tier = Tier::kEarlyLook;  // tier ≥ standard needed
  EXPECT_FALSE(BothDirections(a, b));
  b.tier = Tier::kStandard;
  b.q_bh = 0.06;  // q < 0.05 needed
  EXPECT_FALSE(BothDirections(a, b));
  b.q_bh = 0.01;
  b.contrast_delta = -0.9;  // worse → better is not a cycle
  EXPECT_FALSE(BothDirections(a, b));
  b.verdict = Verdict::kUnclear;
  EXPECT_EQ(CycleMessage(a, b),
            "In your check-ins, higher stress tended to be followed by higher pain the next day, "
            "but we don't see a clear link the other way round yet.");
  a.verdict = Verdict::kUnclear;
  EXPECT_EQ(CycleMessage(a, b), "No clear pattern yet between your stress and your pain.");
}

// The §3.9 clinician example; p and q have 2 significant digits (§3.7).
TEST(Wording, ClinicianLine) {
  CycleRecord r = Record(Model::kM1, Variable::kStress, Variable::kPain, Tier::kEstablished,
                         Verdict::kClearPositive, 1.24);
  r.coef_c = 0.31;
  r.ci_low = 0.0912;
  r.ci_high = 0.5288;
  r.contrast_ci_low = 0.41;
  r.contrast_ci_high = 2.09;
  r.df = 56;
  EXPECT_EQ(ClinicianLine(r),
            "Stress(t−1) → Pain(t): c = 0.31 pain pts per stress pt (95% CI 0.09–0.53), IQR "
            "contrast Δ = 1.2 (0.4–2.1); SE = max(HC3, NW[L=3]) = 0.11; t(56) = 2.8, p = .0072, "
            "BH q = .020 (primary, 6 tests); n = 60 pairs / 71 days (85% compliance); AR(pain) b "
            "= 0.38; trend-adjusted; BG p = .41.");
}

TEST(Wording, RoundingRules) {
  EXPECT_EQ(OneDecimal(1.25), "1.2");  // binary 1.25 is exact: half to even
  EXPECT_EQ(OneDecimal(-0.04), "0.0");
  EXPECT_EQ(SignedOneDecimal(0.3), "+0.3");
  EXPECT_EQ(SignedOneDecimal(-0.3), "-0.3");
  EXPECT_EQ(RoundDown(0.44), "0.4");
  EXPECT_EQ(RoundUp(0.41), "0.5");
  EXPECT_EQ(RoundDown(-0.41), "-0.5");
  EXPECT_EQ(RoundUp(-0.49), "-0.4");
  EXPECT_EQ(RoundDown(0.3), "0.3");  // 0.3 is stored as 0.2999…: not pushed to 0.2
  EXPECT_EQ(RoundUp(0.3), "0.3");
  EXPECT_EQ(RoundUp(0.0912, 2), "0.10");
  EXPECT_EQ(TwoSignificant(0.0072), ".0072");
  EXPECT_EQ(TwoSignificant(0.00716), ".0072");
  EXPECT_EQ(TwoSignificant(0.41), ".41");
  EXPECT_EQ(TwoSignificant(0.02), ".020");
  EXPECT_EQ(TwoSignificant(0.0996), ".10");
  EXPECT_EQ(TwoSignificant(1.0), "1.0");
  EXPECT_EQ(TwoSignificant(3.24e-7), "3.2e-07");
  EXPECT_EQ(Level(6.0), "6");
  EXPECT_EQ(Level(6.5), "6.5");
}

TEST(Wording, FlareSentenceSaysFlareOnlyWhenThePatientDid) {
  FlareEpisode e;
  e.start = std::chrono::sys_days(std::chrono::year(2026) / 3 / 21);
  e.end = std::chrono::sys_days(std::chrono::year(2026) / 3 / 25);
  e.baseline_frozen = 3;
  e.peak_pain = 7;
  EXPECT_EQ(FlarePatientTitle(e), "A period of higher-than-usual pain");
  EXPECT_EQ(FlarePatientSentence(e),
            "Your pain from 21 March 2026 to 25 March 2026 was well above your usual level "
            "(usual ≈ 3.0/10; peak 7/10).");
  e.patient_called_it_flare = true;
  EXPECT_EQ(FlarePatientTitle(e), "A flare-up you told us about");
}

}  // namespace
}  // namespace unknot::insight
