/**
 * Fly a rigid body (6-DOF) from its initial conditions for a fixed duration: the generic `body`
 * scenario, used for the NASA check cases and any free-flying object.
 *
 * The loop steps RK4 on a fixed grid t = i·h (times are computed, not accumulated, so they do not
 * drift), samples every `sampleEvery` steps, stops at ground contact if asked, and stops with a
 * diagnosis as soon as any state variable becomes non-finite, keeping the samples taken so far.
 */

import { SampleTable } from "../core/sample-table.js";
import {
  ATMOSPHERE_MAX_ALT_M,
  ATMOSPHERE_MIN_ALT_M,
  isAltitudeInAtmosphere,
} from "../earth/atmosphere.js";
import type { EarthModel } from "../earth/earth-model.js";
import { ecefToGeodetic, ecefToGeodeticTrig, GEO_H, GEO_SIZE } from "../earth/ellipsoid.js";
import type { AeroCoefficients } from "./aero-coefficients.js";
import { BODY_COLUMNS, BodyObserver } from "./body-observer.js";
import { findCrossing } from "./crossing.js";
import { type InitialConditions, initialState6Dof } from "./initial-state.js";
import { Rk4 } from "./ode.js";
import { type MassProperties, RigidBody6Dof, S6_RX, S6_SIZE } from "./rigid-body-6dof.js";
import type { RunEvent, RunOutcome, RunResult } from "./run-result.js";

/** Everything a body run needs, in SI units. */
export interface BodyRunParams {
  readonly earth: EarthModel;
  readonly mass: MassProperties;
  readonly aero: AeroCoefficients;
  readonly initial: InitialConditions;
  /** Simulated time, s (> 0). */
  readonly duration_s: number;
  /** Integration step, s (> 0). */
  readonly step_s: number;
  /** Record a sample every this many steps (≥ 1). */
  readonly sampleEvery: number;
  /** Stop when the body descends through this height above the ellipsoid (m); null: never. */
  readonly stopBelowAlt_m: number | null;
}

/** Names of the 6-DOF state variables, for diagnosing a non-finite state. */
const STATE_NAMES = [
  "ECI position x",
  "ECI position y",
  "ECI position z",
  "ECI velocity x",
  "ECI velocity y",
  "ECI velocity z",
  "attitude quaternion w",
  "attitude quaternion x",
  "attitude quaternion y",
  "attitude quaternion z",
  "body rate p",
  "body rate q",
  "body rate r",
];

/** Run a 6-DOF body and return its sampled trajectory, events and outcome. */
export function runBody(params: BodyRunParams): RunResult {
  const { earth, step_s: h, sampleEvery } = params;
  const body = new RigidBody6Dof(params.mass, params.aero, earth);
  const observer = new BodyObserver(body);
  const rk4 = new Rk4(S6_SIZE);
  const x = new Float64Array(S6_SIZE);
  const prev = new Float64Array(S6_SIZE);
  initialState6Dof(earth, params.initial, x);

  const nSteps = Math.max(1, Math.ceil(params.duration_s / h - 1e-9));
  const samples = new SampleTable(BODY_COLUMNS, Math.floor(nSteps / sampleEvery) + 2);
  const events: RunEvent[] = [];
  const geo = new Float64Array(GEO_SIZE);

  const stopAlt = params.stopBelowAlt_m;
  const ell = earth.ellipsoid;
  // Cheap radius tests decide when the exact (costlier) altitude is needed: the height above the
  // ellipsoid h satisfies |r| − a ≤ h ≤ |r| − b.
  const stopR2 = stopAlt === null ? -1 : (ell.a_m + Math.max(stopAlt, 0)) ** 2;
  const atm = earth.atmosphere;
  const atmTopR2 = (ell.b_m + ATMOSPHERE_MAX_ALT_M) ** 2;
  const atmBottomR2 = (ell.a_m + ATMOSPHERE_MIN_ALT_M) ** 2;

  let outcome: RunOutcome | null = record(samples, observer.observe(0, x), 0);
  for (let i = 1; i <= nSteps && outcome === null; i++) {
    prev.set(x);
    const t0 = (i - 1) * h;
    const dt = i === nSteps ? params.duration_s - t0 : h;
    rk4.step(body, t0, x, dt);
    const t = i === nSteps ? params.duration_s : i * h;

    let sum = 0;
    for (let k = 0; k < S6_SIZE; k++) sum += x[k];
    if (!Number.isFinite(sum)) {
      outcome = diagnoseNonFinite(params, t0, t, prev, x);
      break;
    }
    const r2 = x[S6_RX] ** 2 + x[S6_RX + 1] ** 2 + x[S6_RX + 2] ** 2;
    if (r2 < stopR2 || (atm && (r2 > atmTopR2 || r2 < atmBottomR2))) {
      const alt = altitudeOf(earth, t, x, geo);
      if (stopAlt !== null && alt < stopAlt) {
        outcome = groundImpact(params, body, observer, prev, x, t0, dt, stopAlt, samples, events);
        break;
      }
      if (atm && !isAltitudeInAtmosphere(alt)) {
        outcome = {
          status: "failed",
          t_s: t0,
          message: `at t = ${t.toFixed(4)} s the body reached ${alt.toFixed(0)} m, outside the atmosphere model (${ATMOSPHERE_MIN_ALT_M} to ${ATMOSPHERE_MAX_ALT_M} m); turn the atmosphere off for flight beyond it. Samples up to t = ${t0.toFixed(4)} s were kept.`,
        };
        break;
      }
    }
    if (i % sampleEvery === 0 || i === nSteps) outcome = record(samples, observer.observe(t, x), t);
  }
  return {
    samples,
    events,
    outcome: outcome ?? {
      status: "completed",
      t_s: params.duration_s,
      message: `flew the full ${params.duration_s} s`,
    },
  };
}

