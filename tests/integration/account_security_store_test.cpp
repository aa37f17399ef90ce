// The MFA, account-link and reset stores on both backends (the HTTP flows in
// invitation_flow_test.cpp run on SQLite only).
#include <gtest/gtest.h>

#include "db_test_support.hpp"
#include "http_test_support.hpp"
#include "unknot/identity/account_tokens.hpp"
#include "unknot/identity/invitations.hpp"
#include "unknot/identity/mfa.hpp"
#include "unknot/identity/password_resets.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/identity/totp.hpp"
#include "unknot/platform/db/migrations.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::identity {
namespace {

using db::Backend;
using testing::ScratchDatabase;

constexpr Instant kSecond = 1'000'000;
constexpr Instant kNow = 1795511107 * kSecond;

class AccountSecurityStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !testing::PostgresTestUrl()) {
      GTEST_SKIP() << "UNKNOT_TEST_PG_URL is not set";
    }
    auto scratch = ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(scratch) << scratch.error().internal();
    scratch_ = std::move(*scratch);
    ASSERT_TRUE(db::Migrate(db()));
    Write([&](db::Session& s) -> Result<void> {
      auto clinic = s.Exec(
          "INSERT INTO clinic (uuid, name, time_zone, created_at, updated_at) "
          "VALUES ($1, 'Test clinic', 'Europe/London', $2, $2)",
          {NewUuid(), kNow});
      if (!clinic) return clinic.error();
      auto id = s.QueryOne("SELECT id FROM clinic");
      if (!id) return id.error();
      clinic_id_ = (*id)->Int(0);
      for (const char* name : {"Ana", "Ben"}) {
        auto patient = s.Exec(
            "INSERT INTO patient (uuid, clinic_id, version, given_name, family_name, created_at, "
            "updated_at, search_name) VALUES ($1, $2, 1, $3, 'Test', $4, $4, $3)",
            {NewUuid(), clinic_id_, std::string(name), kNow});
        if (!patient) return patient.error();
      }
      auto ids = s.Query("SELECT id FROM patient ORDER BY id");
      if (!ids) return ids.error();
      patient_ids_ = {ids->rows[0].Int(0), ids->rows[1].Int(0)};
      auto user = InsertUser(s,
                             NewUser{.clinic_id = clinic_id_,
                                     .role = Role::kClinician,
                                     .email = "clin@example.org",
                                     .display_name = "Clin",
                                     .password_hash = std::string("$argon2id$placeholder")},
                             kNow);
      if (!user) return user.error();
      user_id_ = user->id;
      return {};
    });
  }

  db::Database& db() { return scratch_->db(); }

  void Write(const db::Database::Work& work) {
    auto written = db().Write(work);
    ASSERT_TRUE(written) << written.error().message() << " " << written.error().internal();
  }

  template <class T, class F>
  Result<T> InWrite(F&& f) {
    std::optional<Result<T>> out;
    auto written = db().Write([&](db::Session& s) -> Result<void> {
      out.emplace(f(s));
      if (!*out) return out->error();
      return {};
    });
    if (!written) return written.error();
    return std::move(*out);
  }

  InvitationRequest PatientInvite(std::int64_t patient_id, std::string email) {
    return InvitationRequest{.clinic_id = clinic_id_,
                             .role = Role::kPatient,
                             .email = std::move(email),
                             .display_name = "Ana Test",
                             .patient_id = patient_id,
                             .public_url = "https://unknot.test/",
                             .actor = "test"};
  }

  std::unique_ptr<ScratchDatabase> scratch_;
  std::int64_t clinic_id_ = 0;
  std::vector<std::int64_t> patient_ids_;
  std::int64_t user_id_ = 0;
};

