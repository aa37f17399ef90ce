// Session notes, pure parts: decoding bodies (every issue at once), the stored
// form, the consent rules against a session map, what signing needs, the
// JSON documents, and the demo notes.
#include "unknot/treat/session_note.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "unknot/treat/demo_sessions.hpp"

namespace unknot::treat {
namespace {

namespace json = boost::json;
using namespace std::chrono;

const LocalDate kToday{2026y / December / 2d};

assess::BodyMapRegions Regions() {
  assess::BodyMapRegions map;
  for (const auto& [code, label] :
       std::vector<std::pair<std::string, std::string>>{{"neck", "Neck"},
                                                        {"left_shoulder", "Left shoulder"},
                                                        {"right_shoulder", "Right shoulder"},
                                                        {"upper_back", "Upper back"},
                                                        {"lower_back", "Lower back"},
                                                        {"abdomen", "Abdomen"}}) {
    map.regions.push_back({.code = code, .label = label});
  }
  return map;
}

Techniques TechniqueList() {
  Techniques techniques;
  for (const char* code : {"soft_tissue_release", "massage", "stretching", "breathing", "education",
                           "myofascial_release", "muscle_energy", "relaxation"}) {
    techniques.items.push_back({code, code});
  }
  return techniques;
}

class SessionNoteDecode : public ::testing::Test {
 protected:
  Result<SessionNoteFields> Decode(std::string_view body, bool date_required = true) {
    const json::value value = json::parse(body);
    return DecodeSessionNoteFields(value.as_object(), {&techniques_, &regions_, kToday},
                                   date_required);
  }
  std::set<std::pair<std::string, std::string>> Issues(std::string_view body) {
    auto decoded = Decode(body);
    std::set<std::pair<std::string, std::string>> out;
    if (decoded) return out;
    const Error error = decoded.error();  // error() returns a copy: keep it alive
    EXPECT_EQ(error.code(), ErrorCode::kInvalid);
    for (const Issue& issue : error.issues()) out.emplace(issue.path, issue.code);
    return out;
  }

  Techniques techniques_ = TechniqueList();
  assess::BodyMapRegions regions_ = Regions();
};

TEST_F(SessionNoteDecode, AFullNote) {
  auto fields = Decode(R"({"session_date": "2026-12-01", "subjective": "  Sore shoulders. ",
      "objective": "Tight", "assessment": "Tension", "plan": "Weekly",
      "techniques": ["massage", "stretching"], "regions_treated": ["left_shoulder", "lower_back"],
      "ask_first_confirmed": ["lower_back"], "consent_confirmed": true,
      "screen_completed": true, "ratings": {"pain": {"before": 6, "after": 3},
      "tension": {"before": 7}, "stress": null}, "advice": "Rolls", "programme_changes": null,
      "patient_summary": "We worked on your shoulders."})");
  ASSERT_TRUE(fields) << fields.error().message();
  EXPECT_EQ(fields->session_date, LocalDate{2026y / December / 1d});
  EXPECT_EQ(fields->subjective, "Sore shoulders.");
  EXPECT_EQ(fields->techniques, (std::vector<std::string>{"massage", "stretching"}));
  EXPECT_EQ(fields->regions_treated, (std::vector<std::string>{"left_shoulder", "lower_back"}));
  EXPECT_EQ(fields->ask_first_confirmed, (std::vector<std::string>{"lower_back"}));
  EXPECT_TRUE(fields->consent_confirmed);
  EXPECT_TRUE(fields->screen_completed);
  EXPECT_EQ(fields->ratings.pain, (RatingPair{6, 3}));
  EXPECT_EQ(fields->ratings.tension, (RatingPair{7, std::nullopt}));
  EXPECT_EQ(fields->ratings.stress, RatingPair{});
  EXPECT_EQ(fields->programme_changes, "");
  EXPECT_EQ(fields->patient_summary, "We worked on your shoulders.");
}

TEST_F(SessionNoteDecode, AnEmptyBodyIsADraftForTodayWhenTheDateMayBeLeftOut) {
  auto fields = Decode("{}", /*date_required=*/false);
  ASSERT_TRUE(fields);
  EXPECT_EQ(fields->session_date, kToday);
  EXPECT_TRUE(fields->regions_treated.empty());
  EXPECT_FALSE(fields->consent_confirmed);
  EXPECT_EQ(Issues("{}"),
            (std::set<std::pair<std::string, std::string>>{{"session_date", "required"}}));
}

TEST_F(SessionNoteDecode, ReportsEveryIssueWithItsPath) {
  const std::string long_text(kMaxNoteTextLength + 1, 'a');
  const auto issues =
      Issues(R"({"session_date": "2026-12-03", "subjective": ")" + long_text +
             R"(", "objective": 5, "techniques": ["massage", "cupping", "massage", 3],
      "regions_treated": ["neck", "elbow"], "ask_first_confirmed": "neck",
      "consent_confirmed": "yes", "ratings": {"pain": {"before": 11, "after": -1, "during": 2},
      "tension": {"before": 2.5}, "mood": {}, "stress": 4}, "colour": "red"})");
  const std::set<std::pair<std::string, std::string>> expected{
      {"session_date", "future-date"},
      {"subjective", "too-long"},
      {"objective", "wrong-type"},
      {"techniques[1]", "unknown-technique"},
      {"techniques[2]", "duplicate"},
      {"techniques[3]", "wrong-type"},
      {"regions_treated[1]", "unknown-region"},
      {"ask_first_confirmed", "wrong-type"},
      {"consent_confirmed", "wrong-type"},
      {"ratings.pain.before", "out-of-range"},
      {"ratings.pain.after", "out-of-range"},
      {"ratings.pain.during", "unknown-field"},
      {"ratings.tension.before", "out-of-range"},
      {"ratings.mood", "unknown-field"},
      {"ratings.stress", "wrong-type"},
      {"colour", "unknown-field"}};
  EXPECT_EQ(issues, expected);
  EXPECT_TRUE(
      Issues(R"({"session_date": "2026-02-30"})").contains({"session_date", "invalid-date"}));
  EXPECT_TRUE(Issues(R"({"session_date": 20261201})").contains({"session_date", "wrong-type"}));
  // Today and whole numbers written as 4.0 are fine.
  EXPECT_TRUE(Decode(R"({"session_date": "2026-12-02", "ratings": {"pain": {"before": 4.0}}})"));
}

