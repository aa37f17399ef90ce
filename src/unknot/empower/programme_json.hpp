// The home programme as the API shows it (GET …/programme and the item
// answers of the writes). Pure; thread-safe.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <vector>

#include "unknot/assess/precautions.hpp"
#include "unknot/empower/library_content.hpp"
#include "unknot/empower/programme_store.hpp"

namespace unknot::empower {

// Adherence windows, counted back from today inclusive. Items are reported
// over the longer one.
inline constexpr int kShortWindowDays = 7;
inline constexpr int kLongWindowDays = 28;

// The first day whose done marks the encoders need (today - kLongWindowDays + 1).
LocalDate AdherenceWindowStart(LocalDate today);

// Adherence of one item over the `days` days ending with `today`.
Adherence ItemAdherence(const ProgrammeItem& item, LocalDate today, int days);

// The item's done marks in the adherence window (the kLongWindowDays ending
// with `today`), oldest first: [{date, sessions}].
boost::json::array EncodeDoneDates(const ProgrammeItem& item, LocalDate today);

// One item: its library entry's title, type, summary and "why" (the slug as
// title and null type, summary and why if the entry has left the library),
// the dosage, note, who added it, today's mark, its adherence over the last
// kLongWindowDays and its done_dates (EncodeDoneDates). `precautions` is the
// patient's recorded precautions for a staff reader, or null for the patient:
// precautions are a staff record, so the patient's answer leaves
// precaution_matches and confirmed_precautions out.
boost::json::object EncodeProgrammeItem(const ProgrammeItem& item, const Library& library,
                                        LocalDate today,
                                        const std::vector<assess::PrecautionChoice>* precautions);

// {date, items (active ones), adherence: {last_7_days, last_28_days} over
// every item in `items` including ended ones, version}.
boost::json::object EncodeProgramme(const std::vector<ProgrammeItem>& items, const Library& library,
                                    LocalDate today, std::int64_t version,
                                    const std::vector<assess::PrecautionChoice>* precautions);

}  // namespace unknot::empower