TEST_P(AccountSecurityStoreTest, TotpEnrolmentConfirmationReplayAndRecoveryCodes) {
  auto enrolment = InWrite<TotpEnrolment>(
      [&](db::Session& s) { return StartTotpEnrolment(s, user_id_, "clin@example.org", kNow); });
  ASSERT_TRUE(enrolment);
  const std::string secret = enrolment->secret;
  auto unconfirmed =
      InWrite<bool>([&](db::Session& s) -> Result<bool> { return HasConfirmedTotp(s, user_id_); });
  EXPECT_FALSE(*unconfirmed);
  EXPECT_FALSE(*InWrite<bool>([&](db::Session& s) {
    return VerifySecondFactor(s, user_id_, *totp::Generate(secret, kNow), kNow);
  })) << "an unconfirmed credential is no second factor";

  auto wrong = InWrite<std::vector<std::string>>(
      [&](db::Session& s) { return ConfirmTotp(s, user_id_, "12345x", kNow); });
  ASSERT_FALSE(wrong);
  EXPECT_EQ(Error(wrong.error()).code(), ErrorCode::kInvalid);

  auto codes = InWrite<std::vector<std::string>>([&](db::Session& s) {
    return ConfirmTotp(s, user_id_, *totp::Generate(secret, kNow), kNow);
  });
  ASSERT_TRUE(codes);
  ASSERT_EQ(codes->size(), 10u);
  EXPECT_EQ(testing::CountRows(db(), "recovery_code"), 10);
  EXPECT_TRUE(*InWrite<bool>(
      [&](db::Session& s) -> Result<bool> { return HasConfirmedTotp(s, user_id_); }));
  auto restart = InWrite<TotpEnrolment>(
      [&](db::Session& s) { return StartTotpEnrolment(s, user_id_, "clin@example.org", kNow); });
  ASSERT_FALSE(restart);
  EXPECT_EQ(Error(restart.error()).code(), ErrorCode::kConflict);

  const auto verify = [&](const std::string& code, Instant at) {
    return *InWrite<bool>(
        [&](db::Session& s) { return VerifySecondFactor(s, user_id_, code, at); });
  };
  EXPECT_FALSE(verify(*totp::Generate(secret, kNow), kNow)) << "the confirming code was used";
  EXPECT_TRUE(verify(*totp::Generate(secret, kNow + 30 * kSecond), kNow + 30 * kSecond));
  EXPECT_FALSE(verify(*totp::Generate(secret, kNow + 30 * kSecond), kNow + 31 * kSecond));
  EXPECT_TRUE(verify((*codes)[3], kNow));
  EXPECT_FALSE(verify((*codes)[3], kNow)) << "a recovery code works once";
  EXPECT_FALSE(verify("not-a-code", kNow));

  auto replaced = InWrite<std::vector<std::string>>(
      [&](db::Session& s) { return ReplaceRecoveryCodes(s, user_id_); });
  ASSERT_TRUE(replaced);
  EXPECT_FALSE(verify((*codes)[4], kNow)) << "old codes are gone";
  EXPECT_TRUE(verify((*replaced)[0], kNow));

  Write([&](db::Session& s) { return DisableTotp(s, user_id_); });
  EXPECT_EQ(testing::CountRows(db(), "totp_credential"), 0);
  EXPECT_EQ(testing::CountRows(db(), "recovery_code"), 0);
  EXPECT_FALSE(verify((*replaced)[1], kNow));
}

