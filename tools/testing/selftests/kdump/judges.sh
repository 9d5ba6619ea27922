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

# crash_misreads_irq_stack ARCH VMLINUX VMCORE: true, printing which CPU,
# when the dump holds an arm64 CPU that crash 8.0.2 cannot unwind.  Without
# a union thread_union in vmlinux (6.1 has none) crash takes each IRQ
# stack to be 16 KiB, but it is THREAD_SIZE: 64 KiB with 64 KiB pages.  A
# CPU stopped while it ran on its IRQ stack (a softirq, say) has its SP
# above the first 16 KiB, and "bt" of it dies of SIGSEGV.  crash 8.0.6
# fixed this (321e1e8, "Fix a segfault issue due to the incorrect
# irq_stack_size on ARM64").  The proof is read from crash itself: its
# irq_stack_size and stacksize ("help -m") and each CPU's saved SP ("help
# -r").
crash_misreads_irq_stack() {
	local info size stack cpu base sp off

	[ "$1" = arm64 ] || return 1
	info=$(printf 'help -m\nhelp -r\nquit\n' |
		tool "$1" crash -s "$2" "$3" 2>&1)
	size=$(echo "$info" | sed -n 's/^ *irq_stack_size: \([0-9]*\)$/\1/p')
	stack=$(echo "$info" | sed -n 's/^ *stacksize: \([0-9]*\)$/\1/p')
	[ -n "$size" ] && [ -n "$stack" ] && [ "$size" -lt "$stack" ] ||
		return 1
	for cpu in $(echo "$info" | sed -n 's/^CPU \([0-9]*\):$/\1/p'); do
		base=$(echo "$info" |
			sed -n "s/^ *irq_stacks\[$cpu\]: \([0-9a-f]*\)$/\1/p")
		sp=$(echo "$info" |
			sed -n "/^CPU $cpu:/,/PSTATE/s/.* SP: \([0-9a-f]*\) .*/\1/p")
		[ -n "$base" ] && [ -n "$sp" ] || continue
		off=$((16#$sp - 16#$base))
		[ "$off" -ge "$size" ] && [ "$off" -lt "$stack" ] || continue
		echo "crash 8.0.2 cannot unwind CPU $cpu: its SP is $off bytes into its $stack-byte IRQ stack, which crash takes to be $size bytes (fixed in crash 8.0.6)"
		return 0
	done
	return 1
}

# crash_segfaulted FILE: crash's output in FILE ends in SIGSEGV, as
# qemu-user or the shell reports it.
crash_segfaulted() {
	grep -q -e 'uncaught target signal 11' -e 'Segmentation fault' "$1"
}

# judge_crash ARCH VMLINUX VMCORE DIR PID PATTERN CPUS: crash in batch mode
# exits 0, its bt names task PID, bt -a covers each CPU of the list CPUS,
# its log holds PATTERN.  Each command's output goes to its own file so a
# person can read them separately.  "bt -a" runs last: when crash dies of
# the IRQ stack bug above, the other four are still judged, and the answer
# is 2 with the reason in DIR/crash-skip.txt (crash_result reports it);
# only a SIGSEGV with a CPU in that gap counts, any other failure fails.
judge_crash() {
	local arch=$1 vmlinux=$2 vmcore=$3 dir=$4 pid=$5 pattern=$6 cpus=$7 c
	local rc=0

	rm -f "$dir/crash-skip.txt"
	for c in bt log ps sys bt-a; do
		rm -f "$dir/crash-$c.txt"
		printf '%s > %s\n' "${c/-a/ -a}" "$dir/crash-$c.txt"
	done > "$dir/crash.cmds"
	echo quit >> "$dir/crash.cmds"
	tool "$arch" crash -s "$vmlinux" "$vmcore" < "$dir/crash.cmds" \
		> "$dir/crash.txt" 2>&1 || rc=1
	if [ $rc = 1 ] && crash_segfaulted "$dir/crash.txt" &&
		crash_misreads_irq_stack "$arch" "$vmlinux" "$vmcore" \
			> "$dir/crash-skip.txt"; then
		cat "$dir/crash-skip.txt" >> "$dir/crash.txt"
		rc=2
	fi
	for c in bt log ps sys; do
		cat "$dir/crash-$c.txt" >> "$dir/crash.txt" 2>/dev/null ||
			{ echo "crash wrote no $c output" >> "$dir/crash.txt"; return 1; }
	done
	grep -q "^PID: $pid " "$dir/crash-bt.txt" &&
	grep -q "$pattern" "$dir/crash-log.txt" &&
	grep -q "PANIC:" "$dir/crash-sys.txt" &&
	grep -q "^[> ] *$pid " "$dir/crash-ps.txt" || return 1
	[ $rc = 0 ] || return $rc
	cat "$dir/crash-bt-a.txt" >> "$dir/crash.txt" 2>/dev/null ||
		{ echo "crash wrote no bt -a output" >> "$dir/crash.txt"; return 1; }
	grep -q "^PID: $pid " "$dir/crash-bt-a.txt" &&
	bt_covers_cpus "$dir/crash-bt-a.txt" "$cpus"
}

# crash_result RC NAME DIR: the KTAP line for judge_crash's answer RC.  A
# dump crash 8.0.2 cannot unwind is a skip, with the reason, never a pass.
crash_result() {
	if [ "$1" = 2 ]; then
		ktap_skip "$2" "$(cat "$3/crash-skip.txt")"
	else
		ktap_result "$1" "$2" "$3/crash.txt"
	fi
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
