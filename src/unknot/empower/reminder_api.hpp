// The check-in reminder routes (DESIGN §2 E5). The patient sets
// their own; staff of the clinic may set them on the patient's behalf:
//
//   GET /api/v1/patients/{id}/reminders   the preference, the address and the next reminder
//   PUT /api/v1/patients/{id}/reminders   {channel, time, days}; If-Match required ("0" first)
//
// Reads are audited before their data leaves (reminder.read), writes in their
// own transaction (reminder.update).
#pragma once

#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::empower {

// `db`, `clock` and `authenticator` must outlive the router.
void RegisterReminderRoutes(http::Router& router, db::Database& db, const Clock& clock,
                            const identity::Authenticator& authenticator);

}  // namespace unknot::empower
