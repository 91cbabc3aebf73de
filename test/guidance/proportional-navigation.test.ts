import { describe, expect, it } from "vitest";
import {
  headingErrorCommand,
  headingErrorMissNormalised,
  type PlanarEngagementParams,
  simulateLinearHoming,
  simulatePlanarEngagement,
  targetStepMissNormalised,
} from "../../src/guidance/planar-engagement.js";
import {
  impactAngleAccel,
  impactAnglePn3,
  newGuidanceCommand3,
  pnAccel,
  truePn3,
  wrapPi,
} from "../../src/guidance/proportional-navigation.js";

const DEG = Math.PI / 180;
const G = 9.80665;
const VM = 250;
const TF = 10;
const HE = 5 * DEG;

/** A fixed target straight ahead, the missile launched with a heading error. */
function headingErrorCase(navRatio: number, tau_s: number, dt_s = 0.001): PlanarEngagementParams {
  return {
    vm_mps: VM,
    xm0_m: 0,
    ym0_m: 0,
    gamma0_rad: HE,
    xt0_m: VM * TF,
    yt0_m: 0,
    vt_mps: 0,
    beta0_rad: 0,
    nt_mps2: 0,
    law: "pn",
    navRatio,
    finalAngle_rad: 0,
    tau_s,
    maxAccel_mps2: Number.POSITIVE_INFINITY,
    dt_s,
    maxTime_s: 3 * TF,
    tgoMin_s: 0.1,
  };
}

describe("zero-lag proportional navigation against a heading error (Zarchan ch. 2)", () => {
  it("the nonlinear engagement matches n_c = −V·HE·N′/t_F·(1 − t/t_F)^(N′−2) within 2 %", () => {
    for (const n of [3, 4, 5]) {
      const r = simulatePlanarEngagement(headingErrorCase(n, 0));
      const nc0 = Math.abs(headingErrorCommand(VM, HE, n, TF, 0));
      let worstAbs = 0;
      let worstRel = 0;
      for (let i = 0; i < r.t_s.length; i++) {
        const t = r.t_s[i];
        if (t > 0.9 * TF) break;
        const ref = headingErrorCommand(VM, HE, n, TF, t);
        worstAbs = Math.max(worstAbs, Math.abs(r.ac_mps2[i] - ref) / nc0);
        if (t <= 0.5 * TF) worstRel = Math.max(worstRel, Math.abs(r.ac_mps2[i] / ref - 1));
      }
      // Measured: 0.51 % for every N′ (the cos(HE) closing-speed term of the nonlinear geometry).
      expect(worstRel).toBeLessThan(0.02);
      expect(worstAbs).toBeLessThan(0.02);
      expect(r.miss_m).toBeLessThan(1e-3);
      expect(r.time_s / TF - 1).toBeLessThan(0.01);
    }
  });

  it("the linearised loop reproduces the closed form to 1e-5 of n_c(0)", () => {
    for (const n of [3, 4, 5]) {
      const r = simulateLinearHoming({
        vm_mps: VM,
        vc_mps: VM,
        tf_s: TF,
        he_rad: HE,
        nt_mps2: 0,
        navRatio: n,
        tau_s: 0,
        dt_s: 0.001,
      });
      const nc0 = Math.abs(headingErrorCommand(VM, HE, n, TF, 0));
      for (let i = 0; i < r.t_s.length - 1; i++) {
        if (r.t_s[i] > 0.95 * TF) break;
        const ref = headingErrorCommand(VM, HE, n, TF, r.t_s[i]);
        expect(Math.abs(r.ac_mps2[i] - ref) / nc0).toBeLessThan(1e-5);
      }
      expect(Math.abs(r.miss_m)).toBeLessThan(1e-3);
    }
  });
});

