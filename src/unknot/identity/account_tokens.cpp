#include "unknot/identity/account_tokens.hpp"

#include "unknot/platform/crypto.hpp"

namespace unknot::identity {
namespace {

std::string PurposeName(TokenPurpose purpose) {
  return purpose == TokenPurpose::kInvitation ? "invitation" : "password_reset";
}

// Tokens are base64url; anything else cannot be one of ours (and is not hashed).
bool IsTokenShaped(std::string_view token) {
  if (token.empty() || token.size() > 128) return false;
  for (char c : token) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Result<IssuedToken> IssueAccountToken(db::Session& session, std::int64_t user_id,
                                      TokenPurpose purpose, Instant lifetime, Instant now) {
  auto retired = session.Exec(
      "UPDATE account_token SET used_at = $1 "
      "WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
      {now, user_id, PurposeName(purpose)});
  if (!retired) return retired.error();
  IssuedToken issued{crypto::RandomToken(32), now + lifetime};
  auto inserted = session.Exec(
      "INSERT INTO account_token (user_id, purpose, token_hash, expires_at, created_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {user_id, PurposeName(purpose), crypto::HashToken(issued.token), issued.expires_at, now});
  if (!inserted) return inserted.error();
  return issued;
}

Result<std::optional<LiveToken>> FindLiveToken(db::Session& session, std::string_view token,
                                               TokenPurpose purpose, Instant now) {
  if (!IsTokenShaped(token)) return std::optional<LiveToken>();
  auto row = session.QueryOne(
      "SELECT id, user_id, expires_at FROM account_token "
      "WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
      {crypto::HashToken(token), PurposeName(purpose), now});
  if (!row) return row.error();
  if (!*row) return std::optional<LiveToken>();
  return std::optional<LiveToken>(LiveToken{(*row)->Int(0), (*row)->Int(1), (*row)->Int(2)});
}

Result<bool> UseAccountToken(db::Session& session, std::int64_t token_id, Instant now) {
  auto used = session.Exec(
      "UPDATE account_token SET used_at = $1 WHERE id = $2 AND used_at IS NULL", {now, token_id});
  if (!used) return used.error();
  return *used == 1;
}

}  // namespace unknot::identity
