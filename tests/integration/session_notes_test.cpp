// Session notes over real HTTP, on SQLite and (when UNKNOT_TEST_PG_URL is set)
// PostgreSQL (treat spec contracts B and D): drafts and their versions
// (If-Match: stale 409, missing 400), signing and what it needs, the
// immutability of a signed note (the API and the database both refuse),
// addenda, consent enforcement against the session map (refused and
// ask-first, nothing stored), the session map itself, the patient's session
// summaries, who may do what, the audit trail, and the demo notes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>

#include "http_test_support.hpp"
#include "unknot/empower/check_in_model.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::testing {
namespace {

namespace json = boost::json;

constexpr std::string_view kProblems = "https://unknot.example/problems/";

std::vector<std::pair<std::string, std::string>> IssuesOf(const RawResponse& r) {
  std::vector<std::pair<std::string, std::string>> out;
  const json::value problem = Json(r);
  if (!problem.is_object() || !problem.as_object().contains("issues")) return out;
  for (const auto& issue : problem.at("issues").as_array()) {
    out.emplace_back(issue.at("path").as_string(), issue.at("code").as_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string TypeOf(const RawResponse& r) {
  const json::value problem = Json(r);
  if (!problem.is_object() || !problem.as_object().contains("type")) return {};
  return std::string(problem.at("type").as_string());
}

std::string Problem(std::string_view name) {
  return std::string(kProblems) + std::string(name);
}

std::vector<std::string> Codes(const json::value& array) {
  std::vector<std::string> out;
  for (const auto& code : array.as_array()) out.emplace_back(code.as_string());
  return out;
}

class SessionNotes : public BackendServerTest {
 protected:
  void SetUp() override {
    StartServer();
    if (IsSkipped()) return;
    clinician_ = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
    ASSERT_EQ(clinician_.response.status, 200) << clinician_.response.body;
    admin_ = SignIn(server_->port(), kDemoAdmin, kDemoPasswordText);
    ASSERT_EQ(admin_.response.status, 200) << admin_.response.body;
    clinic_id_ = Json(clinician_.response).at("user").at("clinic").at("id").as_string().c_str();
    // A patient with no history (the demo patient has demo notes).
    ann_ = AddPatientWithLogin(server_->db(), clinic_id_, "Ann", "Notes", SystemClock().Now());
    // Ann says yes to the shoulder every note below treats (version 1); tests that need
    // other answers store their own (version 2).
    SetPreferences(ann_.patient_id, {{"left_shoulder", "yes"}});
  }

  RawResponse Send(const std::string& method, const std::string& path, const SignedIn& as,
                   const std::string& body = {}, const std::string& extra = {}) {
    return Exchange(server_->port(),
                    MakeRequest(method, path, body, "application/json", as.Headers() + extra));
  }
  static std::string IfMatch(std::int64_t version) {
    return "If-Match: \"" + std::to_string(version) + "\"\r\n";
  }
  std::string Sessions(const std::string& patient = {}) {
    return "/api/v1/patients/" + (patient.empty() ? ann_.patient_id : patient) + "/sessions";
  }
  std::string Note(const std::string& id, const std::string& patient = {}) {
    return Sessions(patient) + "/" + id;
  }

  // POST …/sessions as the clinician; the new note.
  json::object Create(const std::string& body = "{}", const std::string& patient = {}) {
    const RawResponse r = Send("POST", Sessions(patient), clinician_, body);
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    EXPECT_EQ(r.Header("etag"), "\"1\"");
    json::object note = Json(r).as_object();
    EXPECT_EQ(r.Header("location"), Note(std::string(note.at("id").as_string()), patient));
    return note;
  }
  static std::string Id(const json::object& note) { return std::string(note.at("id").as_string()); }
  RawResponse Put(const std::string& id, const json::object& body, std::int64_t version,
                  const SignedIn* as = nullptr) {
    return Send("PUT", Note(id), as ? *as : clinician_, json::serialize(body), IfMatch(version));
  }
  RawResponse SignNote(const std::string& id, std::int64_t version) {
    return Send("POST", Note(id) + "/sign", clinician_, "{}", IfMatch(version));
  }
  RawResponse Get(const std::string& id, const SignedIn* as = nullptr) {
    return Send("GET", Note(id), as ? *as : clinician_);
  }

  // A complete note body for `date` (today when empty), treating `regions`.
  static json::object Body(std::vector<std::string> regions = {"left_shoulder"},
                           std::vector<std::string> confirmed = {}) {
    json::array treated, agreed;
    for (auto& r : regions) treated.emplace_back(r);
    for (auto& r : confirmed) agreed.emplace_back(r);
    return json::object{
        {"session_date", Today()},
        {"subjective", "Shoulders ache after desk days."},
        {"objective", "Raised tone, upper trapezius."},
        {"assessment", "Stress-related tension."},
        {"plan", "Weekly for six weeks."},
        {"techniques", json::array{"soft_tissue_release", "breathing"}},
        {"regions_treated", std::move(treated)},
        {"ask_first_confirmed", std::move(agreed)},
        {"consent_confirmed", true},
        {"screen_completed", true},
        {"ratings", json::object{{"pain", json::object{{"before", 6}, {"after", 3}}},
                                 {"tension", json::object{{"before", 7}, {"after", 4}}},
                                 {"stress", json::object{{"before", 5}, {"after", 3}}}}},
        {"advice", "Shoulder rolls twice a day."},
        {"programme_changes", "Added shoulder rolls."},
        {"patient_summary", "We worked on your shoulders today."}};
  }
  static std::string Today() {
    return empower::FormatLocalDate(
        empower::LocalToday(SystemClock().Now(), "Europe/London").value());
  }

  // Rows of `table` for Ann's notes (the demo patient has notes of their own).
  std::int64_t Rows(const std::string& table) {
    const std::string note_column = table == "session_note" ? "id" : "note_id";
    std::int64_t count = -1;
    server_->db()
        .Read([&](db::Session& session) -> Result<void> {
          auto row = session.QueryOne(
              "SELECT COUNT(*) FROM " + table + " WHERE " + note_column +
                  " IN (SELECT n.id FROM session_note n JOIN patient p ON p.id = n.patient_id "
                  "WHERE p.uuid = $1)",
              {ann_.patient_id});
          if (!row) return row.error();
          count = (*row)->Int(0);
          return {};
        })
        .value();
    return count;
  }
  std::int64_t InternalId(const std::string& patient_uuid) {
    std::int64_t id = 0;
    server_->db()
        .Read([&](db::Session& session) -> Result<void> {
          auto row = session.QueryOne("SELECT id FROM patient WHERE uuid = $1", {patient_uuid});
          if (!row) return row.error();
          id = (*row)->Int(0);
          return {};
        })
        .value();
    return id;
  }

  // Stores care preferences as the care-preferences API does (migration 0010's shape).
  void SetPreferences(const std::string& patient_uuid, const json::object& consent,
                      bool written_summary = false) {
    json::object data;
    const auto field = [](json::value value) {
      return json::object{{"value", std::move(value)},
                          {"reviewed_at", 1'790'000'000'000'000},
                          {"reviewed_by", "test"},
                          {"set_by", "patient"}};
    };
    if (!consent.empty()) data["consent_to_touch"] = field(consent);
    if (written_summary) data["written_summary"] = field(true);
    const std::int64_t patient = InternalId(patient_uuid);
    server_->db()
        .Write([&](db::Session& session) -> Result<void> {
          auto current = session.QueryOne(
              "SELECT version FROM care_preference WHERE patient_id = $1", {patient});
          if (!current) return current.error();
          const std::int64_t version = *current ? (*current)->Int(0) + 1 : 1;
          auto removed =
              session.Exec("DELETE FROM care_preference WHERE patient_id = $1", {patient});
          if (!removed) return removed.error();
          auto stored = session.Exec(
              "INSERT INTO care_preference (patient_id, data, version, updated_by, updated_at) "
              "VALUES ($1, $2, $3, 'test', $4)",
              {patient, json::serialize(data), version, SystemClock().Now()});
          if (!stored) return stored.error();
          return {};
        })
        .value();
  }

  // A clinician of another clinic with a patient of their own, signed in.
  struct Elsewhere {
    SignedIn clinician;
    std::string patient_id;
  };
  Elsewhere OtherClinic() {
    const Instant now = SystemClock().Now();
    const auto other = AddOtherClinicWithClinician(server_->db(), now);
    return {
        .clinician = other.clinician,
        .patient_id = AddPatientWithLogin(server_->db(), other.clinic_uuid, "Cy", "Elsewhere", now)
                          .patient_id};
  }

  SignedIn clinician_;
  SignedIn admin_;
  std::string clinic_id_;
  PatientLogin ann_;
};

TEST_P(SessionNotes, TechniquesForAnyoneSignedIn) {
  const RawResponse r = Send("GET", "/api/v1/techniques", ann_.session);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value answer = Json(r);
  const auto& items = answer.at("items").as_array();
  ASSERT_EQ(items.size(), 10u);
  EXPECT_EQ(items.at(0).at("code"), "soft_tissue_release");
  EXPECT_EQ(items.at(0).at("label"), "Soft-tissue release");
  EXPECT_EQ(Exchange(server_->port(), MakeRequest("GET", "/api/v1/techniques")).status, 401);
}

TEST_P(SessionNotes, DraftsAreVersionedAndGuardedByIfMatch) {
  const json::object draft = Create();
  ASSERT_FALSE(draft.empty());
  const std::string id = Id(draft);
  EXPECT_EQ(draft.at("status"), "draft");
  EXPECT_EQ(draft.at("version"), 1);
  EXPECT_EQ(draft.at("session_date"), json::value(Today()));  // defaults to today in the clinic
  EXPECT_EQ(draft.at("clinician").at("name"), "Demo Clinician");
  EXPECT_TRUE(draft.at("signed_at").is_null());
  EXPECT_EQ(draft.at("addenda").as_array().size(), 0u);

  const RawResponse saved = Put(id, Body(), 1);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Header("etag"), "\"2\"");
  EXPECT_EQ(Json(saved).at("subjective"), "Shoulders ache after desk days.");
  EXPECT_EQ(Json(saved).at("ratings").at("pain").at("after"), 3);

  // Stale: 409, and nothing changes.
  json::object other = Body();
  other["subjective"] = "Overwritten?";
  const RawResponse stale = Put(id, other, 1);
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(TypeOf(stale), "about:blank");
  // Missing If-Match: 400 on every write that needs one.
  const RawResponse missing = Send("PUT", Note(id), clinician_, json::serialize(other));
  EXPECT_EQ(missing.status, 400) << missing.body;
  EXPECT_EQ(IssuesOf(missing),
            (std::vector<std::pair<std::string, std::string>>{{"If-Match", "required"}}));
  EXPECT_EQ(Send("DELETE", Note(id), clinician_).status, 400);
  EXPECT_EQ(Send("POST", Note(id) + "/sign", clinician_, "{}").status, 400);
  const RawResponse now = Get(id);
  ASSERT_EQ(now.status, 200);
  EXPECT_EQ(now.Header("etag"), "\"2\"");
  EXPECT_EQ(Json(now).at("subjective"), "Shoulders ache after desk days.");

  // Every issue at once, nothing stored.
  json::object bad = Body({"elbow"});
  bad["techniques"] = json::array{"cupping"};
  bad["session_date"] = "2999-01-01";
  const RawResponse invalid = Put(id, bad, 2);
  EXPECT_EQ(invalid.status, 400) << invalid.body;
  EXPECT_EQ(IssuesOf(invalid), (std::vector<std::pair<std::string, std::string>>{
                                   {"regions_treated[0]", "unknown-region"},
                                   {"session_date", "future-date"},
                                   {"techniques[0]", "unknown-technique"}}));
  EXPECT_EQ(Json(Get(id)).at("version"), 2);
  EXPECT_EQ(Rows("session_note_version"), 2);

  // The list: summaries with ratings.
  const RawResponse list = Send("GET", Sessions(), clinician_);
  ASSERT_EQ(list.status, 200) << list.body;
  const json::value listed = Json(list);
  const auto& items = listed.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items.at(0).at("id"), json::value(id));
  EXPECT_EQ(items.at(0).at("status"), "draft");
  EXPECT_EQ(items.at(0).at("ratings").at("tension").at("before"), 7);

  // Discarding: stale 409, then 204 and gone.
  EXPECT_EQ(Send("DELETE", Note(id), clinician_, {}, IfMatch(1)).status, 409);
  EXPECT_EQ(Send("DELETE", Note(id), clinician_, {}, IfMatch(2)).status, 204);
  EXPECT_EQ(Get(id).status, 404);
  EXPECT_EQ(Rows("session_note"), 0);
  EXPECT_EQ(Rows("session_note_version"), 0);
  EXPECT_EQ(CountAudit(server_->db(), "session_note.delete"), 1);
}

TEST_P(SessionNotes, ASignedNoteNeverChanges) {
  const std::string id = Id(Create());
  ASSERT_EQ(Put(id, Body(), 1).status, 200);
  const RawResponse signed_note = SignNote(id, 2);
  ASSERT_EQ(signed_note.status, 200) << signed_note.body;
  EXPECT_EQ(signed_note.Header("etag"), "\"3\"");
  const json::value after_sign = Json(signed_note);
  EXPECT_EQ(after_sign.at("status"), "signed");
  EXPECT_EQ(after_sign.at("signed_by").at("name"), "Demo Clinician");
  EXPECT_FALSE(after_sign.at("signed_at").is_null());

  json::object change = Body();
  change["assessment"] = "Rewritten after signing";
  for (const RawResponse& r :
       {Put(id, change, 3), Send("DELETE", Note(id), clinician_, {}, IfMatch(3)), SignNote(id, 3),
        Send("PUT", Note(id), admin_, json::serialize(change), IfMatch(3))}) {
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(TypeOf(r), Problem("note-signed"));
    EXPECT_EQ(Json(r).at("detail"), "A signed note cannot be changed; add an addendum.");
  }
  const RawResponse now = Get(id);
  ASSERT_EQ(now.status, 200);
  EXPECT_EQ(Json(now), after_sign);  // nothing changed, not even the version
  EXPECT_EQ(Rows("session_note_version"), 3);

  // The database refuses too, whatever the code path.
  const auto sneaky = server_->db().Write([&](db::Session& session) -> Result<void> {
    auto updated = session.Exec("UPDATE session_note SET data = '{}' WHERE id = $1", {id});
    if (!updated) return updated.error();
    return {};
  });
  ASSERT_FALSE(sneaky);
  EXPECT_EQ(sneaky.error().code(), ErrorCode::kConflict);
  const auto deleted = server_->db().Write([&](db::Session& session) -> Result<void> {
    auto removed = session.Exec("DELETE FROM session_note WHERE id = $1", {id});
    if (!removed) return removed.error();
    return {};
  });
  EXPECT_FALSE(deleted);
  EXPECT_EQ(Json(Get(id)), after_sign);
}

TEST_P(SessionNotes, AddendaOnlyOnSignedNotesInOrderWithAuthorAndTime) {
  const std::string id = Id(Create());
  ASSERT_EQ(Put(id, Body(), 1).status, 200);
  const RawResponse on_draft =
      Send("POST", Note(id) + "/addenda", clinician_, R"({"text": "Too early"})");
  EXPECT_EQ(on_draft.status, 409) << on_draft.body;
  EXPECT_EQ(TypeOf(on_draft), Problem("note-not-signed"));
  EXPECT_EQ(Rows("session_addendum"), 0);

  ASSERT_EQ(SignNote(id, 2).status, 200);
  const RawResponse first =
      Send("POST", Note(id) + "/addenda", clinician_, R"({"text": "Patient phoned: better."})");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Header("location"), Note(id));
  EXPECT_EQ(Json(first).at("seq"), 1);
  EXPECT_EQ(Json(first).at("author").at("name"), "Demo Clinician");
  const RawResponse second =
      Send("POST", Note(id) + "/addenda", admin_, R"({"text": "Correction: left side only."})");
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(Json(second).at("seq"), 2);
  EXPECT_EQ(Json(second).at("author").at("name"), "Demo Admin");

  for (const char* body : {R"({"text": ""})", R"({})", R"({"text": "ok", "seq": 9})"}) {
    EXPECT_EQ(Send("POST", Note(id) + "/addenda", clinician_, body).status, 400) << body;
  }
  const json::value note = Json(Get(id));
  const auto& addenda = note.at("addenda").as_array();
  ASSERT_EQ(addenda.size(), 2u);
  EXPECT_EQ(addenda.at(0).at("seq"), 1);
  EXPECT_EQ(addenda.at(0).at("text"), "Patient phoned: better.");
  EXPECT_EQ(addenda.at(0).at("author").at("name"), "Demo Clinician");
  EXPECT_EQ(addenda.at(1).at("seq"), 2);
  EXPECT_EQ(addenda.at(1).at("author").at("name"), "Demo Admin");
  EXPECT_LE(addenda.at(0).at("recorded_at").as_string(),
            addenda.at(1).at("recorded_at").as_string());
  EXPECT_EQ(note.at("version"), 3);  // the note itself is untouched
  EXPECT_EQ(CountAudit(server_->db(), "session_note.addendum"), 2);
  EXPECT_EQ(Json(Send("GET", Sessions(), clinician_)).at("items").at(0).at("addenda_count"), 2);
}

TEST_P(SessionNotes, ARegionThePatientSaidNoToIsRefusedAndNothingIsStored) {
  SetPreferences(ann_.patient_id, {{"neck", "no"}, {"left_shoulder", "yes"}});
  const RawResponse created =
      Send("POST", Sessions(), clinician_, json::serialize(Body({"left_shoulder", "neck"})));
  EXPECT_EQ(created.status, 409) << created.body;
  EXPECT_EQ(TypeOf(created), Problem("consent-refused"));
  EXPECT_EQ(Json(created).at("detail"), "Neck: the patient has said no to touch here.");
  EXPECT_EQ(Codes(Json(created).at("regions")), std::vector<std::string>{"neck"});
  EXPECT_EQ(IssuesOf(created), (std::vector<std::pair<std::string, std::string>>{
                                   {"regions_treated[1]", "consent-refused"}}));
  EXPECT_EQ(Rows("session_note"), 0);
  EXPECT_EQ(Rows("session_note_version"), 0);

  const std::string id = Id(Create());
  const RawResponse saved = Put(id, Body({"neck"}, {"neck"}), 1);
  EXPECT_EQ(saved.status, 409) << saved.body;
  EXPECT_EQ(TypeOf(saved), Problem("consent-refused"));
  const json::value stored = Json(Get(id));
  EXPECT_EQ(stored.at("version"), 1);
  EXPECT_EQ(stored.at("regions_treated").as_array().size(), 0u);
  EXPECT_EQ(CountAudit(server_->db(), "session_note.update"), 0);

  // Without the neck it saves and signs.
  ASSERT_EQ(Put(id, Body({"left_shoulder"}), 1).status, 200);
  EXPECT_EQ(SignNote(id, 2).status, 200);

  // A precaution's exclusion is refused the same way, with its name.
  const std::string precautions = "/api/v1/patients/" + ann_.patient_id + "/precautions";
  const RawResponse surgery = Send("PUT", precautions, clinician_,
                                   R"({"items": [{"precaution": "recent_surgery",
      "situation": "operation_site", "regions": ["left_shoulder"]}]})",
                                   IfMatch(0));
  ASSERT_EQ(surgery.status, 200) << surgery.body;
  const RawResponse excluded =
      Send("POST", Sessions(), clinician_, json::serialize(Body({"left_shoulder"})));
  EXPECT_EQ(excluded.status, 409) << excluded.body;
  EXPECT_EQ(TypeOf(excluded), Problem("consent-refused"));
  EXPECT_NE(
      std::string(Json(excluded).at("detail").as_string()).find("Left shoulder: a precaution"),
      std::string::npos);
  EXPECT_EQ(Rows("session_note"), 1);
}

