// A real SMTP receiver for integration tests: Debian's python3-aiosmtpd
// writing every message it accepts into a maildir, started and stopped by the
// test itself.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace unknot::testing {

// A loopback TCP port that was free a moment ago.
std::uint16_t FreeLoopbackPort();

// One received message: headers (names lower-cased; aiosmtpd adds X-Peer,
// X-MailFrom and X-RcptTo) and the body as stored.
struct ReceivedMail {
  std::map<std::string, std::string> headers;
  std::string body;
  std::string raw;
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class SmtpReceiver final {
 public:
  // Does not start; `port` 0 picks a free one.
  explicit SmtpReceiver(std::uint16_t port = 0);
  ~SmtpReceiver();
  SmtpReceiver(const SmtpReceiver&) = delete;
  SmtpReceiver& operator=(const SmtpReceiver&) = delete;

  // Starts aiosmtpd and waits until it accepts connections; throws on failure.
  void Start();
  void Stop();
  std::uint16_t port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // Every message in the maildir, oldest first.
  std::vector<ReceivedMail> Messages() const;
  // Waits until at least `count` messages arrived; returns them (maybe fewer on timeout).
  std::vector<ReceivedMail> WaitForMessages(
      std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

 private:
  std::uint16_t port_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
};

// Parses an RFC 5322 message (CRLF or LF line ends; folded headers joined).
ReceivedMail ParseMail(const std::string& raw);

}  // namespace unknot::testing
