# kafka-expose. Every target installs what it needs first (scripts/setup.sh skips what is there).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c

export PATH := $(HOME)/.cargo/bin:$(CURDIR)/.tools/node/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
export TRUNK_OFFLINE := true
WASM := --target wasm32-unknown-unknown

.PHONY: serve build test lint fmt fmt-check test-native test-browser test-e2e bench setup setup-build setup-serve

## serve: build the page and serve it at http://127.0.0.1:8080 (rebuilds on change)
serve: setup-serve
	trunk serve

# Release pages name dependencies' sources (in panic messages) by crate, not by where this machine
# keeps them: one --remap-path-prefix per registry folder, listed once the crates are fetched.
remap = for d in "$${CARGO_HOME:-$$HOME/.cargo}"/registry/src/*/; do printf -- '--remap-path-prefix=%s=deps ' "$${d%/}"; done
# erase_components: Leptos type-erases each component's view, so the page carries one copy of the
# rendering code instead of one per concrete view type (about 8 KiB less wasm, gzip).
release = cargo fetch --locked --quiet && RUSTFLAGS="--cfg erase_components $$($(remap))" trunk build --release

## build: the release page in dist/, ready for any static host: the default view prerendered into
## index.html by headless Chromium, and a .gz and .br twin beside every file
build: setup-build
	$(release)
	node scripts/prerender.mjs

## test: every check: format, lints, native, in-browser and end-to-end tests
test: setup fmt-check lint test-native test-browser test-e2e

## lint: clippy for the native and the wasm32 target, warnings denied
lint: setup-serve
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --all-targets $(WASM) -- -D warnings

fmt:
	cargo fmt --all

fmt-check:
	cargo fmt --all -- --check

test-native: setup
	cargo test --locked

test-browser: setup
	cargo test --locked $(WASM) --test web

test-e2e: build
	node --test --test-reporter=spec tests/e2e/

## bench: bundle size, load and regeneration times against a minimal Leptos page; writes benches/results.md
bench:
	scripts/setup.sh bench
	$(release)
	node scripts/prerender.mjs
	cd benches/baseline && export CARGO_TARGET_DIR=$(CURDIR)/target/bench-baseline && $(release)
	node benches/bench.mjs

setup:
	scripts/setup.sh

setup-build:
	scripts/setup.sh build

setup-serve:
	scripts/setup.sh serve
