/**
 * A time history stored as a struct of typed arrays: one Float64Array per named column, grown by
 * doubling so appending a row allocates only O(log n) times over a run.
 */

/** Named columns of equal length. */
export class SampleTable {
  readonly names: readonly string[];
  private readonly cols: Float64Array[];
  private n = 0;
  private readonly index: Map<string, number>;

  /** columns: column names in output order; capacity: rows to preallocate. */
  constructor(names: readonly string[], capacity = 1024) {
    this.names = names;
    const cap = Math.max(1, capacity);
    this.cols = names.map(() => new Float64Array(cap));
    this.index = new Map(names.map((name, i) => [name, i]));
  }

  /** Number of rows. */
  get length(): number {
    return this.n;
  }

  /** Append a row given as an array with one value per column, in column order. */
  push(row: ArrayLike<number>): void {
    if (this.n === this.cols[0].length) this.grow();
    const i = this.n;
    for (let c = 0; c < this.cols.length; c++) this.cols[c][i] = row[c];
    this.n = i + 1;
  }

  /** Remove every row from `length` on. */
  truncate(length: number): void {
    this.n = Math.max(0, Math.min(this.n, length));
  }

  /** The values of a column (a view of exactly `length` rows). */
  column(name: string): Float64Array {
    const c = this.index.get(name);
    if (c === undefined) throw new RangeError(`no column named "${name}"`);
    return this.cols[c].subarray(0, this.n);
  }

  /** True when the table has a column of that name. */
  has(name: string): boolean {
    return this.index.has(name);
  }

  /** Value at row i of column c (by position). */
  at(i: number, c: number): number {
    return this.cols[c][i];
  }

  // In place: a new array from map() would have another hidden class than the constructor's, and
  // the first table to grow would deoptimise every optimised caller that inlined push.
  private grow(): void {
    const cols = this.cols;
    for (let c = 0; c < cols.length; c++) {
      const next = new Float64Array(cols[c].length * 2);
      next.set(cols[c]);
      cols[c] = next;
    }
  }
}
