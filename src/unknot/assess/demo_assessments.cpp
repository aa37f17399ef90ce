#include "unknot/assess/demo_assessments.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>

#include "unknot/assess/assessment_store.hpp"
#include "unknot/assess/body_map_store.hpp"
#include "unknot/assess/response_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/platform/db/transaction.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

constexpr std::string_view kDemoPatientEmail = "patient@demo.unknot.test";
constexpr std::string_view kDemoClinicianEmail = "clinician@demo.unknot.test";
constexpr Instant kDay = std::chrono::microseconds(std::chrono::hours(24)).count();
constexpr Instant kWeek = 7 * kDay;

// Item scores per instrument, in item order; unscored items are left out.
struct DemoScores {
  const char* instrument;
  std::vector<int> scores;
};

struct DemoPack {
  const char* title = "";
  Instant weeks_ago = 0;
  std::vector<DemoScores> answers;
  std::vector<BodyMapMark> body_map;
};

// PHQ-9 item 9 is always 0: demo data never raises a safety alert.
const std::vector<DemoPack>& DemoPatientHistory() {
  static const std::vector<DemoPack> packs = {
      {"Intake questionnaires",
       6,
       {{"phq9", {3, 2, 2, 2, 2, 2, 2, 1, 0}}, {"gad7", {2, 2, 2, 2, 2, 2, 2}}, {"nprs", {7}}},
       {{"neck", 7}, {"right_shoulder", 5}, {"lower_back", 6}}},
      {"Progress check",
       4,
       {{"phq9", {2, 2, 2, 1, 2, 1, 1, 1, 0}}, {"gad7", {2, 2, 1, 1, 2, 1, 1}}, {"nprs", {5}}},
       {}},
      {"Progress check",
       2,
       {{"phq9", {1, 1, 1, 1, 1, 1, 1, 0, 0}}, {"gad7", {1, 1, 1, 1, 1, 1, 0}}, {"nprs", {3}}},
       {}},
  };
  return packs;
}

const DemoPack& NextPatientPack() {
  static const DemoPack pack{
      "Intake questionnaires",
      3,
      {{"phq9", {1, 2, 1, 1, 0, 1, 1, 0, 0}}, {"gad7", {2, 1, 2, 1, 1, 1, 1}}},
      {}};
  return pack;
}

// {linkId: value} giving each scored item the wanted score.
Result<json::object> AnswersScoring(const InstrumentDefinition& definition,
                                    const std::vector<int>& scores) {
  json::object answers;
  std::size_t next = 0;
  for (const auto& item : definition.items) {
    if (!item.scored) continue;
    if (next >= scores.size()) break;
    const int wanted = scores[next++];
    if (item.type == ItemType::kInteger) {
      answers[item.link_id] = wanted;
      continue;
    }
    const auto option = std::find_if(item.options.begin(), item.options.end(),
                                     [&](const AnswerOption& o) { return o.score == wanted; });
    if (option == item.options.end()) {
      return Error::Internal(
          fmt::format("demo: {} has no option scoring {}", item.link_id, wanted));
    }
    answers[item.link_id] = option->code;
  }
  return answers;
}

struct DemoContext {
  db::Session& session;
  const AssessContent& content;
  std::int64_t clinic_id;
  UserRef clinician;
  Instant now;
};

Result<void> AddCompletedPack(const DemoContext& demo, std::int64_t patient_id,
                              const std::string& patient_uuid, const DemoPack& pack) {
  const Instant at = demo.now - pack.weeks_ago * kWeek;
  NewAssessment fields{demo.clinic_id,         patient_id,    patient_uuid, pack.title, {},
                       !pack.body_map.empty(), demo.clinician};
  Draft draft;
  draft.body_map = pack.body_map;
  std::vector<std::pair<const InstrumentDefinition*, json::object>> scored;
  for (const auto& [instrument, scores] : pack.answers) {
    const InstrumentDefinition* definition = demo.content.registry.Find(instrument);
    if (definition == nullptr) return Error::Internal(fmt::format("demo: no {}", instrument));
    auto answers = AnswersScoring(*definition, scores);
    if (!answers) return answers.error();
    fields.instruments.emplace_back(instrument);
    draft.answers[instrument] = *answers;
    scored.emplace_back(definition, std::move(*answers));
  }
  auto assessment = InsertAssessment(demo.session, fields, at);
  if (!assessment) return assessment.error();
  auto done =
      CompleteAssessment(demo.session, *assessment, draft, std::nullopt, demo.clinician, at);
  if (!done) return done.error();
  for (const auto& [definition, answers] : scored) {
    const ScoreResult score = Score(*definition, answers);
    for (const auto& alert : score.alerts) {
      if (alert.kind == AlertKind::kSafety) {
        return Error::Internal("demo data would raise a safety alert: " + alert.id);
      }
    }
    auto stored =
        InsertResponse(demo.session,
                       {&*done, definition->id, definition->version,
                        definition->recall_period.default_option, answers, score, demo.clinician},
                       at);
    if (!stored) return stored.error();
  }
  if (!pack.body_map.empty()) {
    auto stored = InsertBodyMap(demo.session, *done, pack.body_map, demo.clinician, at);
    if (!stored) return stored.error();
  }
  return {};
}

Result<void> Seed(db::Session& session, const Clock& clock, const AssessContent& content) {
  auto patient_login = identity::FindUserByEmail(session, kDemoPatientEmail);
  if (!patient_login) return patient_login.error();
  if (!*patient_login || !(*patient_login)->patient_id) return {};
  const identity::User& login = **patient_login;
  auto existing =
      session.QueryOne("SELECT COUNT(*) FROM assessment WHERE clinic_id = $1", {login.clinic_id});
  if (!existing) return existing.error();
  if (*existing && (*existing)->Int(0) > 0) return {};

  auto clinician = identity::FindUserByEmail(session, kDemoClinicianEmail);
  if (!clinician) return clinician.error();
  const DemoContext demo{session, content, login.clinic_id,
                         *clinician ? UserRef{(*clinician)->uuid, (*clinician)->display_name}
                                    : UserRef{"demo", "Demo clinician"},
                         clock.Now()};
  for (const DemoPack& pack : DemoPatientHistory()) {
    if (auto added = AddCompletedPack(demo, *login.patient_id, *login.patient_uuid, pack); !added) {
      return added;
    }
  }
  // Sent yesterday and not started: the portal's "to do".
  auto sent = InsertAssessment(session,
                               {login.clinic_id,
                                *login.patient_id,
                                *login.patient_uuid,
                                "Check-in questionnaires",
                                {"phq9", "gad7", "nprs"},
                                true,
                                demo.clinician},
                               demo.now - kDay);
  if (!sent) return sent.error();

  auto next = session.QueryOne(
      "SELECT id, uuid FROM patient WHERE clinic_id = $1 AND id <> $2 ORDER BY id LIMIT 1",
      {login.clinic_id, *login.patient_id});
  if (!next) return next.error();
  if (*next) return AddCompletedPack(demo, (*next)->Int(0), (*next)->Text(1), NextPatientPack());
  return {};
}

}  // namespace

Result<void> CreateDemoAssessments(db::Database& db, const Clock& clock,
                                   const AssessContent& content) {
  return db.Write([&](db::Session& session) { return Seed(session, clock, content); });
}

}  // namespace unknot::assess
