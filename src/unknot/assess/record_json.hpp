// Pieces every clinical-record document shares: who recorded it, and the
// free-text notes clinicians type (red-flag notes and actions, precaution
// details).
//
// Pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "unknot/platform/error.hpp"

namespace unknot::assess {

// A user as a record names them. Rows store the user's uuid; `name` is the
// account's display name, read with the row.
struct Author {
  std::string id;
  std::optional<std::string> name;  // nullopt: no such account (e.g. written by a tool)
};

// {"id", "name"}; a missing account is named "Unknown user" (as the
// assessment records name one), so a screen always has something to print.
boost::json::object EncodeAuthor(const Author& author);

// The value, or null when absent.
template <class T>
boost::json::value JsonOrNull(const std::optional<T>& value) {
  if (!value) return nullptr;
  return boost::json::value_from(*value);
}

// A number as JSON: whole values as integers, so a total of 12 reads "12"
// rather than Boost.JSON's "1.2E1" for a double.
boost::json::value JsonNumber(double value);
boost::json::value JsonNumber(const std::optional<double>& value);  // null when absent

// Structure (objects, arrays, unknown members) is read with ContentReader
// (content_json.hpp), which reports in the same path style.
//
// Free text a clinician types: absent, null or blank → nullopt with no issue
// (the caller decides whether the member was required). Otherwise the trimmed
// text, or nullopt with an issue at `path`: "wrong-type" (not a string),
// "invalid-characters" (not UTF-8, or control characters other than line
// breaks and tabs, which notes legitimately hold) or "too-long" (more than
// `max_length` characters, counted as a person counts them).
std::optional<std::string> ReadFreeText(const boost::json::value* value, const std::string& path,
                                        std::size_t max_length, IssueList& issues);

}  // namespace unknot::assess
