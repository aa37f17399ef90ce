#!/usr/bin/env bash
# Rewrites the cycle goldens: the synthetic fixtures (fixed seeds) and the
# expected records computed by the independent R reference. Run from anywhere;
# needs Rscript with the sandwich and lmtest packages (Debian: r-base-core,
# r-cran-sandwich, r-cran-lmtest). The C++ code never writes the expected
# files. Commit tests/insight/fixtures/ and tests/insight/expected/ afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
Rscript scripts/insight/make_fixtures.R tests/insight/fixtures
Rscript scripts/insight/reference.R tests/insight/fixtures tests/insight/expected
echo "goldens rewritten: $(ls tests/insight/expected/*.json | wc -l) expected files"
