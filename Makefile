# unknot — the two commands a newcomer needs are `make run` and `make test`.
.PHONY: run build deps web server test bench stats-check fuzz format clean

PRESET ?= ci
LISTEN ?= 127.0.0.1:8080

run: build
	mkdir -p data
	build/bin/unknot serve --demo --listen $(LISTEN) --data data --web-root web/build

build: deps web server

deps:
	scripts/install-deps.sh

web: deps
	cd web && npm run build

server: deps
	cmake --preset $(PRESET) >/dev/null
	cmake --build --preset $(PRESET)

test: build
	scripts/run-tests.sh

bench: build
	bench/run.sh

# The insight cycle's statistical validity checks (analytics_methods.md §4.4).
stats-check: build
	build/bin/stats_check

fuzz: deps
	scripts/run-fuzz.sh 60

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf build build-fuzz build-asan web/build
