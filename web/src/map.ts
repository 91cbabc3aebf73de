/**
 * The 2-D map: MapLibre GL with no tiles and no internet. The scenario's terrain is one image (a
 * shaded relief the server renders); outside it the map is grey and says "no data", never sea.
 * Sites, routes, rings (each site's own, switchable), no-fly areas, a reach footprint and a flown
 * track are GeoJSON layers; the points a user can move are draggable markers whose labels are
 * moved or hidden so that none overlaps another.
 */

import type {
  GeoJSONSource,
  LngLatBoundsLike,
  Map as MlMap,
  StyleSpecification,
} from "maplibre-gl";
import * as maplibregl from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
// The worker is one self-contained module file: Vite copies it and gives its URL.
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import type { CoverageImage, MapFeatures, MapPoint, TerrainImage } from "./api.js";
import { h } from "./dom.js";
import { circle } from "./geo.js";

maplibregl.setWorkerUrl(workerUrl);

type Fc = GeoJSON.FeatureCollection;
const empty = (): Fc => ({ type: "FeatureCollection", features: [] });

/** Colours by point role and ring kind. */
const ROLE_COLOUR: Record<MapPoint["role"], string> = {
  launch: "#1f77b4",
  aircraft: "#1f77b4",
  waypoint: "#2ca02c",
  target: "#d62728",
  radar: "#9467bd",
  sam: "#ff7f0e",
  jammer: "#8c564b",
};

const STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [
    // Outside the terrain data: grey, labelled "no data" in the legend; not sea.
    { id: "nodata", type: "background", paint: { "background-color": "#b8b8b8" } },
  ],
};

/** Called when the user drops a point: its path in the document and where it went. */
export type MoveListener = (p: MapPoint, lat_deg: number, lon_deg: number) => void;

/** The map and what it shows. */
export class ScenarioMap {
  readonly map: MlMap;
  private markers: maplibregl.Marker[] = [];
  private features: MapFeatures | null = null;
  private terrainUrl: string | null = null;
  private fitted = false;
  private readonly hidden = new Set<string>();
  /** Sites whose coverage at the cruise height is shown (off by default: fetched when asked). */
  private readonly covShown = new Set<string>();
  private coverage: readonly CoverageImage[] = [];
  private covLayers: string[] = [];
  private readonly ready: Promise<void>;
  private flyer: maplibregl.Marker | null = null;
  private readonly flyers: maplibregl.Marker[] = [];
  /** The points' label elements, by marker, for decluttering. */
  private labels: HTMLElement[] = [];
  /** The map's own tab (where dockInto(null) puts it back). */
  private readonly home: HTMLElement;

