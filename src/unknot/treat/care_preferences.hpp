// A patient's care preferences (DESIGN §2 T3): the values of the fields in
// care_preference_fields.hpp that have been set, each with when it was last
// reviewed, by whom, and from which side (the patient or the clinic).
//
// The patient owns the document and staff edit it with them. A change names
// only the fields it touches, so two people editing different fields do not
// need to re-enter each other's; a field can also be marked as reviewed
// unchanged ("we went through this together today").
//
// Pure model, decoding and JSON; no I/O (care_preferences_store.hpp stores
// it). Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/assess/record_json.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::treat {

using assess::Author;

// Which side made the last change to a field.
enum class SetBy { kPatient, kClinician };
std::string_view ToString(SetBy side);  // "patient" | "clinician"
std::optional<SetBy> SetByFromString(std::string_view text);

struct PreferenceEntry {
  boost::json::value value;  // canonical: see DecodeCarePreferenceChange
  Instant reviewed_at = 0;
  Author reviewed_by;  // id: the user's uuid; name filled in when read
  SetBy set_by = SetBy::kPatient;
};

// Field name → entry; only fields that are set.
using PreferenceFields = std::map<std::string, PreferenceEntry>;

struct CarePreferences {
  std::int64_t version = 0;  // 0: nothing recorded yet
  std::optional<Instant> updated_at;
  std::optional<Author> updated_by;
  PreferenceFields fields;
};

struct CarePreferencesVersion {
  std::int64_t version = 0;
  Author author;
  Instant recorded_at = 0;
  PreferenceFields fields;
};

// The body of PUT …/care-preferences, decoded.
struct CarePreferenceChange {
  // Field → its new value; nullopt removes the field.
  std::map<std::string, std::optional<boost::json::value>> values;
  // Fields reviewed unchanged (names are known fields; repeats dropped).
  std::vector<std::string> reviewed;
};

// {"values"?: {<name>: value | null}, "reviewed"?: [<name>…]}. Every issue at
// once, each with its path: unknown members ("unknown-field" at `x`,
// `values.x`, `reviewed[2]`), a value of the wrong type ("wrong-type"), an
// option a choice field does not have ("invalid-option" at `values.pressure`
// or `values.positions_to_avoid[1]`), a repeated choice ("repeated"), a region
// code that is not on the body map ("unknown-region" at
// `values.consent_to_touch.elbow`), a consent answer other than yes /
// ask_first / no ("invalid-option" at `values.consent_to_touch.neck`), text
// that is too long or holds control characters.
//
// Values are made canonical so an unchanged value compares equal: texts are
// trimmed, choices listed in option order. An empty value (blank text, no
// choices, an empty touch map) removes the field, as null does.
Result<CarePreferenceChange> DecodeCarePreferenceChange(const boost::json::object& body,
                                                        const assess::BodyMapRegions& body_map);

// Applies `change` made by `author` from `side` at `now`: a value that differs
// from the stored one is stored with reviewed_at = now, reviewed_by = author,
// set_by = side; a removal drops the field; a field listed in `reviewed`
// that is set and unchanged (absent from `values`, or sent with its stored
// value) gets reviewed_at/by refreshed and keeps set_by.
// Returns whether anything changed.
bool ApplyCarePreferenceChange(PreferenceFields& fields, const CarePreferenceChange& change,
                               const Author& author, SetBy side, Instant now);

// The `data` column of care_preference / care_preference_version (migration
// 0010): {<name>: {value, reviewed_at (µs), reviewed_by (uuid), set_by}}.
// Names are not stored; Parse leaves them empty for the store to fill in.
std::string StoredCarePreferences(const PreferenceFields& fields);
Result<PreferenceFields> ParseStoredCarePreferences(std::string_view data_json);

// {<name>: {value, reviewed_at (RFC 3339), reviewed_by: {id, name}, set_by}}.
boost::json::object EncodePreferenceFields(const PreferenceFields& fields);
// {version, updated_at, updated_by, fields}; updated_* null at version 0.
boost::json::object EncodeCarePreferences(const CarePreferences& preferences);
// {version, author, recorded_at, fields}.
boost::json::object EncodeCarePreferencesVersion(const CarePreferencesVersion& version);

}  // namespace unknot::treat
