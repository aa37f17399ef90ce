#include "unknot/platform/mail/outbox.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <vector>

#include "unknot/platform/crypto.hpp"
#include "unknot/platform/log.hpp"
#include "unknot/platform/mail/message_format.hpp"
#include "unknot/platform/periodic_task.hpp"

namespace unknot::mail {
namespace {

// A dead or silent SMTP server must never hold the worker for long.
constexpr long kConnectTimeoutMs = 10'000;
constexpr long kTransferTimeoutMs = 60'000;
// While one worker sends a message, others leave it alone for this long
// (several server processes may share one database).
constexpr Instant kClaimLease = 10LL * 60 * 1'000'000;
constexpr int kBatch = 20;
constexpr std::size_t kMaxErrorText = 500;

void EnsureCurl() {
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)ready;
}

struct Due {
  std::int64_t id = 0;
  MailMessage message;
  std::int64_t attempts = 0;
};

struct Upload {
  std::string_view bytes;
  std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->bytes.size() - upload->offset);
  std::copy_n(upload->bytes.data() + upload->offset, n, buffer);
  upload->offset += n;
  return n;
}

int AbortWhenStopping(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;
}

std::string DomainOf(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at + 1 == address.size()) return "localhost";
  return std::string(address.substr(at + 1));
}

// One SMTP transaction. The error text (curl's) is for the log and the
// outbox row only.
Result<void> Send(const MailSettings& settings, const MailMessage& message, Instant now,
                  const std::atomic<bool>& stopping) {
  EnsureCurl();
  const std::string from_address = AddressOf(settings.from);
  const std::string message_id = crypto::RandomToken(18) + "@" + DomainOf(from_address);
  const std::string bytes = FormatMessage(message, settings.from, now, message_id);
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Error::Internal("curl_easy_init failed");
  const std::string envelope_from = "<" + from_address + ">";
  const std::string envelope_to = "<" + AddressOf(message.to) + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, envelope_to.c_str()), curl_slist_free_all);
  Upload upload{bytes};
  char error_text[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, settings.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, envelope_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(bytes.size()));
  // STARTTLS when the server offers it; smtps:// URLs are TLS from the start.
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, kTransferTimeoutMs);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, AbortWhenStopping);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(&stopping));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    std::string detail = error_text[0] != '\0' ? error_text : curl_easy_strerror(rc);
    return Error(ErrorCode::kUnavailable, "The mail server did not accept the message.", {},
                 detail.substr(0, kMaxErrorText));
  }
  return {};
}

Instant Backoff(const MailSettings& settings, std::int64_t attempts_made) {
  const std::int64_t base =
      std::chrono::duration_cast<std::chrono::microseconds>(settings.first_retry).count();
  const int doublings = static_cast<int>(std::clamp<std::int64_t>(attempts_made - 1, 0, 20));
  return base << doublings;
}

}  // namespace

Result<void> EnqueueMail(db::Session& session, const MailMessage& message, Instant now) {
  IssueList issues;
  if (message.to.empty() || !IsSafeHeaderValue(message.to) ||
      AddressOf(message.to).find('@') == std::string::npos) {
    issues.Add("to", "invalid-email", "The recipient must be one email address.");
  }
  if (!IsSafeHeaderValue(message.subject)) {
    issues.Add("subject", "invalid-header", "The subject must be one line of text.");
  }
  if (message.kind.empty()) issues.Add("kind", "required", "Every message needs a kind.");
  if (!issues.empty()) return Error::Invalid(issues.Take());
  auto inserted = session.Exec(
      "INSERT INTO mail_outbox (recipient, subject, body, kind, status, attempts, "
      "next_attempt_at, created_at) VALUES ($1, $2, $3, $4, 'queued', 0, $5, $5)",
      {message.to, message.subject, message.text, message.kind, now});
  if (!inserted) return inserted.error();
  return {};
}

struct MailDeliverer::Impl {
  Impl(db::Database& db, const Clock& clock, MailSettings settings)
      : db(db), clock(clock), settings(std::move(settings)) {}

