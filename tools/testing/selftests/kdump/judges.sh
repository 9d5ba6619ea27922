# SPDX-License-Identifier: GPL-2.0
#
# The real tools that judge a dump: makedumpfile 1.7.2 and crash 8.0.2 from
# Debian.  On a host of the dump's architecture they run natively; for an
# arm64 or i386 dump on x86_64 the Debian builds of that architecture run
# under qemu-user (qemu-aarch64-static, qemu-i386-static) inside a sysroot
# of it (KDUMP_SYSROOT).
# Sourced, never run.

# tool ARCH NAME ARGS...: run makedumpfile or crash built for ARCH.
tool() {
	local arch=$1 name=$2 path

	shift 2
	case $name in
	makedumpfile) path=/usr/bin/makedumpfile ;;
	crash) path=/usr/bin/crash ;;
	esac
	if [ "$arch" = "$(uname -m | sed 's/aarch64/arm64/')" ]; then
		"$path" "$@"
	else
		"qemu-$(echo "$arch" | sed 's/arm64/aarch64/')-static" \
			-L "$KDUMP_SYSROOT" \
			"$KDUMP_SYSROOT$path" "$@"
	fi
}

# judge_makedumpfile ARCH VMCORE DIR: compressed, filtered dump.
judge_makedumpfile() {
	rm -f "$3/dumpfile"
	tool "$1" makedumpfile -c -d 31 "$2" "$3/dumpfile" \
		> "$3/makedumpfile.txt" 2>&1 &&
	[ -s "$3/dumpfile" ]
}

# judge_dmesg ARCH VMCORE DIR PATTERN: the dead kernel's log holds PATTERN.
judge_dmesg() {
	rm -f "$3/dmesg.txt"
	tool "$1" makedumpfile --dump-dmesg "$2" "$3/dmesg.txt" \
		> "$3/makedumpfile-dmesg.txt" 2>&1 || return 1
	cat "$3/dmesg.txt" >> "$3/makedumpfile-dmesg.txt"
	grep -q "$4" "$3/dmesg.txt"
}

# bt_covers_cpus FILE CPUS: "bt -a" output holds a backtrace for each of
# CPUS, a list of CPU numbers.
bt_covers_cpus() {
	local cpu

	for cpu in $2; do
		grep -q "^PID: .* CPU: $cpu  *COMMAND:" "$1" || {
			echo "bt -a shows no backtrace for CPU $cpu" >> "${1%/*}/crash.txt"
			return 1
		}
	done
}

# crash_task_names ARCH VMLINUX VMCORE FILE: the command name of every task
# in the dump, one per line in FILE, from crash walking init_task.tasks.
# crash 8.0.2's "ps" cannot list them on Debian's 6.1: its struct pid ends
# in a flexible numbers[] (a backport of 6.5's b69f0aeb0689), which crash
# only learned later, so "ps" shows the active tasks alone.
crash_task_names() {
	printf 'list task_struct.tasks -s task_struct.comm -h init_task\nquit\n' |
		tool "$1" crash -s "$2" "$3" 2>&1 |
		sed -n 's/^ *comm = "\([^"\\]*\).*/\1/p' > "$4"
	[ -s "$4" ]
}

