# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers of the kdump selftests: KTAP reporting, the QEMU machine
# of each architecture, and reading the guest's "KDUMP-" console markers.
# Sourced, never run.

# ---- KTAP -----------------------------------------------------------------

ktap_n=0
ktap_pass=0
ktap_fail=0

ktap_plan() {
	echo "KTAP version 1"
	echo "1..$1"
}

# ktap_result STATUS NAME [DIAGNOSTIC-FILE]
# STATUS is 0 for pass.  On failure the last lines of DIAGNOSTIC-FILE are
# shown as KTAP diagnostics, so the log says why without opening artifacts.
ktap_result() {
	ktap_n=$((ktap_n + 1))
	if [ "$1" -eq 0 ]; then
		ktap_pass=$((ktap_pass + 1))
		echo "ok $ktap_n $2"
		return 0
	fi
	ktap_fail=$((ktap_fail + 1))
	echo "not ok $ktap_n $2"
	if [ -n "${3:-}" ] && [ -s "$3" ]; then
		echo "# --- last lines of $3 ---"
		tail -n "${KTAP_TAIL:-40}" "$3" | tr -d '\r' | sed 's/^/# /'
	fi
	return 1
}

# ktap_skip NAME REASON: a case that cannot be judged here, and why.
# It is counted as skipped, never as passed.
ktap_skip() {
	ktap_n=$((ktap_n + 1))
	echo "ok $ktap_n $1 # SKIP $2"
}

