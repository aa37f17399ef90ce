// The account and clinic subcommands of `unknot`, for the first admin and for
// recovery when nobody can sign in:
//
//   unknot user add --email E --name N --role admin|clinician [--clinic UUID] [--password-stdin]
//   unknot user list
//   unknot user disable --email E
//   unknot user reset-mfa --email E
//   unknot clinic add --name N
//
// Each returns the process exit code and writes what it did to `out`, errors
// to `err`. Changes are audited with actor "cli".
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "unknot/platform/clock.hpp"
#include "unknot/platform/db/database.hpp"

namespace unknot::app {

struct UserAddOptions {
  std::string email;
  std::string name;
  std::string role;
  std::optional<std::string> clinic;    // default: the only clinic
  std::optional<std::string> password;  // read from stdin by the caller; nullopt: invitation link
  std::string public_url;
};

int UserAdd(db::Database& db, const Clock& clock, const UserAddOptions& options, std::ostream& out,
            std::ostream& err);
int UserList(db::Database& db, std::ostream& out, std::ostream& err);
int UserDisable(db::Database& db, const Clock& clock, const std::string& email, std::ostream& out,
                std::ostream& err);
int UserResetMfa(db::Database& db, const Clock& clock, const std::string& email, std::ostream& out,
                 std::ostream& err);
int ClinicAdd(db::Database& db, const Clock& clock, const std::string& name, std::ostream& out,
              std::ostream& err);

}  // namespace unknot::app
