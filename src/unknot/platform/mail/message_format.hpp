// RFC 5322 messages for the outbox: pure formatting, no I/O. Kept apart from
// the deliverer so the exact bytes can be unit-tested.
#pragma once

#include <string>
#include <string_view>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/mail/outbox.hpp"

namespace unknot::mail {

// "Tue, 25 Nov 2026 14:20:02 +0000" (always UTC, English names).
std::string FormatMailDate(Instant at);

// Header text: unchanged when printable ASCII; otherwise RFC 2047 encoded
// words (=?UTF-8?B?…?=, each at most 75 characters, never splitting a UTF-8
// sequence) separated by folding whitespace.
std::string EncodeHeaderText(std::string_view text);

// The bare address of "Name <a@b>" or "a@b" (for the SMTP envelope).
std::string AddressOf(std::string_view mailbox);

// "Name <a@b>" with the display name encoded or quoted as needed.
std::string FormatMailbox(std::string_view mailbox);

// True when `value` can go into a header without breaking the message
// (no CR, LF or other control characters).
bool IsSafeHeaderValue(std::string_view value);

// The whole message: Date, Message-ID, From, To, Subject, MIME-Version,
// Content-Type: text/plain; charset=utf-8, Content-Transfer-Encoding: 8bit,
// then the body with every line ending as CRLF. `message_id` is the value
// without angle brackets.
std::string FormatMessage(const MailMessage& message, std::string_view from, Instant date,
                          std::string_view message_id);

}  // namespace unknot::mail
