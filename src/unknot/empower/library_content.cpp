#include "unknot/empower/library_content.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "unknot/assess/content_json.hpp"
#include "unknot/people/field_rules.hpp"

namespace unknot::empower {
namespace {

constexpr std::string_view kFence = "---";
constexpr std::string_view kFrontMatter = "front_matter";
constexpr std::string_view kBody = "body";

// One `key: value` line, or a key followed by `  - item` lines.
struct RawField {
  std::size_t line = 0;  // 1-based, for messages
  bool is_list = false;
  std::string scalar;
  std::vector<std::string> items;
};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);  // files edited on Windows
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool IsKey(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(),
                                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// Lower-case words joined by single hyphens: "neck-side-stretch".
bool IsSlug(std::string_view slug) {
  if (slug.empty() || slug.front() == '-' || slug.back() == '-') return false;
  if (slug.find("--") != std::string_view::npos) return false;
  return std::all_of(slug.begin(), slug.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::string FieldPath(std::string_view key) {
  return assess::JsonPath(kFrontMatter, key);
}

class FrontMatterReader final {
 public:
  FrontMatterReader(std::map<std::string, RawField, std::less<>> fields, IssueList& issues)
      : fields_(std::move(fields)), issues_(issues) {}

  void Fail(std::string path, std::string code, std::string message) {
    issues_.Add(std::move(path), std::move(code), std::move(message));
  }

  void KnownKeys(std::initializer_list<std::string_view> keys) {
    for (const auto& [key, field] : fields_) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        Fail(FieldPath(key), "unknown-field", fmt::format("\"{}\" is not a field here.", key));
      }
    }
  }

  std::optional<std::string> String(std::string_view key, bool required = true) {
    const RawField* field = Find(key, required);
    if (field == nullptr) return std::nullopt;
    if (field->is_list) {
      Fail(FieldPath(key), "wrong-type", "Must be a single line of text, not a list.");
      return std::nullopt;
    }
    if (field->scalar.empty()) {
      Fail(FieldPath(key), "empty", "Must not be empty.");
      return std::nullopt;
    }
    return field->scalar;
  }

  std::optional<std::string> Text(std::string_view key, std::size_t max_length) {
    auto text = String(key);
    if (text && text->size() > max_length) {
      Fail(FieldPath(key), "too-long", fmt::format("At most {} characters.", max_length));
    }
    return text;
  }

  std::optional<int> Integer(std::string_view key, int min, int max) {
    auto text = String(key);
    if (!text) return std::nullopt;
    const bool digits = text->size() <= 4 && std::all_of(text->begin(), text->end(), [](char c) {
                          return c >= '0' && c <= '9';
                        });
    if (!digits) {
      Fail(FieldPath(key), "wrong-type", "Must be a whole number.");
      return std::nullopt;
    }
    const int value = std::stoi(*text);
    if (value < min || value > max) {
      Fail(FieldPath(key), "out-of-range", fmt::format("Must be from {} to {}.", min, max));
      return std::nullopt;
    }
    return value;
  }

  std::optional<std::string> Enum(std::string_view key,
                                  std::initializer_list<std::string_view> allowed) {
    auto text = String(key);
    if (!text) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *text) == allowed.end()) {
      std::string names;
      for (auto name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
      Fail(FieldPath(key), "invalid-value", fmt::format("Must be one of: {}.", names));
      return std::nullopt;
    }
    return text;
  }

  // A list whose items must each be in `known`; repeats are reported too.
  // Nothing when the field is missing or not a list (already reported).
  std::optional<std::vector<std::string>> Codes(std::string_view key, const CodeSet& known,
                                                std::string_view unknown_code,
                                                std::string_view what) {
    const auto* items = List(key, true);
    if (items == nullptr) return std::nullopt;
    std::vector<std::string> out;
    CodeSet seen;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string& code = (*items)[i];
      const std::string path = assess::JsonPath(FieldPath(key), i);
      if (code.empty()) continue;  // reported as "empty" when the list was read
      if (!known.contains(code)) {
        Fail(path, std::string(unknown_code), fmt::format("\"{}\" is not a known {}.", code, what));
      } else if (!seen.insert(code).second) {
        Fail(path, "duplicate", fmt::format("\"{}\" is listed twice.", code));
      } else {
        out.push_back(code);
      }
    }
    return out;
  }

