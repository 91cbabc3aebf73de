/**
 * Fixed-step integration of ordinary differential equations dx/dt = f(t, x).
 *
 * The classical fourth-order Runge–Kutta method with preallocated stage buffers: a step allocates
 * nothing. A fixed step (rather than an adaptive one) keeps every run on the same time grid, which
 * makes results bit-reproducible and lets subsystems run at integer multiples of the step.
 */

/** A system of first-order ODEs on a flat Float64Array state. */
export interface OdeSystem {
  /** Number of state variables. */
  readonly size: number;
  /** Write dx/dt at time t (s) and state x into dx. Must not allocate. */
  derivative(t: number, x: Float64Array, dx: Float64Array): void;
  /** Project the state back onto its constraints after a step (e.g. unit quaternion). */
  afterStep(x: Float64Array): void;
}

/** Classical RK4 integrator with its own scratch space, sized for one system. */
export class Rk4 {
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly tmp: Float64Array;

  constructor(readonly size: number) {
    this.k1 = new Float64Array(size);
    this.k2 = new Float64Array(size);
    this.k3 = new Float64Array(size);
    this.k4 = new Float64Array(size);
    this.tmp = new Float64Array(size);
  }

  /** Advance x in place from time t (s) by step h (s). */
  step(sys: OdeSystem, t: number, x: Float64Array, h: number): void {
    const n = this.size;
    const { k1, k2, k3, k4, tmp } = this;
    const h2 = 0.5 * h;
    sys.derivative(t, x, k1);
    for (let i = 0; i < n; i++) tmp[i] = x[i] + h2 * k1[i];
    sys.derivative(t + h2, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = x[i] + h2 * k2[i];
    sys.derivative(t + h2, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = x[i] + h * k3[i];
    sys.derivative(t + h, tmp, k4);
    const h6 = h / 6;
    for (let i = 0; i < n; i++) x[i] += h6 * (k1[i] + 2 * (k2[i] + k3[i]) + k4[i]);
    sys.afterStep(x);
  }
}
