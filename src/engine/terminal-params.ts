/** Turning a scenario's `terminal` block into the seeker, weather and damage function of a run. */

import type { Rng } from "../core/rng.js";
import { type CarletonParams, NOTIONAL_LETHAL_RADII } from "../effects/damage.js";
import { CLEAR_WEATHER, type Weather } from "../guidance/atmospheric-extinction.js";
import { JASSM_CLASS_IIR_SEEKER, Seeker, type SeekerParams } from "../guidance/seeker.js";
import type { TerminalSensor } from "../mission/simulate.js";
import type { TerminalScenario } from "../scenario/terminal-schema.js";

/** The weather a terminal block describes (clear air when it says nothing). */
export function weatherFromScenario(t: TerminalScenario | undefined): Weather {
  const w = t?.weather;
  if (!w) return CLEAR_WEATHER;
  return {
    visibility_m: w.visibility_km * 1000,
    rainRate_mmph: w.rain_mmph,
    cloudBase_m: w.cloud_base_m ?? Number.POSITIVE_INFINITY,
    cloudTop_m:
      w.cloud_top_m ??
      (w.cloud_base_m === undefined ? Number.POSITIVE_INFINITY : w.cloud_base_m + 1000),
    fogType: w.fog_type,
  };
}

/** The seeker's parameters: the notional preset with the block's overrides. */
export function seekerParamsFromScenario(t: TerminalScenario | undefined): SeekerParams | null {
  const s = t?.seeker;
  if (!s) return null;
  const o = s.overrides ?? {};
  const k = o.acquisition_scale ?? 1;
  const base = JASSM_CLASS_IIR_SEEKER;
  const scale = (r: { day_m: number; night_m: number }) => ({
    day_m: r.day_m * k,
    night_m: r.night_m * k,
  });
  return {
    ...base,
    fov_deg: o.fov_deg ?? base.fov_deg,
    gimbal_deg: o.gimbal_deg ?? base.gimbal_deg,
    noise_rad: o.noise_mrad === undefined ? base.noise_rad : o.noise_mrad * 1e-3,
    lockLoss_perS: o.lock_loss_per_s ?? base.lockLoss_perS,
    acqRange_m: {
      high: scale(base.acqRange_m.high),
      medium: scale(base.acqRange_m.medium),
      low: scale(base.acqRange_m.low),
    },
    ...(s.search?.pattern === "scan" && s.search.radius_m !== undefined
      ? { searchRadius_m: s.search.radius_m }
      : {}),
  };
}

/** A fresh seeker (its own "seeker" stream of the run's Rng root) and weather, or null without one. */
export function terminalSensorFromScenario(
  t: TerminalScenario | undefined,
  root: Rng,
): TerminalSensor | null {
  const params = seekerParamsFromScenario(t);
  if (!params || !t?.seeker) return null;
  return {
    seeker: new Seeker(params, root.stream("seeker"), {
      contrast: t.seeker.contrast,
      night: t.seeker.night,
    }),
    weather: weatherFromScenario(t),
  };
}

/** The damage function of the block's target class, or null. */
export function damageFromScenario(t: TerminalScenario | undefined): CarletonParams | null {
  return t?.target_class ? NOTIONAL_LETHAL_RADII[t.target_class] : null;
}
