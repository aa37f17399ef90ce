// The home-programme store on both backends: items keep their history,
// ending keeps done marks, done marks are idempotent, and the programme
// version moves with every change (the HTTP routes are tested once wired).
#include <gtest/gtest.h>

#include "db_test_support.hpp"
#include "http_test_support.hpp"
#include "unknot/empower/programme_store.hpp"
#include "unknot/platform/db/migrations.hpp"
#include "unknot/platform/ids.hpp"

namespace unknot::empower {
namespace {

using db::Backend;
using testing::ScratchDatabase;

constexpr Instant kNow = 1795511107LL * 1'000'000;
const std::string kAuthor = "author-uuid";

LocalDate D(int d) {
  return LocalDate{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{unsigned(d)}};
}

class ProgrammeStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !testing::PostgresTestUrl()) {
      GTEST_SKIP() << "UNKNOT_TEST_PG_URL is not set";
    }
    auto scratch = ScratchDatabase::Create(GetParam());
    ASSERT_TRUE(scratch) << scratch.error().internal();
    scratch_ = std::move(*scratch);
    ASSERT_TRUE(db::Migrate(db()));
    auto written = db().Write([&](db::Session& s) -> Result<void> {
      auto clinic = s.QueryOne(
          "INSERT INTO clinic (uuid, name, time_zone, created_at, updated_at) "
          "VALUES ($1, 'Test clinic', 'Europe/London', $2, $2) RETURNING id",
          {NewUuid(), kNow});
      if (!clinic) return clinic.error();
      patient_.clinic_id = (**clinic).Int(0);
      patient_.uuid = NewUuid();
      auto patient = s.QueryOne(
          "INSERT INTO patient (uuid, clinic_id, version, given_name, family_name, created_at, "
          "updated_at, search_name) VALUES ($1, $2, 1, 'Ana', 'Test', $3, $3, 'ana') RETURNING id",
          {patient_.uuid, patient_.clinic_id, kNow});
      if (!patient) return patient.error();
      patient_.id = (**patient).Int(0);
      return {};
    });
    ASSERT_TRUE(written) << written.error().internal();
  }

  db::Database& db() { return scratch_->db(); }

  template <class T, class F>
  Result<T> InWrite(F&& f) {
    std::optional<Result<T>> out;
    auto written = db().Write([&](db::Session& s) -> Result<void> {
      out.emplace(f(s));
      if (!*out) return out->error();
      return {};
    });
    if (!written) return written.error();
    return std::move(*out);
  }

  ProgrammeItem Assign(const std::string& slug, Dosage dosage, LocalDate start) {
    auto item = InWrite<ProgrammeItem>([&](db::Session& s) {
      return InsertProgrammeItem(s, patient_, {slug, dosage, "Slowly", {"pregnancy"}}, start,
                                 kAuthor, kNow);
    });
    EXPECT_TRUE(item) << item.error().internal();
    return *item;
  }

  std::vector<ProgrammeItem> List(bool include_ended) {
    auto items = InWrite<std::vector<ProgrammeItem>>(
        [&](db::Session& s) { return ListProgrammeItems(s, patient_.id, include_ended, D(1)); });
    EXPECT_TRUE(items) << items.error().internal();
    return *items;
  }

  std::int64_t Version() {
    return *InWrite<std::int64_t>([&](db::Session& s) { return ProgrammeVersion(s, patient_.id); });
  }

  std::unique_ptr<ScratchDatabase> scratch_;
  people::Patient patient_;
};

TEST_P(ProgrammeStoreTest, AssignsAndReadsBack) {
  EXPECT_EQ(Version(), 0);
  const Dosage dosage{.sets = 2,
                      .reps = 10,
                      .hold_seconds = 20,
                      .times = 3,
                      .per = DosagePeriod::kWeek,
                      .weeks = 4};
  const ProgrammeItem item = Assign("neck-side-stretch", dosage, D(2));
  EXPECT_EQ(item.version, 1);
  EXPECT_EQ(Version(), 1);
  const auto items = List(false);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].uuid, item.uuid);
  EXPECT_EQ(items[0].slug, "neck-side-stretch");
  EXPECT_EQ(items[0].dosage, dosage);
  EXPECT_EQ(items[0].note, "Slowly");
  EXPECT_EQ(items[0].precaution_matches, std::vector<std::string>{"pregnancy"});
  EXPECT_EQ(items[0].start, D(2));
  EXPECT_FALSE(items[0].Ended());
  EXPECT_EQ(items[0].created_by.id, kAuthor);
  EXPECT_EQ(testing::CountRows(db(), "programme_item_version"), 1);
}

