# Velocity Callbacks. The two commands of the README:
#   make run    start the demo server (SQLite, demo tenant, simulator) on 127.0.0.1:8080
#   make test   run every test: vet, formatting, the widget bundle's freshness, and the Go
#               tests (domain, SQLite and PostgreSQL stores, API, CLI, headless Chromium),
#               then the time-dependent suites again as at two more instants, the fuzz
#               targets, and a one-minute soak (soak-ci)
# For the edit-test loop, `make check` runs vet, formatting and the tests that need neither
# PostgreSQL nor Chromium, in well under a minute.
GO ?= go
export GO
GOTEST = ./scripts/gotest.sh

# The instants besides now at which `make test` runs the suites whose rules depend on the
# time (calling hours, windows, retries, the scheduler): a night in New York, and the hour
# after the US spring-forward change. storetest.NowEnv (VELOCITY_TEST_NOW) sets the instant.
INSTANTS = 2026-12-01T06:30:00Z 2027-03-14T07:30:00Z
TIMED_PKGS = . ./storetest/... ./sqlstore/... ./sqlite/... ./postgres/... ./httpapi/... ./app/... ./transfer/... ./cli/... ./e2e/... ./webhook/... ./metrics/...
# The packages whose tests need neither PostgreSQL nor Chromium.
CHECK_PKGS = . ./storetest/... ./sqlstore/... ./sqlite/... ./httpapi/... ./app/... ./hub/... ./bench/... ./tzdb/... ./webexid/... ./webhook/... ./metrics/...

.PHONY: run test test-deps lint build bench tzdata check test-instants fuzz soak-ci repeat

run:
	$(GO) run ./cmd/velocity serve --demo --db velocity-demo.db

build:
	$(GO) build -o bin/velocity ./cmd/velocity

# Every step's skipped suites are gathered in one file and named at the very end.
test: test-deps lint widget-check
	@skipped=$$(mktemp); export VELOCITY_SKIPPED_FILE=$$skipped; \
	$(GOTEST) -race -count=1 -timeout 20m ./... && \
	$(MAKE) --no-print-directory test-instants && \
	$(MAKE) --no-print-directory fuzz && \
	$(MAKE) --no-print-directory soak-ci; \
	rc=$$?; ./scripts/skipped.sh "$$skipped"; rm -f "$$skipped"; exit $$rc

# Each fuzz target for FUZZTIME (inputs that once failed stay in testdata/fuzz and run
# with the ordinary tests).
FUZZTIME ?= 10s
FUZZ_TARGETS = .:FuzzParsePhone .:FuzzPolicyDoc .:FuzzStreamToken .:FuzzImportDoNotCall \
	./httpapi:FuzzAPIBodies ./httpapi:FuzzQueryString
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; echo "== fuzzing $$name ($$pkg) for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

# A soak of SOAKTIME on a new SQLite file: one velocity serve process under mixed traffic
# (40 requests/s) and stream churn (300 streams, 5% closed and reopened every second),
# sampled twice a second; it fails when the memory its Go runtime holds, its live heap,
# goroutines or open files grew after the warm-up (the first sixth), a request failed or
# a stream was dropped.
# (The closing measurement of issue 13 ran it for 10m; see the README's Performance.)
SOAKTIME ?= 60s
soak-ci:
	@echo "== soak for $(SOAKTIME) on SQLite"
	$(GO) run ./cmd/velocity bench --soak $(SOAKTIME)

# The time-dependent suites as at each of INSTANTS.
test-instants:
	@for at in $(INSTANTS); do \
		echo "== the domain, store, API, CLI and e2e suites as at $$at"; \
		VELOCITY_TEST_NOW=$$at $(GOTEST) -race -count=1 -timeout 20m $(TIMED_PKGS) || exit 1; \
	done

# The whole Go suite REPEAT times in a row, race detector on and tests shuffled, stopping
# at the first failure: the proof that the tests hold in any order, run after run.
REPEAT ?= 10
repeat: test-deps
	@all=$$(date +%s); for i in $$(seq 1 $(REPEAT)); do \
		echo "== run $$i of $(REPEAT), started $$(date -u +%H:%M:%S)"; start=$$(date +%s); \
		$(GOTEST) -race -count=1 -shuffle=on -timeout 25m ./... || { echo "== run $$i of $(REPEAT) failed after $$(( $$(date +%s) - start )) s"; exit 1; }; \
		echo "== run $$i of $(REPEAT) passed in $$(( $$(date +%s) - start )) s"; \
	done; echo "== all $(REPEAT) runs passed in $$(( $$(date +%s) - all )) s"

# The edit-test loop: vet, formatting and the tests that need neither PostgreSQL nor
# Chromium, without the race detector and with -short (the bench's process-driving tests
# skip themselves); make test runs them all with the race detector.
check: lint
	$(GOTEST) -short -count=1 $(CHECK_PKGS)

test-deps:
	./scripts/test-deps.sh

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

# Refresh the embedded IANA time zone database from the installed Go.
tzdata:
	cp "$$($(GO) env GOROOT)/lib/time/zoneinfo.zip" tzdb/zoneinfo.zip

# The issue's figures: 100,000 callbacks in SQLite, 8 concurrent clients over loopback HTTP.
bench:
	$(GO) run ./cmd/velocity bench --callbacks 100000 --clients 1,8 --duration 5s

# Widget (web/): npm dependencies, the committed bundles, and the staleness check.
.PHONY: web-deps widget widget-check

web-deps:
	cd web && npm ci --no-audit --no-fund

# Both also hold the widget to its size budgets (build.mjs --budget): its own code under
# 25 KB gzipped, the whole callback.js under 110 KB.
widget:
	cd web && node build.mjs --report --budget

widget-check:
	cd web && node_modules/.bin/tsc --noEmit -p .
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	{ (cd web && node build.mjs --budget --outdir="$$tmp") || { echo "the widget's build failed or is over its size budget (above)"; exit 1; }; } && \
	cmp -s "$$tmp/callback.js" web/dist/callback.js && cmp -s "$$tmp/desktop-sdk.js" web/dist/desktop-sdk.js && \
	cmp -s "$$tmp/simulator.js" web/dist/simulator.js && cmp -s "$$tmp/console.js" web/dist/console.js && \
	cmp -s "$$tmp/console-charts.js" web/dist/console-charts.js || \
	{ echo "web/dist is stale: run 'make widget' and commit web/dist"; exit 1; }
	@echo "web/dist is up to date"