TEST_P(SessionNotes, AskFirstRegionsNeedTodaysConfirmationAgainAtSigning) {
  SetPreferences(ann_.patient_id, {{"lower_back", "ask_first"}, {"left_shoulder", "yes"}});
  const std::string id = Id(Create());
  const RawResponse unconfirmed = Put(id, Body({"left_shoulder", "lower_back"}), 1);
  EXPECT_EQ(unconfirmed.status, 409) << unconfirmed.body;
  EXPECT_EQ(TypeOf(unconfirmed), Problem("consent-confirmation-required"));
  EXPECT_EQ(Codes(Json(unconfirmed).at("regions")), std::vector<std::string>{"lower_back"});
  EXPECT_EQ(Json(Get(id)).at("version"), 1);
  // A region with no answer recorded is "ask first" too.
  const RawResponse no_answer = Put(id, Body({"upper_back"}), 1);
  EXPECT_EQ(TypeOf(no_answer), Problem("consent-confirmation-required"));

  const RawResponse confirmed = Put(id, Body({"left_shoulder", "lower_back"}, {"lower_back"}), 1);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(Codes(Json(confirmed).at("ask_first_confirmed")),
            std::vector<std::string>{"lower_back"});

  // The patient changes their mind before the note is signed: signing checks again.
  SetPreferences(ann_.patient_id, {{"lower_back", "no"}, {"left_shoulder", "yes"}});
  const RawResponse refused = SignNote(id, 2);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(TypeOf(refused), Problem("consent-refused"));
  EXPECT_EQ(Json(Get(id)).at("status"), "draft");
  SetPreferences(ann_.patient_id, {{"lower_back", "ask_first"}, {"left_shoulder", "yes"}});
  EXPECT_EQ(SignNote(id, 2).status, 200);
}

