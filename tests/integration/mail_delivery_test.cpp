// The outbox delivered over real SMTP: aiosmtpd (started here) writes what it
// receives into a maildir, which the tests read back. Both backends.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "db_test_support.hpp"
#include "http_test_support.hpp"
#include "smtp_test_support.hpp"
#include "unknot/platform/db/migrations.hpp"
#include "unknot/platform/mail/outbox.hpp"

namespace unknot::mail {
namespace {

using db::Backend;
using testing::ScratchDatabase;
using testing::SmtpReceiver;

constexpr Instant kSecond = 1'000'000;
constexpr Instant kStart = 1795511107 * kSecond;  // Tue, 24 Nov 2026 09:05:07 UTC

class ManualClock final : public Clock {
 public:
  Instant Now() const override { return now_.load(); }
  void Advance(Instant by) { now_ += by; }

 private:
  std::atomic<Instant> now_{kStart};
};

struct OutboxRow {
  std::string status;
  std::int64_t attempts = 0;
  Instant next_attempt_at = 0;
  std::optional<std::string> last_error;
  std::optional<Instant> sent_at;
};

class MailDeliveryTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !testing::PostgresTestUrl()) {
      GTEST_SKIP() << "UNKNOT_TEST_PG_URL is not set";
    }
    auto scratch = ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(scratch) << scratch.error().internal();
    scratch_ = std::move(*scratch);
    auto migrated = db::Migrate(db());
    ASSERT_TRUE(migrated) << migrated.error().internal();
  }

  db::Database& db() { return scratch_->db(); }

  void Enqueue(const MailMessage& message) {
    auto written = db().Write(
        [&](db::Session& session) { return EnqueueMail(session, message, clock_.Now()); });
    ASSERT_TRUE(written) << written.error().internal();
  }

  OutboxRow Row() {
    OutboxRow row;
    auto read = db().Read([&](db::Session& session) -> Result<void> {
      auto found = session.QueryOne(
          "SELECT status, attempts, next_attempt_at, last_error, sent_at FROM mail_outbox");
      if (!found) return found.error();
      const db::Row& r = **found;
      row = {r.Text(0), r.Int(1), r.Int(2), r.OptText(3), r.OptInt(4)};
      return {};
    });
    EXPECT_TRUE(read);
    return row;
  }

  MailSettings Settings(std::string url) {
    MailSettings settings;
    settings.smtp_url = std::move(url);
    settings.first_retry = std::chrono::seconds(30);
    settings.max_attempts = 4;
    settings.poll_interval = std::chrono::milliseconds(50);
    return settings;
  }

  static MailMessage Sample() {
    return {"ana@example.org", "Café hours: your reminder",
            "Hello Ana,\n\nThis is a calm reminder — nothing to do.\n.\nA line with a dot.\n",
            "test"};
  }

  ManualClock clock_;
  std::unique_ptr<ScratchDatabase> scratch_;
};

TEST_P(MailDeliveryTest, DeliversAMessageWithItsHeadersAndBody) {
  SmtpReceiver smtp;
  smtp.Start();
  Enqueue(Sample());
  MailDeliverer deliverer(db(), clock_, Settings(smtp.url()));
  auto sent = deliverer.DeliverDue();
  ASSERT_TRUE(sent) << sent.error().internal();
  EXPECT_EQ(*sent, 1);

  const auto messages = smtp.WaitForMessages(1);
  ASSERT_EQ(messages.size(), 1u);
  const auto& mail = messages[0];
  EXPECT_EQ(mail.Header("x-mailfrom"), "no-reply@localhost");
  EXPECT_EQ(mail.Header("x-rcptto"), "ana@example.org");
  EXPECT_EQ(mail.Header("from"), "unknot <no-reply@localhost>");
  EXPECT_EQ(mail.Header("to"), "ana@example.org");
  EXPECT_EQ(mail.Header("date"), "Tue, 24 Nov 2026 09:05:07 +0000");
  EXPECT_EQ(mail.Header("subject"), "=?UTF-8?B?Q2Fmw6kgaG91cnM6IHlvdXIgcmVtaW5kZXI=?=");
  EXPECT_EQ(mail.Header("mime-version"), "1.0");
  EXPECT_EQ(mail.Header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(mail.Header("content-transfer-encoding"), "8bit");
  const std::string id = mail.Header("message-id");
  EXPECT_TRUE(id.starts_with("<") && id.ends_with("@localhost>")) << id;
  // The dot-only line survived SMTP's end-of-data convention.
  EXPECT_EQ(mail.body,
            "Hello Ana,\n\nThis is a calm reminder — nothing to do.\n.\nA line with a dot.\n");

  const OutboxRow row = Row();
  EXPECT_EQ(row.status, "sent");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.sent_at, kStart);
  EXPECT_FALSE(row.last_error);

  auto again = deliverer.DeliverDue();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0) << "a sent message is not sent twice";
  EXPECT_EQ(smtp.Messages().size(), 1u);
}

