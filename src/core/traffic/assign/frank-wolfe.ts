/**
 * Link-based cross-check methods: Frank-Wolfe and conjugate Frank-Wolfe.
 *
 * M. Frank & P. Wolfe, "An algorithm for quadratic programming", Naval Research Logistics Quarterly 3,
 * 1956; applied to traffic assignment by L. J. LeBlanc, E. K. Morlok & W. P. Pierskalla, Transportation
 * Research 9, 1975.
 * M. Mitradjieva & P. O. Lindberg, "The stiff is moving — conjugate direction Frank-Wolfe methods with
 * applications to traffic assignment", Transportation Science 47(2), 280–293, 2013 (CFW): the target
 * point s_k = α·s_{k-1} + (1-α)·y_k is chosen so that s_k − x_k is conjugate to s_{k-1} − x_k with
 * respect to the Hessian diag(dc/dv) at x_k, with α clipped to [0, 1 − δ].
 *
 * The step length minimises the Beckmann objective along the direction exactly (safeguarded Newton on
 * the bracket [0, 1]). Nothing here allocates after construction.
 */
import type { LinkCosts } from './costs.ts';

/** CFW: largest weight α of the previous target point (Mitradjieva & Lindberg's 1 − δ). */
const CFW_ALPHA_MAX = 0.99;

export class FrankWolfe {
  /** Current link flows (veh/h). */
  readonly x: Float64Array;
  /** All-or-nothing flows of the current iteration; the caller fills it. */
  readonly y: Float64Array;
  private readonly s: Float64Array;
  private readonly d: Float64Array;
  private hasTarget = false;
  private readonly conjugate: boolean;
  private readonly costs: LinkCosts;
  /** Step length of the last step. */
  lastStep = 0;

  constructor(costs: LinkCosts, conjugate: boolean, x0: Float64Array) {
    const n = costs.numLinks;
    this.costs = costs;
    this.conjugate = conjugate;
    this.x = x0.slice();
    this.y = new Float64Array(n);
    this.s = new Float64Array(n);
    this.d = new Float64Array(n);
  }

  /**
   * One step from x towards the target built from `y` (AON at the costs of x; the caller must have
   * called costs.updateAll(x) so that derivatives refer to x).
   */
  step(): void {
    const n = this.costs.numLinks;
    const { x, y, s, d } = this;
    let alpha = 0;
    if (this.conjugate && this.hasTarget) {
      const h = this.costs.deriv;
      let num = 0;
      let den = 0;
      for (let a = 0; a < n; a++) {
        const sx = s[a]! - x[a]!;
        const hs = h[a]! * sx;
        num += hs * (y[a]! - x[a]!);
        den += hs * (y[a]! - s[a]!);
      }
      if (den !== 0) alpha = num / den;
      if (!(alpha >= 0)) alpha = 0;
      if (alpha > CFW_ALPHA_MAX) alpha = CFW_ALPHA_MAX;
    }
    for (let a = 0; a < n; a++) {
      const t = alpha * s[a]! + (1 - alpha) * y[a]!;
      s[a] = t;
      d[a] = t - x[a]!;
    }
    this.hasTarget = true;
    const tau = this.lineSearch();
    this.lastStep = tau;
    if (tau > 0) {
      for (let a = 0; a < n; a++) {
        const t = x[a]! + tau * d[a]!;
        x[a] = t > 0 ? t : 0;
      }
    }
  }

  /** argmin over τ in [0,1] of Z(x + τ·d): root of Σ d_a·c_a(x_a + τ d_a). */
  private lineSearch(): number {
    const g1 = this.slope(1);
    if (g1 <= 0) return 1;
    const g0 = this.slope(0);
    if (g0 >= 0) return 0;
    let lo = 0;
    let hi = 1;
    let t = g0 / (g0 - g1);
    for (let it = 0; it < 60; it++) {
      const g = this.slope(t);
      if (g === 0) return t;
      if (g > 0) hi = t;
      else lo = t;
      const h = this.curvature(t);
      let next = h > 0 ? t - g / h : 0.5 * (lo + hi);
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (Math.abs(next - t) <= 1e-16 || hi - lo <= 1e-16) return next;
      t = next;
    }
    return t;
  }

  private slope(t: number): number {
    const { x, d, costs } = this;
    let sum = 0;
    for (let a = 0; a < costs.numLinks; a++) {
      const da = d[a]!;
      if (da !== 0) sum += da * costs.costAt(a, x[a]! + t * da);
    }
    return sum;
  }

  private curvature(t: number): number {
    const { x, d, costs } = this;
    let sum = 0;
    for (let a = 0; a < costs.numLinks; a++) {
      const da = d[a]!;
      if (da !== 0) sum += da * da * costs.derivAt(a, x[a]! + t * da);
    }
    return sum;
  }
}
