#include "unknot/empower/programme_json.hpp"

#include <boost/json.hpp>

#include "unknot/assess/record_json.hpp"

namespace unknot::empower {
namespace {

namespace json = boost::json;

json::array Strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& value : values) out.emplace_back(value);
  return out;
}

LocalDate DaysBefore(LocalDate today, int days) {
  return std::chrono::sys_days(today) - std::chrono::days(days);
}

}  // namespace

json::array EncodeDoneDates(const ProgrammeItem& item, LocalDate today) {
  json::array out;
  const LocalDate from = AdherenceWindowStart(today);
  for (auto it = item.done.lower_bound(from); it != item.done.end() && it->first <= today; ++it) {
    if (it->second > 0) {
      out.push_back(json::object{{"date", FormatLocalDate(it->first)}, {"sessions", it->second}});
    }
  }
  return out;
}

LocalDate AdherenceWindowStart(LocalDate today) {
  return DaysBefore(today, kLongWindowDays - 1);
}

Adherence ItemAdherence(const ProgrammeItem& item, LocalDate today, int days) {
  const AdherenceInput input{.dosage = item.dosage,
                             .start = item.start,
                             .end = ActiveUntil(item.dosage, item.start, item.ended_on),
                             .done = item.done};
  return ComputeAdherence(input, DaysBefore(today, days - 1), today);
}

json::object EncodeProgrammeItem(const ProgrammeItem& item, const Library& library, LocalDate today,
                                 const std::vector<assess::PrecautionChoice>* precautions) {
  const LibraryEntry* entry = library.Find(item.slug);
  json::object out{
      {"id", item.uuid},
      {"slug", item.slug},
      {"title", entry ? entry->title : item.slug},
      {"type", entry ? json::value(ToString(entry->type)) : json::value()},
      {"summary", entry ? json::value(entry->summary) : json::value()},
      {"why", entry ? json::value(entry->why) : json::value()},
      {"dosage", EncodeDosage(item.dosage)},
      {"note", assess::JsonOrNull(item.note)},
      {"start_date", FormatLocalDate(item.start)},
      {"ended_on", item.ended_on ? json::value(FormatLocalDate(*item.ended_on)) : json::value()},
      {"added_at", FormatInstant(item.created_at)},
      {"added_by", assess::EncodeAuthor(item.created_by)},
      {"updated_at", FormatInstant(item.updated_at)},
      {"updated_by", assess::EncodeAuthor(item.updated_by)},
      {"version", item.version}};
  if (precautions != nullptr) {
    out["precaution_matches"] = Strings(entry ? MatchPrecautions(entry->precautions, *precautions)
                                              : std::vector<std::string>());
    out["confirmed_precautions"] = Strings(item.precaution_matches);
  }
  const auto today_mark = item.done.find(today);
  const int sessions_today = today_mark == item.done.end() ? 0 : today_mark->second;
  out["active_today"] = item.ActiveOn(today);
  out["done_today"] = sessions_today > 0;
  out["sessions_done_today"] = sessions_today;
  out["adherence"] = EncodeAdherence(ItemAdherence(item, today, kLongWindowDays));
  out["done_dates"] = EncodeDoneDates(item, today);
  return out;
}

json::object EncodeProgramme(const std::vector<ProgrammeItem>& items, const Library& library,
                             LocalDate today, std::int64_t version,
                             const std::vector<assess::PrecautionChoice>* precautions) {
  json::array current;
  std::vector<Adherence> short_window;
  std::vector<Adherence> long_window;
  for (const auto& item : items) {
    // An ended item still counts for the days it was active.
    short_window.push_back(ItemAdherence(item, today, kShortWindowDays));
    long_window.push_back(ItemAdherence(item, today, kLongWindowDays));
    if (!item.Ended()) current.push_back(EncodeProgrammeItem(item, library, today, precautions));
  }
  return json::object{
      {"date", FormatLocalDate(today)},
      {"items", std::move(current)},
      {"adherence", json::object{{"last_7_days", EncodeAdherence(CombineAdherence(short_window))},
                                 {"last_28_days", EncodeAdherence(CombineAdherence(long_window))}}},
      {"version", version}};
}

}  // namespace unknot::empower
