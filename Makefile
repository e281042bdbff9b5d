# Innfri Min side. Two commands: `make run` and `make test`. Each installs what is missing.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

CARGO_HOME ?= $(HOME)/.cargo
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_HOME)/bin:$(PATH)

DATABASE_URL ?= sqlite:data/innfri.db
export DATABASE_URL
# The PostgreSQL the integration tests create their databases in.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export TEST_DATABASE_URL
ADDR ?= 127.0.0.1:3000

# A one-shot CI build gains nothing from incremental caches, and they fill the disk.
ifeq ($(CI),true)
export CARGO_INCREMENTAL := 0
endif

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The served binary: the dev profile builds in a fraction of the release build's time and
# shares its compiled crates with the tests; `make bench` builds release. The browser's code is
# always the size-optimised release (profile wasm-release).
SERVER := target/debug/server
SITE_ROOT := target/site
PKG := $(SITE_ROOT)/pkg
FRONT_WASM := target/front/wasm32-unknown-unknown/wasm-release/frontend.wasm
# The site's own build tool (tools/site): it splits the wasm for the lazy routes, writes the
# JS glue with wasm-bindgen's library, and precompresses. Built in seconds-to-minutes with a
# profile for building fast, instead of installing cargo-leptos and wasm-bindgen-cli (which
# took most of a new machine's first `make run`).
SITE_TOOL := target/tool/tool/site
# The browser's code and the server are built in Leptos's islands mode (only the parts marked
# #[island] run in the browser). `FULL_HYDRATION=1` builds the old way, where every page
# hydrates whole, for comparing (e.g. `make size FULL_HYDRATION=1`); switching rebuilds both.
APP_FEATURES := $(if $(FULL_HYDRATION),--no-default-features)

.PHONY: run test bench lighthouse fuzz size tools npm style site server system-packages build fmt-check clippy unit integration e2e

## Build tools -------------------------------------------------------------------------------

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

npm: node_modules/.installed

# Designsystemet's component CSS, one file per component (style/main.css imports only those the
# pages use), and our own theme, generated from style/designsystemet.config.json.
style/vendor/designsystemet/base.css: node_modules/.installed
	@rm -rf style/vendor/designsystemet && mkdir -p style/vendor/designsystemet
	cp -R node_modules/@digdir/designsystemet-css/dist/src/. style/vendor/designsystemet/
	@touch $@

style/vendor/innfri-theme.css: style/designsystemet.config.json node_modules/.installed
	@mkdir -p style/vendor
	cd style && designsystemet tokens create --config designsystemet.config.json --clean >/dev/null
	designsystemet tokens build -t target/design-tokens -o target/design-tokens-build --clean >/dev/null
	cp target/design-tokens-build/innfri.css $@

style: style/vendor/designsystemet/base.css style/vendor/innfri-theme.css

# Debian packages the tests use: Chromium for the browser tests, pdftotext to read PDFs back.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; fi

## make run ------------------------------------------------------------------------------------