TEST_P(AccountSecurityStoreTest, InvitationsCreateOrReuseTheAccountAndQueueOneEmailEach) {
  auto first = InWrite<InvitationResult>([&](db::Session& s) {
    return CreateInvitation(s, PatientInvite(patient_ids_[0], " Ana@Example.org "), kNow);
  });
  ASSERT_TRUE(first) << Error(first.error()).internal();
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->user.email, "ana@example.org");
  EXPECT_EQ(first->user.role, Role::kPatient);
  EXPECT_FALSE(first->user.password_hash);
  EXPECT_TRUE(first->link.starts_with("https://unknot.test/invite/")) << first->link;
  EXPECT_EQ(first->expires_at, kNow + 7LL * 24 * 3600 * kSecond);
  const std::string first_token = first->link.substr(first->link.rfind('/') + 1);

  // Again, with a corrected address: the same account, a new link; the old one stops.
  auto second = InWrite<InvitationResult>([&](db::Session& s) {
    return CreateInvitation(s, PatientInvite(patient_ids_[0], "ana.t@example.org"), kNow);
  });
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->user.id, first->user.id);
  EXPECT_EQ(second->user.email, "ana.t@example.org");
  EXPECT_EQ(testing::CountRows(db(), "mail_outbox WHERE kind = 'invitation'"), 2);
  const std::string second_token = second->link.substr(second->link.rfind('/') + 1);
  const auto live = [&](const std::string& token, Instant at) {
    return InWrite<std::optional<LiveToken>>([&](db::Session& s) {
             return FindLiveToken(s, token, TokenPurpose::kInvitation, at);
           })
        ->has_value();
  };
  EXPECT_FALSE(live(first_token, kNow));
  EXPECT_TRUE(live(second_token, kNow));
  EXPECT_FALSE(live(second_token, second->expires_at)) << "expired at expires_at";

  // Someone else's address is refused.
  auto taken = InWrite<InvitationResult>([&](db::Session& s) {
    return CreateInvitation(s, PatientInvite(patient_ids_[1], "clin@example.org"), kNow);
  });
  ASSERT_FALSE(taken);
  const Error error = taken.error();
  EXPECT_EQ(error.code(), ErrorCode::kConflict);
  ASSERT_EQ(error.issues().size(), 1u);
  EXPECT_EQ(error.issues()[0].path, "email");

  // Accepting uses the link up; the account then has a password and cannot be re-invited.
  auto accepted = InWrite<User>(
      [&](db::Session& s) { return AcceptInvitation(s, second_token, "$argon2id$x", kNow); });
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->password_hash, "$argon2id$x");
  auto again = InWrite<User>(
      [&](db::Session& s) { return AcceptInvitation(s, second_token, "$argon2id$y", kNow); });
  ASSERT_FALSE(again);
  EXPECT_EQ(Error(again.error()).code(), ErrorCode::kNotFound);
  auto reinvite = InWrite<InvitationResult>([&](db::Session& s) {
    return CreateInvitation(s, PatientInvite(patient_ids_[0], "ana.t@example.org"), kNow);
  });
  ASSERT_FALSE(reinvite);
  EXPECT_EQ(Error(reinvite.error()).code(), ErrorCode::kConflict);
}

TEST_P(AccountSecurityStoreTest, PasswordResetsMailKnownAccountsAndRevokeSessions) {
  auto unknown = InWrite<std::optional<User>>([&](db::Session& s) {
    return RequestPasswordReset(s, "nobody@example.org", "https://unknot.test", kNow);
  });
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(*unknown);
  EXPECT_EQ(testing::CountRows(db(), "mail_outbox"), 0);

  auto known = InWrite<std::optional<User>>([&](db::Session& s) {
    return RequestPasswordReset(s, "CLIN@example.org", "https://unknot.test", kNow);
  });
  ASSERT_TRUE(known);
  ASSERT_TRUE(*known);
  std::string body;
  Write([&](db::Session& s) -> Result<void> {
    auto row = s.QueryOne("SELECT recipient, body FROM mail_outbox");
    if (!row) return row.error();
    EXPECT_EQ((*row)->Text(0), "clin@example.org");
    body = (*row)->Text(1);
    return {};
  });
  const auto at = body.find("https://unknot.test/reset/");
  ASSERT_NE(at, std::string::npos) << body;
  const std::string token = body.substr(at + 26, 43);

  for (int i = 0; i < 2; ++i) {
    Write([&](db::Session& s) -> Result<void> {
      auto issued = InsertSession(s,
                                  NewSession{.user_id = user_id_,
                                             .expires_at = kNow + 3600 * kSecond,
                                             .address = "127.0.0.1",
                                             .user_agent = "test"},
                                  kNow);
      if (!issued) return issued.error();
      return {};
    });
  }
  auto done = InWrite<User>(
      [&](db::Session& s) { return CompletePasswordReset(s, token, "$argon2id$new", kNow); });
  ASSERT_TRUE(done) << Error(done.error()).internal();
  EXPECT_EQ(testing::CountRows(db(), "user_session WHERE revoked_at IS NULL"), 0);
  EXPECT_EQ(testing::CountRows(db(), "user_session WHERE revoked_at = " + std::to_string(kNow)), 2);
  auto reused = InWrite<User>(
      [&](db::Session& s) { return CompletePasswordReset(s, token, "$argon2id$again", kNow); });
  ASSERT_FALSE(reused);
  EXPECT_EQ(Error(reused.error()).code(), ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountSecurityStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace unknot::identity
