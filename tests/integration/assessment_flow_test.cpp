// Questionnaire packs over real HTTP: sending, drafting, submitting, scores
// and change, corrections with history, strict validation that changes
// nothing, and who may see what. Runs on SQLite, and on PostgreSQL when
// UNKNOT_TEST_PG_URL is set.
#include "assessment_test_support.hpp"
#include "unknot/assess/demo_assessments.hpp"

namespace unknot::testing {
namespace {

using Issues = std::vector<std::pair<std::string, std::string>>;
using std::chrono::seconds;

class AssessmentFlow : public AssessmentServer {
 protected:
  // Submits PHQ-9 answers (and optional extra instruments) for a fresh pack as the patient.
  json::value SubmitAsPatient(const json::array& instruments, const json::object& answers,
                              const json::object& recall = {}) {
    const std::string id = CreatePack(instruments);
    const RawResponse r = SendJson("POST", Path(id, "/submit"), patient_,
                                   json::object{{"answers", answers}, {"recall", recall}});
    EXPECT_EQ(r.status, 200) << r.body;
    return Json(r);
  }
};

TEST_P(AssessmentFlow, PatientCompletesAPackAndSeesScoresBandsAndBodyMap) {
  const RawResponse created = SendJson(
      "POST", "/api/v1/patients/" + patient_id_ + "/assessments", clinician_,
      json::object{
          {"instruments", {"phq9", "gad7", "nprs"}}, {"body_map", true}, {"title", "Intake pack"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const json::value pack = Json(created);
  const std::string id = pack.at("id").as_string().c_str();
  EXPECT_EQ(created.Header("location"), "/api/v1/assessments/" + id);
  EXPECT_EQ(pack.at("status"), "sent");
  EXPECT_EQ(pack.at("title"), "Intake pack");
  EXPECT_EQ(pack.at("patient_id"), patient_id_.c_str());
  EXPECT_EQ(pack.at("question_count"), 10 + 7 + 1);  // PHQ-9 has its difficulty item
  EXPECT_EQ(pack.at("answered"), 0);
  EXPECT_EQ(pack.at("draft_version"), 1);
  EXPECT_EQ(pack.at("created_by").at("name"),
            Json(clinician_.response).at("user").at("display_name"));
  EXPECT_EQ(pack.at("safety").at("crisis_support"), false);
  EXPECT_EQ(CountAudit(db(), "assessment.create"), 1);

  // The portal lists it.
  const RawResponse listed =
      Send("GET", "/api/v1/patients/" + patient_id_ + "/assessments", patient_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(Json(listed).at("items").as_array().size(), 1u);
  EXPECT_EQ(Json(listed).at("items").at(0).at("id"), id.c_str());
  EXPECT_EQ(CountAudit(db(), "assessment.list"), 1);

  // A draft on the way: status in progress, version 2.
  const RawResponse draft =
      SendJson("PUT", Path(id, "/draft"), patient_,
               json::object{{"answers", {{"gad7", {{"gad7_1", "several_days"}}}}}}, IfMatch(1));
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(Json(draft).at("draft_version"), 2);
  EXPECT_EQ(Json(draft).at("safety").at("crisis_support"), false);
  EXPECT_EQ(draft.Header("etag"), "\"2\"");

  json::object gad7;
  for (int i = 1; i <= 7; ++i) gad7["gad7_" + std::to_string(i)] = "more_than_half_the_days";
  const json::object answers{
      {"phq9", Phq9({"nearly_every_day", "nearly_every_day", "nearly_every_day",
                     "more_than_half_the_days", "more_than_half_the_days", "several_days",
                     "several_days", "not_at_all", "not_at_all"})},  // 3+3+3+2+2+1+1 = 15
      {"gad7", gad7},                                                // 14
      {"nprs", {{"nprs", 6}}}};
  clock_.Advance(seconds(5));
  const RawResponse submitted =
      SendJson("POST", Path(id, "/submit"), patient_,
               json::object{{"answers", answers},
                            {"body_map",
                             {{{"region", "neck"}, {"intensity", 7}},
                              {{"region", "lower_back"}, {"intensity", 4}}}}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  const json::value done = Json(submitted);
  EXPECT_EQ(done.at("status"), "completed");
  EXPECT_FALSE(done.at("completed_at").is_null());
  EXPECT_EQ(done.at("answered"), 9 + 7 + 1);
  const auto& responses = done.at("responses").as_array();
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(responses[0].at("instrument"), "phq9");
  EXPECT_EQ(responses[0].at("total"), 15);
  EXPECT_EQ(responses[0].at("band"), "moderately_severe");
  EXPECT_EQ(responses[0].at("band_label"), "Moderately severe");
  EXPECT_EQ(responses[0].at("recall_period"), "P2W");
  EXPECT_EQ(responses[0].at("version"), 1);
  EXPECT_TRUE(responses[0].at("change").is_null());  // nothing to compare with yet
  EXPECT_EQ(responses[1].at("total"), 14);
  EXPECT_EQ(responses[2].at("total"), 6);
  EXPECT_EQ(responses[2].at("recall_period"), "PT24H");  // NPRS's default, stored with it
  // The difficulty item was not answered: flagged, never zero-filled, total unaffected.
  const auto& body_map = done.at("body_map_entry");
  ASSERT_TRUE(body_map.is_object());
  EXPECT_EQ(body_map.at("regions").at(0).at("label"), "Neck");
  EXPECT_EQ(body_map.at("regions").at(1).at("intensity"), 4);
  EXPECT_EQ(Count("instrument_response"), 3);
  EXPECT_EQ(Count("instrument_response_version"), 3);
  EXPECT_EQ(Count("body_map"), 1);
  EXPECT_EQ(CountAudit(db(), "assessment.submit"), 1);

  // Once completed, it stays completed.
  EXPECT_EQ(Send("POST", Path(id, "/submit"), patient_).status, 409);
  EXPECT_EQ(SendJson("PUT", Path(id, "/draft"), patient_, json::object{}).status, 409);
  EXPECT_EQ(Send("POST", Path(id, "/cancel"), clinician_, "{}").status, 409);
  EXPECT_EQ(Count("instrument_response"), 3);

  const RawResponse read = Send("GET", Path(id), patient_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Json(read).at("responses").as_array().size(), 3u);
  const RawResponse maps =
      Send("GET", "/api/v1/patients/" + patient_id_ + "/body-maps", clinician_);
  ASSERT_EQ(maps.status, 200);
  ASSERT_EQ(Json(maps).at("items").as_array().size(), 1u);
  EXPECT_EQ(Json(maps).at("items").at(0).at("assessment_id"), id.c_str());
}

TEST_P(AssessmentFlow, ChangeIsComparedWithThePreviousComparableResponse) {
  const auto first =
      SubmitAsPatient({"phq9", "nprs"},
                      {{"phq9", Phq9({"nearly_every_day", "nearly_every_day", "nearly_every_day",
                                      "more_than_half_the_days", "more_than_half_the_days",
                                      "several_days", "several_days", "not_at_all", "not_at_all"})},
                       {"nprs", {{"nprs", 7}}}});  // PHQ-9 15
  clock_.Advance(seconds(60));
  // PHQ-9 8: 7 points better (MCID 5, reliable change 7); NPRS over another recall period.
  const auto second = SubmitAsPatient(
      {"phq9", "nprs"},
      {{"phq9",
        Phq9({"several_days", "several_days", "several_days", "several_days", "several_days",
              "several_days", "several_days", "several_days", "not_at_all"})},
       {"nprs", {{"nprs", 2}}}},
      {{"nprs", "P1W"}});
  const auto& phq9 = second.at("responses").at(0);
  ASSERT_EQ(phq9.at("total"), 8);
  const auto& change = phq9.at("change");
  ASSERT_TRUE(change.is_object()) << phq9;
  EXPECT_EQ(change.at("previous_response_id"), first.at("responses").at(0).at("id"));
  EXPECT_EQ(change.at("previous_total"), 15);
  EXPECT_EQ(change.at("difference"), -7);
  EXPECT_EQ(change.at("direction"), "better");
  EXPECT_EQ(change.at("mcid").at("threshold_points"), 5);
  EXPECT_EQ(change.at("mcid").at("met"), true);
  EXPECT_EQ(change.at("reliable_change").at("threshold"), 7);
  EXPECT_EQ(change.at("reliable_change").at("category"), "reliable_improvement");
  EXPECT_TRUE(second.at("responses").at(1).at("change").is_null())
      << "NPRS over a week is never compared with NPRS over 24 hours";

  const RawResponse phq9_only =
      Send("GET", "/api/v1/patients/" + patient_id_ + "/responses?instrument=phq9", clinician_);
  ASSERT_EQ(phq9_only.status, 200) << phq9_only.body;
  const json::value listed = Json(phq9_only);
  const auto& items = listed.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("total"), 8);  // newest first
  EXPECT_EQ(items[0].at("change").at("difference"), -7);
  EXPECT_TRUE(items[1].at("change").is_null());
  EXPECT_EQ(Json(Send("GET", "/api/v1/patients/" + patient_id_ + "/responses", patient_))
                .at("items")
                .as_array()
                .size(),
            4u);
  const RawResponse unknown =
      Send("GET", "/api/v1/patients/" + patient_id_ + "/responses?instrument=nope", clinician_);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(IssuesOf(unknown), (Issues{{"instrument", "unknown-instrument"}}));
}

TEST_P(AssessmentFlow, BadAnswersAreAllReportedAndChangeNothing) {
  const std::string id = CreatePack({"phq9", "nprs"}, true);
  const auto before = std::array{Count("instrument_response"), Count("body_map"),
                                 Count("safety_alert"), Count("mail_outbox")};
  const json::object bad{
      {"answers",
       {{"phq9", json::array{{{"linkId", "phq9_9"}, {"value", "several_days"}},
                             {{"linkId", "phq9_1"}, {"value", "always"}},
                             {{"linkId", "phq9_1"}, {"value", "not_at_all"}},
                             {{"linkId", "phq9_2"}, {"value", 1}},
                             {{"linkId", "phq9_42"}, {"value", "not_at_all"}}}},
        {"nprs", {{"nprs", 12}}},
        {"gad7", {{"gad7_1", "not_at_all"}}}}},
      {"body_map",
       {{{"region", "wing"}, {"intensity", 3}}, {{"region", "neck"}, {"intensity", -1}}}},
      {"recall", {{"nprs", "P1M"}}}};
  const Issues expected{{"answers.gad7", "not-in-pack"},
                        {"answers.nprs.nprs", "out-of-range"},
                        {"answers.phq9[1].value", "out-of-range"},
                        {"answers.phq9[2].linkId", "duplicate-answer"},
                        {"answers.phq9[3].value", "wrong-type"},
                        {"answers.phq9[4].linkId", "unknown-item"},
                        {"body_map[0].region", "unknown-region"},
                        {"body_map[1].intensity", "out-of-range"},
                        {"recall.nprs", "not-allowed"}};
  for (const char* route : {"/draft", "/submit"}) {
    const RawResponse r =
        SendJson(std::string(route) == "/draft" ? "PUT" : "POST", Path(id, route), patient_, bad);
    EXPECT_EQ(r.status, 400) << route << " " << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/problem+json");
    EXPECT_EQ(IssuesOf(r), expected) << route;
  }
  // Nothing changed: no responses, no body map, and — although item 9 was answered — the
  // refused input raised nothing.
  EXPECT_EQ((std::array{Count("instrument_response"), Count("body_map"), Count("safety_alert"),
                        Count("mail_outbox")}),
            before);
  const json::value still = Json(Send("GET", Path(id), clinician_));
  EXPECT_EQ(still.at("status"), "sent");
  EXPECT_EQ(still.at("draft_version"), 1);
  EXPECT_EQ(still.at("answered"), 0);

  // Malformed JSON is a 400, still changing nothing.
  EXPECT_EQ(Send("PUT", Path(id, "/draft"), patient_, "{\"answers\":").status, 400);
  EXPECT_EQ(Json(Send("GET", Path(id), clinician_)).at("draft_version"), 1);
}

TEST_P(AssessmentFlow, ACreateWithBadValuesListsEveryIssue) {
  const auto before = Count("assessment");
  const RawResponse r =
      SendJson("POST", "/api/v1/patients/" + patient_id_ + "/assessments", clinician_,
               json::object{{"instruments", {"phq9", "bogus", "phq9"}},
                            {"body_map", "yes"},
                            {"title", std::string(121, 'a')}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(IssuesOf(r), (Issues{{"body_map", "wrong-type"},
                                 {"instruments[1]", "unknown-instrument"},
                                 {"instruments[2]", "duplicate"},
                                 {"title", "too-long"}}));
  EXPECT_EQ(IssuesOf(SendJson("POST", "/api/v1/patients/" + patient_id_ + "/assessments",
                              clinician_, json::object{{"instruments", json::array{}}})),
            (Issues{{"instruments", "too-few"}}));
  EXPECT_EQ(Count("assessment"), before);
}

TEST_P(AssessmentFlow, AStaleDraftSaveIsAConflict) {
  const std::string id = CreatePack({"gad7"});
  const json::object draft{{"answers", {{"gad7", {{"gad7_1", "not_at_all"}}}}}};
  EXPECT_EQ(SendJson("PUT", Path(id, "/draft"), patient_, draft, IfMatch(1)).status, 200);
  // A second tab still holding version 1.
  const RawResponse stale = SendJson("PUT", Path(id, "/draft"), patient_, draft, IfMatch(1));
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(SendJson("POST", Path(id, "/submit"), patient_, draft, IfMatch(1)).status, 409);
  // Without If-Match the latest save wins.
  const RawResponse latest = SendJson("PUT", Path(id, "/draft"), clinician_, draft);
  EXPECT_EQ(latest.status, 200);
  EXPECT_EQ(Json(latest).at("draft_version"), 3);
  EXPECT_EQ(Json(Send("GET", Path(id), patient_)).at("status"), "in_progress");
}

TEST_P(AssessmentFlow, SubmittingWithoutABodyUsesTheSavedDraft) {
  const std::string id = CreatePack({"nprs"});
  ASSERT_EQ(
      SendJson("PUT", Path(id, "/draft"), patient_,
               json::object{{"answers", {{"nprs", {{"nprs", 3}}}}}, {"recall", {{"nprs", "now"}}}})
          .status,
      200);
  const RawResponse done = Send("POST", Path(id, "/submit"), patient_);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Json(done).at("responses").at(0).at("total"), 3);
  EXPECT_EQ(Json(done).at("responses").at(0).at("recall_period"), "now");
}

TEST_P(AssessmentFlow, PatientsReachOnlyTheirOwnPacks) {
  const std::string id = CreatePack({"phq9"});
  const auto denials = CountAudit(db(), "assessment.read", "denied");
  EXPECT_EQ(Send("GET", Path(id), other_patient_).status, 403);
  EXPECT_EQ(CountAudit(db(), "assessment.read", "denied"), denials + 1);
  EXPECT_EQ(SendJson("PUT", Path(id, "/draft"), other_patient_, json::object{}).status, 403);
  EXPECT_EQ(Send("POST", Path(id, "/submit"), other_patient_).status, 403);
  EXPECT_EQ(CountAudit(db(), "assessment.draft", "denied"), 1);
  EXPECT_EQ(Send("GET", "/api/v1/patients/" + patient_id_ + "/assessments", other_patient_).status,
            403);
  // Staff of another clinic see nothing either.
  EXPECT_EQ(Send("GET", Path(id), other_clinician_).status, 403);
  EXPECT_EQ(Send("POST", Path(id, "/cancel"), other_clinician_, "{}").status, 403);
  // Patients never cancel, not even their own pack; the refusal is audited.
  EXPECT_EQ(Send("POST", Path(id, "/cancel"), patient_, "{}").status, 403);
  EXPECT_EQ(CountAudit(db(), "assessment.cancel", "denied"), 2);
  EXPECT_EQ(Json(Send("GET", Path(id), patient_)).at("status"), "sent");
  // Nor create one.
  EXPECT_EQ(SendJson("POST", "/api/v1/patients/" + patient_id_ + "/assessments", patient_,
                     json::object{{"instruments", {"phq9"}}})
                .status,
            403);
}

TEST_P(AssessmentFlow, ScoringOnlyInstrumentsAreEnteredByStaff) {
  const std::string id = CreatePack({"phq9", "peg3"});
  const json::object peg{{"peg_p", 6}, {"peg_e", 5}, {"peg_g", 4}};
  const RawResponse refused =
      SendJson("PUT", Path(id, "/draft"), patient_, json::object{{"answers", {{"peg3", peg}}}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(IssuesOf(refused), (Issues{{"answers.peg3", "staff-only"}}));
  EXPECT_NE(refused.body.find("with your clinician"), std::string::npos) << refused.body;

  // The patient can still send the rest; staff enter the clinic-only part of another pack.
  const RawResponse mine =
      SendJson("POST", Path(id, "/submit"), patient_,
               json::object{{"answers", {{"phq9", Phq9ItemNine("not_at_all")}}}});
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(Json(mine).at("responses").as_array().size(), 1u);
  const std::string clinic = CreatePack({"peg3"});
  const RawResponse staff = SendJson("POST", Path(clinic, "/submit"), clinician_,
                                     json::object{{"answers", {{"peg3", peg}}}});
  ASSERT_EQ(staff.status, 200) << staff.body;
  EXPECT_EQ(Json(staff).at("responses").at(0).at("total"), 5);
  EXPECT_EQ(Json(staff).at("responses").at(0).at("recorded_by").at("name"),
            Json(clinician_.response).at("user").at("display_name"));
}

TEST_P(AssessmentFlow, CorrectionsAppendVersionsWithAReason) {
  const auto done = SubmitAsPatient({"nprs"}, {{"nprs", {{"nprs", 8}}}});
  const std::string response = done.at("responses").at(0).at("id").as_string().c_str();
  const std::string path = "/api/v1/responses/" + response;
  const json::object fix{{"answers", {{"nprs", 5}}},
                         {"reason", "Patient meant 5, said so in clinic"}};

  const RawResponse no_version = SendJson("PATCH", path, clinician_, fix);
  EXPECT_EQ(no_version.status, 400) << no_version.body;
  EXPECT_EQ(SendJson("PATCH", path, clinician_, fix, IfMatch(7)).status, 409);
  const RawResponse bad =
      SendJson("PATCH", path, clinician_, json::object{{"answers", {{"nprs", 15}}}}, IfMatch(1));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(IssuesOf(bad), (Issues{{"answers.nprs", "out-of-range"}, {"reason", "required"}}));
  EXPECT_EQ(Count("instrument_response_version"), 1);
  EXPECT_EQ(SendJson("PATCH", path, patient_, fix, IfMatch(1)).status, 403);

  const RawResponse fixed = SendJson("PATCH", path, clinician_, fix, IfMatch(1));
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(Json(fixed).at("version"), 2);
  EXPECT_EQ(Json(fixed).at("total"), 5);
  EXPECT_EQ(fixed.Header("etag"), "\"2\"");
  EXPECT_EQ(Count("instrument_response_version"), 2);
  EXPECT_EQ(CountAudit(db(), "response.update"), 1);

  const RawResponse history = Send("GET", path + "/history", clinician_);
  ASSERT_EQ(history.status, 200) << history.body;
  const json::value listed = Json(history);
  const auto& versions = listed.at("items").as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].at("version"), 2);
  EXPECT_EQ(versions[0].at("reason"), "Patient meant 5, said so in clinic");
  EXPECT_EQ(versions[0].at("answers").at("nprs"), 5);
  EXPECT_EQ(versions[1].at("version"), 1);
  EXPECT_TRUE(versions[1].at("reason").is_null());
  EXPECT_EQ(versions[1].at("score").at("total").at("score"), 8);
  EXPECT_EQ(Send("GET", path + "/history", patient_).status, 403);
}

TEST_P(AssessmentFlow, StaffCancelAnOpenPack) {
  const std::string id = CreatePack({"gad7"});
  const RawResponse cancelled = Send("POST", Path(id, "/cancel"), clinician_, "{}");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(Json(cancelled).at("status"), "cancelled");
  EXPECT_EQ(CountAudit(db(), "assessment.cancel"), 1);
  EXPECT_EQ(SendJson("PUT", Path(id, "/draft"), patient_, json::object{}).status, 409);
  EXPECT_EQ(Send("POST", Path(id, "/submit"), patient_).status, 409);
  EXPECT_EQ(Send("GET", Path(NewUuid()), clinician_).status, 404);
}

TEST_P(AssessmentFlow, DemoHistoryShowsImprovementAndSomethingToDoButNoAlert) {
  // The demo server made the history at start-up: three packs done and one to
  // do for the demo patient, one done for the next patient.
  EXPECT_EQ(CountRows(db(), "assessment"), 5);
  ASSERT_TRUE(assess::CreateDemoAssessments(db(), clock_, *server_->content()));
  EXPECT_EQ(CountRows(db(), "assessment"), 5) << "a second call adds nothing";
  EXPECT_EQ(CountRows(db(), "safety_alert"), 0);
  EXPECT_EQ(CountRows(db(), "mail_outbox"), 0);

  const SignedIn demo = SignIn(port(), kDemoPatient, kDemoPasswordText);
  ASSERT_EQ(demo.response.status, 200) << demo.response.body;
  const std::string demo_id = Json(demo.response).at("user").at("patient_id").as_string().c_str();
  const json::value mine = Json(Send("GET", "/api/v1/patients/" + demo_id + "/assessments", demo));
  ASSERT_EQ(mine.at("items").as_array().size(), 4u);
  EXPECT_EQ(mine.at("items").at(0).at("status"), "sent");  // newest first
  EXPECT_EQ(mine.at("items").at(0).at("answered"), 0);
  const json::value phq9 =
      Json(Send("GET", "/api/v1/patients/" + demo_id + "/responses?instrument=phq9", clinician_));
  const auto& items = phq9.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("total"), 7);
  EXPECT_EQ(items[1].at("total"), 12);
  EXPECT_EQ(items[2].at("total"), 16);
  EXPECT_EQ(items[0].at("change").at("direction"), "better");
  EXPECT_EQ(items[0].at("change").at("mcid").at("met"), true);
  const json::value maps = Json(Send("GET", "/api/v1/patients/" + demo_id + "/body-maps", demo));
  EXPECT_EQ(maps.at("items").as_array().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, AssessmentFlow,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
