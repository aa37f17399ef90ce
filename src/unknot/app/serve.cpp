// `unknot serve`: the one place that runs the network server, kept apart
// from the route wiring so tests can build routers without linking Beast.
#include <iostream>

#include "unknot/app/server_app.hpp"
#include "unknot/empower/reminder_sender.hpp"
#include "unknot/identity/demo_users.hpp"
#include "unknot/platform/http/server.hpp"
#include "unknot/platform/log.hpp"
#include "unknot/platform/mail/outbox.hpp"

namespace unknot::app {

int Serve(const Config& config) {
  const auto listen = ParseListen(config.listen);
  if (!listen) {
    log::Error("bad configuration", {{"error", listen.error().issues().front().message}});
    return 2;
  }
  // Clinical content first: a server must not start with half of it.
  SystemClock clock;
  auto content = LoadContent(config, clock.Now());
  if (!content) {
    const Error error = content.error();
    std::cerr << error.message() << "\n";
    for (const Issue& issue : error.issues()) {
      std::cerr << "  " << issue.path << ": " << issue.message << "\n";
    }
    return 1;
  }
  auto db = OpenMigratedDatabase(config);
  if (!db) {
    log::Error("database unavailable",
               {{"error", db.error().message()}, {"detail", db.error().internal()}});
    return 1;
  }
  if (config.demo) {
    auto accounts = CreateDemo(**db, clock, **content);
    if (!accounts) {
      log::Error("demo data failed", {{"error", accounts.error().internal()}});
      return 1;
    }
    log::Warn(
        "DEMO server: made-up data and publicly known passwords; never use it for real "
        "patients",
        {{"accounts", identity::DescribeDemoAccounts(*accounts)}});
    std::cout << identity::DescribeDemoAccounts(*accounts) << std::endl;
  }

  mail::MailDeliverer mail(
      **db, clock, mail::MailSettings{.smtp_url = config.mail.smtp_url, .from = config.mail.from});
  empower::ReminderSender reminders(**db, clock, {.public_url = config.public_url});
  Metrics metrics;
  const http::Router router = BuildRouter(config, **db, clock, metrics, *content);

  http::ServerOptions options;
  options.address = listen->first;
  options.port = listen->second;
  options.limits = config.limits;
  options.https = config.IsHttps();
  http::Server server(options, router,
                      [&metrics](const http::RequestRecord& r) { RecordRequest(metrics, r); });
  const auto port = server.Listen();
  if (!port) {
    log::Error("cannot listen", {{"error", port.error().message()}});
    return 1;
  }
  log::Info("listening", {{"url", fmt::format("http://{}:{}", listen->first, *port)},
                          {"limits", DescribeLimits(config.limits)},
                          {"demo", config.demo}});
  mail.Start();
  reminders.Start();
  server.Run();
  reminders.Stop();
  mail.Stop();
  log::Info("stopped");
  return 0;
}

}  // namespace unknot::app
