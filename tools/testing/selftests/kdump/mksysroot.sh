#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unpack Debian packages of one architecture into a sysroot:
#   mksysroot.sh ARCH DIR PACKAGE...
# ARCH is a Debian architecture (amd64, arm64).  The named packages and the
# shared libraries they depend on (dependencies named lib* or zlib*,
# followed recursively) are fetched with apt-get download and unpacked with dpkg -x.
# Maintainer scripts never run, so the host is untouched.  Packages that
# are not libraries (perl, debconf, binutils) are not followed: the guest
# and the judges only need the programs themselves and their libraries.
set -euo pipefail

arch=$1
dir=$2
shift 2
debs=$dir.debs
stamp=$dir/.packages

want="$* arch=$arch $(sha256sum < "$0" | cut -c1-16)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	exit 0
fi

# Direct lib* dependencies of one package, one per line.
lib_deps() {
	apt-cache depends --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "$1:$arch" |
	sed -n 's/^ *|\{0,1\}\(Pre\)\{0,1\}Depends: \([^ <>]*\)$/\2/p' |
	sed "s/:$arch\$//" | grep -E '^(lib|zlib)' || true
}

declare -A seen=()
queue=("$@")
while [ ${#queue[@]} -gt 0 ]; do
	pkg=${queue[0]}
	queue=("${queue[@]:1}")
	[ -n "${seen[$pkg]:-}" ] && continue
	seen[$pkg]=1
	for dep in $(lib_deps "$pkg"); do
		[ -n "${seen[$dep]:-}" ] || queue+=("$dep")
	done
done

rm -rf "$dir" "$debs"
mkdir -p "$dir" "$debs"
names=()
for pkg in "${!seen[@]}"; do
	names+=("$pkg:$arch")
done
(cd "$debs" && apt-get download -q -o APT::Sandbox::User=root \
	"${names[@]}" >/dev/null)
for deb in "$debs"/*.deb; do
	dpkg -x "$deb" "$dir"
done
echo "$want" > "$stamp"
echo "mksysroot.sh: $dir: ${#names[@]} packages"
