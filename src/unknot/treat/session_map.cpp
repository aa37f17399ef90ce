#include "unknot/treat/session_map.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <map>

namespace unknot::treat {
namespace {

namespace json = boost::json;
using assess::PressureCap;

int Strictness(PressureCap cap) {
  switch (cap) {
    case PressureCap::kGentleHolding: return 0;
    case PressureCap::kLight: return 1;
    case PressureCap::kLightModerate: return 2;
  }
  return 0;
}

std::string_view CapWords(PressureCap cap) {
  switch (cap) {
    case PressureCap::kGentleHolding: return "gentle, holding touch only";
    case PressureCap::kLight: return "light pressure only";
    case PressureCap::kLightModerate: return "light to moderate pressure only";
  }
  return "light pressure only";
}

const assess::PrecautionSituation* FindSituation(const assess::Precaution& precaution,
                                                 std::string_view code) {
  for (const auto& situation : precaution.situations) {
    if (situation.code == code) return &situation;
  }
  return nullptr;
}

std::string_view ConsentReason(std::optional<TouchConsent> consent) {
  if (!consent) return "No answer about touch here has been recorded yet: ask first.";
  switch (*consent) {
    case TouchConsent::kYes: return "The patient has said yes to touch here.";
    case TouchConsent::kAskFirst: return "The patient has asked to be asked first.";
    case TouchConsent::kNo: return "The patient has said no to touch here.";
  }
  return "";
}

// What one precaution does to each region, keyed by region code.
struct Effects {
  std::map<std::string, std::vector<MapReason>, std::less<>> exclusions;
  std::map<std::string, std::vector<MapReason>, std::less<>> caps_text;
  std::map<std::string, PressureCap, std::less<>> caps;
};

void AddPrecaution(Effects& effects, const assess::PrecautionChoice& choice,
                   const assess::RedFlagsContent& content,
                   const std::vector<std::string>& all_regions) {
  const assess::Precaution* precaution = content.FindPrecaution(choice.precaution);
  const assess::PrecautionSituation* situation =
      precaution != nullptr ? FindSituation(*precaution, choice.situation) : nullptr;
  // A situation that has left the content can no longer be judged; the
  // precautions list still shows it at the top of the session screen.
  if (situation == nullptr) return;
  const std::string name = fmt::format("{} ({})", precaution->name, situation->name);
  const assess::AffectedRegions affected = assess::DeriveRegions(*situation, choice.regions);

  const bool hard_stop = situation->response == assess::PrecautionResponse::kNoMassage ||
                         situation->response == assess::PrecautionResponse::kDeferAndRefer;
  if (hard_stop) {
    const MapReason reason{ReasonSource::kPrecaution,
                           fmt::format("{}: {}.", name,
                                       situation->response == assess::PrecautionResponse::kNoMassage
                                           ? "no massage"
                                           : "defer and refer"),
                           name};
    for (const auto& region : all_regions) effects.exclusions[region].push_back(reason);
  } else {
    const MapReason reason{ReasonSource::kPrecaution, fmt::format("{}: do not work here.", name),
                           name};
    for (const auto& region : affected.excluded) effects.exclusions[region].push_back(reason);
  }

  if (situation->pressure_cap) {
    const PressureCap cap = *situation->pressure_cap;
    const std::vector<std::string>& where =
        affected.pressure_cap.empty() ? all_regions : affected.pressure_cap;
    const MapReason reason{ReasonSource::kPrecaution, fmt::format("{}: {}.", name, CapWords(cap)),
                           name};
    for (const auto& region : where) {
      effects.caps_text[region].push_back(reason);
      auto [it, inserted] = effects.caps.emplace(region, cap);
      if (!inserted) it->second = Stricter(it->second, cap);
    }
  }
}

}  // namespace

std::string_view ToString(RegionStatus status) {
  switch (status) {
    case RegionStatus::kDoNotTreat: return "do_not_treat";
    case RegionStatus::kAskFirst: return "ask_first";
    case RegionStatus::kFine: return "fine";
  }
  return "ask_first";
}

std::string_view ToString(ReasonSource source) {
  return source == ReasonSource::kConsent ? "consent" : "precaution";
}

const MapRegion* SessionMap::Find(std::string_view code) const {
  for (const auto& region : regions) {
    if (region.code == code) return &region;
  }
  return nullptr;
}

PressureCap Stricter(PressureCap a, PressureCap b) {
  return Strictness(a) <= Strictness(b) ? a : b;
}

SessionMap BuildSessionMap(const assess::BodyMapRegions& body_map, const TouchConsentMap& consent,
                           std::int64_t preferences_version,
                           const assess::PatientPrecautions& precautions,
                           const assess::RedFlagsContent& content) {
  std::vector<std::string> all_regions;
  all_regions.reserve(body_map.regions.size());
  for (const auto& region : body_map.regions) all_regions.push_back(region.code);

  Effects effects;
  for (const auto& choice : precautions.items) AddPrecaution(effects, choice, content, all_regions);

  SessionMap map;
  map.preferences_version = preferences_version;
  map.precautions_version = precautions.version;
  for (const auto& body_region : body_map.regions) {
    MapRegion region{.code = body_region.code, .label = body_region.label};
    const auto found = consent.find(body_region.code);
    const std::optional<TouchConsent> answer =
        found == consent.end() ? std::nullopt : std::optional<TouchConsent>(found->second);
    region.consent = answer;
    region.reasons.push_back({ReasonSource::kConsent, std::string(ConsentReason(answer)), {}});

    const auto excluded = effects.exclusions.find(body_region.code);
    const bool precaution_excludes = excluded != effects.exclusions.end();
    if (answer == TouchConsent::kNo || precaution_excludes) {
      region.status = RegionStatus::kDoNotTreat;
    } else if (answer == TouchConsent::kYes) {
      region.status = RegionStatus::kFine;
    } else {
      region.status = RegionStatus::kAskFirst;
    }
    if (precaution_excludes) {
      for (const auto& reason : excluded->second) region.reasons.push_back(reason);
    }
    if (const auto cap = effects.caps.find(body_region.code); cap != effects.caps.end()) {
      region.pressure_cap = cap->second;
      for (const auto& reason : effects.caps_text.at(body_region.code)) {
        region.reasons.push_back(reason);
      }
    }
    map.regions.push_back(std::move(region));
  }
  return map;
}

json::object EncodeSessionMap(const SessionMap& map) {
  json::array regions;
  for (const auto& region : map.regions) {
    json::array reasons;
    for (const auto& reason : region.reasons) {
      reasons.push_back(json::object{{"source", ToString(reason.source)}, {"text", reason.text}});
    }
    json::value cap = nullptr;
    if (region.pressure_cap) cap = json::string(assess::ToString(*region.pressure_cap));
    regions.push_back(json::object{{"code", region.code},
                                   {"label", region.label},
                                   {"status", ToString(region.status)},
                                   {"reasons", std::move(reasons)},
                                   {"pressure_cap", std::move(cap)}});
  }
  return {{"regions", std::move(regions)},
          {"preferences_version", map.preferences_version},
          {"precautions_version", map.precautions_version}};
}

}  // namespace unknot::treat
