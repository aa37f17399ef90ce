#include "unknot/people/patient_model.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace unknot::people {
namespace {

using namespace std::chrono;
using PathCode = std::pair<std::string, std::string>;

const CalendarDate kToday = year(2024) / June / 15;

std::vector<PathCode> PathsAndCodes(IssueList& issues) {
  std::vector<PathCode> out;
  for (const Issue& issue : issues.Take()) {
    EXPECT_FALSE(issue.message.empty()) << issue.path;
    out.emplace_back(issue.path, issue.code);
  }
  return out;
}

PatientInput MinimalPatient() {
  PatientInput input;
  input.given_name = InputField::Text("Ann");
  input.family_name = InputField::Text("Smith");
  return input;
}

// One field of an otherwise valid new patient, and the issue code it must raise ("" for none).
struct FieldCase {
  std::string path;
  InputField PatientInput::*field;
  InputField value;
  std::string code;
};

InputField T(std::string text) {
  return InputField::Text(std::move(text));
}

constexpr std::string_view kEAcute = "\xC3\xA9";  // é: one code point, two bytes

std::vector<FieldCase> FieldCases() {
  return {
      {"given_name", &PatientInput::given_name, T("Ann-Marie"), ""},
      {"given_name", &PatientInput::given_name, T("  Ann  "), ""},
      {"given_name", &PatientInput::given_name, T(std::string(100, 'a')), ""},
      {"given_name", &PatientInput::given_name, T([] {
         std::string s;
         for (int i = 0; i < 100; ++i) s += kEAcute;
         return s;
       }()),
       ""},  // 100 code points, 200 bytes
      {"given_name", &PatientInput::given_name, T(std::string(101, 'a')), "too-long"},
      {"given_name", &PatientInput::given_name, T(""), "required"},
      {"given_name", &PatientInput::given_name, T("   "), "required"},
      {"given_name", &PatientInput::given_name, InputField::Null(), "required"},
      {"given_name", &PatientInput::given_name, InputField{}, "required"},
      {"given_name", &PatientInput::given_name, T("Ann\tMarie"), "invalid-characters"},
      {"given_name", &PatientInput::given_name, T("Ann\xC2\x85"), "invalid-characters"},
      {"given_name", &PatientInput::given_name, T("Ann\xFF"), "invalid-characters"},
      {"family_name", &PatientInput::family_name, T("O'Neil"), ""},
      {"family_name", &PatientInput::family_name, T(std::string(101, 'x')), "too-long"},
      {"family_name", &PatientInput::family_name, InputField{}, "required"},
      {"family_name", &PatientInput::family_name, T("Smith\n"), ""},  // trailing newline is trimmed
      {"family_name", &PatientInput::family_name, T("Sm\nith"), "invalid-characters"},
      {"preferred_name", &PatientInput::preferred_name, T("Annie"), ""},
      {"preferred_name", &PatientInput::preferred_name, InputField::Null(), ""},
      {"preferred_name", &PatientInput::preferred_name, T(""), ""},
      {"preferred_name", &PatientInput::preferred_name, T(std::string(101, 'p')), "too-long"},
      {"preferred_name", &PatientInput::preferred_name, T("An\x01nie"), "invalid-characters"},
      {"birth_date", &PatientInput::birth_date, T("1970"), ""},
      {"birth_date", &PatientInput::birth_date, T("1970-03"), ""},
      {"birth_date", &PatientInput::birth_date, T("1970-03-05"), ""},
      {"birth_date", &PatientInput::birth_date, T("2020-02-29"), ""},
      {"birth_date", &PatientInput::birth_date, T("2024-06-15"), ""},  // today
      {"birth_date", &PatientInput::birth_date, T("2024-06"), ""},     // this month
      {"birth_date", &PatientInput::birth_date, T("2024"), ""},        // this year
      {"birth_date", &PatientInput::birth_date, T("1880"), ""},
      {"birth_date", &PatientInput::birth_date, T("1880-01-01"), ""},
      {"birth_date", &PatientInput::birth_date, T("2024-06-16"), "future-date"},
      {"birth_date", &PatientInput::birth_date, T("2024-07"), "future-date"},
      {"birth_date", &PatientInput::birth_date, T("2025"), "future-date"},
      {"birth_date", &PatientInput::birth_date, T("1879"), "invalid-date"},
      {"birth_date", &PatientInput::birth_date, T("1879-12-31"), "invalid-date"},
      {"birth_date", &PatientInput::birth_date, T("2023-02-29"), "invalid-date"},
      {"birth_date", &PatientInput::birth_date, T("1970-02-30"), "invalid-date"},
      {"birth_date", &PatientInput::birth_date, T("05/03/1970"), "invalid-date"},
      {"birth_date", &PatientInput::birth_date, T("1970-3"), "invalid-date"},
      {"nhs_number", &PatientInput::nhs_number, T("943 476 5919"), ""},
      {"nhs_number", &PatientInput::nhs_number, T("4010232137"), ""},
      {"nhs_number", &PatientInput::nhs_number, T("9434765910"), "invalid-nhs-number"},
      {"nhs_number", &PatientInput::nhs_number, T("4010232136"), "invalid-nhs-number"},
      {"nhs_number", &PatientInput::nhs_number, T("12345"), "invalid-nhs-number"},
      {"email", &PatientInput::email, T("ann@example.org"), ""},
      {"email", &PatientInput::email, T("ann@example"), "invalid-email"},
      {"email", &PatientInput::email, T("ann example.org"), "invalid-email"},
      {"phone", &PatientInput::phone, T("+44 7700 900123"), ""},
      {"phone", &PatientInput::phone, T("12345"), "invalid-phone"},
      {"phone", &PatientInput::phone, T("0770O 900123"), "invalid-phone"},  // letter O
  };
}

TEST(PatientModelTest, EachFieldRuleGoodAndBad) {
  for (const FieldCase& c : FieldCases()) {
    PatientInput input = MinimalPatient();
    input.*(c.field) = c.value;
    IssueList issues;
    ValidateNewPatient(input, kToday, issues);
    const std::vector<PathCode> got = PathsAndCodes(issues);
    if (c.code.empty()) {
      EXPECT_TRUE(got.empty()) << c.path << " = '" << c.value.text << "' gave " << got.size()
                               << " issue(s), first " << (got.empty() ? "" : got[0].second);
    } else {
      EXPECT_EQ(got, (std::vector<PathCode>{{c.path, c.code}})) << c.path << " = " << c.value.text;
    }
  }
}

TEST(PatientModelTest, StoresNormalisedValues) {
  PatientInput input;
  input.given_name = T("  Ann ");
  input.family_name = T("Smith");
  input.preferred_name = T(" Annie ");
  input.birth_date = T("1970-03");
  input.nhs_number = T("943-476-5919");
  input.email = T("Ann@Example.ORG");
  input.phone = T("+44 (0) 7700-900123");
  IssueList issues;
  const PatientFields f = ValidateNewPatient(input, kToday, issues);
  ASSERT_TRUE(issues.empty());
  EXPECT_EQ(f.given_name, "Ann");
  EXPECT_EQ(f.preferred_name, "Annie");
  EXPECT_EQ(f.birth_date, (PartialDate{1970, 3, 0, DatePrecision::kMonth}));
  EXPECT_EQ(f.nhs_number, "9434765919");
  EXPECT_EQ(f.email, "Ann@example.org");
  EXPECT_EQ(f.phone, "+4407700900123");
  EXPECT_EQ(SearchName(f), "ann smith annie");
}

TEST(PatientModelTest, ReportsEveryIssueAtOnce) {
  PatientInput input;
  input.family_name = T(std::string(101, 'x'));
  input.preferred_name = T("a\tb");
  input.birth_date = T("2030-01-01");
  input.nhs_number = T("9434765918");
  input.email = T("nope");
  input.phone = T("12");
  IssueList issues;
  ValidateNewPatient(input, kToday, issues);
  const std::vector<PathCode> expected = {
      {"given_name", "required"},
      {"family_name", "too-long"},
      {"preferred_name", "invalid-characters"},
      {"birth_date", "future-date"},
      {"nhs_number", "invalid-nhs-number"},
      {"email", "invalid-email"},
      {"phone", "invalid-phone"},
  };
  EXPECT_EQ(PathsAndCodes(issues), expected);
}

PatientFields FullPatient() {
  PatientFields f;
  f.given_name = "Ann";
  f.family_name = "Smith";
  f.preferred_name = "Annie";
  f.birth_date = PartialDate{1970, 0, 0, DatePrecision::kYear};
  f.nhs_number = "9434765919";
  f.email = "ann@example.org";
  f.phone = "07700900123";
  return f;
}

TEST(PatientModelTest, MergePatchAbsentKeepsNullClearsTextSets) {
  PatientInput patch;  // everything absent
  patch.preferred_name = InputField::Null();
  patch.email = T("   ");  // blank clears like null
  patch.family_name = T("Jones");
  patch.birth_date = T("1970-03-05");
  IssueList issues;
  const PatientPatch validated = ValidatePatientPatch(patch, kToday, issues);
  ASSERT_TRUE(issues.empty());
  const PatientFields after = ApplyPatch(FullPatient(), validated);
  PatientFields expected = FullPatient();
  expected.family_name = "Jones";
  expected.preferred_name.reset();
  expected.email.reset();
  expected.birth_date = PartialDate{1970, 3, 5, DatePrecision::kDay};
  EXPECT_EQ(after, expected);
}

TEST(PatientModelTest, EmptyPatchChangesNothing) {
  IssueList issues;
  const PatientPatch validated = ValidatePatientPatch(PatientInput{}, kToday, issues);
  EXPECT_TRUE(issues.empty());
  EXPECT_EQ(ApplyPatch(FullPatient(), validated), FullPatient());
}

TEST(PatientModelTest, PatchCannotClearRequiredFieldsButNeedNotSendThem) {
  PatientInput patch;
  patch.given_name = InputField::Null();
  patch.family_name = T("");
  patch.nhs_number = T("123");
  IssueList issues;
  ValidatePatientPatch(patch, kToday, issues);
  const std::vector<PathCode> expected = {{"given_name", "required"},
                                          {"family_name", "required"},
                                          {"nhs_number", "invalid-nhs-number"}};
  EXPECT_EQ(PathsAndCodes(issues), expected);
}

TEST(PatientModelTest, RejectedFieldsAreNotReportedTwice) {
  PatientInput input = MinimalPatient();
  input.given_name.state = InputField::State::kRejected;  // the decoder already reported it
  IssueList issues;
  ValidateNewPatient(input, kToday, issues);
  EXPECT_TRUE(issues.empty());
}

TEST(ClinicModelTest, NewClinicRules) {
  struct Case {
    ClinicInput input;
    std::vector<PathCode> expected;
  };
  const Case cases[] = {
      {{T("Calm Tissue Clinic"), {}}, {}},
      {{T("Calm"), T("America/New_York")}, {}},
      {{T("Calm"), InputField::Null()}, {}},
      {{T(std::string(200, 'c')), {}}, {}},
      {{T(std::string(201, 'c')), {}}, {{"name", "too-long"}}},
      {{{}, {}}, {{"name", "required"}}},
      {{T(" "), T("London")}, {{"name", "required"}, {"time_zone", "invalid-time-zone"}}},
      {{T("Calm\r\nClinic"), T("Europe/London")}, {{"name", "invalid-characters"}}},
  };
  for (const Case& c : cases) {
    IssueList issues;
    ValidateNewClinic(c.input, issues);
    EXPECT_EQ(PathsAndCodes(issues), c.expected) << c.input.name.text;
  }
}

TEST(ClinicModelTest, TimeZoneDefaultsAndResetsToLondon) {
  IssueList issues;
  ClinicInput input{T("  Calm  "), {}};
  ClinicFields fields = ValidateNewClinic(input, issues);
  EXPECT_EQ(fields, (ClinicFields{"Calm", "Europe/London"}));

  fields.time_zone = "America/New_York";
  const ClinicPatch reset = ValidateClinicPatch(ClinicInput{{}, InputField::Null()}, issues);
  EXPECT_EQ(ApplyPatch(fields, reset), (ClinicFields{"Calm", "Europe/London"}));
  const ClinicPatch keep = ValidateClinicPatch(ClinicInput{}, issues);
  EXPECT_EQ(ApplyPatch(fields, keep), fields);
  EXPECT_TRUE(issues.empty());
}

TEST(ClinicModelTest, SafetyEmailIsAnAddressOrNothing) {
  IssueList issues;
  ClinicFields fields{"Calm", "Europe/London"};
  const ClinicPatch set =
      ValidateClinicPatch(ClinicInput{{}, {}, T(" Safety@Calm.EXAMPLE.org ")}, issues);
  fields = ApplyPatch(fields, set);
  EXPECT_EQ(fields.safety_email, "Safety@calm.example.org");  // the domain is lower-cased
  EXPECT_EQ(ApplyPatch(fields, ValidateClinicPatch(ClinicInput{}, issues)), fields);
  // Null or blank goes back to emailing the clinic's staff.
  EXPECT_EQ(ApplyPatch(fields, ValidateClinicPatch(ClinicInput{{}, {}, InputField::Null()}, issues))
                .safety_email,
            std::nullopt);
  EXPECT_EQ(
      ApplyPatch(fields, ValidateClinicPatch(ClinicInput{{}, {}, T("  ")}, issues)).safety_email,
      std::nullopt);
  EXPECT_TRUE(issues.empty());

  ValidateClinicPatch(ClinicInput{{}, {}, T("not an address")}, issues);
  EXPECT_EQ(PathsAndCodes(issues), (std::vector<PathCode>{{"safety_email", "invalid-email"}}));
}

TEST(PatientQueryTest, DefaultsAndBounds) {
  using Opt = std::optional<std::string>;
  struct Case {
    Opt q, limit, offset;
    std::vector<PathCode> expected;
    PatientQuery query;  // checked only when no issues are expected
  };
  const Case cases[] = {
      {{}, {}, {}, {}, {"", 20, 0}},
      {"  ZO\xC3\x8B ", "100", "40", {}, {"zo\xC3\xAB", 100, 40}},
      {{}, "1", "0", {}, {"", 1, 0}},
      {{}, "0", {}, {{"limit", "out-of-range"}}, {}},
      {{}, "101", {}, {{"limit", "out-of-range"}}, {}},
      {{}, "ten", {}, {{"limit", "invalid-number"}}, {}},
      {{}, "10x", {}, {{"limit", "invalid-number"}}, {}},
      {{}, "", {}, {{"limit", "invalid-number"}}, {}},
      {{}, {}, "-1", {{"offset", "out-of-range"}}, {}},
      {{}, {}, "99999999999999999999", {{"offset", "out-of-range"}}, {}},
      {std::string(201, 'q'),
       "0",
       "x",
       {{"q", "too-long"}, {"limit", "out-of-range"}, {"offset", "invalid-number"}},
       {}},
  };
  for (const Case& c : cases) {
    IssueList issues;
    const PatientQuery query = ValidatePatientQuery(c.q, c.limit, c.offset, issues);
    const std::vector<PathCode> got = PathsAndCodes(issues);
    EXPECT_EQ(got, c.expected) << c.limit.value_or("-") << " " << c.offset.value_or("-");
    if (c.expected.empty()) {
      EXPECT_EQ(query.search, c.query.search);
      EXPECT_EQ(query.limit, c.query.limit);
      EXPECT_EQ(query.offset, c.query.offset);
    }
  }
}

}  // namespace
}  // namespace unknot::people
