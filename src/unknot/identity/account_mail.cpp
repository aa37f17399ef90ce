#include "unknot/identity/account_mail.hpp"

#include <fmt/format.h>

namespace unknot::identity {

mail::MailMessage InvitationMail(std::string_view to, std::string_view display_name,
                                 std::string_view link) {
  return {std::string(to), "Set up your unknot account",
          fmt::format("Hello {},\n"
                      "\n"
                      "You have been invited to set up an account with unknot, the online "
                      "service your clinic uses.\n"
                      "\n"
                      "To choose your password, open this link:\n"
                      "\n"
                      "{}\n"
                      "\n"
                      "The link works once and expires in 7 days. If it has expired, ask the "
                      "clinic to send a new one.\n"
                      "\n"
                      "If you were not expecting this email, you can ignore it. Nothing happens "
                      "unless you open the link.\n",
                      display_name, link),
          "invitation"};
}

mail::MailMessage PasswordResetMail(std::string_view to, std::string_view display_name,
                                    std::string_view link) {
  return {std::string(to), "Reset your unknot password",
          fmt::format("Hello {},\n"
                      "\n"
                      "Someone asked to reset the password for this email address. If it was "
                      "you, open this link to choose a new password:\n"
                      "\n"
                      "{}\n"
                      "\n"
                      "The link works once and expires in 1 hour. Setting a new password signs "
                      "you out on every device.\n"
                      "\n"
                      "If you did not ask for this, you can ignore this email. Your password has "
                      "not changed.\n",
                      display_name, link),
          "password-reset"};
}

}  // namespace unknot::identity
