#!/usr/bin/env Rscript
# Independent R reference for the stress–pain cycle (analytics_methods.md
# §3.1–3.6, §4.2–4.3): reads every tests/insight/fixtures/NAME.csv (plus
# NAME.late when present) and writes tests/insight/expected/NAME.json, the
# records the C++ analysis must reproduce within the §4.3 tolerances.
#
# Reference tools: lm; sandwich::vcovHC(type = "HC3"); for gap-free rows
# sandwich::NeweyWest(lag = L, prewhite = FALSE, adjust = TRUE) and
# lmtest::bgtest(order = 1); for rows with calendar gaps the calendar-aware
# (amplitude-modulated) Newey-West and Breusch-Godfrey written here from the
# spec, on a zero-padded calendar series (on gap-free rows they are checked to
# equal the packages). p.adjust("BH"); quantile(type = 7); pt/qt/pchisq.
# Needs Debian's r-base-core, r-cran-sandwich and r-cran-lmtest only.
#
# The `collinear` fixture makes sandwich warn that HC3 is unstable (hat values
# close to 1): that is the point of the fixture; those records are compared
# for eligibility and reason only.
#
# Usage (repository root): Rscript scripts/insight/reference.R [FIXTURES] [EXPECTED]
suppressPackageStartupMessages({
  library(sandwich)
  library(lmtest)
})

args <- commandArgs(trailingOnly = TRUE)
fixtures_dir <- if (length(args) >= 1) args[1] else "tests/insight/fixtures"
expected_dir <- if (length(args) >= 2) args[2] else "tests/insight/expected"
dir.create(expected_dir, showWarnings = FALSE, recursive = TRUE)

window_days <- 120
vars <- c("pain", "stress", "mood", "sleep", "tension")
same_day_pairs <- list(c("stress", "pain"), c("mood", "pain"), c("tension", "pain"),
                       c("stress", "mood"), c("tension", "mood"), c("stress", "tension"))
primary <- function(x, y) {
  s <- sort(c(x, y))
  identical(s, c("pain", "stress")) || identical(s, c("pain", "sleep")) ||
    identical(s, c("mood", "pain"))
}

read_fixture <- function(name) {
  d <- read.csv(file.path(fixtures_dir, paste0(name, ".csv")), colClasses = "character",
                na.strings = character())
  out <- data.frame(date = as.Date(d$date))
  for (v in vars) {
    x <- suppressWarnings(as.numeric(d[[v]]))
    x[!is.na(x) & (x < 0 | x > 10)] <- NA
    out[[v]] <- x
  }
  late_file <- file.path(fixtures_dir, paste0(name, ".late"))
  late_dates <- if (file.exists(late_file)) as.Date(readLines(late_file)) else as.Date(character())
  out$late <- out$date %in% late_dates
  out[order(out$date), ]
}

# ---- calendar-aware HAC and BG, written from §3.4 ---------------------------
nw_lag <- function(n) floor(4 * (n / 100)^(2 / 9))

# s_t = x_t e_t placed on a zero-padded calendar; Gamma_l = sum_t s_t s_{t-l}'.
calendar_nw_vcov <- function(fit, day) {
  s <- estfun(fit)
  n <- nrow(s)
  k <- ncol(s)
  L <- nw_lag(n)
  span <- max(day) - min(day) + 1
  padded <- matrix(0, span, k)
  padded[day - min(day) + 1, ] <- s
  meat <- crossprod(padded)
  for (l in seq_len(L)) {
    if (l >= span) break
    a <- padded[(l + 1):span, , drop = FALSE]
    b <- padded[1:(span - l), , drop = FALSE]
    g <- crossprod(a, b)
    meat <- meat + (1 - l / (L + 1)) * (g + t(g))
  }
  bread <- summary(fit)$cov.unscaled
  bread %*% meat %*% bread * n / (n - k)
}

calendar_bg_p <- function(fit, day) {
  e <- residuals(fit)
  X <- model.matrix(fit)
  idx <- match(day - 1, day)
  e_lag <- ifelse(is.na(idx), 0, e[idx])
  aux <- lm.fit(cbind(X, e_lag), e)
  lm_stat <- length(e) * sum((e - aux$residuals)^2) / sum(e^2)
  pchisq(lm_stat, 1, lower.tail = FALSE)
}

