#include "unknot/identity/password_resets.hpp"

#include "unknot/identity/account_mail.hpp"
#include "unknot/identity/account_tokens.hpp"
#include "unknot/identity/invitations.hpp"
#include "unknot/identity/session_store.hpp"
#include "unknot/platform/mail/outbox.hpp"

namespace unknot::identity {
namespace {

// The live token and its enabled user; nullopt otherwise.
struct LiveReset {
  LiveToken token;
  User user;
};

Result<std::optional<LiveReset>> FindLiveReset(db::Session& session, std::string_view token,
                                               Instant now) {
  auto live = FindLiveToken(session, token, TokenPurpose::kPasswordReset, now);
  if (!live) return live.error();
  if (!*live) return std::optional<LiveReset>();
  auto user = FindUserById(session, (*live)->user_id);
  if (!user) return user.error();
  if (!*user || (*user)->disabled) return std::optional<LiveReset>();
  return std::optional<LiveReset>(LiveReset{**live, std::move(**user)});
}

}  // namespace

Error ResetLinkGone() {
  return Error(ErrorCode::kNotFound,
               "This reset link does not work any more. It may have been used already or have "
               "expired. You can ask for a new one from the sign-in page.");
}

Result<std::optional<User>> RequestPasswordReset(db::Session& session, std::string_view email,
                                                 std::string_view public_url, Instant now) {
  auto normalised = NormaliseAccountEmail(email);
  if (!normalised) return std::optional<User>();
  auto user = FindUserByEmail(session, *normalised);
  if (!user) return user.error();
  if (!*user || (*user)->disabled || !(*user)->password_hash) return std::optional<User>();
  const Instant lifetime =
      std::chrono::duration_cast<std::chrono::microseconds>(kPasswordResetLifetime).count();
  auto token = IssueAccountToken(session, (*user)->id, TokenPurpose::kPasswordReset, lifetime, now);
  if (!token) return token.error();
  auto queued = mail::EnqueueMail(session,
                                  PasswordResetMail((*user)->email, (*user)->display_name,
                                                    AccountLink(public_url, "reset", token->token)),
                                  now);
  if (!queued) return queued.error();
  return user;
}

Result<User> CompletePasswordReset(db::Session& session, std::string_view token,
                                   std::string_view password_hash, Instant now) {
  auto live = FindLiveReset(session, token, now);
  if (!live) return live.error();
  if (!*live) return ResetLinkGone();
  auto used = UseAccountToken(session, (*live)->token.id, now);
  if (!used) return used.error();
  if (!*used) return ResetLinkGone();
  const std::int64_t user_id = (*live)->user.id;
  if (auto set = SetPasswordHash(session, user_id, password_hash, now); !set) return set.error();
  auto revoked = RevokeUserSessions(session, user_id, now);
  if (!revoked) return revoked.error();
  return std::move((*live)->user);
}

Result<bool> IsLiveResetToken(db::Session& session, std::string_view token, Instant now) {
  auto live = FindLiveReset(session, token, now);
  if (!live) return live.error();
  return live->has_value();
}

}  // namespace unknot::identity
