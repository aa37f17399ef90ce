// Invitations, password resets and two-step sign-in over real HTTP: a real
// server (TestServer) with a fake clock, the outbox delivered to a real SMTP
// receiver (aiosmtpd), links read back out of the received email.
#include <gtest/gtest.h>
#include <liboath/oath.h>

#include <boost/json.hpp>

#include <regex>

#include "http_test_support.hpp"
#include "smtp_test_support.hpp"
#include "unknot/platform/mail/outbox.hpp"

namespace unknot::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kPublicUrl = "http://unknot.test";
constexpr const char* kNewPassword = "a calm, long passphrase";

json::object Body(const RawResponse& response) {
  return json::parse(response.body).as_object();
}

std::string Text(const json::object& object, std::string_view key) {
  return std::string(object.at(key).as_string());
}

// The (path, code) of every issue in a problem document.
std::vector<std::pair<std::string, std::string>> Issues(const RawResponse& response) {
  std::vector<std::pair<std::string, std::string>> out;
  const json::object body = Body(response);
  for (const auto& issue : body.at("issues").as_array()) {
    out.emplace_back(issue.at("path").as_string(), issue.at("code").as_string());
  }
  return out;
}

std::string Json(const json::object& object) {
  return json::serialize(object);
}

// The TOTP code for `secret` at `at`, computed with liboath directly.
std::string TotpCode(const std::string& secret, Instant at) {
  char* raw = nullptr;
  std::size_t raw_length = 0;
  EXPECT_EQ(oath_base32_decode(secret.data(), secret.size(), &raw, &raw_length), OATH_OK);
  char code[16] = {};
  EXPECT_EQ(
      oath_totp_generate(raw, raw_length, static_cast<time_t>(at / 1'000'000), 30, 0, 6, code),
      OATH_OK);
  std::free(raw);
  return code;
}

std::string CookieHeader(const std::string& token) {
  return "Cookie: unknot_session=" + token + "\r\n";
}

class InvitationFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(oath_init(), OATH_OK);
    smtp_.Start();
    Config config = TestServer::DemoConfig();
    config.public_url = kPublicUrl;
    server_ = std::make_unique<TestServer>(config, &clock_);
    mail::MailSettings settings;
    settings.smtp_url = smtp_.url();
    deliverer_ = std::make_unique<mail::MailDeliverer>(server_->db(), clock_, settings);
  }

  std::uint16_t port() { return server_->port(); }

  RawResponse Send(const std::string& method, const std::string& path, const std::string& body = {},
                   const std::string& headers = {}) {
    return Exchange(port(), MakeRequest(method, path, body, "application/json", headers));
  }

  // Delivers the outbox now and returns every message received so far.
  std::vector<ReceivedMail> DeliverMail(std::size_t expect_total) {
    auto sent = deliverer_->DeliverDue();
    EXPECT_TRUE(sent) << sent.error().internal();
    return smtp_.WaitForMessages(expect_total, 5s);
  }

  // Demo patients without a login, oldest first: (uuid, internal id).
  std::vector<std::pair<std::string, std::int64_t>> PatientsWithoutLogin() {
    std::vector<std::pair<std::string, std::int64_t>> out;
    auto read = server_->db().Read([&](db::Session& session) -> Result<void> {
      auto rows = session.Query(
          "SELECT uuid, id FROM patient WHERE id NOT IN "
          "(SELECT patient_id FROM user_account WHERE patient_id IS NOT NULL) ORDER BY id");
      if (!rows) return rows.error();
      for (const auto& row : rows->rows) out.emplace_back(row.Text(0), row.Int(1));
      return {};
    });
    EXPECT_TRUE(read);
    return out;
  }

  std::int64_t AuditCount(const std::string& action, const std::string& outcome = "success") {
    return CountRows(server_->db(),
                     "audit_event WHERE action = '" + action + "' AND outcome = '" + outcome + "'");
  }

  // The token of the one link to `<public_url>/<kind>/…` in `mail`.
  static std::string LinkToken(const ReceivedMail& mail, const std::string& kind) {
    std::smatch match;
    const std::regex link(std::string(kPublicUrl) + "/" + kind + "/([A-Za-z0-9_-]{43})\n");
    EXPECT_TRUE(std::regex_search(mail.body, match, link)) << mail.body;
    return match.size() > 1 ? match[1].str() : std::string();
  }

  FakeClock clock_;
  SmtpReceiver smtp_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<mail::MailDeliverer> deliverer_;
};

