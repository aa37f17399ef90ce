#include "unknot/platform/http/guard.hpp"

namespace unknot::http {

Handler Guarded(Guard guard, Handler handler) {
  return [guard = std::move(guard), handler = std::move(handler)](Request& request) {
    if (auto refusal = guard(request)) return std::move(*refusal);
    return handler(request);
  };
}

}  // namespace unknot::http