TEST_P(SessionNotes, SigningNeedsConsentConfirmedAndTheSummaryThePatientAskedFor) {
  SetPreferences(ann_.patient_id, {{"left_shoulder", "yes"}}, /*written_summary=*/true);
  const std::string id = Id(Create());
  json::object body = Body();
  body["consent_confirmed"] = false;
  body["patient_summary"] = "   ";
  ASSERT_EQ(Put(id, body, 1).status, 200);
  const RawResponse refused = SignNote(id, 2);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(IssuesOf(refused),
            (std::vector<std::pair<std::string, std::string>>{{"consent_confirmed", "required"},
                                                              {"patient_summary", "required"}}));
  EXPECT_EQ(Json(Get(id)).at("status"), "draft");
  EXPECT_EQ(Send("POST", Note(id) + "/sign", clinician_, R"({"now": true})", IfMatch(2)).status,
            400);

  body["consent_confirmed"] = true;
  ASSERT_EQ(Put(id, body, 2).status, 200);
  EXPECT_EQ(IssuesOf(SignNote(id, 3)),
            (std::vector<std::pair<std::string, std::string>>{{"patient_summary", "required"}}));
  body["patient_summary"] = "We worked on your shoulders.";
  ASSERT_EQ(Put(id, body, 3).status, 200);
  EXPECT_EQ(SignNote(id, 4).status, 200);

  // Without the written-summary preference, no summary is needed.
  const PatientLogin bob =
      AddPatientWithLogin(server_->db(), clinic_id_, "Bob", "Brief", SystemClock().Now());
  SetPreferences(bob.patient_id, {{"left_shoulder", "yes"}});
  json::object brief = Body();
  brief["patient_summary"] = nullptr;
  const std::string bobs = Id(Create(json::serialize(brief), bob.patient_id));
  EXPECT_EQ(Send("POST", Note(bobs, bob.patient_id) + "/sign", clinician_, {}, IfMatch(1)).status,
            200);
}

