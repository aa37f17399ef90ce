#include "unknot/treat/demo_sessions.hpp"

#include <chrono>

#include "unknot/empower/check_in_store.hpp"
#include "unknot/identity/user_store.hpp"
#include "unknot/people/patient_store.hpp"
#include "unknot/treat/session_note_store.hpp"

namespace unknot::treat {
namespace {

constexpr std::string_view kDemoPatientEmail = "patient@demo.unknot.test";
constexpr std::string_view kDemoClinicianEmail = "clinician@demo.unknot.test";
constexpr Instant kDay = std::chrono::microseconds(std::chrono::hours(24)).count();
constexpr Instant kHour = std::chrono::microseconds(std::chrono::hours(1)).count();

SessionRatings Ratings(int pain_before, int pain_after, int tension_before, int tension_after,
                       int stress_before, int stress_after) {
  return {
      {pain_before, pain_after}, {tension_before, tension_after}, {stress_before, stress_after}};
}

}  // namespace

std::vector<SessionNoteFields> DemoSessionNotes(LocalDate today) {
  const auto day = [&](int back) {
    return LocalDate{std::chrono::sys_days{today} - std::chrono::days{back}};
  };
  std::vector<SessionNoteFields> notes(3);

  SessionNoteFields& first = notes[0];
  first.session_date = day(21);
  first.subjective =
      "Aching across both shoulders and the upper back, worse after long days at the desk. "
      "Lower back stiff in the mornings. Sleep broken by work worries.";
  first.objective =
      "Raised tone in upper trapezius both sides, tender points over levator scapulae. Lumbar "
      "flexion a little limited by stiffness. Pre-treatment screen clear.";
  first.assessment = "Stress-related muscle tension in the shoulders and upper back.";
  first.plan = "Weekly soft-tissue work for six weeks with a short home programme.";
  first.techniques = {"soft_tissue_release", "massage", "breathing", "education"};
  first.regions_treated = {"left_shoulder", "right_shoulder", "upper_back"};
  first.ask_first_confirmed = {"upper_back"};
  first.consent_confirmed = true;
  first.screen_completed = true;
  first.ratings = Ratings(6, 4, 7, 4, 6, 4);
  first.advice = "Shoulder rolls twice a day; a longer out-breath when you notice tension.";
  first.programme_changes = "Added shoulder rolls and the longer out-breath.";
  first.patient_summary =
      "Today we worked on your shoulders and upper back. Your shoulders felt tight from long "
      "days at the desk. Try the shoulder rolls twice a day, and a slow, longer out-breath when "
      "you notice tension. Some soreness for a day or two is normal.";

  SessionNoteFields& second = notes[1];
  second.session_date = day(14);
  second.subjective =
      "Shoulders easier since last week; did the rolls most days. Lower back still stiff.";
  second.objective = "Less tone in upper trapezius. Lumbar paraspinals tight.";
  second.assessment = "Improving; lower back stiffness now the main complaint.";
  second.plan = "Continue weekly; include the lower back with the patient's agreement.";
  second.techniques = {"soft_tissue_release", "myofascial_release", "stretching"};
  second.regions_treated = {"left_shoulder", "right_shoulder", "upper_back", "lower_back"};
  second.ask_first_confirmed = {"upper_back", "lower_back"};
  second.consent_confirmed = true;
  second.screen_completed = true;
  second.ratings = Ratings(5, 3, 6, 3, 5, 3);
  second.advice = "Knee rolls for the lower back each morning.";
  second.programme_changes = "Added lower back knee rolls.";
  second.patient_summary =
      "Your shoulders were easier today. With your agreement we also worked on your lower back. "
      "Add the knee rolls each morning to ease the stiffness.";

  SessionNoteFields& third = notes[2];
  third.session_date = day(7);
  third.subjective = "Much better week. Sleeping better; fewer tense days at work.";
  third.objective = "Shoulder tone near normal. Lumbar flexion full, mild end-range stiffness.";
  third.assessment = "Good progress towards both goals.";
  third.plan = "Two more weekly sessions, then review.";
  third.techniques = {"massage", "muscle_energy", "relaxation"};
  third.regions_treated = {"left_shoulder", "right_shoulder", "lower_back"};
  third.ask_first_confirmed = {"lower_back"};
  third.consent_confirmed = true;
  third.screen_completed = true;
  third.ratings = Ratings(3, 2, 4, 2, 3, 2);
  third.advice = "Keep going with the programme; the body scan may help on busy evenings.";
  third.patient_summary =
      "A good week: your shoulders and back are moving more freely and you are sleeping better. "
      "Keep going with your home programme. The body scan may help on busy evenings.";
  return notes;
}

Result<void> CreateDemoSessions(db::Database& db, const Clock& clock) {
  return db.Write([&](db::Session& session) -> Result<void> {
    auto patient_login = identity::FindUserByEmail(session, kDemoPatientEmail);
    if (!patient_login) return patient_login.error();
    auto clinician = identity::FindUserByEmail(session, kDemoClinicianEmail);
    if (!clinician) return clinician.error();
    if (!*patient_login || !(*patient_login)->patient_uuid || !*clinician) return {};
    auto patient = people::GetPatient(session, *(*patient_login)->patient_uuid);
    if (!patient) return patient.error();
    auto existing =
        session.QueryOne("SELECT COUNT(*) FROM session_note WHERE patient_id = $1", {patient->id});
    if (!existing) return existing.error();
    if (*existing && (*existing)->Int(0) > 0) return {};

    auto zone = empower::ClinicTimeZone(session, patient->clinic_id);
    if (!zone) return zone.error();
    const Instant now = clock.Now();
    auto today = empower::LocalToday(now, *zone);
    if (!today) return today.error();
    const std::string& author = (*clinician)->uuid;
    bool first = true;
    for (const SessionNoteFields& fields : DemoSessionNotes(*today)) {
      const auto back =
          (std::chrono::sys_days{*today} - std::chrono::sys_days{fields.session_date}).count();
      const Instant written = now - back * kDay;
      auto draft = InsertSessionNote(session, *patient, fields, author, written);
      if (!draft) return draft.error();
      auto signed_note =
          SignDraft(session, patient->id, *draft, draft->version, author, written + kHour);
      if (!signed_note) return signed_note.error();
      if (first) {
        auto addendum = AppendAddendum(
            session, *signed_note,
            "The patient phoned two days later: the soreness after the session eased within a "
            "day, as expected.",
            author, written + 2 * kDay);
        if (!addendum) return addendum.error();
        first = false;
      }
    }
    return {};
  });
}

}  // namespace unknot::treat
