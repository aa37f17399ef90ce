// Sign-in throttling per account and per address (table `login_throttle`).
//
// Each key counts failures. After `free_failures` the key is locked for
// first_lock, then twice as long after each further failure, up to max_lock.
// A success clears the account key (the address key decays after
// forget_after without failures, so one user's typo does not lock a shared
// address). Functions run inside the caller's transaction.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::identity {

struct ThrottleSettings {
  int account_free_failures = 5;
  int address_free_failures = 20;
  std::chrono::seconds first_lock{1};
  std::chrono::seconds max_lock{15 * 60};
  std::chrono::seconds forget_after{60 * 60};
};

std::string AccountThrottleKey(std::string_view email);
std::string AddressThrottleKey(std::string_view address);

// Zero when none of `keys` is locked; else how long until all are free
// (rounded up to whole seconds, at least 1).
Result<std::chrono::seconds> ThrottleWait(db::Session& session, std::span<const std::string> keys,
                                          Instant now);
// Counts one failure against `key`; `free_failures` is the per-kind allowance.
Result<void> RecordThrottleFailure(db::Session& session, std::string_view key, int free_failures,
                                   const ThrottleSettings& settings, Instant now);
Result<void> ClearThrottle(db::Session& session, std::string_view key);

// The lock after the n-th failure: 0 while n <= free_failures, then first_lock,
// doubling per failure up to max_lock. Pure, for tests.
std::chrono::seconds LockAfter(int failures, int free_failures, const ThrottleSettings& settings);

}  // namespace unknot::identity
