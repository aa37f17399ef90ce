#include "unknot/empower/reminder_sender.hpp"

#include <fmt/format.h>

#include "unknot/empower/reminder_model.hpp"
#include "unknot/empower/reminder_store.hpp"
#include "unknot/platform/db/transaction.hpp"
#include "unknot/platform/log.hpp"
#include "unknot/platform/periodic_task.hpp"

namespace unknot::empower {
namespace {

std::string Link(std::string_view public_url, std::string_view path) {
  while (public_url.ends_with('/')) public_url.remove_suffix(1);
  return std::string(public_url) + std::string(path);
}

bool IsDue(const ReminderState& state, Instant now) {
  auto plan = PlanReminder(state.stored.preference, state.time_zone, now, state.facts);
  return plan && plan->due;
}

}  // namespace

mail::MailMessage ReminderMail(std::string_view to, std::string_view name,
                               std::string_view public_url) {
  const std::string greeting = name.empty() ? "Hello," : fmt::format("Hello {},", name);
  return {std::string(to), "Your daily check-in",
          fmt::format("{}\n"
                      "\n"
                      "This is the reminder you asked for: a quick check-in for today, when it "
                      "suits you. It takes less than a minute.\n"
                      "\n"
                      "Check in here:\n"
                      "\n"
                      "{}\n"
                      "\n"
                      "To change the time or the days of these reminders, or to turn them off:\n"
                      "\n"
                      "{}\n"
                      "\n"
                      "If you have already checked in today, thank you. You can ignore this "
                      "email.\n",
                      greeting, Link(public_url, "/me"), Link(public_url, "/me/reminders")),
          "check-in-reminder"};
}

struct ReminderSender::Impl {
  Impl(db::Database& db, const Clock& clock, ReminderSettings settings)
      : db(db), clock(clock), settings(std::move(settings)) {}

  db::Database& db;
  const Clock& clock;
  const ReminderSettings settings;
  // Last, so the thread stops before the members its passes use go.
  PeriodicTask task{"reminder", settings.interval, [this] { return Pass(); }};

  // Re-reads the patient inside the write, so a check-in, a change of mind or
  // another server's reminder since the pass's read is seen; true when queued.
  Result<bool> SendOne(std::int64_t patient_id) {
    return db::InWrite<bool>(db, [&](db::Session& session) -> Result<bool> {
      const Instant now = clock.Now();
      auto state = LoadReminderState(session, patient_id);
      if (!state) return state.error();
      auto plan = PlanReminder(state->stored.preference, state->time_zone, now, state->facts);
      if (!plan) return Error::Internal("clinic has an unknown time zone: " + state->time_zone);
      if (!plan->due) return false;
      auto recorded = RecordReminderSent(session, patient_id, plan->today, now);
      if (!recorded) return recorded.error();
      if (!*recorded) return false;
      auto queued = mail::EnqueueMail(
          session, ReminderMail(*state->email, state->login_name, settings.public_url), now);
      if (!queued) return queued.error();
      return true;
    });
  }

  Result<int> Pass() {
    const Instant now = clock.Now();
    auto states = db::InRead<std::vector<ReminderState>>(db, ListEmailReminders);
    if (!states) return states.error();
    int queued = 0;
    for (const ReminderState& state : *states) {
      if (task.stopping().load()) break;
      if (!IsDue(state, now)) continue;
      auto sent = SendOne(state.patient_id);
      if (!sent) {
        const Error error = sent.error();
        log::Warn("check-in reminder not sent", {{"patient", state.patient_id},
                                                 {"error", error.message()},
                                                 {"detail", error.internal()}});
        continue;
      }
      if (*sent) {
        ++queued;
        log::Info("check-in reminder queued", {{"patient", state.patient_id}});
      }
    }
    return queued;
  }
};

ReminderSender::ReminderSender(db::Database& db, const Clock& clock, ReminderSettings settings)
    : impl_(std::make_unique<Impl>(db, clock, std::move(settings))) {}

ReminderSender::~ReminderSender() {
  Stop();
}

void ReminderSender::Start() {
  impl_->task.Start();
}

void ReminderSender::Stop() {
  impl_->task.Stop();
}

Result<int> ReminderSender::SendDue() {
  return impl_->Pass();
}

}  // namespace unknot::empower