TEST_P(SessionNotes, ThePatientReadsOnlySignedSummaries) {
  // Two signed with a summary (an older and a newer session), one signed
  // without, one draft with a summary.
  const auto day = [](int back) {
    return empower::FormatLocalDate(
        std::chrono::sys_days(empower::ParseLocalDate(Today()).value()) - std::chrono::days(back));
  };
  const auto make = [&](int back, const char* summary, bool sign) {
    json::object body = Body();
    body["session_date"] = day(back);
    body["patient_summary"] = summary;
    const std::string id = Id(Create(json::serialize(body)));
    if (sign) {
      EXPECT_EQ(SignNote(id, 1).status, 200);
    }
    return id;
  };
  const std::string older = make(14, "Older summary.", true);
  const std::string newer = make(7, "Newer summary.", true);
  make(3, "", true);
  make(0, "Draft summary.", false);

  const RawResponse r =
      Send("GET", "/api/v1/patients/" + ann_.patient_id + "/session-summaries", ann_.session);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value answer = Json(r);
  const auto& items = answer.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items.at(0).at("id"), json::value(newer));
  EXPECT_EQ(items.at(0).at("patient_summary"), "Newer summary.");
  EXPECT_EQ(items.at(0).at("session_date"), json::value(day(7)));
  EXPECT_EQ(items.at(0).at("clinician"), (json::object{{"name", "Demo Clinician"}}));
  EXPECT_EQ(items.at(0).at("advice"), "Shoulder rolls twice a day.");
  EXPECT_EQ(items.at(0).at("ratings").at("pain").at("before"), 6);
  EXPECT_FALSE(items.at(0).as_object().contains("subjective"));
  EXPECT_EQ(items.at(1).at("id"), json::value(older));
  EXPECT_EQ(CountAudit(server_->db(), "session_summary.read"), 1);
  // Staff read them too; another patient may not.
  EXPECT_EQ(
      Send("GET", "/api/v1/patients/" + ann_.patient_id + "/session-summaries", clinician_).status,
      200);
  const PatientLogin bob =
      AddPatientWithLogin(server_->db(), clinic_id_, "Bob", "Nosy", SystemClock().Now());
  EXPECT_EQ(
      Send("GET", "/api/v1/patients/" + ann_.patient_id + "/session-summaries", bob.session).status,
      403);
}

