#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages the bench needs, if any are missing:
#   bench/deps.sh [PACKAGE...]     also the PACKAGEs a target needs
# Runs as root on Debian bookworm; a no-op when everything is present.
set -euo pipefail

host_pkgs="make gcc libc6-dev bc flex bison libssl-dev libelf-dev xz-utils
	   cpio kmod patch rsync ccache openssl linux-source-6.1
	   gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu
	   qemu-system-x86 qemu-system-arm qemu-user-static
	   makedumpfile crash sbsigntool socat e2fsprogs $*"

missing=()
for p in $host_pkgs; do
	# One line per architecture the package is known for.
	status=$(dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null) || true
	grep -qx 'install ok installed' <<< "$status" || missing+=("$p")
done

# The arm64 and i386 guest userspace and judges are .deb files of those
# architectures.
need_update=0
# Not "dpkg ... | grep -q": under pipefail, dpkg killed by SIGPIPE when
# grep stops early would read as a missing architecture.
foreign=$(dpkg --print-foreign-architectures)
new_arches=()
for a in arm64 i386; do
	grep -qx $a <<< "$foreign" || new_arches+=("$a")
	apt-cache show busybox-static:$a >/dev/null 2>&1 || need_update=1
done

if [ ${#missing[@]} -eq 0 ] && [ $need_update -eq 0 ]; then
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: missing ${missing[*]:-} ${new_arches[*]:+package lists of ${new_arches[*]}}; run as root to install" >&2
	exit 1
fi
for a in "${new_arches[@]}"; do
	dpkg --add-architecture "$a"
done
echo "deps.sh: installing ${missing[*]:-(package lists only)}"
# A mirror in the middle of a sync fails one index or another; what is
# needed is checked below, and apt-get install fails if it is missing.
apt-get update -q >/dev/null 2>&1 ||
	echo "deps.sh: apt-get update reported errors; going on with the lists it got" >&2
for a in arm64 i386; do
	apt-cache show busybox-static:$a >/dev/null 2>&1 || {
		echo "deps.sh: no $a package lists; apt-get update failed" >&2
		exit 1
	}
done
[ ${#missing[@]} -eq 0 ] ||
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${missing[@]}" >/dev/null
