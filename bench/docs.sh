#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Sphinx check of the series' documents:   bench/docs.sh [MODE]
# The documents (Documentation/admin-guide/kdump/ and
# Documentation/core-api/kdump-internals.rst of build/trees/MODE, project
# by default) are copied, at their own paths, into a scratch source tree
# whose index lists them, and built as HTML with the kernel's own conf.py
# and extensions, as make htmldocs builds them: kernel-doc pulls in every
# DOC block and kernel-doc comment they name.  Any warning or error, from
# Sphinx, docutils or kernel-doc, fails the check; so does a :doc: link
# that does not resolve.  Prints KTAP.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-project}
src=$top/build/trees/$mode
work=$top/build/docs-$mode
docs="admin-guide/kdump core-api/kdump-internals.rst"

"$top/bench/deps.sh" python3-sphinx graphviz > /dev/null || exit 2

rm -rf "$work"
mkdir -p "$work/src"
for d in $docs; do
	mkdir -p "$work/src/$(dirname "$d")"
	cp -r "$src/Documentation/$d" "$work/src/$d"
done
cat > "$work/src/index.rst" <<'EOF'
The kdump series' documents
===========================

.. toctree::

   admin-guide/kdump/index
   core-api/kdump-internals
EOF

echo "KTAP version 1"
echo "1..2"
# conf.py finds its extensions relative to the working directory.
(cd "$src/Documentation" &&
	PYTHONDONTWRITEBYTECODE=1 sphinx-build -b html -q -c . \
		-d "$work/doctrees" \
		-D kerneldoc_srctree="$src" \
		-D kerneldoc_bin="$src/scripts/kernel-doc" \
		"$work/src" "$work/html") > "$work/build.log" 2>&1
rc=$?
if [ $rc -eq 0 ]; then
	echo "ok 1 sphinx_builds_the_kdump_documents"
else
	echo "not ok 1 sphinx_builds_the_kdump_documents # exit $rc"
fi
# kernel-doc and docutils say "warning" in lower case, Sphinx in upper.
grep -iE 'warning|error' "$work/build.log" > "$work/warnings.log"
n=$(wc -l < "$work/warnings.log")
if [ "$n" -eq 0 ]; then
	echo "ok 2 no_warnings"
else
	echo "not ok 2 no_warnings # $n lines"
	head -n 20 "$work/warnings.log" | sed "s|$work/src/||; s/^/# /"
fi
echo "# $(find "$work/html" -name '*.html' | wc -l) pages in $work/html"
[ $rc -eq 0 ] && [ "$n" -eq 0 ]
