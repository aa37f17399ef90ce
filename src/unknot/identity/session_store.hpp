// Server-side sessions (table `user_session`, migration 0002).
//
// A session is addressed by a 256-bit random token that only the client
// holds; the row stores its hash (crypto::HashToken). Each session also has a
// CSRF token the client echoes in `X-CSRF-Token` on unsafe requests. An
// 'mfa_pending' session only proves the password and is good for nothing but
// the second sign-in step. Functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::identity {

enum class SessionState { kActive, kMfaPending };

struct SessionRecord {
  std::int64_t id = 0;
  std::string uuid;
  std::int64_t user_id = 0;
  std::string csrf_token;
  SessionState state = SessionState::kActive;
  Instant created_at = 0;
  Instant last_seen_at = 0;
  Instant expires_at = 0;  // absolute end
  std::string address;
  std::string user_agent;
  std::optional<Instant> revoked_at;
};

// A new session and the token that addresses it (never stored).
struct IssuedSession {
  SessionRecord record;
  std::string token;
};

struct NewSession {
  std::int64_t user_id = 0;
  SessionState state = SessionState::kActive;
  Instant expires_at = 0;
  std::string address;
  std::string user_agent;
};

Result<IssuedSession> InsertSession(db::Session& session, const NewSession& fields, Instant now);
// The session this token addresses (revoked or not); nullopt for an unknown token.
Result<std::optional<SessionRecord>> FindSessionByToken(db::Session& session,
                                                        std::string_view token);
Result<std::optional<SessionRecord>> FindSessionById(db::Session& session, std::int64_t id);
Result<std::optional<SessionRecord>> FindSessionByUuid(db::Session& session, std::string_view uuid);
// Sessions of a user that are not revoked and not past expires_at, newest first.
Result<std::vector<SessionRecord>> ListLiveSessions(db::Session& session, std::int64_t user_id,
                                                    Instant now);
Result<void> TouchSession(db::Session& session, std::int64_t session_id, Instant now);
Result<void> RevokeSession(db::Session& session, std::int64_t session_id, Instant now);
// Revokes every live session of the user except `keep` (when given); returns how many.
Result<std::int64_t> RevokeUserSessions(db::Session& session, std::int64_t user_id, Instant now,
                                        std::optional<std::int64_t> keep = std::nullopt);

}  // namespace unknot::identity
