#include "unknot/insight/cycle_json.hpp"

#include <boost/json/value.hpp>

namespace unknot::insight {
namespace {

namespace json = boost::json;

json::value Number(const std::optional<double>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::object Interval(const CoefficientInterval& interval) {
  return {{"coef_c", Number(interval.coef_c)},
          {"ci_low", Number(interval.ci_low)},
          {"ci_high", Number(interval.ci_high)}};
}

}  // namespace

json::object ToJson(const CycleRecord& r) {
  json::object o;
  o["patient_id"] = r.patient_id ? json::value(*r.patient_id) : json::value(nullptr);
  o["run_id"] = r.run_id;
  o["computed_at"] = r.computed_at;
  o["window_start"] = r.window_start.empty() ? json::value(nullptr) : json::value(r.window_start);
  o["window_end"] = r.window_end.empty() ? json::value(nullptr) : json::value(r.window_end);
  o["model"] = ToString(r.model);
  o["x"] = ToString(r.x);
  o["y"] = ToString(r.y);
  o["lag_definition"] = r.lag_definition;
  o["n_pairs"] = r.n_pairs;
  o["n_calendar_days"] = r.n_calendar_days;
  o["compliance_pct"] = r.compliance_pct;
  o["late_entries_pct"] = r.late_entries_pct;
  o["tier"] = ToString(r.tier);
  o["eligible"] = r.eligible;
  o["ineligible_reason"] =
      r.ineligible_reason.empty() ? json::value(nullptr) : json::value(r.ineligible_reason);
  o["coef_c"] = Number(r.coef_c);
  o["se_hc3"] = Number(r.se_hc3);
  o["se_nw"] = Number(r.se_nw);
  o["nw_lag_L"] = r.nw_lag_L;
  o["se_used"] = Number(r.se_used);
  o["df"] = r.df;
  o["t"] = Number(r.t);
  o["p"] = Number(r.p);
  o["q_bh"] = Number(r.q_bh);
  o["family"] = ToString(r.family);
  o["ci_low"] = Number(r.ci_low);
  o["ci_high"] = Number(r.ci_high);
  o["partial_r"] = Number(r.partial_r);
  o["x_q25"] = Number(r.x_q25);
  o["x_q75"] = Number(r.x_q75);
  o["contrast_delta"] = Number(r.contrast_delta);
  o["contrast_ci_low"] = Number(r.contrast_ci_low);
  o["contrast_ci_high"] = Number(r.contrast_ci_high);
  o["ar_b"] = Number(r.ar_b);
  o["ar_b_ci_low"] = Number(r.ar_b_ci_low);
  o["ar_b_ci_high"] = Number(r.ar_b_ci_high);
  o["trend_g"] = Number(r.trend_g);
  o["bg_lm_p"] = Number(r.bg_lm_p);
  o["max_leverage"] = Number(r.max_leverage);
  o["collinearity_r"] = Number(r.collinearity_r);
  o["missing_after_bad_day_or"] = Number(r.missing_after_bad_day_or);
  o["raw_mean_y_after_high_x"] = Number(r.raw_mean_y_after_high_x);
  o["raw_mean_y_after_low_x"] = Number(r.raw_mean_y_after_low_x);
  o["sensitivity"] = json::object{{"no_trend", Interval(r.sensitivity.no_trend)},
                                  {"no_late", Interval(r.sensitivity.no_late)}};
  o["verdict"] = ToString(r.verdict);
  o["message_patient"] = r.message_patient;
  o["message_clinician"] = r.message_clinician;
  o["software_version"] = r.software_version;
  o["reference_checksum"] = r.reference_checksum;
  return o;
}

json::array ToJson(const std::vector<CycleRecord>& records) {
  json::array out;
  for (const CycleRecord& r : records) out.push_back(ToJson(r));
  return out;
}

}  // namespace unknot::insight