# ---- the analysis ------------------------------------------------------------
build_grid <- function(d) {
  last <- max(d$date)
  first <- max(min(d$date), last - (window_days - 1))
  D <- as.integer(last - first) + 1
  g <- list(first = first, last = last, D = D, present = rep(FALSE, D), late = rep(FALSE, D))
  for (v in vars) g[[v]] <- rep(NA_real_, D)
  w <- d[d$date >= first, ]
  i <- as.integer(w$date - first) + 1
  g$present[i] <- TRUE
  g$late[i] <- w$late
  for (v in vars) g[[v]][i] <- w[[v]]
  g
}

# S_v(t) with t the 0-based day; sleep is N_t = sleep given on date t+1.
series_at <- function(g, v, t) {
  raw <- if (v == "sleep") t + 1 else t
  val <- rep(NA_real_, length(t))
  ok <- raw >= 0 & raw < g$D
  val[ok] <- g[[v]][raw[ok] + 1]
  list(value = val, raw = raw)
}

pair_rows <- function(g, x, y, same_day) {
  t <- -1:g$D
  yt <- series_at(g, y, t)
  yl <- series_at(g, y, t - 1)
  xp <- series_at(g, x, if (y == "sleep") t else t - 1)
  xn <- if (same_day) series_at(g, x, t) else list(value = rep(0, length(t)), raw = t)
  ok <- !is.na(yt$value) & !is.na(yl$value) & !is.na(xp$value) & !is.na(xn$value)
  late_of <- function(s) {
    r <- s$raw[ok]
    inside <- r >= 0 & r < g$D
    out <- rep(FALSE, length(r))
    out[inside] <- g$late[r[inside] + 1]
    out
  }
  uses_late <- late_of(yt) | late_of(yl) | late_of(xp)
  if (same_day) uses_late <- uses_late | late_of(xn)
  data.frame(day = t[ok], y = yt$value[ok], y_lag = yl$value[ok], x_lag = xp$value[ok],
             x_now = if (same_day) xn$value[ok] else rep(NA_real_, sum(ok)),
             uses_late = uses_late)
}

spread_problem <- function(v) {
  if (length(unique(v)) < 3) return("too_few_values")
  q <- quantile(v, c(0.25, 0.75), type = 7, names = FALSE)
  if (q[2] - q[1] < 1) return("iqr_too_small")
  if (max(table(v)) > 0.8 * length(v)) return("one_value_dominates")
  ""
}

fit_model <- function(rows, same_day, trend, D) {
  k <- 3 + same_day + trend
  n <- nrow(rows)
  if (n <= k) return(NULL)
  rows$tau <- (rows$day - mean(rows$day)) / D
  f <- y ~ y_lag + x_lag
  if (same_day) f <- update(f, . ~ . + x_now)
  if (trend) f <- update(f, . ~ . + tau)
  fit <- lm(f, data = rows)
  if (fit$rank < k) return(NULL)
  focal <- if (same_day) "x_now" else "x_lag"
  L <- nw_lag(n)
  v_hc3 <- vcovHC(fit, type = "HC3")
  gap_free <- all(diff(rows$day) == 1)
  v_cal <- calendar_nw_vcov(fit, rows$day)
  if (gap_free) {
    v_nw <- NeweyWest(fit, lag = L, prewhite = FALSE, adjust = TRUE)
    stopifnot(max(abs(v_nw - v_cal)) <= 1e-9 * max(abs(v_nw)))
    bg_p <- bgtest(fit, order = 1)$p.value
    stopifnot(abs(bg_p - calendar_bg_p(fit, rows$day)) < 1e-12)
  } else {
    v_nw <- v_cal
    bg_p <- calendar_bg_p(fit, rows$day)
  }
  df <- n - k
  tq <- qt(0.975, df)
  est <- function(name) {
    value <- unname(coef(fit)[name])
    se_hc3 <- sqrt(v_hc3[name, name])
    se_nw <- sqrt(v_nw[name, name])
    se <- max(se_hc3, se_nw)
    tt <- value / se
    list(value = value, se_hc3 = se_hc3, se_nw = se_nw, se = se, t = tt,
         p = 2 * pt(-abs(tt), df), lo = value - tq * se, hi = value + tq * se)
  }
  list(n = n, k = k, df = df, L = L, focal = est(focal), ar = est("y_lag"),
       trend_g = if (trend) unname(coef(fit)["tau"]) else NA,
       max_leverage = max(hatvalues(fit)), bg_p = unname(bg_p))
}

