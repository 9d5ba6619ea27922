#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The repository as a patch series against pristine linux-source-6.1:
#   bench/series.sh export   write build/series/: cover letter + patches
#   bench/series.sh check    git am the exported series onto pristine
#                            files and prove the result is
#                            build/trees/project (KTAP)
# patches/split says which files, hook patches and removals make up each
# patch, and gives its message; patches/cover is the cover letter's
# subject (first line) and text.  Both trees must exist (bench/mktree.sh).
#
# Only the files the series touches are put in the git repositories it
# works in (build/series-work, build/series-am): the rest of the tree is
# the same in both trees, which "check" proves with a quick comparison of
# the whole trees.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
trees=$top/build/trees
out=$top/build/series
split=$top/patches/split
. "$top/bench/overlay.sh"
author=${SERIES_AUTHOR:-kdump team <kdump@localhost>}

die() {
	echo "series.sh: $*" >&2
	exit 1
}

# A repository of its own, whoever runs this: a fixed identity and the
# date of the repository's last commit keep the export reproducible.
export GIT_AUTHOR_NAME=${author% <*} GIT_COMMITTER_NAME=${author% <*}
export GIT_AUTHOR_EMAIL=${author##*<} GIT_COMMITTER_EMAIL=${author##*<}
GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL%>} GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL%>}
GIT_AUTHOR_DATE=$(git -C "$top" log -1 --format=%cI 2>/dev/null ||
		  echo 2026-01-01T00:00:00Z)
export GIT_AUTHOR_DATE GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE

# ---- patches/split ---------------------------------------------------------

# The "KEY:" words of every block, as "BLOCK KEY WORD" lines.
split_table() {
	awk '
		/^== / { b++; body = 0; next }
		b && !body && /^$/ { body = 1 }
		b && !body && $1 ~ /:$/ {
			for (i = 2; i <= NF; i++) print b, substr($1, 1, length($1) - 1), $i
		}
	' "$split"
}

split_subject() {
	awk -v n="$1" '/^== / && ++b == n { sub(/^== /, ""); print }' "$split"
}

split_body() {
	awk -v n="$1" '
		/^== / { b++; body = 0; next }
		b == n && !body && /^$/ { body = 1; next }
		b == n && body { print }
	' "$split" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

split_blocks() {
	grep -c '^== ' "$split"
}

# assign KEY LIST-FILE: "BLOCK PATH" for every path of LIST-FILE into
# LIST-FILE.assigned, each to the first block with a KEY pattern that
# matches it; a path no block claims, or a pattern that claims nothing,
# stops the export.
assign() {
	local f n k pat hit blocks=() pats=()

	while read -r n k pat; do
		[ "$k" = "$1" ] || continue
		blocks+=("$n")
		pats+=("$pat")
	done < "$out.table"
	declare -A used=()
	while read -r f; do
		hit=
		for n in "${!pats[@]}"; do
			# shellcheck disable=SC2254
			case $f in ${pats[$n]}) hit=$n; break ;; esac
		done
		[ -n "$hit" ] || die "patches/split has no block for $1 $f"
		used[$hit]=1
		echo "${blocks[$hit]} $f"
	done < "$2" > "$2.assigned"
	for n in "${!pats[@]}"; do
		[ -n "${used[$n]:-}" ] ||
			die "block ${blocks[$n]}'s $1 pattern '${pats[$n]}' matches nothing"
	done
}

# ---- export ------------------------------------------------------------------

# base_repo DIR PATHS-FILE: a git repository holding upstream's version
# of every listed path that upstream has, committed.
base_repo() {
	rm -rf "$1"
	mkdir -p "$1"
	(cd "$trees/reference" &&
	 while read -r f; do if [ -e "$f" ]; then echo "$f"; fi; done < "$2" |
		cpio -pdm --quiet "$1")
	git -C "$1" init -q
	git -C "$1" add -A -f
	git -C "$1" -c commit.gpgsign=false commit -q \
		-m "linux-source-6.1: the files the series touches"
}

apply_block() {
	local work=$1 n=$2 f h

	for h in $(awk -v n="$n" '$1 == n && $2 == "hooks" { print $3 }' \
			"$out.table"); do
		git -C "$work" apply -p1 "$top/patches/$h" ||
			die "hook patch $h does not apply in block $n"
	done
	awk -v n="$n" '$1 == n { print $2 }' "$out.files.assigned" |
		while read -r f; do
			mkdir -p "$work/$(dirname "$f")"
			cp "$top/$f" "$work/$f"
			chmod "$(stat -c %a "$top/$f")" "$work/$f"
		done
	awk -v n="$n" '$1 == n { print $2 }' "$out.remove.assigned" |
		while read -r f; do git -C "$work" rm -q "$f"; done
	git -C "$work" add -A
	{ split_subject "$n"; echo; split_body "$n"; echo
	  echo "Signed-off-by: $author"; } > "$work.msg"
	git -C "$work" -c commit.gpgsign=false commit -q -F "$work.msg"
}

