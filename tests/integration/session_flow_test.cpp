// Sign-in, sessions, CSRF and throttling over real HTTP, with a clock the
// test moves by hand. Runs on SQLite, and on PostgreSQL when
// UNKNOT_TEST_PG_URL is set.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "http_test_support.hpp"
#include "unknot/identity/mfa.hpp"
#include "unknot/identity/totp.hpp"
#include "unknot/platform/crypto.hpp"

namespace unknot::testing {
namespace {

namespace json = boost::json;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kWrongPassword = "not-the-password";

std::set<std::string> CookieAttributes(const std::string& set_cookie) {
  std::set<std::string> out;
  std::istringstream in(set_cookie);
  std::string part;
  bool first = true;
  while (std::getline(in, part, ';')) {
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (!first) out.insert(part);
    first = false;
  }
  return out;
}

class SessionFlow : public ::testing::TestWithParam<db::Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == db::Backend::kPostgres && !PostgresTestUrl()) {
      GTEST_SKIP() << "UNKNOT_TEST_PG_URL is not set";
    }
    Start(TestServer::DemoConfig());
  }

  void Start(Config config) {
    server_.reset();
    scratch_ = UseBackend(config, GetParam());
    server_ = std::make_unique<TestServer>(config, &clock_);
  }

  std::uint16_t port() const { return server_->port(); }
  SignedIn As(const std::string& email, const std::string& password = kDemoPasswordText,
              const std::string& extra = {}) {
    return SignIn(port(), email, password, extra);
  }
  RawResponse Send(const std::string& method, const std::string& path, const std::string& headers,
                   const std::string& body = {}) {
    return Exchange(port(), MakeRequest(method, path, body, "application/json", headers));
  }
  int Status(const SignedIn& s, const std::string& path = "/api/v1/session") {
    return Send("GET", path, s.CookieOnly()).status;
  }
  std::string ClinicId(const SignedIn& s) {
    return Json(s.response).at("user").at("clinic").at("id").as_string().c_str();
  }
  std::string PatientsPath(const SignedIn& s) {
    return "/api/v1/clinics/" + ClinicId(s) + "/patients";
  }
  std::int64_t Patients() { return CountRows(server_->db(), "patient"); }

  FakeClock clock_;
  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<TestServer> server_;
};

