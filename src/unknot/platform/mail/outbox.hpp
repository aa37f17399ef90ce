// Email through an outbox table: enqueued inside the transaction that decides
// to send it (so an invitation and its email commit together), delivered over
// SMTP by a background worker with retries and backoff.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"

namespace unknot::mail {

struct MailMessage {
  std::string to;  // one address
  std::string subject;
  std::string text;  // plain text body (UTF-8)
  std::string kind;  // "invitation", "password-reset", … (for logs and tests; never the body)
};

struct MailSettings {
  std::string smtp_url;  // "smtp://127.0.0.1:2525"; empty: mail stays queued (logged once)
  std::string from = "unknot <no-reply@localhost>";
  int max_attempts = 8;
  std::chrono::seconds first_retry{30};  // doubles per attempt
  std::chrono::milliseconds poll_interval{1000};
};

// Adds a message to the outbox inside the caller's write transaction.
Result<void> EnqueueMail(db::Session& session, const MailMessage& message, Instant now);

// Sends due messages. Start() runs a background thread; Stop() ends it.
// Thread-safe.
class MailDeliverer final {
 public:
  MailDeliverer(db::Database& db, const Clock& clock, MailSettings settings);
  ~MailDeliverer();
  void Start();
  void Stop();
  // One pass: tries every due message once; returns how many were sent.
  Result<int> DeliverDue();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace unknot::mail
