// End-to-end tests of the clinic and patient routes: a real SQLite database in
// a temporary folder, requests dispatched straight into the router behind the
// real Authenticator (sessions made through the identity stores).
#include "unknot/people/people_api.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>

#include "unknot/identity/session_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/clinic_store.hpp"
#include "unknot/people/demo_data.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/platform/db/migrations.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::people {
namespace {

namespace json = boost::json;
using http::Method;

// 2024-06-15T12:00:00Z; each request moves time on by one second.
constexpr Instant kStart = 1718452800'000000;

class SteppingClock final : public Clock {
 public:
  Instant Now() const override { return now_ += 1'000'000; }

 private:
  mutable Instant now_ = kStart;
};

struct Reply {
  int status = 0;
  json::value body;
  http::Response raw;

  const json::object& Object() const { return body.as_object(); }
  std::string Text(std::string_view key) const { return std::string(Object().at(key).as_string()); }
  std::vector<std::pair<std::string, std::string>> Issues() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const json::value& issue : Object().at("issues").as_array()) {
      out.emplace_back(issue.at("path").as_string(), issue.at("code").as_string());
    }
    return out;
  }
};

class PeopleApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("unknot-people-" + NewRequestId());
    std::filesystem::create_directories(dir_);
    auto db = db::OpenSqlite({.path = (dir_ / "test.db").string()});
    ASSERT_TRUE(db) << db.error().internal();
    db_ = std::move(*db);
    auto migrated = db::Migrate(*db_);
    ASSERT_TRUE(migrated) << migrated.error().internal();
    // A year of idle time: these tests are about the routes, not session expiry.
    authenticator_ = std::make_unique<identity::Authenticator>(
        *db_, clock_,
        identity::SessionSettings{.staff_idle_timeout = std::chrono::hours(24 * 365),
                                  .patient_idle_timeout = std::chrono::hours(24 * 365)});
    RegisterPeopleRoutes(router_, *db_, clock_, *authenticator_);
  }

  void TearDown() override {
    router_ = http::Router();
    authenticator_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // A session for a new user of `clinic_uuid`: the Cookie and X-CSRF-Token headers.
  http::HeaderList SessionFor(const std::string& clinic_uuid, identity::Role role,
                              std::optional<std::string> patient_uuid = std::nullopt) {
    http::HeaderList headers;
    const auto done = db_->Write([&](db::Session& session) -> Result<void> {
      auto clinic = GetClinic(session, clinic_uuid);
      if (!clinic) return clinic.error();
      identity::NewUser fields{.clinic_id = clinic->id,
                               .role = role,
                               .email = NewRequestId() + "@example.org",
                               .display_name = "Tester"};
      if (patient_uuid) {
        auto patient = GetPatient(session, *patient_uuid);
        if (!patient) return patient.error();
        fields.patient_id = patient->id;
      }
      auto user = identity::InsertUser(session, fields, clock_.Now());
      if (!user) return user.error();
      last_user_uuid_ = user->uuid;
      auto issued = identity::InsertSession(
          session, {.user_id = user->id, .expires_at = kStart + 3'600'000'000LL * 24 * 365},
          clock_.Now());
      if (!issued) return issued.error();
      headers.emplace_back("cookie", "unknot_session=" + issued->token);
      headers.emplace_back("x-csrf-token", issued->record.csrf_token);
      return {};
    });
    EXPECT_TRUE(done) << done.error().internal();
    return headers;
  }

  // The first clinic's admin acts unless the path names another clinic.
  http::HeaderList AuthFor(const std::string& target) const {
    for (const auto& [clinic, headers] : admins_) {
      if (target.find(clinic) != std::string::npos) return headers;
    }
    return admins_.empty() ? http::HeaderList{} : admins_.front().second;
  }

  Reply Send(Method method, const std::string& target, std::string body = {},
             http::HeaderList headers = {}) {
    const http::HeaderList auth = AuthFor(target);
    headers.insert(headers.end(), auth.begin(), auth.end());
    return SendAs(method, target, std::move(body), std::move(headers));
  }

  Reply SendAs(Method method, const std::string& target, std::string body,
               http::HeaderList headers) {
    http::Request request;
    request.method = method;
    request.target = target;
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) request.query = target.substr(question + 1);
    if (!body.empty()) headers.emplace_back("content-type", "application/json");
    request.headers = std::move(headers);
    request.body = std::move(body);
    request.request_id = "test";
    request.remote_is_loopback = true;
    Reply reply;
    reply.raw = router_.Dispatch(request);
    reply.status = reply.raw.status;
    boost::system::error_code ec;
    reply.body = json::parse(reply.raw.body, ec);
    return reply;
  }

  // Clinics come from the command line, not the API: made here through the store,
  // each with an admin whose session Send uses for that clinic's paths.
  std::string CreateClinic(std::string_view name = "Calm Tissue Clinic") {
    auto clinic = ClinicStore(*db_, clock_).Create(ClinicFields{std::string(name)});
    EXPECT_TRUE(clinic);
    admins_.emplace_back(clinic->uuid, SessionFor(clinic->uuid, identity::Role::kAdmin));
    admin_uuids_.push_back(last_user_uuid_);
    return clinic->uuid;
  }

  std::int64_t Events(std::string_view action, std::string_view outcome = "success") {
    std::int64_t count = -1;
    const auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto row =
          session.QueryOne("SELECT COUNT(*) FROM audit_event WHERE action = $1 AND outcome = $2",
                           {std::string(action), std::string(outcome)});
      if (!row) return row.error();
      count = (*row)->Int(0);
      return {};
    });
    EXPECT_TRUE(read);
    return count;
  }

  Reply CreatePatient(const std::string& clinic, const json::object& body) {
    return Send(Method::kPost, "/api/v1/clinics/" + clinic + "/patients", json::serialize(body));
  }

  std::string NewPatientId(const std::string& clinic, const json::object& body) {
    const Reply reply = CreatePatient(clinic, body);
    EXPECT_EQ(reply.status, 201) << reply.raw.body;
    return reply.status == 201 ? reply.Text("id") : std::string();
  }

  std::int64_t Count(std::string_view table) {
    std::int64_t count = -1;
    const auto read = db_->Read([&](db::Session& session) -> Result<void> {
      auto row = session.QueryOne("SELECT COUNT(*) FROM " + std::string(table));
      if (!row) return row.error();
      count = (*row)->Int(0);
      return {};
    });
    EXPECT_TRUE(read);
    return count;
  }

  std::vector<std::string> FamilyNames(const Reply& page) {
    std::vector<std::string> names;
    for (const json::value& item : page.Object().at("items").as_array()) {
      names.emplace_back(item.at("family_name").as_string());
    }
    return names;
  }

  std::filesystem::path dir_;
  std::unique_ptr<db::Database> db_;
  SteppingClock clock_;
  std::unique_ptr<identity::Authenticator> authenticator_;
  http::Router router_;
  std::vector<std::pair<std::string, http::HeaderList>> admins_;
  std::vector<std::string> admin_uuids_;
  std::string last_user_uuid_;
};