/**
 * Append an output row, unless one of its values is non-finite (which the state check cannot see,
 * e.g. an air-data quantity): then end the run with a failure naming the column.
 */
function record(samples: SampleTable, row: Float64Array, t: number): RunOutcome | null {
  for (let c = 0; c < row.length; c++) {
    if (!Number.isFinite(row[c])) {
      return {
        status: "failed",
        t_s: t,
        message: `at t = ${t.toFixed(4)} s the output ${BODY_COLUMNS[c]} became non-finite (${row[c]}); samples before it were kept.`,
      };
    }
  }
  samples.push(row);
  return null;
}

/** Height above the ellipsoid (m) of the state at time t. */
function altitudeOf(earth: EarthModel, t: number, x: Float64Array, geo: Float64Array): number {
  const th = earth.omega_radps * t;
  const c = Math.cos(th);
  const s = Math.sin(th);
  const xi = x[S6_RX];
  const yi = x[S6_RX + 1];
  ecefToGeodeticTrig(earth.ellipsoid, c * xi + s * yi, -s * xi + c * yi, x[S6_RX + 2], geo);
  return geo[GEO_H];
}

/**
 * The body crossed the stop altitude during the last step: find the crossing by bisection on
 * re-integrated sub-steps and record a final sample and event there.
 */
function groundImpact(
  params: BodyRunParams,
  body: RigidBody6Dof,
  observer: BodyObserver,
  prev: Float64Array,
  x: Float64Array,
  t0: number,
  dt: number,
  stopAlt: number,
  samples: SampleTable,
  events: RunEvent[],
): RunOutcome {
  const geo = new Float64Array(GEO_SIZE);
  const hi = findCrossing(
    body,
    prev,
    t0,
    dt,
    (t, s) => altitudeOf(params.earth, t, s, geo) - stopAlt,
    x,
  );
  const tImpact = t0 + hi;
  const row = observer.observe(tImpact, x);
  samples.push(row);
  const speed = Math.hypot(row[4], row[5], row[6]);
  events.push({
    t_s: tImpact,
    kind: "ground_impact",
    message: `descended through ${stopAlt} m at t = ${tImpact.toFixed(3)} s`,
    data: { lat_deg: row[1], lon_deg: row[2], alt_m: row[3], speed_mps: speed },
  });
  return {
    status: "ground_impact",
    t_s: tImpact,
    message: `reached ${stopAlt} m above the ellipsoid at t = ${tImpact.toFixed(3)} s, ${speed.toFixed(1)} m/s`,
  };
}

/** Say when the state became non-finite, which quantity, and the likely cause. */
function diagnoseNonFinite(
  params: BodyRunParams,
  t0: number,
  t: number,
  prev: Float64Array,
  x: Float64Array,
): RunOutcome {
  const bad = STATE_NAMES.filter((_, k) => !Number.isFinite(x[k]));
  const lla = new Float64Array(3);
  const th = params.earth.omega_radps * t0;
  const c = Math.cos(th);
  const s = Math.sin(th);
  ecefToGeodetic(
    params.earth.ellipsoid,
    c * prev[0] + s * prev[1],
    -s * prev[0] + c * prev[1],
    prev[2],
    lla,
  );
  const alt = lla[2];
  let cause = "";
  if (params.earth.atmosphere && !isAltitudeInAtmosphere(alt)) {
    cause = ` The body was at ${alt.toFixed(0)} m, outside the atmosphere model (−5,000 to 86,000 m); turn the atmosphere off for exo-atmospheric flight.`;
  } else if (Number.isFinite(alt) && alt < -5000) {
    cause = ` The body was ${(-alt).toFixed(0)} m below the ellipsoid; set a stop altitude so it stops at the ground.`;
  }
  return {
    status: "failed",
    t_s: t0,
    message: `the state became non-finite in the step from t = ${t0.toFixed(4)} s to ${t.toFixed(4)} s: ${bad.join(", ")} (last finite altitude ${Number.isFinite(alt) ? `${alt.toFixed(1)} m` : "unknown"}).${cause} No values after t = ${t0.toFixed(4)} s were written.`,
  };
}