# ktap_summary [BULKY-FILE...]: the closing count; true if no case failed.
# A scenario names its bulky artifacts (a dump is hundreds of MiB): they
# are removed when every case passed, unless KDUMP_KEEP_DUMPS=1, and kept
# when a case failed, to be looked at.  make check runs some fifty crash
# scenarios; with every dump kept they fill tens of GiB of disk.
ktap_summary() {
	echo "# $ktap_pass passed, $ktap_fail failed"
	[ "$ktap_fail" -eq 0 ] || return 1
	[ "${KDUMP_KEEP_DUMPS:-0}" = 1 ] || [ $# -eq 0 ] || rm -f -- "$@"
	return 0
}

# suite_args ARCH KBUILD_DIR INITRD OUT_DIR ...: the arguments every
# scenario script starts with, as $arch, $kbuild, $initrd and $out.
suite_args() {
	arch=$1
	kbuild=$2
	initrd=$3
	out=$4
	mkdir -p "$out"
}

# ---- the guest machine, one table row per architecture --------------------

# The arm64 guest machine, also what kdump_machine_refusal.sh dumps the
# device tree of.
arm64_machine=virt,gic-version=3,its=off
arm64_cpu=max,pauth-impdef=on

# said_while_running SERIAL REGEX PID: wait until a line of SERIAL matches
# REGEX (true) or process PID, qemu_run's timeout process, ends (false).
said_while_running() {
	while kill -0 "$3" 2>/dev/null; do
		if [ -e "$1" ] && tr -d '\r' < "$1" | grep -Eq -- "$2"; then
			return 0
		fi
		sleep 0.5
	done
	return 1
}

# stop_when_said SERIAL REGEX PID: once a line of SERIAL matches REGEX,
# give the console a second to finish the line and stop the guest.  For
# guests that halt on purpose.
stop_when_said() {
	said_while_running "$1" "$2" "$3" || return 0
	sleep 1
	kill "$3" 2>/dev/null
}

# monitor_when_said SERIAL REGEX MONITOR CMD PID: once a line of SERIAL
# matches REGEX, type CMD into QEMU's human monitor (MONITOR.in, a FIFO).
monitor_when_said() {
	said_while_running "$1" "$2" "$5" && echo "$4" > "$3.in"
}

# qemu_run ARCH KERNEL INITRD APPEND DISK SERIAL SMP TIMEOUT
# Boots a guest with KDUMP_MEM of RAM (512M) and a raw virtio disk,
# console on SERIAL, and returns QEMU's status; 124 means the hard timeout
# expired.  KDUMP_QEMU_ARGS adds devices (a word list), KDUMP_APPEND
# kernel parameters, KDUMP_VIRT_OPTS arm64 machine options; KDUMP_STOP_ON
# (an extended regex) stops the guest early once its console says it
# (stop_when_said), for a guest that halts instead of powering off;
# KDUMP_NET=1 adds a NIC on QEMU's user network (host_listener);
# KDUMP_MONITOR_CMD is typed into the QEMU monitor once the console
# matches KDUMP_MONITOR_ON (monitor_when_said), e.g. "nmi".
qemu_run() {
	local arch=$1 kernel=$2 initrd=$3 append=$4 disk=$5 serial=$6
	local smp=$7 limit=$8 qemu machine console drive rc pid watcher
	local monitor=none mon_watcher= drain= nic net=

	case $arch in
	x86_64|i386)
		qemu=qemu-system-$arch
		machine="-M pc"
		console=ttyS0
		drive="-drive file=$disk,format=raw,if=virtio"
		nic=virtio-net-pci
		;;
	arm64)
		qemu=qemu-system-aarch64
		# GICv3 for pseudo-NMIs, without the ITS: a kernel booted
		# without UEFI cannot keep the ITS's LPI tables reserved
		# across kexec, and the next kernel's GIC driver writes them
		# over whatever kexec put there (the initrd, here).  UEFI
		# machines reserve them (persistent memreserve).
		# KDUMP_VIRT_OPTS adds machine options (virtualization=on).
		machine="-M $arm64_machine${KDUMP_VIRT_OPTS:+,$KDUMP_VIRT_OPTS}
			 -cpu $arm64_cpu"
		console=ttyAMA0
		drive="-drive file=$disk,format=raw,if=none,id=vd0
		       -device virtio-blk-device,drive=vd0"
		nic=virtio-net-device
		;;
	riscv64)
		# The virt machine with QEMU's own OpenSBI, an NS16550A UART.
		qemu=qemu-system-riscv64
		machine="-M virt -bios default"
		console=ttyS0
		drive="-drive file=$disk,format=raw,if=none,id=vd0
		       -device virtio-blk-device,drive=vd0"
		nic=virtio-net-device
		;;
	*)
		echo "qemu_run: unknown arch $arch" >&2
		return 2
		;;
	esac

	# KDUMP_NET=1: a virtio NIC on QEMU's user network (slirp); the guest
	# is 10.0.2.15, and 10.0.2.2 is the host's 127.0.0.1.
	[ "${KDUMP_NET:-0}" != 1 ] ||
		net="-netdev user,id=n0 -device $nic,netdev=n0"

	# The monitor is a pair of FIFOs (QEMU's pipe: chardev opens both
	# read-write); what it prints is drained so that it never blocks.
	if [ -n "${KDUMP_MONITOR_CMD:-}" ]; then
		rm -f "$serial.mon.in" "$serial.mon.out"
		mkfifo "$serial.mon.in" "$serial.mon.out" || return 2
		monitor=pipe:$serial.mon
	fi

	# QEMU's own complaints are appended to the serial log afterwards,
	# so a guest that never started still explains itself.
	# shellcheck disable=SC2086 # machine and drive are word lists
	timeout -k 10 "$limit" $qemu $machine -smp "$smp" -m "${KDUMP_MEM:-512M}" \
		-display none -monitor "$monitor" -no-reboot -serial "file:$serial" \
		-kernel "$kernel" -initrd "$initrd" $drive $net \
		-append "console=$console panic=-1 $append${KDUMP_APPEND:+ $KDUMP_APPEND}" \
		${KDUMP_QEMU_ARGS:-} \
		</dev/null >"$serial.qemu" 2>&1 &
	pid=$!
	if [ "$monitor" != none ]; then
		cat "$serial.mon.out" > /dev/null &
		drain=$!
		monitor_when_said "$serial" "$KDUMP_MONITOR_ON" "$serial.mon" \
			"$KDUMP_MONITOR_CMD" "$pid" &
		mon_watcher=$!
	fi
	watcher=
	if [ -n "${KDUMP_STOP_ON:-}" ]; then
		stop_when_said "$serial" "$KDUMP_STOP_ON" "$pid" &
		watcher=$!
	fi
	wait "$pid"
	rc=$?
	[ -z "$watcher" ] || { kill "$watcher" 2>/dev/null; wait "$watcher"; }
	[ -z "$mon_watcher" ] ||
		{ kill "$mon_watcher" 2>/dev/null; wait "$mon_watcher"; }
	[ -z "$drain" ] || { kill "$drain" 2>/dev/null; wait "$drain"; }
	rm -f "$serial.mon.in" "$serial.mon.out"
	[ $rc -ne 124 ] || echo "qemu_run: guest killed after ${limit}s" \
		>> "$serial.qemu"
	if [ -s "$serial.qemu" ]; then
		echo "--- qemu (status $rc) ---" >> "$serial"
		cat "$serial.qemu" >> "$serial"
	fi
	rm -f "$serial.qemu"
	return $rc
}

