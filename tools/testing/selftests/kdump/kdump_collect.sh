#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The capture workflow a distribution's kdump service runs, on one
# architecture:
#   kdump_collect.sh ARCH KBUILD_DIR INITRD OUT_DIR [busy]
# The guest (guest/collect.init) has an ext4 file system on its virtio
# disk and a virtio NIC on QEMU's user network.  It loads the capture
# kernel with reset_devices irqpoll nr_cpus=1 and crashes; the capture
# kernel brings the devices up again, writes makedumpfile -c -d 31 to
# var/crash/<date>/vmcore on the file system, and sends makedumpfile -F to
# a listener on the host's 127.0.0.1.  The host takes the file out of the
# image with debugfs, reassembles the stream with makedumpfile -R, and
# judges both dumps with crash.  With "busy", the first kernel keeps the
# disk and the network busy when it dies (a dd loop, busy_writer, and
# nc): the capture kernel must replay the journal and use both devices
# with the dead kernel's requests in flight.  Prints KTAP.  KDUMP_TOOLS
# and KDUMP_SYSROOT as kdump_crash.sh.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/judges.sh"

suite_args "$@"
busy=${5:-}
smp=2
panic_line="Kernel panic - not syncing: sysrq triggered crash"
serial=$out/serial.log
disk=$out/disk.img
rm -rf "${out:?}"/*

# The dated directory kdump-tools makes, from a clock that must be today's
# (or yesterday's, across midnight UTC).
dated_dir_ok() {
	case $1 in
	var/crash/"$(date -u +%Y%m%d)"[0-9][0-9][0-9][0-9]/vmcore) return 0 ;;
	var/crash/"$(date -u -d yesterday +%Y%m%d)"[0-9][0-9][0-9][0-9]/vmcore)
		return 0 ;;
	esac
	echo "# the dump is at '$1', not var/crash/<today>/vmcore"
	return 1
}

# The ext4 target: the file the capture kernel named, read out of the
# image by debugfs, and a file system e2fsck finds clean.
ext4_dump() {
	local path

	path=$(marker "$serial" SAVED-EXT4)
	[ -n "$path" ] && dated_dir_ok "$path" || return 1
	debugfs -R "dump /$path $out/ext4/vmcore" "$disk" \
		> "$out/ext4/debugfs.txt" 2>&1 && [ -s "$out/ext4/vmcore" ]
}

# The network target: the flattened stream the listener received,
# reassembled into a dump file.
net_dump() {
	has_marker "$serial" SAVED-NET && [ "$net_rc" = 0 ] &&
		[ -s "$out/net/vmcore.flat" ] || return 1
	makedumpfile -R "$out/net/vmcore" < "$out/net/vmcore.flat" \
		> "$out/net/makedumpfile-R.txt" 2>&1 && [ -s "$out/net/vmcore" ]
}

plan=7
[ -n "$busy" ] && plan=$((plan + 3))
ktap_plan $plan
mkdir -p "$out/ext4" "$out/net"
mkfs.ext4 -q -F -L kdump "$disk" 256M > "$out/mkfs.txt" 2>&1 ||
	{ cat "$out/mkfs.txt"; exit 1; }

host_listener "$out/net/listener.log" "OPEN:$out/net/vmcore.flat,creat,trunc" ||
	{ echo "# no free port for the dump listener"; exit 1; }
net_pid=$listener_pid
append="crashkernel=128M kdump_targets=ext4,net kdump_net=$listener_port"
if [ -n "$busy" ]; then
	host_listener "$out/net/busy.log" "SYSTEM:wc -c > $out/net/busy-bytes" ||
		{ echo "# no free port for the busy listener"; exit 1; }
	busy_pid=$listener_pid
	append="$append kdump_busy=$listener_port"
fi

start=$(date +%s)
KDUMP_NET=1 qemu_run "$arch" "$kbuild/kernel-image" "$initrd" "$append" \
	"$disk" "$serial" "$smp" "${KDUMP_TIMEOUT:-300}"
qemu_rc=$?
echo "# $arch guest ran $(( $(date +%s) - start ))s, qemu status $qemu_rc"
listener_done "$net_pid"
net_rc=$?
[ -z "$busy" ] || listener_done "$busy_pid"

crash_pid=$(marker "$serial" CRASH-PID | sed -n 's/^\([0-9][0-9]*\).*/\1/p')
has_marker "$serial" LOADED && [ "$(marker "$serial" CPUS)" = "$smp" ] &&
	[ -n "$crash_pid" ]
ktap_result $? "${arch}_first_kernel_loads_capture_kernel_on_${smp}_cpus" \
	"$serial"

cmdline_exact "$serial" "$arch" crash PASSED-CMDLINE SECOND-CMDLINE
ktap_result $? "${arch}_capture_kernel_has_reset_devices_irqpoll_nr_cpus_1" \
	"$serial"

if [ -n "$busy" ]; then
	said=$(tr -d '\r' < "$serial" | sed -n 's/^KDUMP-BUSY //p')
	bytes=$(cat "$out/net/busy-bytes" 2>/dev/null)
	echo "# at the crash: $said; the host had received ${bytes:-0} bytes"
	case $said in
	sectors_written=[1-9]*" tx_bytes="[1-9]*) [ "${bytes:-0}" -gt 0 ] ;;
	*) false ;;
	esac
	ktap_result $? "${arch}_first_kernel_kept_disk_and_network_busy" \
		"$serial"
fi

ext4_dump
ktap_result $? "${arch}_ext4_target_holds_var_crash_date_vmcore" "$serial"

e2fsck -fn "$disk" > "$out/ext4/e2fsck.txt" 2>&1
ktap_result $? "${arch}_ext4_file_system_clean_after_capture" \
	"$out/ext4/e2fsck.txt"

if [ -n "$busy" ]; then
	# The dead kernel had the file system mounted: the capture kernel
	# replays its journal before it writes.
	grep -q 'EXT4-fs (vda): recovery complete' "$serial"
	ktap_result $? "${arch}_capture_kernel_replayed_the_journal" "$serial"
fi

judge_crash "$arch" "$kbuild/vmlinux" "$out/ext4/vmcore" "$out/ext4" \
	"${crash_pid:-none}" "$panic_line" "0 1"
crash_result $? "${arch}_ext4_dump_crash_bt_log_ps_sys" "$out/ext4"

net_dump
ktap_result $? "${arch}_net_dump_received_and_reassembled" \
	"$out/net/makedumpfile-R.txt"

judge_crash "$arch" "$kbuild/vmlinux" "$out/net/vmcore" "$out/net" \
	"${crash_pid:-none}" "$panic_line" "0 1"
crash_result $? "${arch}_net_dump_crash_bt_log_ps_sys" "$out/net"

if [ -n "$busy" ]; then
	# The writer and the sender were alive in the dead kernel.
	crash_task_names "$arch" "$kbuild/vmlinux" "$out/net/vmcore" \
		"$out/net/tasks.txt" &&
		grep -qx busy_writer "$out/net/tasks.txt" &&
		grep -qx nc "$out/net/tasks.txt"
	ktap_result $? "${arch}_dump_shows_the_busy_writer_and_nc" \
		"$out/net/tasks.txt"
fi

rm -f "$disk"
echo "# $arch scenario took $(( $(date +%s) - start ))s; artifacts in $out"
ktap_summary
