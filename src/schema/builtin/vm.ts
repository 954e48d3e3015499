/**
 * Built-in schemas of VMmanager 6 entities (`vm/v3/...`).
 *
 * The field lists come from third-party clients' type definitions and from filters real clients
 * send (shared/spec/FACTS.md, "Field names by entity"); ISPsystem publishes no field reference for
 * filters. They are therefore **not authoritative**: every field except `id` is nullable, `state`
 * and similar fields are plain strings (a closed enum would reject real values we have not seen),
 * and callers with better knowledge should `extend` them.
 * @module
 */
import { defineSchema } from "../schema.js";

/** The `source` every built-in VMmanager schema carries. */
export const VM_SOURCE = "community-sourced from third-party clients; not authoritative";

const ID = { type: "integer", nullable: false, description: "Numeric id of the record (never null)." } as const;

/** A virtual machine (`vm/v3/host`). */
export const host = defineSchema(
  {
    id: ID,
    name: { type: "string", description: "VM name." },
    state: {
      type: "string",
      description: "VM state as the API reports it (a string; the set of values is not documented, so any value is accepted).",
    },
    domain: { type: "string", description: "Domain name of the VM." },
    comment: { type: "string", description: "Free-text comment." },
    cpu_number: { type: "integer", description: "Number of virtual CPUs." },
    ram_mib: { type: "integer", description: "RAM size in MiB." },
    disk_count: { type: "integer", description: "Number of disks attached to the VM." },
    uptime: { type: "integer", description: "Uptime of the VM (a whole number; the unit is not documented)." },
    os_name: { type: "string", description: "Name of the installed operating system." },
    os_group: { type: "string", description: "Operating system family/group of the installed OS." },
    rescue_mode: { type: "boolean", description: "Whether the VM is booted in rescue mode." },
    iso_mounted: { type: "boolean", description: "Whether an ISO image is mounted." },
    disabled: { type: "boolean", description: "Whether the VM is disabled." },
    node: {
      type: "reference",
      description: "The cluster node the VM runs on; compared with a number it means the node's id (`node EQ 5`).",
      fields: {
        id: { type: "integer", description: "Id of the node." },
        name: { type: "string", description: "Name of the node." },
        ip_addr: { type: "string", description: "IP address of the node." },
      },
    },
    cluster: {
      type: "reference",
      description: "The cluster the VM belongs to; compared with a number it means the cluster's id (`cluster EQ 3`).",
      fields: {
        id: { type: "integer", description: "Id of the cluster." },
        name: { type: "string", description: "Name of the cluster (the official example sorts by it: `orderby=cluster.name desc`)." },
        datacenter_type: { type: "string", description: "Datacenter type of the cluster." },
      },
    },
    account: {
      type: "reference",
      description: "The owner's account; compared with a number it means the account's id (`account EQ 7`, `account.id EQ 7`).",
      fields: {
        id: { type: "integer", description: "Id of the owner's account." },
        email: { type: "string", description: "Email of the owner's account." },
      },
    },
    disk: {
      type: "reference",
      description: "The VM's disk as list answers show it (id and size); compared with a number it means the disk's id.",
      fields: {
        id: { type: "integer", description: "Id of the disk." },
        disk_mib: { type: "integer", description: "Disk size in MiB." },
      },
    },
    os: {
      type: "reference",
      description: "The installed OS image; compared with a number it means its id.",
      fields: { id: { type: "integer", description: "Id of the OS image." } },
    },
    ip4: {
      type: "array",
      description: "IPv4 addresses of the VM; a condition on `ip4.ip` matches when any address matches.",
      of: { ip: { type: "string", description: "An IPv4 address of the VM." } },
    },
    ip6: { type: "array", of: "string", description: "IPv6 addresses of the VM (elements' shape unknown; treated as strings)." },
    tags: { type: "array", of: "string", description: "Tags of the VM; a condition matches when any tag matches." },
  },
  { name: "vm.host", description: "A virtual machine (vm/v3/host).", source: VM_SOURCE },
);

