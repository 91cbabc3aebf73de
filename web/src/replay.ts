/**
 * 3-D replay with CesiumJS: Cesium's own prebuilt files served by the app at /cesium/ (loaded
 * when this tab first opens, so the page itself stays light), the Natural Earth II imagery that
 * ships with Cesium (no Ion, no internet), the scenario's own elevation grid as terrain through a
 * custom heightmap provider, and the CZML `standoff run` wrote. Flyers are points with short
 * trails (not whole-flight polylines), so a 24-missile salvo stays smooth; engagement envelopes
 * are the CZML's extruded ellipses; the timeline and animation widgets give play, pause and speed.
 */

import type * as CesiumNs from "cesium";
import type { JobView } from "./api.js";
import { api } from "./api.js";

type CesiumT = typeof CesiumNs;

declare global {
  interface Window {
    Cesium?: CesiumT;
    CESIUM_BASE_URL?: string;
  }
}

/** Seconds of trail behind each flyer. */
const TRAIL_S = 90;
/** Heightmap samples per tile side. */
const TILE = 32;

let loading: Promise<CesiumT> | null = null;

/** Load Cesium's prebuilt script and styles from /cesium/ once. */
function loadCesium(): Promise<CesiumT> {
  if (loading) return loading;
  loading = new Promise((resolve, reject) => {
    window.CESIUM_BASE_URL = "/cesium/";
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = "/cesium/Widgets/widgets.css";
    document.head.append(css);
    const s = document.createElement("script");
    s.src = "/cesium/Cesium.js";
    s.onload = () => (window.Cesium ? resolve(window.Cesium) : reject(new Error("no Cesium")));
    s.onerror = () => reject(new Error("CesiumJS is not available at /cesium/ (npm install cesium)"));
    document.head.append(s);
  });
  return loading;
}

/** The terrain grid the page fetched: n × n heights over a box, rows from the south. */
interface Grid {
  readonly n: number;
  readonly south: number;
  readonly west: number;
  readonly size: number;
  readonly h: Float32Array;
}

/** Height (m) at a point from the grid, bilinear; 0 outside it. */
export function gridHeight(g: Grid, lat: number, lon: number): number {
  const u = ((lat - g.south) / g.size) * (g.n - 1);
  const v = ((lon - g.west) / g.size) * (g.n - 1);
  if (!(u >= 0 && v >= 0 && u <= g.n - 1 && v <= g.n - 1)) return 0;
  const i = Math.min(Math.floor(u), g.n - 2);
  const j = Math.min(Math.floor(v), g.n - 2);
  const fu = u - i;
  const fv = v - j;
  const k = i * g.n + j;
  const a = g.h[k] + fv * (g.h[k + 1] - g.h[k]);
  const b = g.h[k + g.n] + fv * (g.h[k + g.n + 1] - g.h[k + g.n]);
  return a + fu * (b - a);
}

/** Fetch a terrain's height grid from the server (id from the map's terrain image URL). */
export async function fetchGrid(
  terrainUrl: string,
  box: { south: number; west: number; north: number; east: number },
  n = 257,
): Promise<Grid | null> {
  const id = /\/api\/terrain\/([0-9a-f]{32})\.png$/.exec(terrainUrl)?.[1];
  if (!id) return null;
  const r = await fetch(`/api/terrain-heights/${id}?n=${n}`);
  if (!r.ok) return null;
  return {
    n,
    south: box.south,
    west: box.west,
    size: box.north - box.south,
    h: new Float32Array(await r.arrayBuffer()),
  };
}

/** The 3-D tab. */
export class Replay {
  private job: JobView | null = null;
  private shown: string | null = null;
  private viewer: CesiumNs.Viewer | null = null;
  private grid: Grid | null = null;

  constructor(
    private readonly el: HTMLElement,
    private readonly note: HTMLElement,
  ) {}

  /** The run to replay next time the tab opens. */
  setJob(job: JobView): void {
    this.job = job;
  }

  /** The scenario's terrain for the next replay. */
  setGrid(grid: Grid | null): void {
    this.grid = grid;
  }