TEST_P(MailDeliveryTest, RetriesWithDoublingBackoffUntilTheServerIsUp) {
  SmtpReceiver smtp;  // not started yet: connections are refused
  Enqueue(Sample());
  MailDeliverer deliverer(db(), clock_, Settings(smtp.url()));

  ASSERT_EQ(deliverer.DeliverDue().value(), 0);
  OutboxRow row = Row();
  EXPECT_EQ(row.status, "queued");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.next_attempt_at, kStart + 30 * kSecond);
  ASSERT_TRUE(row.last_error);
  EXPECT_FALSE(row.last_error->empty());

  clock_.Advance(29 * kSecond);
  ASSERT_EQ(deliverer.DeliverDue().value(), 0);
  EXPECT_EQ(Row().attempts, 1) << "not due yet";

  clock_.Advance(1 * kSecond);  // kStart + 30 s
  ASSERT_EQ(deliverer.DeliverDue().value(), 0);
  row = Row();
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(row.next_attempt_at, kStart + 90 * kSecond) << "the wait doubled to 60 s";

  smtp.Start();
  clock_.Advance(60 * kSecond);
  ASSERT_EQ(deliverer.DeliverDue().value(), 1);
  row = Row();
  EXPECT_EQ(row.status, "sent");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_FALSE(row.last_error);
  EXPECT_EQ(smtp.WaitForMessages(1).size(), 1u);
}

TEST_P(MailDeliveryTest, GivesUpAfterMaxAttempts) {
  SmtpReceiver smtp;  // never started
  Enqueue(Sample());
  MailDeliverer deliverer(db(), clock_, Settings(smtp.url()));
  for (int attempt = 1; attempt <= 4; ++attempt) {
    ASSERT_EQ(deliverer.DeliverDue().value(), 0);
    EXPECT_EQ(Row().attempts, attempt);
    clock_.Advance(3600 * kSecond);
  }
  EXPECT_EQ(Row().status, "failed");
  smtp.Start();
  ASSERT_EQ(deliverer.DeliverDue().value(), 0);
  EXPECT_EQ(Row().attempts, 4) << "a failed message is left alone";
  EXPECT_TRUE(smtp.Messages().empty());
}

TEST_P(MailDeliveryTest, WithoutAnSmtpUrlMessagesStayQueued) {
  Enqueue(Sample());
  MailDeliverer deliverer(db(), clock_, Settings(""));
  ASSERT_EQ(deliverer.DeliverDue().value(), 0);
  const OutboxRow row = Row();
  EXPECT_EQ(row.status, "queued");
  EXPECT_EQ(row.attempts, 0);
}

TEST_P(MailDeliveryTest, RefusesHeaderInjection) {
  MailMessage message = Sample();
  message.subject = "Hello\r\nBcc: someone@example.org";
  message.to = "ana@example.org\r\nBcc: someone@example.org";
  auto written =
      db().Write([&](db::Session& session) { return EnqueueMail(session, message, clock_.Now()); });
  ASSERT_FALSE(written);
  const Error error = written.error();
  EXPECT_EQ(error.code(), ErrorCode::kInvalid);
  EXPECT_EQ(error.issues().size(), 2u);
  EXPECT_EQ(testing::CountRows(db(), "mail_outbox"), 0);
}

TEST_P(MailDeliveryTest, TheWorkerDeliversInTheBackground) {
  SmtpReceiver smtp;
  smtp.Start();
  MailDeliverer deliverer(db(), clock_, Settings(smtp.url()));
  deliverer.Start();
  Enqueue(Sample());
  EXPECT_EQ(smtp.WaitForMessages(1).size(), 1u);
  deliverer.Stop();
  EXPECT_EQ(Row().status, "sent");
}

// A server that accepts the connection and then says nothing: the worker
// must still stop promptly.
TEST_P(MailDeliveryTest, StopIsPromptWhileTheServerIsSilent) {
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(::listen(listener, 8), 0);
  socklen_t length = sizeof(address);
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  const std::string url = "smtp://127.0.0.1:" + std::to_string(ntohs(address.sin_port));

  Enqueue(Sample());
  MailDeliverer deliverer(db(), clock_, Settings(url));
  deliverer.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // inside the SMTP greeting wait
  const auto start = std::chrono::steady_clock::now();
  deliverer.Stop();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, std::chrono::seconds(3));
  ::close(listener);
  EXPECT_EQ(Row().status, "queued") << "an interrupted send is retried later";
}

INSTANTIATE_TEST_SUITE_P(Backends, MailDeliveryTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace unknot::mail
