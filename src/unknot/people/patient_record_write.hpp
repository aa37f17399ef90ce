// The shape every "replace one patient's document" route shares
// (precautions, care preferences, care plans): the patient the path names,
// the policy's decision, the If-Match version, the JSON body, and the change
// stored and audited in one write transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "unknot/identity/access_guard.hpp"
#include "unknot/people/patient_record_read.hpp"

namespace unknot::people {

enum class IfMatch {
  kRequired,  // a write must name the version it started from (400 without it)
  kOptional,  // absent or "*": whatever version is stored now
};

struct RecordWriteRule {
  identity::Action action;  // kUpdate, or OwnRecordWrite(principal)
  RecordKind kind;
  IfMatch if_match;
  std::string audit_action;
};

// `save(session, patient, body, expected_version, now)` returns Result<T>
// (decoding errors included: nothing is stored); `answer(saved)` turns the
// stored value into the response.
template <class T, class Save, class Answer>
http::Response ReplacePatientDocument(const identity::AccessGuard& guard,
                                      const PatientStore& patients, const http::Request& request,
                                      const identity::Principal& principal,
                                      const RecordWriteRule& rule, Save&& save, Answer&& answer) {
  auto patient = patients.Get(request.params.Get("id"));
  if (!patient) return http::ErrorResponse(request, patient.error());
  const identity::AccessTarget target =
      rule.kind == RecordKind::kStaffOnly ? StaffRecordTarget(*patient) : PatientTarget(*patient);
  if (auto denied = guard.Check(request, principal, rule.action, target, rule.audit_action)) {
    return std::move(*denied);
  }
  auto expected = rule.if_match == IfMatch::kRequired ? http::RequiredIfMatchVersion(request)
                                                      : http::IfMatchVersion(request);
  if (!expected) return http::ErrorResponse(request, expected.error());
  auto body = http::ReadJsonObject(request);
  if (!body) return http::ErrorResponse(request, body.error());
  auto saved = guard.InWrite<T>([&](db::Session& session, Instant now) -> Result<T> {
    auto stored = save(session, *patient, *body, *expected, now);
    if (!stored) return stored;
    auto recorded = guard.RecordWrite(session, request, principal, now, target, rule.audit_action);
    if (!recorded) return recorded.error();
    return stored;
  });
  if (!saved) return http::ErrorResponse(request, saved.error());
  return answer(*saved);
}

}  // namespace unknot::people
