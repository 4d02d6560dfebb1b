#!/bin/sh
# Install, with apt-get, whatever topicd's build, tests and quickstart need
# that this Debian machine lacks. Run as root; does nothing when all is there.
set -e
PACKAGES="build-essential cmake pkg-config libsqlite3-dev sqlite3
libcurl4-openssl-dev libssl-dev curl libxml2-dev libxml2-utils libevent-dev
libstemmer-dev libutf8proc-dev libjansson-dev libinih-dev libcmocka-dev
zlib1g-dev liblzma-dev xz-utils gnuplot-nox fonts-dejavu-core clang"
case "$1" in
--test) PACKAGES="$PACKAGES valgrind python3 chromium" ;;	# chromium: dashboard.sh
--bench) PACKAGES="$PACKAGES python3-sklearn valgrind" ;;
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
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
