#include "unknot/platform/mail/message_format.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <cctype>
#include <chrono>

namespace unknot::mail {
namespace {

constexpr std::size_t kMaxEncodedWord = 75;  // RFC 2047 §2
constexpr std::string_view kWordPrefix = "=?UTF-8?B?";
constexpr std::string_view kWordSuffix = "?=";

bool IsPrintableAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// Length of the UTF-8 sequence starting at text[i] (1 for stray bytes).
std::size_t SequenceLength(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 1;
  if (lead >= 0xF0) {
    length = 4;
  } else if (lead >= 0xE0) {
    length = 3;
  } else if (lead >= 0xC0) {
    length = 2;
  }
  return std::min(length, text.size() - i);
}

// RFC 5322 atext plus space: a display name made only of these needs no quotes.
bool IsPhraseSafe(std::string_view name) {
  for (unsigned char c : name) {
    const bool ok = std::isalnum(c) || c == ' ' ||
                    std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) !=
                        std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string FormatMailDate(Instant at) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const sys_time<microseconds> t{microseconds(at)};
  const auto day = floor<days>(t);
  const year_month_day date{day};
  const hh_mm_ss time{floor<seconds>(t - day)};
  return fmt::format("{}, {:02d} {} {:04d} {:02d}:{:02d}:{:02d} +0000",
                     kDays[weekday(day).c_encoding()], static_cast<unsigned>(date.day()),
                     kMonths[static_cast<unsigned>(date.month()) - 1],
                     static_cast<int>(date.year()), time.hours().count(), time.minutes().count(),
                     time.seconds().count());
}

std::string EncodeHeaderText(std::string_view text) {
  if (IsPrintableAscii(text)) return std::string(text);
  // Base64 turns 3 bytes into 4 characters: the payload of one word may hold
  // floor((75 - 12) / 4) * 3 = 45 bytes.
  constexpr std::size_t kMaxBytes =
      (kMaxEncodedWord - kWordPrefix.size() - kWordSuffix.size()) / 4 * 3;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      const std::size_t next = end + SequenceLength(text, end);
      if (next - i > kMaxBytes) break;
      end = next;
    }
    if (!out.empty()) out += "\r\n ";
    out += kWordPrefix;
    out += Base64(text.substr(i, end - i));
    out += kWordSuffix;
    i = end;
  }
  return out;
}

std::string AddressOf(std::string_view mailbox) {
  const auto open = mailbox.rfind('<');
  const auto close = mailbox.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && open < close) {
    return std::string(Trim(mailbox.substr(open + 1, close - open - 1)));
  }
  return std::string(Trim(mailbox));
}

std::string FormatMailbox(std::string_view mailbox) {
  const std::string address = AddressOf(mailbox);
  const auto open = mailbox.rfind('<');
  if (open == std::string_view::npos) return address;
  std::string_view name = Trim(mailbox.substr(0, open));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
  }
  if (name.empty()) return "<" + address + ">";
  std::string phrase;
  if (!IsPrintableAscii(name)) {
    phrase = EncodeHeaderText(name);
  } else if (IsPhraseSafe(name)) {
    phrase = name;
  } else {
    phrase = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') phrase += '\\';
      phrase += c;
    }
    phrase += '"';
  }
  return phrase + " <" + address + ">";
}

bool IsSafeHeaderValue(std::string_view value) {
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

std::string FormatMessage(const MailMessage& message, std::string_view from, Instant date,
                          std::string_view message_id) {
  std::string out;
  out += "Date: " + FormatMailDate(date) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + ">\r\n";
  out += "From: " + FormatMailbox(from) + "\r\n";
  out += "To: " + FormatMailbox(message.to) + "\r\n";
  out += "Subject: " + EncodeHeaderText(message.subject) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n";
  out += "\r\n";
  for (std::size_t i = 0; i < message.text.size(); ++i) {
    const char c = message.text[i];
    if (c == '\r') {
      if (i + 1 < message.text.size() && message.text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

}  // namespace unknot::mail
