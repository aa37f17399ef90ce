#include "unknot/treat/care_preference_fields.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>
#include <string>

namespace unknot::treat {
namespace {

namespace json = boost::json;

// The fields the Treat contract names (DESIGN §2 T3), with their kinds.
TEST(CarePreferenceFields, HoldTheAgreedFieldsWithTheirKinds) {
  const std::pair<const char*, FieldKind> expected[] = {
      {"consent_to_touch", FieldKind::kTouchMap},
      {"stop_signal", FieldKind::kText},
      {"pressure", FieldKind::kChoice},
      {"chaperone", FieldKind::kChoice},
      {"clinician_gender", FieldKind::kChoice},
      {"explain_before_touch", FieldKind::kChoice},
      {"talking", FieldKind::kChoice},
      {"music", FieldKind::kChoice},
      {"positions_to_avoid", FieldKind::kChoices},
      {"communication_mode", FieldKind::kChoice},
      {"processing_time", FieldKind::kFlag},
      {"written_summary", FieldKind::kFlag},
      {"lighting", FieldKind::kChoice},
      {"sound", FieldKind::kChoice},
      {"unscented", FieldKind::kFlag},
      {"appointment_time", FieldKind::kChoice},
      {"longer_appointment", FieldKind::kFlag},
      {"support_person", FieldKind::kText},
      {"other_needs", FieldKind::kText},
  };
  for (const auto& [name, kind] : expected) {
    const CarePreferenceField* field = FindCarePreferenceField(name);
    ASSERT_NE(field, nullptr) << name;
    EXPECT_EQ(field->kind, kind) << name;
  }
  EXPECT_EQ(CarePreferenceFields().size(), std::size(expected));
  EXPECT_EQ(FindCarePreferenceField("trauma_history"), nullptr);
}

TEST(CarePreferenceFields, OptionsAreTheContractsValues) {
  const auto values = [](const char* name) {
    std::vector<std::string> out;
    for (const auto& option : FindCarePreferenceField(name)->options) {
      out.emplace_back(option.value);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(values("pressure"), (V{"light", "medium", "firm"}));
  EXPECT_EQ(values("chaperone"), (V{"none", "offered", "required"}));
  EXPECT_EQ(values("clinician_gender"), (V{"any", "female", "male", "non_binary"}));
  EXPECT_EQ(values("explain_before_touch"), (V{"always", "first_time", "not_needed"}));
  EXPECT_EQ(values("talking"), (V{"quiet", "conversation", "either"}));
  EXPECT_EQ(values("music"), (V{"off", "on", "either"}));
  EXPECT_EQ(values("positions_to_avoid"), (V{"prone", "supine", "side_lying", "seated"}));
  EXPECT_EQ(values("communication_mode"), (V{"spoken", "written", "chat", "aac"}));
  EXPECT_EQ(values("lighting"), (V{"dim", "natural", "no_fluorescent"}));
  EXPECT_EQ(values("sound"), (V{"quiet", "no_music", "headphones_ok"}));
  EXPECT_EQ(values("appointment_time"), (V{"first", "last", "any"}));
}

TEST(CarePreferenceFields, EveryFieldIsWellFormed) {
  std::set<std::string_view> names;
  for (const auto& field : CarePreferenceFields()) {
    EXPECT_TRUE(names.insert(field.name).second) << "twice: " << field.name;
    EXPECT_FALSE(field.label.empty()) << field.name;
    EXPECT_FALSE(field.help.empty()) << field.name;
    const bool has_options = field.kind == FieldKind::kChoice || field.kind == FieldKind::kChoices;
    EXPECT_EQ(!field.options.empty(), has_options) << field.name;
    std::set<std::string_view> values;
    for (const auto& option : field.options) {
      EXPECT_TRUE(values.insert(option.value).second) << field.name << "." << option.value;
      EXPECT_FALSE(option.label.empty()) << field.name << "." << option.value;
      EXPECT_EQ(FindOption(field, option.value), &option);
    }
    EXPECT_EQ(FindOption(field, "nonsense"), nullptr);
    // Nothing asks for a trauma history (clinical reference §9).
    for (std::string_view text : {field.name, field.label, field.help}) {
      EXPECT_EQ(text.find("trauma"), std::string_view::npos) << field.name;
    }
  }
}

TEST(CarePreferenceFields, SectionsFollowTheReference) {
  EXPECT_EQ(FindCarePreferenceField("consent_to_touch")->section, FieldSection::kTraumaInformed);
  EXPECT_EQ(FindCarePreferenceField("stop_signal")->section, FieldSection::kTraumaInformed);
  EXPECT_EQ(FindCarePreferenceField("chaperone")->section, FieldSection::kTraumaInformed);
  EXPECT_EQ(FindCarePreferenceField("communication_mode")->section, FieldSection::kAccommodations);
  EXPECT_EQ(FindCarePreferenceField("lighting")->section, FieldSection::kAccommodations);
  EXPECT_EQ(FindCarePreferenceField("appointment_time")->section, FieldSection::kAccommodations);
}

TEST(CarePreferenceFields, EncodeForTheWebForm) {
  const json::object body = EncodeCarePreferenceFields();
  const json::array& fields = body.at("fields").as_array();
  ASSERT_EQ(fields.size(), CarePreferenceFields().size());
  const json::object& first = fields[0].as_object();
  EXPECT_EQ(first.at("name"), "consent_to_touch");
  EXPECT_EQ(first.at("kind"), "touch_map");
  EXPECT_EQ(first.at("section"), "trauma_informed");
  EXPECT_FALSE(first.contains("options"));
  const json::object& pressure = fields[2].as_object();
  EXPECT_EQ(pressure.at("name"), "pressure");
  EXPECT_EQ(pressure.at("options").as_array()[0],
            (json::object{{"value", "light"}, {"label", "Light"}}));
  const json::object& flag = fields[10].as_object();
  EXPECT_EQ(flag.at("name"), "processing_time");
  EXPECT_EQ(flag.at("kind"), "flag");
  EXPECT_EQ(flag.at("section"), "accommodations");
}

}  // namespace
}  // namespace unknot::treat
