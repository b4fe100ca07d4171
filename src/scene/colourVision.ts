/**
 * Checking colours for people with colour-vision deficiencies: simulation of protanopia, deuteranopia and
 * tritanopia, and the CIEDE2000 colour difference between two sRGB colours. Pure functions (no three, no
 * DOM), used by the colour tests and usable by any legend.
 *
 * Simulation: Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of
 * Color Vision Deficiency", IEEE TVCG 15(6):1291–1298 — the published 3×3 matrices for severity 1.0
 * (dichromacy), applied to linear-light sRGB.
 * Difference: CIEDE2000 as written out by Sharma, Wu & Dalal (2005), "The CIEDE2000 Color-Difference
 * Formula: Implementation Notes, Supplementary Test Data, and Mathematical Observations", Color Research
 * & Application 30(1):21–30; Lab from sRGB (IEC 61966-2-1) under D65.
 */

export type Rgb = readonly [number, number, number];
export type Vision = 'normal' | 'protan' | 'deutan' | 'tritan';
export const VISIONS: readonly Vision[] = ['normal', 'protan', 'deutan', 'tritan'];

/** Machado et al. (2009), Table/supplement, severity 1.0; rows act on linear [r, g, b]. */
const MACHADO: Readonly<Record<Exclude<Vision, 'normal'>, readonly number[]>> = {
  protan: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deutan: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritan: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};

const toLinear = (c: number): number => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const toGamma = (l: number): number => {
  const c = Math.min(1, Math.max(0, l));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

/** '#rrggbb', '#rgb' or 'rgb(r, g, b)' -> bytes. */
export function parseCss(css: string): Rgb {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const hex = css.length === 4 ? `#${css[1]}${css[1]}${css[2]}${css[2]}${css[3]}${css[3]}` : css;
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** How a colour looks with the given vision (sRGB bytes in and out, not rounded). */
export function simulate(rgb: Rgb, vision: Vision): Rgb {
  if (vision === 'normal') return rgb;
  const m = MACHADO[vision];
  const r = toLinear(rgb[0]);
  const g = toLinear(rgb[1]);
  const b = toLinear(rgb[2]);
  return [
    toGamma(m[0]! * r + m[1]! * g + m[2]! * b),
    toGamma(m[3]! * r + m[4]! * g + m[5]! * b),
    toGamma(m[6]! * r + m[7]! * g + m[8]! * b),
  ];
}

/** CIE L*a*b* (D65) of an sRGB colour. */
export function toLab(rgb: Rgb): Rgb {
  const r = toLinear(rgb[0]);
  const g = toLinear(rgb[1]);
  const b = toLinear(rgb[2]);
  // sRGB -> XYZ (D65), IEC 61966-2-1; white point Xn 0.95047, Yn 1, Zn 1.08883.
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const deg = Math.PI / 180;

/** CIEDE2000 ΔE between two L*a*b* colours (kL = kC = kH = 1). */
export function ciede2000(lab1: Rgb, lab2: Rgb): number {
  const [L1, a1, b1] = lab1;
  const [L2, a2, b2] = lab2;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cm = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (a: number, b: number): number => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / deg + 360) % 360);
  const h1p = hue(a1p, b1);
  const h2p = hue(a2p, b2);
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * deg);
  const Lmp = (L1 + L2) / 2;
  const Cmp = (C1p + C2p) / 2;
  let hmp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hmp = (h1p + h2p) / 2;
    else hmp = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const T = 1 - 0.17 * Math.cos((hmp - 30) * deg) + 0.24 * Math.cos(2 * hmp * deg) + 0.32 * Math.cos((3 * hmp + 6) * deg) - 0.2 * Math.cos((4 * hmp - 63) * deg);
  const dTheta = 30 * Math.exp(-(((hmp - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cmp ** 7 / (Cmp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lmp - 50) ** 2) / Math.sqrt(20 + (Lmp - 50) ** 2);
  const Sc = 1 + 0.045 * Cmp;
  const Sh = 1 + 0.015 * Cmp * T;
  const Rt = -Math.sin(2 * dTheta * deg) * Rc;
  return Math.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh));
}

/** CIEDE2000 between two CSS colours as seen with `vision`. */
export function difference(a: string, b: string, vision: Vision = 'normal'): number {
  return ciede2000(toLab(simulate(parseCss(a), vision)), toLab(simulate(parseCss(b), vision)));
}

/**
 * The least CIEDE2000 difference between neighbouring colours of a legend, over every vision:
 * `pairs` 'adjacent' (ramp steps) or 'all' (categories).
 */
export function leastDifference(colors: readonly string[], pairs: 'adjacent' | 'all' = 'adjacent'): { delta: number; vision: Vision; a: number; b: number } {
  let best = { delta: Infinity, vision: 'normal' as Vision, a: -1, b: -1 };
  for (const vision of VISIONS) {
    for (let i = 0; i < colors.length; i++) {
      for (let j = i + 1; j < colors.length; j++) {
        if (pairs === 'adjacent' && j !== i + 1) break;
        const d = difference(colors[i]!, colors[j]!, vision);
        if (d < best.delta) best = { delta: d, vision, a: i, b: j };
      }
    }
  }
  return best;
}