TEST(SessionNoteAddendum, TextIsRequiredAndLimited) {
  EXPECT_EQ(*DecodeAddendumText(json::parse(R"({"text": " Phoned. "})").as_object()), "Phoned.");
  for (const char* body : {"{}", R"({"text": "   "})", R"({"text": null})", R"({"text": 4})",
                           R"({"text": "ok", "extra": 1})"}) {
    EXPECT_FALSE(DecodeAddendumText(json::parse(body).as_object())) << body;
  }
  const std::string longest(kMaxAddendumLength, 'b');
  EXPECT_TRUE(DecodeAddendumText(json::object{{"text", longest}}));
  EXPECT_FALSE(DecodeAddendumText(json::object{{"text", longest + "b"}}));
}

TEST(SessionNoteStored, RoundTripsEveryField) {
  SessionNoteFields fields;
  fields.session_date = kToday;
  fields.subjective = "S";
  fields.objective = "O";
  fields.assessment = "A";
  fields.plan = "P";
  fields.techniques = {"massage"};
  fields.regions_treated = {"lower_back", "neck"};
  fields.ask_first_confirmed = {"lower_back"};
  fields.consent_confirmed = true;
  fields.ratings.pain = {5, 2};
  fields.ratings.stress = {std::nullopt, 1};
  fields.advice = "Rest";
  fields.programme_changes = "More";
  fields.patient_summary = "Summary";
  auto parsed = ParseStoredNoteData(StoredNoteData(fields), kToday);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, fields);
  EXPECT_FALSE(ParseStoredNoteData("[]", kToday));
  EXPECT_FALSE(ParseStoredNoteData(R"({"subjective": "S"})", kToday));
}

SessionMap MapOf(const TouchConsentMap& consent) {
  return BuildSessionMap(Regions(), consent, 1, {}, assess::RedFlagsContent{});
}

SessionNoteFields Treating(std::vector<std::string> regions, std::vector<std::string> confirmed) {
  SessionNoteFields fields;
  fields.regions_treated = std::move(regions);
  fields.ask_first_confirmed = std::move(confirmed);
  return fields;
}