# host_listener FILE SOCAT-ADDRESS: accept one TCP connection on the
# host's 127.0.0.1, which a guest on QEMU's user network reaches as
# 10.0.2.2, and hand what it sends to SOCAT-ADDRESS (socat -u).  Picks a
# free port; sets listener_port and listener_pid, and logs to FILE.
host_listener() {
	local try port

	for try in 1 2 3 4 5 6 7 8; do
		port=$((20000 + RANDOM % 40000))
		socat -u "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr" "$2" \
			>> "$1" 2>&1 &
		listener_pid=$!
		sleep 0.3
		if kill -0 "$listener_pid" 2>/dev/null; then
			listener_port=$port
			return 0
		fi
		wait "$listener_pid"
		echo "host_listener: port $port is taken (try $try)" >> "$1"
	done
	return 1
}

# listener_done PID: give a listener a few seconds to finish the
# connection it took, then stop it; true if it ended by itself.
listener_done() {
	local i

	for i in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$1" 2>/dev/null || { wait "$1"; return; }
		sleep 0.5
	done
	kill "$1" 2>/dev/null
	wait "$1"
	return 1
}

# ---- console markers --------------------------------------------------------
#
# These read the log file directly: under pipefail, a reader that stops
# early (grep -q, head) can kill the writer of the pipe with SIGPIPE
# before its next chunk, and the pipeline fails although the marker was
# found.

# marker SERIAL NAME: value of the first "KDUMP-NAME=value" line.
marker() {
	sed -n "s/^KDUMP-$2=//p" "$1" | tr -d '\r' | sed -n 1p
}

# has_marker SERIAL NAME: true if a line starts with "KDUMP-NAME".
has_marker() {
	grep -q "^KDUMP-$2" "$1"
}

# marked_block SERIAL NAME: lines between KDUMP-NAME-BEGIN and -END.
marked_block() {
	tr -d '\r' < "$1" |
		sed -n "/^KDUMP-$2-BEGIN/,/^KDUMP-$2-END/{/^KDUMP-/d;p}"
}

# saved_vmcore SERIAL DISK DIR: true if the capture kernel said SAVED, the
# tar archive on DISK holds a vmcore, and once extracted into DIR it has
# the size the capture kernel announced.
saved_vmcore() {
	local want

	has_marker "$1" SAVED && tar -xf "$2" -C "$3" vmcore || return 1
	want=$(tr -d '\r' < "$1" |
	       sed -n 's/^KDUMP-CAPTURE-UP vmcore \([0-9]*\) bytes/\1/p')
	[ "$(stat -c %s "$3/vmcore")" = "$want" ]
}

# ---- the second kernel's command line -------------------------------------

# What kexec-tools 2.0.25 itself appends to the command line it is given,
# as an extended regular expression, by architecture and kind of load.
# On x86_64 a crash load gets " acpi_rsdp=0x..." (when it finds the RSDP)
# and " elfcorehdr=NK" (kexec/arch/i386/crashdump-x86.c); arm64 passes
# the ELF core header in the device tree and leaves the line alone.
loader_additions() {
	case $1-$2 in
	x86_64-crash|i386-crash)
		echo '( acpi_rsdp=0x[0-9a-f]+)? elfcorehdr=[0-9]+K' ;;
	*) echo '' ;;
	esac
}

# loader_prefix ARCH KIND: what the kernel itself puts in front of the
# command line: kexec_file_load gives an x86_64 capture kernel the
# address of the ELF core header it built.
loader_prefix() {
	case $1-$2 in
	x86_64-crash-file) echo 'elfcorehdr=0x[0-9a-f]+ ' ;;
	*) echo '' ;;
	esac
}

# kernel_page_size KBUILD_DIR: the page size that kernel was built for.
kernel_page_size() {
	case $(grep -E '^CONFIG_ARM64_(16|64)K_PAGES=y' "$1/.config") in
	*64K*)	echo 65536 ;;
	*16K*)	echo 16384 ;;
	*)	echo 4096 ;;
	esac
}

# every_kernel_says SERIAL KERNELS TEXT: TEXT is in the log exactly
# KERNELS times, once from each kernel of the run (how each one booted:
# at which exception level, beside which hypervisor).
every_kernel_says() {
	local n

	n=$(tr -d '\r' < "$1" | grep -cF -- "$3")
	echo "# \"$3\": said $n times, by $2 kernels expected"
	[ "$n" = "$2" ]
}

