// Check-in reminders over real HTTP, on SQLite and (when UNKNOT_TEST_PG_URL is
// set) PostgreSQL: the defaults, saving with If-Match, stale and bad input,
// email without a portal login, who may read and set them; then the sender's
// pass with a hand-moved clock: one mail row in mail_outbox at or after the
// chosen time on a chosen day, none before, none on other days, none twice,
// none after a check-in that day, none after local midnight for the day
// before, and across London's change back to GMT.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

#include "http_test_support.hpp"
#include "unknot/empower/reminder_sender.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/people/patient_store.hpp"

namespace unknot::testing {
namespace {

namespace json = boost::json;
using std::chrono::hours;
using std::chrono::minutes;

using Issues = std::vector<std::pair<std::string, std::string>>;

Issues IssuesOf(const RawResponse& r) {
  Issues out;
  const json::value problem = Json(r);
  if (!problem.is_object() || !problem.as_object().contains("issues")) return out;
  for (const auto& issue : problem.at("issues").as_array()) {
    out.emplace_back(issue.at("path").as_string(), issue.at("code").as_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

constexpr const char* kPublicUrl = "https://clinic.example.org";

class Reminders : public BackendServerTest {
 protected:
  // Friday 2026-10-23 06:00 UTC: 07:00 in London (summer time until Sunday 25th).
  static constexpr Instant kFridayMorning = 1'792'735'200'000'000;

  Reminders() : clock_(kFridayMorning) {}

  void SetUp() override {
    StartServer(&clock_);
    if (IsSkipped()) return;
    clinician_ = SignIn(server_->port(), kDemoClinician, kDemoPasswordText);
    ASSERT_EQ(clinician_.response.status, 200) << clinician_.response.body;
    clinic_id_ = Json(clinician_.response).at("user").at("clinic").at("id").as_string().c_str();
    ann_ = NewPatient("Ann");
  }

  PatientLogin NewPatient(const std::string& name) {
    return AddPatientWithLogin(server_->db(), clinic_id_, name, "Remind", clock_.Now());
  }

  RawResponse Send(const std::string& method, const std::string& patient, const SignedIn& as,
                   const std::string& body = {}, const std::string& extra = {}) {
    return Exchange(server_->port(),
                    MakeRequest(method, "/api/v1/patients/" + patient + "/reminders", body,
                                "application/json", as.Headers() + extra));
  }
  RawResponse Put(const PatientLogin& who, const std::string& body, const std::string& version,
                  const SignedIn* as = nullptr) {
    return Send("PUT", who.patient_id, as ? *as : who.session, body,
                "If-Match: \"" + version + "\"\r\n");
  }

  // Reminder mails queued for `who` (their login is <uuid>@example.org).
  std::int64_t Mails(const PatientLogin& who) {
    std::int64_t count = 0;
    server_->db()
        .Read([&](db::Session& session) -> Result<void> {
          auto row = session.QueryOne(
              "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'check-in-reminder' AND "
              "recipient = $1",
              {who.patient_id + "@example.org"});
          if (!row) return row.error();
          count = (*row)->Int(0);
          return {};
        })
        .value();
    return count;
  }
  std::int64_t AllReminderMails() {
    std::int64_t count = 0;
    server_->db()
        .Read([&](db::Session& session) -> Result<void> {
          auto row =
              session.QueryOne("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'check-in-reminder'");
          if (!row) return row.error();
          count = (*row)->Int(0);
          return {};
        })
        .value();
    return count;
  }

  // One pass of a sender at the test's clock; the number it queued.
  int Pass() {
    empower::ReminderSender sender(server_->db(), clock_, {.public_url = kPublicUrl});
    return sender.SendDue().value();
  }
  void AdvanceTo(Instant when) {
    ASSERT_GE(when, clock_.Now());
    clock_.Advance(std::chrono::microseconds(when - clock_.Now()));
  }

  // A patient record with no portal login.
  std::string PatientWithoutLogin() {
    std::string uuid;
    server_->db()
        .Write([&](db::Session& session) -> Result<void> {
          auto clinic = people::GetClinic(session, clinic_id_);
          if (!clinic) return clinic.error();
          auto patient =
              people::InsertPatient(session, *clinic, {"Nol", "Ogin"}, "test", clock_.Now());
          if (!patient) return patient.error();
          uuid = patient->uuid;
          return {};
        })
        .value();
    return uuid;
  }

  FakeClock clock_;
  SignedIn clinician_;
  std::string clinic_id_;
  PatientLogin ann_;
};

// UTC wall-clock time in October 2026 (London is UTC+1 until 01:00 UTC on the 25th).
constexpr Instant Oct(int day, int hour, int minute = 0) {
  return (1'790'812'800LL + (day - 1) * 86'400LL + hour * 3'600LL + minute * 60LL) * 1'000'000LL;
}
static_assert(Oct(23, 6) == 1'792'735'200'000'000);

constexpr const char* kWeekdays0830 =
    R"({"channel":"email","time":"08:30","days":["mon","tue","wed","thu","fri"]})";

TEST_P(Reminders, TheDefaultsUntilSaved) {
  if (IsSkipped()) return;
  const RawResponse r = Send("GET", ann_.patient_id, ann_.session);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value body = Json(r);
  EXPECT_EQ(body.at("channel"), "none");
  EXPECT_EQ(body.at("time"), "19:00");
  EXPECT_EQ(body.at("days"), (json::array{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}));
  EXPECT_EQ(body.at("email"), json::value(ann_.patient_id + "@example.org"));
  EXPECT_TRUE(body.at("next_at").is_null());
  EXPECT_EQ(body.at("version"), 0);
  EXPECT_TRUE(body.at("updated_at").is_null());
  EXPECT_TRUE(body.at("updated_by").is_null());
  EXPECT_EQ(body.at("time_zone"), "Europe/London");
  EXPECT_EQ(r.Header("etag"), "\"0\"");
  EXPECT_EQ(CountAudit(server_->db(), "reminder.read"), 1);
  // Staff of the clinic read them too.
  EXPECT_EQ(Send("GET", ann_.patient_id, clinician_).status, 200);
  EXPECT_EQ(CountRows(server_->db(), "reminder_preference"), 0);
}

TEST_P(Reminders, SavedWithIfMatchAndStaleIsRefused) {
  if (IsSkipped()) return;
  // If-Match is required.
  const RawResponse bare = Send("PUT", ann_.patient_id, ann_.session, kWeekdays0830);
  EXPECT_EQ(bare.status, 400);
  EXPECT_EQ(IssuesOf(bare), (Issues{{"If-Match", "required"}}));

  const RawResponse saved = Put(ann_, kWeekdays0830, "0");
  ASSERT_EQ(saved.status, 200) << saved.body;
  json::value body = Json(saved);
  EXPECT_EQ(body.at("channel"), "email");
  EXPECT_EQ(body.at("time"), "08:30");
  EXPECT_EQ(body.at("days"), (json::array{"mon", "tue", "wed", "thu", "fri"}));
  EXPECT_EQ(body.at("version"), 1);
  EXPECT_EQ(saved.Header("etag"), "\"1\"");
  // Friday 07:00 BST: the next reminder is at 08:30 BST today.
  EXPECT_EQ(body.at("next_at"), json::value(FormatInstant(Oct(23, 7, 30))));
  EXPECT_EQ(body.at("updated_by").at("name"), "Ann Remind");
  EXPECT_FALSE(body.at("updated_at").is_null());
  EXPECT_EQ(CountAudit(server_->db(), "reminder.update"), 1);

  // Kept: a GET shows the same.
  const RawResponse got = Send("GET", ann_.patient_id, ann_.session);
  EXPECT_EQ(Json(got).at("time"), "08:30");
  EXPECT_EQ(Json(got).at("version"), 1);

  // A second save with the first version is stale, and changes nothing.
  const RawResponse stale = Put(ann_, R"({"channel":"none","time":"19:00","days":["sat"]})", "0");
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(Json(Send("GET", ann_.patient_id, ann_.session)).at("channel"), "email");

  // Staff of the clinic change it on the patient's behalf, and are named.
  const RawResponse by_staff =
      Put(ann_, R"({"channel":"email","time":"18:15","days":["sun","sat"]})", "1", &clinician_);
  ASSERT_EQ(by_staff.status, 200) << by_staff.body;
  body = Json(by_staff);
  EXPECT_EQ(body.at("version"), 2);
  EXPECT_EQ(body.at("days"), (json::array{"sat", "sun"}));
  EXPECT_EQ(body.at("updated_by").at("name"),
            Json(clinician_.response).at("user").at("display_name"));
  // Saturday 24th, 18:15 BST.
  EXPECT_EQ(body.at("next_at"), json::value(FormatInstant(Oct(24, 17, 15))));

  // The same values again: no new version.
  const RawResponse same =
      Put(ann_, R"({"channel":"email","time":"18:15","days":["sat","sun"]})", "2", &clinician_);
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(Json(same).at("version"), 2);
  EXPECT_EQ(CountRows(server_->db(), "reminder_preference_version"), 2);

  // Off: no next reminder.
  const RawResponse off = Put(ann_, R"({"channel":"none","time":"18:15","days":[]})", "2");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_TRUE(Json(off).at("next_at").is_null());
  EXPECT_EQ(Json(off).at("days"), json::array{});
  EXPECT_EQ(CountRows(server_->db(), "reminder_preference_version"), 3);
}

TEST_P(Reminders, BadInputIsExplainedAndChangesNothing) {
  if (IsSkipped()) return;
  ASSERT_EQ(Put(ann_, kWeekdays0830, "0").status, 200);
  const std::int64_t versions = CountRows(server_->db(), "reminder_preference_version");
  const auto refused = [&](const std::string& body, const Issues& expected) {
    const RawResponse r = Put(ann_, body, "1");
    EXPECT_EQ(r.status, 400) << body << " " << r.body;
    EXPECT_EQ(IssuesOf(r), expected) << body;
  };
  refused(R"({"channel":"email","time":"25:00","days":["mon"]})", {{"time", "invalid-time"}});
  refused(R"({"channel":"email","time":"8:30","days":["mon"]})", {{"time", "invalid-time"}});
  refused(R"({"channel":"email","time":"08:30","days":["mon","mon"]})",
          {{"days[1]", "repeated-day"}});
  refused(R"({"channel":"email","time":"08:30","days":["monday"]})", {{"days[0]", "unknown-day"}});
  refused(R"({"channel":"email","time":"08:30","days":[]})", {{"days", "no-days"}});
  refused(R"({"channel":"sms","time":"08:30","days":["mon"]})", {{"channel", "invalid-channel"}});
  refused(R"({"time":"08:30"})", {{"channel", "required"}, {"days", "required"}});
  refused(R"({"channel":"email","time":"08:30","days":["mon"],"note":"x"})",
          {{"note", "unknown-field"}});
  EXPECT_EQ(Send("PUT", ann_.patient_id, ann_.session, "[1]", "If-Match: \"1\"\r\n").status, 400);
  EXPECT_EQ(CountRows(server_->db(), "reminder_preference_version"), versions);
  const json::value kept = Json(Send("GET", ann_.patient_id, ann_.session));
  EXPECT_EQ(kept.at("time"), "08:30");
  EXPECT_EQ(kept.at("version"), 1);
}

TEST_P(Reminders, EmailNeedsAPortalLogin) {
  if (IsSkipped()) return;
  const std::string nologin = PatientWithoutLogin();
  const PatientLogin as_record{clinician_, nologin};
  const RawResponse got = Send("GET", nologin, clinician_);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_TRUE(Json(got).at("email").is_null());
  const RawResponse email = Put(as_record, kWeekdays0830, "0", &clinician_);
  EXPECT_EQ(email.status, 409) << email.body;
  EXPECT_EQ(IssuesOf(email), (Issues{{"channel", "no-address"}}));
  EXPECT_EQ(CountRows(server_->db(), "reminder_preference"), 0);
  // Choosing no reminders is fine.
  const RawResponse none =
      Put(as_record, R"({"channel":"none","time":"08:30","days":["mon"]})", "0", &clinician_);
  EXPECT_EQ(none.status, 200) << none.body;
}

TEST_P(Reminders, OnlyThePatientAndStaffOfTheirClinic) {
  if (IsSkipped()) return;
  const PatientLogin bob = NewPatient("Bob");
  const SignedIn elsewhere = AddOtherClinicWithClinician(server_->db(), clock_.Now()).clinician;
  EXPECT_EQ(Send("GET", ann_.patient_id, bob.session).status, 403);
  EXPECT_EQ(Put(ann_, kWeekdays0830, "0", &bob.session).status, 403);
  EXPECT_EQ(Send("GET", ann_.patient_id, elsewhere).status, 403);
  EXPECT_EQ(Put(ann_, kWeekdays0830, "0", &elsewhere).status, 403);
  EXPECT_EQ(Exchange(server_->port(),
                     MakeRequest("GET", "/api/v1/patients/" + ann_.patient_id + "/reminders"))
                .status,
            401);
  EXPECT_EQ(CountRows(server_->db(), "reminder_preference"), 0);
  EXPECT_EQ(CountAudit(server_->db(), "reminder.read", "denied"), 2);
}

TEST_P(Reminders, OneMailAtTheTimeOnChosenDaysOnly) {
  if (IsSkipped()) return;
  // Fridays and Sundays at 08:30 (BST on Friday 23rd, GMT on Sunday 25th).
  ASSERT_EQ(Put(ann_, R"({"channel":"email","time":"08:30","days":["fri","sun"]})", "0").status,
            200);
  AdvanceTo(Oct(23, 7, 29));  // 08:29 BST
  EXPECT_EQ(Pass(), 0);
  EXPECT_EQ(Mails(ann_), 0);
  AdvanceTo(Oct(23, 7, 30));  // 08:30 BST
  EXPECT_EQ(Pass(), 1);
  EXPECT_EQ(Mails(ann_), 1);
  // Never twice for the day, however many passes.
  EXPECT_EQ(Pass(), 0);
  AdvanceTo(Oct(23, 21, 0));
  EXPECT_EQ(Pass(), 0);
  EXPECT_EQ(Mails(ann_), 1);
  EXPECT_EQ(CountRows(server_->db(), "reminder_sent"), 1);
  // Saturday is not chosen.
  AdvanceTo(Oct(24, 9, 0));
  EXPECT_EQ(Pass(), 0);
  // Sunday, after the clocks went back: 08:29 GMT is too early, 08:30 GMT is the time.
  AdvanceTo(Oct(25, 7, 30));  // 07:30 GMT, which would have been 08:30 BST
  EXPECT_EQ(Pass(), 0);
  AdvanceTo(Oct(25, 8, 29));
  EXPECT_EQ(Pass(), 0);
  AdvanceTo(Oct(25, 8, 30));
  EXPECT_EQ(Pass(), 1);
  EXPECT_EQ(Mails(ann_), 2);

  // The mail: to the login, with the links, and nothing clinical.
  server_->db()
      .Read([&](db::Session& session) -> Result<void> {
        auto row = session.QueryOne(
            "SELECT recipient, subject, body, status FROM mail_outbox "
            "WHERE kind = 'check-in-reminder' ORDER BY id LIMIT 1");
        if (!row) return row.error();
        EXPECT_TRUE(row->has_value());
        if (!*row) return {};
        EXPECT_EQ((*row)->Text(0), ann_.patient_id + "@example.org");
        EXPECT_EQ((*row)->Text(1), "Your daily check-in");
        const std::string text = (*row)->Text(2);
        EXPECT_NE(text.find(std::string(kPublicUrl) + "/me\n"), std::string::npos) << text;
        EXPECT_NE(text.find(std::string(kPublicUrl) + "/me/reminders\n"), std::string::npos);
        EXPECT_EQ(text.find("pain"), std::string::npos);
        EXPECT_EQ((*row)->Text(3), "queued");
        return {};
      })
      .value();
}

TEST_P(Reminders, NoneAfterACheckInThatDayAndNoneAfterMidnight) {
  if (IsSkipped()) return;
  const PatientLogin bob = NewPatient("Bob");  // checks in before his reminder
  const PatientLogin dee = NewPatient("Dee");  // 20:00 on Fridays; the server is back at 23:30
  const PatientLogin eve = NewPatient("Eve");  // her login is disabled
  ASSERT_EQ(Put(bob, kWeekdays0830, "0").status, 200);
  ASSERT_EQ(Put(dee, R"({"channel":"email","time":"20:00","days":["fri"]})", "0").status, 200);
  ASSERT_EQ(Put(eve, kWeekdays0830, "0").status, 200);
  const RawResponse checked_in = Exchange(
      server_->port(), MakeRequest("POST", "/api/v1/patients/" + bob.patient_id + "/check-ins",
                                   R"({"pain":2})", "application/json", bob.session.Headers()));
  ASSERT_EQ(checked_in.status, 201) << checked_in.body;
  server_->db()
      .Write([&](db::Session& session) -> Result<void> {
        auto disabled = session.Exec(
            "UPDATE user_account SET disabled = 1 WHERE patient_id = "
            "(SELECT id FROM patient WHERE uuid = $1)",
            {eve.patient_id});
        if (!disabled) return disabled.error();
        return {};
      })
      .value();

  AdvanceTo(Oct(23, 8, 0));  // 09:00 BST Friday
  EXPECT_EQ(Pass(), 0);
  EXPECT_EQ(Mails(bob), 0);
  EXPECT_EQ(Mails(eve), 0);
  // Dee's 20:00 BST passes while the server is down; it goes when the server is back that evening.
  AdvanceTo(Oct(23, 22, 30));  // 23:30 BST
  EXPECT_EQ(Pass(), 1);
  EXPECT_EQ(Mails(dee), 1);
  // Fay's 23:45 passes with the server down until after midnight: Friday's reminder never goes.
  const PatientLogin fay = NewPatient("Fay");
  ASSERT_EQ(Put(fay, R"({"channel":"email","time":"23:45","days":["fri"]})", "0").status, 200);
  AdvanceTo(Oct(23, 23, 5));  // 00:05 BST on Saturday
  EXPECT_EQ(Pass(), 0);
  EXPECT_EQ(Mails(fay), 0);
  // Bob's Monday reminder still goes: the check-in was Friday's.
  AdvanceTo(Oct(26, 8, 30));  // Monday 08:30 GMT
  EXPECT_EQ(Pass(), 1);
  EXPECT_EQ(Mails(bob), 1);
  EXPECT_EQ(Mails(eve), 0);
  EXPECT_EQ(Mails(fay), 0);
  EXPECT_EQ(AllReminderMails(), 2);
}

TEST_P(Reminders, TwoServersAtOnceSendOneMail) {
  if (IsSkipped()) return;
  std::vector<PatientLogin> patients{ann_, NewPatient("Bob"), NewPatient("Cy")};
  for (const auto& who : patients) ASSERT_EQ(Put(who, kWeekdays0830, "0").status, 200);
  AdvanceTo(Oct(23, 8, 0));  // 09:00 BST Friday: all three are due
  int queued[2] = {0, 0};
  {
    std::thread first([&] { queued[0] = Pass(); });
    std::thread second([&] { queued[1] = Pass(); });
    first.join();
    second.join();
  }
  EXPECT_EQ(queued[0] + queued[1], 3);
  for (const auto& who : patients) EXPECT_EQ(Mails(who), 1);
  EXPECT_EQ(CountRows(server_->db(), "reminder_sent"), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, Reminders,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