TEST_P(ProgrammeStoreTest, UpdatesKeepHistoryAndCheckTheVersion) {
  const ProgrammeItem item = Assign("breathing", Dosage{.times = 1}, D(2));
  ProgrammeItemChange change;
  change.dosage = Dosage{.times = 2};
  change.note = std::optional<std::string>();  // clears the note
  auto updated = InWrite<ProgrammeItem>([&](db::Session& s) {
    return UpdateProgrammeItem(s, patient_.id, item.uuid, change, 1, "other", kNow + 1);
  });
  ASSERT_TRUE(updated) << updated.error().internal();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->dosage.times, 2);
  EXPECT_FALSE(updated->note);
  EXPECT_EQ(updated->updated_by.id, "other");
  EXPECT_EQ(testing::CountRows(db(), "programme_item_version"), 2);

  auto same = InWrite<ProgrammeItem>([&](db::Session& s) {
    return UpdateProgrammeItem(s, patient_.id, item.uuid, change, std::nullopt, "other", kNow);
  });
  ASSERT_TRUE(same);
  EXPECT_EQ(same->version, 2) << "an unchanged PATCH writes nothing";

  auto stale = InWrite<ProgrammeItem>([&](db::Session& s) {
    return UpdateProgrammeItem(s, patient_.id, item.uuid, {Dosage{.times = 4}, {}}, 1, "x", kNow);
  });
  ASSERT_FALSE(stale);
  EXPECT_EQ(Error(stale.error()).code(), ErrorCode::kConflict);

  auto missing = InWrite<ProgrammeItem>([&](db::Session& s) {
    return UpdateProgrammeItem(s, patient_.id, NewUuid(), change, std::nullopt, "x", kNow);
  });
  ASSERT_FALSE(missing);
  EXPECT_EQ(Error(missing.error()).code(), ErrorCode::kNotFound);
}

TEST_P(ProgrammeStoreTest, EndingKeepsTheItemAndItsDoneMarks) {
  const ProgrammeItem item = Assign("breathing", Dosage{.times = 1}, D(2));
  ASSERT_TRUE((InWrite<bool>([&](db::Session& s) -> Result<bool> {
    if (auto r = MarkDone(s, item, patient_.id, D(3), 1, kAuthor, kNow); !r) return r.error();
    return true;
  })));
  auto ended = InWrite<ProgrammeItem>([&](db::Session& s) {
    return EndProgrammeItem(s, patient_.id, item.uuid, D(5), std::nullopt, kAuthor, kNow);
  });
  ASSERT_TRUE(ended) << ended.error().internal();
  EXPECT_EQ(ended->ended_on, D(5));
  EXPECT_TRUE(ended->ActiveOn(D(4)));
  EXPECT_FALSE(ended->ActiveOn(D(5)));
  auto again = InWrite<ProgrammeItem>([&](db::Session& s) {
    return EndProgrammeItem(s, patient_.id, item.uuid, D(6), std::nullopt, kAuthor, kNow);
  });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->version, ended->version) << "a retried DELETE changes nothing";

  EXPECT_TRUE(List(false).empty());
  const auto all = List(true);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].done, (std::map<LocalDate, int>{{D(3), 1}}));

  auto change = InWrite<ProgrammeItem>([&](db::Session& s) {
    return UpdateProgrammeItem(s, patient_.id, item.uuid, {Dosage{.times = 2}, {}}, std::nullopt,
                               kAuthor, kNow);
  });
  ASSERT_FALSE(change);
  EXPECT_EQ(Error(change.error()).code(), ErrorCode::kConflict);
}

TEST_P(ProgrammeStoreTest, DoneMarksAreIdempotent) {
  const ProgrammeItem item = Assign("breathing", Dosage{.times = 3}, D(2));
  const auto mark = [&](LocalDate date, int sessions) {
    auto r = InWrite<bool>([&](db::Session& s) -> Result<bool> {
      if (auto m = MarkDone(s, item, patient_.id, date, sessions, kAuthor, kNow); !m) {
        return m.error();
      }
      return true;
    });
    ASSERT_TRUE(r) << r.error().internal();
  };
  const auto clear = [&](LocalDate date) {
    auto r = InWrite<bool>([&](db::Session& s) -> Result<bool> {
      if (auto c = ClearDone(s, item, patient_.id, date, kNow); !c) return c.error();
      return true;
    });
    ASSERT_TRUE(r) << r.error().internal();
  };
  mark(D(3), 3);
  const auto after_first = Version();
  mark(D(3), 3);
  EXPECT_EQ(Version(), after_first) << "the same mark again writes nothing";
  mark(D(3), 2);
  mark(D(4), 1);
  EXPECT_EQ(List(false)[0].done, (std::map<LocalDate, int>{{D(3), 2}, {D(4), 1}}));
  clear(D(3));
  clear(D(3));
  EXPECT_EQ(List(false)[0].done, (std::map<LocalDate, int>{{D(4), 1}}));
  EXPECT_EQ(testing::CountRows(db(), "programme_done"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProgrammeStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return testing::BackendName(info.param); });

}  // namespace
}  // namespace unknot::empower
