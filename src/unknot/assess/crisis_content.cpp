#include "unknot/assess/crisis_content.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace unknot::assess {
namespace {

namespace json = boost::json;

// UK short codes (999, 111, 85258) have 3–6 digits; E.164 allows 15, and a
// Relay UK textphone prefix (18001) before a national number makes 16.
constexpr std::size_t kMinDigits = 3;
constexpr std::size_t kMaxDigits = 16;

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsDialable(std::string_view value) {
  if (value.starts_with('+')) value.remove_prefix(1);
  return value.size() >= kMinDigits && value.size() <= kMaxDigits &&
         std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string DigitsOf(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c == '+' || std::isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  return digits;
}

std::optional<CrisisContact> ReadContact(ContentReader& reader, const json::object& object,
                                         std::string_view path,
                                         const std::vector<RetiredNumber>& retired) {
  reader.KnownKeys(object, path, {"kind", "value", "display", "message", "instructions"});
  CrisisContact contact;
  auto kind = reader.Enum(object, "kind", path, {"tel", "sms", "web"});
  auto value = reader.String(object, "value", path);
  contact.display = reader.String(object, "display", path).value_or("");
  contact.message = reader.String(object, "message", path, false);
  contact.instructions = reader.String(object, "instructions", path, false);
  if (!kind || !value) return std::nullopt;
  contact.value = *value;
  contact.kind = *kind == "tel"   ? ContactKind::kTel
                 : *kind == "sms" ? ContactKind::kSms
                                  : ContactKind::kWeb;
  const std::string value_path = JsonPath(path, "value");
  if (contact.kind == ContactKind::kWeb) {
    if (!value->starts_with("https://")) {
      reader.Fail(value_path, "invalid-url", "A web contact must be an https:// address.");
    }
    if (contact.message) {
      reader.Fail(JsonPath(path, "message"), "unknown-field", "Only an sms contact has a message.");
    }
    return contact;
  }
  if (!IsDialable(*value)) {
    reader.Fail(value_path, "implausible-number",
                fmt::format("A {} value is 3 to 16 digits (an optional leading +), with no spaces.",
                            *kind));
  } else if (!contact.display.empty() && DigitsOf(contact.display) != *value) {
    // The display form is what patients dial by hand; it must be the same number.
    reader.Fail(JsonPath(path, "display"), "display-mismatch",
                fmt::format("Shows a different number from value \"{}\".", *value));
  }
  for (const auto& old : retired) {
    if (old.value == *value) {
      reader.Fail(value_path, "retired-number",
                  fmt::format("This number is retired: {}", old.reason));
    }
  }
  if (contact.kind == ContactKind::kTel && contact.message) {
    reader.Fail(JsonPath(path, "message"), "unknown-field", "Only an sms contact has a message.");
  }
  return contact;
}

std::vector<RetiredNumber> ReadRetired(ContentReader& reader, const json::object& root) {
  std::vector<RetiredNumber> out;
  const auto* array = reader.Array(root, "retired_numbers", "", false);
  if (array == nullptr) return out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string path = JsonPath("retired_numbers", i);
    const auto* object = reader.ElementObject((*array)[i], path);
    if (object == nullptr) continue;
    reader.KnownKeys(*object, path, {"value", "reason"});
    auto value = reader.String(*object, "value", path);
    auto reason = reader.String(*object, "reason", path);
    if (value && !IsDialable(*value)) {
      reader.Fail(JsonPath(path, "value"), "implausible-number", "Digits only, as in a contact.");
    }
    if (value && reason) out.push_back({*value, *reason});
  }
  return out;
}

void CheckFileName(ContentReader& reader, std::string_view file_name, std::string_view country) {
  if (file_name.empty()) return;
  const std::string expected = LowerAscii(country) + ".json";
  if (std::filesystem::path(file_name).filename().string() != expected) {
    reader.Fail("country", "file-name-mismatch",
                fmt::format("A file for country \"{}\" must be named {}.", country, expected));
  }
}

}  // namespace

std::string CrisisContact::Href() const {
  switch (kind) {
    case ContactKind::kTel: return "tel:" + value;
    case ContactKind::kSms:
      return message ? fmt::format("sms:{}?body={}", value, *message) : "sms:" + value;
    case ContactKind::kWeb: return value;
  }
  return value;
}

