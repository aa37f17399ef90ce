#!/usr/bin/env Rscript
# Operating characteristics of the §3.10 flare rule under the §4.4 simulation
# designs, computed with the independent R implementation (flares_reference.R).
# These are the design figures `make stats-check` compares the C++ rule with:
# the two simulations use different random numbers, so they agree within
# Monte Carlo error, not digit for digit.
#
# Usage (from the repository root):
#   Rscript scripts/insight/flare_operating.R [REPLICATES] > tests/insight/flare_operating_characteristics.csv
#
# Design (docs/insight.md, "Simulation checks"): latent pain
# x_t = 5 + phi (x_{t-1} - 5) + e_t, stationary with marginal SD sd, rounded and
# clipped to 0-10; 28 days of history, then 90 counted days.
#   specificity             episodes starting in the 90 days, no bump
#   sensitivity             +3 points on 3 days from a random onset (day 14-80 of
#                           the 90); detected when an episode starts within 1 day
#   sensitivity_self_report the same, and the patient answers "yes" to the flare
#                           item on each bump day with probability 0.64 (the share
#                           of above-average-pain days reported as flares in
#                           Costa et al.; analytics_methods.md §3.10)
source(file.path("scripts", "insight", "flares_reference.R"))

args <- commandArgs(trailingOnly = TRUE)
replicates <- if (length(args) >= 1) as.integer(args[1]) else 2000L

warm_up <- 28L
counted <- 90L
self_report_rate <- 0.64
day0 <- as.Date("2026-01-01")

simulate <- function(phi, sd, onset, self_report) {
  n <- warm_up + counted
  e <- rnorm(n, 0, sd * sqrt(1 - phi^2))
  x <- numeric(n)
  x[1] <- 5 + sd * rnorm(1)
  for (t in 2:n) x[t] <- 5 + phi * (x[t - 1] - 5) + e[t]
  pain <- round(x)
  flare <- rep(NA, n)
  if (!is.na(onset)) {
    bump <- (onset + 1):(onset + 3)  # onset is a 0-based day index
    pain[bump] <- pain[bump] + 3
    if (self_report) flare[bump] <- runif(3) < self_report_rate
  }
  pain <- pmin(pmax(pain, 0), 10)
  data.frame(date = day0 + 0:(n - 1), pain = as.integer(pain), stress = NA_integer_,
             mood = NA_integer_, sleep = NA_integer_, flare = flare, regions = "", note = "",
             stringsAsFactors = FALSE)
}

starts <- function(series) {
  eps <- detect(series)$episodes
  as.Date(vapply(eps, function(e) as.numeric(e$start), numeric(1)), origin = "1970-01-01")
}

emit <- function(check, phi, sd, values) {
  sprintf("%s,%.1f,%.1f,%d,%.6f,%.6f", check, phi, sd, length(values), mean(values),
          stats::sd(values))
}
run_cell <- function(k) {
  set.seed(20261202 + k)  # per cell, so the result does not depend on the worker count
  phi <- cells$phi[k]; sd <- cells$sd[k]
  counted_from <- day0 + warm_up
  false_episodes <- replicate(replicates, {
    sum(starts(simulate(phi, sd, NA, FALSE)) >= counted_from)
  })
  lines <- emit("specificity", phi, sd, false_episodes)
  for (check in c("sensitivity", "sensitivity_self_report")) {
    detected <- replicate(replicates, {
      onset <- sample((warm_up + 14L):(warm_up + counted - 10L), 1)
      s <- starts(simulate(phi, sd, onset, check == "sensitivity_self_report"))
      onset_date <- day0 + onset
      as.numeric(any(s >= onset_date - 1 & s <= onset_date + 1))
    })
    lines <- c(lines, emit(check, phi, sd, detected))
  }
  lines
}

cells <- expand.grid(phi = c(0.3, 0.5, 0.7), sd = c(0.7, 1.0, 1.5))
results <- parallel::mclapply(seq_len(nrow(cells)), run_cell,
                              mc.cores = max(1L, parallel::detectCores()))
cat("check,phi,sd,replicates,mean,sd_per_replicate\n")
cat(unlist(results), sep = "\n")
cat("\n")
