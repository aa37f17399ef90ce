// Consent to touch per body-map region (DESIGN §2 T3; clinical reference §9
// `consent_to_touch_map`), as the care preferences store it. Shared by the
// care-preferences API (which writes it) and the session map and session
// notes (which enforce it). Pure; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "unknot/platform/error.hpp"

namespace unknot::treat {

enum class TouchConsent { kYes, kAskFirst, kNo };

std::string_view ToString(TouchConsent consent);  // "yes" | "ask_first" | "no"
std::optional<TouchConsent> TouchConsentFromString(std::string_view text);

// Region code → consent. A region that is not in the map has no answer
// recorded (the session map treats it as "ask first").
using TouchConsentMap = std::map<std::string, TouchConsent>;

// The consent map inside a stored care_preference.data document (migration
// 0010): data.consent_to_touch.value. Empty when the field was never set.
// kInternal when the text is not such a document.
Result<TouchConsentMap> TouchConsentFromStoredPreferences(std::string_view data_json);

}  // namespace unknot::treat
