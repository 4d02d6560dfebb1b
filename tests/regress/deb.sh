#!/bin/bash
# Installed like a Unix tool. Any user: cmake --install into a scratch
# DESTDIR lays out the expected files, for prefix /usr and another one. As
# root with dpkg and cpack's tools: the Debian package is built, installed,
# used (topicd -n, topic --version, the man pages, an ingest as the
# daemon's user), reinstalled, removed and purged, and nothing of it is
# left. It touches the real system, so it skips (and passes) where a
# topicd package, one of its files or its state directory already exists.
. "$(dirname "$0")/lib.sh" "$@"
seed="$top/tests/fixtures/seed-hf-2025-03-14.txt"
version=$("$build/topic" --version | sed 's/^topic //')

# The files of an install under prefix P (with /etc and /lib for /usr).
layout() {
	local etc=$1/etc lib=$1/lib
	if [ "$1" = usr ]; then
		etc=etc
		lib=lib
	fi
	printf '%s\n' "$1/bin/topic" "$1/sbin/topicd" \
	    "$1/share/man/man1/topic.1.gz" "$1/share/man/man5/topicd.conf.5.gz" \
	    "$1/share/man/man8/topicd.8.gz" "$1/share/topicd/stopwords.txt" \
	    "$1/share/topicd/topics.txt" \
	    "$1/share/doc/topicd/examples/topicd.conf" "$etc/topicd.conf" \
	    "$lib/systemd/system/topicd.service" | sort
}

# files DIR: every file under DIR, relative to it, sorted.
files() {
	(cd "$1" && find . ! -type d | sed 's|^\./||' | sort)
}

for prefix in /usr /opt/topicd; do
	d="$tmp/dest$(echo "$prefix" | tr / -)"
	DESTDIR=$d cmake --install "$build" --prefix "$prefix" >/dev/null
	p=${prefix#/}
	etc=/$p/etc
	[ "$prefix" = /usr ] && etc=/etc
	check "cmake --install --prefix $prefix: the files" "$(layout "$p")" \
	    "$(files "$d")"
	lib=/$p/lib
	[ "$prefix" = /usr ] && lib=/lib
	check "prefix $prefix: the unit runs the installed daemon" \
	    "ExecStart=$prefix/sbin/topicd -d -f $etc/topicd.conf" \
	    "$(grep '^ExecStart=' "$d$lib/systemd/system/topicd.service")"
	check "prefix $prefix: the installed daemon accepts the installed config" \
	    "configuration OK" \
	    "$("$d/$p/sbin/topicd" -n -f "$d$etc/topicd.conf" 2>&1)"
	check "prefix $prefix: the man pages are gzip files" "" \
	    "$(for m in "$d/$p"/share/man/man?/*.gz; do gzip -t "$m" 2>&1; done)"
done

skip() {
	echo "deb: skipped: $*"
	finish
	exit
}
[ "$(id -u)" = 0 ] || skip "not root (the package test installs into the system)"
for t in dpkg dpkg-deb dpkg-query apt-get cpack dpkg-shlibdeps file flock; do
	command -v "$t" >/dev/null ||
	    skip "no $t (packaging/deps.sh --test installs what it needs)"
done

# One run of this test at a time on a machine: a lock on dpkg's directory
# (flock; dpkg itself locks files inside it, with fcntl), which leaves no
# lock file behind.
exec 9< /var/lib/dpkg
flock -w 900 9 || skip "another run holds its lock"

# locked CMD...: run it, retried while another apt-get or dpkg holds a
# package lock (up to 10 minutes); its output on standard output.
locked() {
	local out tries=0
	while ! out=$("$@" 2>&1); do
		tries=$((tries + 1))
		if [ "$tries" -lt 600 ] && printf '%s' "$out" |
		    grep -Eq 'Could not get lock|lock was locked|is locked by'; then
			sleep 1
			continue
		fi
		printf '%s\n' "$out"
		return 1
	done
	printf '%s\n' "$out"
}
status() {
	dpkg-query -W -f='${db:Status-Abbrev}' topicd 2>/dev/null | tr -d ' '
}
# Everything on the system named like the package's files.
traces() {
	find /usr/bin /usr/sbin /usr/share/man /usr/share/doc /usr/share \
	    /etc /lib/systemd /usr/lib/systemd /var/lib -maxdepth 3 \
	    \( -name 'topicd*' -o -name topic -o -name 'topic.1*' \) \
	    2>/dev/null | sort -u
}

s=$(status)
[ -z "$s" ] || [ "$s" = un ] || skip "a topicd package is on this system (status $s)"
[ -e /var/lib/topicd ] && skip "/var/lib/topicd exists (a purge would delete it)"
(cd "$build" && cpack -G DEB -B "$tmp/pkg" > "$tmp/cpack.log" 2>&1) ||
    cat "$tmp/cpack.log" >&2
deb=$(ls "$tmp"/pkg/topicd_*.deb)
check "cpack: one package topicd_VERSION_ARCH.deb" \
    "topicd_${version}_$(dpkg --print-architecture).deb" "$(basename "$deb")"
check "control: package" topicd "$(dpkg-deb -f "$deb" Package)"
check "control: version from project()" "$version" "$(dpkg-deb -f "$deb" Version)"
# (A sanitizer build adds libasan and libubsan to the computed list.)
check_match "control: Depends computed, adduser for postinst, libcurl4 (loaded at run time)" \
    '^adduser, libcurl4 \(>= [0-9.]+\), (libasan[0-9]+, )?libc6 \(>= [0-9.]+\), .*libsqlite3-0 .*libssl3 .*libxml2 ' \
    "$(dpkg-deb -f "$deb" Depends)"
check "control: /etc/topicd.conf is a conffile" /etc/topicd.conf \
    "$(dpkg-deb --ctrl-tarfile "$deb" | tar xOf - ./conffiles)"
shipped=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print substr($6, 2)}' | sort)
check "the package holds the layout of prefix /usr" \
    "$(layout usr | sed 's|^|/|' | sort)" "$shipped"
