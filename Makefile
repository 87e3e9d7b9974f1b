# Widget (web/): npm dependencies, the committed bundles, and the staleness check.
.PHONY: web-deps widget widget-check

web-deps:
	cd web && npm ci --no-audit --no-fund

widget:
	cd web && node build.mjs --report

widget-check:
	cd web && node_modules/.bin/tsc --noEmit -p .
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	(cd web && node build.mjs --outdir="$$tmp") && \
	cmp -s "$$tmp/callback.js" web/dist/callback.js && cmp -s "$$tmp/simulator.js" web/dist/simulator.js || \
	{ echo "web/dist is stale: run 'make widget' and commit web/dist"; exit 1; }
	@echo "web/dist is up to date"
