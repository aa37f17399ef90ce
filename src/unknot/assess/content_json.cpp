#include "unknot/assess/content_json.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "unknot/people/field_rules.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxDepth = 32;

std::string Quoted(std::initializer_list<std::string_view> values) {
  std::string out;
  for (auto value : values) {
    if (!out.empty()) out += ", ";
    out += fmt::format("\"{}\"", value);
  }
  return out;
}

bool IsCode(std::string_view text) {
  if (text.empty() || text[0] < 'a' || text[0] > 'z') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

}  // namespace

bool IsWarning(const Issue& issue) {
  return issue.code == kReviewOverdueCode;
}

std::optional<ContentDate> ParseContentDate(std::string_view text) {
  if (text.size() != 10) return std::nullopt;  // rejects "2026" and "2026-11"
  auto date = people::ParsePartialDate(text);
  if (!date || date->precision != people::DatePrecision::kDay) return std::nullopt;
  return ContentDate{std::chrono::year{date->year}, std::chrono::month{date->month},
                     std::chrono::day{date->day}};
}

std::string FormatContentDate(ContentDate date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

Instant StartOfDay(ContentDate date) {
  const auto midnight = std::chrono::sys_days{date};
  return std::chrono::duration_cast<std::chrono::microseconds>(midnight.time_since_epoch()).count();
}

std::string JsonPath(std::string_view base, std::string_view key) {
  return base.empty() ? std::string(key) : fmt::format("{}.{}", base, key);
}

std::string JsonPath(std::string_view base, std::size_t index) {
  return fmt::format("{}[{}]", base, index);
}

Result<json::value> ParseContentJson(std::string_view text) {
  json::parse_options options;
  options.max_depth = kMaxDepth;
  boost::system::error_code ec;
  json::value value = json::parse(text, ec, {}, options);
  if (ec) return Error::Invalid({{"", "malformed-json", "The file is not valid JSON."}});
  return value;
}

Result<std::string> ReadContentFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Error::Invalid({{"", "unreadable", "The file is missing or cannot be read."}});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const json::object* ContentReader::Root(const json::value& value) {
  if (!value.is_object()) {
    Fail("", "wrong-type", "The document must be a JSON object.");
    return nullptr;
  }
  return &value.as_object();
}

void ContentReader::KnownKeys(const json::object& object, std::string_view path,
                              std::initializer_list<std::string_view> keys) {
  for (const auto& entry : object) {
    if (std::find(keys.begin(), keys.end(), entry.key()) == keys.end()) {
      Fail(JsonPath(path, entry.key()), "unknown-field",
           fmt::format("\"{}\" is not a field here.", std::string_view(entry.key())));
    }
  }
}

const json::value* ContentReader::Field(const json::object& object, std::string_view key,
                                        std::string_view path, bool required) {
  const auto* value = object.if_contains(key);
  if (value == nullptr && required) {
    Fail(JsonPath(path, key), "required", "This field is required.");
  }
  return value;
}

const json::object* ContentReader::Object(const json::object& object, std::string_view key,
                                          std::string_view path, bool required) {
  const auto* value = Field(object, key, path, required);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    Fail(JsonPath(path, key), "wrong-type", "Must be an object.");
    return nullptr;
  }
  return &value->as_object();
}

const json::array* ContentReader::Array(const json::object& object, std::string_view key,
                                        std::string_view path, bool required,
                                        std::size_t min_size) {
  const auto* value = Field(object, key, path, required);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    Fail(JsonPath(path, key), "wrong-type", "Must be an array.");
    return nullptr;
  }
  if (value->as_array().size() < min_size) {
    Fail(JsonPath(path, key), "too-few", fmt::format("Needs at least {} entries.", min_size));
  }
  return &value->as_array();
}

const json::object* ContentReader::ElementObject(const json::value& value, std::string_view path) {
  if (!value.is_object()) {
    Fail(std::string(path), "wrong-type", "Must be an object.");
    return nullptr;
  }
  return &value.as_object();
}

std::optional<std::string> ContentReader::String(const json::object& object, std::string_view key,
                                                 std::string_view path, bool required) {
  const auto* value = Field(object, key, path, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    Fail(JsonPath(path, key), "wrong-type", "Must be a string.");
    return std::nullopt;
  }
  if (value->as_string().empty()) {
    Fail(JsonPath(path, key), "empty", "Must not be empty.");
    return std::nullopt;
  }
  return std::string(value->as_string());
}

std::optional<std::int64_t> ContentReader::Integer(const json::object& object, std::string_view key,
                                                   std::string_view path, bool required) {
  const auto* value = Field(object, key, path, required);
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= INT64_MAX) {
    return static_cast<std::int64_t>(value->as_uint64());
  }
  Fail(JsonPath(path, key), "wrong-type", "Must be a whole number.");
  return std::nullopt;
}

std::optional<double> ContentReader::Number(const json::object& object, std::string_view key,
                                            std::string_view path, bool required) {
  const auto* value = Field(object, key, path, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) {
    Fail(JsonPath(path, key), "wrong-type", "Must be a number.");
    return std::nullopt;
  }
  return value->to_number<double>();
}