for f in $shipped; do
	[ -e "$f" ] && skip "$f exists (installed otherwise)"
done
before=$(traces)
getent passwd topicd >/dev/null && had_user=1 || had_user=0

# Whatever happens below, the package and the user it added go.
cleanup() {
	if [ -n "$(status)" ] && [ "$(status)" != un ]; then
		locked dpkg -P topicd >/dev/null || true
	fi
	if [ "$had_user" = 0 ] && getent passwd topicd >/dev/null; then
		userdel topicd
		getent group topicd >/dev/null && groupdel topicd
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
out=$(locked apt-get -o DPkg::Lock::Timeout=600 install -y -q \
    --no-install-recommends "$deb")
check "apt-get install ./topicd_*.deb" "0 ii" "$? $(status)"
check "postinst: quiet without systemd" "" \
    "$(printf '%s\n' "$out" | grep -Ei 'warn|error|systemd|symlink')"
check "postinst: the system user topicd" "yes" \
    "$(getent passwd topicd | awk -F: '$3 < 1000 {print "yes"}')"
check "postinst: /var/lib/topicd, the user's" "topicd topicd 750" \
    "$(stat -c '%U %G %a' /var/lib/topicd)"
check "topicd -n on the installed sample config" "configuration OK" \
    "$(/usr/sbin/topicd -n -f /etc/topicd.conf 2>&1)"
check "topicd -n as the user topicd, its default config" "configuration OK" \
    "$(runuser -u topicd -- /usr/sbin/topicd -n 2>&1)"
check "topic --version" "topic $version" "$(/usr/bin/topic --version)"
check "the unit runs the installed daemon" \
    "ExecStart=/usr/sbin/topicd -d -f /etc/topicd.conf" \
    "$(grep '^ExecStart=' /lib/systemd/system/topicd.service)"
if command -v man >/dev/null; then
	check "man -w finds the three pages" \
	    "/usr/share/man/man1/topic.1.gz /usr/share/man/man5/topicd.conf.5.gz /usr/share/man/man8/topicd.8.gz" \
	    "$(echo $(man -w topic; man -w 5 topicd.conf; man -w 8 topicd))"
fi
check "an ingest into a temporary database" \
    "(stdin): snapshot 1: 107 papers, 107 new, on 1 day (2025-03-14)" \
    "$(/usr/bin/topic ingest --db "$tmp/t.db" --date 2025-03-14 \
        --source hf-page - < "$seed" 2>&1)"
check "an ingest as topicd into the state directory" \
    "(stdin): snapshot 1: 107 papers, 107 new, on 1 day (2025-03-14)" \
    "$(runuser -u topicd -- /usr/bin/topic ingest \
        --db /var/lib/topicd/topicd.db --date 2025-03-14 --source hf-page - \
        < "$seed" 2>&1)"
echo "# edited" >> /etc/topicd.conf
locked apt-get -o DPkg::Lock::Timeout=600 install -y -q --reinstall \
    --no-install-recommends -o Dpkg::Options::=--force-confold "$deb" >/dev/null
check "reinstall: postinst again, user and database kept" "0 ii yes" \
    "$? $(status) $([ -s /var/lib/topicd/topicd.db ] && echo yes)"
check "reinstall: the edited config kept" "# edited" "$(tail -n 1 /etc/topicd.conf)"

locked dpkg -r topicd >/dev/null
check "dpkg -r" "0 rc" "$? $(status)"
left=""
for f in $shipped; do
	[ "$f" = /etc/topicd.conf ] || [ ! -e "$f" ] || left="$left $f"
done
check "dpkg -r: no file left but the conffile" "" "$left"
check "dpkg -r: the conffile and the state stay" "yes yes" \
    "$([ -f /etc/topicd.conf ] && echo yes) $([ -d /var/lib/topicd ] && echo yes)"

locked dpkg -P topicd >/dev/null
check "dpkg -P" "0 " "$? $(status)"
left=""
for f in $shipped /var/lib/topicd /usr/share/topicd /usr/share/doc/topicd; do
	[ ! -e "$f" ] || left="$left $f"
done
check "dpkg -P: none of its files, no state" "" "$left"
check "dpkg -P: nothing named topicd or topic added anywhere" "$before" \
    "$(traces)"
check "dpkg -P: no enablement left" "" \
    "$(find /etc/systemd/system /var/lib/systemd/deb-systemd-helper-enabled \
        /var/lib/systemd/deb-systemd-helper-masked -name 'topicd*' 2>/dev/null)"
finish
