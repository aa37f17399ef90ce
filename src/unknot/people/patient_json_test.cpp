#include "unknot/people/patient_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace unknot::people {
namespace {

namespace json = boost::json;
using namespace std::chrono;
using PathCode = std::pair<std::string, std::string>;

const CalendarDate kToday = year(2024) / June / 15;

json::object Parse(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  EXPECT_FALSE(ec) << text;
  return value.is_object() ? value.as_object() : json::object{};
}

std::vector<PathCode> PathsAndCodes(const Error& error) {
  std::vector<PathCode> out;
  for (const Issue& issue : error.issues()) out.emplace_back(issue.path, issue.code);
  return out;
}

TEST(PatientJsonTest, DecodeTellsAbsentNullAndTextApart) {
  IssueList issues;
  const PatientInput input =
      DecodePatientInput(Parse(R"({"given_name":"Ann","preferred_name":null})"), issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(input.given_name.state, InputField::State::kText);
  EXPECT_EQ(input.given_name.text, "Ann");
  EXPECT_EQ(input.preferred_name.state, InputField::State::kNull);
  EXPECT_EQ(input.family_name.state, InputField::State::kAbsent);
}

TEST(PatientJsonTest, UnknownFieldsAndWrongTypesAreIssues) {
  const auto result = DecodeNewPatient(
      Parse(R"({"given_name":"Ann","family_name":42,"nickname":"A","birth_date":["1970"],)"
            R"("email":true,"id":"x","birth_date_precision":"year"})"),
      kToday);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kInvalid);
  // Order follows the body; a wrong-typed required field is not reported again as missing.
  const std::vector<PathCode> expected = {
      {"family_name", "wrong-type"}, {"nickname", "unknown-field"},
      {"birth_date", "wrong-type"},  {"email", "wrong-type"},
      {"id", "unknown-field"},       {"birth_date_precision", "unknown-field"},
  };
  EXPECT_EQ(PathsAndCodes(result.error()), expected);
}

TEST(PatientJsonTest, DecodeAndValidationIssuesComeTogether) {
  const auto result = DecodeNewPatient(
      Parse(R"({"given_name":"","family_name":"Smith","extra":1,"nhs_number":"123"})"), kToday);
  ASSERT_FALSE(result);
  const std::vector<PathCode> expected = {
      {"extra", "unknown-field"}, {"given_name", "required"}, {"nhs_number", "invalid-nhs-number"}};
  EXPECT_EQ(PathsAndCodes(result.error()), expected);
}

TEST(PatientJsonTest, NewPatientNormalises) {
  const auto result = DecodeNewPatient(
      Parse(R"({"given_name":" Ann ","family_name":"Smith","birth_date":"1970-03",)"
            R"("nhs_number":"943 476 5919","email":"Ann@EXAMPLE.org","phone":"07700 900123",)"
            R"("preferred_name":null})"),
      kToday);
  ASSERT_TRUE(result) << result.error().issues().front().path;
  EXPECT_EQ(result->given_name, "Ann");
  EXPECT_EQ(result->birth_date, (PartialDate{1970, 3, 0, DatePrecision::kMonth}));
  EXPECT_EQ(result->nhs_number, "9434765919");
  EXPECT_EQ(result->email, "Ann@example.org");
  EXPECT_EQ(result->phone, "07700900123");
  EXPECT_EQ(result->preferred_name, std::nullopt);
}

TEST(PatientJsonTest, PatchNullSemantics) {
  const auto cleared = DecodePatientPatch(Parse(R"({"email":null,"birth_date":null})"), kToday);
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->email.kind, FieldChange<std::string>::Kind::kClear);
  EXPECT_EQ(cleared->birth_date.kind, FieldChange<PartialDate>::Kind::kClear);
  EXPECT_EQ(cleared->given_name.kind, FieldChange<std::string>::Kind::kKeep);

  const auto refused = DecodePatientPatch(Parse(R"({"family_name":null})"), kToday);
  ASSERT_FALSE(refused);
  EXPECT_EQ(PathsAndCodes(refused.error()), (std::vector<PathCode>{{"family_name", "required"}}));

  EXPECT_TRUE(DecodePatientPatch(Parse("{}"), kToday));
}

