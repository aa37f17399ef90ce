#include "unknot/identity/mfa.hpp"

#include <optional>

#include "unknot/identity/qr_svg.hpp"
#include "unknot/identity/recovery_codes.hpp"
#include "unknot/identity/totp.hpp"
#include "unknot/platform/log.hpp"

namespace unknot::identity {
namespace {

struct Credential {
  std::string secret;
  bool confirmed = false;
  std::optional<std::int64_t> last_used_step;
};

Result<std::optional<Credential>> LoadCredential(db::Session& session, std::int64_t user_id) {
  auto row = session.QueryOne(
      "SELECT secret, confirmed_at, last_used_step FROM totp_credential WHERE user_id = $1",
      {user_id});
  if (!row) return row.error();
  if (!*row) return std::optional<Credential>();
  const db::Row& r = **row;
  return std::optional<Credential>(Credential{r.Text(0), !r.IsNull(1), r.OptInt(2)});
}

Error WrongCode() {
  return Error::Invalid({{"code", "wrong-code",
                          "That code did not work. Enter the 6-digit code your app shows now."}});
}

Result<std::vector<std::string>> StoreNewRecoveryCodes(db::Session& session, std::int64_t user_id) {
  auto removed = session.Exec("DELETE FROM recovery_code WHERE user_id = $1", {user_id});
  if (!removed) return removed.error();
  std::vector<std::string> codes = NewRecoveryCodes();
  for (const std::string& code : codes) {
    auto inserted = session.Exec("INSERT INTO recovery_code (user_id, code_hash) VALUES ($1, $2)",
                                 {user_id, HashRecoveryCode(code)});
    if (!inserted) return inserted.error();
  }
  return codes;
}

// Records the accepted step unless a concurrent sign-in already used it.
Result<bool> UseTotpStep(db::Session& session, std::int64_t user_id, std::int64_t step) {
  auto updated = session.Exec(
      "UPDATE totp_credential SET last_used_step = $1 "
      "WHERE user_id = $2 AND (last_used_step IS NULL OR last_used_step < $1)",
      {step, user_id});
  if (!updated) return updated.error();
  return *updated == 1;
}

bool IsTotpShaped(std::string_view text) {
  if (text.size() != totp::kDigits) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Result<TotpEnrolment> StartTotpEnrolment(db::Session& session, std::int64_t user_id,
                                         std::string_view email, Instant now) {
  auto existing = LoadCredential(session, user_id);
  if (!existing) return existing.error();
  if (*existing && (*existing)->confirmed) {
    return Error(ErrorCode::kConflict,
                 "Two-step sign-in is already on. Turn it off before setting up a new app.");
  }
  TotpEnrolment enrolment;
  enrolment.secret = totp::NewSecret();
  enrolment.otpauth_uri = totp::OtpauthUri(enrolment.secret, email);
  auto svg = QrSvg(enrolment.otpauth_uri, "QR code to add unknot to your authenticator app");
  if (!svg) return svg.error();
  enrolment.qr_svg = std::move(*svg);
  auto removed = session.Exec("DELETE FROM totp_credential WHERE user_id = $1", {user_id});
  if (!removed) return removed.error();
  auto inserted =
      session.Exec("INSERT INTO totp_credential (user_id, secret, created_at) VALUES ($1, $2, $3)",
                   {user_id, enrolment.secret, now});
  if (!inserted) return inserted.error();
  return enrolment;
}

Result<std::vector<std::string>> ConfirmTotp(db::Session& session, std::int64_t user_id,
                                             std::string_view code, Instant now) {
  auto credential = LoadCredential(session, user_id);
  if (!credential) return credential.error();
  if (!*credential) {
    return Error(ErrorCode::kConflict, "Start setting up two-step sign-in first.");
  }
  if ((*credential)->confirmed) {
    return Error(ErrorCode::kConflict, "Two-step sign-in is already on.");
  }
  const auto step = totp::AcceptCode((*credential)->secret, code, now, std::nullopt);
  if (!step) return WrongCode();
  auto confirmed = session.Exec(
      "UPDATE totp_credential SET confirmed_at = $1, last_used_step = $2 "
      "WHERE user_id = $3 AND confirmed_at IS NULL",
      {now, *step, user_id});
  if (!confirmed) return confirmed.error();
  if (*confirmed != 1) return Error(ErrorCode::kConflict, "Two-step sign-in is already on.");
  return StoreNewRecoveryCodes(session, user_id);
}

Result<void> DisableTotp(db::Session& session, std::int64_t user_id) {
  auto codes = session.Exec("DELETE FROM recovery_code WHERE user_id = $1", {user_id});
  if (!codes) return codes.error();
  auto credential = session.Exec("DELETE FROM totp_credential WHERE user_id = $1", {user_id});
  if (!credential) return credential.error();
  return {};
}

Result<std::vector<std::string>> ReplaceRecoveryCodes(db::Session& session, std::int64_t user_id) {
  auto credential = LoadCredential(session, user_id);
  if (!credential) return credential.error();
  if (!*credential || !(*credential)->confirmed) {
    return Error(ErrorCode::kConflict,
                 "Recovery codes come with two-step sign-in. Turn it on first.");
  }
  return StoreNewRecoveryCodes(session, user_id);
}

Result<bool> VerifySecondFactor(db::Session& session, std::int64_t user_id,
                                std::string_view code_or_recovery, Instant now) {
  auto credential = LoadCredential(session, user_id);
  if (!credential) return credential.error();
  if (!*credential || !(*credential)->confirmed) return false;
  std::string_view typed = code_or_recovery;
  while (!typed.empty() && typed.front() == ' ') typed.remove_prefix(1);
  while (!typed.empty() && typed.back() == ' ') typed.remove_suffix(1);
  if (IsTotpShaped(typed)) {
    const auto step =
        totp::AcceptCode((*credential)->secret, typed, now, (*credential)->last_used_step);
    if (!step) return false;
    return UseTotpStep(session, user_id, *step);
  }
  const auto normalized = NormalizeRecoveryCode(typed);
  if (!normalized) return false;
  auto used = session.Exec(
      "UPDATE recovery_code SET used_at = $1 "
      "WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
      {now, user_id, HashRecoveryCode(*normalized)});
  if (!used) return used.error();
  return *used == 1;
}

bool HasConfirmedTotp(db::Session& session, std::int64_t user_id) {
  auto credential = LoadCredential(session, user_id);
  if (!credential) {
    const Error error = credential.error();
    log::Error("cannot read the TOTP credential",
               {{"user_id", user_id}, {"detail", error.internal()}});
    return true;
  }
  return *credential && (*credential)->confirmed;
}

}  // namespace unknot::identity