# The cover letter: patches/cover's subject and text in place of
# format-patch's placeholders, which keeps the shortlog and diffstat.
fill_cover() {
	local cover=$out/0000-cover-letter.patch subject

	subject=$(head -n 1 "$top/patches/cover")
	sed -i "s|\*\*\* SUBJECT HERE \*\*\*|$subject|" "$cover"
	tail -n +3 "$top/patches/cover" > "$out.blurb"
	sed -i -e "/\*\*\* BLURB HERE \*\*\*/r $out.blurb" \
		-e '/\*\*\* BLURB HERE \*\*\*/d' "$cover"
	rm -f "$out.blurb"
}

do_export() {
	local work=$top/build/series-work n h

	[ -d "$trees/reference" ] || die "no $trees/reference (bench/mktree.sh)"
	split_table > "$out.table"
	overlay_files > "$out.files"
	listed "$top/patches/removed" > "$out.remove"
	listed "$top/patches/series" > "$out.hooks"
	assign files "$out.files"
	assign remove "$out.remove"
	assign hooks "$out.hooks"
	{ cat "$out.files" "$out.remove"
	  for h in $(cat "$out.hooks"); do patch_paths "$top/patches/$h"; done
	} | LC_ALL=C sort -u > "$out.paths"
	base_repo "$work" "$out.paths"
	for n in $(seq "$(split_blocks)"); do
		apply_block "$work" "$n"
	done
	rm -rf "$out"
	git -C "$work" format-patch -q --cover-letter --binary --zero-commit \
		--no-signature --numbered \
		-o "$out" HEAD~"$(split_blocks)"
	fill_cover
	rm -f "$out".*
	echo "series.sh: $(series_patches | wc -l) patches and a cover letter in $out"
}

# ---- check -------------------------------------------------------------------

n_ok=0
n_fail=0
n_skip=0
case_result() {
	if [ "$1" -eq 0 ]; then
		n_ok=$((n_ok + 1)); echo "ok $((n_ok + n_fail + n_skip)) $2"
	else
		n_fail=$((n_fail + 1)); echo "not ok $((n_ok + n_fail + n_skip)) $2"
		[ -s "${3:-}" ] && head -n 60 "$3" | sed 's/^/# /'
	fi
	return 0
}

# case_skip NAME REASON: a case not judged, and why; never a pass.
case_skip() {
	n_skip=$((n_skip + 1))
	echo "ok $((n_ok + n_fail + n_skip)) $1 # SKIP $2"
}

# The exported patches in order, without the cover letter.
series_patches() {
	local f

	for f in "$out"/[0-9][0-9][0-9][0-9]-*.patch; do
		case $f in */0000-cover-letter.patch) ;; *) echo "$f" ;; esac
	done
}

# Paths the exported patches name, from their "diff --git" lines.
series_paths() {
	# shellcheck disable=SC2046
	sed -n 's|^diff --git a/\([^ ]*\) b/.*|\1|p' $(series_patches) |
		LC_ALL=C sort -u
}

# rsync_list A B [RSYNC-OPTION...]: the files rsync would change to make
# tree B like tree A, .git and bench/mktree.sh's bookkeeping left out.
rsync_list() {
	local a=$1 b=$2

	shift 2
	rsync -rln --delete --out-format='%n' "$@" --exclude=/.git \
		--exclude='/.base' --exclude='/.overlay' --exclude='/.patched' \
		--exclude='/.unpacked' "$a/" "$b/" | sed 's/^deleting //' |
		grep -v '/$'
}

# Paths where the project tree differs from upstream: a quick size and
# time comparison of the whole trees, then the content of each candidate
# (bench/mktree.sh gives files that went back to upstream a new time).
tree_changes() {
	rsync_list "$trees/project" "$trees/reference" |
		while read -r f; do
			cmp -s "$trees/project/$f" "$trees/reference/$f" ||
				echo "$f"
		done | LC_ALL=C sort -u
}

# differs_from_project AM-DIR PATHS-FILE: list every path whose content or
# existence differs between AM-DIR and the project tree.
differs_from_project() {
	local f

	while read -r f; do
		if [ -e "$trees/project/$f" ]; then
			cmp -s "$trees/project/$f" "$1/$f" || echo "$f"
		else
			[ ! -e "$1/$f" ] || echo "$f"
		fi
	done < "$2"
}