std::string_view ToString(ContactKind kind) {
  switch (kind) {
    case ContactKind::kTel: return "tel";
    case ContactKind::kSms: return "sms";
    case ContactKind::kWeb: return "web";
  }
  return "tel";
}

Result<CrisisContent> ParseCrisisContent(std::string_view json_text, std::string_view file_name,
                                         Instant now) {
  auto value = ParseContentJson(json_text);
  if (!value) return value.error();
  IssueList issues;
  ContentReader reader(issues);
  CrisisContent content;
  const auto* root = reader.Root(*value);
  if (root == nullptr) return Error::Invalid(issues.Take());
  reader.KnownKeys(*root, "",
                   {"schema_version", "country", "title", "lead", "care_plan_note",
                    "clinic_hours_note", "lines", "retired_numbers"});
  reader.SchemaVersion(*root, kCrisisSchemaVersion);
  content.schema_version = kCrisisSchemaVersion;
  if (auto country = reader.String(*root, "country", "")) {
    if (country->size() != 2 || !std::all_of(country->begin(), country->end(),
                                             [](char c) { return c >= 'A' && c <= 'Z'; })) {
      reader.Fail("country", "invalid-country",
                  "Must be an ISO 3166-1 alpha-2 code in capitals, e.g. \"GB\".");
    } else {
      CheckFileName(reader, file_name, *country);
    }
    content.country = *country;
  }
  content.title = reader.String(*root, "title", "").value_or("");
  content.lead = reader.String(*root, "lead", "").value_or("");
  content.care_plan_note = reader.String(*root, "care_plan_note", "").value_or("");
  content.clinic_hours_note = reader.String(*root, "clinic_hours_note", "").value_or("");
  content.retired_numbers = ReadRetired(reader, *root);

  std::set<std::string, std::less<>> seen;
  if (const auto* lines = reader.Array(*root, "lines", "", true, 1)) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const std::string path = JsonPath("lines", i);
      const auto* object = reader.ElementObject((*lines)[i], path);
      if (object == nullptr) continue;
      reader.KnownKeys(*object, path,
                       {"code", "name", "purpose", "urgency", "nations", "audience", "contacts",
                        "hours", "hours_note", "sources", "last_reviewed", "review_due"});
      CrisisLine line;
      line.code = reader.Code(*object, "code", path, seen).value_or("");
      line.name = reader.String(*object, "name", path).value_or("");
      line.purpose = reader.String(*object, "purpose", path).value_or("");
      line.urgency =
          reader.Enum(*object, "urgency", path, {"emergency", "urgent", "support"}).value_or("");
      line.nations = reader.Strings(*object, "nations", path, true, 1);
      for (std::size_t n = 0; n < line.nations.size(); ++n) {
        const auto& nation = line.nations[n];
        if (nation != "england" && nation != "wales" && nation != "scotland" &&
            nation != "northern_ireland") {
          reader.Fail(JsonPath(JsonPath(path, "nations"), n), "invalid-value",
                      "Must be england, wales, scotland or northern_ireland.");
        }
      }
      line.audience = reader.String(*object, "audience", path, false);
      if (const auto* contacts = reader.Array(*object, "contacts", path, true, 1)) {
        const std::string contacts_path = JsonPath(path, "contacts");
        for (std::size_t c = 0; c < contacts->size(); ++c) {
          const std::string at = JsonPath(contacts_path, c);
          const auto* contact = reader.ElementObject((*contacts)[c], at);
          if (contact == nullptr) continue;
          if (auto parsed = ReadContact(reader, *contact, at, content.retired_numbers)) {
            line.contacts.push_back(std::move(*parsed));
          }
        }
      }
      line.hours = reader.String(*object, "hours", path).value_or("");
      line.hours_note = reader.String(*object, "hours_note", path, false);
      line.sources = reader.Sources(*object, path);
      if (auto review = reader.Review(*object, path, now, kCrisisMaxReviewMonths)) {
        line.review = *review;
      }
      content.lines.push_back(std::move(line));
    }
  }
  return FinishContent(std::move(content), issues);
}

Result<CrisisContent> LoadCrisisContent(const std::filesystem::path& content_dir,
                                        std::string_view country, Instant now) {
  const auto file = content_dir / "crisis" / (LowerAscii(country) + ".json");
  auto text = ReadContentFile(file);
  if (!text) return text.error();
  return ParseCrisisContent(*text, file.string(), now);
}

}  // namespace unknot::assess
