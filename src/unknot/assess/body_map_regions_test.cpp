#include "unknot/assess/body_map_regions.hpp"

#include <gtest/gtest.h>

#include "unknot/assess/content_test_support.hpp"

#include <algorithm>
#include <utility>

namespace unknot::assess {
namespace {

using testing::Expected;
using testing::PathsAndCodes;

TEST(BodyMapRegionsTest, ParsesAValidMapAndKeepsFileOrder) {
  auto map = ParseBodyMapRegions(R"({
    "schema_version": 1,
    "view_box": {"width": 200, "height": 440},
    "regions": [
      {"code": "jaw", "label": "Jaw", "view": "front",
       "front": {"shape": "ellipse", "cx": 100, "cy": 58, "rx": 14, "ry": 6}},
      {"code": "left_knee", "label": "Left knee", "view": "both",
       "front": {"shape": "ellipse", "cx": 116, "cy": 326, "rx": 14, "ry": 12},
       "back": {"shape": "rect", "x": 70, "y": 314, "width": 28, "height": 24}}
    ]})",
                                 "regions.json");
  ASSERT_TRUE(map) << map.error().issues().size();
  ASSERT_EQ(map->regions.size(), 2u);
  EXPECT_EQ(map->regions[0].code, "jaw");
  EXPECT_EQ(map->regions[0].view, BodyView::kFront);
  EXPECT_TRUE(map->regions[0].front.has_value());
  EXPECT_FALSE(map->regions[0].back.has_value());
  const auto* knee = map->Find("left_knee");
  ASSERT_NE(knee, nullptr);
  EXPECT_EQ(knee->back->kind, BodyShape::Kind::kRect);
  EXPECT_DOUBLE_EQ(knee->back->CentreX(), 84);
  EXPECT_EQ(map->Codes().size(), 2u);
  EXPECT_TRUE(map->warnings.empty());
}

TEST(BodyMapRegionsTest, ReportsEveryProblemWithItsPath) {
  auto map = ParseBodyMapRegions(R"({
    "schema_version": 2,
    "colour": "blue",
    "view_box": {"width": 200, "height": 440},
    "regions": [
      {"code": "neck", "view": "both",
       "front": {"shape": "rect", "x": 88, "y": 64, "width": 24, "height": 16},
       "back": {"shape": "rect", "x": 88, "y": 64, "width": 24, "height": "16"}},
      {"code": "neck", "label": "Neck again", "view": "side"},
      {"code": "left_hand", "label": "Left hand", "view": "both",
       "front": {"shape": "ellipse", "cx": 42, "cy": 232, "rx": 10, "ry": 14},
       "back": {"shape": "ellipse", "cx": 195, "cy": 232, "rx": 10, "ry": 14}},
      {"code": "chest", "label": "Chest", "view": "front",
       "front": {"shape": "rect", "x": 70, "y": 84, "width": 60, "height": 56},
       "back": {"shape": "rect", "x": 70, "y": 84, "width": 60, "height": 56}},
      {"code": "Upper Back", "label": "Upper back", "view": "both",
       "front": {"shape": "triangle"}},
      7
    ]})",
                                 "regions.json");
  ASSERT_FALSE(map);
  const Error error = map.error();
  EXPECT_EQ(PathsAndCodes(error.issues()), (Expected{
                                               {"colour", "unknown-field"},
                                               {"regions[0].back.height", "wrong-type"},
                                               {"regions[0].label", "required"},
                                               {"regions[1].code", "duplicate-code"},
                                               {"regions[1].view", "invalid-value"},
                                               {"regions[2].back", "outside-view-box"},
                                               {"regions[2].back", "wrong-side"},
                                               {"regions[2].front", "wrong-side"},
                                               {"regions[3].back", "view-mismatch"},
                                               {"regions[4].back", "required"},
                                               {"regions[4].code", "invalid-code"},
                                               {"regions[4].front.shape", "invalid-value"},
                                               {"regions[5]", "wrong-type"},
                                               {"schema_version", "unsupported-version"},
                                           }));
}

TEST(BodyMapRegionsTest, BackViewIsNotMirrored) {
  // On the back view the patient's right is on the viewer's right.
  auto map = ParseBodyMapRegions(R"({
    "schema_version": 1,
    "view_box": {"width": 200, "height": 440},
    "regions": [{"code": "right_hip", "label": "Right hip", "view": "back",
                 "back": {"shape": "ellipse", "cx": 84, "cy": 218, "rx": 16, "ry": 14}}]})",
                                 "regions.json");
  ASSERT_FALSE(map);
  const Error error = map.error();
  EXPECT_EQ(PathsAndCodes(error.issues()), (Expected{{"regions[0].back", "wrong-side"}}));
}

TEST(BodyMapRegionsTest, RejectsMalformedJsonAndNonObjects) {
  auto broken = ParseBodyMapRegions("{\"regions\": [", "regions.json");
  ASSERT_FALSE(broken);
  const Error broken_error = broken.error();
  EXPECT_EQ(PathsAndCodes(broken_error.issues()), (Expected{{"", "malformed-json"}}));

  auto array = ParseBodyMapRegions("[]", "regions.json");
  ASSERT_FALSE(array);
  const Error array_error = array.error();
  EXPECT_EQ(PathsAndCodes(array_error.issues()), (Expected{{"", "wrong-type"}}));
}

}  // namespace
}  // namespace unknot::assess
