#include "unknot/insight/wording.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdio>

namespace unknot::insight {
namespace {

// How a patient reads one variable (§3.9: own names, natural "worse" side).
struct Vocabulary {
  const char* noun;             // "stress"
  const char* capital;          // "Stress"
  bool higher_is_worse;         // §3.1
  const char* worse_was;        // "your stress was higher"
  const char* better_days;      // "calmer days"
  const char* when;             // "days" | "nights": when X happens
  const char* then;             // "the next day" | "that night": when Y is rated (M1)
  const char* up;               // Y's wording for a higher rating
  const char* down;             // … for a lower rating
  const char* own_lag;          // "how much pain you already had the day before"
  const char* same_day_levels;  // M2: "a calmer and a more stressed day"
};

const Vocabulary& Words(Variable v) {
  static const std::array<Vocabulary, 5> words = {{
      {"pain", "Pain", true, "your pain was higher", "days with less pain", "days", "the next day",
       "higher", "lower", "how much pain you already had the day before",
       "a lower-pain and a higher-pain day"},
      {"stress", "Stress", true, "your stress was higher", "calmer days", "days", "the next day",
       "higher", "lower", "how stressed you already were the day before",
       "a calmer and a more stressed day"},
      {"mood", "Mood", false, "your mood was lower", "days with better mood", "days",
       "the next day", "higher", "lower", "how your mood already was the day before",
       "a better-mood and a lower-mood day"},
      {"sleep", "Sleep", false, "your sleep was worse", "better nights", "nights", "that night",
       "better", "worse", "how you had slept the night before",
       "a better-sleep and a worse-sleep night"},
      {"tension", "Tension", true, "your tension was higher", "days with less tension", "days",
       "the next day", "higher", "lower", "how much tension you already had the day before",
       "a more relaxed and a more tense day"},
  }};
  return words[static_cast<std::size_t>(v)];
}

// Rounding with a little slack, so 0.3 stored as 0.29999… still shows "0.3".
constexpr double kSlack = 1e-9;

std::string Fixed(double value, int decimals) {
  std::string out = fmt::format("{:.{}f}", value, decimals);
  if (out.starts_with("-") && out.find_first_not_of("-0.") == std::string::npos) {
    out.erase(0, 1);  // no "-0.0"
  }
  return out;
}

std::string OrNa(const std::optional<double>& v, int decimals) {
  return v ? Fixed(*v, decimals) : "n/a";
}

std::string Range(const std::string& low, const std::string& high) {
  // An en dash reads badly next to a minus sign.
  return low.starts_with("-") || high.starts_with("-") ? low + " to " + high : low + "–" + high;
}

// The Y change, on Y's own scale, from X's better level to its worse level:
// Δ·sx with sx = +1 when higher X is worse. The CI turns with it.
struct Shift {
  double estimate;
  double low;
  double high;
  double x_worse;
  double x_better;
};

std::optional<Shift> WorseShift(const CycleRecord& r) {
  if (!r.contrast_delta || !r.contrast_ci_low || !r.contrast_ci_high || !r.x_q25 || !r.x_q75) {
    return std::nullopt;
  }
  if (Words(r.x).higher_is_worse) {
    return Shift{*r.contrast_delta, *r.contrast_ci_low, *r.contrast_ci_high, *r.x_q75, *r.x_q25};
  }
  return Shift{-*r.contrast_delta, -*r.contrast_ci_high, -*r.contrast_ci_low, *r.x_q25, *r.x_q75};
}

// "3 March 2026" from "2026-03-03" (left as given when it is not a date).
std::string LongDate(const std::string& iso) {
  static const char* months[] = {"January",   "February", "March",    "April",
                                 "May",       "June",     "July",     "August",
                                 "September", "October",  "November", "December"};
  int y = 0, m = 0, d = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) return iso;
  return fmt::format("{} {} {}", d, months[m - 1], y);
}

std::string LongDate(std::chrono::sys_days date) {
  const std::chrono::year_month_day ymd(date);
  return LongDate(fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()),
                              unsigned(ymd.day())));
}

std::string EarlyLookBadge(const CycleRecord& r) {
  return fmt::format("Early look — based on only {} pairs of days, so this may change.", r.n_pairs);
}