  constructor(
    container: HTMLElement,
    private readonly layerPanel: HTMLElement,
    private readonly onMove: MoveListener,
  ) {
    this.home = container.parentElement ?? document.body;
    this.map = new maplibregl.Map({
      container,
      style: STYLE,
      center: [0, 0],
      zoom: 1,
      attributionControl: false,
      maxPitch: 0,
      dragRotate: false,
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    this.map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-left");
    this.ready = new Promise((resolve) => this.map.on("load", () => resolve()));
    void this.ready.then(() => this.addLayers());
    this.map.on("moveend", () => this.declutter());
    this.map.on("zoomend", () => this.declutter());
  }

  private addLayers(): void {
    const m = this.map;
    for (const id of ["rings", "routes", "nofly", "terrain-edge", "reach", "track"])
      m.addSource(id, { type: "geojson", data: empty() });
    m.addLayer({
      id: "nofly-fill",
      type: "fill",
      source: "nofly",
      paint: { "fill-color": "#000", "fill-opacity": 0.15 },
    });
    m.addLayer({
      id: "nofly-line",
      type: "line",
      source: "nofly",
      paint: { "line-color": "#000", "line-dasharray": [2, 2] },
    });
    m.addLayer({
      id: "terrain-edge",
      type: "line",
      source: "terrain-edge",
      paint: { "line-color": "#555", "line-width": 1 },
    });
    m.addLayer({
      id: "rings-fill",
      type: "fill",
      source: "rings",
      filter: ["==", ["get", "kind"], "engagement"],
      paint: { "fill-color": ["get", "colour"], "fill-opacity": 0.08 },
    });
    m.addLayer({
      id: "rings-line",
      type: "line",
      source: "rings",
      paint: {
        "line-color": ["get", "colour"],
        "line-width": ["match", ["get", "kind"], "engagement", 2, 1.2],
        "line-dasharray": [
          "match",
          ["get", "kind"],
          "detection",
          ["literal", [4, 3]],
          "jamming",
          ["literal", [1, 2]],
          ["literal", [1, 0]],
        ],
      },
    });
    m.addLayer({
      id: "reach",
      type: "line",
      source: "reach",
      paint: { "line-color": "#e377c2", "line-width": 2 },
    });
    m.addLayer({
      id: "routes",
      type: "line",
      source: "routes",
      paint: { "line-color": "#2ca02c", "line-width": 2, "line-dasharray": [3, 2] },
    });
    m.addLayer({
      id: "track",
      type: "line",
      source: "track",
      paint: { "line-color": ["coalesce", ["get", "colour"], "#111"], "line-width": 2 },
    });
  }

  /** Show a validated scenario's features and terrain (keeps the view after the first fit). */
  async show(
    f: MapFeatures,
    terrain: TerrainImage | null,
    coverage: readonly CoverageImage[] = [],
  ): Promise<void> {
    await this.ready;
    this.features = f;
    this.coverage = coverage;
    const m = this.map;
    if (terrain?.url !== this.terrainUrl) {
      if (m.getLayer("terrain")) m.removeLayer("terrain");
      if (m.getSource("terrain")) m.removeSource("terrain");
      if (terrain) {
        m.addSource("terrain", {
          type: "image",
          url: terrain.url,
          coordinates: [
            [terrain.west, terrain.north],
            [terrain.east, terrain.north],
            [terrain.east, terrain.south],
            [terrain.west, terrain.south],
          ],
        });
        m.addLayer({ id: "terrain", type: "raster", source: "terrain" }, "nofly-fill");
      }
      this.terrainUrl = terrain?.url ?? null;
    }
    const edge: Fc = empty();
    if (f.terrain) {
      const t = f.terrain;
      edge.features.push({
        type: "Feature",
        properties: {},
        geometry: {
          type: "LineString",
          coordinates: [
            [t.west, t.south],
            [t.east, t.south],
            [t.east, t.north],
            [t.west, t.north],
            [t.west, t.south],
          ],
        },
      });
    }
    (m.getSource("terrain-edge") as GeoJSONSource).setData(edge);
    (m.getSource("nofly") as GeoJSONSource).setData({
      type: "FeatureCollection",
      features: f.noFly.map((a) => ({
        type: "Feature",
        properties: { name: a.name },
        geometry: { type: "Polygon", coordinates: [[...a.ring.map(([lat, lon]) => [lon, lat])]] },
      })),
    });
    (m.getSource("routes") as GeoJSONSource).setData({
      type: "FeatureCollection",
      features: f.routes.map((r) => ({
        type: "Feature",
        properties: {},
        geometry: {
          type: "LineString",
          coordinates: r.map((i) => [f.points[i].lon_deg, f.points[i].lat_deg]),
        },
      })),
    });
    this.updateRings();
    this.updateCoverage();
    this.updateMarkers();
    this.updateLayerPanel();
    if (!this.fitted) this.fit();
  }

  /** Zoom to the scenario (its points and terrain). */
  fit(): void {
    const f = this.features;
    if (!f) return;
    let s = 90;
    let n = -90;
    let w = 180;
    let e = -180;
    const add = (lat: number, lon: number) => {
      s = Math.min(s, lat);
      n = Math.max(n, lat);
      w = Math.min(w, lon);
      e = Math.max(e, lon);
    };
    for (const p of f.points) add(p.lat_deg, p.lon_deg);
    if (f.terrain) {
      add(f.terrain.south, f.terrain.west);
      add(f.terrain.north, f.terrain.east);
    }
    if (s > n) return;
    const box: LngLatBoundsLike = [
      [w, s],
      [e, n],
    ];
    this.map.fitBounds(box, { padding: 30, duration: 0 });
    this.fitted = true;
  }

  private siteKey(i: number): string {
    const p = this.features?.points[i];
    return p ? `${p.role}:${p.name}:${i}` : String(i);
  }

  private updateRings(): void {
    const f = this.features;
    if (!f) return;
    const features: GeoJSON.Feature[] = [];
    for (const r of f.rings) {
      const p = f.points[r.point];
      const key = `${this.siteKey(r.point)}:${r.kind}`;
      if (this.hidden.has(key)) continue;
      const colour =
        r.kind === "jamming" ? "#8c564b" : r.kind === "detection" ? "#9467bd" : "#ff7f0e";
      const rings = [circle(p.lat_deg, p.lon_deg, r.radius_m)];
      if (r.inner_m && r.inner_m > 0) rings.push(circle(p.lat_deg, p.lon_deg, r.inner_m).reverse());
      features.push({
        type: "Feature",
        properties: { kind: r.kind, site: p.name, colour },
        geometry: { type: "Polygon", coordinates: rings },
      });
    }
    (this.map.getSource("rings") as GeoJSONSource).setData({ type: "FeatureCollection", features });
  }

  /**
   * Each shown radar's coverage at the cruise height: one translucent image per site, under the
   * rings. The server computes an image only when its box is first ticked.
   */
  private updateCoverage(): void {
    const m = this.map;
    const f = this.features;
    for (const id of this.covLayers) {
      if (m.getLayer(id)) m.removeLayer(id);
      if (m.getSource(id)) m.removeSource(id);
    }
    this.covLayers = [];
    if (!f) return;
    for (const c of this.coverage) {
      const r = f.rings[c.ring];
      if (!r || !this.covShown.has(`${this.siteKey(r.point)}:${r.kind}:coverage`)) continue;
      const id = `coverage-${c.ring}`;
      m.addSource(id, {
        type: "image",
        url: c.url,
        coordinates: [
          [c.west, c.north],
          [c.east, c.north],
          [c.east, c.south],
          [c.west, c.south],
        ],
      });
      m.addLayer(
        { id, type: "raster", source: id, paint: { "raster-fade-duration": 0 } },
        "rings-fill",
      );
      this.covLayers.push(id);
    }
  }

  /**
   * One row per site: a checkbox per ring and, for a radar, one for its own coverage at the
   * cruise height, so each radar's rings and coverage can be shown alone.
   */
  private updateLayerPanel(): void {
    const f = this.features;
    const panel = this.layerPanel;
    panel.replaceChildren();
    if (!f || f.rings.length === 0) return;
    const height = f.cruise
      ? `${f.cruise.alt_m.toFixed(0)} m ${f.cruise.ref === "agl" ? "AGL" : "MSL"}`
      : "";
    panel.append(
      h(
        "div",
        { class: "panel-title" },
        "Layers",
        h(
          "span",
          { class: "panel-note" },
          f.cruise ? ` (shaded: at the cruise height, ${height})` : "",
        ),
      ),
    );
    const bySite = new Map<number, number[]>();
    f.rings.forEach((r, k) => {
      bySite.set(r.point, [...(bySite.get(r.point) ?? []), k]);
    });
    for (const [point, rings] of bySite) {
      const p = f.points[point];
      const site = this.siteKey(point);
      const row = h("div", { class: "layer-site" }, h("b", {}, p.name));
      for (const k of rings) {
        const r = f.rings[k];
        const key = `${site}:${r.kind}`;
        const box = h("input", { type: "checkbox", "data-layer": key });
        box.checked = !this.hidden.has(key);
        box.addEventListener("change", () => {
          if (box.checked) this.hidden.delete(key);
          else this.hidden.add(key);
          this.updateRings();
        });
        const km = (r.radius_m / 1000).toFixed(0);
        const [short, long] =
          r.kind === "engagement"
            ? [`engage ${km} km`, "engagement range"]
            : r.kind === "detection"
              ? [
                  `detect ${km} km`,
                  "detection range at Pd 0.5 against the mean RCS, line of sight assumed",
                ]
              : [`jam ${km} km`, "GNSS jamming range, line of sight assumed"];
        row.append(h("label", { class: "layer", title: long }, box, short));
        const cov = this.coverage.find((c) => c.ring === k);
        if (cov && f.cruise) {
          const ckey = `${key}:coverage`;
          const cbox = h("input", { type: "checkbox", "data-coverage": ckey });
          cbox.checked = this.covShown.has(ckey);
          cbox.addEventListener("change", () => {
            if (cbox.checked) this.covShown.add(ckey);
            else this.covShown.delete(ckey);
            this.updateCoverage();
          });
          const jam = r.kind === "jamming";
          row.append(
            h(
              "label",
              {
                class: `layer coverage${jam ? " jam" : ""}`,
                title: jam
                  ? `where this jammer reaches the missile's receiver at ${height} over the terrain, within its jamming range (shaded)`
                  : `where this radar sees the missile at ${height} over the terrain, within its detection range (shaded)`,
              },
              cbox,
              jam ? `jammed at ${height}` : `seen at ${height}`,
            ),
          );
        }
      }
      panel.append(row);
    }
  }

  private updateMarkers(): void {
    const f = this.features;
    for (const m of this.markers) m.remove();
    this.markers = [];
    this.labels = [];
    if (!f) return;
    f.points.forEach((p) => {
      const label = h("span", { class: "marker-label" }, p.name);
      const dot = h("span", { class: `marker-dot role-${p.role}` });
      dot.style.background = ROLE_COLOUR[p.role];
      const el = h(
        "div",
        {
          class: "marker",
          "data-role": p.role,
          "data-name": p.name,
          title: `${p.name} (${p.role}) — drag to move`,
        },
        dot,
        label,
      );
      const marker = new maplibregl.Marker({ element: el, draggable: true, anchor: "center" })
        .setLngLat([p.lon_deg, p.lat_deg])
        .addTo(this.map);
      marker.on("dragend", () => {
        const ll = marker.getLngLat();
        this.onMove(p, ll.lat, ll.lng);
      });
      this.markers.push(marker);
      this.labels.push(label);
    });
    requestAnimationFrame(() => this.declutter());
  }

  /**
   * Labels never overlap: each, in order, tries right, left, above and below its point and takes
   * the first place free of the labels already placed; with none free it is hidden (its name
   * stays in the marker's tooltip).
   */
  declutter(): void {
    const placed: DOMRect[] = [];
    const dots = this.markers.map((m) => m.getElement().getBoundingClientRect());
    const overlaps = (r: DOMRect) =>
      placed.some(
        (q) => r.left < q.right && r.right > q.left && r.top < q.bottom && r.bottom > q.top,
      );
    for (const label of this.labels) {
      label.style.visibility = "visible";
      let ok = false;
      for (const pos of ["right", "left", "above", "below"]) {
        label.dataset.pos = pos;
        const r = label.getBoundingClientRect();
        const hitsDot = dots.some(
          (d) =>
            r.left < d.right - 8 &&
            r.right > d.left + 8 &&
            r.top < d.bottom - 8 &&
            r.bottom > d.top + 8,
        );
        if (!overlaps(r) && !hitsDot) {
          placed.push(r);
          ok = true;
          break;
        }
      }
      if (!ok) label.style.visibility = "hidden";
    }
  }

  /** Draw a reach footprint (GeoJSON from `standoff reach`), or clear it with null. */
  async showReach(geojson: Fc | null): Promise<void> {
    await this.ready;
    (this.map.getSource("reach") as GeoJSONSource).setData(geojson ?? empty());
  }

  /** Draw flown tracks ([lon, lat] lists with a colour), or clear them. */
  async showTracks(tracks: { coords: number[][]; colour: string }[]): Promise<void> {
    await this.ready;
    (this.map.getSource("track") as GeoJSONSource).setData({
      type: "FeatureCollection",
      features: tracks.map((t) => ({
        type: "Feature",
        properties: { colour: t.colour },
        geometry: { type: "LineString", coordinates: t.coords },
      })),
    });
  }

  /** Zoom to [lon, lat] points (a flown track), keeping a margin. */
  fitCoords(coords: readonly number[][]): void {
    if (coords.length === 0) return;
    let w = 180;
    let e = -180;
    let s = 90;
    let n = -90;
    for (const [lon, lat] of coords) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
    this.map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: 30, duration: 0 },
    );
  }