TEST_P(SessionNotes, OnlyStaffOfThePatientsClinicReachTheNotes) {
  const std::string id = Id(Create(json::serialize(Body())));
  const std::int64_t denied_before = CountAudit(server_->db(), "session_note.read", "denied");

  // The patient reads summaries, never the notes, the map or the list, and writes nothing.
  EXPECT_EQ(Get(id, &ann_.session).status, 403);
  EXPECT_EQ(Send("GET", Sessions(), ann_.session).status, 403);
  EXPECT_EQ(
      Send("GET", "/api/v1/patients/" + ann_.patient_id + "/session-map", ann_.session).status,
      403);
  EXPECT_EQ(Send("POST", Sessions(), ann_.session, "{}").status, 403);
  EXPECT_EQ(Put(id, Body(), 1, &ann_.session).status, 403);
  EXPECT_EQ(Send("POST", Note(id) + "/addenda", ann_.session, R"({"text": "mine"})").status, 403);
  EXPECT_EQ(CountAudit(server_->db(), "session_note.read", "denied"), denied_before + 1);
  EXPECT_EQ(CountAudit(server_->db(), "session_note.create", "denied"), 1);

  // Another clinic: its staff are refused; and a note is only found under its own patient.
  const Elsewhere elsewhere = OtherClinic();
  EXPECT_EQ(Get(id, &elsewhere.clinician).status, 403);
  EXPECT_EQ(Send("GET", Sessions(), elsewhere.clinician).status, 403);
  const RawResponse theirs =
      Send("POST", Sessions(elsewhere.patient_id), elsewhere.clinician, "{}");
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  const std::string their_note = std::string(Json(theirs).at("id").as_string());
  EXPECT_EQ(Get(their_note).status, 404);  // another clinic's note via our patient's path
  EXPECT_EQ(Send("PUT", Note(their_note), clinician_, json::serialize(Body()), IfMatch(1)).status,
            404);
  const PatientLogin bob =
      AddPatientWithLogin(server_->db(), clinic_id_, "Bob", "Other", SystemClock().Now());
  EXPECT_EQ(Get(id).status, 200);
  EXPECT_EQ(Send("GET", Note(id, bob.patient_id), clinician_).status, 404);  // wrong patient
  EXPECT_EQ(Send("GET", Note(NewUuid()), clinician_).status, 404);

  // The clinic's admin (not the treating clinician) may read and add notes, as the matrix says.
  EXPECT_EQ(Get(id, &admin_).status, 200);
  EXPECT_EQ(Send("POST", Sessions(), admin_, "{}").status, 201);
  EXPECT_EQ(Exchange(server_->port(), MakeRequest("GET", Note(id))).status, 401);
}