TEST_P(SessionFlow, SignInSetsAStrictHttpOnlyCookieHoldingAnOpaqueToken) {
  const SignedIn s = As(kDemoClinician);
  ASSERT_EQ(s.response.status, 200) << s.response.body;
  const std::string set_cookie = s.response.Header("set-cookie");
  EXPECT_TRUE(set_cookie.starts_with("unknot_session=")) << set_cookie;
  EXPECT_EQ(CookieAttributes(set_cookie),
            (std::set<std::string>{"Path=/", "HttpOnly", "SameSite=Strict"}))
      << set_cookie;
  EXPECT_EQ(s.token.size(), 43u) << "256 bits, base64url";
  EXPECT_EQ(
      s.token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  EXPECT_EQ(s.response.Header("cache-control"), "no-store");

  const json::value body = Json(s.response);
  EXPECT_EQ(body.at("mfa_pending"), false);
  EXPECT_FALSE(body.at("csrf_token").as_string().empty());
  const json::value& user = body.at("user");
  EXPECT_EQ(user.at("email"), kDemoClinician);
  EXPECT_EQ(user.at("role"), "clinician");
  EXPECT_EQ(user.at("clinic").at("name"), "Calm Tissue Clinic (demo)");
  EXPECT_TRUE(user.at("patient_id").is_null());
  EXPECT_EQ(user.at("mfa_enabled"), false);
  EXPECT_EQ(user.at("mfa_required"), false);

  // The database keeps only the token's hash.
  const std::string hash = crypto::HashToken(s.token);
  std::int64_t raw = -1, hashed = -1;
  server_->db()
      .Read([&](db::Session& session) -> Result<void> {
        auto a =
            session.QueryOne("SELECT COUNT(*) FROM user_session WHERE token_hash = $1", {s.token});
        auto b =
            session.QueryOne("SELECT COUNT(*) FROM user_session WHERE token_hash = $1", {hash});
        if (!a || !b) return Error::Internal("count");
        raw = (*a)->Int(0);
        hashed = (*b)->Int(0);
        return {};
      })
      .value();
  EXPECT_EQ(raw, 0);
  EXPECT_EQ(hashed, 1);

  // GET /api/v1/session gives the same user and CSRF token back.
  const RawResponse current = Send("GET", "/api/v1/session", s.CookieOnly());
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(Json(current).at("csrf_token"), body.at("csrf_token"));
  EXPECT_EQ(Json(current).at("user"), user);
  EXPECT_EQ(CountAudit(server_->db(), "session.create"), 1);
}

TEST_P(SessionFlow, CookieIsSecureWhenThePublicUrlIsHttps) {
  Config config = TestServer::DemoConfig();
  config.public_url = "https://clinic.example.org";
  Start(config);
  const SignedIn s = As(kDemoClinician);
  ASSERT_EQ(s.response.status, 200) << s.response.body;
  EXPECT_EQ(CookieAttributes(s.response.Header("set-cookie")),
            (std::set<std::string>{"Path=/", "HttpOnly", "SameSite=Strict", "Secure"}));
  const RawResponse out = Send("DELETE", "/api/v1/session", s.Headers());
  EXPECT_EQ(out.status, 204);
  EXPECT_TRUE(CookieAttributes(out.Header("set-cookie")).contains("Secure"));
}

TEST_P(SessionFlow, TheTokenRotatesAtEverySignIn) {
  const SignedIn first = As(kDemoClinician);
  ASSERT_EQ(first.response.status, 200);
  // Presenting a cookie changes nothing: sign-in always starts a new session.
  const SignedIn second = As(kDemoClinician, kDemoPasswordText, first.CookieOnly());
  ASSERT_EQ(second.response.status, 200);
  EXPECT_NE(second.token, first.token);
  EXPECT_NE(second.csrf, first.csrf);
  EXPECT_EQ(CountRows(server_->db(), "user_session"), 2);
  EXPECT_EQ(Status(first), 200);
  EXPECT_EQ(Status(second), 200);
}

TEST_P(SessionFlow, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  const auto timed = [&](const std::string& email) {
    const auto start = std::chrono::steady_clock::now();
    const SignedIn s = As(email, kWrongPassword);
    return std::pair{s, std::chrono::steady_clock::now() - start};
  };
  std::vector<std::chrono::nanoseconds> known, unknown;
  std::string known_body, unknown_body;
  for (int i = 0; i < 3; ++i) {
    auto [k, k_time] = timed(kDemoClinician);
    auto [u, u_time] = timed("nobody-" + std::to_string(i) + "@example.org");
    EXPECT_EQ(k.response.status, 401);
    EXPECT_EQ(u.response.status, 401);
    EXPECT_EQ(k.response.Header("set-cookie"), "");
    EXPECT_EQ(u.response.Header("set-cookie"), "");
    known_body = k.response.body;
    unknown_body = u.response.body;
    known.push_back(k_time);
    unknown.push_back(u_time);
  }
  EXPECT_EQ(known_body, unknown_body);
  EXPECT_EQ(Json(RawResponse{.body = known_body}).at("detail"),
            "The email or password is not right.");
  // Both pay for one Argon2id verification; medians within a factor of three.
  std::sort(known.begin(), known.end());
  std::sort(unknown.begin(), unknown.end());
  const double ratio = double(unknown[1].count()) / double(known[1].count());
  EXPECT_GT(ratio, 1.0 / 3) << "unknown emails answer suspiciously fast";
  EXPECT_LT(ratio, 3.0);
  EXPECT_EQ(CountAudit(server_->db(), "session.create", "failure"), 6);
}

TEST_P(SessionFlow, ThrottlingLocksTheAccountWithBackoffThenLetsGo) {
  for (int i = 0; i < 6; ++i) EXPECT_EQ(As(kDemoClinician, kWrongPassword).response.status, 401);
  // Five free failures; the sixth locks the account for 1 s — even the right password waits.
  const SignedIn locked = As(kDemoClinician);
  EXPECT_EQ(locked.response.status, 429) << locked.response.body;
  EXPECT_EQ(locked.response.Header("retry-after"), "1");
  EXPECT_EQ(locked.response.Header("content-type"), "application/problem+json");
  EXPECT_EQ(CountAudit(server_->db(), "session.create", "denied"), 1);
  // Other accounts are not affected.
  EXPECT_EQ(As(kDemoAdmin).response.status, 200);

  clock_.Advance(seconds(2));
  EXPECT_EQ(As(kDemoClinician).response.status, 200) << "works again after the lock";
  // Success cleared the account's count: the next failure is a plain 401.
  EXPECT_EQ(As(kDemoClinician, kWrongPassword).response.status, 401);
  EXPECT_EQ(As(kDemoClinician).response.status, 200);

  // The lock doubles with each further failure.
  for (int i = 0; i < 6; ++i) As(kDemoClinician, kWrongPassword);
  EXPECT_EQ(As(kDemoClinician).response.Header("retry-after"), "1");
  clock_.Advance(seconds(2));
  EXPECT_EQ(As(kDemoClinician, kWrongPassword).response.status, 401);
  const SignedIn doubled = As(kDemoClinician);
  EXPECT_EQ(doubled.response.status, 429);
  EXPECT_EQ(doubled.response.Header("retry-after"), "2");
}

TEST_P(SessionFlow, ThrottlingLocksAnAddressThatTriesManyAccounts) {
  for (int i = 0; i < 21; ++i) {
    EXPECT_EQ(As("guess" + std::to_string(i) + "@example.org", kWrongPassword).response.status,
              401);
  }
  const SignedIn locked = As(kDemoAdmin);
  EXPECT_EQ(locked.response.status, 429);
  EXPECT_EQ(locked.response.Header("retry-after"), "1");
  clock_.Advance(seconds(2));
  EXPECT_EQ(As(kDemoAdmin).response.status, 200);
}

TEST_P(SessionFlow, UnsafeRequestsNeedTheCsrfToken) {
  const SignedIn s = As(kDemoClinician);
  ASSERT_EQ(s.response.status, 200);
  const std::string body = R"({"given_name":"Ada","family_name":"Lovelace"})";
  const auto before = Patients();
  const RawResponse none = Send("POST", PatientsPath(s), s.CookieOnly(), body);
  EXPECT_EQ(none.status, 403) << none.body;
  const RawResponse wrong =
      Send("POST", PatientsPath(s), s.CookieOnly() + "X-CSRF-Token: " + s.csrf + "x\r\n", body);
  EXPECT_EQ(wrong.status, 403);
  // Another session's token does not fit this session.
  const SignedIn other = As(kDemoAdmin);
  EXPECT_EQ(
      Send("POST", PatientsPath(s), s.CookieOnly() + "X-CSRF-Token: " + other.csrf + "\r\n", body)
          .status,
      403);
  EXPECT_EQ(Patients(), before);
  EXPECT_EQ(Send("DELETE", "/api/v1/session", s.CookieOnly()).status, 403);
  EXPECT_EQ(Send("PUT", "/api/v1/account/password", s.CookieOnly(),
                 R"({"current_password":"demo-password-123","new_password":"another-password-1"})")
                .status,
            403);
  EXPECT_EQ(Status(s), 200) << "still signed in";
  EXPECT_EQ(As(kDemoClinician).response.status, 200) << "password unchanged";
  EXPECT_EQ(Send("POST", PatientsPath(s), s.Headers(), body).status, 201);
  EXPECT_EQ(Patients(), before + 1);
}

TEST_P(SessionFlow, IdleTimeoutDependsOnTheRole) {
  const SignedIn staff = As(kDemoClinician);
  const SignedIn patient = As(kDemoPatient);
  ASSERT_EQ(staff.response.status, 200);
  ASSERT_EQ(patient.response.status, 200) << patient.response.body;
  clock_.Advance(minutes(29));
  EXPECT_EQ(Status(staff), 200);
  clock_.Advance(minutes(29));
  EXPECT_EQ(Status(staff), 200) << "activity keeps a session alive";
  clock_.Advance(minutes(31));
  EXPECT_EQ(Status(staff), 401) << "31 idle minutes end a staff session";
  // The patient was idle 89 minutes: still within their 120.
  EXPECT_EQ(Status(patient), 200);
  clock_.Advance(minutes(121));
  EXPECT_EQ(Status(patient), 401);
}

TEST_P(SessionFlow, AbsoluteTimeoutEndsEvenABusySession) {
  const SignedIn s = As(kDemoClinician);
  for (int i = 0; i < 35; ++i) {
    clock_.Advance(minutes(20));
    ASSERT_EQ(Status(s), 200) << "after " << (i + 1) * 20 << " minutes";
  }
  clock_.Advance(minutes(20));  // 12 hours after sign-in
  EXPECT_EQ(Status(s), 401);
}

TEST_P(SessionFlow, SignOutEndsTheSessionAndClearsTheCookie) {
  const SignedIn s = As(kDemoClinician);
  const RawResponse out = Send("DELETE", "/api/v1/session", s.Headers());
  EXPECT_EQ(out.status, 204);
  const std::string cleared = out.Header("set-cookie");
  EXPECT_TRUE(cleared.starts_with("unknot_session=;")) << cleared;
  EXPECT_TRUE(CookieAttributes(cleared).contains("Max-Age=0")) << cleared;
  EXPECT_EQ(Status(s), 401);
  EXPECT_EQ(Send("DELETE", "/api/v1/session", s.Headers()).status, 401);
  EXPECT_EQ(CountAudit(server_->db(), "session.delete"), 1);
}

TEST_P(SessionFlow, SessionsListAndSignOutEverywhereElse) {
  const SignedIn a = As(kDemoClinician, kDemoPasswordText, "User-Agent: agent-a\r\n");
  const SignedIn b = As(kDemoClinician, kDemoPasswordText, "User-Agent: agent-b\r\n");
  const SignedIn c = As(kDemoClinician, kDemoPasswordText, "User-Agent: agent-c\r\n");
  const SignedIn admin = As(kDemoAdmin);
  const auto sessions = [&](const SignedIn& s) {
    const RawResponse r = Send("GET", "/api/v1/account/sessions", s.CookieOnly());
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, json::object> by_agent;
    const json::value body = Json(r);
    for (const auto& item : body.at("items").as_array()) {
      by_agent[item.at("user_agent").as_string().c_str()] = item.as_object();
    }
    return by_agent;
  };
  auto listed = sessions(a);
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed["agent-a"].at("current"), true);
  EXPECT_EQ(listed["agent-b"].at("current"), false);
  EXPECT_EQ(listed["agent-a"].at("address"), "127.0.0.1");

  // Revoke one by id; someone else's session id is not found.
  const std::string c_id = listed["agent-c"].at("id").as_string().c_str();
  EXPECT_EQ(Send("DELETE", "/api/v1/account/sessions/" + c_id, a.Headers()).status, 204);
  EXPECT_EQ(Status(c), 401);
  const std::string admin_id = sessions(admin).begin()->second.at("id").as_string().c_str();
  EXPECT_EQ(Send("DELETE", "/api/v1/account/sessions/" + admin_id, a.Headers()).status, 404);
  EXPECT_EQ(Status(admin), 200);

  EXPECT_EQ(Send("DELETE", "/api/v1/account/sessions", a.Headers()).status, 204);
  EXPECT_EQ(Status(b), 401);
  EXPECT_EQ(Status(a), 200) << "the current session stays";
  EXPECT_EQ(Status(admin), 200) << "other users are untouched";
  EXPECT_EQ(sessions(a).size(), 1u);
}

