#!/usr/bin/env Rscript
# Independent reference implementation of the flare rules of
# analytics_methods.md §3.10, written from the specification (and the
# readings listed in docs/insight.md, "Flares"), not from the C++ code.
#
# Usage: Rscript scripts/insight/flares_reference.R IN.csv OUT.json
#        Rscript scripts/insight/flares_reference.R --all   (every fixture in
#        tests/insight/flares/*.csv -> tests/insight/flares/expected/*.json)
#
# Needs only base R (Debian r-base-core); the JSON is written by hand so that
# no extra package is needed. Numbers are printed with 17 significant digits.

read_checkins <- function(path) {
  d <- read.csv(path, colClasses = "character", na.strings = character(0),
                check.names = FALSE, encoding = "UTF-8")
  stopifnot(identical(names(d), c("date", "pain", "stress", "mood", "sleep", "tension",
                                  "flare", "regions", "note")))
  num <- function(x) ifelse(x == "", NA_integer_, suppressWarnings(as.integer(x)))
  data.frame(date = as.Date(d$date), pain = num(d$pain), stress = num(d$stress),
             mood = num(d$mood), sleep = num(d$sleep),
             flare = ifelse(tolower(d$flare) == "yes", TRUE,
                            ifelse(tolower(d$flare) == "no", FALSE, NA)),
             regions = d$regions, note = d$note, stringsAsFactors = FALSE)
}

