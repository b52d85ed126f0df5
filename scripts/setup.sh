#!/usr/bin/env bash
# Installs what building, serving and testing kafka-expose need, skipping whatever is already there.
# Idempotent: every make target runs it first. Prints each thing it installs; fails with a clear
# message when something cannot be installed.
#
#   scripts/setup.sh          everything (build, serve, tests)
#   scripts/setup.sh serve    only what `trunk serve` needs
#   scripts/setup.sh build    what `make build` needs: trunk, and Chromium for the prerendered view
#   scripts/setup.sh bench    everything, and twiggy for `make bench`
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
tools="$root/.tools"
want=${1:-all}

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
PLAYWRIGHT_VERSION=1.65.1
AXE_CORE_VERSION=4.14.1
CERT_MANAGER_MODELS_VERSION=6.0.0
GATEWAY_API_MODELS_VERSION=2.0.0
KUBERNETES_VALIDATE_VERSION=1.37.0
LIGHTHOUSE_VERSION=12.2.3
GECKODRIVER_VERSION=0.37.1

say() { printf 'setup: %s\n' "$*"; }
die() {
	printf 'setup: error: %s\n' "$*" >&2
	exit 1
}
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed ($2)"; }

export PATH="$HOME/.cargo/bin:$tools/node/node_modules/.bin:$PATH"

need cargo "install Rust with rustup first"
need rustup "install Rust with rustup first"

# The wasm32 target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
	say "installing the wasm32-unknown-unknown target"
	rustup target add wasm32-unknown-unknown || die "rustup could not add wasm32-unknown-unknown"
fi

# Trunk, the one version known to install with this toolchain.
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
	say "installing trunk $TRUNK_VERSION (about 3.5 minutes on 2 cores)"
	# Trunk's own release profile (fat LTO, one codegen unit, full optimisation) took over 7 minutes
	# to compile here; what Trunk does itself (hashing, copying, running the tools) is no faster for
	# it, so it is compiled quickly instead: the page it builds is byte for byte the same.
	CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
		CARGO_PROFILE_RELEASE_DEBUG=0 cargo install --locked "trunk@$TRUNK_VERSION" ||
		die "cargo could not install trunk $TRUNK_VERSION"
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wb_version" ] || die "no wasm-bindgen version found in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ]; then
	say "installing wasm-bindgen-cli $wb_version (about 2 minutes)"
	# --locked fails for this crate here: one of its locked dependency versions is not served.
	cargo install --force "wasm-bindgen-cli@$wb_version" || die "cargo could not install wasm-bindgen-cli $wb_version"
fi