  const std::vector<std::string>* List(std::string_view key, bool required) {
    const RawField* field = Find(key, required);
    if (field == nullptr) return nullptr;
    if (!field->is_list) {
      Fail(FieldPath(key), "wrong-type", "Must be a list: [a, b] or lines starting with \"- \".");
      return nullptr;
    }
    return &field->items;
  }

 private:
  const RawField* Find(std::string_view key, bool required) {
    const auto it = fields_.find(key);
    if (it != fields_.end()) return &it->second;
    if (required) Fail(FieldPath(key), "required", "This field is required.");
    return nullptr;
  }

  std::map<std::string, RawField, std::less<>> fields_;
  IssueList& issues_;
};

// `[a, b, c]`, or `[]`. Items are trimmed; an empty item is reported.
std::vector<std::string> InlineList(std::string_view value, std::string_view key,
                                    IssueList& issues) {
  std::vector<std::string> items;
  std::string_view inner = Trim(value.substr(1, value.size() - 2));
  if (inner.empty()) return items;
  while (true) {
    const auto comma = inner.find(',');
    std::string_view item = Trim(inner.substr(0, comma));
    if (item.empty()) {
      issues.Add(assess::JsonPath(FieldPath(key), items.size()), "empty", "Must not be empty.");
    }
    items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    inner.remove_prefix(comma + 1);
  }
  return items;
}

// Splits the front matter lines into fields; malformed lines and repeated keys
// are reported and skipped. `first_line` is the 1-based number of lines[0].
std::map<std::string, RawField, std::less<>> ReadFields(const std::vector<std::string_view>& lines,
                                                        std::size_t first_line, IssueList& issues) {
  std::map<std::string, RawField, std::less<>> fields;
  RawField* open_list = nullptr;  // a key with no value, which may take "- item" lines
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t number = first_line + i;
    const std::string_view line = lines[i];
    if (Trim(line).empty()) continue;
    const std::string_view trimmed = Trim(line);
    if (trimmed.starts_with("- ") || trimmed == "-") {
      if (open_list == nullptr) {
        issues.Add(std::string(kFrontMatter), "malformed-line",
                   fmt::format("Line {}: a list item must follow a key with no value.", number));
        continue;
      }
      const std::string_view item = Trim(trimmed.substr(1));
      if (item.empty()) {
        issues.Add(std::string(kFrontMatter), "malformed-line",
                   fmt::format("Line {}: the list item is empty.", number));
        continue;
      }
      open_list->is_list = true;
      open_list->items.emplace_back(item);
      continue;
    }
    open_list = nullptr;
    const auto colon = line.find(':');
    const std::string_view key = colon == std::string_view::npos ? "" : line.substr(0, colon);
    if (!IsKey(key) || (colon + 1 < line.size() && line[colon + 1] != ' ')) {
      issues.Add(std::string(kFrontMatter), "malformed-line",
                 fmt::format("Line {}: expected \"key: value\" with a lower-case key.", number));
      continue;
    }
    if (fields.contains(key)) {
      issues.Add(FieldPath(key), "duplicate-field",
                 fmt::format("Line {}: \"{}\" is given more than once.", number, key));
      continue;
    }
    RawField field;
    field.line = number;
    const std::string_view value = Trim(line.substr(colon + 1));
    if (value.starts_with('[') && value.ends_with(']')) {
      field.is_list = true;
      field.items = InlineList(value, key, issues);
    } else {
      field.scalar = std::string(value);
    }
    auto [it, inserted] = fields.emplace(std::string(key), std::move(field));
    if (value.empty()) open_list = &it->second;
  }
  return fields;
}

