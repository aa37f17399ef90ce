#!/usr/bin/env Rscript
# Synthetic check-in CSV fixtures for the cycle goldens (analytics_methods.md
# §4.3). Every fixture has its own fixed seed, so re-running this script
# rewrites byte-identical files. Usage (from the repository root):
#   Rscript scripts/insight/make_fixtures.R [OUT_DIR]
# OUT_DIR defaults to tests/insight/fixtures. Files: NAME.csv in the Empower
# check-in format; NAME.late lists the dates submitted late (one per line),
# because the CSV has no submission time.

args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else "tests/insight/fixtures"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

start_date <- as.Date("2026-01-05")

clip <- function(v) pmin(10, pmax(0, round(v)))

# Latent daily process: stress AR(phi_x); pain AR(phi_y) + c * stress(t-1);
# mood falls with same-day pain; sleep AR; tension follows same-day stress.
# `noise_sd` may be a vector (heteroskedastic); `trend` adds a drift in points
# over the period to pain and stress; `ma` adds MA(1) errors to pain.
simulate <- function(n_days, phi_x = 0.5, phi_y = 0.4, c = 0.3, trend = 0, noise_sd = 1.3,
                     level = 5, scale = 1, ma = 0) {
  burn <- 50
  n <- n_days + burn
  sd <- rep_len(noise_sd, n_days)
  sd <- c(rep(sd[1], burn), sd)
  stress <- pain <- mood <- sleep <- tension <- numeric(n)
  e_pain <- rnorm(n)
  for (t in 2:n) {
    stress[t] <- phi_x * stress[t - 1] + sd[t] * rnorm(1)
    pain[t] <- phi_y * pain[t - 1] + c * stress[t - 1] + sd[t] * (e_pain[t] + ma * e_pain[t - 1])
    mood[t] <- 0.5 * mood[t - 1] - 0.3 * pain[t] + sd[t] * rnorm(1)
    sleep[t] <- 0.3 * sleep[t - 1] - 0.2 * pain[t - 1] + sd[t] * rnorm(1)
    tension[t] <- 0.4 * tension[t - 1] + 0.4 * stress[t] + sd[t] * rnorm(1)
  }
  keep <- (burn + 1):n
  drift <- seq(0, trend, length.out = n_days)
  data.frame(
    date = start_date + 0:(n_days - 1),
    pain = clip(level + scale * pain[keep] + drift),
    stress = clip(level + scale * stress[keep] + drift),
    mood = clip(level + scale * mood[keep]),
    sleep = clip(level + scale * sleep[keep]),
    tension = clip(level + scale * tension[keep])
  )
}

drop_days <- function(d, rate) {
  inner <- 2:(nrow(d) - 1)
  gone <- inner[runif(length(inner)) < rate]
  if (length(gone)) d[-gone, ] else d
}

blank_values <- function(d, rate) {
  for (v in c("pain", "stress", "mood", "sleep", "tension")) {
    d[[v]][runif(nrow(d)) < rate] <- NA
  }
  d
}

write_fixture <- function(d, name, late_dates = NULL) {
  cell <- function(v) ifelse(is.na(v), "", as.character(v))
  lines <- c("date,pain,stress,mood,sleep,tension,flare,regions,note",
             paste(format(d$date, "%Y-%m-%d"), cell(d$pain), cell(d$stress), cell(d$mood),
                   cell(d$sleep), cell(d$tension), "", "", "", sep = ","))
  writeLines(lines, file.path(out_dir, paste0(name, ".csv")))
  if (!is.null(late_dates)) {
    writeLines(format(sort(late_dates), "%Y-%m-%d"), file.path(out_dir, paste0(name, ".late")))
  }
}

fixture <- function(name, seed, build) {
  set.seed(seed, kind = "Mersenne-Twister", normal.kind = "Inversion")
  build(name)
}

fixture("complete_90", 101, function(name) write_fixture(simulate(90), name))
fixture("complete_150", 102, function(name) write_fixture(simulate(150, c = 0.4), name))
fixture("mcar_10", 103, function(name) {
  write_fixture(blank_values(drop_days(simulate(100), 0.10), 0.03), name)
})
fixture("mcar_30", 104, function(name) write_fixture(drop_days(simulate(120), 0.30), name))
fixture("tail_missing", 105, function(name) {
  d <- simulate(120)
  q80 <- quantile(d$pain, 0.8)
  after_bad <- which(c(FALSE, head(d$pain, -1) >= q80))
  after_bad <- after_bad[after_bad < nrow(d)]
  gone <- after_bad[runif(length(after_bad)) < 0.5]
  write_fixture(if (length(gone)) d[-gone, ] else d, name)
})
fixture("shared_trend", 106, function(name) write_fixture(simulate(90, c = 0, trend = -3), name))
fixture("heteroskedastic", 107, function(name) {
  write_fixture(simulate(100, noise_sd = seq(0.5, 2.5, length.out = 100)), name)
})
fixture("ar_08", 108, function(name) write_fixture(simulate(110, phi_x = 0.8, phi_y = 0.8), name))
fixture("constant_x", 109, function(name) {
  d <- simulate(70)
  d$stress <- 5
  write_fixture(d, name)
})
fixture("collinear", 110, function(name) {
  d <- simulate(80)
  d$tension <- d$stress
  flip <- runif(nrow(d)) < 0.05
  d$tension[flip] <- clip(d$stress[flip] + 1)
  write_fixture(d, name)
})
# Exactly 28 usable lag pairs for every M1 pair: 39 days, 5 isolated gaps
# (34 days in 6 runs). 27: the same with one gap two days long.
fixture("pairs_28", 111, function(name) {
  d <- simulate(39)
  write_fixture(d[-c(6, 12, 18, 25, 32), ], name)
})
fixture("pairs_27", 112, function(name) {
  d <- simulate(39)
  write_fixture(d[-c(6, 12, 13, 18, 25, 32), ], name)
})
fixture("bounds_0_10", 113, function(name) write_fixture(simulate(90, scale = 3), name))
fixture("late_entries", 114, function(name) {
  d <- simulate(90)
  write_fixture(d, name, late_dates = d$date[runif(nrow(d)) < 0.2])
})
fixture("short_20", 115, function(name) write_fixture(simulate(20), name))
# 30 consecutive days: 29 pairs (early look) but a calendar span under 35 days.
fixture("span_short", 117, function(name) write_fixture(simulate(30), name))
# Stress is 5 on most days (4 or 6 on about 20%): three values, IQR 0.
fixture("narrow_x", 118, function(name) {
  d <- simulate(80)
  d$stress <- 5 + ifelse(runif(nrow(d)) < 0.2, sample(c(-1, 1), nrow(d), TRUE), 0)
  write_fixture(d, name)
})
fixture("ma_errors", 116, function(name) write_fixture(simulate(100, ma = 0.6), name))
for (i in 1:12) {
  fixture(sprintf("random_%02d", i), 200 + i, function(name) {
    d <- simulate(sample(30:140, 1), phi_x = runif(1, 0.1, 0.8), phi_y = runif(1, 0.1, 0.8),
                  c = sample(c(0, 0.2, 0.4), 1))
    write_fixture(blank_values(drop_days(d, runif(1, 0, 0.25)), 0.02), name)
  })
}
