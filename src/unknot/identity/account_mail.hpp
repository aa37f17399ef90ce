// The texts of account emails: plain, calm English. They carry a name and a
// link, never health data (not even which clinic or why).
#pragma once

#include <string_view>

#include "unknot/platform/mail/outbox.hpp"

namespace unknot::identity {

mail::MailMessage InvitationMail(std::string_view to, std::string_view display_name,
                                 std::string_view link);
mail::MailMessage PasswordResetMail(std::string_view to, std::string_view display_name,
                                    std::string_view link);

}  // namespace unknot::identity
