#include "unknot/identity/throttle.hpp"

#include <algorithm>

namespace unknot::identity {
namespace {

constexpr Instant kMicrosPerSecond = 1'000'000;

Instant Micros(std::chrono::seconds s) {
  return s.count() * kMicrosPerSecond;
}

}  // namespace

std::string AccountThrottleKey(std::string_view email) {
  return "account:" + std::string(email);
}
std::string AddressThrottleKey(std::string_view address) {
  return "address:" + std::string(address);
}

std::chrono::seconds LockAfter(int failures, int free_failures, const ThrottleSettings& settings) {
  if (failures <= free_failures) return std::chrono::seconds(0);
  // The first failure past the allowance → first_lock, then doubling; the loop
  // stops at the cap, so no overflow.
  std::chrono::seconds lock = settings.first_lock;
  for (int i = free_failures + 1; i < failures && lock < settings.max_lock; ++i) lock *= 2;
  return std::min(lock, settings.max_lock);
}

Result<std::chrono::seconds> ThrottleWait(db::Session& session, std::span<const std::string> keys,
                                          Instant now) {
  Instant until = now;
  for (const std::string& key : keys) {
    auto row = session.QueryOne("SELECT locked_until FROM login_throttle WHERE key = $1", {key});
    if (!row) return row.error();
    if (*row) until = std::max(until, (*row)->Int(0));
  }
  if (until <= now) return std::chrono::seconds(0);
  return std::chrono::seconds((until - now + kMicrosPerSecond - 1) / kMicrosPerSecond);
}

Result<void> RecordThrottleFailure(db::Session& session, std::string_view key, int free_failures,
                                   const ThrottleSettings& settings, Instant now) {
  auto row = session.QueryOne("SELECT failures, last_failure_at FROM login_throttle WHERE key = $1",
                              {std::string(key)});
  if (!row) return row.error();
  int failures = 1;
  if (*row && now - (*row)->Int(1) < Micros(settings.forget_after)) {
    failures = static_cast<int>(std::min<std::int64_t>((*row)->Int(0), 1'000'000)) + 1;
  }
  const std::chrono::seconds lock = LockAfter(failures, free_failures, settings);
  const Instant locked_until = lock.count() > 0 ? now + Micros(lock) : 0;
  // An upsert, so two first failures at once (PostgreSQL) do not clash.
  auto written = session.Exec(
      "INSERT INTO login_throttle (key, failures, last_failure_at, locked_until) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
      "last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until",
      {std::string(key), std::int64_t{failures}, now, locked_until});
  if (!written) return written.error();
  return {};
}

Result<void> ClearThrottle(db::Session& session, std::string_view key) {
  auto done = session.Exec("DELETE FROM login_throttle WHERE key = $1", {std::string(key)});
  if (!done) return done.error();
  return {};
}

}  // namespace unknot::identity
