// HTTP routes for red-flag screens, precautions and the formulation, as
// described in api/openapi.yaml:
//
//   GET/POST  /api/v1/patients/{id}/red-flags     (staff; screens are append-only)
//   GET/PUT   /api/v1/patients/{id}/precautions   (staff; ETag / If-Match: "<version>")
//   GET       /api/v1/patients/{id}/formulation   (staff; the patient: their own, plain part only)
//
// Staff reach the patients of their own clinic only (identity::Authorize);
// every read is audited before its data leaves, every write in its own
// transaction, every refusal as "denied". Bodies that break the rules get one
// 400 problem document listing every issue, and change nothing.
//
// `db`, `clock` and `authenticator` must outlive `router`; the handlers keep
// no state of their own and may run on many threads at once.
#pragma once

#include <memory>

#include "unknot/assess/assess_content.hpp"
#include "unknot/identity/authenticator.hpp"
#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::assess {

void RegisterClinicalRecordRoutes(http::Router& router, db::Database& db, const Clock& clock,
                                  const identity::Authenticator& authenticator,
                                  std::shared_ptr<const AssessContent> content);

}  // namespace unknot::assess
