// The §3.6 record as JSON, with exactly the field names of
// analytics_methods.md §3.6 in that order; absent numbers are null.
// Pure; thread-safe.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <vector>

#include "unknot/insight/cycle_record.hpp"

namespace unknot::insight {

boost::json::object ToJson(const CycleRecord& record);
boost::json::array ToJson(const std::vector<CycleRecord>& records);

}  // namespace unknot::insight
