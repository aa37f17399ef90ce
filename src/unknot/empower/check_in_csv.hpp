// Check-ins as CSV (README "Check-ins CSV"): exactly the columns
// date,pain,stress,mood,sleep,tension,flare,regions,note — ratings 0–10 or
// empty, flare yes/no/empty, regions separated by ';', fields quoted per
// RFC 4180 when they hold a comma, a quote or a line break. Lines end in CRLF
// on export; import takes CRLF or LF.
//
// Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/body_map_regions.hpp"
#include "unknot/empower/check_in_model.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::empower {

inline constexpr std::string_view kCheckInCsvHeader =
    "date,pain,stress,mood,sleep,tension,flare,regions,note";

struct CsvCheckIn {
  LocalDate date;
  CheckInValues values;  // self_care_done is not a column and stays absent
  int line = 0;          // where the record starts in the file (the header is line 1)
};

// The header line, then one line per check-in in the order given.
std::string FormatCheckInsCsv(const std::vector<CsvCheckIn>& check_ins);

// The good rows; every bad row adds its issues to `issues` at once: paths are
// "lines[N]" for the row as a whole and "lines[N].field" for one value, N
// being the file's line number. A date given twice is a bad row. Dates are
// checked against "today" by the caller, which knows the clinic's zone, and
// adds its own issues in the same style (CsvIssuePath).
std::vector<CsvCheckIn> ParseCheckInsCsv(std::string_view text,
                                         const assess::BodyMapRegions& body_map, IssueList& issues);

// "lines[N]" or "lines[N].field".
std::string CsvIssuePath(int line, std::string_view field = {});

}  // namespace unknot::empower
