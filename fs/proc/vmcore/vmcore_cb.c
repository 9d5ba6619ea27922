// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: vmcore callbacks
 *
 * Drivers that manage physical memory (virtio-mem, the Xen HVM code, the
 * x86 GART aperture) may know that part of what the header calls RAM must
 * not be touched, for instance because it was unplugged or ballooned.
 * They register a struct vmcore_cb; while any is registered, every page of
 * old memory is offered to each callback's pfn_is_ram() before it is read
 * or mapped, and a page any of them disowns is shown as zeros.
 *
 * Locking: vmcore_cb_lock, a spinlock because registration may come
 * during early boot, serialises changes to vmcore_cb_list.  Readers of old
 * memory walk the list inside an SRCU read section, from vmcore_cb_begin()
 * to vmcore_cb_end(), and callbacks may sleep there.  unregister_vmcore_cb()
 * waits for an SRCU grace period, so once it returns no reader can still
 * be inside the removed callback.  SRCU readers never wait for writers,
 * which matters because readers copy to user space (taking mmap_lock)
 * inside the section while ->mmap() enters it with mmap_lock held.
 *
 * Registering or unregistering after /proc/vmcore was first opened is
 * allowed but unusual (a driver loaded or removed by hand), and earns one
 * warning; vmcore_cb_opened is only a hint for that warning and is
 * accessed with READ_ONCE()/WRITE_ONCE() outside the lock.
 */

#include <linux/crash_dump.h>
#include <linux/list.h>
#include <linux/printk.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>
#include <linux/srcu.h>

#include "internal.h"

static DEFINE_SPINLOCK(vmcore_cb_lock);
DEFINE_STATIC_SRCU(vmcore_cb_srcu);
static LIST_HEAD(vmcore_cb_list);
static bool vmcore_cb_opened;
/*
 * Set for good by the first registration.  Until then a reader skips the
 * SRCU section and its two full barriers, which on a 4 KiB read cost as
 * much as the rest of the lookup: a capture kernel without virtio-mem
 * never registers anything.  A reader that saw it clear consults no
 * callback, so unregister_vmcore_cb() need not wait for it; a reader
 * racing with the first registration reads as one that started just
 * before it, as any reader past its check does.
 */
static bool vmcore_cb_used;

/* vmcore_cb_begin()'s cookie for a section without SRCU. */
#define VMCORE_CB_UNUSED	(-1)

/**
 * register_vmcore_cb() - ask to be consulted before old memory is read
 * @cb: callbacks; @cb->next is initialised here
 *
 * Context: Process context or early boot; does not sleep.
 * Return: nothing.
 */
void register_vmcore_cb(struct vmcore_cb *cb)
{
	WRITE_ONCE(vmcore_cb_used, true);
	spin_lock(&vmcore_cb_lock);
	list_add_tail_rcu(&cb->next, &vmcore_cb_list);
	spin_unlock(&vmcore_cb_lock);
	if (READ_ONCE(vmcore_cb_opened))
		pr_warn_once("vmcore: callback registered after open\n");
}
EXPORT_SYMBOL_GPL(register_vmcore_cb);

/**
 * unregister_vmcore_cb() - stop being consulted
 * @cb: callbacks passed to register_vmcore_cb()
 *
 * Waits for readers of old memory that may be using @cb.
 *
 * Context: Process context; may sleep.  Must not be called from within a
 * pfn_is_ram() callback.
 * Return: nothing.
 */
void unregister_vmcore_cb(struct vmcore_cb *cb)
{
	spin_lock(&vmcore_cb_lock);
	list_del_rcu(&cb->next);
	spin_unlock(&vmcore_cb_lock);
	synchronize_srcu(&vmcore_cb_srcu);
	if (READ_ONCE(vmcore_cb_opened))
		pr_warn_once("vmcore: callback unregistered after open\n");
}
EXPORT_SYMBOL_GPL(unregister_vmcore_cb);

/**
 * vmcore_cb_begin() - start a section that may consult the callbacks
 * @active: set to whether any callback is registered, in which case pages
 *          must be checked with vmcore_cb_pfn_is_ram()
 *
 * Context: Process context.
 * Return: a cookie to pass to vmcore_cb_end().
 */
int vmcore_cb_begin(bool *active)
{
	int idx;

	*active = false;
	if (!READ_ONCE(vmcore_cb_used))
		return VMCORE_CB_UNUSED;
	idx = srcu_read_lock(&vmcore_cb_srcu);
	*active = !list_empty(&vmcore_cb_list);
	return idx;
}

/**
 * vmcore_cb_end() - end a section started by vmcore_cb_begin()
 * @idx: the cookie vmcore_cb_begin() returned
 *
 * Context: Process context.
 * Return: nothing.
 */
void vmcore_cb_end(int idx)
{
	if (idx != VMCORE_CB_UNUSED)
		srcu_read_unlock(&vmcore_cb_srcu, idx);
}

/**
 * vmcore_cb_pfn_is_ram() - may a page of old memory be touched?
 * @pfn: page frame number in old memory
 *
 * Context: Between vmcore_cb_begin() and vmcore_cb_end(); may sleep.
 * Return: false if a callback says @pfn holds no data, true otherwise.
 */
bool vmcore_cb_pfn_is_ram(unsigned long pfn)
{
	struct vmcore_cb *cb;

	list_for_each_entry_srcu(cb, &vmcore_cb_list, next,
				 srcu_read_lock_held(&vmcore_cb_srcu))
		if (cb->pfn_is_ram && !cb->pfn_is_ram(cb, pfn))
			return false;
	return true;
}

/**
 * vmcore_cb_note_open() - record that /proc/vmcore has been opened
 *
 * Context: Any context.
 * Return: nothing.
 */
void vmcore_cb_note_open(void)
{
	WRITE_ONCE(vmcore_cb_opened, true);
}
