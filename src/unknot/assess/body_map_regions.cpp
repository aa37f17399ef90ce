#include "unknot/assess/body_map_regions.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <tuple>

#include "unknot/assess/content_json.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;

std::optional<BodyShape> ReadShape(ContentReader& reader, const json::object& object,
                                   std::string_view path, double width, double height) {
  reader.KnownKeys(object, path, {"shape", "x", "y", "width", "height", "cx", "cy", "rx", "ry"});
  auto kind = reader.Enum(object, "shape", path, {"rect", "ellipse"});
  if (!kind) return std::nullopt;
  BodyShape shape;
  double left = 0, top = 0, right = 0, bottom = 0;
  if (*kind == "rect") {
    auto x = reader.Number(object, "x", path);
    auto y = reader.Number(object, "y", path);
    auto w = reader.Number(object, "width", path);
    auto h = reader.Number(object, "height", path);
    for (auto key : {"cx", "cy", "rx", "ry"}) {
      if (object.contains(key)) {
        reader.Fail(JsonPath(path, key), "unknown-field", "A rect has x, y, width and height.");
      }
    }
    if (!x || !y || !w || !h) return std::nullopt;
    shape = {BodyShape::Kind::kRect, *x, *y, *w, *h};
    left = *x, top = *y, right = *x + *w, bottom = *y + *h;
  } else {
    auto cx = reader.Number(object, "cx", path);
    auto cy = reader.Number(object, "cy", path);
    auto rx = reader.Number(object, "rx", path);
    auto ry = reader.Number(object, "ry", path);
    for (auto key : {"x", "y", "width", "height"}) {
      if (object.contains(key)) {
        reader.Fail(JsonPath(path, key), "unknown-field", "An ellipse has cx, cy, rx and ry.");
      }
    }
    if (!cx || !cy || !rx || !ry) return std::nullopt;
    shape.kind = BodyShape::Kind::kEllipse;
    shape.cx = *cx, shape.cy = *cy, shape.rx = *rx, shape.ry = *ry;
    left = *cx - *rx, top = *cy - *ry, right = *cx + *rx, bottom = *cy + *ry;
  }
  if (right <= left || bottom <= top) {
    reader.Fail(std::string(path), "empty-shape", "The shape must have a positive size.");
    return std::nullopt;
  }
  if (left < 0 || top < 0 || right > width || bottom > height) {
    reader.Fail(std::string(path), "outside-view-box",
                fmt::format("The shape must lie inside the {}×{} viewBox.", width, height));
  }
  return shape;
}

// Front view is a mirror image: the patient's left is on the viewer's right.
void CheckSide(ContentReader& reader, const BodyRegion& region, std::string_view path,
               double width) {
  const bool left = region.code.starts_with("left_");
  const bool right = region.code.starts_with("right_");
  if (!left && !right) return;
  const double middle = width / 2;
  if (region.front &&
      (left ? region.front->CentreX() <= middle : region.front->CentreX() >= middle)) {
    reader.Fail(JsonPath(path, "front"), "wrong-side",
                fmt::format("On the front view the patient's {} is on the viewer's {}.",
                            left ? "left" : "right", left ? "right" : "left"));
  }
  if (region.back && (left ? region.back->CentreX() >= middle : region.back->CentreX() <= middle)) {
    reader.Fail(JsonPath(path, "back"), "wrong-side",
                fmt::format("On the back view the patient's {} is on the viewer's {}.",
                            left ? "left" : "right", left ? "left" : "right"));
  }
}

}  // namespace

const BodyRegion* BodyMapRegions::Find(std::string_view code) const {
  for (const auto& region : regions) {
    if (region.code == code) return &region;
  }
  return nullptr;
}

std::set<std::string, std::less<>> BodyMapRegions::Codes() const {
  std::set<std::string, std::less<>> codes;
  for (const auto& region : regions) codes.insert(region.code);
  return codes;
}

std::string_view ToString(BodyView view) {
  switch (view) {
    case BodyView::kFront: return "front";
    case BodyView::kBack: return "back";
    case BodyView::kBoth: return "both";
  }
  return "both";
}

Result<BodyMapRegions> ParseBodyMapRegions(std::string_view json_text,
                                           std::string_view /*file_name*/) {
  auto value = ParseContentJson(json_text);
  if (!value) return value.error();
  IssueList issues;
  ContentReader reader(issues);
  BodyMapRegions map;
  const auto* root = reader.Root(*value);
  if (root == nullptr) return Error::Invalid(issues.Take());
  reader.KnownKeys(*root, "", {"schema_version", "view_box", "regions"});
  reader.SchemaVersion(*root, kBodyMapSchemaVersion);
  map.schema_version = kBodyMapSchemaVersion;

  if (const auto* box = reader.Object(*root, "view_box", "")) {
    reader.KnownKeys(*box, "view_box", {"width", "height"});
    map.view_width = reader.Number(*box, "width", "view_box").value_or(0);
    map.view_height = reader.Number(*box, "height", "view_box").value_or(0);
    if (map.view_width <= 0 || map.view_height <= 0) {
      reader.Fail("view_box", "invalid-value", "Width and height must be positive.");
    }
  }

  std::set<std::string, std::less<>> seen;
  if (const auto* regions = reader.Array(*root, "regions", "", true, 1)) {
    for (std::size_t i = 0; i < regions->size(); ++i) {
      const std::string path = JsonPath("regions", i);
      const auto* object = reader.ElementObject((*regions)[i], path);
      if (object == nullptr) continue;
      reader.KnownKeys(*object, path, {"code", "label", "view", "front", "back"});
      BodyRegion region;
      region.code = reader.Code(*object, "code", path, seen).value_or("");
      region.label = reader.String(*object, "label", path).value_or("");
      auto view = reader.Enum(*object, "view", path, {"front", "back", "both"});
      region.view = !view              ? BodyView::kBoth
                    : *view == "front" ? BodyView::kFront
                    : *view == "back"  ? BodyView::kBack
                                       : BodyView::kBoth;
      const bool wants_front = region.view != BodyView::kBack;
      const bool wants_back = region.view != BodyView::kFront;
      for (auto [key, wanted, slot] : {std::tuple{"front", wants_front, &region.front},
                                       std::tuple{"back", wants_back, &region.back}}) {
        const auto* shape = reader.Object(*object, key, path, view && wanted);
        if (shape != nullptr && view && !wanted) {
          reader.Fail(
              JsonPath(path, key), "view-mismatch",
              fmt::format("The region's view is \"{}\", so it has no {} shape.", *view, key));
        } else if (shape != nullptr) {
          *slot = ReadShape(reader, *shape, JsonPath(path, key), map.view_width, map.view_height);
        }
      }
      CheckSide(reader, region, path, map.view_width);
      map.regions.push_back(std::move(region));
    }
  }
  return FinishContent(std::move(map), issues);
}

Result<BodyMapRegions> LoadBodyMapRegions(const std::filesystem::path& content_dir) {
  const auto file = content_dir / "body_map" / "regions.json";
  auto text = ReadContentFile(file);
  if (!text) return text.error();
  return ParseBodyMapRegions(*text, file.string());
}

}  // namespace unknot::assess