  /** The viewer (tests read its clock). */
  get cesiumViewer(): CesiumNs.Viewer | null {
    return this.viewer;
  }

  async open(): Promise<void> {
    const job = this.job;
    if (!job) return;
    const czml = job.files.find((f) => f.path === "salvo.czml" || f.path === "trajectory.czml");
    if (!czml) {
      this.note.textContent = "This run wrote no CZML (a body scenario): nothing to replay in 3-D.";
      return;
    }
    if (this.shown === job.id) return;
    this.note.textContent = "Loading CesiumJS…";
    let C: CesiumT;
    try {
      C = await loadCesium();
    } catch (e) {
      this.note.textContent = e instanceof Error ? e.message : String(e);
      return;
    }
    this.note.textContent = "";
    const viewer = this.viewer ?? this.createViewer(C);
    this.viewer = viewer;
    viewer.terrainProvider = this.terrain(C);
    viewer.dataSources.removeAll();
    const ds = await C.CzmlDataSource.load(api.fileUrl(job.id, czml.path));
    for (const e of ds.entities.values) {
      if (e.path) {
        e.path.trailTime = new C.ConstantProperty(TRAIL_S);
        e.path.leadTime = new C.ConstantProperty(0);
        e.path.resolution = new C.ConstantProperty(5);
      }
    }
    await viewer.dataSources.add(ds);
    viewer.clock.startTime = ds.clock.startTime.clone();
    viewer.clock.stopTime = ds.clock.stopTime.clone();
    viewer.clock.currentTime = ds.clock.startTime.clone();
    viewer.clock.clockRange = C.ClockRange.LOOP_STOP;
    viewer.clock.multiplier = 20;
    viewer.clock.shouldAnimate = true;
    viewer.timeline.zoomTo(ds.clock.startTime, ds.clock.stopTime);
    await viewer.zoomTo(ds, new C.HeadingPitchRange(0, C.Math.toRadians(-45), 0));
    this.shown = job.id;
  }

  private createViewer(C: CesiumT): CesiumNs.Viewer {
    C.Ion.defaultAccessToken = "";
    const imagery = C.ImageryLayer.fromProviderAsync(
      C.TileMapServiceImageryProvider.fromUrl(C.buildModuleUrl("Assets/Textures/NaturalEarthII")),
      {},
    );
    const viewer = new C.Viewer(this.el, {
      baseLayer: imagery,
      baseLayerPicker: false,
      geocoder: false,
      homeButton: false,
      sceneModePicker: false,
      navigationHelpButton: false,
      fullscreenButton: false,
      infoBox: false,
      selectionIndicator: false,
      animation: true,
      timeline: true,
      skyBox: false,
      skyAtmosphere: false,
    });
    viewer.scene.fog.enabled = false;
    viewer.scene.globe.depthTestAgainstTerrain = false;
    return viewer;
  }

  /** The scenario's grid as terrain (heights 0 outside it), or the bare ellipsoid. */
  private terrain(C: CesiumT): CesiumNs.TerrainProvider {
    const g = this.grid;
    if (!g) return new C.EllipsoidTerrainProvider();
    const scheme = new C.GeographicTilingScheme();
    return new C.CustomHeightmapTerrainProvider({
      width: TILE,
      height: TILE,
      tilingScheme: scheme,
      callback: (x, y, level) => {
        const r = scheme.tileXYToRectangle(x, y, level);
        const out = new Float32Array(TILE * TILE);
        const north = C.Math.toDegrees(r.north);
        const south = C.Math.toDegrees(r.south);
        const west = C.Math.toDegrees(r.west);
        const east = C.Math.toDegrees(r.east);
        // Rows from the north, as heightmap tiles are laid out.
        for (let i = 0; i < TILE; i++) {
          const lat = north - ((north - south) * i) / (TILE - 1);
          for (let j = 0; j < TILE; j++)
            out[i * TILE + j] = gridHeight(g, lat, west + ((east - west) * j) / (TILE - 1));
        }
        return out;
      },
    });
  }
}
