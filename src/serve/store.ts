/**
 * Where `vmfilter serve` runs a list request: the records in memory through `apply` (this file),
 * or a SQLite file through `toSql` (`sqlite-store.ts`), behind one interface.
 * @module
 */
import { apply, type ListResult } from "../run/apply.js";
import type { QueryNode } from "../syntax/ast.js";
import type { Diagnostic } from "../syntax/diagnostics.js";
import type { Entity, ServedRecord } from "./data.js";

/** A list answer, or the diagnostics of a filter that cannot run here (answered 400). */
export type StoreAnswer = ListResult<ServedRecord> | { readonly diagnostics: readonly Diagnostic[] };

/** One entity's records, queried. */
export interface EntityStore {
  /** The page of records a query selects and how many matched. */
  list(query: QueryNode): StoreAnswer;
  /** The record with this id (the text of the path's last segment), or undefined. */
  get(id: string): ServedRecord | undefined;
}

/** The records in memory: `apply` with the entity's schema. */
export class MemoryStore implements EntityStore {
  private readonly byId: ReadonlyMap<string, ServedRecord>;

  constructor(private readonly entity: Entity) {
    this.byId = new Map(entity.records.map((r) => [String(r.id), r]));
  }

  list(query: QueryNode): StoreAnswer {
    return apply(query, this.entity.records, this.entity.schema ? { schema: this.entity.schema } : {});
  }

  get(id: string): ServedRecord | undefined {
    return this.byId.get(id);
  }
}