do_check() {
	local am=$top/build/series-am log=$top/build/series-check.log
	local patches

	set +e
	echo "KTAP version 1"
	echo "1..5"
	(do_export) > "$log" 2>&1
	case_result $? series_exports "$log"
	[ -d "$out" ] || { echo "# nothing exported"; exit 1; }
	patches=$(series_patches)

	series_paths > "$log.paths"
	base_repo "$am" "$log.paths" > "$log" 2>&1
	# shellcheck disable=SC2086
	git -C "$am" am -q $patches >> "$log" 2>&1
	case_result $? series_applies_with_git_am "$log"

	tree_changes > "$log.changed"
	LC_ALL=C comm -23 "$log.changed" "$log.paths" > "$log"
	differs_from_project "$am" "$log.paths" >> "$log"
	[ ! -s "$log" ]
	case_result $? series_result_is_the_project_tree "$log"

	git -C "$am" log --format=%s HEAD~"$(echo "$patches" | wc -w)".. |
		awk 'length > 75' > "$log"
	[ ! -s "$log" ]
	case_result $? series_subjects_at_most_75_chars "$log"

	# shellcheck disable=SC2086
	grep -L "^Signed-off-by: " $patches > "$log" || true
	[ ! -s "$log" ]
	case_result $? series_patches_signed_off "$log"
	rm -f "$log.paths" "$log.changed"
	echo "# $(echo "$patches" | wc -w) patches, $(wc -l < \
		<(series_paths)) paths; $n_ok passed, $n_fail failed, $n_skip skipped"
	[ "$n_fail" -eq 0 ]
}

# ---- full: a whole pristine tree, checkpatch, every prefix built ------------

# build/trees/series: a git repository of the whole pristine tree, made
# once and tagged "pristine"; each run resets it there.
pristine_repo() {
	local repo=$trees/series

	if ! git -C "$repo" rev-parse -q --verify pristine >/dev/null 2>&1; then
		rm -rf "$repo"
		cp -a "$trees/reference" "$repo"
		rm -f "$repo/.unpacked"
		git -C "$repo" init -q
		# Debian's top-level .gitignore ignores the whole tree.
		git -C "$repo" add -A -f
		git -C "$repo" -c commit.gpgsign=false commit -q -m "linux-source-6.1"
		git -C "$repo" tag pristine
	fi
	git -C "$repo" checkout -q -f --detach pristine
	git -C "$repo" clean -q -fdx
}

# checkpatch --strict on one commit, in the tree, as a maintainer runs
# it.  The selftests patch is user space: kernel idioms (__packed,
# __printf, kstrto*, no typedefs) do not apply there, so its findings
# are listed and the case is a SKIP saying how many.
checkpatch_commit() {
	local repo=$1 c=$2 subject log=$top/build/series-checkpatch.log

	subject=$(git -C "$repo" log -1 --format=%s "$c")
	# Debian's python3, which has the modules of scripts/spdxcheck.py
	# (bench/deps.sh python3-ply python3-git), not one earlier in PATH.
	(cd "$repo" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict -q \
		--color=never --ignore FILE_PATH_CHANGES -g "$c") > "$log" 2>&1
	if git -C "$repo" show --name-only --format= "$c" | grep -q '^tools/'; then
		case_skip "checkpatch: $subject" "user space: $(grep -c \
			'^\(ERROR\|WARNING\|CHECK\):' "$log") kernel-style findings"
		return 0
	fi
	[ ! -s "$log" ]
	case_result $? "checkpatch: $subject" "$log"
}

# build_prefix REPO COMMIT: the x86_64 selftest kernel of the tree at
# COMMIT, built incrementally on the previous prefix's objects.
build_prefix() {
	local log=$top/build/series-build.log subject

	subject=$(git -C "$1" log -1 --format=%s "$2")
	git -C "$1" checkout -q --detach "$2"
	"$top/bench/kernel.sh" series x86_64 > "$log" 2>&1
	local rc=$?

	case_result $rc "builds: $subject" "$log"
	return $rc
}

do_full() {
	local repo=$trees/series c commits failed=

	set +e
	(do_export) || exit 1
	pristine_repo
	commits=$(series_patches | wc -l)
	echo "KTAP version 1"
	echo "1..$((2 + 2 * commits))"
	# shellcheck disable=SC2046
	git -C "$repo" am -q $(series_patches) > "$top/build/series-am.log" 2>&1
	git -C "$repo" branch -f series HEAD
	[ "$(git -C "$repo" rev-list --count pristine..series)" = "$commits" ]
	case_result $? series_applies_to_a_pristine_tree "$top/build/series-am.log"
	# Every file of a fresh checkout has a new time: compare contents.
	rsync_list "$trees/project" "$repo" -c > "$top/build/series-diff.log"
	[ ! -s "$top/build/series-diff.log" ]
	case_result $? series_result_is_the_project_tree "$top/build/series-diff.log"
	for c in $(git -C "$repo" rev-list --reverse pristine..series); do
		checkpatch_commit "$repo" "$c"
	done
	for c in $(git -C "$repo" rev-list --reverse pristine..series); do
		if [ -n "$failed" ]; then
			case_skip "builds: $(git -C "$repo" log -1 --format=%s "$c")" \
				"after the first prefix that failed"
			continue
		fi
		build_prefix "$repo" "$c" || failed=1
	done
	echo "# $n_ok passed, $n_fail failed, $n_skip skipped"
	[ "$n_fail" -eq 0 ]
}

case ${1:-} in
export) do_export ;;
check) do_check ;;
full) do_full ;;
*) echo "usage: series.sh export|check|full" >&2; exit 2 ;;
esac