TEST_P(SessionFlow, PasswordChangeEndsOtherSessions) {
  const SignedIn a = As(kDemoClinician);
  const SignedIn b = As(kDemoClinician);
  const auto change = [&](const std::string& current, const std::string& fresh) {
    return Send(
        "PUT", "/api/v1/account/password", a.Headers(),
        json::serialize(json::object{{"current_password", current}, {"new_password", fresh}}));
  };
  const RawResponse wrong = change(kWrongPassword, "a-brand-new-password");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(Json(wrong).at("issues").at(0).at("path"), "current_password");
  const RawResponse shortened = change(kDemoPasswordText, "short-pw");
  EXPECT_EQ(shortened.status, 400);
  EXPECT_EQ(Json(shortened).at("issues").at(0).at("code"), "too-short");
  EXPECT_EQ(Status(b), 200) << "refused changes end nothing";

  EXPECT_EQ(change(kDemoPasswordText, "a-brand-new-password").status, 204);
  EXPECT_EQ(Status(b), 401);
  EXPECT_EQ(Status(a), 200);
  EXPECT_EQ(As(kDemoClinician).response.status, 401);
  EXPECT_EQ(As(kDemoClinician, "a-brand-new-password").response.status, 200);
}

TEST_P(SessionFlow, ADisabledUserCannotSignInAndLosesTheirSessions) {
  const SignedIn admin = As(kDemoAdmin);
  const SignedIn clinician = As(kDemoClinician);
  const std::string clinician_id = Json(clinician.response).at("user").at("id").as_string().c_str();
  const std::string admin_id = Json(admin.response).at("user").at("id").as_string().c_str();

  const RawResponse disabled =
      Send("PATCH", "/api/v1/users/" + clinician_id, admin.Headers(), R"({"disabled":true})");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(Json(disabled).at("disabled"), true);
  EXPECT_EQ(Status(clinician), 401);
  const SignedIn refused = As(kDemoClinician);
  EXPECT_EQ(refused.response.status, 401);
  EXPECT_EQ(refused.response.body, As("nobody@example.org").response.body)
      << "a disabled account looks like any wrong sign-in";

  EXPECT_EQ(
      Send("PATCH", "/api/v1/users/" + admin_id, admin.Headers(), R"({"disabled":true})").status,
      409)
      << "an admin cannot lock themself out";
  EXPECT_EQ(Send("PATCH", "/api/v1/users/" + clinician_id, admin.Headers(), R"({"disabled":false})")
                .status,
            200);
  EXPECT_EQ(As(kDemoClinician).response.status, 200);
}

