#include "unknot/empower/reminder_api.hpp"

#include <boost/json.hpp>

#include "unknot/assess/record_json.hpp"
#include "unknot/empower/reminder_model.hpp"
#include "unknot/empower/reminder_store.hpp"
#include "unknot/identity/access_guard.hpp"
#include "unknot/people/patient_access.hpp"
#include "unknot/people/patient_record_read.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/http/json_body.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;
using identity::Action;
using identity::Principal;

// The state with its plan at one instant.
struct Answer {
  ReminderState state;
  ReminderPlan plan;
};

Result<Answer> Plan(ReminderState state, Instant now) {
  auto plan = PlanReminder(state.stored.preference, state.time_zone, now, state.facts);
  // The zone was checked when the clinic was saved; a bad one is our fault.
  if (!plan) return Error::Internal("clinic has an unknown time zone: " + state.time_zone);
  return Answer{std::move(state), *plan};
}

json::object EncodeReminders(const Answer& answer) {
  const StoredReminderPreference& stored = answer.state.stored;
  json::object out = EncodeReminderValues(stored.preference);
  out["email"] = assess::JsonOrNull(answer.state.email);
  out["next_at"] = answer.plan.next_at ? json::value(FormatInstant(*answer.plan.next_at)) : nullptr;
  out["time_zone"] = answer.state.time_zone;
  out["version"] = stored.version;
  out["updated_at"] = stored.version > 0 ? json::value(FormatInstant(stored.updated_at)) : nullptr;
  out["updated_by"] =
      stored.updated_by ? json::value(assess::EncodeAuthor(*stored.updated_by)) : nullptr;
  return out;
}

Error NoAddress() {
  return Error(ErrorCode::kConflict,
               "Email reminders go to the address of the patient's portal account, and there is "
               "no portal account yet. Invite the patient to the portal first.",
               {{"channel", "no-address",
                 "There is no email address for reminders: the patient has no portal account."}});
}

class ReminderApi final {
 public:
  ReminderApi(db::Database& db, const Clock& clock) : guard_(db, clock), patients_(db, clock) {}

  Response Get(Request& request, const Principal& principal) const {
    return people::ReadPatientRecords<Answer>(
        guard_, patients_, request, principal, people::RecordKind::kPatientReadable,
        "reminder.read",
        [&](db::Session& session, const people::Patient& patient) -> Result<Answer> {
          auto state = LoadReminderState(session, patient.id);
          if (!state) return state.error();
          return Plan(std::move(*state), guard_.clock().Now());
        },
        [](const Answer& answer) {
          return http::WithETag(http::JsonResponse(200, EncodeReminders(answer)),
                                answer.state.stored.version);
        });
  }

  Response Put(Request& request, const Principal& principal) const {
    auto patient = patients_.Get(request.params.Get("id"));
    if (!patient) return http::ErrorResponse(request, patient.error());
    const auto target = people::PatientTarget(*patient);
    if (auto denied =
            guard_.Check(request, principal, people::OwnRecordWrite(principal), target, "reminder.update")) {
      return std::move(*denied);
    }
    auto body = http::ReadJsonObject(request);
    if (!body) return http::ErrorResponse(request, body.error());
    IssueList issues;
    const ReminderPreference preference = DecodeReminderPreference(*body, issues);
    auto expected = http::IfMatchVersion(request);
    if (!expected) return http::ErrorResponse(request, expected.error());
    // "*" (any version) is a choice; no If-Match at all is a mistake.
    if (!request.Header("if-match")) {
      issues.Add("If-Match", "required",
                 "Send If-Match with the version you loaded, such as \"3\" (\"0\" the first "
                 "time).");
    }
    if (!issues.empty()) return http::ErrorResponse(request, Error::Invalid(issues.Take()));
    auto stored = guard_.InWrite<Answer>([&](db::Session& session, Instant now) -> Result<Answer> {
      auto state = LoadReminderState(session, patient->id);
      if (!state) return state.error();
      if (preference.channel == ReminderChannel::kEmail && !state->email) return NoAddress();
      auto saved = SaveReminderPreference(session, patient->id, preference, *expected,
                                          principal.user_uuid, now);
      if (!saved) return saved.error();
      auto recorded =
          guard_.RecordWrite(session, request, principal, now, target, "reminder.update");
      if (!recorded) return recorded.error();
      auto after = LoadReminderState(session, patient->id);
      if (!after) return after.error();
      return Plan(std::move(*after), now);
    });
    if (!stored) return http::ErrorResponse(request, stored.error());
    return http::WithETag(http::JsonResponse(200, EncodeReminders(*stored)),
                          stored->state.stored.version);
  }

 private:
  identity::AccessGuard guard_;
  people::PatientStore patients_;
};

}  // namespace

void RegisterReminderRoutes(http::Router& router, db::Database& db, const Clock& clock,
                            const identity::Authenticator& authenticator) {
  const identity::ProtectedRoutes<ReminderApi> routes(router, authenticator,
                                                      ReminderApi(db, clock));
  using M = http::Method;
  routes.Add(M::kGet, "/api/v1/patients/{id:uuid}/reminders", &ReminderApi::Get);
  routes.Add(M::kPut, "/api/v1/patients/{id:uuid}/reminders", &ReminderApi::Put);
}

}  // namespace unknot::empower
