/**
 * Built-in schemas of DCImanager 6 entities (`dci/v3/...`).
 *
 * Community-sourced from third-party clients and captures of the product's UI
 * (shared/spec/FACTS.md); **not authoritative**. Extend them when you know more.
 * @module
 */
import { defineSchema } from "../schema.js";

/** The `source` every built-in DCImanager schema carries. */
export const DCI_SOURCE = "community-sourced from third-party clients; not authoritative";

/** A dedicated server (`dci/v3/server`). */
export const server = defineSchema(
  {
    id: { type: "integer", nullable: false, description: "Numeric id of the server (never null)." },
    name: { type: "string", description: "Server name." },
    domain: { type: "string", description: "Domain name of the server." },
    configuration: { type: "string", description: "Hardware configuration of the server (its shape is not documented; treated as text)." },
    owner_email: { type: "string", description: "Email of the owner; null when the server has no owner (`owner_email IS null`)." },
    is_new: { type: "boolean", description: "Whether the server is new (not yet set up); compared bare: `is_new EQ false`." },
    location_id: { type: "integer", description: "Id of the location (datacenter) the server is in." },
    state: { type: "string", description: "Server state as the API reports it (a string; values not documented, any value is accepted)." },
    power_status: { type: "string", description: "Power status of the server (a string; values not documented, any value is accepted)." },
  },
  { name: "dci.server", description: "A dedicated server (dci/v3/server).", source: DCI_SOURCE },
);

/**
 * An IP address in DCImanager. The field list is partial: only the fields seen in the product's UI
 * filter (`NOT domain CP '%extended.%' AND (ipnet EQ 12)`) and `id`.
 */
export const ip = defineSchema(
  {
    id: { type: "integer", nullable: false, description: "Numeric id of the address record (never null)." },
    domain: { type: "string", description: "Domain name (PTR) of the address." },
    ipnet: {
      type: "reference",
      description: "The IP network the address belongs to; compared with a number it means the network's id (`ipnet EQ 12`).",
      fields: { id: { type: "integer", description: "Id of the IP network." } },
    },
  },
  {
    name: "dci.ip",
    description: "An IP address in DCImanager. Partial field list: only the fields seen in the product's UI filters (id, domain, ipnet).",
    source: DCI_SOURCE,
  },
);
