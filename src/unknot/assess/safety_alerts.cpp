#include "unknot/assess/safety_alerts.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>

#include "unknot/assess/assess_store_support.hpp"
#include "unknot/platform/ids.hpp"
#include "unknot/platform/mail/outbox.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

const std::string& SelectAlert() {
  static const std::string sql =
      "SELECT s.id, s.uuid, s.clinic_id, s.patient_id, p.uuid, p.given_name, p.family_name, "
      "a.uuid, s.instrument_id, s.rule_id, s.message, s.raised_at, s.status, s.acknowledged_by, " +
      detail::UserNameOf("s.acknowledged_by") +
      ", s.acknowledged_at, s.acknowledgement_note FROM safety_alert s "
      "JOIN patient p ON p.id = s.patient_id JOIN assessment a ON a.id = s.assessment_id";
  return sql;
}

// Open alerts need action, so they lead; then the newest.
constexpr std::string_view kAlertOrder =
    " ORDER BY CASE WHEN s.status = 'open' THEN 0 ELSE 1 END, s.raised_at DESC, s.id DESC";

AlertRecord AlertFromRow(const db::Row& row) {
  AlertRecord a;
  a.id = row.Int(0);
  a.uuid = row.Text(1);
  a.clinic_id = row.Int(2);
  a.patient_id = row.Int(3);
  a.patient_uuid = row.Text(4);
  a.patient_name = row.Text(5) + " " + row.Text(6);
  a.assessment_uuid = row.Text(7);
  a.instrument = row.Text(8);
  a.rule = row.Text(9);
  a.message = row.Text(10);
  a.raised_at = row.Int(11);
  a.open = row.Text(12) == "open";
  if (!row.IsNull(13)) a.acknowledged_by = detail::ToUserRef(row, 13, 14);
  a.acknowledged_at = row.OptInt(15);
  a.note = row.OptText(16);
  return a;
}

Result<std::vector<AlertRecord>> Collect(Result<db::QueryResult> rows) {
  if (!rows) return rows.error();
  std::vector<AlertRecord> out;
  for (const auto& row : rows->rows) out.push_back(AlertFromRow(row));
  return out;
}

// clinic.safety_email when set, otherwise every active admin and clinician.
Result<std::vector<std::string>> MailRecipients(db::Session& session, std::int64_t clinic_id) {
  auto clinic = session.QueryOne("SELECT safety_email FROM clinic WHERE id = $1", {clinic_id});
  if (!clinic) return clinic.error();
  if (*clinic && !(*clinic)->IsNull(0)) return std::vector<std::string>{(*clinic)->Text(0)};
  auto staff = session.Query(
      "SELECT email FROM user_account WHERE clinic_id = $1 AND role IN ('admin', 'clinician') "
      "AND disabled = 0 ORDER BY id",
      {clinic_id});
  if (!staff) return staff.error();
  std::vector<std::string> out;
  for (const auto& row : staff->rows) out.push_back(row.Text(0));
  return out;
}

Result<void> QueueMail(db::Session& session, std::int64_t clinic_id,
                       const SafetyMailSettings& settings, Instant now) {
  auto recipients = MailRecipients(session, clinic_id);
  if (!recipients) return recipients.error();
  for (const auto& to : *recipients) {
    if (auto queued = mail::EnqueueMail(session, SafetyAlertMail(to, settings.public_url), now);
        !queued) {
      return queued.error();
    }
  }
  return {};
}

}  // namespace

mail::MailMessage SafetyAlertMail(std::string_view to, std::string_view public_url) {
  while (public_url.ends_with('/')) public_url.remove_suffix(1);
  return {std::string(to), "Safety alert: a patient needs contact today",
          fmt::format("A safety answer was recorded for a patient; open unknot to see it.\n"
                      "\n"
                      "{}/\n"
                      "\n"
                      "The alert stays open until a clinician acknowledges it with a note of "
                      "what was done.\n",
                      public_url),
          "safety-alert"};
}