/** A cluster (`vm/v3/cluster`). */
export const cluster = defineSchema(
  {
    id: ID,
    name: { type: "string", description: "Cluster name." },
    virtualization_type: { type: "string", description: "Virtualization type of the cluster (a string; values not documented here)." },
    state: { type: "string", description: "Cluster state as the API reports it (a string; values not documented, any value is accepted)." },
    host_count: { type: "integer", description: "Number of VMs in the cluster." },
    node_count: { type: "integer", description: "Number of nodes in the cluster." },
    datacenter_type: { type: "string", description: "Datacenter type of the cluster." },
    time_zone: { type: "string", description: "Time zone of the cluster." },
    comment: { type: "string", description: "Free-text comment." },
  },
  { name: "vm.cluster", description: "A cluster of nodes (vm/v3/cluster).", source: VM_SOURCE },
);

/** A cluster node, i.e. a hypervisor server (`vm/v3/node`). */
export const node = defineSchema(
  {
    id: ID,
    name: { type: "string", description: "Node name." },
    ip: { type: "string", description: "IPv4 address of the node." },
    ipv6: { type: "string", description: "IPv6 address of the node." },
    state: { type: "string", description: "Node state as the API reports it (a string; values not documented, any value is accepted)." },
    cluster: {
      type: "reference",
      description: "The cluster the node belongs to; compared with a number it means the cluster's id (`cluster EQ 3`).",
      fields: {
        id: { type: "integer", description: "Id of the cluster." },
        name: { type: "string", description: "Name of the cluster." },
      },
    },
    host_count: { type: "integer", description: "Number of VMs on the node." },
    host_limit: { type: "integer", description: "Maximum number of VMs allowed on the node." },
    host_creation_blocked: { type: "boolean", description: "Whether creating VMs on the node is blocked." },
    maintenance_mode: { type: "boolean", description: "Whether the node is in maintenance mode." },
    qemu_version: { type: "string", description: "QEMU version installed on the node." },
  },
  { name: "vm.node", description: "A cluster node (hypervisor server) (vm/v3/node).", source: VM_SOURCE },
);

/** A background task (`vm/v3/task`). */
export const task = defineSchema(
  {
    id: ID,
    consul_id: {
      type: "integer",
      description: "Id of the task in Consul, a whole number; clients compare it both bare and quoted (`consul_id EQ '1341774670'`).",
    },
    name: {
      type: "string",
      description: "Task type. Known values include host_create, host_delete, disk_resize, host_change_params; others exist.",
    },
    status: { type: "string", description: "Task status. Known values include complete, fail; others exist." },
    output: { type: "string", description: "Text output of the task." },
  },
  { name: "vm.task", description: "A background task (vm/v3/task).", source: VM_SOURCE },
);

/** An IP address (`vm/v3/ip`; also the items of `vm/v3/host/{id}/ipv4`). */
export const ip = defineSchema(
  {
    id: ID,
    ip_addr: { type: "string", description: "The IP address." },
    name: { type: "string", description: "Name of the address record." },
    domain: { type: "string", description: "Domain name (PTR) of the address." },
    gateway: { type: "string", description: "Gateway address." },
    mask: { type: "string", description: "Network mask (its format is not documented; treated as text)." },
    state: { type: "string", description: "Address state as the API reports it (a string; values not documented, any value is accepted)." },
    family: { type: "string", description: "Address family (IPv4 or IPv6; the exact spelling is not documented)." },
    ippool: {
      type: "reference",
      description: "The IP pool the address belongs to; compared with a number it means the pool's id (`ippool EQ 2`).",
      fields: { id: { type: "integer", description: "Id of the IP pool." } },
    },
    network: {
      type: "reference",
      description: "The network the address belongs to; compared with a number it means the network's id (`network EQ 3`).",
      fields: { id: { type: "integer", description: "Id of the network." } },
    },
    host: {
      type: "reference",
      description: "The VM the address is assigned to; compared with a number it means the VM's id.",
      fields: {
        id: { type: "integer", description: "Id of the VM." },
        name: { type: "string", description: "Name of the VM." },
      },
    },
  },
  { name: "vm.ip", description: "An IP address (vm/v3/ip).", source: VM_SOURCE },
);