detect <- function(ci) {
  ci <- ci[order(ci$date), ]
  first <- min(ci$date)
  n <- as.integer(max(ci$date) - first) + 1L
  pos <- as.integer(ci$date - first) + 1L
  pain <- rep(NA_integer_, n); pain[pos] <- ci$pain
  stress <- rep(NA_integer_, n); stress[pos] <- ci$stress
  mood <- rep(NA_integer_, n); mood[pos] <- ci$mood
  sleep <- rep(NA_integer_, n); sleep[pos] <- ci$sleep
  flare <- rep(NA, n); flare[pos] <- ci$flare
  present <- rep(FALSE, n); present[pos] <- TRUE
  regions <- vector("list", n)
  for (k in seq_along(pos)) {
    r <- trimws(strsplit(ci$regions[k], ";", fixed = TRUE)[[1]])
    regions[[pos[k]]] <- r[r != ""]
  }
  notes <- rep("", n); notes[pos] <- ci$note

  ep <- rep(NA_integer_, n)          # episode id of each day (as known so far)
  observed <- function(t) t >= 1 && t <= n && !is.na(pain[t])
  missing_day <- function(t) t >= 1 && t <= n && is.na(pain[t])

  baseline <- function(t) {
    w <- if (t > 1) max(1, t - 28):(t - 1) else integer(0)
    w <- w[is.na(ep[w])]
    x <- pain[w]; x <- x[!is.na(x)]
    res <- list(n = length(x), b = NA_real_, s = NA_real_, thr = NA_real_, window = w)
    if (length(x) >= 14) {
      b <- median(x)
      s <- max(1, 1.4826 * median(abs(x - b)))
      res$b <- b; res$s <- s; res$thr <- b + max(2, 1.5 * s)
    }
    res
  }
  is_candidate <- function(t, bl) !is.na(bl$thr) && observed(t) && pain[t] >= bl$thr

  day_b <- rep(NA_real_, n); day_s <- day_b; day_thr <- day_b
  day_n <- rep(0L, n); day_cand <- rep(FALSE, n)
  eps <- list()
  open <- NA_integer_
  t <- 1L
  while (t <= n) {
    bl <- baseline(t)
    day_b[t] <- bl$b; day_s[t] <- bl$s; day_thr[t] <- bl$thr; day_n[t] <- bl$n
    if (!is.na(open)) {
      e <- eps[[open]]
      if (missing_day(t) && missing_day(t + 1) && missing_day(t + 2)) {
        last <- max(which(!is.na(pain[1:(t - 1)])))
        if (last < t - 1) ep[(last + 1):(t - 1)] <- NA_integer_
        e$end <- last; e$end_reason <- "no_data"
        eps[[open]] <- e; open <- NA_integer_
        t <- t + 1L; next
      }
      ep[t] <- open
      lim <- e$b_star + 1
      if (observed(t) && observed(t + 1) && pain[t] <= lim && pain[t + 1] <= lim) {
        e$end <- t; e$end_reason <- "recovered"
        eps[[open]] <- e; open <- NA_integer_
      }
      t <- t + 1L; next
    }
    if (is_candidate(t, bl)) {
      day_cand[t] <- TRUE
      rule_b <- isTRUE(flare[t])
      rule_a <- FALSE
      nxt <- (t + 1):(t + 2); nxt <- nxt[nxt <= n & !is.na(pain[nxt])]
      if (length(nxt) > 0) rule_a <- is_candidate(nxt[1], baseline(nxt[1]))
      if (rule_a || rule_b) {
        k <- length(eps)
        if (k > 0 && t - eps[[k]]$end - 1 <= 2) {
          ep[(eps[[k]]$end + 1):t] <- k
          eps[[k]]$end_reason <- "ongoing"
          eps[[k]]$segments <- eps[[k]]$segments + 1L
          open <- k
        } else {
          rule <- if (rule_a && rule_b) "both" else if (rule_a) "consecutive" else "self_report"
          eps[[k + 1]] <- list(start = t, end = NA_integer_, b_star = bl$b, s = bl$s,
                               bn = bl$n, window = bl$window, rule = rule,
                               end_reason = "ongoing", segments = 1L)
          open <- k + 1L
          ep[t] <- open
        }
      }
    }
    t <- t + 1L
  }
  if (!is.na(open)) {
    e <- eps[[open]]
    obs <- which(!is.na(pain)); last <- max(obs[obs >= e$start])
    if (last < n) ep[(last + 1):n] <- NA_integer_
    e$end <- last; e$end_reason <- "ongoing"
    eps[[open]] <- e
  }

  out_eps <- lapply(eps, function(e) {
    span <- e$start:e$end
    p <- pain[span]; p <- p[!is.na(p)]
    med <- function(v) { v <- v[e$window]; v <- v[!is.na(v)]; if (length(v)) median(v) else NA }
    before <- (e$start - 3):(e$start - 1)
    val <- function(v) sapply(before, function(j) if (j >= 1) v[j] else NA)
    count_regions <- function(days) {
      days <- days[present[days]]
      r <- unlist(regions[days])
      list(days_with_check_in = length(days), days = if (length(r)) table(r) else NULL)
    }
    list(start = first + e$start - 1, end = first + e$end - 1,
         duration_days = e$end - e$start + 1, start_rule = e$rule,
         end_reason = e$end_reason, merged_segments = e$segments,
         baseline_frozen = e$b_star, spread_at_start = e$s, baseline_n = e$bn,
         observed_days = length(p), peak_pain = max(p), peak_excess = max(p) - e$b_star,
         excess_auc = sum(pmax(0, p - e$b_star)),
         yes = sum(flare[span] %in% TRUE), no = sum(flare[span] %in% FALSE),
         unanswered = sum(is.na(flare[span])),
         called = any(flare[span] %in% TRUE),
         before_dates = first + before - 1,
         stress = val(stress), sleep = val(sleep), mood = val(mood),
         stress_med = med(stress), sleep_med = med(sleep), mood_med = med(mood),
         regions_episode = count_regions(span), regions_baseline = count_regions(e$window))
  })
  inside <- !is.na(ep)
  yes <- flare %in% TRUE
  list(first = first, n = n, pain = pain, b = day_b, s = day_s, thr = day_thr,
       bn = day_n, cand = day_cand, ep = ep, episodes = out_eps,
       established = if (any(!is.na(day_b))) first + min(which(!is.na(day_b))) - 1 else NA,
       conc = list(self_report_yes_days = sum(yes), self_report_yes_in_episode = sum(yes & inside),
                   episode_days = sum(inside), episode_days_with_yes = sum(inside & yes),
                   episode_days_answered = sum(inside & !is.na(flare))))
}

