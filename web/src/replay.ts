/**
 * 3-D replay with CesiumJS, in a frame of its own (replay.html): Cesium's own prebuilt files served
 * by the app at /cesium/, loaded when the tab first opens; the Natural Earth II imagery that
 * ships with Cesium (no Ion, no internet), the scenario's own elevation grid as terrain through a
 * custom heightmap provider, and the CZML `standoff run` wrote. Flyers are points with short
 * trails (not whole-flight polylines), so a 24-missile salvo stays smooth; engagement envelopes
 * are the CZML's extruded ellipses; the timeline and animation widgets give play, pause and speed.
 */

import type * as CesiumNs from "cesium";

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

/** The terrain grid the page fetched: n × n heights over a box, rows from the south. */
export interface Grid {
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

/** What the frame replays: a run's CZML and, when the scenario has terrain, its grid. */
export interface ReplayRequest {
  readonly czmlUrl: string;
  readonly grid: Grid | null;
  /** A salvo's engagement.json (kills and fates), for kill and leak markers. */
  readonly engagementUrl?: string;
  /** A single run's summary.json (its end: killed, impact, ...), for its end marker. */
  readonly summaryUrl?: string;
}

/** The parts of engagement.json the markers need. */
interface Engagement {
  readonly flyers?: readonly { name: string; fate: string; killed_by: string | null }[];
  readonly events?: readonly { t_s: number; kind: string; site: string; flyer: string }[];
}

/** The viewer inside the replay frame (replay.html). */
export class ReplayViewer {
  readonly viewer: CesiumNs.Viewer;

  constructor(
    private readonly C: CesiumT,
    el: HTMLElement,
  ) {
    this.viewer = this.createViewer(C);
    void el;
  }

  /** Show a run: its CZML with short trails, the terrain, the clock playing. */
  async show(req: ReplayRequest): Promise<void> {
    const C = this.C;
    const viewer = this.viewer;
    if (req.grid) viewer.terrainProvider = this.terrain(C, req.grid);
    viewer.dataSources.removeAll();
    const ds = await C.CzmlDataSource.load(req.czmlUrl);
    for (const e of ds.entities.values) {
      // Envelope volumes faint enough that the terrain and the flyers inside stay visible.
      const m = e.ellipse?.material;
      if (e.ellipse && m instanceof C.ColorMaterialProperty) {
        const c = m.color?.getValue(ds.clock.startTime);
        if (c)
          e.ellipse.material = new C.ColorMaterialProperty(c.withAlpha(Math.min(c.alpha, 0.07)));
      }
      if (e.path) {
        e.path.trailTime = new C.ConstantProperty(TRAIL_S);
        e.path.leadTime = new C.ConstantProperty(0);
        e.path.resolution = new C.ConstantProperty(5);
      }
    }
    // Labels never overlap: Cesium's own clustering merges labels that would collide on screen
    // into one count ("4 labels"); zoom in to read them. Points and trails are not clustered, so
    // every flyer stays visible.
    ds.clustering.enabled = true;
    ds.clustering.pixelRange = 24;
    ds.clustering.minimumClusterSize = 2;
    ds.clustering.clusterPoints = false;
    ds.clustering.clusterBillboards = false;
    ds.clustering.clusterLabels = true;
    ds.clustering.clusterEvent.addEventListener((clustered, cluster) => {
      cluster.label.show = true;
      cluster.label.text = `${clustered.length} labels`;
      cluster.label.font = "12px sans-serif";
      cluster.label.showBackground = true;
      cluster.billboard.show = false;
      cluster.point.show = false;
    });
    await viewer.dataSources.add(ds);
    if (req.engagementUrl) await this.markEvents(ds, req.engagementUrl);
    if (req.summaryUrl) await this.markEnd(ds, req.summaryUrl);
    viewer.clock.startTime = ds.clock.startTime.clone();
    viewer.clock.stopTime = ds.clock.stopTime.clone();
    viewer.clock.currentTime = ds.clock.startTime.clone();
    viewer.clock.clockRange = C.ClockRange.LOOP_STOP;
    viewer.clock.multiplier = 20;
    viewer.clock.shouldAnimate = true;
    viewer.timeline.zoomTo(ds.clock.startTime, ds.clock.stopTime);
    this.frame(ds);
  }

  /**
   * Look at the flight, not at the whole data source: the envelopes' volumes reach 200 km and
   * more, and framing them leaves the flyers a few pixels wide. The view takes in every point
   * entity (flyers at their start, sites, route points) from the south-west at 50° down.
   */
  private frame(ds: CesiumNs.CzmlDataSource): void {
    const C = this.C;
    const t = ds.clock.startTime;
    const pts: CesiumNs.Cartesian3[] = [];
    for (const e of ds.entities.values) {
      if (!e.point) continue;
      const p = e.position?.getValue(t) ?? e.position?.getValue(ds.clock.stopTime);
      if (p) pts.push(p);
    }
    if (pts.length === 0) return;
    const sphere = C.BoundingSphere.fromPoints(pts);
    const range = Math.max(20_000, sphere.radius * 3.2);
    this.viewer.camera.viewBoundingSphere(
      sphere,
      new C.HeadingPitchRange(C.Math.toRadians(20), C.Math.toRadians(-50), range),
    );
    this.viewer.camera.lookAtTransform(C.Matrix4.IDENTITY);
    this.viewer.scene.requestRender();
  }