  /**
   * Show the map inside another element (the results' flight panel, so the slider's missile is
   * seen beside the charts), or back in its own tab with null.
   */
  dockInto(el: HTMLElement | null): void {
    const box = this.map.getContainer();
    const target = el ?? this.home;
    if (box.parentElement === target) return;
    target.prepend(box);
    this.map.resize();
    requestAnimationFrame(() => this.declutter());
  }

  /** Remove every flyer marker (a new result replaces the last one's). */
  clearFlyers(): void {
    this.setFlyers([]);
    this.flyer?.remove();
    this.flyer = null;
  }

  /** Put one marker per flyer in the air (a salvo's time slider); an empty list clears them. */
  setFlyers(at: readonly { lon: number; lat: number; name: string; colour: string }[]): void {
    while (this.flyers.length > at.length) this.flyers.pop()?.remove();
    at.forEach((f, k) => {
      let m = this.flyers[k];
      if (!m) {
        m = new maplibregl.Marker({ element: h("div", { class: "flyer" }) }).setLngLat([
          f.lon,
          f.lat,
        ]);
        m.addTo(this.map);
        this.flyers.push(m);
      }
      m.setLngLat([f.lon, f.lat]);
      const e = m.getElement();
      e.style.background = f.colour;
      e.title = `${f.name} at the slider's time`;
      e.dataset.name = f.name;
    });
  }

  /** Put the flyer marker at a point (the time slider), or remove it with null. */
  setFlyer(lon: number, lat: number): void {
    if (!this.flyer) {
      const el = h("div", { class: "flyer", title: "missile at the slider's time" });
      this.flyer = new maplibregl.Marker({ element: el }).setLngLat([lon, lat]).addTo(this.map);
    } else this.flyer.setLngLat([lon, lat]);
  }
}
