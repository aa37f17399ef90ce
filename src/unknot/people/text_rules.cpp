#include "unknot/people/text_rules.hpp"

namespace unknot::people {
namespace {

// One decoded code point; `length` is 0 when the bytes at that position are not valid UTF-8.
struct Decoded {
  char32_t code_point = 0;
  std::size_t length = 0;
};

Decoded DecodeAt(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t code_point = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, minimum = 0x10000;
  } else {
    return {};
  }
  if (at + length > text.size()) return {};
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return {};
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (code_point < minimum || code_point > 0x10FFFF || surrogate) return {};
  return {code_point, length};
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool InRange(char32_t cp, char32_t first, char32_t last) {
  return cp >= first && cp <= last;
}

char32_t LowerCodePoint(char32_t cp) {
  if (InRange(cp, 'A', 'Z')) return cp + 0x20;
  if (InRange(cp, 0xC0, 0xDE) && cp != 0xD7) return cp + 0x20;  // Latin-1; U+00D7 is '×'
  if (cp == 0x130) return 'i';                                  // dotted capital I
  if (cp == 0x178) return 0xFF;                                 // Ÿ
  // Latin Extended-A pairs capital/small by parity, with the parity flipping twice.
  const bool even = cp % 2 == 0;
  if ((InRange(cp, 0x100, 0x137) || InRange(cp, 0x14A, 0x177)) && even) return cp + 1;
  if ((InRange(cp, 0x139, 0x148) || InRange(cp, 0x179, 0x17E)) && !even) return cp + 1;
  if (InRange(cp, 0x391, 0x3A9) && cp != 0x3A2) return cp + 0x20;  // Greek
  if (InRange(cp, 0x410, 0x42F)) return cp + 0x20;                 // Cyrillic А–Я
  if (InRange(cp, 0x400, 0x40F)) return cp + 0x50;                 // Cyrillic Ѐ–Џ
  return cp;
}

}  // namespace

std::string_view TrimSpace(std::string_view text) {
  constexpr std::string_view kSpace = " \t\n\v\f\r";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

std::optional<std::size_t> CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < text.size(); ++count) {
    const Decoded d = DecodeAt(text, at);
    if (d.length == 0) return std::nullopt;
    at += d.length;
  }
  return count;
}

bool HasControlCharacter(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const Decoded d = DecodeAt(text, at);
    if (d.length == 0) {
      ++at;
      continue;
    }
    if (d.code_point < 0x20 || InRange(d.code_point, 0x7F, 0x9F)) return true;
    at += d.length;
  }
  return false;
}

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const Decoded d = DecodeAt(text, at);
    if (d.length == 0) {
      out.push_back(text[at++]);
      continue;
    }
    AppendUtf8(out, LowerCodePoint(d.code_point));
    at += d.length;
  }
  return out;
}

}  // namespace unknot::people