json::object AnnSmith() {
  return {{"given_name", "Ann"}, {"family_name", "Smith"}};
}

TEST_F(PeopleApiTest, ClinicsListGetPatch) {
  const std::string id = CreateClinic("Calm");
  const std::string other = CreateClinic("Other");
  const Reply list = Send(Method::kGet, "/api/v1/clinics");
  ASSERT_EQ(list.status, 200) << list.raw.body;
  // Only the caller's own clinic is listed.
  ASSERT_EQ(list.Object().at("items").as_array().size(), 1u);
  const Reply got = Send(Method::kGet, "/api/v1/clinics/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(list.Object().at("items").as_array()[0], got.body);
  EXPECT_EQ(got.Text("name"), "Calm");
  EXPECT_EQ(got.Text("time_zone"), "Europe/London");
  EXPECT_EQ(got.Object().at("require_mfa"), false);

  const Reply patched =
      Send(Method::kPatch, "/api/v1/clinics/" + id, R"({"time_zone":"America/New_York"})");
  ASSERT_EQ(patched.status, 200) << patched.raw.body;
  EXPECT_EQ(patched.Text("name"), "Calm");
  EXPECT_EQ(patched.Text("time_zone"), "America/New_York");
  EXPECT_NE(patched.Text("updated_at"), got.Text("updated_at"));

  const Reply bad = Send(Method::kPatch, "/api/v1/clinics/" + id,
                         R"({"name":null,"time_zone":"X","require_mfa":"yes"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Issues(),
            (std::vector<std::pair<std::string, std::string>>{{"name", "required"},
                                                              {"time_zone", "invalid-time-zone"},
                                                              {"require_mfa", "wrong-type"}}));
  EXPECT_EQ(Send(Method::kGet, "/api/v1/clinics/" + id).body, patched.body);

  // Clinics are not created through the API; another clinic is out of reach;
  // only admins change clinic settings.
  EXPECT_EQ(Send(Method::kPost, "/api/v1/clinics", R"({"name":"New"})").status, 405);
  EXPECT_EQ(SendAs(Method::kGet, "/api/v1/clinics/" + other, {}, AuthFor(id)).status, 403);
  EXPECT_EQ(
      SendAs(Method::kPatch, "/api/v1/clinics/" + other, R"({"name":"Mine"})", AuthFor(id)).status,
      403);
  const http::HeaderList clinician = SessionFor(id, identity::Role::kClinician);
  EXPECT_EQ(SendAs(Method::kGet, "/api/v1/clinics/" + id, {}, clinician).status, 200);
  EXPECT_EQ(
      SendAs(Method::kPatch, "/api/v1/clinics/" + id, R"({"require_mfa":true})", clinician).status,
      403);
  EXPECT_EQ(Send(Method::kGet, "/api/v1/clinics/" + id).body, patched.body);

  const Reply mfa = Send(Method::kPatch, "/api/v1/clinics/" + id, R"({"require_mfa":true})");
  ASSERT_EQ(mfa.status, 200) << mfa.raw.body;
  EXPECT_EQ(mfa.Object().at("require_mfa"), true);
  EXPECT_EQ(mfa.Text("time_zone"), "America/New_York");
  // From now on staff without two-step sign-in are held at the door.
  const Reply held = SendAs(Method::kGet, "/api/v1/clinics/" + id, {}, clinician);
  EXPECT_EQ(held.status, 403);
  EXPECT_NE(held.Text("detail").find("two-step"), std::string::npos);
  EXPECT_EQ(Count("clinic"), 2);
  EXPECT_EQ(Events("clinic.update"), 2);
  EXPECT_EQ(Events("clinic.update", "denied"), 2);
}

TEST_F(PeopleApiTest, SafetyEmailIsSetByAdminsOnly) {
  const std::string id = CreateClinic("Calm");
  const std::string path = "/api/v1/clinics/" + id;
  EXPECT_TRUE(Send(Method::kGet, path).Object().at("safety_email").is_null());

  const Reply set = Send(Method::kPatch, path, R"({"safety_email":"alerts@Calm.example.org"})");
  ASSERT_EQ(set.status, 200) << set.raw.body;
  EXPECT_EQ(set.Text("safety_email"), "alerts@calm.example.org");
  EXPECT_EQ(Send(Method::kGet, path).Text("safety_email"), "alerts@calm.example.org");

  const Reply bad = Send(Method::kPatch, path, R"({"safety_email":"alerts","name":""})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Issues(), (std::vector<std::pair<std::string, std::string>>{
                              {"name", "required"}, {"safety_email", "invalid-email"}}));
  const http::HeaderList clinician = SessionFor(id, identity::Role::kClinician);
  EXPECT_EQ(SendAs(Method::kPatch, path, R"({"safety_email":null})", clinician).status, 403);
  EXPECT_EQ(Send(Method::kGet, path).Text("safety_email"), "alerts@calm.example.org");

  const Reply cleared = Send(Method::kPatch, path, R"({"safety_email":null})");
  ASSERT_EQ(cleared.status, 200) << cleared.raw.body;
  EXPECT_TRUE(cleared.Object().at("safety_email").is_null());
}