bool ClearPositiveWorse(const CycleRecord& r) {
  // "worse → worse": Y moves to its worse side when X does.
  const auto shift = WorseShift(r);
  if (!shift || r.verdict == Verdict::kNotShown || r.verdict == Verdict::kUnclear) return false;
  const bool y_worse_up = Words(r.y).higher_is_worse;
  return y_worse_up ? shift->estimate > 0 : shift->estimate < 0;
}

std::string ClearM1(const CycleRecord& r, const Shift& s) {
  const Vocabulary& x = Words(r.x);
  const Vocabulary& y = Words(r.y);
  const bool up = s.estimate > 0;
  // Magnitudes: a "points lower" range is the negated interval, turned round.
  const double low = up ? s.low : -s.high;
  const double high = up ? s.high : -s.low;
  return fmt::format(
      "Looking at {} pairs of days from {} to {}: after {} when {} (around {}/10), your {} {} was "
      "on average {} points {} than after {} (around {}/10), even after allowing for {}. A "
      "plausible range is {} to {} points. This is a pattern in your own check-ins. {}",
      r.n_pairs, LongDate(r.window_start), LongDate(r.window_end), x.when, x.worse_was,
      Level(s.x_worse), y.noun, y.then, OneDecimal(std::abs(s.estimate)), up ? y.up : y.down,
      x.better_days, Level(s.x_better), y.own_lag, RoundDown(low), RoundUp(high),
      Disclaimer(r.x, r.y));
}

std::string ClearM2(const CycleRecord& r, const Shift& s) {
  const Vocabulary& x = Words(r.x);
  const Vocabulary& y = Words(r.y);
  const bool up = s.estimate > 0;
  const double low = up ? s.low : -s.high;
  const double high = up ? s.high : -s.low;
  return fmt::format(
      "On days when {} than usual for you, your {} that same day also tended to be {} (about {} "
      "points between {}; plausible range {} to {} points). We can't tell from this which one "
      "comes first.",
      x.worse_was, y.noun, up ? y.up : y.down, OneDecimal(std::abs(s.estimate)), x.same_day_levels,
      RoundDown(low), RoundUp(high));
}

std::string Unclear(const CycleRecord& r, const Shift& s) {
  return fmt::format(
      "We don't see a clear {} link between your {} and your {} yet (best estimate {} points; "
      "plausible range {} to {}). That doesn't mean there's no link: {} pairs of days may not be "
      "enough to tell.",
      r.model == Model::kM1 ? "next-day" : "same-day", Words(r.x).noun, Words(r.y).noun,
      SignedOneDecimal(s.estimate), RoundDown(s.low), RoundUp(s.high), r.n_pairs);
}

std::string LinkLabel(const CycleRecord& r) {
  const std::string x = Words(r.x).capital;
  const std::string y = Words(r.y).capital;
  if (r.model == Model::kM2) return fmt::format("{}(t) ~ {}(t) same-day", x, y);
  if (r.x == Variable::kSleep) return fmt::format("Sleep(night before t) → {}(t)", y);
  if (r.y == Variable::kSleep) return fmt::format("{}(t) → Sleep(night after t)", x);
  return fmt::format("{}(t−1) → {}(t)", x, y);
}

std::string PValue(const std::optional<double>& p) {
  return p ? TwoSignificant(*p) : "n/a";
}

}  // namespace

std::string OneDecimal(double value) {
  return Fixed(value, 1);
}

std::string SignedOneDecimal(double value) {
  const std::string text = Fixed(value, 1);
  return text.starts_with("-") ? text : "+" + text;
}

std::string RoundDown(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return Fixed(std::floor(value * scale + kSlack) / scale, decimals);
}

std::string RoundUp(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return Fixed(std::ceil(value * scale - kSlack) / scale, decimals);
}

