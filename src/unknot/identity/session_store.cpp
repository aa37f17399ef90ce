#include "unknot/identity/session_store.hpp"

#include "unknot/platform/crypto.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::identity {
namespace {

constexpr std::string_view kSelectSession =
    "SELECT id, uuid, user_id, csrf_token, state, created_at, last_seen_at, expires_at, address, "
    "user_agent, revoked_at FROM user_session";

std::string_view StateName(SessionState state) {
  return state == SessionState::kActive ? "active" : "mfa_pending";
}

SessionRecord SessionFromRow(const db::Row& row) {
  SessionRecord s;
  s.id = row.Int(0);
  s.uuid = row.Text(1);
  s.user_id = row.Int(2);
  s.csrf_token = row.Text(3);
  s.state = row.Text(4) == "active" ? SessionState::kActive : SessionState::kMfaPending;
  s.created_at = row.Int(5);
  s.last_seen_at = row.Int(6);
  s.expires_at = row.Int(7);
  s.address = row.Text(8);
  s.user_agent = row.Text(9);
  s.revoked_at = row.OptInt(10);
  return s;
}

Result<std::optional<SessionRecord>> FindOne(db::Session& session, std::string_view column,
                                             db::Value value) {
  const std::string sql = std::string(kSelectSession) + " WHERE " + std::string(column) + " = $1";
  auto row = session.QueryOne(sql, {std::move(value)});
  if (!row) return row.error();
  if (!*row) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(SessionFromRow(**row));
}

}  // namespace

Result<IssuedSession> InsertSession(db::Session& session, const NewSession& fields, Instant now) {
  IssuedSession issued;
  issued.token = crypto::RandomToken();
  SessionRecord& s = issued.record;
  s.uuid = NewUuid();
  s.user_id = fields.user_id;
  s.csrf_token = crypto::RandomToken();
  s.state = fields.state;
  s.created_at = now;
  s.last_seen_at = now;
  s.expires_at = fields.expires_at;
  s.address = fields.address;
  s.user_agent = fields.user_agent;
  auto row = session.QueryOne(
      "INSERT INTO user_session (uuid, user_id, token_hash, csrf_token, state, created_at, "
      "last_seen_at, expires_at, address, user_agent) "
      "VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9) RETURNING id",
      {s.uuid, s.user_id, crypto::HashToken(issued.token), s.csrf_token,
       std::string(StateName(s.state)), now, s.expires_at, s.address, s.user_agent});
  if (!row) return row.error();
  if (!*row) return Error::Internal("INSERT INTO user_session returned no id");
  s.id = (*row)->Int(0);
  return issued;
}

Result<std::optional<SessionRecord>> FindSessionByToken(db::Session& session,
                                                        std::string_view token) {
  return FindOne(session, "token_hash", crypto::HashToken(token));
}

Result<std::optional<SessionRecord>> FindSessionById(db::Session& session, std::int64_t id) {
  return FindOne(session, "id", id);
}

Result<std::optional<SessionRecord>> FindSessionByUuid(db::Session& session,
                                                       std::string_view uuid) {
  std::string lower(uuid);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c + 32);
  }
  return FindOne(session, "uuid", std::move(lower));
}

Result<std::vector<SessionRecord>> ListLiveSessions(db::Session& session, std::int64_t user_id,
                                                    Instant now) {
  auto rows = session.Query(std::string(kSelectSession) +
                                " WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 "
                                "ORDER BY created_at DESC, id DESC",
                            {user_id, now});
  if (!rows) return rows.error();
  std::vector<SessionRecord> out;
  for (const db::Row& row : rows->rows) out.push_back(SessionFromRow(row));
  return out;
}

Result<void> TouchSession(db::Session& session, std::int64_t session_id, Instant now) {
  auto done =
      session.Exec("UPDATE user_session SET last_seen_at = $1 WHERE id = $2 AND last_seen_at < $1",
                   {now, session_id});
  if (!done) return done.error();
  return {};
}

Result<void> RevokeSession(db::Session& session, std::int64_t session_id, Instant now) {
  auto done =
      session.Exec("UPDATE user_session SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                   {now, session_id});
  if (!done) return done.error();
  return {};
}

Result<std::int64_t> RevokeUserSessions(db::Session& session, std::int64_t user_id, Instant now,
                                        std::optional<std::int64_t> keep) {
  return session.Exec(
      "UPDATE user_session SET revoked_at = $1 "
      "WHERE user_id = $2 AND revoked_at IS NULL AND id <> $3",
      {now, user_id, keep.value_or(0)});
}

}  // namespace unknot::identity