/** A user account (`vm/v3/account`). */
export const account = defineSchema(
  {
    id: ID,
    email: { type: "string", description: "Email (login) of the account." },
    state: { type: "string", description: "Account state as the API reports it (a string; values not documented, any value is accepted)." },
    auth_source: { type: "string", description: "Where the account authenticates (a string; values not documented here)." },
    host_count: { type: "integer", description: "Number of VMs the account owns." },
    roles: {
      type: "array",
      of: "string",
      description: "Roles of the account; known values include @admin, @user. A condition matches when any role matches (`roles CP '%@admin%'`).",
    },
  },
  { name: "vm.account", description: "A user account (vm/v3/account).", source: VM_SOURCE },
);

/** A virtual disk (`vm/v3/disk`). */
export const disk = defineSchema(
  {
    id: ID,
    name: { type: "string", description: "Disk name." },
    size_mib: { type: "integer", description: "Disk size in MiB." },
    bus: { type: "string", description: "Bus the disk is attached through (a string; values not documented here)." },
    target_dev: { type: "string", description: "Target device name of the disk inside the VM." },
    account: {
      type: "reference",
      description: "The owner's account; compared with a number it means the account's id.",
      fields: {
        id: { type: "integer", description: "Id of the owner's account." },
        email: { type: "string", description: "Email of the owner's account." },
      },
    },
    storage: {
      type: "reference",
      description: "The storage the disk lives on; compared with a number it means the storage's id.",
      fields: {
        id: { type: "integer", description: "Id of the storage." },
        name: { type: "string", description: "Name of the storage." },
      },
    },
    host: {
      type: "reference",
      description: "The VM the disk is attached to; compared with a number it means the VM's id.",
      fields: {
        id: { type: "integer", description: "Id of the VM." },
        name: { type: "string", description: "Name of the VM." },
      },
    },
    cluster: {
      type: "reference",
      description: "The cluster of the disk; compared with a number it means the cluster's id.",
      fields: {
        id: { type: "integer", description: "Id of the cluster." },
        name: { type: "string", description: "Name of the cluster." },
      },
    },
    tags: { type: "array", of: "string", description: "Tags of the disk (elements' shape unknown; treated as strings)." },
  },
  { name: "vm.disk", description: "A virtual disk (vm/v3/disk).", source: VM_SOURCE },
);

/** An IP address pool (`vm/v3/ippool`). */
export const ippool = defineSchema(
  {
    id: ID,
    name: { type: "string", description: "Pool name." },
    note: { type: "string", description: "Free-text note." },
    total_ip: { type: "integer", description: "Number of addresses in the pool." },
    using_ip: { type: "integer", description: "Number of addresses in use." },
    clusters: {
      type: "array",
      description: "Clusters the pool is attached to; a condition on `clusters.id` or `clusters.name` matches when any cluster matches.",
      of: {
        id: { type: "integer", description: "Id of a cluster the pool is attached to." },
        name: { type: "string", description: "Name of a cluster the pool is attached to." },
      },
    },
  },
  { name: "vm.ippool", description: "An IP address pool (vm/v3/ippool).", source: VM_SOURCE },
);

/** An operating system image (`vm/v3/os`). */
export const os = defineSchema(
  {
    id: ID,
    name: { type: "string", description: "OS image name." },
    state: { type: "string", description: "Image state as the API reports it (a string; values not documented, any value is accepted)." },
    os_group: { type: "string", description: "Operating system family/group." },
    repository: { type: "string", description: "Repository the image comes from (its shape is not documented; treated as text)." },
    adminonly: { type: "boolean", description: "Whether only administrators may use the image." },
    updated_at: { type: "datetime", description: "When the image was last updated (date-time text as the API writes it)." },
  },
  { name: "vm.os", description: "An operating system image (vm/v3/os).", source: VM_SOURCE },
);
