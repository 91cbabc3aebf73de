/**
 * Outlines of a region given as a raster of nodes (1 = inside) on the planning grid: marching
 * squares at the level ½ (Lorensen and Cline 1987, in its 2-D form), so an edge between an inside
 * and an outside node is crossed at its middle and every boundary runs at most half a cell from the
 * nodes it separates. Segments are oriented with the inside on their left and linked into closed
 * rings: outer rings come out counter-clockwise and holes clockwise (east = +column, north = +row),
 * the winding GeoJSON (RFC 7946) asks for. A saddle square (two opposite corners inside) is split
 * into two pieces, so diagonal neighbours are never joined.
 */

/** A ring of fractional grid points (r, c), closed (first point repeated last). */
export type GridRing = { r: number; c: number }[];

/** A polygon: one outer ring and the holes inside it. */
export interface GridPolygon {
  readonly outer: GridRing;
  readonly holes: GridRing[];
}

/** Twice the signed area of a closed ring (positive: counter-clockwise with x = c, y = r). */
export function ringArea2(ring: GridRing): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    a += ring[i].c * ring[i + 1].r - ring[i + 1].c * ring[i].r;
  }
  return a;
}

function inRing(r: number, c: number, ring: GridRing): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a.r > r !== b.r > r && c < ((b.c - a.c) * (r - a.r)) / (b.r - a.r) + a.c) inside = !inside;
  }
  return inside;
}

/** Outlines of the inside nodes of an nLat × nLon raster (row-major from the south). */
export function regionPolygons(inside: Uint8Array, nLat: number, nLon: number): GridPolygon[] {
  // Edge midpoints by doubled coordinates, from −1 (padding) to n: keys over (2n + 3)².
  const W2 = 2 * nLon + 4;
  const key = (r2: number, c2: number) => (r2 + 2) * W2 + (c2 + 2);
  const at = (r: number, c: number) =>
    r >= 0 && c >= 0 && r < nLat && c < nLon ? inside[r * nLon + c] : 0;
  const next = new Map<number, number>();
  const pos = new Map<number, { r: number; c: number }>();
  const add = (r2a: number, c2a: number, r2b: number, c2b: number) => {
    const ka = key(r2a, c2a);
    next.set(ka, key(r2b, c2b));
    pos.set(ka, { r: r2a / 2, c: c2a / 2 });
  };
  for (let i = -1; i < nLat; i++) {
    for (let j = -1; j < nLon; j++) {
      const a = at(i, j);
      const b = at(i, j + 1);
      const c = at(i + 1, j + 1);
      const d = at(i + 1, j);
      const idx = a | (b << 1) | (c << 2) | (d << 3);
      if (idx === 0 || idx === 15) continue;
      // Edge midpoints (doubled coordinates): bottom, right, top, left.
      const B: [number, number] = [2 * i, 2 * j + 1];
      const R: [number, number] = [2 * i + 1, 2 * j + 2];
      const T: [number, number] = [2 * i + 2, 2 * j + 1];
      const L: [number, number] = [2 * i + 1, 2 * j];
      // Counter-clockwise edges a→b, b→c, c→d, d→a; a segment runs from an edge leaving the
      // inside to the next edge entering it, so the inside stays on its left.
      const edges: [number, number, [number, number]][] = [
        [a, b, B],
        [b, c, R],
        [c, d, T],
        [d, a, L],
      ];
      for (let e = 0; e < 4; e++) {
        const [s0, s1, p] = edges[e];
        if (!(s0 === 1 && s1 === 0)) continue;
        // Walk back (clockwise) to the nearest edge entering the inside: keeps a saddle split.
        for (let k = 1; k < 4; k++) {
          const [t0, t1, q] = edges[(e - k + 4) % 4];
          if (t0 === 0 && t1 === 1) {
            add(p[0], p[1], q[0], q[1]);
            break;
          }
        }
      }
    }
  }
  const rings: GridRing[] = [];
  const used = new Set<number>();
  for (const start of next.keys()) {
    if (used.has(start)) continue;
    const ring: GridRing = [];
    let k = start;
    while (!used.has(k)) {
      used.add(k);
      const p = pos.get(k);
      if (!p) break;
      // Drop the middle of three collinear points.
      const n = ring.length;
      if (
        n >= 2 &&
        (ring[n - 1].c - ring[n - 2].c) * (p.r - ring[n - 1].r) ===
          (ring[n - 1].r - ring[n - 2].r) * (p.c - ring[n - 1].c)
      )
        ring.pop();
      ring.push(p);
      const nk = next.get(k);
      if (nk === undefined) break;
      k = nk;
    }
    if (ring.length < 3) continue;
    ring.push({ ...ring[0] });
    rings.push(ring);
  }
  const outers = rings.filter((r) => ringArea2(r) > 0);
  const holes = rings.filter((r) => ringArea2(r) < 0);
  const polys: GridPolygon[] = outers.map((outer) => ({ outer, holes: [] }));
  for (const h of holes) {
    // The smallest outer ring holding the hole's first point.
    let best: GridPolygon | null = null;
    for (const p of polys) {
      if (!inRing(h[0].r, h[0].c, p.outer)) continue;
      if (!best || ringArea2(p.outer) < ringArea2(best.outer)) best = p;
    }
    best?.holes.push(h);
  }
  return polys;
}