TEST_F(PeopleApiTest, UnknownClinicOrPatientIsNotFound) {
  CreateClinic();
  const std::string nobody = NewUuid();
  for (const auto& [method, target] : std::vector<std::pair<Method, std::string>>{
           {Method::kGet, "/api/v1/clinics/" + nobody},
           {Method::kGet, "/api/v1/clinics/" + nobody + "/patients"},
           {Method::kGet, "/api/v1/patients/" + nobody},
           {Method::kGet, "/api/v1/patients/" + nobody + "/history"}}) {
    const Reply reply = Send(method, target);
    EXPECT_EQ(reply.status, 404) << target;
    EXPECT_EQ(reply.raw.Header("Content-Type"), "application/problem+json");
  }
  EXPECT_EQ(CreatePatient(nobody, AnnSmith()).status, 404);
  EXPECT_EQ(Send(Method::kPatch, "/api/v1/clinics/" + nobody, R"({"name":"X"})").status, 404);
  EXPECT_EQ(Send(Method::kPatch, "/api/v1/patients/" + nobody, R"({"email":null})").status, 404);
  EXPECT_EQ(Count("patient"), 0);
}

TEST_F(PeopleApiTest, CreateAndGetPatient) {
  const std::string clinic = CreateClinic();
  const Reply created = CreatePatient(clinic, {{"given_name", "Ann"},
                                               {"family_name", "Smith"},
                                               {"birth_date", "1970-03"},
                                               {"nhs_number", "943-476-5919"},
                                               {"email", "ann@EXAMPLE.org"},
                                               {"phone", "+44 7700 900123"}});
  ASSERT_EQ(created.status, 201) << created.raw.body;
  const std::string id = created.Text("id");
  EXPECT_EQ(created.raw.Header("Location"), "/api/v1/patients/" + id);
  EXPECT_EQ(created.raw.Header("ETag"), "\"1\"");
  EXPECT_EQ(created.Text("clinic_id"), clinic);
  EXPECT_EQ(created.Object().at("version"), 1);
  EXPECT_EQ(created.Text("birth_date"), "1970-03");
  EXPECT_EQ(created.Text("birth_date_precision"), "month");
  EXPECT_EQ(created.Text("nhs_number"), "9434765919");
  EXPECT_EQ(created.Text("email"), "ann@example.org");
  EXPECT_EQ(created.Text("phone"), "+447700900123");
  EXPECT_TRUE(created.Object().at("preferred_name").is_null());

  const Reply got = Send(Method::kGet, "/api/v1/patients/" + id);
  EXPECT_EQ(got.status, 200);
  EXPECT_EQ(got.raw.Header("ETag"), "\"1\"");
  EXPECT_EQ(got.body, created.body);

  // Upper-case UUIDs address the same patient.
  std::string upper = id;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(Send(Method::kGet, "/api/v1/patients/" + upper).body, created.body);
}