TEST(SessionNoteConsent, ARegionThePatientSaidNoToIsRefusedAndNamed) {
  const SessionMap map = MapOf({{"neck", TouchConsent::kNo},
                                {"abdomen", TouchConsent::kNo},
                                {"lower_back", TouchConsent::kAskFirst},
                                {"left_shoulder", TouchConsent::kYes}});
  const auto problem =
      CheckConsent(Treating({"left_shoulder", "neck", "lower_back", "abdomen"}, {}), map);
  ASSERT_TRUE(problem);
  // Refusal comes before confirmation, and names only the refused regions.
  EXPECT_EQ(problem->kind, ConsentProblem::Kind::kRefused);
  EXPECT_EQ(ProblemName(problem->kind), "consent-refused");
  EXPECT_EQ(problem->regions, (std::vector<std::string>{"neck", "abdomen"}));
  EXPECT_EQ(problem->detail,
            "Neck: the patient has said no to touch here. Abdomen: the patient has said no to "
            "touch here.");
  ASSERT_EQ(problem->issues.size(), 2u);
  EXPECT_EQ(problem->issues[0].path, "regions_treated[1]");
  EXPECT_EQ(problem->issues[1].path, "regions_treated[3]");
  EXPECT_EQ(problem->issues[0].code, "consent-refused");
}

TEST(SessionNoteConsent, AskFirstNeedsTodaysConfirmation) {
  const SessionMap map =
      MapOf({{"lower_back", TouchConsent::kAskFirst}, {"left_shoulder", TouchConsent::kYes}});
  // upper_back has no answer recorded: ask first too.
  const auto problem =
      CheckConsent(Treating({"left_shoulder", "lower_back", "upper_back"}, {"upper_back"}), map);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, ConsentProblem::Kind::kConfirmationRequired);
  EXPECT_EQ(ProblemName(problem->kind), "consent-confirmation-required");
  EXPECT_EQ(problem->regions, std::vector<std::string>{"lower_back"});
  EXPECT_EQ(problem->issues.at(0).path, "regions_treated[1]");
  EXPECT_NE(problem->detail.find("Lower back:"), std::string::npos);
  EXPECT_FALSE(CheckConsent(
      Treating({"left_shoulder", "lower_back", "upper_back"}, {"upper_back", "lower_back"}), map));
  // A confirmation never overrides a "no".
  EXPECT_TRUE(CheckConsent(Treating({"neck"}, {"neck"}), MapOf({{"neck", TouchConsent::kNo}})));
  EXPECT_FALSE(CheckConsent(Treating({}, {}), map));
}

TEST(SessionNoteConsent, APrecautionExclusionIsExplainedAsSuch) {
  assess::RedFlagsContent content;
  assess::Precaution surgery{.code = "recent_surgery", .name = "Recent surgery"};
  assess::PrecautionSituation site;
  site.code = "operation_site";
  site.name = "Operation site";
  site.exclusion = assess::RegionRule{"The site", {}};
  surgery.situations.push_back(site);
  content.precautions.push_back(surgery);
  assess::PatientPrecautions precautions;
  precautions.items.push_back(
      {.precaution = "recent_surgery", .situation = "operation_site", .regions = {"abdomen"}});
  const SessionMap map =
      BuildSessionMap(Regions(), {{"abdomen", TouchConsent::kYes}}, 1, precautions, content);
  const auto problem = CheckConsent(Treating({"abdomen"}, {}), map);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, ConsentProblem::Kind::kRefused);
  EXPECT_EQ(problem->detail,
            "Abdomen: a precaution rules out treatment here (Recent surgery (Operation site)).");
}

TEST(SessionNoteSign, NeedsConsentConfirmedAndTheSummaryThePatientAskedFor) {
  SessionNoteFields fields;
  auto refused = CheckSignable(fields, true);
  ASSERT_FALSE(refused);
  std::set<std::pair<std::string, std::string>> issues;
  const Error error = refused.error();
  for (const Issue& issue : error.issues()) issues.emplace(issue.path, issue.code);
  EXPECT_EQ(issues, (std::set<std::pair<std::string, std::string>>{
                        {"consent_confirmed", "required"}, {"patient_summary", "required"}}));
  fields.consent_confirmed = true;
  EXPECT_TRUE(CheckSignable(fields, false));
  EXPECT_FALSE(CheckSignable(fields, true));
  fields.patient_summary = "We worked on your back.";
  EXPECT_TRUE(CheckSignable(fields, true));
}

TEST(SessionNoteSign, ReadsTheWrittenSummaryPreference) {
  EXPECT_EQ(*WrittenSummaryWanted("{}"), false);
  EXPECT_EQ(*WrittenSummaryWanted(R"({"written_summary": {"value": true, "set_by": "patient"}})"),
            true);
  EXPECT_EQ(*WrittenSummaryWanted(R"({"written_summary": {"value": false}})"), false);
  EXPECT_FALSE(WrittenSummaryWanted("not json"));
}

