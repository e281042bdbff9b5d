# Innfri Min side. Two commands: `make run` and `make test`. Each installs what is missing.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

CARGO_HOME ?= $(HOME)/.cargo
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_HOME)/bin:$(PATH)

CARGO_LEPTOS_VERSION := 0.3.10
# wasm-bindgen's CLI must equal the library in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)

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

# The build tools' own speed matters little, their build time a lot on a new machine: built
# with full LTO and one codegen unit (cargo-leptos's own profile), cargo-leptos took most of a
# first `make run`. So the tools build without LTO, with many codegen units, and cargo-leptos
# unoptimised but for the compressors it runs on every release build. These settings apply to
# the `cargo install` of the tools only, never to the project's builds.
TOOL_PROFILE := CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
  CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true
FAST_PACKAGES := brotli brotli-decompressor alloc-no-stdlib alloc-stdlib libflate libflate_lz77 \
  crc32fast adler32 dary_heap rle-decode-fast core2
CARGO_LEPTOS_INSTALL := $(TOOL_PROFILE) CARGO_PROFILE_RELEASE_OPT_LEVEL=0 cargo install \
  $(foreach p,$(FAST_PACKAGES),--config 'profile.release.package.$(p).opt-level=3') \
  cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION) --features no_downloads
# wasm-bindgen rewrites the whole wasm on every build: it stays optimised.
WASM_BINDGEN_INSTALL := $(TOOL_PROFILE) CARGO_PROFILE_RELEASE_OPT_LEVEL=1 cargo install \
  wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --bin wasm-bindgen --force

.PHONY: run test bench tools npm style system-packages build-release fmt-check clippy unit integration e2e

## Build tools -------------------------------------------------------------------------------

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@# The two installs run side by side: each leaves one core idle for much of its build.
	@pids=""; \
	if ! cargo leptos --version 2>/dev/null | grep -q " $(CARGO_LEPTOS_VERSION)$$"; then \
	  echo "Installing cargo-leptos $(CARGO_LEPTOS_VERSION) (no downloads at run time; a few minutes, once)"; \
	  $(CARGO_LEPTOS_INSTALL) & pids="$$pids $$!"; \
	fi; \
	if ! wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$"; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  $(WASM_BINDGEN_INSTALL) & pids="$$pids $$!"; \
	fi; \
	for pid in $$pids; do wait $$pid || { echo "installing the build tools failed"; exit 1; }; done

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

npm: node_modules/.installed

# Designsystemet's component CSS and our own theme, generated from style/designsystemet.config.json.
style/vendor/designsystemet.css: node_modules/.installed
	@mkdir -p style/vendor
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $@

style/vendor/innfri-theme.css: style/designsystemet.config.json node_modules/.installed
	@mkdir -p style/vendor
	cd style && designsystemet tokens create --config designsystemet.config.json --clean >/dev/null
	designsystemet tokens build -t target/design-tokens -o target/design-tokens-build --clean >/dev/null
	cp target/design-tokens-build/innfri.css $@

style: style/vendor/designsystemet.css style/vendor/innfri-theme.css

# Debian packages the tests use: Chromium for the browser tests, pdftotext to read PDFs back.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; fi

## make run ------------------------------------------------------------------------------------

build-release: tools npm style
	cargo leptos build --release --precompress --split

# The demo case handler's password (demo data only; a real account gets its own).
DEMO_STAFF_PASSWORD := Fjell-Kaffe-Traktor-61

run: build-release
	@mkdir -p data
	./target/release/server migrate
	./target/release/server import --if-empty demo/cases.json
	@printf '%s\n' '$(DEMO_STAFF_PASSWORD)' | ./target/release/server staff add demo.behandler \
	  --name "Demo Behandler" --role admin --if-missing
	./target/release/server demo-conversation 20250001 --staff demo.behandler
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
	@echo
	@echo "Saksbehandling: http://$(ADDR)/behandler/logg-inn"
	@echo "  brukernavn demo.behandler, passord $(DEMO_STAFF_PASSWORD)"
	@echo "  engangskode (bare i demoen): INNFRI_DEMO=true ./target/release/server staff totp demo.behandler"
	@echo
	INNFRI_DEMO=true LEPTOS_SITE_ADDR=$(ADDR) LEPTOS_SITE_ROOT=target/site exec ./target/release/server serve

## make bench: figures for the notes (not a test; not part of make test) ------------------------

bench: build-release
	bash bench/run.sh
	cargo test --release -p server --test api -- --ignored --nocapture inbox_with_100_000_tasks

## make test -----------------------------------------------------------------------------------

test: fmt-check clippy unit integration e2e
	@echo "make test: all checks passed"

fmt-check:
	cargo fmt --all -- --check

clippy: tools
	cargo clippy -p server --all-targets -- -D warnings
	cargo clippy -p app --features ssr --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

unit:
	cargo test -p app --features ssr

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

e2e: build-release system-packages
	bash end2end/run.sh