TEST_F(PeopleApiTest, ListSearchesNamesAndPages) {
  const std::string clinic = CreateClinic();
  const std::string other = CreateClinic("Other");
  NewPatientId(clinic, AnnSmith());
  NewPatientId(clinic, {{"given_name", "Bob"}, {"family_name", "Smithers"}});
  NewPatientId(clinic,
               {{"given_name", "Cara"}, {"family_name", "Jones"}, {"preferred_name", "Smithy"}});
  NewPatientId(clinic, {{"given_name", "Zo\xC3\xAB"}, {"family_name", "Adams"}});
  NewPatientId(clinic, {{"given_name", "Dan"}, {"family_name", "100%_Real"}});
  NewPatientId(other, {{"given_name", "Eve"}, {"family_name", "Smith"}});
  const std::string base = "/api/v1/clinics/" + clinic + "/patients";

  const Reply all = Send(Method::kGet, base);
  ASSERT_EQ(all.status, 200) << all.raw.body;
  EXPECT_EQ(all.Object().at("total"), 5);
  EXPECT_EQ(all.Object().at("limit"), 20);
  EXPECT_EQ(all.Object().at("offset"), 0);
  EXPECT_EQ(FamilyNames(all),
            (std::vector<std::string>{"100%_Real", "Adams", "Jones", "Smith", "Smithers"}));

  const Reply smith = Send(Method::kGet, base + "?q=SMITH");
  EXPECT_EQ(FamilyNames(smith), (std::vector<std::string>{"Jones", "Smith", "Smithers"}));
  EXPECT_EQ(smith.Object().at("total"), 3);
  EXPECT_EQ(FamilyNames(Send(Method::kGet, base + "?q=ann+smi")),
            std::vector<std::string>{"Smith"});
  EXPECT_EQ(FamilyNames(Send(Method::kGet, base + "?q=zo%C3%8B")),
            std::vector<std::string>{"Adams"});
  // LIKE wildcards in q are literal characters.
  EXPECT_EQ(FamilyNames(Send(Method::kGet, base + "?q=0%25_r")),
            std::vector<std::string>{"100%_Real"});
  EXPECT_EQ(Send(Method::kGet, base + "?q=%25").Object().at("total"), 1);
  EXPECT_EQ(Send(Method::kGet, base + "?q=_").Object().at("total"), 1);
  EXPECT_EQ(Send(Method::kGet, base + "?q=nobody").Object().at("total"), 0);

  const Reply page2 = Send(Method::kGet, base + "?limit=2&offset=2");
  EXPECT_EQ(FamilyNames(page2), (std::vector<std::string>{"Jones", "Smith"}));
  EXPECT_EQ(page2.Object().at("total"), 5);
  EXPECT_EQ(page2.Object().at("limit"), 2);
  EXPECT_EQ(page2.Object().at("offset"), 2);
  EXPECT_TRUE(FamilyNames(Send(Method::kGet, base + "?offset=50")).empty());

  const Reply bad = Send(Method::kGet, base + "?limit=0&offset=-3");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Issues(), (std::vector<std::pair<std::string, std::string>>{
                              {"limit", "out-of-range"}, {"offset", "out-of-range"}}));
  EXPECT_EQ(Send(Method::kGet, base + "?limit=101").status, 400);
  EXPECT_EQ(Send(Method::kGet, base + "?limit=abc").status, 400);
}

