// Who is making a request, once their session has been checked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace unknot::identity {

enum class Role { kAdmin, kClinician, kPatient };

std::string_view RoleName(Role role);  // "admin", "clinician", "patient"
std::optional<Role> ParseRole(std::string_view name);

struct Principal {
  std::int64_t user_id = 0;
  std::string user_uuid;
  std::string email;
  std::string display_name;
  Role role = Role::kPatient;
  std::int64_t clinic_id = 0;
  std::string clinic_uuid;
  std::optional<std::int64_t> patient_id;  // role patient: the patient record that is theirs
  std::optional<std::string> patient_uuid;
  std::int64_t session_id = 0;  // internal key of the session in use
  bool mfa_enabled = false;

  bool IsStaff() const { return role != Role::kPatient; }
};

}  // namespace unknot::identity
