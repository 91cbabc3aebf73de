import { describe, expect, it } from "vitest";
import { mulMat3, mulMat3TVec3, mulMat3Vec3, transpose3 } from "../../src/core/mat3.js";
import {
  dcmToEuler,
  dcmToQuat,
  eulerToDcm,
  quatDerivative,
  quatMultiply,
  quatNormalize,
  quatToDcm,
} from "../../src/core/quat.js";

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) => {
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol);
};

describe("quaternions and direction-cosine matrices", () => {
  it("Euler → DCM → quaternion → DCM → Euler round-trips across the attitude sphere", () => {
    const m = new Float64Array(9);
    const m2 = new Float64Array(9);
    const q = new Float64Array(4);
    const e = new Float64Array(3);
    for (const roll of [-3, -1, 0, 0.5, 2.9]) {
      for (const pitch of [-1.5, -0.3, 0, 0.7, 1.55]) {
        for (const yaw of [-3.1, -1, 0, 1.2, 3.1]) {
          eulerToDcm(m, roll, pitch, yaw);
          dcmToQuat(q, 0, m);
          quatToDcm(m2, q, 0);
          close(m, m2);
          dcmToEuler(e, 0, m2);
          close(e, [roll, pitch, yaw], 1e-9);
        }
      }
    }
  });

  it("a 90° yaw maps body x onto east (NED)", () => {
    const m = eulerToDcm(new Float64Array(9), 0, 0, Math.PI / 2);
    const v = mulMat3Vec3(new Float64Array(3), m, Float64Array.of(1, 0, 0));
    close(v, [0, 1, 0]);
  });

  it("DCMs are orthonormal: C·Cᵀ = I", () => {
    const m = eulerToDcm(new Float64Array(9), 0.3, -0.8, 2.2);
    const t = transpose3(new Float64Array(9), m);
    close(mulMat3(new Float64Array(9), m, t), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it("the Hamilton product composes rotations like matrix products", () => {
    const a = new Float64Array(4);
    const b = new Float64Array(4);
    const ab = new Float64Array(4);
    dcmToQuat(a, 0, eulerToDcm(new Float64Array(9), 0.1, 0.2, 0.3));
    dcmToQuat(b, 0, eulerToDcm(new Float64Array(9), -0.4, 0.5, 1.6));
    quatMultiply(ab, 0, a, 0, b, 0);
    const mab = quatToDcm(new Float64Array(9), ab, 0);
    const ma = quatToDcm(new Float64Array(9), a, 0);
    const mb = quatToDcm(new Float64Array(9), b, 0);
    close(mab, mulMat3(new Float64Array(9), ma, mb));
  });

  it("integrating q̇ = ½q⊗ω at constant rate gives the closed-form rotation", () => {
    // Spin about a fixed body axis: after time t the rotation angle is |ω|·t about that axis.
    const w = Float64Array.of(0.3, -0.2, 0.5);
    const n = Math.hypot(w[0], w[1], w[2]);
    const q = Float64Array.of(1, 0, 0, 0);
    const dq = new Float64Array(4);
    const h = 1e-4;
    const steps = 20000;
    // Midpoint integration is ample at this step for a 1e-6 check.
    const mid = new Float64Array(4);
    for (let i = 0; i < steps; i++) {
      quatDerivative(dq, 0, q, 0, w[0], w[1], w[2]);
      for (let k = 0; k < 4; k++) mid[k] = q[k] + 0.5 * h * dq[k];
      quatDerivative(dq, 0, mid, 0, w[0], w[1], w[2]);
      for (let k = 0; k < 4; k++) q[k] += h * dq[k];
      quatNormalize(q, 0);
    }
    const ang = n * h * steps;
    close(
      q,
      [
        Math.cos(ang / 2),
        (Math.sin(ang / 2) * w[0]) / n,
        (Math.sin(ang / 2) * w[1]) / n,
        (Math.sin(ang / 2) * w[2]) / n,
      ],
      1e-6,
    );
    // The spin axis is fixed by the rotation.
    const m = quatToDcm(new Float64Array(9), q, 0);
    close(mulMat3TVec3(new Float64Array(3), m, w), w, 1e-6);
  });
});
