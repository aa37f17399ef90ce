#include "unknot/assess/clinical_record_api.hpp"

namespace unknot::assess {

void RegisterClinicalRecordRoutes(http::Router&, db::Database&, const Clock&, const identity::Authenticator&,
         std::shared_ptr<const AssessContent>) {}

}  // namespace unknot::assess
