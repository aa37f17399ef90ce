#include "unknot/assess/red_flag_store.hpp"

#include <string>

#include "unknot/platform/ids.hpp"

namespace unknot::assess {
namespace {

// Newest first; the id breaks ties between screens recorded in the same microsecond.
constexpr std::string_view kSelectScreens =
    "SELECT s.uuid, s.answers, s.recorded_by, u.display_name, s.recorded_at "
    "FROM red_flag_screen s LEFT JOIN user_account u ON u.uuid = s.recorded_by "
    "WHERE s.patient_id = $1 ORDER BY s.recorded_at DESC, s.id DESC";

Result<std::vector<RedFlagScreen>> SelectScreens(db::Session& session, std::int64_t patient_id,
                                                 const RedFlagsContent& content,
                                                 std::string_view limit) {
  auto rows = session.Query(std::string(kSelectScreens) + std::string(limit), {patient_id});
  if (!rows) return rows.error();
  std::vector<RedFlagScreen> screens;
  for (const db::Row& row : rows->rows) {
    auto answers = ParseStoredRedFlagAnswers(row.Text(1), content);
    if (!answers) return answers.error();
    screens.push_back(
        {row.Text(0), row.Int(4), Author{row.Text(2), row.OptText(3)}, std::move(*answers)});
  }
  return screens;
}

}  // namespace

Result<RedFlagScreen> InsertRedFlagScreen(db::Session& session, const people::Patient& patient,
                                          std::vector<FlagAnswerRecord> answers,
                                          const Author& recorded_by, Instant now,
                                          const RedFlagsContent& content) {
  RedFlagScreen screen{NewUuid(), now, recorded_by, std::move(answers)};
  auto inserted = session.Exec(
      "INSERT INTO red_flag_screen (uuid, clinic_id, patient_id, answers, recorded_by, "
      "recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
      {screen.uuid, patient.clinic_id, patient.id, StoredRedFlagAnswers(screen.answers, content),
       recorded_by.id, now});
  if (!inserted) return inserted.error();
  return screen;
}

Result<std::vector<RedFlagScreen>> ListRedFlagScreens(db::Session& session, std::int64_t patient_id,
                                                      const RedFlagsContent& content) {
  return SelectScreens(session, patient_id, content, "");
}

Result<std::optional<RedFlagScreen>> LatestRedFlagScreen(db::Session& session,
                                                         std::int64_t patient_id,
                                                         const RedFlagsContent& content) {
  auto screens = SelectScreens(session, patient_id, content, " LIMIT 1");
  if (!screens) return screens.error();
  if (screens->empty()) return std::optional<RedFlagScreen>();
  return std::optional<RedFlagScreen>(std::move(screens->front()));
}

}  // namespace unknot::assess
