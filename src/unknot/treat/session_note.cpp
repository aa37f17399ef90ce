#include "unknot/treat/session_note.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <utility>

#include "unknot/assess/content_json.hpp"

namespace unknot::treat {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 7> kTextKeys = {
    "subjective", "objective",         "assessment",     "plan",
    "advice",     "programme_changes", "patient_summary"};

// The text member `key` of `fields`.
std::string& TextField(SessionNoteFields& fields, std::string_view key) {
  if (key == "subjective") return fields.subjective;
  if (key == "objective") return fields.objective;
  if (key == "assessment") return fields.assessment;
  if (key == "plan") return fields.plan;
  if (key == "advice") return fields.advice;
  if (key == "programme_changes") return fields.programme_changes;
  return fields.patient_summary;
}
const std::string& TextField(const SessionNoteFields& fields, std::string_view key) {
  return TextField(const_cast<SessionNoteFields&>(fields), key);
}

constexpr std::array<std::string_view, 3> kRatingKeys = {"pain", "tension", "stress"};

RatingPair& RatingField(SessionRatings& ratings, std::string_view key) {
  if (key == "pain") return ratings.pain;
  if (key == "tension") return ratings.tension;
  return ratings.stress;
}
const RatingPair& RatingField(const SessionRatings& ratings, std::string_view key) {
  return RatingField(const_cast<SessionRatings&>(ratings), key);
}

bool Contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// A list of codes: absent or null is empty; each must be a known, unrepeated string.
template <class Known>
std::vector<std::string> ReadCodes(const json::object& body, std::string_view key, Known&& known,
                                   std::string_view unknown_code, std::string_view what,
                                   IssueList& issues) {
  std::vector<std::string> out;
  const json::value* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) return out;
  const json::array* list = value->if_array();
  if (list == nullptr) {
    issues.Add(std::string(key), "wrong-type",
               fmt::format("Give the {} as a list of codes.", what));
    return out;
  }
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = assess::JsonPath(key, i);
    const json::string* code = (*list)[i].if_string();
    if (code == nullptr) {
      issues.Add(path, "wrong-type", "Each entry must be a code (text).");
      continue;
    }
    if (!known(std::string_view(*code))) {
      issues.Add(path, std::string(unknown_code),
                 fmt::format("\"{}\" is not one of the {}.", std::string_view(*code), what));
      continue;
    }
    if (!seen.emplace(*code).second) {
      issues.Add(path, "duplicate",
                 fmt::format("\"{}\" is listed twice.", std::string_view(*code)));
      continue;
    }
    out.emplace_back(*code);
  }
  return out;
}

bool ReadFlag(const json::object& body, std::string_view key, IssueList& issues) {
  const json::value* value = body.if_contains(key);
  if (value == nullptr || value->is_null()) return false;
  if (!value->is_bool()) {
    issues.Add(std::string(key), "wrong-type", "Give true or false.");
    return false;
  }
  return value->as_bool();
}

std::optional<int> ReadRating(const json::value* value, const std::string& path,
                              IssueList& issues) {
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_number()) {
    issues.Add(path, "wrong-type", "Give a whole number from 0 to 10, or null.");
    return std::nullopt;
  }
  std::optional<std::int64_t> number;
  if (value->is_int64()) {
    number = value->as_int64();
  } else if (value->is_uint64()) {
    number = static_cast<std::int64_t>(std::min<std::uint64_t>(value->as_uint64(), 1000));
  } else if (const double d = value->as_double(); std::floor(d) == d && d >= -1e3 && d <= 1e3) {
    number = static_cast<std::int64_t>(d);
  }
  if (!number || *number < 0 || *number > kMaxRating) {
    issues.Add(path, "out-of-range", "Give a whole number from 0 to 10.");
    return std::nullopt;
  }
  return static_cast<int>(*number);
}

SessionRatings ReadRatings(const json::object& body, IssueList& issues) {
  SessionRatings ratings;
  const json::value* value = body.if_contains("ratings");
  if (value == nullptr || value->is_null()) return ratings;
  const json::object* object = value->if_object();
  if (object == nullptr) {
    issues.Add("ratings", "wrong-type", "Give the ratings as {pain, tension, stress}.");
    return ratings;
  }
  assess::ContentReader(issues).KnownKeys(*object, "ratings", {"pain", "tension", "stress"});
  for (std::string_view key : kRatingKeys) {
    const std::string path = assess::JsonPath("ratings", key);
    const json::value* pair = object->if_contains(key);
    if (pair == nullptr || pair->is_null()) continue;
    const json::object* pair_object = pair->if_object();
    if (pair_object == nullptr) {
      issues.Add(path, "wrong-type", "Give {before, after}.");
      continue;
    }
    assess::ContentReader(issues).KnownKeys(*pair_object, path, {"before", "after"});
    RatingPair& out = RatingField(ratings, key);
    out.before =
        ReadRating(pair_object->if_contains("before"), assess::JsonPath(path, "before"), issues);
    out.after =
        ReadRating(pair_object->if_contains("after"), assess::JsonPath(path, "after"), issues);
  }
  return ratings;
}

