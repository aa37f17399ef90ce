// Shared reading rules for the clinical content files (content/crisis/,
// content/red_flags/, content/body_map/): typed field reads that record an
// issue with its JSON path instead of stopping, plus the source and review
// blocks every safety file carries (DESIGN §10).
//
// Pure functions and a reader bound to one IssueList; not thread-safe per
// reader, but readers are cheap and never shared.
#pragma once

#include <boost/json/fwd.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

using ContentDate = std::chrono::year_month_day;

// The one issue code that is a warning rather than an error: the content is
// still usable, and the caller decides whether a stale review fails a check.
inline constexpr std::string_view kReviewOverdueCode = "review-overdue";
bool IsWarning(const Issue& issue);

struct ContentSource {
  std::string title;               // publication or page, as cited in the reference
  std::optional<std::string> url;  // as the reference cites it, when it gives one
  std::string evidence;            // V, S, U or D: the clinical reference's sourcing tags
};

struct ReviewDates {
  ContentDate last_reviewed;
  ContentDate review_due;
};

// "YYYY-MM-DD" naming a real calendar date, nothing else.
std::optional<ContentDate> ParseContentDate(std::string_view text);
std::string FormatContentDate(ContentDate date);
// UTC midnight at the start of `date`.
Instant StartOfDay(ContentDate date);

// `base.key` and `base[index]`, the path style of DESIGN §4.
std::string JsonPath(std::string_view base, std::string_view key);
std::string JsonPath(std::string_view base, std::size_t index);

// Parses with a depth limit: clinics edit these files by hand.
Result<boost::json::value> ParseContentJson(std::string_view text);

// The whole file as text; an error issue (code "unreadable") when it cannot be read.
Result<std::string> ReadContentFile(const std::filesystem::path& file);

// Typed reads from JSON objects. A missing required field, a wrong type or an
// empty string adds an issue and returns nothing, so the caller carries on and
// every problem in the document is reported at once.
class ContentReader final {
 public:
  explicit ContentReader(IssueList& issues) : issues_(issues) {}

  void Fail(std::string path, std::string code, std::string message) {
    issues_.Add(std::move(path), std::move(code), std::move(message));
  }

  // The document root, which must be an object.
  const boost::json::object* Root(const boost::json::value& value);

  // An unknown key is almost always a typo that would silently drop a rule.
  void KnownKeys(const boost::json::object& object, std::string_view path,
                 std::initializer_list<std::string_view> keys);

  const boost::json::object* Object(const boost::json::object& object, std::string_view key,
                                    std::string_view path, bool required = true);
  // `min_size` > 0 adds a "too-few" issue for shorter arrays.
  const boost::json::array* Array(const boost::json::object& object, std::string_view key,
                                  std::string_view path, bool required = true,
                                  std::size_t min_size = 0);
  // The element at `path`, which must be an object.
  const boost::json::object* ElementObject(const boost::json::value& value, std::string_view path);

  // Non-empty string.
  std::optional<std::string> String(const boost::json::object& object, std::string_view key,
                                    std::string_view path, bool required = true);
  std::optional<std::int64_t> Integer(const boost::json::object& object, std::string_view key,
                                      std::string_view path, bool required = true);
  std::optional<double> Number(const boost::json::object& object, std::string_view key,
                               std::string_view path, bool required = true);
  std::optional<bool> Bool(const boost::json::object& object, std::string_view key,
                           std::string_view path, bool required = true);
  // A string that must be one of `allowed`.
  std::optional<std::string> Enum(const boost::json::object& object, std::string_view key,
                                  std::string_view path,
                                  std::initializer_list<std::string_view> allowed,
                                  bool required = true);
  // An array of non-empty strings; absent and optional gives an empty vector.
  std::vector<std::string> Strings(const boost::json::object& object, std::string_view key,
                                   std::string_view path, bool required = true,
                                   std::size_t min_size = 0);
  std::optional<ContentDate> Date(const boost::json::object& object, std::string_view key,
                                  std::string_view path, bool required = true);

  // A lower-case code ([a-z0-9_-], starting with a letter) that must be new
  // to `seen`; adds "invalid-code" or "duplicate-code".
  std::optional<std::string> Code(const boost::json::object& object, std::string_view key,
                                  std::string_view path, std::set<std::string, std::less<>>& seen);

  // `schema_version` equal to `expected`.
  void SchemaVersion(const boost::json::object& object, int expected);

  // `sources`: at least one {title, url?, evidence}.
  std::vector<ContentSource> Sources(const boost::json::object& object, std::string_view path);

  // `last_reviewed` and `review_due` on `object`. Errors: a bad date, a review
  // in the future, due before reviewed, or (with `max_months`) a review
  // interval longer than that. Warning ("review-overdue"): due before `now`.
  std::optional<ReviewDates> Review(const boost::json::object& object, std::string_view path,
                                    Instant now, std::optional<int> max_months = std::nullopt);

 private:
  const boost::json::value* Field(const boost::json::object& object, std::string_view key,
                                  std::string_view path, bool required);

  IssueList& issues_;
};

// Ends a parse: any error issue fails it (the error lists warnings too, so
// nothing is hidden); otherwise the value keeps its warnings in `warnings`.
template <class T>
Result<T> FinishContent(T value, IssueList& issues) {
  std::vector<Issue> all = issues.Take();
  for (const auto& issue : all) {
    if (!IsWarning(issue)) return Error::Invalid(std::move(all));
  }
  value.warnings = std::move(all);
  return value;
}

}  // namespace unknot::assess