# The browser's side: the wasm (split into chunks for the lazy routes), its JS glue, the CSS,
# the assets, each precompressed (brotli and gzip) beside it; the browser's files in a folder
# named by their hash (pkg/VERSION), which the server names in its pages and lets browsers keep
# for good. The site tool and the wasm build at once (their own target folders); then wasm-opt
# takes two files at a time.
site: tools npm style
	@cargo build -q -p site --profile tool --target-dir target/tool & tool=$$!; \
	cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release $(APP_FEATURES) \
	  --target-dir target/front || { wait $$tool; exit 1; }; \
	wait $$tool
	@# Nothing to do when the wasm, the styles, the assets and the tool are what the site was
	@# last made of (wasm-opt alone takes a minute). esbuild is told that the glue's one
	@# repeated key (the chunk loader, imported once per split point under one name) is fine.
	@made=$$(cat $(FRONT_WASM) $(SITE_TOOL) $$(find style -name '*.css' | sort) \
	  $$(find public -type f | sort) | sha256sum | cut -d' ' -f1); \
	if [ -d $(PKG) ] && [ "$$(cat target/site-made-from 2>/dev/null)" = "$$made" ]; then \
	  echo "The site in $(SITE_ROOT) is up to date."; exit 0; fi; \
	set -x; \
	rm -rf $(PKG) && mkdir -p $(PKG); \
	$(SITE_TOOL) front $(FRONT_WASM) $(PKG) innfri > target/front/wasm-files.txt; \
	xargs -P 2 -I{} wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int {} -o {} \
	  < target/front/wasm-files.txt 2> >(grep -v 'unknown name subsection' >&2); \
	esbuild $(PKG)/innfri.js --minify --log-level=warning --log-override:duplicate-object-key=silent \
	  --allow-overwrite --outfile=$(PKG)/innfri.js; \
	lightningcss --bundle --minify --targets defaults style/main.css -o $(PKG)/innfri.css; \
	$(SITE_TOOL) version $(PKG); \
	cp -R public/. $(SITE_ROOT)/; \
	$(SITE_TOOL) compress $(SITE_ROOT); \
	echo "$$made" > target/site-made-from

server:
	cargo build -p server $(APP_FEATURES)

# The site and the server build side by side: each leaves a core idle for part of its build.
build:
	$(MAKE) --no-print-directory -j2 site server

# The demo case handler's password (demo data only; a real account gets its own).
DEMO_STAFF_PASSWORD := Fjell-Kaffe-Traktor-61

run: build
	@mkdir -p data
	$(SERVER) migrate
	$(SERVER) import --if-empty demo/cases.json
	@printf '%s\n' '$(DEMO_STAFF_PASSWORD)' | $(SERVER) staff add demo.behandler \
	  --name "Demo Behandler" --role admin --if-missing
	$(SERVER) demo-conversation 20250001 --staff demo.behandler
	@echo
	@echo "Innfri Min side: http://$(ADDR)"
	@echo "Demo logins (saksnummer / kode):"
	@echo "  20250001 / 739214  Kari Nordmann   delvis betalt, med originalfaktura og en samtale i gang"
	@echo "  20250002 / 482915  Ola Hansen      ubetalt"
	@echo "  20240117 / 551903  Fatima Ali      over flere renteperioder, med originalfaktura"
	@echo "  20250044 / 318277  Per Olsen       tre krav, delvis betalt"
	@echo "  20250090 / 902614  Ingrid Berg     betalt (avsluttet)"
	@echo "  20260012 / 667120  Nordlys Kafé AS næringsdrivende, delvis betalt"
	@echo "  20260031 / 274019  Sofie Johansen  ubetalt, kan lage nedbetalingsavtale"
	@echo "  20260032 / 530847  Jonas Lie       delvis betalt, kan lage nedbetalingsavtale"
	@echo "  20260041 / 815530  Lars Moen       nedbetalingsavtale, betalt til tiden"
	@echo "  20260042 / 362904  Emma Solberg    nedbetalingsavtale, to avdrag ikke betalt"
	@echo "  20260051 / 608172  Nora Haugen     ubetalt, kan utsette betalingen"
	@echo "  20260052 / 947361  Ahmed Karimi    ubetalt, kan utsette betalingen"
	@echo "  20260061 / 405318  Anna Kowalska   ubetalt (Min side på polsk: velg Polski øverst)"
	@echo "  20260062 / 816204  James Wilson    ubetalt (Min side på engelsk: velg English øverst)"
	@echo
	@echo "Saksbehandling: http://$(ADDR)/behandler/logg-inn"
	@echo "  brukernavn demo.behandler, passord $(DEMO_STAFF_PASSWORD)"
	@echo "  engangskode (bare i demoen): INNFRI_DEMO=true $(SERVER) staff totp demo.behandler"
	@echo
	@echo "Innbetalinger fra banken (demo): $(SERVER) payments import demo/bank/innbetalinger.ocr"
	@echo "  og demo/bank/innbetalinger.camt054.xml (se README)"
	@echo
	INNFRI_DEMO=true LEPTOS_SITE_ADDR=$(ADDR) LEPTOS_SITE_ROOT=$(SITE_ROOT) exec $(SERVER) serve