TEST(ClinicJsonTest, DecodeNewClinicAndPatch) {
  const auto clinic = DecodeNewClinic(Parse(R"({"name":"Calm"})"));
  ASSERT_TRUE(clinic);
  EXPECT_EQ(clinic->time_zone, "Europe/London");

  const auto bad = DecodeNewClinic(Parse(R"({"time_zone":"Mars","colour":"blue"})"));
  ASSERT_FALSE(bad);
  const std::vector<PathCode> expected = {
      {"colour", "unknown-field"}, {"name", "required"}, {"time_zone", "invalid-time-zone"}};
  EXPECT_EQ(PathsAndCodes(bad.error()), expected);

  const auto patch = DecodeClinicPatch(Parse(R"({"name":null,"time_zone":7})"));
  ASSERT_FALSE(patch);
  // Decoding issues come first, then the rules'.
  EXPECT_EQ(PathsAndCodes(patch.error()),
            (std::vector<PathCode>{{"time_zone", "wrong-type"}, {"name", "required"}}));
}

TEST(ClinicJsonTest, SafetyEmailDecodesAndEncodes) {
  const auto patch = DecodeClinicPatch(Parse(R"({"safety_email":"alerts@calm.example.org"})"));
  ASSERT_TRUE(patch);
  const ClinicFields fields = ApplyPatch(ClinicFields{"Calm"}, *patch);
  EXPECT_EQ(fields.safety_email, "alerts@calm.example.org");
  Clinic clinic{7, "0b6f0c1e-2f4a-4a5e-8c1d-3e9b7a6d5c4b", fields, 0, 0, false};
  EXPECT_EQ(EncodeClinic(clinic).at("safety_email"), "alerts@calm.example.org");

  const auto bad = DecodeClinicPatch(Parse(R"({"safety_email":"nobody"})"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(PathsAndCodes(bad.error()), (std::vector<PathCode>{{"safety_email", "invalid-email"}}));
  const auto wrong = DecodeClinicPatch(Parse(R"({"safety_email":true})"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(PathsAndCodes(wrong.error()), (std::vector<PathCode>{{"safety_email", "wrong-type"}}));
}

TEST(PatientJsonTest, EncodePatientHasEveryMemberWithNullsForAbsentValues) {
  Patient patient;
  patient.uuid = "6f1c2f9e-7d0b-4c55-9a39-0d5c1e0f4a11";
  patient.clinic_uuid = "0b6f0c1e-2f4a-4a5e-8c1d-3e9b7a6d5c4b";
  patient.version = 3;
  patient.fields.given_name = "Ann";
  patient.fields.family_name = "Smith";
  patient.fields.birth_date = PartialDate{1970, 3, 0, DatePrecision::kMonth};
  patient.created_at = 0;
  patient.updated_at = 1'000'001;
  const json::object expected = Parse(R"({
      "id":"6f1c2f9e-7d0b-4c55-9a39-0d5c1e0f4a11",
      "clinic_id":"0b6f0c1e-2f4a-4a5e-8c1d-3e9b7a6d5c4b","version":3,
      "given_name":"Ann","family_name":"Smith","preferred_name":null,
      "birth_date":"1970-03","birth_date_precision":"month",
      "nhs_number":null,"email":null,"phone":null,
      "created_at":"1970-01-01T00:00:00.000000Z","updated_at":"1970-01-01T00:00:01.000001Z"})");
  EXPECT_EQ(EncodePatient(patient), expected);
}

TEST(ClinicJsonTest, EncodeClinic) {
  Clinic clinic{7, "0b6f0c1e-2f4a-4a5e-8c1d-3e9b7a6d5c4b", {"Calm", "Europe/London"}, 0, 0, true};
  const json::object expected = Parse(R"({"id":"0b6f0c1e-2f4a-4a5e-8c1d-3e9b7a6d5c4b",
      "name":"Calm","time_zone":"Europe/London","require_mfa":true,"safety_email":null,
      "created_at":"1970-01-01T00:00:00.000000Z","updated_at":"1970-01-01T00:00:00.000000Z"})");
  EXPECT_EQ(EncodeClinic(clinic), expected);
}

TEST(PatientJsonTest, EncodeVersionEmbedsSnapshotAndRefusesCorruptOnes) {
  const auto good = EncodePatientVersion({2, "demo", 0, R"({"given_name":"Ann"})"});
  ASSERT_TRUE(good);
  EXPECT_EQ(*good, Parse(R"({"version":2,"author":"demo",
      "recorded_at":"1970-01-01T00:00:00.000000Z","data":{"given_name":"Ann"}})"));
  const auto corrupt = EncodePatientVersion({2, "demo", 0, "not json"});
  ASSERT_FALSE(corrupt);
  EXPECT_EQ(corrupt.error().code(), ErrorCode::kInternal);
}

}  // namespace
}  // namespace unknot::people
