// Password resets by email link (routes in invitations.hpp). Functions run
// inside the caller's write transaction.
#pragma once

#include <optional>
#include <string_view>

#include "unknot/identity/user_store.hpp"

namespace unknot::identity {

// When `email` belongs to an enabled account with a password, issues a reset
// token (older reset links stop working) and queues the email with
// `<public_url>/reset/<token>`. Returns that user, or nullopt when nothing was
// sent — which the caller must never reveal to the client.
Result<std::optional<User>> RequestPasswordReset(db::Session& session, std::string_view email,
                                                 std::string_view public_url, Instant now);

// Uses up a live reset token, sets the new password (hashed by the caller)
// and revokes every session of the user. kNotFound for unknown, used or
// expired tokens (one message), and for disabled accounts.
Result<User> CompletePasswordReset(db::Session& session, std::string_view token,
                                   std::string_view password_hash, Instant now);

// kNotFound with the message every dead reset link gets.
Error ResetLinkGone();

// Whether `token` is a live reset link of an enabled account.
Result<bool> IsLiveResetToken(db::Session& session, std::string_view token, Instant now);

}  // namespace unknot::identity