TEST_P(SessionNotes, TheSessionMapMergesConsentAndPrecautions) {
  SetPreferences(ann_.patient_id, {{"neck", "no"},
                                   {"lower_back", "ask_first"},
                                   {"left_shoulder", "yes"},
                                   {"right_lower_leg", "yes"}});
  const std::string precautions = "/api/v1/patients/" + ann_.patient_id + "/precautions";
  ASSERT_EQ(Send("PUT", precautions, clinician_,
                 R"({"items": [{"precaution": "dvt", "situation": "known",
                     "regions": ["right_lower_leg"]},
                    {"precaution": "anticoagulants", "situation": "anticoagulant"}]})",
                 IfMatch(0))
                .status,
            200);
  const RawResponse r =
      Send("GET", "/api/v1/patients/" + ann_.patient_id + "/session-map", clinician_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value map = Json(r);
  EXPECT_EQ(map.at("preferences_version"), 2);
  EXPECT_EQ(map.at("precautions_version"), 1);
  std::map<std::string, json::object> regions;
  for (const auto& region : map.at("regions").as_array()) {
    regions[std::string(region.at("code").as_string())] = region.as_object();
  }
  EXPECT_EQ(regions.size(), server_->content()->body_map.regions.size());
  EXPECT_EQ(regions["neck"].at("status"), "do_not_treat");
  EXPECT_EQ(regions["neck"].at("label"), "Neck");
  EXPECT_EQ(regions["lower_back"].at("status"), "ask_first");
  EXPECT_EQ(regions["left_shoulder"].at("status"), "fine");
  EXPECT_EQ(regions["jaw"].at("status"), "ask_first");                 // nothing recorded
  EXPECT_EQ(regions["right_lower_leg"].at("status"), "do_not_treat");  // the known DVT's limb
  EXPECT_EQ(regions["right_lower_leg"].at("reasons").as_array().at(1).at("source"), "precaution");
  for (const auto& [code, region] : regions) {
    EXPECT_EQ(region.at("pressure_cap"), "light-moderate")
        << code;  // the anticoagulant, everywhere
  }
  EXPECT_EQ(CountAudit(server_->db(), "session_map.read"), 1);
}