std::optional<EntryType> ParseType(std::string_view text) {
  if (text == "stretch") return EntryType::kStretch;
  if (text == "breathing") return EntryType::kBreathing;
  if (text == "relaxation") return EntryType::kRelaxation;
  if (text == "sleep") return EntryType::kSleep;
  if (text == "pacing") return EntryType::kPacing;
  if (text == "education") return EntryType::kEducation;
  return std::nullopt;
}

// Practice entries are followed step by step, so they need a numbered list.
bool HasNumberedSteps(std::string_view body) {
  for (std::string_view line : SplitLines(body)) {
    line = Trim(line);
    std::size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) {
      ++digits;
    }
    if (digits > 0 && line.substr(digits).starts_with(". ")) return true;
  }
  return false;
}

void ReadFrontMatter(FrontMatterReader& reader, LibraryEntry& entry, std::string_view file_name,
                     const CodeSet& region_codes, const CodeSet& precaution_codes, Instant now) {
  reader.KnownKeys({"schema_version", "slug", "title", "type", "regions", "duration_minutes",
                    "level", "precautions", "summary", "why", "review_due", "sources"});
  if (auto version = reader.Integer("schema_version", 1, 9999)) {
    if (*version != kLibrarySchemaVersion) {
      reader.Fail(FieldPath("schema_version"), "unsupported-version",
                  fmt::format("This build reads schema version {}.", kLibrarySchemaVersion));
    }
    entry.schema_version = *version;
  }
  if (auto slug = reader.String("slug")) {
    const std::string stem = std::filesystem::path(file_name).stem().string();
    if (!IsSlug(*slug)) {
      reader.Fail(FieldPath("slug"), "invalid-slug",
                  "Use lower-case letters and digits in words joined by single hyphens.");
    } else if (!file_name.empty() && stem != *slug) {
      reader.Fail(FieldPath("slug"), "slug-mismatch",
                  fmt::format("The file must be named {}.md.", *slug));
    }
    entry.slug = *slug;
  }
  entry.title = reader.Text("title", kMaxTitleLength).value_or("");
  if (auto type = reader.Enum(
          "type", {"stretch", "breathing", "relaxation", "sleep", "pacing", "education"})) {
    entry.type = *ParseType(*type);
  }
  if (auto regions = reader.Codes("regions", region_codes, "unknown-region", "body-map region")) {
    // Only for an empty list: a list of unknown codes is already reported.
    if (entry.type == EntryType::kStretch && reader.List("regions", false)->empty()) {
      reader.Fail(FieldPath("regions"), "too-few", "A stretch names at least one region.");
    }
    entry.regions = std::move(*regions);
  }
  entry.duration_minutes = reader.Integer("duration_minutes", 1, kMaxDurationMinutes).value_or(0);
  if (auto level = reader.Enum("level", {"gentle", "moderate"})) {
    entry.level = *level == "gentle" ? EntryLevel::kGentle : EntryLevel::kModerate;
  }
  entry.precautions =
      reader.Codes("precautions", precaution_codes, "unknown-precaution", "precaution")
          .value_or(std::vector<std::string>{});
  entry.summary = reader.Text("summary", kMaxSummaryLength).value_or("");
  entry.why = reader.Text("why", kMaxWhyLength).value_or("");
  if (auto due = reader.String("review_due")) {
    if (auto date = assess::ParseContentDate(*due)) {
      entry.review_due = *date;
      if (std::chrono::sys_days{*date} < std::chrono::sys_days{people::UtcDate(now)}) {
        reader.Fail(FieldPath("review_due"), std::string(assess::kReviewOverdueCode),
                    fmt::format("The review was due on {}.", *due));
      }
    } else {
      reader.Fail(FieldPath("review_due"), "invalid-date", "Must be a real date as YYYY-MM-DD.");
    }
  }
  if (const auto* sources = reader.List("sources", false)) entry.sources = *sources;
}

}  // namespace