# Node packages live in an ignored folder of the repository, never globally: wasm-opt from npm's
# binaryen (Debian's older binaryen produces a wasm that fails at start-up), playwright-core,
# which drives the system Chromium in the end-to-end tests, and axe-core, which checks the page's
# accessibility there.
need npm "install Node.js 20 or later"
node_pkgs="binaryen@$BINARYEN_VERSION"
[ "$want" = serve ] || node_pkgs="$node_pkgs playwright-core@$PLAYWRIGHT_VERSION"
case "$want" in serve | build) ;; *) node_pkgs="$node_pkgs axe-core@$AXE_CORE_VERSION @kubernetes-models/cert-manager@$CERT_MANAGER_MODELS_VERSION @kubernetes-models/gateway-api@$GATEWAY_API_MODELS_VERSION" ;; esac
# Lighthouse 13 wants Node 22: 12.2.3 is the last that installs with Node 20.
[ "$want" = bench ] && node_pkgs="$node_pkgs lighthouse@$LIGHTHOUSE_VERSION"
node_missing=()
for pkg in $node_pkgs; do
	name=${pkg%@*}
	version=${pkg##*@}
	installed=$(node -p "require('$tools/node/node_modules/$name/package.json').version" 2>/dev/null || true)
	[ "$installed" = "$version" ] || node_missing+=("$pkg")
done
if ((${#node_missing[@]})); then
	say "installing ${node_missing[*]} into .tools/node"
	mkdir -p "$tools/node"
	[ -f "$tools/node/package.json" ] || echo '{"private": true}' >"$tools/node/package.json"
	npm install --prefix "$tools/node" --no-audit --no-fund --loglevel=error "${node_missing[@]}" ||
		die "npm could not install ${node_missing[*]}"
fi
case "$(wasm-opt --version 2>/dev/null)" in
*"version ${BINARYEN_VERSION%%.*}"*) ;;
*) die "wasm-opt on PATH is not binaryen ${BINARYEN_VERSION%%.*}: $(command -v wasm-opt || echo none)" ;;
esac

[ "$want" = serve ] && exit 0

# Headless Chromium and its driver, and openssl (the TLS tests), from Debian.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! command -v openssl >/dev/null 2>&1; then
	say "installing chromium, chromium-driver and openssl (Debian packages)"
	sudo=""
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null || die "chromium is missing and installing it needs root: apt-get install chromium chromium-driver"
		sudo=sudo
	fi
	$sudo apt-get update -qq || die "apt-get update failed"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver openssl >/dev/null ||
		die "apt-get could not install chromium chromium-driver openssl"
fi

[ "$want" = build ] && exit 0

# Debian packages for the tests: as root, or through sudo; the package lists are updated once if
# the install fails.
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
apt_install() {
	local why=$1
	shift
	say "installing $* (Debian packages), $why"
	[ -z "$sudo" ] || command -v sudo >/dev/null || die "installing $* needs root: apt-get install $*"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null ||
		{ $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null; } ||
		die "apt-get could not install $*"
}

# netcat, for the tests that run verify.sh's nc probe (it falls back to bash, then openssl).
command -v nc >/dev/null 2>&1 || apt_install "for verify.sh's nc probe" netcat-openbsd

# HAProxy, the real SNI router the Gateway strategy's TLSRoutes are turned into (tests/tls.rs). The
# package starts a service: stopped, the tests start their own on loopback.
if [ "$want" != bench ] && ! command -v haproxy >/dev/null 2>&1; then
	apt_install "for the SNI routing test" haproxy
	$sudo service haproxy stop >/dev/null 2>&1 || true
fi

# Firefox and WebKit, where the end-to-end tests use the page too (tests/e2e/other-browsers.test.mjs):
# Debian's firefox-esr, and WebKitGTK's MiniBrowser with its WebDriver, under a virtual display.
if [ "$want" != bench ] && { [ ! -x /usr/bin/firefox-esr ] || ! command -v WebKitWebDriver >/dev/null 2>&1 || ! command -v xvfb-run >/dev/null 2>&1; }; then
	apt_install "for the tests in Firefox and WebKit" firefox-esr webkit2gtk-driver xvfb
fi
# geckodriver, Firefox's WebDriver, which Debian does not package: from crates.io, compiled quickly
# (it only relays commands) as Trunk is.
if [ "$want" != bench ] && [ "$(geckodriver --version 2>/dev/null | head -1)" != "geckodriver $GECKODRIVER_VERSION" ]; then
	say "installing geckodriver $GECKODRIVER_VERSION (about 2 minutes)"
	CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
		CARGO_PROFILE_RELEASE_DEBUG=0 cargo install --locked "geckodriver@$GECKODRIVER_VERSION" ||
		die "cargo could not install geckodriver $GECKODRIVER_VERSION"
fi

# twiggy, for the benchmark's "where the bytes go".
if [ "$want" = bench ] && ! command -v twiggy >/dev/null 2>&1; then
	say "installing twiggy (about 2 minutes)"
	cargo install --locked twiggy || die "cargo could not install twiggy"
fi

# kubernetes-validate, in a virtual environment inside the repository.
if [ "$("$tools/venv/bin/kubernetes-validate" --version 2>/dev/null | awk '{print $NF}')" != "$KUBERNETES_VALIDATE_VERSION" ]; then
	need python3 "install Python 3"
	say "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION into .tools/venv"
	python3 -m venv "$tools/venv" || die "python3 could not create a virtual environment"
	"$tools/venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" ||
		die "pip could not install kubernetes-validate $KUBERNETES_VALIDATE_VERSION"
fi