describe("miss distance with a first-order guidance lag", () => {
  const xs = [0.5, 1, 2, 3, 5, 10];

  it("the linear loop matches the adjoint closed form miss/(−V·HE·τ)", () => {
    for (const n of [3, 4, 5]) {
      for (const x of xs) {
        const tau = TF / x;
        const r = simulateLinearHoming({
          vm_mps: VM,
          vc_mps: VM,
          tf_s: TF,
          he_rad: HE,
          nt_mps2: 0,
          navRatio: n,
          tau_s: tau,
          dt_s: 0.0005,
        });
        expect(r.miss_m / (-VM * HE * tau)).toBeCloseTo(headingErrorMissNormalised(n, x), 4);
      }
    }
  });

  it("for t_F = τ the miss falls as N′ rises 3 → 4 → 5, in both models", () => {
    // Closed form at x = 1: 0.1839, 0.0613, −0.0153 (× V·HE·τ).
    const tau = TF;
    const lin = [3, 4, 5].map(
      (n) =>
        simulateLinearHoming({
          vm_mps: VM,
          vc_mps: VM,
          tf_s: TF,
          he_rad: HE,
          nt_mps2: 0,
          navRatio: n,
          tau_s: tau,
          dt_s: 0.0005,
        }).miss_m,
    );
    const nl = [3, 4, 5].map(
      (n) => simulatePlanarEngagement(headingErrorCase(n, tau, 0.0005)).miss_m,
    );
    for (const m of [lin.map(Math.abs), nl]) {
      expect(m[0]).toBeGreaterThan(m[1]);
      expect(m[1]).toBeGreaterThan(m[2]);
    }
    // Nonlinear and linear misses agree within 0.02·V·HE·τ (measured 0.011 for N′ = 3, where the
    // weakly guided missile's geometry departs most from the linearisation).
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(nl[i] - Math.abs(lin[i])) / (VM * HE * tau)).toBeLessThan(0.02);
    }
  });

  it("is not monotone in N′ at every flight time: the adjoint order at t_F = 5τ is N′ = 4 < 5 < 3", () => {
    const miss = (n: number) =>
      Math.abs(simulatePlanarEngagement(headingErrorCase(n, TF / 5, 0.0005)).miss_m);
    const [m3, m4, m5] = [miss(3), miss(4), miss(5)];
    expect(m4).toBeLessThan(m5);
    expect(m5).toBeLessThan(m3);
  });

  it("averaged over flight time, the squared miss falls with N′: ∫(miss/VHEτ)² dx = 1/16, 1/32, 5/256", () => {
    const integral = (n: number) => {
      let s = 0;
      const h = 0.001;
      for (let x = h / 2; x < 60; x += h) s += headingErrorMissNormalised(n, x) ** 2 * h;
      return s;
    };
    expect(integral(3)).toBeCloseTo(1 / 16, 6);
    expect(integral(4)).toBeCloseTo(1 / 32, 6);
    expect(integral(5)).toBeCloseTo(5 / 256, 6);
  });

  it("target-step miss closed form matches the linear loop", () => {
    for (const n of [3, 4, 5]) {
      for (const x of [1, 3, 6]) {
        const tau = TF / x;
        const nt = 3 * G;
        const r = simulateLinearHoming({
          vm_mps: VM,
          vc_mps: VM,
          tf_s: TF,
          he_rad: 0,
          nt_mps2: nt,
          navRatio: n,
          tau_s: tau,
          dt_s: 0.0005,
        });
        expect(r.miss_m / (nt * tau * tau)).toBeCloseTo(targetStepMissNormalised(n, x), 4);
      }
    }
  });
});

describe("impact-angle-constrained guidance", () => {
  it("hits a ground target at the commanded dive angle, with and without lag", () => {
    for (const gf of [-30, -60, -85]) {
      for (const tau of [0, 0.1, 0.3]) {
        const r = simulatePlanarEngagement({
          vm_mps: VM,
          xm0_m: 0,
          ym0_m: 100,
          gamma0_rad: 0,
          xt0_m: 4000,
          yt0_m: 0,
          vt_mps: 0,
          beta0_rad: 0,
          nt_mps2: 0,
          law: "impact-angle",
          navRatio: 4,
          finalAngle_rad: gf * DEG,
          tau_s: tau,
          maxAccel_mps2: 30 * G,
          dt_s: 0.0005,
          maxTime_s: 60,
          tgoMin_s: 0.1,
        });
        // Measured: miss ≤ 0.012 m; angle error ≤ 0.27°.
        expect(r.miss_m).toBeLessThan(0.5);
        expect(Math.abs(r.finalGamma_rad / DEG - gf)).toBeLessThan(0.5);
      }
    }
  });

  it("the planar law is PN with N′ = 4 plus a bias 2V(λ − λ_F)/t_go", () => {
    expect(impactAngleAccel(200, 0.01, 0.3, 0.3, 5)).toBeCloseTo(pnAccel(4, 200, 0.01), 12);
    expect(impactAngleAccel(200, 0, 0.3, 0.2, 5)).toBeCloseTo((2 * 200 * 0.1) / 5, 12);
    expect(wrapPi(3 * Math.PI)).toBeCloseTo(Math.PI, 12);
    expect(wrapPi(-3.5 * Math.PI)).toBeCloseTo(0.5 * Math.PI, 12);
  });
});