// The same search rules one layer down, independent of query-string decoding.
TEST_F(PeopleApiTest, StoreSearchIsLiteralAndCaseInsensitive) {
  const std::string clinic = CreateClinic();
  NewPatientId(clinic, AnnSmith());
  NewPatientId(clinic, {{"given_name", "Zo\xC3\xAB"}, {"family_name", "Adams"}});
  NewPatientId(clinic, {{"given_name", "Dan"}, {"family_name", "100%_Real"}});
  NewPatientId(clinic, {{"given_name", "Eve"}, {"family_name", "100x!Real"}});
  const PatientStore store(*db_, clock_);
  const auto names = [&](std::string search) {
    IssueList issues;
    const PatientQuery query = ValidatePatientQuery(search, std::nullopt, std::nullopt, issues);
    EXPECT_TRUE(issues.empty());
    auto page = store.List(clinic, query);
    EXPECT_TRUE(page);
    std::vector<std::string> out;
    for (const Patient& patient : page->items) out.push_back(patient.fields.family_name);
    return out;
  };
  EXPECT_EQ(names("ANN SMI"), std::vector<std::string>{"Smith"});
  EXPECT_EQ(names("ZO\xC3\x8B"), std::vector<std::string>{"Adams"});
  EXPECT_EQ(names("0%_r"), std::vector<std::string>{"100%_Real"});
  EXPECT_EQ(names("%"), std::vector<std::string>{"100%_Real"});
  EXPECT_EQ(names("_"), std::vector<std::string>{"100%_Real"});
  EXPECT_EQ(names("!"), std::vector<std::string>{"100x!Real"});
  EXPECT_EQ(names("").size(), 4u);
}

TEST_F(PeopleApiTest, PatchVersionsAndHistory) {
  const std::string clinic = CreateClinic();
  const std::string id = NewPatientId(
      clinic, {{"given_name", "Ann"}, {"family_name", "Smith"}, {"preferred_name", "Annie"}});
  const std::string url = "/api/v1/patients/" + id;

  const Reply v2 = Send(Method::kPatch, url, R"({"family_name":"Jones","preferred_name":null})",
                        {{"if-match", "\"1\""}});
  ASSERT_EQ(v2.status, 200) << v2.raw.body;
  EXPECT_EQ(v2.Object().at("version"), 2);
  EXPECT_EQ(v2.raw.Header("ETag"), "\"2\"");
  EXPECT_EQ(v2.Text("family_name"), "Jones");
  EXPECT_EQ(v2.Text("given_name"), "Ann");
  EXPECT_TRUE(v2.Object().at("preferred_name").is_null());

  // A patch that changes nothing makes no version.
  const Reply same = Send(Method::kPatch, url, R"({"family_name":" Jones "})");
  EXPECT_EQ(same.status, 200);
  EXPECT_EQ(same.body, v2.body);
  EXPECT_EQ(Send(Method::kPatch, url, "{}", {{"if-match", "\"2\""}}).body, v2.body);

  const Reply v3 = Send(Method::kPatch, url, R"({"birth_date":"1970"})", {{"if-match", "W/\"2\""}});
  ASSERT_EQ(v3.status, 200) << v3.raw.body;
  EXPECT_EQ(v3.Object().at("version"), 3);

  const Reply history = Send(Method::kGet, url + "/history");
  ASSERT_EQ(history.status, 200) << history.raw.body;
  const json::array& items = history.Object().at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  for (std::size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].at("version"), static_cast<std::int64_t>(3 - i));
    EXPECT_EQ(items[i].at("author").as_string(), admin_uuids_.front())
        << "the signed-in user wrote it";
    EXPECT_EQ(items[i].at("data").at("version"), items[i].at("version"));
  }
  EXPECT_EQ(items[0].at("data"), v3.body);
  EXPECT_EQ(items[1].at("data"), v2.body);
  EXPECT_EQ(items[2].at("data").at("preferred_name"), "Annie");
  EXPECT_EQ(items[0].at("recorded_at"), v3.Object().at("updated_at"));
}