json::array Strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& value : values) out.emplace_back(value);
  return out;
}

json::value RatingJson(const std::optional<int>& rating) {
  if (!rating) return nullptr;
  return *rating;
}

// Tolerant readers for the stored form; `ok` turns false on anything unexpected.
struct StoredReader {
  const json::object& object;
  bool ok = true;

  std::string Text(std::string_view key) {
    const json::value* value = object.if_contains(key);
    if (value == nullptr || !value->is_string()) {
      ok = false;
      return {};
    }
    return std::string(value->as_string());
  }
  std::vector<std::string> List(std::string_view key) {
    std::vector<std::string> out;
    const json::value* value = object.if_contains(key);
    if (value == nullptr || !value->is_array()) {
      ok = false;
      return out;
    }
    for (const auto& element : value->as_array()) {
      if (!element.is_string()) {
        ok = false;
        continue;
      }
      out.emplace_back(element.as_string());
    }
    return out;
  }
  bool Flag(std::string_view key) {
    const json::value* value = object.if_contains(key);
    if (value == nullptr || !value->is_bool()) {
      ok = false;
      return false;
    }
    return value->as_bool();
  }
  std::optional<int> Rating(const json::object& pair, std::string_view key) {
    const json::value* value = pair.if_contains(key);
    if (value == nullptr) {
      ok = false;
      return std::nullopt;
    }
    if (value->is_null()) return std::nullopt;
    if (!value->is_int64()) {
      ok = false;
      return std::nullopt;
    }
    return static_cast<int>(value->as_int64());
  }
};

std::string RegionLabel(const SessionMap& map, std::string_view code) {
  const MapRegion* region = map.Find(code);
  return region != nullptr ? region->label : std::string(code);
}

}  // namespace

std::string_view ToString(NoteStatus status) {
  return status == NoteStatus::kSigned ? "signed" : "draft";
}

std::optional<NoteStatus> NoteStatusFromString(std::string_view text) {
  if (text == "draft") return NoteStatus::kDraft;
  if (text == "signed") return NoteStatus::kSigned;
  return std::nullopt;
}

Result<SessionNoteFields> DecodeSessionNoteFields(const json::object& body, const NoteRules& rules,
                                                  bool date_required) {
  IssueList issues;
  assess::ContentReader(issues).KnownKeys(
      body, "",
      {"session_date", "subjective", "objective", "assessment", "plan", "techniques",
       "regions_treated", "ask_first_confirmed", "consent_confirmed", "screen_completed", "ratings",
       "advice", "programme_changes", "patient_summary"});
  SessionNoteFields fields;

  const json::value* date = body.if_contains("session_date");
  if (date == nullptr || date->is_null()) {
    if (date_required) {
      issues.Add("session_date", "required", "Give the date of the session.");
    } else {
      fields.session_date = rules.today;
    }
  } else if (!date->is_string()) {
    issues.Add("session_date", "wrong-type", "Give the date as YYYY-MM-DD.");
  } else if (const auto parsed = empower::ParseLocalDate(date->as_string()); !parsed) {
    issues.Add("session_date", "invalid-date", "Give a real date as YYYY-MM-DD.");
  } else if (std::chrono::sys_days(*parsed) > std::chrono::sys_days(rules.today)) {
    issues.Add(
        "session_date", "future-date",
        fmt::format("{} has not happened yet: today is {}.", empower::FormatLocalDate(*parsed),
                    empower::FormatLocalDate(rules.today)));
  } else {
    fields.session_date = *parsed;
  }

  for (std::string_view key : kTextKeys) {
    TextField(fields, key) =
        assess::ReadFreeText(body.if_contains(key), std::string(key), kMaxNoteTextLength, issues)
            .value_or("");
  }
  fields.techniques = ReadCodes(
      body, "techniques",
      [&](std::string_view code) { return rules.techniques->Find(code) != nullptr; },
      "unknown-technique", "techniques", issues);
  const auto known_region = [&](std::string_view code) {
    return rules.body_map->Find(code) != nullptr;
  };
  fields.regions_treated = ReadCodes(body, "regions_treated", known_region, "unknown-region",
                                     "body-map regions", issues);
  fields.ask_first_confirmed = ReadCodes(body, "ask_first_confirmed", known_region,
                                         "unknown-region", "body-map regions", issues);
  fields.consent_confirmed = ReadFlag(body, "consent_confirmed", issues);
  fields.screen_completed = ReadFlag(body, "screen_completed", issues);
  fields.ratings = ReadRatings(body, issues);
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return fields;
}

