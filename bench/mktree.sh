#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make the two kernel trees under build/trees from Debian's linux-source-6.1:
#   bench/mktree.sh reference   the tarball, untouched
#   bench/mktree.sh project     reference + patches/series applied
#                               + the files in patches/removed deleted
#                               + the project's overlay copied in
# The project tree is rebuilt from reference only when the patches or the
# removal list change; cp -a keeps timestamps, so kbuild then recompiles
# only what a patch touched.  Overlay files are synced by content, and a
# changed one gets a fresh timestamp, so an edit to one project file
# rebuilds that file and what includes it.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
trees=$top/build/trees
tarball=/usr/src/linux-source-6.1.tar.xz
. "$top/bench/overlay.sh"

make_reference() {
	[ -f "$trees/reference/.unpacked" ] && return 0
	rm -rf "$trees/reference" "$trees/linux-source-6.1"
	mkdir -p "$trees"
	tar -xJf "$tarball" -C "$trees"
	mv "$trees/linux-source-6.1" "$trees/reference"
	touch "$trees/reference/.unpacked"
}

# Hash of everything that shapes the project tree besides the overlay.
base_key() {
	# shellcheck disable=SC2046
	cat "$top/patches/series" "$top/patches/removed" \
	    $(listed "$top/patches/series" | sed "s|^|$top/patches/|") |
		sha256sum | cut -d' ' -f1
}

apply_patches() {
	local p

	for p in $(listed "$top/patches/series"); do
		if ! patch -d "$trees/project" -p1 -s --batch --forward \
			--no-backup-if-mismatch -i "$top/patches/$p"; then
			echo "mktree.sh: patch $p does not apply" >&2
			exit 1
		fi
	done
}

remove_manifest() {
	local f

	for f in $(listed "$top/patches/removed"); do
		if [ ! -e "$trees/project/$f" ]; then
			echo "mktree.sh: patches/removed names $f," \
			     "which upstream does not have" >&2
			exit 1
		fi
		rm -f "$trees/project/$f"
	done
}

# Paths the patches touch, from their "+++ b/path" lines.
patched_paths() {
	local p

	for p in $(listed "$top/patches/series"); do
		patch_paths "$top/patches/$p"
	done
}

# Give @paths a fresh mtime where they exist, so kbuild recompiles a file
# that went back to its upstream text (cp -a kept upstream's old mtime).
refresh() {
	local f

	while read -r f; do
		[ -e "$trees/project/$f" ] && touch "$trees/project/$f"
	done
	return 0
}

make_project_base() {
	local key old=$trees/project.touched

	key=$(base_key)
	[ "$(cat "$trees/project/.base" 2>/dev/null)" = "$key" ] && return 0
	echo "mktree.sh: making build/trees/project"
	cat "$trees/project/.overlay" "$trees/project/.patched" \
		> "$old" 2>/dev/null || true
	rm -rf "$trees/project"
	cp -a "$trees/reference" "$trees/project"
	apply_patches
	patched_paths > "$trees/project/.patched"
	remove_manifest
	refresh < "$old"
	rm -f "$old"
	echo "$key" > "$trees/project/.base"
}

# Copy the overlay; a file dropped from the overlay since the last sync
# gets its upstream version back (or disappears if upstream has none).
sync_overlay() {
	local list=$trees/project/.overlay f

	overlay_files > "$list.new"
	if [ -f "$list" ]; then
		LC_ALL=C comm -23 "$list" "$list.new" | while read -r f; do
			rm -f "$trees/project/$f"
			[ -e "$trees/reference/$f" ] || continue
			cp "$trees/reference/$f" "$trees/project/$f"
		done
	fi
	# By content, and without keeping the repository's mtimes: a file
	# edited while a build was running can be older than its object,
	# and make would keep the stale object.  Copied files get "now".
	(cd "$top" && rsync -rlp --checksum --files-from="$list.new" . \
		"$trees/project/")
	mv "$list.new" "$list"
}

make_reference
case ${1:-} in
reference) ;;
project) make_project_base; sync_overlay ;;
*) echo "usage: mktree.sh reference|project" >&2; exit 2 ;;
esac