TEST_F(InvitationFlowTest, AClinicianInvitesAPatientWhoSetsAPasswordAndSeesOnlyTheirRecord) {
  const auto patients = PatientsWithoutLogin();
  ASSERT_GE(patients.size(), 2u);
  const std::string invited = patients[0].first;
  const std::string other = patients[1].first;
  const SignedIn clinician = SignIn(port(), kDemoClinician, kDemoPasswordText);
  ASSERT_EQ(clinician.response.status, 200) << clinician.response.body;

  // Without a session, and without the CSRF header, nothing is sent.
  const std::string path = "/api/v1/patients/" + invited + "/invitation";
  const std::string email_body = Json({{"email", "Invitee@Example.org"}});
  EXPECT_EQ(Send("POST", path, email_body).status, 401);
  EXPECT_EQ(Send("POST", path, email_body, clinician.CookieOnly()).status, 403);

  const RawResponse created = Send("POST", path, email_body, clinician.Headers());
  ASSERT_EQ(created.status, 201) << created.body;
  const json::object invitation = Body(created);
  EXPECT_EQ(Text(invitation, "email"), "invitee@example.org");
  EXPECT_EQ(Text(invitation, "expires_at"), FormatInstant(clock_.Now() + 7LL * 86400 * 1'000'000));
  EXPECT_EQ(AuditCount("invitation.create"), 1);

  const auto messages = DeliverMail(1);
  ASSERT_EQ(messages.size(), 1u);
  const ReceivedMail& mail = messages[0];
  EXPECT_EQ(mail.Header("x-rcptto"), "invitee@example.org");
  EXPECT_EQ(mail.Header("subject"), "Set up your unknot account");
  EXPECT_EQ(mail.Header("content-type"), "text/plain; charset=utf-8");
  EXPECT_NE(mail.body.find("expires in 7 days"), std::string::npos) << mail.body;
  // Names and a link only: no birth date, NHS number or clinic.
  for (const char* absent : {"1984", "943", "NHS", "Calm Tissue"}) {
    EXPECT_EQ(mail.body.find(absent), std::string::npos) << absent << " in " << mail.body;
  }
  const std::string token = LinkToken(mail, "invite");
  ASSERT_FALSE(token.empty());

  const RawResponse shown = Send("GET", "/api/v1/invitations/" + token);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(Text(Body(shown), "email"), "invitee@example.org");
  EXPECT_EQ(Text(Body(shown), "role"), "patient");
  EXPECT_FALSE(Text(Body(shown), "clinic_name").empty());

  const std::string accept = "/api/v1/invitations/" + token + "/accept";
  const RawResponse too_short = Send("POST", accept, Json({{"password", "short"}}));
  ASSERT_EQ(too_short.status, 400);
  EXPECT_EQ(Issues(too_short),
            (std::vector<std::pair<std::string, std::string>>{{"password", "too-short"}}));

  const RawResponse accepted = Send("POST", accept, Json({{"password", kNewPassword}}));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  const std::string cookie = accepted.Header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  const json::object me = Body(accepted).at("user").as_object();
  EXPECT_EQ(Text(me, "role"), "patient");
  EXPECT_EQ(Text(me, "patient_id"), invited);
  EXPECT_EQ(AuditCount("invitation.accept"), 1);

  // Signed in as that patient: their own record, nothing else.
  const std::string patient = CookieHeader(CookieValue(cookie, "unknot_session"));
  EXPECT_EQ(Send("GET", "/api/v1/patients/" + invited, {}, patient).status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/patients/" + other, {}, patient).status, 403);
  const std::string clinic = Text(Body(Send("GET", "/api/v1/session", {}, patient))
                                      .at("user")
                                      .as_object()
                                      .at("clinic")
                                      .as_object(),
                                  "id");
  EXPECT_EQ(Send("GET", "/api/v1/clinics/" + clinic + "/patients", {}, patient).status, 403);

  // The link is used up, and the password works for signing in.
  EXPECT_EQ(Send("POST", accept, Json({{"password", kNewPassword}})).status, 404);
  EXPECT_EQ(Send("GET", "/api/v1/invitations/" + token).status, 404);
  EXPECT_EQ(AuditCount("invitation.accept", "failure"), 2) << "the short password and the reuse";
  EXPECT_EQ(SignIn(port(), "invitee@example.org", kNewPassword).response.status, 200);

  // Inviting a patient who already has a login is refused.
  EXPECT_EQ(Send("POST", path, {}, clinician.Headers()).status, 409);
}

TEST_F(InvitationFlowTest, AnExpiredOrUnknownLinkIsNotFound) {
  const auto patients = PatientsWithoutLogin();
  ASSERT_FALSE(patients.empty());
  const SignedIn clinician = SignIn(port(), kDemoClinician, kDemoPasswordText);
  ASSERT_EQ(clinician.response.status, 200);
  // The demo patient has an email on record: the body may be empty.
  const RawResponse created = Send("POST", "/api/v1/patients/" + patients[0].first + "/invitation",
                                   {}, clinician.Headers());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto messages = DeliverMail(1);
  ASSERT_EQ(messages.size(), 1u);
  const std::string token = LinkToken(messages[0], "invite");
  EXPECT_EQ(Send("GET", "/api/v1/invitations/" + token).status, 200);

  clock_.Advance(7 * 24h + 1s);
  EXPECT_EQ(Send("GET", "/api/v1/invitations/" + token).status, 404);
  EXPECT_EQ(
      Send("POST", "/api/v1/invitations/" + token + "/accept", Json({{"password", kNewPassword}}))
          .status,
      404);
  EXPECT_EQ(Send("GET", "/api/v1/invitations/no-such-token").status, 404);
}

TEST_F(InvitationFlowTest, APatientCannotInviteAnyone) {
  const auto patients = PatientsWithoutLogin();
  ASSERT_FALSE(patients.empty());
  const SignedIn patient = SignIn(port(), kDemoPatient, kDemoPasswordText);
  ASSERT_EQ(patient.response.status, 200) << patient.response.body;
  const RawResponse refused =
      Send("POST", "/api/v1/patients/" + patients[0].first + "/invitation", {}, patient.Headers());
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(AuditCount("invitation.create", "denied"), 1);
  EXPECT_EQ(CountRows(server_->db(), "mail_outbox"), 0);
}

TEST_F(InvitationFlowTest, PasswordResetMailsOnlyKnownAccountsAndEndsEverySession) {
  const SignedIn before = SignIn(port(), kDemoClinician, kDemoPasswordText);
  ASSERT_EQ(before.response.status, 200);

  const RawResponse unknown =
      Send("POST", "/api/v1/password-resets", Json({{"email", "nobody@example.org"}}));
  const RawResponse known =
      Send("POST", "/api/v1/password-resets", Json({{"email", "Clinician@Demo.Unknot.Test"}}));
  EXPECT_EQ(unknown.status, 202);
  EXPECT_EQ(known.status, 202);
  EXPECT_EQ(unknown.body, known.body);
  EXPECT_EQ(AuditCount("password_reset.request"), 2);

  const auto messages = DeliverMail(1);
  std::this_thread::sleep_for(200ms);  // a second message, if one were wrongly sent
  ASSERT_EQ(smtp_.Messages().size(), 1u);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].Header("x-rcptto"), kDemoClinician);
  EXPECT_EQ(messages[0].Header("subject"), "Reset your unknot password");
  const std::string token = LinkToken(messages[0], "reset");
  const std::string path = "/api/v1/password-resets/" + token;

  EXPECT_EQ(Send("POST", path, Json({{"password", "too short"}})).status, 400);
  const RawResponse done = Send("POST", path, Json({{"password", kNewPassword}}));
  ASSERT_EQ(done.status, 204) << done.body;
  EXPECT_EQ(AuditCount("password_reset.complete"), 1);
  EXPECT_EQ(Send("POST", path, Json({{"password", kNewPassword}})).status, 404) << "used up";

  EXPECT_EQ(Send("GET", "/api/v1/session", {}, before.CookieOnly()).status, 401)
      << "the reset ended the old session";
  EXPECT_EQ(SignIn(port(), kDemoClinician, kDemoPasswordText).response.status, 401);
  EXPECT_EQ(SignIn(port(), kDemoClinician, kNewPassword).response.status, 200);
}

