// The wording of insight results (analytics_methods.md §3.9) and the display
// rounding of §3.7: patient messages and clinician lines for cycle records,
// the flare sentence of §3.10, and the number formats they use.
//
// Rules kept here:
// - Variables are named in their natural "worse" direction: higher pain,
//   higher stress, higher tension, lower mood, worse sleep (§3.9).
// - Patient text never shows p or q; points have one decimal; CIs are rounded
//   outward so the shown interval contains the computed one (§3.7).
// - Clinicians see p and q to 2 significant digits.
// - Only the words of §3.9's "allowed" list express order; the banned list
//   (assess/patient_wording.hpp) is checked over every message by
//   wording_test.cpp. The one exception is the §3.9 disclaimer, quoted
//   verbatim, which denies a cause ("It doesn't prove that stress causes
//   pain…"); kDisclaimerPattern lets the test exempt exactly that sentence.
// - A flare episode is a "flare-up" only when the patient said so (§3.10).
//
// Whether a message is shown to a patient is the view's decision: the §3.3
// primary family is; ShowToPatient says so.
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "unknot/insight/cycle_record.hpp"
#include "unknot/insight/flare.hpp"

namespace unknot::insight {

// --- §3.7 number formats ------------------------------------------------------

std::string OneDecimal(double value);        // "1.2", "-0.4"
std::string SignedOneDecimal(double value);  // "+1.2", "-0.4", "+0.0"
// Rounded outward: the lower bound down, the upper bound up, to `decimals`.
std::string RoundDown(double value, int decimals = 1);
std::string RoundUp(double value, int decimals = 1);
// 2 significant digits without the leading zero, as in the §3.9 clinician
// line: 0.0072 → ".0072", 0.41 → ".41", 0.02 → ".020", 1 → "1.0",
// 3.2e-7 → "3.2e-07".
std::string TwoSignificant(double value);
// A 0–10 level: "6", "6.5" (one decimal, trailing ".0" dropped).
std::string Level(double value);

// --- cycle records (§3.9) -----------------------------------------------------

// "It doesn't prove that {x} causes {y}: …" with the two nouns filled in.
std::string Disclaimer(Variable x, Variable y);

// The patient message for one record: clear link (M1 or M2), unclear, or
// "keep checking in"; with the "early look" badge first when the tier is
// early_look. Empty when the record has nothing a patient should read
// (not eligible with enough days).
std::string PatientMessage(const CycleRecord& record);

// The cycle statement for the two directions of one primary pair (a = X→Y,
// b = Y→X, both M1): "both directions" when both clear the bar of §3.5;
// otherwise says which one did, or "no clear pattern yet".
std::string CycleMessage(const CycleRecord& a, const CycleRecord& b);

// True when §3.5's "both directions" bar is met.
bool BothDirections(const CycleRecord& a, const CycleRecord& b);

// The one-line clinician summary of §3.9.
std::string ClinicianLine(const CycleRecord& record);

// Fills message_patient and message_clinician.
void ApplyWording(CycleRecord& record);

bool ShowToPatient(const CycleRecord& record);  // the primary family

// --- flares (§3.10) -----------------------------------------------------------

// "A period of higher-than-usual pain" or, when the patient said so, "A
// flare-up you told us about".
std::string FlarePatientTitle(const FlareEpisode& episode);
// "Your pain from 21 March 2026 to 25 March 2026 was well above your usual
// level (usual ≈ 3.0/10; peak 7/10)."
std::string FlarePatientSentence(const FlareEpisode& episode);
std::string FlareClinicianLine(const FlareEpisode& episode);

}  // namespace unknot::insight
