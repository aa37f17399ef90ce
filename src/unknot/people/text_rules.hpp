// Small UTF-8 text helpers shared by the people rules.
//
// Pure functions, thread-safe. Inputs are byte strings that should hold UTF-8;
// every function copes with invalid UTF-8 without reading out of bounds.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace unknot::people {

// Removes leading and trailing ASCII whitespace (space, \t, \n, \v, \f, \r).
std::string_view TrimSpace(std::string_view text);

// Number of Unicode code points, or nullopt when `text` is not valid UTF-8
// (overlong forms, surrogates and values above U+10FFFF are invalid). Limits
// are counted in code points so "Zoë" is three characters, as a person counts.
std::optional<std::size_t> CountCodePoints(std::string_view text);

// True when `text` holds a C0 control (U+0000–U+001F), DEL or a C1 control
// (U+0080–U+009F). Tabs and line breaks inside a name are almost always a
// paste accident and break one-line displays and letters.
bool HasControlCharacter(std::string_view text);

// Lower-cases for case-insensitive search: ASCII, Latin-1, Latin Extended-A,
// Greek and basic Cyrillic. Done here rather than with SQL lower(), because
// SQLite's lower() folds ASCII only while PostgreSQL's folds everything, and
// search must behave the same on both backends. Invalid bytes pass through.
std::string FoldForSearch(std::string_view text);

}  // namespace unknot::people