std::string TwoSignificant(double value) {
  if (!std::isfinite(value)) return "n/a";
  if (value == 0) return "0";
  const bool negative = value < 0;
  double x = std::abs(value);
  int exponent = static_cast<int>(std::floor(std::log10(x)));
  const double unit = std::pow(10.0, exponent - 1);
  x = std::round(x / unit) * unit;  // 2 significant digits; 0.0996 → 0.10
  exponent = static_cast<int>(std::floor(std::log10(x) + kSlack));
  std::string text;
  if (exponent < -6) {
    text = fmt::format("{:.1e}", x);
  } else {
    text = fmt::format("{:.{}f}", x, std::max(0, 1 - exponent));
    if (text.starts_with("0.")) text.erase(0, 1);
  }
  return negative ? "-" + text : text;
}

std::string Level(double value) {
  std::string text = Fixed(value, 1);
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  return text;
}

std::string Disclaimer(Variable x, Variable y) {
  // "stress causes pain" as in §3.9; mood and sleep are named on their worse
  // side ("lower mood", "worse sleep") so the sentence reads naturally.
  const auto name = [](Variable v) {
    return v == Variable::kMood    ? std::string("lower mood")
           : v == Variable::kSleep ? std::string("worse sleep")
                                   : std::string(Words(v).noun);
  };
  return fmt::format(
      "It doesn't prove that {} causes {}: other things, like a poor night or a hard week, can "
      "affect both.",
      name(x), name(y));
}

std::string PatientMessage(const CycleRecord& r) {
  if (r.tier == Tier::kInsufficient) {
    return fmt::format("Keep checking in — we need about {} more days.",
                       std::max(1, 28 - r.n_pairs));
  }
  const auto shift = WorseShift(r);
  if (r.verdict == Verdict::kNotShown || !shift) {
    return fmt::format(
        "We can't look for a link between your {} and your {} yet. Keep checking in.",
        Words(r.x).noun, Words(r.y).noun);
  }
  std::string text;
  if (r.verdict == Verdict::kUnclear) {
    text = Unclear(r, *shift);
  } else {
    text = r.model == Model::kM1 ? ClearM1(r, *shift) : ClearM2(r, *shift);
  }
  if (r.tier == Tier::kEarlyLook) text = EarlyLookBadge(r) + " " + text;
  return text;
}

bool BothDirections(const CycleRecord& a, const CycleRecord& b) {
  const auto passes = [](const CycleRecord& r) {
    return r.model == Model::kM1 && r.family == Family::kPrimary && r.eligible &&
           (r.tier == Tier::kStandard || r.tier == Tier::kEstablished) && r.q_bh &&
           *r.q_bh < 0.05 && ClearPositiveWorse(r);
  };
  return a.x == b.y && a.y == b.x && passes(a) && passes(b);
}

std::string CycleMessage(const CycleRecord& a, const CycleRecord& b) {
  const Vocabulary& x = Words(a.x);
  const Vocabulary& y = Words(a.y);
  const auto worse = [](const Vocabulary& v) {
    return std::string(v.higher_is_worse ? "higher"
                                         : (v.noun == std::string("sleep") ? "worse" : "lower")) +
           " " + v.noun;
  };
  if (BothDirections(a, b)) {
    return fmt::format(
        "In your check-ins, {} tended to be followed by {} {}, and {} tended to be followed by {} "
        "{}. A back-and-forth pattern like this is worth talking through with your clinician.",
        worse(x), worse(y), y.then, worse(y), worse(x), x.then);
  }
  const bool a_clear = a.verdict == Verdict::kClearPositive || a.verdict == Verdict::kClearNegative;
  const bool b_clear = b.verdict == Verdict::kClearPositive || b.verdict == Verdict::kClearNegative;
  if (a_clear != b_clear) {
    const CycleRecord& clear = a_clear ? a : b;
    const Vocabulary& cx = Words(clear.x);
    const Vocabulary& cy = Words(clear.y);
    const auto shift = WorseShift(clear);
    const bool up = shift && shift->estimate > 0;
    return fmt::format(
        "In your check-ins, {} tended to be followed by {} {} {}, but we don't see a clear link "
        "the other way round yet.",
        worse(cx), up ? cy.up : cy.down, cy.noun, cy.then);
  }
  if (a_clear && b_clear) {
    return fmt::format(
        "In your check-ins, your {} and your {} each tend to come before changes in the other, "
        "but not both in the worse direction, so this is not a back-and-forth pattern.",
        x.noun, y.noun);
  }
  return fmt::format("No clear pattern yet between your {} and your {}.", x.noun, y.noun);
}

