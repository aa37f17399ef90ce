// A red-flag screen as a clinician records it (DESIGN A4, clinical reference
// §7): one answer per flag of the checklist, and for every flag found present
// what was done about it. Screens are append-only; the latest is current.
//
// Pure rules and JSON, no I/O (red_flag_store.hpp stores them). Thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/record_json.hpp"
#include "unknot/assess/red_flags_content.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

inline constexpr std::size_t kMaxFlagNoteLength = 2000;
inline constexpr std::size_t kMaxActionTakenLength = 2000;

struct FlagAnswerRecord {
  std::string flag;  // RedFlag::code
  FlagAnswer answer = FlagAnswer::kUnsure;
  std::optional<std::string> note;
  std::optional<std::string> action_taken;  // always set when the flag is present
  bool operator==(const FlagAnswerRecord&) const = default;
};

struct RedFlagScreen {
  std::string uuid;
  Instant recorded_at = 0;
  Author recorded_by;
  std::vector<FlagAnswerRecord> answers;  // in checklist order
};

// The body of POST …/red-flags: {"answers": [{"flag", "answer", "note"?,
// "action_taken"?}]}. Every flag of `content` exactly once — a skipped flag
// is an unasked question, not an absent one. Issues (all at once): a missing
// flag ("missing-flag" at `answers`, naming it), unknown ("unknown-flag") or
// repeated ("duplicate") flags at `answers[i].flag`, answers other than
// present/absent/unsure, a present flag without `action_taken` ("required"),
// notes and actions over 2000 characters, unknown members. The result is in
// checklist order.
Result<std::vector<FlagAnswerRecord>> DecodeRedFlagAnswers(const boost::json::object& body,
                                                           const RedFlagsContent& content);

// The stored form (red_flag_screen.answers): [{"flag","answer","note","action_taken"}].
std::string StoredRedFlagAnswers(const std::vector<FlagAnswerRecord>& answers,
                                 const RedFlagsContent& content);
// kInternal when the stored text is not what StoredRedFlagAnswers writes.
Result<std::vector<FlagAnswerRecord>> ParseStoredRedFlagAnswers(std::string_view json_text,
                                                                const RedFlagsContent& content);

// The flag's most urgent action (the first of its most urgent ones), or
// nullptr for a flag without actions.
const FlagAction* MostUrgentAction(const RedFlag& flag);

// The API's RedFlagScreen. A present flag carries its most urgent action, so
// the screen can put "999 / A&E" first; present and unsure flags carry the
// flag's treatment restriction, which holds until the doubt is resolved. A
// flag no longer in the checklist keeps its code as its name.
boost::json::object EncodeRedFlagScreen(const RedFlagScreen& screen,
                                        const RedFlagsContent& content);

std::string_view AnswerCode(FlagAnswer answer, const RedFlagsContent& content);

}  // namespace unknot::assess