TEST_F(PeopleApiTest, StaleIfMatchConflictsAndChangesNothing) {
  const std::string clinic = CreateClinic();
  const std::string id = NewPatientId(clinic, AnnSmith());
  const std::string url = "/api/v1/patients/" + id;
  ASSERT_EQ(Send(Method::kPatch, url, R"({"given_name":"Anna"})").status, 200);

  const Reply stale =
      Send(Method::kPatch, url, R"({"given_name":"Annie"})", {{"if-match", "\"1\""}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.Text("detail").find("changed since you loaded it"), std::string::npos);
  EXPECT_EQ(Send(Method::kPatch, url, R"({"given_name":"Annie"})", {{"if-match", "\"x\""}}).status,
            409);
  EXPECT_EQ(Send(Method::kPatch, url, R"({"given_name":"Annie"})", {{"if-match", "2"}}).status,
            400);

  const Reply now = Send(Method::kGet, url);
  EXPECT_EQ(now.Text("given_name"), "Anna");
  EXPECT_EQ(now.Object().at("version"), 2);
  EXPECT_EQ(Count("patient_version"), 2);
  EXPECT_EQ(Send(Method::kPatch, url, R"({"given_name":"Annie"})", {{"if-match", "*"}}).status,
            200);
}

TEST_F(PeopleApiTest, DuplicateNhsNumberInOneClinicConflicts) {
  const std::string clinic = CreateClinic();
  const std::string other = CreateClinic("Other");
  NewPatientId(clinic,
               {{"given_name", "Ann"}, {"family_name", "Smith"}, {"nhs_number", "9434765919"}});
  const std::string bob = NewPatientId(
      clinic, {{"given_name", "Bob"}, {"family_name", "Brown"}, {"nhs_number", "4010232137"}});
  const std::int64_t patients = Count("patient");
  const std::int64_t versions = Count("patient_version");

  const Reply dup = CreatePatient(
      clinic, {{"given_name", "Al"}, {"family_name", "Smith"}, {"nhs_number", "943 476 5919"}});
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.Issues(),
            (std::vector<std::pair<std::string, std::string>>{{"nhs_number", "duplicate"}}));
  const Reply patched =
      Send(Method::kPatch, "/api/v1/patients/" + bob, R"({"nhs_number":"9434765919"})");
  EXPECT_EQ(patched.status, 409);
  EXPECT_EQ(Count("patient"), patients);
  EXPECT_EQ(Count("patient_version"), versions);

  // Another clinic may hold the same number, and a patient keeps its own.
  NewPatientId(other,
               {{"given_name", "Ann"}, {"family_name", "Smith"}, {"nhs_number", "9434765919"}});
  EXPECT_EQ(Send(Method::kPatch, "/api/v1/patients/" + bob,
                 R"({"nhs_number":"401 023 2137","email":"bob@example.org"})")
                .status,
            200);
}