TEST_P(SessionFlow, AClinicRequiringMfaHoldsStaffWithoutIt) {
  const SignedIn admin = As(kDemoAdmin);
  const SignedIn clinician = As(kDemoClinician);
  const SignedIn patient = As(kDemoPatient);
  const RawResponse set = Send("PATCH", "/api/v1/clinics/" + ClinicId(admin), admin.Headers(),
                               R"({"require_mfa":true})");
  ASSERT_EQ(set.status, 200) << set.body;
  const RawResponse held = Send("GET", PatientsPath(clinician), clinician.CookieOnly());
  EXPECT_EQ(held.status, 403);
  EXPECT_NE(Json(held).at("detail").as_string().find("two-step"), std::string::npos);
  // The account routes stay open, so they can enrol.
  const RawResponse me = Send("GET", "/api/v1/session", clinician.CookieOnly());
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(Json(me).at("user").at("mfa_required"), true);
  // Patients are not asked for a second factor.
  const std::string own = Json(patient.response).at("user").at("patient_id").as_string().c_str();
  EXPECT_EQ(Status(patient, "/api/v1/patients/" + own), 200);
}

TEST_P(SessionFlow, ASecondFactorTurnsAPasswordOnlySessionIntoARealOne) {
  // Enrol the clinician through the MFA module, as the account page would.
  const SignedIn before = As(kDemoClinician);
  const std::int64_t user_id = [&] {
    std::int64_t id = 0;
    server_->db()
        .Read([&](db::Session& session) -> Result<void> {
          auto row = session.QueryOne("SELECT id FROM user_account WHERE email = $1",
                                      {std::string(kDemoClinician)});
          if (!row || !*row) return Error::Internal("no clinician");
          id = (**row).Int(0);
          return {};
        })
        .value();
    return id;
  }();
  std::string secret;
  server_->db()
      .Write([&](db::Session& session) -> Result<void> {
        auto started = identity::StartTotpEnrolment(session, user_id, kDemoClinician, clock_.Now());
        if (!started) return started.error();
        secret = started->secret;
        auto code = identity::totp::Generate(secret, clock_.Now());
        auto confirmed = identity::ConfirmTotp(session, user_id, *code, clock_.Now());
        if (!confirmed) return confirmed.error();
        return {};
      })
      .value();
  clock_.Advance(seconds(90));  // a fresh 30-second step

  const SignedIn pending = As(kDemoClinician);
  ASSERT_EQ(pending.response.status, 200) << pending.response.body;
  EXPECT_EQ(Json(pending.response), json::parse(R"({"mfa_pending":true})"));
  const std::string pending_token =
      CookieValue(pending.response.Header("set-cookie"), "unknot_session");
  ASSERT_FALSE(pending_token.empty());
  const std::string pending_cookie = "Cookie: unknot_session=" + pending_token + "\r\n";
  // A password-only session opens nothing else.
  EXPECT_EQ(Send("GET", "/api/v1/session", pending_cookie).status, 401);
  EXPECT_EQ(Send("GET", PatientsPath(before), pending_cookie).status, 401);

  EXPECT_EQ(Send("POST", "/api/v1/session/mfa", pending_cookie, R"({"code":"000000"})").status,
            401);
  const std::string code = *identity::totp::Generate(secret, clock_.Now());
  const RawResponse done = Send("POST", "/api/v1/session/mfa", pending_cookie,
                                json::serialize(json::object{{"code", code}}));
  ASSERT_EQ(done.status, 200) << done.body;
  const std::string token = CookieValue(done.Header("set-cookie"), "unknot_session");
  EXPECT_NE(token, pending_token) << "the token rotates again";
  EXPECT_EQ(Json(done).at("user").at("mfa_enabled"), true);
  EXPECT_EQ(Send("GET", "/api/v1/session", "Cookie: unknot_session=" + token + "\r\n").status, 200);
  EXPECT_EQ(Send("POST", "/api/v1/session/mfa", pending_cookie,
                 json::serialize(json::object{{"code", code}}))
                .status,
            401)
      << "the password-only session is used up";
  EXPECT_EQ(Send("POST", "/api/v1/session/mfa", "", R"({"code":"000000"})").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionFlow,
                         ::testing::Values(db::Backend::kSqlite, db::Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace unknot::testing