std::string ClinicianLine(const CycleRecord& r) {
  const std::string label = LinkLabel(r);
  const std::string base = fmt::format("n = {} pairs / {} days ({}% compliance)", r.n_pairs,
                                       r.n_calendar_days, Fixed(r.compliance_pct, 0));
  if (!r.eligible || !r.coef_c) {
    return fmt::format("{}: not shown ({}); tier {}; {}.", label,
                       r.ineligible_reason.empty() ? "no estimate" : r.ineligible_reason,
                       ToString(r.tier), base);
  }
  const char* coefficient = r.model == Model::kM1 ? "c" : "d";
  const std::string ci =
      r.ci_low && r.ci_high ? Range(RoundDown(*r.ci_low, 2), RoundUp(*r.ci_high, 2)) : "n/a";
  const std::string contrast_ci =
      r.contrast_ci_low && r.contrast_ci_high
          ? Range(RoundDown(*r.contrast_ci_low), RoundUp(*r.contrast_ci_high))
          : "n/a";
  return fmt::format(
      "{}: {} = {} {} pts per {} pt (95% CI {}), IQR contrast Δ = {} ({}); SE = max(HC3, NW[L={}]) "
      "= {}; t({}) = {}, p = {}, BH q = {} ({}, {} tests); {}; AR({}) b = {}; trend-adjusted; BG "
      "p = {}.",
      label, coefficient, Fixed(*r.coef_c, 2), Words(r.y).noun, Words(r.x).noun, ci,
      OrNa(r.contrast_delta, 1), contrast_ci, r.nw_lag_L, OrNa(r.se_used, 2), r.df, OrNa(r.t, 1),
      PValue(r.p), PValue(r.q_bh), ToString(r.family), r.family == Family::kPrimary ? 6 : 20, base,
      Words(r.y).noun, OrNa(r.ar_b, 2), PValue(r.bg_lm_p));
}

void ApplyWording(CycleRecord& record) {
  record.message_patient = PatientMessage(record);
  record.message_clinician = ClinicianLine(record);
}

bool ShowToPatient(const CycleRecord& record) {
  return record.family == Family::kPrimary;
}

std::string FlarePatientTitle(const FlareEpisode& episode) {
  return episode.patient_called_it_flare ? "A flare-up you told us about"
                                         : "A period of higher-than-usual pain";
}

std::string FlarePatientSentence(const FlareEpisode& episode) {
  return fmt::format(
      "Your pain from {} to {} was well above your usual level (usual ≈ {}/10; peak {}/10).",
      LongDate(episode.start), LongDate(episode.end), OneDecimal(episode.baseline_frozen),
      episode.peak_pain);
}

std::string FlareClinicianLine(const FlareEpisode& e) {
  const auto panel = [](const char* name, const PanelVariable& v) {
    std::string values;
    for (const auto& x : v.values) {
      if (!values.empty()) values += ", ";
      values += x ? std::to_string(*x) : "–";
    }
    return fmt::format("{} {} vs median {}", name, values, OrNa(v.personal_median, 1));
  };
  return fmt::format(
      "Pain episode {} to {} ({} days; start {}; end {}{}): B* = {}, S = {}, peak {} ({}), excess "
      "AUC {}; flare answers yes {} / no {} / none {}; 3 days before ({}): {}; {}; {}.",
      LongDate(e.start), LongDate(e.end), e.duration_days, ToString(e.start_rule),
      ToString(e.end_reason),
      e.merged_segments > 1 ? fmt::format("; {} merged", e.merged_segments) : std::string(),
      OneDecimal(e.baseline_frozen), OneDecimal(e.spread_at_start), e.peak_pain,
      SignedOneDecimal(e.peak_excess), OneDecimal(e.excess_auc), e.self_report.yes_days,
      e.self_report.no_days, e.self_report.unanswered_days, PrecedingDaysPanel::kLabel,
      panel("stress", e.before.stress), panel("sleep", e.before.sleep),
      panel("mood", e.before.mood));
}

}  // namespace unknot::insight