## make bench: figures for the notes (not a test; not part of make test) ------------------------

bench: site
	cargo build --release -p server
	SERVER=target/release/server bash bench/run.sh
	cargo test --release -p server --test api -- --ignored --nocapture inbox_with_100_000_tasks
	@# The bank files go through the operator's command, the release build.
	INNFRI_BENCH_SERVER=$(CURDIR)/target/release/server cargo test -p server --test api -- --ignored \
	  --nocapture --test-threads 1 bank_file_of

# The login and case pages under Lighthouse's mobile profile (not a test).
lighthouse: site system-packages
	cargo build --release -p server
	SERVER=target/release/server bash bench/lighthouse.sh

## make fuzz: the bank-file parsers under libFuzzer (not part of make test; the property tests
## in `cargo test -p bankfiles` are). FUZZ_SECONDS per target. ---------------------------------

FUZZ_SECONDS ?= 120
# The fuzzer's driver: its own speed matters little, its build time on a new machine a lot.
TOOL_PROFILE := CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
  CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_OPT_LEVEL=1
CARGO_FUZZ_VERSION := 0.13.1

fuzz:
	@cargo fuzz --version 2>/dev/null | grep -q " $(CARGO_FUZZ_VERSION)" || \
	  $(TOOL_PROFILE) cargo install cargo-fuzz --locked --version $(CARGO_FUZZ_VERSION)
	@mkdir -p target/fuzz-corpus/ocr target/fuzz-corpus/camt054
	cp demo/bank/innbetalinger.ocr target/fuzz-corpus/ocr/
	cp demo/bank/innbetalinger.camt054.xml target/fuzz-corpus/camt054/
	@# cargo-fuzz passes the sanitizer's -Z flags; the stable compiler takes them so.
	cd bankfiles/fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run ocr ../../target/fuzz-corpus/ocr -- \
	  -max_total_time=$(FUZZ_SECONDS) -max_len=4096
	cd bankfiles/fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run camt054 ../../target/fuzz-corpus/camt054 -- \
	  -max_total_time=$(FUZZ_SECONDS) -max_len=8192

## make test -----------------------------------------------------------------------------------

test: fmt-check clippy unit integration e2e size
	@echo "make test: all checks passed"

fmt-check:
	cargo fmt --all -- --check

clippy: tools
	cargo clippy -p server --all-targets -- -D warnings
	cargo clippy -p app --features ssr --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p app --features ssr,islands -- -D warnings
	@# Full hydration, kept for comparing, still compiles cleanly.
	cargo clippy -p frontend --target wasm32-unknown-unknown --no-default-features -- -D warnings
	cargo clippy -p site -p bankfiles --all-targets -- -D warnings

unit:
	cargo test -p app --features ssr
	cargo test -p bankfiles

integration: system-packages
	cargo test -p server --no-run
	@if DATABASE_URL="$(TEST_DATABASE_URL)" cargo run -q -p server -- ping >/dev/null 2>&1; then \
	  echo "PostgreSQL answers at $(TEST_DATABASE_URL): the integration tests run on SQLite and PostgreSQL."; \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "CI=true but no PostgreSQL answers at $(TEST_DATABASE_URL) (set TEST_DATABASE_URL)."; exit 1; \
	else \
	  echo "*** No PostgreSQL answers at $(TEST_DATABASE_URL): its tests are SKIPPED; SQLite tests run. ***"; \
	fi
	cargo test -p server

# Every browser test but the size check, which `make size` runs (and `make test` with it).
e2e: build system-packages
	SERVER=$(SERVER) bash end2end/run.sh --grep-invert 'what a first visit to each debtor page'

## make size: what a first visit to each debtor page transfers (brotli), against the goal of
## 150 KB for the login and case pages and 250 KB for the others. --------------------------------

size: build system-packages
	SERVER=$(SERVER) bash end2end/run.sh size.spec.ts --project=phone
