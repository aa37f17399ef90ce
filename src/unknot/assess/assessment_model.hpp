// Questionnaire packs, their scored responses, body maps and safety alerts as
// plain values: what the stores read and write and the JSON encoders show.
//
// No I/O. Instants are UTC microseconds; `*_by` values are user uuids with the
// user's display name looked up when read. Thread-safety: plain values.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/platform/clock.hpp"

namespace unknot::assess {

inline constexpr std::size_t kMaxPackInstruments = 12;
inline constexpr std::size_t kMaxPackTitleLength = 120;  // code points, after trimming
inline constexpr int kMaxBodyMapIntensity = 10;

enum class AssessmentStatus { kSent, kInProgress, kCompleted, kCancelled };

std::string_view ToString(AssessmentStatus status);
std::optional<AssessmentStatus> ParseAssessmentStatus(std::string_view text);

// A user as the API shows them: {id, name}.
struct UserRef {
  std::string id;    // user uuid (or whatever author text an older row holds)
  std::string name;  // display name; "Unknown user" when the account is gone
};

struct BodyMapMark {
  std::string region;  // a body-map region code
  int intensity = 0;   // 0–10
};

// Answers saved so far. Only answered items are kept: null in a request means
// "not answered" and is dropped, so a stored draft never holds a null.
struct Draft {
  std::map<std::string, boost::json::object> answers;  // instrument id → {linkId: value}
  std::vector<BodyMapMark> body_map;
  std::map<std::string, std::string> recall;  // instrument id → recall option
};

struct Assessment {
  std::int64_t id = 0;  // internal key
  std::string uuid;
  std::int64_t clinic_id = 0;
  std::int64_t patient_id = 0;
  std::string patient_uuid;
  std::string title;
  std::vector<std::string> instruments;  // in the order asked
  bool body_map = false;
  AssessmentStatus status = AssessmentStatus::kSent;
  Draft draft;
  std::int64_t draft_version = 1;
  UserRef created_by;
  Instant created_at = 0;
  Instant updated_at = 0;
  std::optional<Instant> completed_at;
  // A safety alert of this pack is still open: until a clinician has acted,
  // the portal keeps crisis support in view.
  bool open_safety_alert = false;
};

// One instrument's answers and score, as last corrected.
struct ResponseRecord {
  std::int64_t id = 0;
  std::string uuid;
  std::int64_t clinic_id = 0;
  std::int64_t patient_id = 0;
  std::int64_t assessment_id = 0;
  std::string assessment_uuid;
  std::string instrument;
  std::string instrument_version;
  std::optional<std::string> recall_period;
  std::int64_t version = 1;
  boost::json::object answers;  // linkId → value
  boost::json::object score;    // scoring.hpp ToJson
  std::optional<double> total;
  std::optional<std::string> band;
  Instant completed_at = 0;
  UserRef recorded_by;
};

struct ResponseVersion {
  std::int64_t version = 0;
  UserRef author;
  Instant recorded_at = 0;
  std::optional<std::string> reason;
  boost::json::object answers;
  boost::json::object score;
};

struct BodyMapRecord {
  std::string uuid;
  std::optional<std::string> assessment_uuid;
  Instant recorded_at = 0;
  UserRef recorded_by;
  std::vector<BodyMapMark> regions;
};

struct AlertRecord {
  std::int64_t id = 0;
  std::string uuid;
  std::int64_t clinic_id = 0;
  std::int64_t patient_id = 0;
  std::string patient_uuid;
  std::string patient_name;
  std::string assessment_uuid;
  std::string instrument;
  std::string rule;
  std::string message;
  Instant raised_at = 0;
  bool open = true;
  std::optional<UserRef> acknowledged_by;
  std::optional<Instant> acknowledged_at;
  std::optional<std::string> note;
};

}  // namespace unknot::assess
