# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2154
#
# What the repository adds to upstream's tree, read the same way by
# bench/mktree.sh, which applies it, and bench/series.sh, which exports
# it as patches: the overlay files, the hook patches of patches/series
# and the files of patches/removed.  Sourced, never run; needs $top.

overlay_dirs="kernel arch fs include Documentation tools"

# listed FILE: the entries of patches/series or patches/removed, without
# comments and blank lines.
listed() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1"
}

# overlay_files: the overlay's repository paths, tracked or new but not
# ignored, sorted.
overlay_files() {
	# shellcheck disable=SC2086
	(cd "$top" && git ls-files --cached --others --exclude-standard \
		$overlay_dirs) | grep -v '/\.gitkeep$' | LC_ALL=C sort
}

# patch_paths PATCH...: the paths the patches change, from their
# "+++ b/path" lines.
patch_paths() {
	sed -n 's|^+++ [^/]*/\([^\t]*\).*|\1|p' "$@"
}