Result<std::vector<AlertRecord>> RaiseSafetyAlerts(db::Session& session,
                                                   const AlertSubject& subject,
                                                   std::string_view instrument,
                                                   const std::vector<FiredAlert>& fired,
                                                   const SafetyMailSettings& mail, Instant now) {
  std::vector<AlertRecord> raised;
  for (const auto& alert : fired) {
    if (alert.kind != AlertKind::kSafety) continue;
    const std::string uuid = NewUuid();
    auto inserted = session.Query(
        "INSERT INTO safety_alert (uuid, clinic_id, patient_id, assessment_id, instrument_id, "
        "rule_id, message, raised_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open') "
        "ON CONFLICT (assessment_id, instrument_id, rule_id) DO NOTHING RETURNING id",
        {uuid, subject.clinic_id, subject.patient_id, subject.assessment_id,
         std::string(instrument), alert.id, alert.message, now});
    if (!inserted) return inserted.error();
    if (inserted->rows.empty()) continue;  // raised before: one alert per rule and pack
    if (auto queued = QueueMail(session, subject.clinic_id, mail, now); !queued) {
      return queued.error();
    }
    auto record = GetAlert(session, uuid);
    if (!record) return record.error();
    raised.push_back(std::move(*record));
  }
  return raised;
}

Result<AlertRecord> GetAlert(db::Session& session, std::string_view uuid) {
  auto row = session.QueryOne(SelectAlert() + " WHERE s.uuid = $1", {CanonicalUuid(uuid)});
  if (!row) return row.error();
  if (!*row) return Error::NotFound("The alert");
  return AlertFromRow(**row);
}

Result<std::vector<AlertRecord>> ListClinicAlerts(db::Session& session, std::int64_t clinic_id,
                                                  AlertFilter filter) {
  std::string where = " WHERE s.clinic_id = $1";
  if (filter == AlertFilter::kOpen) where += " AND s.status = 'open'";
  if (filter == AlertFilter::kAcknowledged) where += " AND s.status = 'acknowledged'";
  return Collect(session.Query(SelectAlert() + where + std::string(kAlertOrder), {clinic_id}));
}

Result<std::vector<AlertRecord>> ListPatientAlerts(db::Session& session, std::int64_t patient_id) {
  return Collect(session.Query(
      SelectAlert() + " WHERE s.patient_id = $1" + std::string(kAlertOrder), {patient_id}));
}

Result<std::vector<AlertRecord>> ListAssessmentAlerts(db::Session& session,
                                                      std::int64_t assessment_id) {
  return Collect(session.Query(
      SelectAlert() + " WHERE s.assessment_id = $1" + std::string(kAlertOrder), {assessment_id}));
}

Result<AlertRecord> AcknowledgeAlert(db::Session& session, const AlertRecord& alert,
                                     const UserRef& by, std::string_view note, Instant now) {
  const Error closed(ErrorCode::kConflict, "This alert has already been acknowledged.");
  if (!alert.open) return closed;
  auto updated = session.Query(
      "UPDATE safety_alert SET status = 'acknowledged', acknowledged_by = $1, "
      "acknowledged_at = $2, acknowledgement_note = $3 WHERE id = $4 AND status = 'open'",
      {by.id, now, std::string(note), alert.id});
  if (!updated) return updated.error();
  if (updated->affected_rows != 1) return closed;  // someone else acknowledged it first
  AlertRecord done = alert;
  done.open = false;
  done.acknowledged_by = by;
  done.acknowledged_at = now;
  done.note = std::string(note);
  return done;
}

SafetyNotice AssessSafety(const Assessment& assessment, const Registry& registry,
                          const std::vector<AlertRecord>& assessment_alerts) {
  SafetyNotice notice;
  const auto add = [&](std::string instrument, std::string rule) {
    const bool known = std::any_of(notice.alerts.begin(), notice.alerts.end(), [&](const auto& a) {
      return a.instrument == instrument && a.rule == rule;
    });
    if (!known) notice.alerts.push_back({std::move(instrument), std::move(rule)});
  };
  for (const auto& [instrument, answers] : assessment.draft.answers) {
    const InstrumentDefinition* definition = registry.Find(instrument);
    if (definition == nullptr) continue;
    for (const auto& fired : Score(*definition, answers).alerts) {
      if (fired.kind == AlertKind::kSafety) add(instrument, fired.id);
    }
  }
  for (const auto& alert : assessment_alerts) {
    if (alert.open) add(alert.instrument, alert.rule);
  }
  notice.crisis_support = !notice.alerts.empty();
  return notice;
}

json::object ToJson(const SafetyNotice& notice) {
  json::array alerts;
  for (const auto& alert : notice.alerts) {
    alerts.push_back(json::object{{"instrument", alert.instrument}, {"rule", alert.rule}});
  }
  return {{"crisis_support", notice.crisis_support}, {"alerts", std::move(alerts)}};
}

}  // namespace unknot::assess
