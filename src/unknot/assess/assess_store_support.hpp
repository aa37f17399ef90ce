// Small helpers the Assess stores share: reading stored JSON columns and the
// {id, name} of the user a `*_by` column names. Internal to assess/ stores.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "unknot/assess/assessment_model.hpp"
#include "unknot/platform/db/database.hpp"
#include "unknot/platform/error.hpp"

namespace unknot::assess::detail {

// SQL fragment: the display name of the user whose uuid is in `column`
// (NULL when that account does not exist), e.g. UserNameOf("a.created_by").
std::string UserNameOf(std::string_view column);

// The author a row names; `name` is NULL when the account is gone (or the
// row was written by "demo"/"system", which are not accounts).
UserRef ToUserRef(const db::Row& row, std::size_t id_column, std::size_t name_column);

// A JSON object column written by this program; kInternal when it is not one.
Result<boost::json::object> ParseObjectColumn(const std::string& text, std::string_view what);

}  // namespace unknot::assess::detail
