#include "unknot/assess/content_json_encode.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>

#include "unknot/assess/record_test_support.hpp"

namespace unknot::assess {
namespace {

namespace json = boost::json;
using testing::ShippedContent;

std::set<std::string> Keys(const json::object& object) {
  std::set<std::string> keys;
  for (const auto& member : object) keys.emplace(member.key());
  return keys;
}

const InstrumentDefinition& Shipped(std::string_view id) {
  const InstrumentDefinition* definition = ShippedContent().registry.Find(id);
  EXPECT_NE(definition, nullptr) << id;
  return *definition;
}

TEST(ContentJsonEncode, ScoringOnlyInstrumentsHaveNoTextUntilOverlaid) {
  for (const auto* id : {"peg3", "psfs", "startback"}) {
    EXPECT_FALSE(TextAvailable(Shipped(id))) << id;
    EXPECT_EQ(EncodeInstrumentSummary(Shipped(id)).at("text_available"), false) << id;
    EXPECT_EQ(EncodeInstrument(Shipped(id)).at("licence").at("text_available"), false) << id;
  }
  for (const auto* id : {"phq9", "gad7", "phq2", "gad2", "phq4", "nprs"}) {
    EXPECT_TRUE(TextAvailable(Shipped(id))) << id;
  }
  // A clinic's licensed text for every scored item makes it answerable in the portal.
  json::object items;
  for (const auto& item : Shipped("startback").items) items[item.link_id] = "Licensed wording";
  const auto overlaid = OverlayText(
      Shipped("startback"),
      json::serialize(json::object{{"id", "startback"}, {"version", "1.0"}, {"items", items}}));
  ASSERT_TRUE(overlaid) << overlaid.error().message();
  EXPECT_TRUE(TextAvailable(*overlaid));
  // One item still without text is enough to keep it in clinic.
  items.erase("sbst_9");
  const auto partly = OverlayText(
      Shipped("startback"),
      json::serialize(json::object{{"id", "startback"}, {"version", "1.0"}, {"items", items}}));
  ASSERT_TRUE(partly);
  EXPECT_FALSE(TextAvailable(*partly));
}

TEST(ContentJsonEncode, InstrumentCarriesWhatAFormNeeds) {
  const json::object phq9 = EncodeInstrument(Shipped("phq9"));
  EXPECT_EQ(Keys(phq9),
            (std::set<std::string>{"id", "version", "title", "stem", "recall_period", "items",
                                   "total", "subscales", "bands", "alerts", "change", "licence"}));
  const json::object& item9 = phq9.at("items").as_array()[8].as_object();
  EXPECT_EQ(Keys(item9), (std::set<std::string>{"link_id", "text", "theme", "type", "options",
                                                "scored", "requires_item"}));
  EXPECT_EQ(item9.at("link_id"), "phq9_9");
  EXPECT_EQ(item9.at("type"), "choice");
  EXPECT_FALSE(item9.contains("min"));  // ranges belong to whole-number items
  EXPECT_EQ(item9.at("options").as_array().size(), 4u);
  EXPECT_EQ(item9.at("options").as_array()[3].at("score").to_number<double>(), 3);
  EXPECT_EQ(phq9.at("total").at("method"), "sum");
  EXPECT_EQ(phq9.at("total").at("max").to_number<double>(), 27);
  bool safety_rule = false;
  for (const auto& alert : phq9.at("alerts").as_array()) {
    safety_rule = safety_rule || (alert.at("kind") == "safety" && alert.at("item") == "phq9_9");
  }
  EXPECT_TRUE(safety_rule);
  EXPECT_EQ(Keys(phq9.at("licence").as_object()),
            (std::set<std::string>{"status", "copyright", "notice", "text_available"}));

  const json::object nprs = EncodeInstrument(Shipped("nprs"));
  const json::object& rating = nprs.at("items").as_array()[0].as_object();
  EXPECT_EQ(rating.at("type"), "integer");
  EXPECT_EQ(rating.at("min"), 0);
  EXPECT_EQ(rating.at("max"), 10);

  const json::object summary = EncodeInstrumentSummary(Shipped("phq9"));
  EXPECT_EQ(Keys(summary), (std::set<std::string>{"id", "version", "title", "item_count",
                                                  "text_available", "licence"}));
  EXPECT_EQ(summary.at("item_count"), 10);
}

TEST(ContentJsonEncode, CrisisLinesHaveDialableLinksAndReviewDates) {
  const json::object crisis = EncodeCrisisContent(ShippedContent().crisis);
  EXPECT_EQ(crisis.at("country"), "GB");
  ASSERT_FALSE(crisis.at("lines").as_array().empty());
  for (const auto& line : crisis.at("lines").as_array()) {
    EXPECT_EQ(line.at("last_reviewed").as_string().size(), 10u);
    for (const auto& contact : line.at("contacts").as_array()) {
      const std::string href(contact.at("href").as_string());
      const std::string kind(contact.at("kind").as_string());
      EXPECT_EQ(href.rfind(kind == "web" ? "https://" : kind + ":", 0), 0u) << href;
    }
  }
}

TEST(ContentJsonEncode, BodyMapShapesMatchTheirViews) {
  const json::object map = EncodeBodyMapContent(ShippedContent().body_map);
  EXPECT_GT(map.at("view_width").to_number<double>(), 0);
  for (const auto& region : map.at("regions").as_array()) {
    const std::string view(region.at("view").as_string());
    EXPECT_EQ(region.at("front").is_null(), view == "back") << region;
    EXPECT_EQ(region.at("back").is_null(), view == "front") << region;
  }
}

TEST(ContentJsonEncode, RedFlagsListActionsAndPrecautionRules) {
  const json::object red_flags = EncodeRedFlagsContent(ShippedContent().red_flags);
  EXPECT_EQ(red_flags.at("answer_states").as_array().size(), 3u);
  const json::object& ces = red_flags.at("flags").as_array()[0].as_object();
  EXPECT_EQ(ces.at("code"), "cauda_equina");
  EXPECT_EQ(ces.at("actions").as_array()[0].at("urgency"), "999-ae");
  bool postnatal = false;
  for (const auto& precaution : red_flags.at("precautions").as_array()) {
    for (const auto& situation : precaution.at("situations").as_array()) {
      if (situation.at("code") != "postnatal") continue;
      postnatal = true;
      EXPECT_EQ(situation.at("exclusion").at("regions"), json::array{"abdomen"});
      EXPECT_TRUE(situation.at("pressure_cap").is_null());
    }
  }
  EXPECT_TRUE(postnatal);
}

}  // namespace
}  // namespace unknot::assess
