// Helpers shared by the people stores. Internal to people/.
#pragma once

#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::people::detail {

using db::InRead;
using db::InTransaction;
using db::InWrite;
using unknot::CanonicalUuid;

}  // namespace unknot::people::detail