Result<std::string> DecodeAddendumText(const json::object& body) {
  IssueList issues;
  assess::ContentReader(issues).KnownKeys(body, "", {"text"});
  auto text = assess::ReadFreeText(body.if_contains("text"), "text", kMaxAddendumLength, issues);
  if (!text && issues.empty()) issues.Add("text", "required", "Write the addendum.");
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return std::move(*text);
}

std::string StoredNoteData(const SessionNoteFields& fields) {
  json::object data;
  for (std::string_view key : kTextKeys) data[key] = TextField(fields, key);
  data["techniques"] = Strings(fields.techniques);
  data["regions_treated"] = Strings(fields.regions_treated);
  data["ask_first_confirmed"] = Strings(fields.ask_first_confirmed);
  data["consent_confirmed"] = fields.consent_confirmed;
  data["screen_completed"] = fields.screen_completed;
  data["ratings"] = EncodeRatings(fields.ratings);
  return json::serialize(data);
}

Result<SessionNoteFields> ParseStoredNoteData(std::string_view json_text, LocalDate session_date) {
  const auto corrupt = [] { return Error::Internal("session_note.data is unreadable"); };
  boost::system::error_code ec;
  const json::value value = json::parse(json_text, ec);
  if (ec || !value.is_object()) return corrupt();
  StoredReader reader{value.as_object()};
  SessionNoteFields fields;
  fields.session_date = session_date;
  for (std::string_view key : kTextKeys) TextField(fields, key) = reader.Text(key);
  fields.techniques = reader.List("techniques");
  fields.regions_treated = reader.List("regions_treated");
  fields.ask_first_confirmed = reader.List("ask_first_confirmed");
  fields.consent_confirmed = reader.Flag("consent_confirmed");
  fields.screen_completed = reader.Flag("screen_completed");
  const json::value* ratings = value.as_object().if_contains("ratings");
  if (ratings == nullptr || !ratings->is_object()) return corrupt();
  for (std::string_view key : kRatingKeys) {
    const json::value* pair = ratings->as_object().if_contains(key);
    if (pair == nullptr || !pair->is_object()) return corrupt();
    RatingPair& out = RatingField(fields.ratings, key);
    out.before = reader.Rating(pair->as_object(), "before");
    out.after = reader.Rating(pair->as_object(), "after");
  }
  if (!reader.ok) return corrupt();
  return fields;
}

std::string_view ProblemName(ConsentProblem::Kind kind) {
  return kind == ConsentProblem::Kind::kRefused ? "consent-refused"
                                                : "consent-confirmation-required";
}

std::optional<ConsentProblem> CheckConsent(const SessionNoteFields& fields, const SessionMap& map) {
  ConsentProblem refused{.kind = ConsentProblem::Kind::kRefused};
  ConsentProblem unconfirmed{.kind = ConsentProblem::Kind::kConfirmationRequired};
  const auto add = [](ConsentProblem& problem, std::size_t index, const std::string& code,
                      std::string sentence) {
    problem.regions.push_back(code);
    if (!problem.detail.empty()) problem.detail += " ";
    problem.detail += sentence;
    problem.issues.push_back({assess::JsonPath("regions_treated", index),
                              std::string(ProblemName(problem.kind)), std::move(sentence)});
  };
  for (std::size_t i = 0; i < fields.regions_treated.size(); ++i) {
    const std::string& code = fields.regions_treated[i];
    const MapRegion* region = map.Find(code);
    if (region == nullptr) {
      add(refused, i, code, fmt::format("{}: this is not a region of the body map.", code));
      continue;
    }
    if (region->status == RegionStatus::kDoNotTreat) {
      const auto precaution =
          std::find_if(region->reasons.begin(), region->reasons.end(),
                       [](const MapReason& r) { return r.source == ReasonSource::kPrecaution; });
      if (region->consent == TouchConsent::kNo || precaution == region->reasons.end()) {
        add(refused, i, code,
            fmt::format("{}: the patient has said no to touch here.", region->label));
      } else {
        add(refused, i, code,
            fmt::format("{}: a precaution rules out treatment here ({}).", region->label,
                        precaution->precaution));
      }
    } else if (region->status == RegionStatus::kAskFirst &&
               !Contains(fields.ask_first_confirmed, code)) {
      add(unconfirmed, i, code,
          fmt::format("{}: ask the patient first, and record that they agreed today.",
                      RegionLabel(map, code)));
    }
  }
  if (!refused.regions.empty()) return refused;
  if (!unconfirmed.regions.empty()) return unconfirmed;
  return std::nullopt;
}