TEST_F(InvitationFlowTest, ResetRequestsAreLimitedPerEmail) {
  const std::string body = Json({{"email", "someone@example.org"}});
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Send("POST", "/api/v1/password-resets", body).status, 202) << i;
  }
  const RawResponse limited = Send("POST", "/api/v1/password-resets", body);
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_FALSE(limited.Header("retry-after").empty());
  EXPECT_EQ(AuditCount("password_reset.request", "denied"), 1);
  // Another address still gets its answer.
  EXPECT_EQ(Send("POST", "/api/v1/password-resets", Json({{"email", "other@example.org"}})).status,
            202);
}

TEST_F(InvitationFlowTest, AResetLinkExpiresAfterAnHour) {
  ASSERT_EQ(Send("POST", "/api/v1/password-resets", Json({{"email", kDemoAdmin}})).status, 202);
  const auto messages = DeliverMail(1);
  ASSERT_EQ(messages.size(), 1u);
  const std::string token = LinkToken(messages[0], "reset");
  clock_.Advance(1h + 1s);
  EXPECT_EQ(
      Send("POST", "/api/v1/password-resets/" + token, Json({{"password", kNewPassword}})).status,
      404);
  EXPECT_EQ(SignIn(port(), kDemoAdmin, kDemoPasswordText).response.status, 200);
}

