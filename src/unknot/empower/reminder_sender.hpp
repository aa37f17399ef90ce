// Sends due check-in reminders through the mail outbox. One pass
// looks at every patient whose channel is email, and for each one whose
// reminder is due (reminder_model.hpp) records the sent row and enqueues the
// mail in one write transaction. The unique (patient, local date) row makes a
// reminder go once, even with several servers running passes at once.
//
// Start() runs a pass every `interval` on a background thread; Stop() ends it.
// Tests call SendDue() with a controlled clock instead. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/mail/outbox.hpp"

namespace unknot::empower {

struct ReminderSettings {
  std::string public_url;  // base of the links in the mail; empty gives path-only links
  std::chrono::milliseconds interval{60'000};
};

// The reminder email: a greeting, a link to `{public_url}/me` and one to
// `{public_url}/me/reminders`; no clinical details, not even the clinic's name.
mail::MailMessage ReminderMail(std::string_view to, std::string_view name,
                               std::string_view public_url);

class ReminderSender final {
 public:
  ReminderSender(db::Database& db, const Clock& clock, ReminderSettings settings);
  ~ReminderSender();
  void Start();
  void Stop();
  // One pass at the clock's time: returns how many reminders were queued.
  // A patient whose reminder cannot be worked out is logged and skipped.
  Result<int> SendDue();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace unknot::empower