Result<void> CheckSignable(const SessionNoteFields& fields, bool written_summary_wanted) {
  IssueList issues;
  if (!fields.consent_confirmed) {
    issues.Add("consent_confirmed", "required",
               "Confirm the patient's consent to today's treatment before signing.");
  }
  if (written_summary_wanted && fields.patient_summary.empty()) {
    issues.Add("patient_summary", "required",
               "The patient asked for a written summary after each session: write one before "
               "signing.");
  }
  if (!issues.empty()) return Error::Invalid(issues.Take());
  return {};
}

Result<bool> WrittenSummaryWanted(std::string_view care_preference_data) {
  boost::system::error_code ec;
  const json::value data = json::parse(care_preference_data, ec);
  if (ec || !data.is_object()) return Error::Internal("care_preference.data is not an object");
  const json::value* field = data.as_object().if_contains("written_summary");
  if (field == nullptr || !field->is_object()) return false;
  const json::value* value = field->as_object().if_contains("value");
  return value != nullptr && value->is_bool() && value->as_bool();
}

json::object EncodeRatings(const SessionRatings& ratings) {
  json::object out;
  for (std::string_view key : kRatingKeys) {
    const RatingPair& pair = RatingField(ratings, key);
    out[key] = json::object{{"before", RatingJson(pair.before)}, {"after", RatingJson(pair.after)}};
  }
  return out;
}

json::object EncodeAddendum(const Addendum& addendum) {
  return {{"seq", addendum.seq},
          {"text", addendum.text},
          {"author", assess::EncodeAuthor(addendum.author)},
          {"recorded_at", FormatInstant(addendum.recorded_at)}};
}

json::object EncodeSessionNote(const SessionNote& note) {
  const SessionNoteFields& f = note.fields;
  json::object out{{"id", note.id},
                   {"patient_id", note.patient_uuid},
                   {"status", ToString(note.status)},
                   {"version", note.version},
                   {"session_date", empower::FormatLocalDate(f.session_date)},
                   {"clinician", assess::EncodeAuthor(note.clinician)}};
  for (std::string_view key : {"subjective", "objective", "assessment", "plan"}) {
    out[key] = TextField(f, key);
  }
  out["techniques"] = Strings(f.techniques);
  out["regions_treated"] = Strings(f.regions_treated);
  out["ask_first_confirmed"] = Strings(f.ask_first_confirmed);
  out["consent_confirmed"] = f.consent_confirmed;
  out["screen_completed"] = f.screen_completed;
  out["ratings"] = EncodeRatings(f.ratings);
  out["advice"] = f.advice;
  out["programme_changes"] = f.programme_changes;
  out["patient_summary"] = f.patient_summary;
  out["created_at"] = FormatInstant(note.created_at);
  out["updated_at"] = FormatInstant(note.updated_at);
  out["signed_at"] = note.signed_at ? json::value(FormatInstant(*note.signed_at)) : nullptr;
  out["signed_by"] = note.signed_by ? json::value(assess::EncodeAuthor(*note.signed_by)) : nullptr;
  json::array addenda;
  for (const auto& addendum : note.addenda) addenda.push_back(EncodeAddendum(addendum));
  out["addenda"] = std::move(addenda);
  return out;
}

json::object EncodeSessionNoteSummary(const SessionNote& note) {
  return {{"id", note.id},
          {"status", ToString(note.status)},
          {"version", note.version},
          {"session_date", empower::FormatLocalDate(note.fields.session_date)},
          {"clinician", assess::EncodeAuthor(note.clinician)},
          {"techniques", Strings(note.fields.techniques)},
          {"regions_treated", Strings(note.fields.regions_treated)},
          {"ratings", EncodeRatings(note.fields.ratings)},
          {"created_at", FormatInstant(note.created_at)},
          {"updated_at", FormatInstant(note.updated_at)},
          {"signed_at", note.signed_at ? json::value(FormatInstant(*note.signed_at)) : nullptr},
          {"addenda_count", note.addenda_count}};
}

json::object EncodeSessionSummary(const SessionNote& note) {
  const json::object clinician = assess::EncodeAuthor(note.clinician);
  return {{"id", note.id},
          {"session_date", empower::FormatLocalDate(note.fields.session_date)},
          {"clinician", json::object{{"name", clinician.at("name")}}},
          {"patient_summary", note.fields.patient_summary},
          {"advice",
           note.fields.advice.empty() ? json::value(nullptr) : json::value(note.fields.advice)},
          {"ratings", EncodeRatings(note.fields.ratings)}};
}

}  // namespace unknot::treat
