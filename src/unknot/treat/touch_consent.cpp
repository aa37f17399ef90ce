#include "unknot/treat/touch_consent.hpp"

#include <boost/json.hpp>

namespace unknot::treat {

std::string_view ToString(TouchConsent consent) {
  switch (consent) {
    case TouchConsent::kYes: return "yes";
    case TouchConsent::kAskFirst: return "ask_first";
    case TouchConsent::kNo: return "no";
  }
  return "ask_first";
}

std::optional<TouchConsent> TouchConsentFromString(std::string_view text) {
  if (text == "yes") return TouchConsent::kYes;
  if (text == "ask_first") return TouchConsent::kAskFirst;
  if (text == "no") return TouchConsent::kNo;
  return std::nullopt;
}

Result<TouchConsentMap> TouchConsentFromStoredPreferences(std::string_view data_json) {
  boost::system::error_code ec;
  const boost::json::value data = boost::json::parse(data_json, ec);
  if (ec || !data.is_object()) return Error::Internal("care_preference.data is not an object");
  const auto* field = data.as_object().if_contains("consent_to_touch");
  if (field == nullptr) return TouchConsentMap{};
  const auto* value = field->is_object() ? field->as_object().if_contains("value") : nullptr;
  if (value == nullptr || !value->is_object()) {
    return Error::Internal("care_preference.data.consent_to_touch has no object value");
  }
  TouchConsentMap consent;
  for (const auto& [region, answer] : value->as_object()) {
    const auto parsed =
        answer.is_string() ? TouchConsentFromString(answer.as_string()) : std::nullopt;
    if (!parsed) return Error::Internal("care_preference consent_to_touch has a bad answer");
    consent.emplace(std::string(region), *parsed);
  }
  return consent;
}

}  // namespace unknot::treat