missing_after_bad_day_or <- function(g) {
  pain <- g$pain
  if (all(is.na(pain))) return(NA)
  q75 <- quantile(pain[!is.na(pain)], 0.75, type = 7, names = FALSE)
  prev <- pain[-g$D]
  cur_missing <- is.na(pain[-1])
  keep <- !is.na(prev)
  bad <- prev[keep] >= q75
  miss <- cur_missing[keep]
  tab <- c(sum(bad & miss), sum(bad & !miss), sum(!bad & miss), sum(!bad & !miss))
  if (sum(miss) == 0 || sum(bad) == 0 || sum(!bad) == 0) return(NA)
  if (any(tab == 0)) tab <- tab + 0.5
  (tab[1] * tab[4]) / (tab[2] * tab[3])
}

tier_of <- function(n) {
  if (n < 28) "insufficient" else if (n < 42) "early_look" else if (n < 60) "standard"
  else "established"
}

analyse_pair <- function(g, x, y, model, mor) {
  same_day <- model == "M2"
  rows <- pair_rows(g, x, y, same_day)
  n <- nrow(rows)
  k <- if (same_day) 5 else 4
  r <- list(model = model, x = x, y = y, n_pairs = n, tier = tier_of(n), df = n - k,
            nw_lag_L = if (n > 0) nw_lag(n) else 0,
            family = if (!same_day && primary(x, y)) "primary" else "exploratory")
  reasons <- character()
  if (n < 28) reasons <- c(reasons, "too_few_pairs")
  if (n > 0 && max(rows$day) - min(rows$day) + 2 < 35) reasons <- c(reasons, "span_too_short")
  xf <- if (same_day) rows$x_now else rows$x_lag
  fit <- NULL
  if (n >= 28) {
    px <- spread_problem(xf)
    if (px != "") reasons <- c(reasons, paste0("x_", px))
    py <- spread_problem(rows$y)
    if (py != "") reasons <- c(reasons, paste0("y_", py))
    cr <- if (sd(rows$y_lag) > 0 && sd(rows$x_lag) > 0) cor(rows$y_lag, rows$x_lag) else NA
    r$collinearity_r <- cr
    if (!is.na(cr) && abs(cr) > 0.9) reasons <- c(reasons, "collinear")
  }
  if (n - k < 20) reasons <- c(reasons, "df_too_small")
  if (n >= 28) {
    fit <- fit_model(rows, same_day, TRUE, g$D)
    if (is.null(fit)) reasons <- c(reasons, "rank_deficient")
  }
  r$eligible <- length(reasons) == 0
  r$ineligible_reason <- if (length(reasons)) reasons[1] else NA
  none <- list(coef_c = NA, ci_low = NA, ci_high = NA)
  if (is.null(fit)) {
    r$collinearity_r <- NULL
    r$sensitivity <- list(no_trend = none, no_late = none)
    return(r)
  }
  f <- fit$focal
  q <- quantile(xf, c(0.25, 0.75), type = 7, names = FALSE)
  iqr <- q[2] - q[1]
  no_trend <- fit_model(rows, same_day, FALSE, g$D)
  on_time <- rows[!rows$uses_late, ]
  no_late <- if (nrow(on_time) >= 28) fit_model(on_time, same_day, TRUE, g$D) else NULL
  interval <- function(m) {
    if (is.null(m)) none
    else list(coef_c = m$focal$value, ci_low = m$focal$lo, ci_high = m$focal$hi)
  }
  c(r, list(coef_c = f$value, se_hc3 = f$se_hc3, se_nw = f$se_nw, se_used = f$se, t = f$t,
            p = f$p, ci_low = f$lo, ci_high = f$hi, partial_r = f$t / sqrt(f$t^2 + fit$df),
            x_q25 = q[1], x_q75 = q[2], contrast_delta = f$value * iqr,
            contrast_ci_low = f$lo * iqr, contrast_ci_high = f$hi * iqr,
            ar_b = fit$ar$value, ar_b_ci_low = fit$ar$lo, ar_b_ci_high = fit$ar$hi,
            trend_g = fit$trend_g, bg_lm_p = fit$bg_p, max_leverage = fit$max_leverage,
            missing_after_bad_day_or = mor,
            raw_mean_y_after_high_x = mean(rows$y[xf >= q[2]]),
            raw_mean_y_after_low_x = mean(rows$y[xf <= q[1]]),
            sensitivity = list(no_trend = interval(no_trend), no_late = interval(no_late))))
}