# judge_crash ARCH VMLINUX VMCORE DIR PID PATTERN CPUS: crash in batch mode
# exits 0, its bt names task PID, bt -a covers each CPU of the list CPUS,
# its log holds
# PATTERN.  Each command's output goes to its own file so a person can
# read them separately.
judge_crash() {
	local arch=$1 vmlinux=$2 vmcore=$3 dir=$4 pid=$5 pattern=$6 cpus=$7 c

	for c in bt bt-a log ps sys; do
		rm -f "$dir/crash-$c.txt"
		printf '%s > %s\n' "${c/-a/ -a}" "$dir/crash-$c.txt"
	done > "$dir/crash.cmds"
	echo quit >> "$dir/crash.cmds"
	tool "$arch" crash -s "$vmlinux" "$vmcore" < "$dir/crash.cmds" \
		> "$dir/crash.txt" 2>&1 || return 1
	for c in bt bt-a log ps sys; do
		cat "$dir/crash-$c.txt" >> "$dir/crash.txt" 2>/dev/null ||
			{ echo "crash wrote no $c output" >> "$dir/crash.txt"; return 1; }
	done
	grep -q "^PID: $pid " "$dir/crash-bt.txt" &&
	grep -q "^PID: $pid " "$dir/crash-bt-a.txt" &&
	bt_covers_cpus "$dir/crash-bt-a.txt" "$cpus" &&
	grep -q "$pattern" "$dir/crash-log.txt" &&
	grep -q "PANIC:" "$dir/crash-sys.txt" &&
	grep -q "^[> ] *$pid " "$dir/crash-ps.txt"
}

# devdump_bytes K SIZE: the SIZE bytes of test device dump K, as
# fs/proc/vmcore/tests/devdump_test.c writes them: (i + 13 * K) % 251.
devdump_bytes() {
	python3 -c 'import sys; k, n = int(sys.argv[1]), int(sys.argv[2])
sys.stdout.buffer.write(bytes((i + 13 * k) % 251 for i in range(n)))' "$1" "$2"
}

# devdumps_match DIR TAG SIZE: DIR/devdump-TAG.0 and .1 hold the two test
# device dumps of devdump_test.size=SIZE, byte for byte.
devdumps_match() {
	local k

	for k in 0 1; do
		devdump_bytes $k $(($3 + 3 * k)) |
			cmp - "$1/devdump-$2.$k" >> "$1/crash-dev-$2.txt" 2>&1 ||
			return 1
	done
}

# judge_devdumps_elf CORE DIR SIZE: the same as judge_devdumps with the
# series' own note reader (vmcoredd_extract.py) instead of crash, for the
# architectures crash 8.0.2 cannot read; ELF vmcores only.
judge_devdumps_elf() {
	local core=$1 dir=$2 size=$3 tag=${1##*/} i

	rm -rf "$dir/devdump-$tag".*
	mkdir -p "$dir/devdump-$tag.d"
	"$(dirname "${BASH_SOURCE[0]}")/vmcoredd_extract.py" "$core" \
		"$dir/devdump-$tag.d" > "$dir/crash-dev-$tag.txt" 2>&1 || return 1
	for i in 0 1; do
		mv "$dir/devdump-$tag.d/devdump.$i" "$dir/devdump-$tag.$i" ||
			return 1
	done
	rmdir "$dir/devdump-$tag.d"
	grep -qx "0 $size kdump_test_a" "$dir/crash-dev-$tag.txt" &&
	grep -qx "1 $((size + 3)) kdump_test_b" "$dir/crash-dev-$tag.txt" &&
	devdumps_match "$dir" "$tag" "$size"
}

# judge_devdumps ARCH VMLINUX CORE DIR SIZE: crash lists the two test
# device dumps of devdump_test.size=SIZE ("dev -V") in CORE, a vmcore or a
# makedumpfile dump, and extracts each ("dev -v N FILE") byte for byte.
judge_devdumps() {
	local arch=$1 vmlinux=$2 core=$3 dir=$4 size=$5 tag=${3##*/}

	rm -f "$dir/devdump-$tag".*
	printf 'dev -V\ndev -v 0 %s\ndev -v 1 %s\nquit\n' \
		"$dir/devdump-$tag.0" "$dir/devdump-$tag.1" |
		tool "$arch" crash -s "$vmlinux" "$core" \
		> "$dir/crash-dev-$tag.txt" 2>&1 || return 1
	grep -q "  *$size  *kdump_test_a\$" "$dir/crash-dev-$tag.txt" &&
	grep -q "  *$((size + 3))  *kdump_test_b\$" "$dir/crash-dev-$tag.txt" &&
	devdumps_match "$dir" "$tag" "$size"
}
