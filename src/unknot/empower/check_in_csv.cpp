#include "unknot/empower/check_in_csv.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>

#include <boost/json/value.hpp>

#include "unknot/assess/record_json.hpp"

namespace unknot::empower {
namespace {

constexpr std::size_t kColumns = 9;

struct RawRecord {
  int line = 0;
  std::vector<std::string> fields;
  std::optional<std::string> error;  // a quoting fault; the rest of its line is skipped
};

// Splits RFC 4180 records. A quoted field may hold commas, doubled quotes and
// line breaks, so records and lines differ; each record keeps its first line.
class CsvReader final {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  std::vector<RawRecord> ReadAll() {
    std::vector<RawRecord> records;
    while (i_ < text_.size()) records.push_back(ReadRecord());
    return records;
  }

 private:
  RawRecord ReadRecord() {
    RawRecord record{line_, {}, std::nullopt};
    while (true) {
      std::string field;
      if (!ReadField(field, record)) {
        SkipLine();
        return record;
      }
      record.fields.push_back(std::move(field));
      if (At(',')) {
        ++i_;
        continue;
      }
      EndOfLine();
      return record;
    }
  }

  // False when the field breaks the quoting rules (record.error says how).
  bool ReadField(std::string& field, RawRecord& record) {
    if (!At('"')) {
      while (i_ < text_.size() && !At(',') && !At('\n') && !At('\r')) {
        if (At('"')) {
          record.error = "A quote inside a field needs the whole field in quotes.";
          return false;
        }
        field += text_[i_++];
      }
      return true;
    }
    ++i_;
    while (i_ < text_.size()) {
      if (At('"')) {
        if (i_ + 1 < text_.size() && text_[i_ + 1] == '"') {
          field += '"';
          i_ += 2;
          continue;
        }
        ++i_;
        if (i_ < text_.size() && !At(',') && !At('\n') && !At('\r')) {
          record.error = "Only a comma or the end of the line may follow a closing quote.";
          return false;
        }
        return true;
      }
      if (At('\n')) ++line_;
      field += text_[i_++];
    }
    record.error = "A quoted field is never closed.";
    return false;
  }

  void EndOfLine() {
    if (At('\r')) ++i_;
    if (At('\n')) {
      ++i_;
      ++line_;
    }
  }
  void SkipLine() {
    while (i_ < text_.size() && !At('\n')) ++i_;
    EndOfLine();
  }
  bool At(char c) const { return i_ < text_.size() && text_[i_] == c; }

