#include "unknot/identity/principal.hpp"

namespace unknot::identity {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kClinician: return "clinician";
    case Role::kPatient: return "patient";
  }
  return "patient";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const Role role : {Role::kAdmin, Role::kClinician, Role::kPatient}) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

}  // namespace unknot::identity