TEST_F(PeopleApiTest, InvalidInputListsEveryIssueAndChangesNothing) {
  const std::string clinic = CreateClinic();
  const std::string id = NewPatientId(clinic, AnnSmith());
  const std::int64_t patients = Count("patient");
  const std::int64_t versions = Count("patient_version");
  const std::string before = Send(Method::kGet, "/api/v1/patients/" + id).raw.body;

  const Reply bad = CreatePatient(clinic, {{"given_name", ""},
                                           {"family_name", 3},
                                           {"birth_date", "2024-06-16"},
                                           {"nhs_number", "9434765918"},
                                           {"email", "x@"},
                                           {"phone", "12"},
                                           {"shoe_size", 9}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Issues(),
            (std::vector<std::pair<std::string, std::string>>{{"family_name", "wrong-type"},
                                                              {"shoe_size", "unknown-field"},
                                                              {"given_name", "required"},
                                                              {"birth_date", "future-date"},
                                                              {"nhs_number", "invalid-nhs-number"},
                                                              {"email", "invalid-email"},
                                                              {"phone", "invalid-phone"}}));

  const std::string url = "/api/v1/patients/" + id;
  EXPECT_EQ(Send(Method::kPatch, url, R"({"given_name":null,"phone":"x"})").status, 400);
  EXPECT_EQ(Send(Method::kPatch, url, R"({"given_name":)").status, 400);  // malformed JSON
  EXPECT_EQ(Send(Method::kPatch, url, "[]").status, 400);
  EXPECT_EQ(Send(Method::kPatch, url, "", {{"content-type", "text/plain"}}).status, 415);

  EXPECT_EQ(Count("patient"), patients);
  EXPECT_EQ(Count("patient_version"), versions);
  EXPECT_EQ(Count("clinic"), 1);
  EXPECT_EQ(Send(Method::kGet, url).raw.body, before);
}

// The path of `pattern` with every parameter filled by `uuid`.
std::string Fill(std::string path, const std::string& uuid) {
  for (const std::string_view param : {"{clinic_id:uuid}", "{id:uuid}"}) {
    if (const auto at = path.find(param); at != std::string::npos)
      path.replace(at, param.size(), uuid);
  }
  return path;
}

TEST_F(PeopleApiTest, EveryRouteNeedsASession) {
  const std::string clinic = CreateClinic();
  const auto routes = router_.Routes();
  EXPECT_EQ(routes.size(), 8u);
  for (const auto& route : routes) {
    const std::string path = Fill(route.pattern, clinic);
    EXPECT_EQ(SendAs(route.method, path, "{}", {}).status, 401) << route.pattern;
    EXPECT_EQ(SendAs(route.method, path, "{}", {{"cookie", "unknot_session=forged"}}).status, 401)
        << route.pattern;
  }
}

TEST_F(PeopleApiTest, WritesNeedTheCsrfToken) {
  const std::string clinic = CreateClinic();
  const std::string id = NewPatientId(clinic, AnnSmith());
  http::HeaderList cookie_only = AuthFor(clinic);
  cookie_only.pop_back();  // drop x-csrf-token
  http::HeaderList wrong = cookie_only;
  wrong.emplace_back("x-csrf-token", "not-the-token");
  for (const http::HeaderList& headers : {cookie_only, wrong}) {
    EXPECT_EQ(
        SendAs(Method::kPatch, "/api/v1/patients/" + id, R"({"given_name":"Eve"})", headers).status,
        403);
    EXPECT_EQ(SendAs(Method::kPost, "/api/v1/clinics/" + clinic + "/patients",
                     json::serialize(AnnSmith()), headers)
                  .status,
              403);
  }
  EXPECT_EQ(Count("patient"), 1);
  EXPECT_EQ(Count("patient_version"), 1);
  // Reads need no token.
  EXPECT_EQ(SendAs(Method::kGet, "/api/v1/patients/" + id, {}, cookie_only).status, 200);
}

TEST_F(PeopleApiTest, APatientSeesOnlyTheirOwnRecord) {
  const std::string clinic = CreateClinic();
  const std::string own = NewPatientId(clinic, AnnSmith());
  const std::string other = NewPatientId(clinic, {{"given_name", "Bob"}, {"family_name", "Brown"}});
  const http::HeaderList patient = SessionFor(clinic, identity::Role::kPatient, own);
  EXPECT_EQ(SendAs(Method::kGet, "/api/v1/patients/" + own, {}, patient).status, 200);
  EXPECT_EQ(SendAs(Method::kGet, "/api/v1/patients/" + own + "/history", {}, patient).status, 200);
  EXPECT_EQ(SendAs(Method::kGet, "/api/v1/patients/" + other, {}, patient).status, 403);
  EXPECT_EQ(SendAs(Method::kGet, "/api/v1/patients/" + other + "/history", {}, patient).status,
            403);
  EXPECT_EQ(SendAs(Method::kGet, "/api/v1/clinics/" + clinic + "/patients", {}, patient).status,
            403);
  EXPECT_EQ(SendAs(Method::kPatch, "/api/v1/patients/" + own, R"({"given_name":"Annie"})", patient)
                .status,
            403);
  EXPECT_EQ(SendAs(Method::kPost, "/api/v1/clinics/" + clinic + "/patients",
                   json::serialize(AnnSmith()), patient)
                .status,
            403);
  EXPECT_EQ(Count("patient"), 2);
  EXPECT_EQ(Count("patient_version"), 2);
  EXPECT_EQ(Events("patient.read"), 1);
  EXPECT_EQ(Events("patient.history"), 1);
  EXPECT_EQ(Events("patient.read", "denied"), 1);
  EXPECT_EQ(Events("patient.history", "denied"), 1);
  EXPECT_EQ(Events("patient.list", "denied"), 1);
  EXPECT_EQ(Events("patient.update", "denied"), 1);
  EXPECT_EQ(Events("patient.create", "denied"), 1);
}

TEST_F(PeopleApiTest, EveryPatientAccessIsAudited) {
  const std::string clinic = CreateClinic();
  const std::string other = CreateClinic("Other");
  const std::string id = NewPatientId(clinic, AnnSmith());
  EXPECT_EQ(Events("patient.create"), 1);
  ASSERT_EQ(Send(Method::kGet, "/api/v1/patients/" + id).status, 200);
  ASSERT_EQ(Send(Method::kGet, "/api/v1/patients/" + id + "/history").status, 200);
  ASSERT_EQ(Send(Method::kGet, "/api/v1/clinics/" + clinic + "/patients?q=ann").status, 200);
  ASSERT_EQ(Send(Method::kPatch, "/api/v1/patients/" + id, R"({"given_name":"Anna"})").status, 200);
  EXPECT_EQ(Events("patient.read"), 1);
  EXPECT_EQ(Events("patient.history"), 1);
  EXPECT_EQ(Events("patient.list"), 1);
  EXPECT_EQ(Events("patient.update"), 1);

  // The other clinic's admin is refused, and the refusal is on the record.
  const http::HeaderList outsider = AuthFor(other);
  EXPECT_EQ(SendAs(Method::kGet, "/api/v1/patients/" + id, {}, outsider).status, 403);
  EXPECT_EQ(
      SendAs(Method::kPatch, "/api/v1/patients/" + id, R"({"given_name":"X"})", outsider).status,
      403);
  EXPECT_EQ(Events("patient.read", "denied"), 1);
  EXPECT_EQ(Events("patient.update", "denied"), 1);

  // Who, what, which patient and clinic, when, from where.
  const auto read = db_->Read([&](db::Session& session) -> Result<void> {
    auto row = session.QueryOne(
        "SELECT e.actor, e.role, e.resource_type, e.resource_id, e.request_id, p.uuid, c.uuid "
        "FROM audit_event e JOIN patient p ON p.id = e.patient_id "
        "JOIN clinic c ON c.id = e.clinic_id WHERE e.action = 'patient.update' "
        "AND e.outcome = 'success'");
    if (!row) return row.error();
    EXPECT_TRUE(*row);
    if (!*row) return {};
    EXPECT_EQ((*row)->Text(0), admin_uuids_.front());
    EXPECT_EQ((*row)->Text(1), "admin");
    EXPECT_EQ((*row)->Text(2), "patient");
    EXPECT_EQ((*row)->Text(3), id);
    EXPECT_EQ((*row)->Text(4), "test");
    EXPECT_EQ((*row)->Text(5), id);
    EXPECT_EQ((*row)->Text(6), clinic);
    return {};
  });
  EXPECT_TRUE(read);
  // A failed write leaves no success event: the event shares its transaction.
  EXPECT_EQ(Send(Method::kPatch, "/api/v1/patients/" + id, R"({"given_name":"Anna"})",
                 {{"if-match", "\"1\""}})
                .status,
            409);
  EXPECT_EQ(Events("patient.update"), 1);
}

TEST_F(PeopleApiTest, DemoClinicIsCreatedOnce) {
  const auto first = CreateDemoClinic(*db_, clock_);
  ASSERT_TRUE(first) << first.error().internal();
  const auto second = CreateDemoClinic(*db_, clock_);
  ASSERT_TRUE(second);
  EXPECT_EQ(*first, *second);
  EXPECT_EQ(Count("clinic"), 1);
  EXPECT_EQ(Count("patient"), 8);
  EXPECT_EQ(Count("patient_version"), 8);

  admins_.emplace_back(*first, SessionFor(*first, identity::Role::kAdmin));
  const Reply clinic = Send(Method::kGet, "/api/v1/clinics/" + *first);
  EXPECT_EQ(clinic.Text("name"), "Calm Tissue Clinic (demo)");
  const Reply page = Send(Method::kGet, "/api/v1/clinics/" + *first + "/patients?q=amelia");
  ASSERT_EQ(page.Object().at("total"), 1);
  EXPECT_EQ(page.Object().at("items").as_array()[0].at("nhs_number"), "9434765919");
}

TEST_F(PeopleApiTest, DemoClinicLeavesAnExistingInstallationAlone) {
  const std::string clinic = CreateClinic("Real Clinic");
  const auto demo = CreateDemoClinic(*db_, clock_);
  ASSERT_TRUE(demo);
  EXPECT_EQ(*demo, clinic);
  EXPECT_EQ(Count("patient"), 0);
}

}  // namespace
}  // namespace unknot::people