std::optional<bool> ContentReader::Bool(const json::object& object, std::string_view key,
                                        std::string_view path, bool required) {
  const auto* value = Field(object, key, path, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) {
    Fail(JsonPath(path, key), "wrong-type", "Must be true or false.");
    return std::nullopt;
  }
  return value->as_bool();
}

std::optional<std::string> ContentReader::Enum(const json::object& object, std::string_view key,
                                               std::string_view path,
                                               std::initializer_list<std::string_view> allowed,
                                               bool required) {
  auto text = String(object, key, path, required);
  if (!text) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *text) == allowed.end()) {
    Fail(JsonPath(path, key), "invalid-value", fmt::format("Must be one of {}.", Quoted(allowed)));
    return std::nullopt;
  }
  return text;
}

std::vector<std::string> ContentReader::Strings(const json::object& object, std::string_view key,
                                                std::string_view path, bool required,
                                                std::size_t min_size) {
  std::vector<std::string> out;
  const auto* array = Array(object, key, path, required, min_size);
  if (array == nullptr) return out;
  const std::string here = JsonPath(path, key);
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto& element = (*array)[i];
    if (!element.is_string()) {
      Fail(JsonPath(here, i), "wrong-type", "Must be a string.");
    } else if (element.as_string().empty()) {
      Fail(JsonPath(here, i), "empty", "Must not be empty.");
    } else {
      out.emplace_back(element.as_string());
    }
  }
  return out;
}

std::optional<ContentDate> ContentReader::Date(const json::object& object, std::string_view key,
                                               std::string_view path, bool required) {
  auto text = String(object, key, path, required);
  if (!text) return std::nullopt;
  auto date = ParseContentDate(*text);
  if (!date) Fail(JsonPath(path, key), "invalid-date", "Must be a real date as YYYY-MM-DD.");
  return date;
}

std::optional<std::string> ContentReader::Code(const json::object& object, std::string_view key,
                                               std::string_view path,
                                               std::set<std::string, std::less<>>& seen) {
  auto code = String(object, key, path);
  if (!code) return std::nullopt;
  if (!IsCode(*code)) {
    Fail(JsonPath(path, key), "invalid-code",
         "Use lower-case letters, digits, '_' or '-', starting with a letter.");
    return std::nullopt;
  }
  if (!seen.insert(*code).second) {
    Fail(JsonPath(path, key), "duplicate-code",
         fmt::format("The code \"{}\" is already used in this file.", *code));
  }
  return code;
}

void ContentReader::SchemaVersion(const json::object& object, int expected) {
  auto version = Integer(object, "schema_version", "");
  if (version && *version != expected) {
    Fail("schema_version", "unsupported-version",
         fmt::format("This build reads schema version {}.", expected));
  }
}

std::vector<ContentSource> ContentReader::Sources(const json::object& object,
                                                  std::string_view path) {
  std::vector<ContentSource> out;
  const auto* array = Array(object, "sources", path, true, 1);
  if (array == nullptr) return out;
  const std::string here = JsonPath(path, "sources");
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string at = JsonPath(here, i);
    const auto* source = ElementObject((*array)[i], at);
    if (source == nullptr) continue;
    KnownKeys(*source, at, {"title", "url", "evidence"});
    ContentSource entry;
    entry.title = String(*source, "title", at).value_or("");
    entry.url = String(*source, "url", at, false);
    // Kept exactly as the reference cites it, so some are still http://.
    if (entry.url && !entry.url->starts_with("https://") && !entry.url->starts_with("http://")) {
      Fail(JsonPath(at, "url"), "invalid-url", "Must be an http:// or https:// address.");
    }
    entry.evidence = Enum(*source, "evidence", at, {"V", "S", "U", "D"}).value_or("");
    out.push_back(std::move(entry));
  }
  return out;
}

std::optional<ReviewDates> ContentReader::Review(const json::object& object, std::string_view path,
                                                 Instant now, std::optional<int> max_months) {
  auto last = Date(object, "last_reviewed", path);
  auto due = Date(object, "review_due", path);
  const auto today = people::UtcDate(now);
  if (last && std::chrono::sys_days{*last} > std::chrono::sys_days{today}) {
    Fail(JsonPath(path, "last_reviewed"), "reviewed-in-future", "Cannot be after today.");
  }
  if (!last || !due) return std::nullopt;
  if (std::chrono::sys_days{*due} <= std::chrono::sys_days{*last}) {
    Fail(JsonPath(path, "review_due"), "review-before-reviewed", "Must be after last_reviewed.");
  } else if (max_months) {
    ContentDate limit = *last + std::chrono::months{*max_months};
    if (!limit.ok()) limit = limit.year() / limit.month() / std::chrono::last;  // 31 Aug + 6 months
    if (std::chrono::sys_days{*due} > std::chrono::sys_days{limit}) {
      Fail(JsonPath(path, "review_due"), "review-interval-too-long",
           fmt::format("Must be at most {} months after last_reviewed.", *max_months));
    }
  }
  if (std::chrono::sys_days{*due} < std::chrono::sys_days{today}) {
    Fail(JsonPath(path, "review_due"), std::string(kReviewOverdueCode),
         fmt::format("The review was due on {}.", FormatContentDate(*due)));
  }
  return ReviewDates{*last, *due};
}

}  // namespace unknot::assess
