#include "unknot/platform/error.hpp"

#include <stdexcept>

namespace unknot {

Error Error::NotFound(std::string_view what) {
  std::string message(what);
  message += " was not found.";
  return Error(ErrorCode::kNotFound, std::move(message));
}

void throw_exception_from_error(const Error& error, const boost::source_location& location) {
  std::string text = error.message();
  for (const Issue& issue : error.issues()) text += " [" + issue.path + ": " + issue.message + "]";
  if (!error.internal().empty()) text += " (" + error.internal() + ")";
  text += " at ";
  text += location.file_name();
  throw std::runtime_error(text);
}

}  // namespace unknot