Result<LibraryEntry> ParseLibraryEntry(std::string_view text, std::string_view file_name,
                                       const CodeSet& region_codes, const CodeSet& precaution_codes,
                                       Instant now) {
  IssueList issues;
  const auto lines = SplitLines(text);
  if (lines.empty() || lines.front() != kFence) {
    issues.Add(std::string(kFrontMatter), "missing-front-matter",
               "The file must start with a \"---\" line, the front matter and another \"---\".");
    return Error::Invalid(issues.Take());
  }
  const auto close = std::find(lines.begin() + 1, lines.end(), kFence);
  if (close == lines.end()) {
    issues.Add(std::string(kFrontMatter), "unterminated-front-matter",
               "The front matter must end with a \"---\" line.");
    return Error::Invalid(issues.Take());
  }

  LibraryEntry entry;
  FrontMatterReader reader(ReadFields({lines.begin() + 1, close}, 2, issues), issues);
  ReadFrontMatter(reader, entry, file_name, region_codes, precaution_codes, now);

  // The body is the text after the closing fence, byte for byte.
  const std::string_view closing = *close;
  std::string_view body = text.substr(closing.data() + closing.size() - text.data());
  if (body.starts_with("\r\n")) body.remove_prefix(2);
  if (body.starts_with('\n')) body.remove_prefix(1);
  if (Trim(body).empty()) {
    issues.Add(std::string(kBody), "empty", "The entry needs a body after the front matter.");
  } else if ((entry.type == EntryType::kStretch || entry.type == EntryType::kBreathing ||
              entry.type == EntryType::kRelaxation) &&
             !HasNumberedSteps(body)) {
    issues.Add(std::string(kBody), "no-steps",
               "A stretch, breathing or relaxation entry gives its steps as a numbered list.");
  }
  entry.body_markdown = std::string(body);

  std::vector<Issue> all = issues.Take();
  for (const auto& issue : all) {
    if (!assess::IsWarning(issue)) return Error::Invalid(std::move(all));
  }
  entry.warnings = std::move(all);
  return entry;
}

const LibraryEntry* Library::Find(std::string_view slug) const {
  const auto it = std::lower_bound(
      entries.begin(), entries.end(), slug,
      [](const LibraryEntry& entry, std::string_view key) { return entry.slug < key; });
  return it != entries.end() && it->slug == slug ? &*it : nullptr;
}

Library LoadLibrary(const std::filesystem::path& content_dir, const CodeSet& region_codes,
                    const CodeSet& precaution_codes, Instant now) {
  Library library;
  const auto dir = content_dir / "library";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    library.problems.push_back({"", {"", "missing-folder", "There is no library folder."}, false});
    return library;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
    const auto& path = item.path();
    if (item.is_regular_file() && path.extension() == ".md" && path.filename() != "README.md") {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    auto add_problems = [&](const Error& error) {
      for (const auto& issue : error.issues()) {
        library.problems.push_back({name, issue, assess::IsWarning(issue)});
      }
    };
    auto text = assess::ReadContentFile(file);
    if (!text) {
      add_problems(text.error());
      continue;
    }
    auto entry = ParseLibraryEntry(*text, name, region_codes, precaution_codes, now);
    if (!entry) {
      add_problems(entry.error());
      continue;
    }
    for (const auto& issue : entry->warnings) library.problems.push_back({name, issue, true});
    library.entries.push_back(std::move(*entry));
  }
  std::sort(library.entries.begin(), library.entries.end(),
            [](const LibraryEntry& a, const LibraryEntry& b) { return a.slug < b.slug; });
  return library;
}

std::string_view ToString(EntryType type) {
  switch (type) {
    case EntryType::kStretch: return "stretch";
    case EntryType::kBreathing: return "breathing";
    case EntryType::kRelaxation: return "relaxation";
    case EntryType::kSleep: return "sleep";
    case EntryType::kPacing: return "pacing";
    case EntryType::kEducation: return "education";
  }
  return "education";
}

std::string_view ToString(EntryLevel level) {
  return level == EntryLevel::kGentle ? "gentle" : "moderate";
}

}  // namespace unknot::empower
