#include "unknot/assess/content_api.hpp"

namespace unknot::assess {

void RegisterContentRoutes(http::Router&, db::Database&, const Clock&, const identity::Authenticator&,
         std::shared_ptr<const AssessContent>) {}

}  // namespace unknot::assess
