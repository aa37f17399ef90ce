// The session map (DESIGN §2 T3, issue 7 item 2): every body-map region with
// one status that merges the patient's consent to touch (care preferences)
// with their precautions (Assess):
//   do_not_treat  consent "no", or a precaution excludes the region (a
//                 situation whose response is "no massage" or "defer and
//                 refer" excludes every region: it is a hard stop);
//   ask_first     consent "ask_first", or no consent recorded for the region;
//   fine          consent "yes" and nothing excludes it.
// Each region carries its reasons and the strictest pressure cap that
// precautions set there. Session notes enforce it on every save and at sign.
//
// Precaution areas come from assess::DeriveRegions. A pressure cap whose area
// names no region for this patient (no area in the content, or an area with
// nothing chosen) applies everywhere: when it is unknown where the limit
// applies, the limit applies. Situations that only require clearance add
// nothing here (the precautions list shows them at the top of the session).
//
// Pure; thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/assess/precautions.hpp"
#include "unknot/assess/red_flags_content.hpp"
#include "unknot/treat/touch_consent.hpp"

namespace unknot::treat {

enum class RegionStatus { kDoNotTreat, kAskFirst, kFine };
std::string_view ToString(RegionStatus status);  // "do_not_treat" | "ask_first" | "fine"

enum class ReasonSource { kConsent, kPrecaution };
std::string_view ToString(ReasonSource source);  // "consent" | "precaution"

struct MapReason {
  ReasonSource source = ReasonSource::kConsent;
  std::string text;
  std::string precaution;  // precaution reasons: "Recent surgery (Operation site)"; not encoded
  bool operator==(const MapReason&) const = default;
};

struct MapRegion {
  std::string code;
  std::string label;
  RegionStatus status = RegionStatus::kAskFirst;
  std::optional<TouchConsent> consent;  // the patient's answer; nullopt when none recorded
  std::vector<MapReason> reasons;       // consent first, then precautions in list order
  std::optional<assess::PressureCap> pressure_cap;
};

struct SessionMap {
  std::vector<MapRegion> regions;  // body-map order
  std::int64_t preferences_version = 0;
  std::int64_t precautions_version = 0;

  const MapRegion* Find(std::string_view code) const;
};

// The strictest of two caps: gentle-holding, then light, then light-moderate.
assess::PressureCap Stricter(assess::PressureCap a, assess::PressureCap b);

SessionMap BuildSessionMap(const assess::BodyMapRegions& body_map, const TouchConsentMap& consent,
                           std::int64_t preferences_version,
                           const assess::PatientPrecautions& precautions,
                           const assess::RedFlagsContent& content);

// The API's SessionMap document.
boost::json::object EncodeSessionMap(const SessionMap& map);

}  // namespace unknot::treat