TEST_P(SessionNotes, EveryReadAndWriteIsAudited) {
  const std::string id = Id(Create());
  ASSERT_EQ(Put(id, Body(), 1).status, 200);
  ASSERT_EQ(Get(id).status, 200);
  ASSERT_EQ(Send("GET", Sessions(), clinician_).status, 200);
  ASSERT_EQ(SignNote(id, 2).status, 200);
  ASSERT_EQ(Send("POST", Note(id) + "/addenda", clinician_, R"({"text": "Later."})").status, 201);
  for (const auto& [action, count] :
       std::vector<std::pair<std::string, int>>{{"session_note.create", 1},
                                                {"session_note.update", 1},
                                                {"session_note.read", 1},
                                                {"session_note.list", 1},
                                                {"session_note.sign", 1},
                                                {"session_note.addendum", 1}}) {
    EXPECT_EQ(CountAudit(server_->db(), action), count) << action;
  }
  // The audit event names the note.
  std::int64_t naming = 0;
  server_->db()
      .Read([&](db::Session& session) -> Result<void> {
        auto row = session.QueryOne(
            "SELECT COUNT(*) FROM audit_event WHERE resource_id = $1 AND action LIKE "
            "'session_note.%'",
            {id});
        if (!row) return row.error();
        naming = (*row)->Int(0);
        return {};
      })
      .value();
  EXPECT_GE(naming, 5);
}

