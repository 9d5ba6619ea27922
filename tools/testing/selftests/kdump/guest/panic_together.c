// SPDX-License-Identifier: GPL-2.0
/*
 * panic_together - make every online CPU call panic() at the same moment.
 *
 * One thread per online CPU, each pinned to its CPU, opens LKDTM's DIRECT
 * file, waits at a spinning barrier until all threads are there, and
 * writes PANIC: LKDTM then calls panic("dumptest") on every CPU within
 * microseconds of the others.  Exactly one CPU may win panic(); the
 * others must stop with their registers in the dump.  The host reads
 * which task won from the dead kernel's log.
 *
 * Usage: panic_together [DIRECT_FILE]; it returns only if nothing died.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_CPUS 64

static const char *direct = "/sys/kernel/debug/provoke-crash/DIRECT";
static int nr_threads;
static int arrived;

static void *panic_on(void *arg)
{
	long cpu = (long)arg;
	cpu_set_t set;
	int fd;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		perror("panic_together: sched_setaffinity");
		exit(1);
	}
	fd = open(direct, O_WRONLY);
	if (fd < 0) {
		perror(direct);
		exit(1);
	}
	__atomic_add_fetch(&arrived, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&arrived, __ATOMIC_SEQ_CST) < nr_threads)
		;
	if (write(fd, "PANIC", 5) != 5)
		perror("panic_together: write");
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t tid[MAX_CPUS];
	long cpu;

	if (argc > 1)
		direct = argv[1];
	nr_threads = sysconf(_SC_NPROCESSORS_ONLN);
	if (nr_threads < 2 || nr_threads > MAX_CPUS) {
		fprintf(stderr, "panic_together: %d CPUs online\n", nr_threads);
		return 1;
	}
	for (cpu = 0; cpu < nr_threads; cpu++)
		if (pthread_create(&tid[cpu], NULL, panic_on, (void *)cpu)) {
			fprintf(stderr, "panic_together: pthread_create\n");
			return 1;
		}
	for (cpu = 0; cpu < nr_threads; cpu++)
		pthread_join(tid[cpu], NULL);
	fprintf(stderr, "panic_together: still alive\n");
	return 1;
}
