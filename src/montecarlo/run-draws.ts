/**
 * The random part of a study's runs: run i's seed and dispersed values, drawn from the study seed
 * and i alone (never from the worker or the order of work), so any run can be replayed.
 */

import { Rng } from "../core/rng.js";
import type { RunDraw, StudyScenario } from "../scenario/dispersions.js";

/** The study seed: --seed, else dispersions.study_seed, else the scenario's seed. */
export function studySeedOf(study: StudyScenario, override?: number): number {
  return override ?? study.dispersions.study_seed ?? study.base.seed;
}

/** Run i's seed and parameter draws under the study seed (deterministic, order-free). */
export function drawRun(study: StudyScenario, studySeed: number, index: number): RunDraw {
  const runRng = Rng.fromSeed(studySeed).stream(`run-${index}`);
  // 21 + 32 bits: a seed anywhere in the schema's 0 … 2^53 − 1.
  const seed = (runRng.nextUint32() >>> 11) * 4294967296 + runRng.nextUint32();
  const values = study.params.map((rp) => {
    const rng = runRng.stream(`dispersion:${rp.param.path}`);
    const p = rp.param;
    switch (p.dist) {
      case "normal":
        return rp.nominal + p.sd * rng.normal();
      case "uniform":
        return p.min + (p.max - p.min) * rng.next();
      case "normal_relative":
        return rp.nominal * (1 + p.sd_fraction * rng.normal());
      default:
        throw new RangeError(`unknown distribution in ${rp.param.path}`);
    }
  });
  return { index, seed, values };
}