TEST_P(SessionNotes, TheDemoPatientHasThreeSignedWeeklyNotes) {
  std::string demo_patient;
  server_->db()
      .Read([&](db::Session& session) -> Result<void> {
        auto row = session.QueryOne(
            "SELECT p.uuid FROM patient p JOIN user_account u ON u.patient_id = p.id "
            "WHERE u.email = $1",
            {std::string(kDemoPatient)});
        if (!row) return row.error();
        if (*row) demo_patient = (*row)->Text(0);
        return {};
      })
      .value();
  ASSERT_FALSE(demo_patient.empty());
  const RawResponse r = Send("GET", Sessions(demo_patient), clinician_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value answer = Json(r);
  const auto& items = answer.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  std::int64_t addenda = 0;
  for (const auto& item : items) {
    EXPECT_EQ(item.at("status"), "signed");
    for (const auto& region : item.at("regions_treated").as_array()) EXPECT_NE(region, "neck");
    EXPECT_LT(item.at("ratings").at("pain").at("after").as_int64(),
              item.at("ratings").at("pain").at("before").as_int64());
    addenda += item.at("addenda_count").as_int64();
  }
  EXPECT_EQ(addenda, 1);
  // Newest first, a week apart.
  EXPECT_GT(items.at(0).at("session_date").as_string(), items.at(1).at("session_date").as_string());
  const SignedIn patient = SignIn(server_->port(), kDemoPatient, kDemoPasswordText);
  const RawResponse summaries =
      Send("GET", "/api/v1/patients/" + demo_patient + "/session-summaries", patient);
  ASSERT_EQ(summaries.status, 200) << summaries.body;
  EXPECT_EQ(Json(summaries).at("items").as_array().size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionNotes,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
