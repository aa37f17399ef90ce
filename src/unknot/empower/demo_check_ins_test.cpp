#include "unknot/empower/demo_check_ins.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

namespace unknot::empower {
namespace {

using std::chrono::sys_days;

constexpr LocalDate kToday{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{2}};

int DaysBack(LocalDate date) { return (sys_days{kToday} - sys_days{date}).count(); }

TEST(DemoCheckIns, CoverTheDaysBeforeTodayWithAFewMissedAndTheLastThreeKept) {
  const auto series = DemoCheckInSeries(kToday);
  ASSERT_GE(series.size(), 80u);
  ASSERT_LT(series.size(), static_cast<std::size_t>(kDemoCheckInDays));
  EXPECT_EQ(DaysBack(series.front().first), kDemoCheckInDays);
  EXPECT_EQ(DaysBack(series.back().first), 1);
  for (std::size_t i = 1; i < series.size(); ++i) {
    EXPECT_LT(series[i - 1].first, series[i].first);
  }
  EXPECT_EQ(DaysBack(series[series.size() - 3].first), 3);
}

TEST(DemoCheckIns, AreValidRatingsWithKnownRegionsAndTwoSelfReportedFlareDays) {
  int flare_days = 0;
  for (const auto& [date, values] : DemoCheckInSeries(kToday)) {
    for (const auto& rating : {values.pain, values.stress, values.mood, values.sleep, values.tension}) {
      ASSERT_TRUE(rating.has_value());
      EXPECT_GE(*rating, 0);
      EXPECT_LE(*rating, 10);
    }
    for (const auto& region : values.regions) {
      EXPECT_TRUE(region == "neck" || region == "left_shoulder" || region == "right_shoulder" ||
                  region == "lower_back")
          << region;
    }
    if (values.flare.value_or(false)) {
      ++flare_days;
      EXPECT_GE(*values.pain, 7) << FormatLocalDate(date);
      EXPECT_TRUE(values.note.has_value());
    }
  }
  EXPECT_EQ(flare_days, 2);
}

TEST(DemoCheckIns, HigherStressIsFollowedByHigherPainTheNextDay) {
  const auto series = DemoCheckInSeries(kToday);
  double after_high = 0, after_low = 0;
  int high = 0, low = 0;
  for (std::size_t i = 1; i < series.size(); ++i) {
    if (DaysBack(series[i - 1].first) != DaysBack(series[i].first) + 1) continue;
    const int stress = *series[i - 1].second.stress;
    const int pain = *series[i].second.pain;
    if (stress >= 6) after_high += pain, ++high;
    if (stress <= 4) after_low += pain, ++low;
  }
  ASSERT_GE(high, 10);
  ASSERT_GE(low, 10);
  EXPECT_GT(after_high / high - after_low / low, 1.0);
}

TEST(DemoCheckIns, AreTheSameEveryTime) {
  EXPECT_EQ(DemoCheckInSeries(kToday), DemoCheckInSeries(kToday));
}

}  // namespace
}  // namespace unknot::empower