# cmdline_exact SERIAL ARCH KIND PASSED GOT: the command line a kernel
# reports (marker GOT) is the one the previous kernel handed to kexec
# (marker PASSED) plus only loader_prefix and loader_additions; anything
# else, such as a kexec_jump_back_entry= made up from a stale stack word,
# fails.
cmdline_exact() {
	local passed got re

	passed=$(marker "$1" "$4")
	got=$(marker "$1" "$5")
	[ -n "$passed" ] && [ -n "$got" ] || return 1
	re="$(printf '%s' "$passed" | sed 's/[][\.*^$+?(){}|/]/\\&/g')"
	if printf '%s\n' "$got" |
		grep -Eqx "$(loader_prefix "$2" "$3")$re$(loader_additions "$2" "$3")"
	then
		return 0
	fi
	echo "# passed: $passed"
	echo "# got:    $got"
	return 1
}

# ram_ranges IOMEM NAME: the ranges called NAME, at any depth, one
# "START END" pair of decimal numbers per line.
ram_ranges() {
	local line start end

	grep -E "^ *[0-9a-f]+-[0-9a-f]+ : $2\$" "$1" | while read -r line; do
		start=${line%%-*}
		end=${line#*-}
		end=${end%% *}
		echo "$((16#$start)) $((16#$end))"
	done
}

# capture_ram_is_crash_region FIRST_IOMEM CAPTURE_IOMEM HDR: the System RAM
# a capture kernel loaded by kexec_file_load was given is the crash region
# minus the ELF core header at HDR (and purgatory's backup of low memory),
# plus RAM below 1 MiB; nothing of the dead kernel's memory.
capture_ram_is_crash_region() {
	local cs ce s e total=0 hdr=$(($3)) bad=0

	read -r cs ce < <(ram_ranges "$1" "Crash kernel" | head -n 1)
	[ -n "$cs" ] || { echo "# no crash region in the first kernel"; return 1; }
	while read -r s e; do
		[ "$e" -lt $((1 << 20)) ] && continue
		if [ "$s" -lt "$cs" ] || [ "$e" -gt "$ce" ]; then
			printf '# System RAM %x-%x is outside the crash region\n' \
				"$s" "$e"
			bad=1
		fi
		if [ "$hdr" -ge "$s" ] && [ "$hdr" -le "$e" ]; then
			printf '# the ELF core header %x is in System RAM\n' "$hdr"
			bad=1
		fi
		total=$((total + e - s + 1))
	done < <(ram_ranges "$2" "System RAM")
	if [ "$hdr" -lt "$cs" ] || [ "$hdr" -gt "$ce" ]; then
		printf '# the ELF core header %x is outside the crash region\n' \
			"$hdr"
		bad=1
	fi
	echo "# capture kernel RAM above 1 MiB: $total of $((ce - cs + 1)) bytes of the region"
	[ $((ce - cs + 1 - total)) -le $((1 << 20)) ] || bad=1
	return $bad
}

# chosen_ranges HEX: the <address size> pairs of a /chosen property (two
# cells each, as on QEMU's virt machine), one "START END" pair of decimal
# numbers per line.
chosen_ranges() {
	local hex=$1 start size

	while [ ${#hex} -ge 32 ]; do
		start=$((16#${hex:0:16}))
		size=$((16#${hex:16:16}))
		echo "$start $((start + size - 1))"
		hex=${hex:32}
	done
}

# capture_dt_is_crash_region SERIAL FIRST_IOMEM: the arm64 counterpart of
# capture_ram_is_crash_region.  The capture kernel's /chosen (markers
# CHOSEN-*) has linux,usable-memory-range equal to the crash region(s) of
# the first kernel, linux,elfcorehdr inside one of them, and
# linux,booted-from-kexec.
capture_dt_is_crash_region() {
	local regions usable hs he s e bad=0 inside=0

	regions=$(ram_ranges "$2" "Crash kernel" | sort -n)
	usable=$(chosen_ranges "$(marker "$1" CHOSEN-USABLE)" | sort -n)
	[ -n "$regions" ] || { echo "# no crash region in the first kernel"; return 1; }
	echo "# crash region(s): $(echo $regions)"
	echo "# linux,usable-memory-range: $(echo $usable)"
	[ "$regions" = "$usable" ] || bad=1
	read -r hs he < <(chosen_ranges "$(marker "$1" CHOSEN-ELFCOREHDR)")
	echo "# linux,elfcorehdr: ${hs:-none} ${he:-}"
	while read -r s e; do
		[ -n "$hs" ] && [ "$hs" -ge "$s" ] && [ "$he" -le "$e" ] &&
			inside=1
	done <<< "$regions"
	[ $inside = 1 ] || { echo "# the ELF core header is outside the crash region"; bad=1; }
	has_marker "$1" CHOSEN-BOOTED-FROM-KEXEC ||
		{ echo "# no linux,booted-from-kexec"; bad=1; }
	return $bad
}