analyse <- function(d) {
  g <- build_grid(d)
  mor <- missing_after_bad_day_or(g)
  records <- list()
  for (x in vars) for (y in vars) if (x != y) {
    records[[length(records) + 1]] <- analyse_pair(g, x, y, "M1", mor)
  }
  for (p in same_day_pairs) records[[length(records) + 1]] <- analyse_pair(g, p[1], p[2], "M2", mor)
  n_present <- sum(g$present)
  for (i in seq_along(records)) {
    records[[i]]$window_start <- format(g$first)
    records[[i]]$window_end <- format(g$last)
    records[[i]]$n_calendar_days <- g$D
    records[[i]]$compliance_pct <- 100 * n_present / g$D
    records[[i]]$late_entries_pct <- 100 * sum(g$present & g$late) / n_present
    records[[i]]$q_bh <- NA
  }
  for (fam in c("primary", "exploratory")) {
    members <- which(sapply(records, function(r) r$family == fam && r$eligible))
    if (length(members)) {
      q <- p.adjust(sapply(records[members], function(r) r$p), method = "BH")
      for (j in seq_along(members)) records[[members[j]]]$q_bh <- q[j]
    }
  }
  for (i in seq_along(records)) {
    r <- records[[i]]
    threshold <- if (r$family == "primary") 0.05 else 0.10
    records[[i]]$verdict <-
      if (!r$eligible) "not_shown"
      else if (r$q_bh < threshold && (r$ci_low > 0 || r$ci_high < 0)) {
        if (r$coef_c > 0) "clear_positive" else "clear_negative"
      } else "unclear"
  }
  records
}

# ---- JSON out (no jsonlite in Debian's base set) -----------------------------
fields <- c("window_start", "window_end", "model", "x", "y", "n_pairs", "n_calendar_days",
            "compliance_pct", "late_entries_pct", "tier", "eligible", "ineligible_reason",
            "coef_c", "se_hc3", "se_nw", "nw_lag_L", "se_used", "df", "t", "p", "q_bh", "family",
            "ci_low", "ci_high", "partial_r", "x_q25", "x_q75", "contrast_delta",
            "contrast_ci_low", "contrast_ci_high", "ar_b", "ar_b_ci_low", "ar_b_ci_high",
            "trend_g", "bg_lm_p", "max_leverage", "collinearity_r", "missing_after_bad_day_or",
            "raw_mean_y_after_high_x", "raw_mean_y_after_low_x", "sensitivity", "verdict")

json_value <- function(v) {
  if (is.null(v) || (length(v) == 1 && is.na(v))) return("null")
  if (is.list(v)) {
    parts <- vapply(names(v), function(n) sprintf("\"%s\": %s", n, json_value(v[[n]])), "")
    return(paste0("{", paste(parts, collapse = ", "), "}"))
  }
  if (is.logical(v)) return(if (v) "true" else "false")
  if (is.character(v)) return(sprintf("\"%s\"", v))
  if (v == round(v) && abs(v) < 1e15) return(sprintf("%.0f", v))
  sprintf("%.17g", v)
}

for (csv in sort(list.files(fixtures_dir, pattern = "\\.csv$"))) {
  name <- sub("\\.csv$", "", csv)
  records <- analyse(read_fixture(name))
  lines <- vapply(records, function(r) {
    parts <- vapply(fields, function(f) sprintf("\"%s\": %s", f, json_value(r[[f]])), "")
    paste0("  {", paste(parts, collapse = ", "), "}")
  }, "")
  writeLines(c("[", paste(lines, collapse = ",\n"), "]"),
             file.path(expected_dir, paste0(name, ".json")))
  cat(name, "\n")
}
