import type { ReachTable } from "../mission/reach-table.js";

/** Reach tables by release condition, kept by the caller across regions and runs. */
export class ReachTableCache {
  private readonly tables = new Map<string, ReachTable>();
  /** Tables flown (not found in the cache). */
  built = 0;

  /** The table for a key, built by `make` the first time. */
  get(key: string, make: () => ReachTable): ReachTable {
    let t = this.tables.get(key);
    if (!t) {
      t = make();
      this.built++;
      this.tables.set(key, t);
    }
    return t;
  }
}