SessionNote SignedNote() {
  SessionNote note;
  note.id = "11111111-1111-4111-8111-111111111111";
  note.patient_uuid = "22222222-2222-4222-8222-222222222222";
  note.status = NoteStatus::kSigned;
  note.version = 3;
  note.clinician = {"33333333-3333-4333-8333-333333333333", "Dr Calm"};
  note.fields.session_date = kToday;
  note.fields.subjective = "Subjective, for staff";
  note.fields.ratings.pain = {6, 3};
  note.fields.patient_summary = "We worked on your shoulders.";
  note.created_at = 1'790'000'000'000'000;
  note.updated_at = note.created_at + 1;
  note.signed_at = note.updated_at;
  note.signed_by = note.clinician;
  note.addenda.push_back({1, "Later", note.clinician, note.updated_at + 5});
  note.addenda_count = 1;
  return note;
}

TEST(SessionNoteJson, TheNoteTheListAndThePatientsSummary) {
  const SessionNote note = SignedNote();
  const json::object full = EncodeSessionNote(note);
  for (const char* key : {"id",
                          "patient_id",
                          "status",
                          "version",
                          "session_date",
                          "clinician",
                          "subjective",
                          "objective",
                          "assessment",
                          "plan",
                          "techniques",
                          "regions_treated",
                          "ask_first_confirmed",
                          "consent_confirmed",
                          "screen_completed",
                          "ratings",
                          "advice",
                          "programme_changes",
                          "patient_summary",
                          "created_at",
                          "updated_at",
                          "signed_at",
                          "signed_by",
                          "addenda"}) {
    EXPECT_TRUE(full.contains(key)) << key;
  }
  EXPECT_EQ(full.at("status"), "signed");
  EXPECT_EQ(full.at("session_date"), "2026-12-02");
  EXPECT_EQ(full.at("objective"), "");
  EXPECT_EQ(full.at("ratings").at("pain").at("before"), 6);
  EXPECT_TRUE(full.at("ratings").at("stress").at("after").is_null());
  EXPECT_EQ(full.at("addenda").as_array().at(0).at("seq"), 1);
  EXPECT_EQ(full.at("addenda").as_array().at(0).at("author").at("name"), "Dr Calm");

  const json::object summary = EncodeSessionNoteSummary(note);
  EXPECT_EQ(summary.at("addenda_count"), 1);
  EXPECT_FALSE(summary.contains("subjective"));

  // The patient sees the summary, the advice and the ratings, nothing clinical.
  const json::object patient = EncodeSessionSummary(note);
  EXPECT_EQ(patient.size(), 6u);
  EXPECT_EQ(patient.at("clinician"), (json::object{{"name", "Dr Calm"}}));
  EXPECT_EQ(patient.at("patient_summary"), "We worked on your shoulders.");
  EXPECT_TRUE(patient.at("advice").is_null());
  EXPECT_FALSE(patient.contains("subjective"));
}

TEST(DemoSessions, ThreeWeeklyNotesThatRespectTheDemoPatientsConsent) {
  const auto notes = DemoSessionNotes(kToday);
  ASSERT_EQ(notes.size(), 3u);
  // The demo patient's preferences: neck no, lower back ask first, shoulders yes.
  const SessionMap map = MapOf({{"neck", TouchConsent::kNo},
                                {"lower_back", TouchConsent::kAskFirst},
                                {"left_shoulder", TouchConsent::kYes},
                                {"right_shoulder", TouchConsent::kYes}});
  const auto techniques = TechniqueList();
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const SessionNoteFields& note = notes[i];
    EXPECT_EQ(sys_days(kToday) - sys_days(note.session_date), days(21 - 7 * static_cast<int>(i)));
    EXPECT_EQ(std::count(note.regions_treated.begin(), note.regions_treated.end(), "neck"), 0);
    EXPECT_FALSE(CheckConsent(note, map)) << i;
    EXPECT_TRUE(CheckSignable(note, /*written_summary_wanted=*/true)) << i;
    for (const auto& technique : note.techniques) {
      EXPECT_NE(techniques.Find(technique), nullptr) << technique;
    }
    for (const RatingPair* pair :
         {&note.ratings.pain, &note.ratings.tension, &note.ratings.stress}) {
      EXPECT_LT(*pair->after, *pair->before) << i;
    }
    if (i > 0) {
      EXPECT_LT(*note.ratings.pain.before, *notes[i - 1].ratings.pain.before);
      EXPECT_LT(*note.ratings.stress.before, *notes[i - 1].ratings.stress.before);
    }
  }
}

}  // namespace
}  // namespace unknot::treat
