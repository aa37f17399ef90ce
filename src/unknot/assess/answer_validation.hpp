// Strict checks of what a client sends as answers: a pack's draft (PUT
// …/draft, POST …/submit) and a corrected response (PATCH /responses/{id}).
//
// Every problem is reported at once with its JSON path — `answers.phq9[2].value`,
// `answers.phq9.phq9_3`, `body_map[1].intensity`, `recall.nprs` — and any
// problem fails the whole input, so a bad request never stores half its
// answers. Missing answers are not problems: scoring flags them instead.
//
// Issue codes: unknown-field, wrong-type, unknown-item, duplicate-answer,
// out-of-range, too-long, missing-dependency (submit only: a draft may be
// finished later), not-in-pack, unknown-instrument, staff-only (an instrument
// without licensed item text can only be entered by staff), unknown-region,
// duplicate, not-allowed (recall option).
//
// Pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "unknot/assess/assess_content.hpp"
#include "unknot/assess/assessment_model.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess {

enum class Strictness {
  kDraft,   // work in progress: an answer that needs another item may wait for it
  kSubmit,  // final: every answer must stand on its own
};

// Who is answering: patients may not answer text-less instruments.
enum class Answerer { kPatient, kStaff };

// The answers to one instrument (object {linkId: value} or array of
// {linkId, value}) as an object without nulls. `path` names the answers in
// issues ("answers.phq9" or "answers").
boost::json::object CheckAnswers(const InstrumentDefinition& definition,
                                 const boost::json::value& answers, std::string_view path,
                                 Strictness strictness, IssueList& issues);

// What a pack asks for.
struct PackShape {
  std::vector<std::string> instruments;
  bool body_map = false;
};

// A Draft document ({answers?, body_map?, recall?}) checked against the pack.
Result<Draft> DecodeDraft(const boost::json::object& body, const PackShape& pack,
                          const AssessContent& content, Strictness strictness, Answerer answerer);

// The stored/outgoing form: {answers, body_map, recall}.
boost::json::object EncodeDraft(const Draft& draft);
// A stored draft back to values (written by EncodeDraft, so trusted);
// kInternal when it is not that shape.
Result<Draft> ParseStoredDraft(std::string_view json_text);

// The body map marks of a draft or a stored body_map row.
boost::json::array EncodeMarks(const std::vector<BodyMapMark>& marks);
std::vector<BodyMapMark> ParseMarks(const boost::json::value& value);

}  // namespace unknot::assess