describe("3-D laws", () => {
  it("true PN is N′·V_c·λ̇ perpendicular to the line of sight, in any plane", () => {
    const out = newGuidanceCommand3();
    // Target 2 km north, 200 m below; missile flying north-east-ish and level at 250 m/s.
    const rn = 2000;
    const re = 0;
    const rd = 200;
    const vn = -240;
    const ve = -70;
    const vd = 0;
    truePn3(rn, re, rd, vn, ve, vd, 4, Number.POSITIVE_INFINITY, out);
    const r = Math.hypot(rn, re, rd);
    const vc = -(rn * vn + re * ve + rd * vd) / r;
    expect(out.closing_mps).toBeCloseTo(vc, 12);
    const amag = Math.hypot(out.a_n, out.a_e, out.a_d);
    expect(amag).toBeCloseTo(4 * vc * out.losRate_radps, 9);
    expect(Math.abs(out.a_n * rn + out.a_e * re + out.a_d * rd) / (amag * r)).toBeLessThan(1e-12);
    // In the horizontal plane it reproduces the planar law with λ̇ = (r × v)_z / r².
    truePn3(1000, 0, 0, -250, 10, 0, 3, Number.POSITIVE_INFINITY, out);
    const losRate = (1000 * 10 - 0 * -250) / 1e6;
    expect(out.a_e).toBeCloseTo(pnAccel(3, 250, losRate), 12);
    expect(out.a_n).toBeCloseTo(0, 12);
    // The limit clips the magnitude.
    truePn3(1000, 0, 0, -250, 100, 0, 5, 50, out);
    expect(Math.hypot(out.a_n, out.a_e, out.a_d)).toBeCloseTo(50, 9);
  });

  it("the 3-D impact-angle law reduces to the planar law in a vertical plane", () => {
    const out = newGuidanceCommand3();
    // Missile 3 km south of the target and 300 m above it, flying north and diving at 3°.
    const rn = 3000;
    const rd = 300;
    const v = 250;
    const g0 = -3 * DEG;
    const vn = -v * Math.cos(g0);
    const vd = v * Math.sin(g0); // relative velocity = −missile velocity; missile v_d = −v·sin(γ)
    const gf = -(Math.atan2(rd, rn) / DEG + 0.5) * DEG; // desired dive 0.5° steeper than the LOS
    const dn = Math.cos(gf);
    const dd = -Math.sin(gf);
    impactAnglePn3(rn, 0, rd, vn, 0, vd, dn, 0, dd, 0.1, Number.POSITIVE_INFINITY, out);
    // Planar, x north and y up: LOS angle λ = atan2(−rd, rn), λ̇ = (rx·vy − ry·vx)/r².
    const rx = rn;
    const ry = -rd;
    const vx = vn;
    const vy = -vd;
    const r2 = rx * rx + ry * ry;
    const lam = Math.atan2(ry, rx);
    const lamDot = (rx * vy - ry * vx) / r2;
    const vc = -(rx * vx + ry * vy) / Math.sqrt(r2);
    const tgo = Math.sqrt(r2) / vc;
    const planar = 4 * vc * lamDot + (2 * vc * Math.sin(lam - gf)) / tgo;
    // The planar command is along n̂ = (−sin λ, cos λ) in (x, y) = (north, up).
    const aUp = -out.a_d;
    const aAlong = -Math.sin(lam) * out.a_n + Math.cos(lam) * aUp;
    expect(aAlong).toBeCloseTo(planar, 9);
    expect(out.a_e).toBeCloseTo(0, 12);
    expect(
      Math.abs(planar - impactAngleAccel(vc, lamDot, lam, gf, tgo)) / Math.abs(planar),
    ).toBeLessThan(1e-4);
  });
});