  db::Database& db;
  const Clock& clock;
  const MailSettings settings;
  std::atomic<bool> warned_unconfigured{false};
  // Last, so the thread stops before the members its passes use go.
  PeriodicTask task{"mail delivery", settings.poll_interval, [this] { return Deliver(); }};

  Result<std::vector<Due>> LoadDue(Instant now) {
    std::vector<Due> due;
    auto read = db.Read([&](db::Session& session) -> Result<void> {
      auto rows = session.Query(
          "SELECT id, recipient, subject, body, kind, attempts FROM mail_outbox "
          "WHERE status = 'queued' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id "
          "LIMIT $2",
          {now, std::int64_t{kBatch}});
      if (!rows) return rows.error();
      for (const db::Row& row : rows->rows) {
        due.push_back(
            {row.Int(0), {row.Text(1), row.Text(2), row.Text(3), row.Text(4)}, row.Int(5)});
      }
      return {};
    });
    if (!read) return read.error();
    return due;
  }

  // Leases the message to this worker; false when another worker has it.
  Result<bool> Claim(std::int64_t id, Instant now) {
    bool claimed = false;
    auto write = db.Write([&](db::Session& session) -> Result<void> {
      auto updated = session.Exec(
          "UPDATE mail_outbox SET next_attempt_at = $1 "
          "WHERE id = $2 AND status = 'queued' AND next_attempt_at <= $3",
          {now + kClaimLease, id, now});
      if (!updated) return updated.error();
      claimed = *updated == 1;
      return {};
    });
    if (!write) return write.error();
    return claimed;
  }

  Result<void> RecordOutcome(const Due& due, const Result<void>& sent, Instant now) {
    const std::int64_t attempts = due.attempts + 1;
    return db.Write([&](db::Session& session) -> Result<void> {
      Result<std::int64_t> updated = 0;
      if (sent) {
        updated = session.Exec(
            "UPDATE mail_outbox SET status = 'sent', attempts = $1, sent_at = $2, "
            "last_error = NULL WHERE id = $3",
            {attempts, now, due.id});
      } else {
        const Error error = sent.error();
        const bool give_up = attempts >= settings.max_attempts;
        updated = session.Exec(
            "UPDATE mail_outbox SET status = $1, attempts = $2, next_attempt_at = $3, "
            "last_error = $4 WHERE id = $5",
            {std::string(give_up ? "failed" : "queued"), attempts,
             now + Backoff(settings, attempts), error.internal(), due.id});
      }
      if (!updated) return updated.error();
      return {};
    });
  }

  Result<int> Deliver() {
    if (settings.smtp_url.empty()) {
      if (!warned_unconfigured.exchange(true)) {
        log::Warn("mail is not configured; messages stay queued", {{"setting", "[mail] smtp_url"}});
      }
      return 0;
    }
    const Instant now = clock.Now();
    auto due = LoadDue(now);
    if (!due) return due.error();
    int sent_count = 0;
    for (const Due& item : *due) {
      if (task.stopping().load()) break;
      auto claimed = Claim(item.id, now);
      if (!claimed) return claimed.error();
      if (!*claimed) continue;
      const Result<void> sent = Send(settings, item.message, clock.Now(), task.stopping());
      const Instant done = clock.Now();
      if (auto recorded = RecordOutcome(item, sent, done); !recorded) return recorded.error();
      if (sent) {
        ++sent_count;
        log::Info("mail sent", {{"id", item.id}, {"kind", item.message.kind}});
      } else {
        const Error error = sent.error();
        log::Warn("mail not sent", {{"id", item.id},
                                    {"kind", item.message.kind},
                                    {"attempts", item.attempts + 1},
                                    {"detail", error.internal()}});
      }
    }
    return sent_count;
  }
};

MailDeliverer::MailDeliverer(db::Database& db, const Clock& clock, MailSettings settings)
    : impl_(std::make_unique<Impl>(db, clock, std::move(settings))) {}

MailDeliverer::~MailDeliverer() {
  Stop();
}

void MailDeliverer::Start() {
  impl_->task.Start();
}

void MailDeliverer::Stop() {
  impl_->task.Stop();
}

Result<int> MailDeliverer::DeliverDue() {
  return impl_->Deliver();
}

}  // namespace unknot::mail
