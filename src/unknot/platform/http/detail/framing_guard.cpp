#include "unknot/platform/http/detail/framing_guard.hpp"

#include <boost/beast/core/string.hpp>

namespace unknot::http::detail {

std::optional<std::string> CheckFraming(const boost::beast::http::fields& fields,
                                        unsigned version) {
  namespace http = boost::beast::http;
  const auto te_count = fields.count(http::field::transfer_encoding);
  const auto cl_count = fields.count(http::field::content_length);
  if (cl_count > 1) return "Content-Length appears more than once.";
  if (te_count == 0) return std::nullopt;
  if (cl_count > 0) return "Transfer-Encoding and Content-Length must not both be sent.";
  if (version < 11) return "Transfer-Encoding is not allowed in HTTP/1.0.";
  if (te_count > 1) return "Transfer-Encoding must be exactly \"chunked\".";
  const auto te = fields[http::field::transfer_encoding];
  if (!boost::beast::iequals(te, "chunked"))
    return "Transfer-Encoding must be exactly \"chunked\".";
  return std::nullopt;
}

}  // namespace unknot::http::detail