TEST_F(InvitationFlowTest, TotpEnrolmentThenSignInNeedsACodeAndRecoveryCodesWorkOnce) {
  const SignedIn clinician = SignIn(port(), kDemoClinician, kDemoPasswordText);
  ASSERT_EQ(clinician.response.status, 200);
  const RawResponse started = Send("POST", "/api/v1/account/mfa/totp", {}, clinician.Headers());
  ASSERT_EQ(started.status, 200) << started.body;
  const std::string secret = Text(Body(started), "secret");
  EXPECT_TRUE(Text(Body(started), "otpauth_uri").starts_with("otpauth://totp/unknot%3A"));
  EXPECT_NE(Text(Body(started), "qr_svg").find("role=\"img\""), std::string::npos);

  // Not on until confirmed: sign-in still needs only the password.
  EXPECT_EQ(Body(SignIn(port(), kDemoClinician, kDemoPasswordText).response).at("mfa_pending"),
            false);

  const std::string code = TotpCode(secret, clock_.Now());
  const std::string wrong = std::to_string((std::stoi(code) + 1) % 1'000'000);
  const std::string confirm = "/api/v1/account/mfa/totp/confirm";
  const RawResponse refused =
      Send("POST", confirm, Json({{"code", std::string(6 - wrong.size(), '0') + wrong}}),
           clinician.Headers());
  ASSERT_EQ(refused.status, 400);
  EXPECT_EQ(Issues(refused),
            (std::vector<std::pair<std::string, std::string>>{{"code", "wrong-code"}}));
  const RawResponse confirmed = Send("POST", confirm, Json({{"code", code}}), clinician.Headers());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const json::array recovery = Body(confirmed).at("recovery_codes").as_array();
  ASSERT_EQ(recovery.size(), 10u);
  EXPECT_EQ(AuditCount("mfa.confirm"), 1);

  // Sign-in now stops half-way until a code is given.
  const auto pending = [&] {
    const SignedIn first = SignIn(port(), kDemoClinician, kDemoPasswordText);
    EXPECT_EQ(first.response.status, 200);
    EXPECT_EQ(Body(first.response).at("mfa_pending"), true);
    return CookieHeader(CookieValue(first.response.Header("set-cookie"), "unknot_session"));
  };
  const auto second_step = [&](const std::string& cookie, const json::object& body) {
    return Send("POST", "/api/v1/session/mfa", Json(body), cookie);
  };
  std::string cookie = pending();
  EXPECT_EQ(Send("GET", "/api/v1/session", {}, cookie).status, 401);
  EXPECT_EQ(second_step(cookie, {{"code", code}}).status, 401) << "a used code is refused";
  clock_.Advance(30s);
  const RawResponse signed_in = second_step(cookie, {{"code", TotpCode(secret, clock_.Now())}});
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_EQ(Body(signed_in).at("user").at("mfa_enabled"), true);

  const std::string first_code(recovery[0].as_string());
  cookie = pending();
  EXPECT_EQ(second_step(cookie, {{"recovery_code", first_code}}).status, 200);
  cookie = pending();
  EXPECT_EQ(second_step(cookie, {{"recovery_code", first_code}}).status, 401) << "used once";
  std::string second_code(recovery[1].as_string());
  for (char& c : second_code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(second_step(cookie, {{"recovery_code", second_code}}).status, 200);

  // New codes replace the old ones; turning TOTP off needs the password.
  const SignedIn session{signed_in, CookieValue(signed_in.Header("set-cookie"), "unknot_session"),
                         Text(Body(signed_in), "csrf_token")};
  const RawResponse replaced = Send("POST", "/api/v1/account/mfa/recovery-codes",
                                    Json({{"password", kDemoPasswordText}}), session.Headers());
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  cookie = pending();
  EXPECT_EQ(second_step(cookie, {{"recovery_code", std::string(recovery[2].as_string())}}).status,
            401)
      << "old codes stopped working";
  const RawResponse wrong_password =
      Send("DELETE", "/api/v1/account/mfa/totp", Json({{"password", "not the password"}}),
           session.Headers());
  ASSERT_EQ(wrong_password.status, 400);
  EXPECT_EQ(Issues(wrong_password),
            (std::vector<std::pair<std::string, std::string>>{{"password", "wrong-password"}}));
  EXPECT_EQ(Send("DELETE", "/api/v1/account/mfa/totp", Json({{"password", kDemoPasswordText}}),
                 session.Headers())
                .status,
            204);
  EXPECT_EQ(Body(SignIn(port(), kDemoClinician, kDemoPasswordText).response).at("mfa_pending"),
            false);
  EXPECT_EQ(AuditCount("mfa.disable"), 1);
  EXPECT_EQ(AuditCount("mfa.disable", "failure"), 1);
}

}  // namespace
}  // namespace unknot::testing