# --- hand-written JSON ------------------------------------------------------
jnum <- function(x) if (length(x) == 0 || is.na(x)) "null" else formatC(x, digits = 17, format = "g")
jint <- function(x) if (is.na(x)) "null" else as.character(as.integer(x))
jstr <- function(x) if (is.na(x)) "null" else paste0('"', gsub('"', '\\\\"', x), '"')
jdate <- function(x) if (is.na(x)) "null" else paste0('"', format(x, "%Y-%m-%d"), '"')
jbool <- function(x) if (x) "true" else "false"
jobj <- function(...) {
  kv <- list(...)
  paste0("{", paste0('"', names(kv), '":', unlist(kv), collapse = ","), "}")
}
jarr <- function(items) paste0("[", paste(items, collapse = ","), "]")
jregions <- function(rc) {
  days <- if (is.null(rc$days)) "{}" else
    paste0("{", paste0('"', names(rc$days), '":', as.integer(rc$days), collapse = ","), "}")
  jobj(days_with_check_in = rc$days_with_check_in, days = days)
}
jpanel <- function(v, m) jobj(values = jarr(sapply(v, jint)), personal_median = jnum(m))

to_json <- function(r) {
  eps <- sapply(r$episodes, function(e) jobj(
    start = jdate(e$start), end = jdate(e$end), duration_days = jint(e$duration_days),
    start_rule = jstr(e$start_rule), end_reason = jstr(e$end_reason),
    merged_segments = jint(e$merged_segments), baseline_frozen = jnum(e$baseline_frozen),
    spread_at_start = jnum(e$spread_at_start), baseline_n = jint(e$baseline_n),
    observed_days = jint(e$observed_days), peak_pain = jint(e$peak_pain),
    peak_excess = jnum(e$peak_excess), excess_auc = jnum(e$excess_auc),
    regions_episode = jregions(e$regions_episode),
    regions_baseline = jregions(e$regions_baseline),
    self_report = jobj(yes_days = jint(e$yes), no_days = jint(e$no),
                       unanswered_days = jint(e$unanswered)),
    patient_called_it_flare = jbool(e$called),
    before = jobj(dates = jarr(sapply(e$before_dates, jdate)),
                  stress = jpanel(e$stress, e$stress_med),
                  sleep = jpanel(e$sleep, e$sleep_med),
                  mood = jpanel(e$mood, e$mood_med))))
  days <- sapply(seq_len(r$n), function(t) jobj(
    date = jdate(r$first + t - 1), pain = jint(r$pain[t]),
    baseline_status = jstr(if (is.na(r$b[t])) "not_established" else "established"),
    baseline_n = jint(r$bn[t]), baseline = jnum(r$b[t]), spread = jnum(r$s[t]),
    threshold = jnum(r$thr[t]), candidate = jbool(r$cand[t]),
    episode = if (is.na(r$ep[t])) "null" else jint(r$ep[t] - 1)))
  c <- r$conc
  paste0(jobj(
    generator = jstr("scripts/insight/flares_reference.R"),
    episodes = jarr(if (length(eps)) eps else character(0)),
    concordance = jobj(self_report_yes_days = jint(c$self_report_yes_days),
                       self_report_yes_in_episode = jint(c$self_report_yes_in_episode),
                       episode_days = jint(c$episode_days),
                       episode_days_with_yes = jint(c$episode_days_with_yes),
                       episode_days_answered = jint(c$episode_days_answered)),
    baseline_established_from = jdate(r$established),
    days = jarr(days)), "\n")
}

run_one <- function(input, output) {
  writeLines(to_json(detect(read_checkins(input))), output, sep = "")
  cat(sprintf("%s -> %s\n", input, output))
}

# Run as a script, not when sourced (scripts/insight/flare_operating.R uses detect()).
args <- if (sys.nframe() == 0L) commandArgs(trailingOnly = TRUE) else "--sourced"
if (identical(args, "--sourced")) {
  invisible(NULL)
} else if (length(args) == 1 && args[1] == "--all") {
  dir <- "tests/insight/flares"
  dir.create(file.path(dir, "expected"), showWarnings = FALSE)
  for (f in sort(Sys.glob(file.path(dir, "*.csv")))) {
    run_one(f, file.path(dir, "expected", sub("\\.csv$", ".json", basename(f))))
  }
} else if (length(args) == 2) {
  run_one(args[1], args[2])
} else {
  stop("usage: flares_reference.R IN.csv OUT.json | --all")
}