  /**
   * Kill and leak markers from a salvo's engagement.json: a red mark where each flyer was shot
   * down (its CZML position at the kill time), a green one where each flyer that was not shot
   * down ended its flight; each appears at its time and stays.
   */
  private async markEvents(ds: CesiumNs.CzmlDataSource, url: string): Promise<void> {
    const C = this.C;
    const r = await fetch(url);
    if (!r.ok) return;
    const eng = (await r.json()) as Engagement;
    // salvo.czml from this version carries its own kill/arrival/leak markers: do not draw twice.
    if (ds.entities.values.some((e) => /^(kill|arrived|leaked)-/.test(e.id))) return;
    const start = ds.clock.startTime;
    const stop = ds.clock.stopTime;
    const entity = (name: string) =>
      ds.entities.getById(name) ?? ds.entities.getById(name.toLowerCase());
    const mark = (
      id: string,
      e: CesiumNs.Entity,
      at: CesiumNs.JulianDate,
      colour: CesiumNs.Color,
      text: string,
    ) => {
      const pos = e.position?.getValue(at);
      if (!pos) return;
      ds.entities.add({
        id,
        position: pos,
        availability: new C.TimeIntervalCollection([new C.TimeInterval({ start: at, stop })]),
        point: { pixelSize: 12, color: colour, outlineColor: C.Color.BLACK, outlineWidth: 1 },
        label: {
          text,
          font: "12px sans-serif",
          fillColor: colour,
          pixelOffset: new C.Cartesian2(10, -10),
          showBackground: true,
          backgroundColor: C.Color.fromCssColorString("rgba(0,0,0,0.6)"),
        },
      });
    };
    for (const ev of eng.events ?? []) {
      if (ev.kind !== "killed") continue;
      const e = entity(ev.flyer);
      if (e)
        mark(
          `kill-${ev.flyer}`,
          e,
          C.JulianDate.addSeconds(start, ev.t_s, new C.JulianDate()),
          C.Color.RED,
          `✕ ${ev.flyer} killed by ${ev.site}`,
        );
    }
    for (const f of eng.flyers ?? []) {
      if (f.fate === "killed") continue;
      const e = entity(f.name);
      const end = e?.availability?.stop;
      if (e && end)
        mark(`leak-${f.name}`, e, end, C.Color.LIME, `${f.name} ${f.fate.replaceAll("_", " ")}`);
    }
  }

  /** A single run's end: a red mark where the missile was shot down, else a green one. */
  private async markEnd(ds: CesiumNs.CzmlDataSource, url: string): Promise<void> {
    const C = this.C;
    const r = await fetch(url);
    if (!r.ok) return;
    const s = (await r.json()) as { status?: string; killed_by?: string | null };
    const e = ds.entities.getById("missile");
    const end = e?.availability?.stop ?? ds.clock.stopTime;
    const pos = e?.position?.getValue(end);
    if (!e || !pos || !s.status) return;
    const killed = s.status === "killed";
    const colour = killed ? C.Color.RED : C.Color.LIME;
    ds.entities.add({
      id: killed ? "kill-missile" : "end-missile",
      position: pos,
      availability: new C.TimeIntervalCollection([
        new C.TimeInterval({ start: end, stop: ds.clock.stopTime }),
      ]),
      point: { pixelSize: 12, color: colour, outlineColor: C.Color.BLACK, outlineWidth: 1 },
      label: {
        text: killed
          ? `✕ killed by ${s.killed_by ?? "air defence"}`
          : s.status.replaceAll("_", " "),
        font: "12px sans-serif",
        fillColor: colour,
        pixelOffset: new C.Cartesian2(10, -10),
        showBackground: true,
        backgroundColor: C.Color.fromCssColorString("rgba(0,0,0,0.6)"),
      },
    });
  }

  private createViewer(C: CesiumT): CesiumNs.Viewer {
    C.Ion.defaultAccessToken = "";
    const viewer = new C.Viewer("cesium", {
      baseLayer: false,
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
      terrainProvider: new C.EllipsoidTerrainProvider(),
      skyBox: false,
      skyAtmosphere: false,
      // Draw only when asked (below: on each clock tick while playing), never idle frames.
      requestRenderMode: true,
      maximumRenderTimeChange: Number.POSITIVE_INFINITY,
    });
    viewer.scene.fog.enabled = false;
    viewer.scene.globe.showGroundAtmosphere = false;
    viewer.scene.postProcessStages.fxaa.enabled = false;
    viewer.scene.globe.baseColor = C.Color.fromCssColorString("#2e4057");
    // Keep the clock running while envelope volumes are still being built in Cesium's workers.
    viewer.allowDataSourcesToSuspendAnimation = false;
    viewer.clock.onTick.addEventListener((clock) => {
      if (clock.shouldAnimate) viewer.scene.requestRender();
    });
    // Natural Earth II ships inside Cesium's build: imagery with no network.
    void C.TileMapServiceImageryProvider.fromUrl(
      C.buildModuleUrl("Assets/Textures/NaturalEarthII"),
    ).then((p) => {
      viewer.imageryLayers.addImageryProvider(p, 0);
      viewer.scene.requestRender();
    });
    return viewer;
  }

  /** The scenario's grid as terrain (heights 0 outside it), or the bare ellipsoid. */
  private terrain(C: CesiumT, g: Grid): CesiumNs.TerrainProvider {
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
