#include "unknot/assess/assess_store_support.hpp"

#include <fmt/format.h>
#include <boost/json/parse.hpp>

namespace unknot::assess::detail {

std::string UserNameOf(std::string_view column) {
  return fmt::format("(SELECT display_name FROM user_account WHERE uuid = {})", column);
}

UserRef ToUserRef(const db::Row& row, std::size_t id_column, std::size_t name_column) {
  return {row.Text(id_column), row.OptText(name_column).value_or("Unknown user")};
}

Result<boost::json::object> ParseObjectColumn(const std::string& text, std::string_view what) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) {
    return Error::Internal(fmt::format("{} is not a JSON object", what));
  }
  return std::move(value.as_object());
}

}  // namespace unknot::assess::detail