  std::string_view text_;
  std::size_t i_ = 0;
  int line_ = 1;
};

std::string Quoted(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// A note a spreadsheet would run as a formula (starting with =, +, -, @, tab
// or carriage return) is written with a leading single quote, which
// spreadsheets show as text. A note that itself starts with a quote gets one
// more, so reading strips exactly one and every note round-trips.
bool NeedsFormulaGuard(std::string_view note) {
  return !note.empty() && std::string_view("=+-@\t\r'").find(note.front()) != std::string_view::npos;
}

std::string GuardFormula(std::string_view note) {
  return NeedsFormulaGuard(note) ? "'" + std::string(note) : std::string(note);
}

std::string UnguardFormula(std::string_view field) {
  return std::string(field.starts_with('\'') ? field.substr(1) : field);
}

std::string Rating(const std::optional<int>& value) {
  return value ? std::to_string(*value) : std::string();
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<int> ParseRating(const std::string& text, const std::string& path,
                               IssueList& issues) {
  if (text.empty()) return std::nullopt;
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) return kMaxRating + 1;
  if (error != std::errc() || end != text.data() + text.size()) {
    issues.Add(path, "not-an-integer", "Give a whole number from 0 to 10, or leave it empty.");
    return std::nullopt;
  }
  return value < kMinRating ? kMinRating - 1 : value > kMaxRating ? kMaxRating + 1 : int(value);
}

std::vector<std::string> SplitRegions(std::string_view text) {
  std::vector<std::string> regions;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    std::string_view piece = text.substr(start, end - start);
    const auto first = piece.find_first_not_of(' ');
    if (first != std::string_view::npos) {
      piece = piece.substr(first, piece.find_last_not_of(' ') - first + 1);
      regions.emplace_back(piece);
    }
    start = end + 1;
  }
  return regions;
}

// One data row; issues are added under "lines[N].".
std::optional<CsvCheckIn> DecodeRow(const RawRecord& record, const assess::BodyMapRegions& body_map,
                                    IssueList& all_issues) {
  const std::string prefix = CsvIssuePath(record.line) + ".";
  const auto& f = record.fields;
  IssueList issues;
  CsvCheckIn row;
  row.line = record.line;
  const auto date = ParseLocalDate(f[0]);
  if (!date) issues.Add(prefix + "date", "invalid-date", "Give the date as YYYY-MM-DD.");
  const std::array<std::optional<int> CheckInValues::*, 5> ratings{
      &CheckInValues::pain, &CheckInValues::stress, &CheckInValues::mood, &CheckInValues::sleep,
      &CheckInValues::tension};
  const std::array<const char*, 5> names{"pain", "stress", "mood", "sleep", "tension"};
  for (std::size_t i = 0; i < ratings.size(); ++i) {
    row.values.*ratings[i] = ParseRating(f[i + 1], prefix + names[i], issues);
  }
  const std::string flare = Lower(f[6]);
  if (flare == "yes" || flare == "no") {
    row.values.flare = flare == "yes";
  } else if (!flare.empty()) {
    issues.Add(prefix + "flare", "invalid-flare", "Write yes, no, or leave it empty.");
  }
  row.values.regions = SplitRegions(f[7]);
  const boost::json::value note(UnguardFormula(f[8]));
  row.values.note = assess::ReadFreeText(&note, prefix + "note", kMaxNoteChars, issues);
  ValidateCheckInValues(row.values, body_map, prefix, issues);
  if (!issues.empty()) {
    for (Issue& issue : issues.Take()) {
      all_issues.Add(std::move(issue.path), std::move(issue.code), std::move(issue.message));
    }
    return std::nullopt;
  }
  row.date = *date;
  return row;
}

}  // namespace

std::string FormatCheckInsCsv(const std::vector<CsvCheckIn>& check_ins) {
  std::string out(kCheckInCsvHeader);
  out += "\r\n";
  for (const auto& check_in : check_ins) {
    const CheckInValues& v = check_in.values;
    std::string regions;
    for (const auto& region : v.regions) {
      if (!regions.empty()) regions += ';';
      regions += region;
    }
    out += fmt::format("{},{},{},{},{},{},{},{},{}\r\n", FormatLocalDate(check_in.date),
                       Rating(v.pain), Rating(v.stress), Rating(v.mood), Rating(v.sleep),
                       Rating(v.tension), v.flare ? (*v.flare ? "yes" : "no") : "", Quoted(regions),
                       Quoted(GuardFormula(v.note.value_or(""))));
  }
  return out;
}

std::string CsvIssuePath(int line, std::string_view field) {
  return field.empty() ? fmt::format("lines[{}]", line) : fmt::format("lines[{}].{}", line, field);
}

std::vector<CsvCheckIn> ParseCheckInsCsv(std::string_view text,
                                         const assess::BodyMapRegions& body_map,
                                         IssueList& issues) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // spreadsheets add a BOM
  std::vector<RawRecord> records = CsvReader(text).ReadAll();
  const std::string header_line = records.empty() || records.front().error
                                      ? std::string()
                                      : fmt::format("{}", fmt::join(records.front().fields, ","));
  if (header_line != kCheckInCsvHeader) {
    issues.Add(CsvIssuePath(1), "invalid-header",
               fmt::format("The first line must be exactly: {}", kCheckInCsvHeader));
    return {};
  }
  std::vector<CsvCheckIn> rows;
  std::map<std::string, int> first_line_of_date;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const RawRecord& record = records[r];
    const std::string where = CsvIssuePath(record.line);
    if (record.error) {
      issues.Add(where, "invalid-csv", *record.error);
      continue;
    }
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // a blank line
    if (record.fields.size() != kColumns) {
      issues.Add(where, "wrong-column-count",
                 fmt::format("Expected {} columns, found {}.", kColumns, record.fields.size()));
      continue;
    }
    auto row = DecodeRow(record, body_map, issues);
    if (!row) continue;
    const auto [at, fresh] = first_line_of_date.emplace(FormatLocalDate(row->date), record.line);
    if (!fresh) {
      issues.Add(where + ".date", "duplicate-date",
                 fmt::format("{} is also on line {}.", at->first, at->second));
      continue;
    }
    rows.push_back(std::move(*row));
  }
  return rows;
}

}  // namespace unknot::empower
