// The standard body-map regions (content/body_map/regions.json): stable codes
// that assessments, session notes, care preferences and precautions refer to,
// with a schematic front and back figure for the web body map.
//
// ParseBodyMapRegions is pure; the result is immutable and safe to share
// between threads. Schema: content/body_map/README.md.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/platform/error.hpp"

namespace unknot::assess {

inline constexpr int kBodyMapSchemaVersion = 1;

enum class BodyView { kFront, kBack, kBoth };

// One simple SVG shape in the file's viewBox coordinates.
struct BodyShape {
  enum class Kind { kRect, kEllipse };
  Kind kind = Kind::kRect;
  double x = 0, y = 0, width = 0, height = 0;  // kRect: top-left corner and size
  double cx = 0, cy = 0, rx = 0, ry = 0;       // kEllipse: centre and radii

  double CentreX() const { return kind == Kind::kRect ? x + width / 2 : cx; }
};

struct BodyRegion {
  std::string code;   // "left_knee"; stable, never reused for another place
  std::string label;  // "Left knee", plain English for patients
  BodyView view = BodyView::kBoth;
  std::optional<BodyShape> front;  // present exactly when the view includes it
  std::optional<BodyShape> back;
};

struct BodyMapRegions {
  int schema_version = 0;
  double view_width = 0;
  double view_height = 0;
  std::vector<BodyRegion> regions;  // in file order, which is the keyboard/list order
  std::vector<Issue> warnings;

  const BodyRegion* Find(std::string_view code) const;
  std::set<std::string, std::less<>> Codes() const;
};

// Validates everything and reports every issue with its JSON path: unknown
// fields, wrong types, missing fields, duplicate codes, a view that does not
// match the shapes given, shapes outside the viewBox, and a left_/right_ region
// drawn on the wrong side (the front view is a mirror: the patient's left is
// on the viewer's right). `file_name` is for the caller's reports only.
Result<BodyMapRegions> ParseBodyMapRegions(std::string_view json_text, std::string_view file_name);

// content_dir/body_map/regions.json.
Result<BodyMapRegions> LoadBodyMapRegions(const std::filesystem::path& content_dir);

std::string_view ToString(BodyView view);

}  // namespace unknot::assess
