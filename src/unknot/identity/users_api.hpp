// Clinic user administration (admin only, own clinic):
//
//   GET   /api/v1/users               → {"items":[User]}
//   POST  /api/v1/users               {email,display_name,role: admin|clinician} → 201 User,
//                                     and an invitation email to set a password
//   PATCH /api/v1/users/{id:uuid}     {disabled?, display_name?} → 200 User; disabling ends
//                                     the user's sessions; nobody disables themself (409)
#pragma once

#include <string>

#include "unknot/identity/authenticator.hpp"
#include "unknot/identity/user_store.hpp"

namespace unknot::identity {

// User = {"id","email","display_name","role","disabled","mfa_enabled","patient_id",
//         "is_demo","created_at"}
boost::json::object EncodeUser(const User& user);

void RegisterUsersRoutes(http::Router& router, db::Database& db, const Clock& clock,
                         const Authenticator& authenticator, std::string public_url);

}  // namespace unknot::identity
