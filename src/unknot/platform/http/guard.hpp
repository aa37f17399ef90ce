// The check every protected API route passes before its handler runs.
//
// Until accounts exist, the app installs a guard that allows /api/v1 only when
// the server runs with --demo on loopback. A guard returns a response to refuse
// the request, or nullopt to let it through; it may set Request::actor.
#pragma once

#include <functional>
#include <optional>

#include "unknot/platform/http/message.hpp"
#include "unknot/platform/http/router.hpp"

namespace unknot::http {

using Guard = std::function<std::optional<Response>(Request&)>;

// Wraps `handler` so that `guard` runs first.
Handler Guarded(Guard guard, Handler handler);

}  // namespace unknot::http
