// Single-use account links (table account_token, migration 0003): invitation
// and password-reset tokens. A token is 256 random bits in the link only; the
// row keeps its hash (crypto::HashToken), an expiry and when it was used.
// Functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::identity {

enum class TokenPurpose { kInvitation, kPasswordReset };

struct IssuedToken {
  std::string token;  // goes into the link; never stored
  Instant expires_at = 0;
};

struct LiveToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  Instant expires_at = 0;
};

// A new token for the user; the user's earlier unused tokens of the same
// purpose stop working, so only the newest link does.
Result<IssuedToken> IssueAccountToken(db::Session& session, std::int64_t user_id,
                                      TokenPurpose purpose, Instant lifetime, Instant now);

// The token when it exists for this purpose, is unused and unexpired;
// nullopt otherwise (the caller answers all three cases the same way).
Result<std::optional<LiveToken>> FindLiveToken(db::Session& session, std::string_view token,
                                               TokenPurpose purpose, Instant now);

// Marks a live token used; false when a concurrent request used it first.
Result<bool> UseAccountToken(db::Session& session, std::int64_t token_id, Instant now);

}  // namespace unknot::identity
