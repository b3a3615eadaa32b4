// SPDX-License-Identifier: GPL-2.0
/* net.c - MAC addresses of the NICs backed by a device */

#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

#include "probe.h"

/**
 * vmfence_probe_net() - the permanent MAC of every device-backed NIC
 * @f: facts to fill
 *
 * Software interfaces (bridges, taps, veths) have no parent device and are
 * skipped: their addresses say nothing about the machine.
 *
 * Context: process context; takes the RTNL.
 */
void vmfence_probe_net(struct vmfence_facts *f)
{
	struct net_device *dev;
	const u8 *mac;

	rtnl_lock();
	for_each_netdev(&init_net, dev) {
		if (!dev->dev.parent || dev->addr_len != ETH_ALEN)
			continue;
		mac = is_zero_ether_addr(dev->perm_addr) ? dev->dev_addr :
							    dev->perm_addr;
		vmfence_facts_add_mac(f, mac);
	}
	rtnl_unlock();
	f->net.state = VMFENCE_FACT_PRESENT;
}
