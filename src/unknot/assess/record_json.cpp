#include "unknot/assess/record_json.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>

#include "unknot/people/text_rules.hpp"

namespace unknot::assess {

namespace {
constexpr const char* kUnknownUser = "Unknown user";
}  // namespace

boost::json::object EncodeAuthor(const Author& author) {
  return {{"id", author.id}, {"name", author.name.value_or(kUnknownUser)}};
}

boost::json::value JsonNumber(double value) {
  if (std::floor(value) == value && std::abs(value) < 1e15) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

boost::json::value JsonNumber(const std::optional<double>& value) {
  if (!value) return nullptr;
  return JsonNumber(*value);
}

std::optional<std::string> ReadFreeText(const boost::json::value* value, const std::string& path,
                                        std::size_t max_length, IssueList& issues) {
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_string()) {
    issues.Add(path, "wrong-type", "Must be text or null.");
    return std::nullopt;
  }
  const std::string_view text = people::TrimSpace(value->as_string());
  if (text.empty()) return std::nullopt;
  // Line breaks and tabs are fine in a note; every other control character
  // is a paste accident or an attack on whoever prints it.
  std::string flattened(text);
  std::replace_if(
      flattened.begin(), flattened.end(),
      [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  const std::optional<std::size_t> length = people::CountCodePoints(text);
  if (!length || people::HasControlCharacter(flattened)) {
    issues.Add(path, "invalid-characters", "Must be plain text without control characters.");
    return std::nullopt;
  }
  if (*length > max_length) {
    issues.Add(path, "too-long", fmt::format("Must be at most {} characters.", max_length));
    return std::nullopt;
  }
  return std::string(text);
}

}  // namespace unknot::assess
