#!/bin/sh
# Install, with apt-get, whatever topicd's build, tests and quickstart need
# that this Debian machine lacks. Run as root; does nothing when all is there.
# Waits for the package lock (up to 10 minutes) when another apt-get or
# dpkg runs.
#
# usage: packaging/deps.sh [--test | --bench | --deb]
#   (none)   the build and the quickstart
#   --test   and what tests/run.sh needs (the Debian package's test too)
#   --bench  and what tests/bench/run.sh needs (the peer: scikit-learn)
#   --deb    and what cpack -G DEB needs (dpkg-shlibdeps, file)
set -e
PACKAGES="build-essential cmake pkg-config libsqlite3-dev sqlite3
libcurl4-openssl-dev libssl-dev curl libxml2-dev libxml2-utils libevent-dev
libstemmer-dev libutf8proc-dev libjansson-dev libinih-dev libcmocka-dev
zlib1g-dev liblzma-dev xz-utils gnuplot-nox fonts-dejavu-core clang"
case "$1" in
--test) PACKAGES="$PACKAGES valgrind python3 chromium dpkg-dev file" ;;	# chromium: dashboard.sh
--bench) PACKAGES="$PACKAGES python3-sklearn valgrind" ;;
--deb) PACKAGES="$PACKAGES dpkg-dev file" ;;
"") ;;
*) echo "usage: packaging/deps.sh [--test | --bench | --deb]" >&2; exit 2 ;;
esac

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
	    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "topicd: missing packages:$missing (run as root to install)" >&2
	exit 1
fi
echo "topicd: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive

# apt_get ARGS...: apt-get, waiting for dpkg's lock (DPkg::Lock::Timeout) and,
# which that option does not cover, for the lists and archives locks of
# another apt-get: retried while a lock is held, up to 10 minutes.
apt_get() {
	tries=0
	while ! out=$(apt-get -o DPkg::Lock::Timeout=600 "$@" 2>&1); do
		tries=$((tries + 1))
		case "$out" in
		*"Could not get lock"*) [ "$tries" -lt 600 ] && { sleep 1; continue; } ;;
		esac
		printf '%s\n' "$out" >&2
		return 1
	done
}
apt_get update -qq
apt_get install -y -qq --no-install-recommends $missing
