// Honest colours: every scale stays readable with the common colour-vision deficiencies, closed links and
// estimated heights stand apart, and a change is coloured by better/worse, not by its sign.
//
// Vision is simulated with Machado, Oliveira & Fernandes (2009), severity 1.0 (protanopia, deuteranopia,
// tritanopia); differences are CIEDE2000 (Sharma, Wu & Dalal 2005). Thresholds, for every vision:
//   - adjacent steps of a legend's scale: ΔE00 ≥ 8 (clearly different side by side; ≈ 2.3 is a just-noticeable
//     difference);
//   - categories (hydrogen sources), closed vs the scale, data vs estimated heights: ΔE00 ≥ 10.
import { describe, expect, it } from 'vitest';
import { interpolateRdYlGn } from 'd3-scale-chromatic';
import { type Vision, VISIONS, ciede2000, difference, leastDifference, parseCss, simulate } from '../../src/scene/colourVision.ts';
import {
  CHANGE_RAMP, CLOSED_CSS, CROSS_BAR_HALF_M, CROSS_HALF_M, NO_RESULT_CSS, VC_RAMP, VC_TICKS, WORSE_WHEN, changeColor, closedMarks, cssBytes, vcColor,
} from '../../src/scene/trafficStyle.ts';
import { CARBON_RAMP, CARBON_STEPS, carbonColor } from '../../src/scene/carbonStyle.ts';
import { CLOSED_COLOR as STATION_CLOSED, SOURCE_COLORS, UTILISATION_RAMP, utilisationColor } from '../../src/scene/hydrogenGeometry.ts';
import { BUILDING_COLOR, BUILDING_ESTIMATED_COLOR, ROAD_COLORS } from '../../src/scene/palette.ts';

const STEP = 8;
const APART = 10;

describe('CIEDE2000 and the simulation', () => {
  it('CIEDE2000 gives Sharma et al.\'s published test values', () => {
    // Pairs 1, 7, 13, 17 and 25 of Sharma, Wu & Dalal (2005), Table 1: Lab, Lab, ΔE00.
    const pairs: [[number, number, number], [number, number, number], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.49, -0.001], [50, -2.49, 0.0011], 7.2195],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    ];
    for (const [a, b, want] of pairs) expect(ciede2000(a, b)).toBeCloseTo(want, 4);
  });

  it('greys look the same to everyone; red and green nearly merge for deutans and protans', () => {
    for (const v of VISIONS) {
      const g = simulate([128, 128, 128], v);
      for (const c of g) expect(c).toBeCloseTo(128, 0);
    }
    expect(difference('#d62728', '#2ca02c')).toBeGreaterThan(60);
    expect(difference('#d62728', '#2ca02c', 'deutan')).toBeLessThan(25);
    expect(difference('#d62728', '#2ca02c', 'protan')).toBeLessThan(25);
    // Tritans confuse blue with green, not red with green.
    expect(difference('#d62728', '#2ca02c', 'tritan')).toBeGreaterThan(40);
  });

  it('the old V/C ramp (RdYlGn) fails the check for deutans: the check can fail', () => {
    const old = [0, 0.2, 0.4, 0.6, 0.8, 1].map((t) => interpolateRdYlGn(1 - t));
    const worst = leastDifference(old);
    expect(worst.vision).toBe('deutan');
    expect(worst.delta).toBeLessThan(1);
  });
});

describe('every scale is colour-blind safe', () => {
  const scales: [string, readonly string[]][] = [
    ['V/C', VC_RAMP],
    ['change (better → worse)', CHANGE_RAMP],
    ['carbon', CARBON_RAMP],
    ['hydrogen utilisation', UTILISATION_RAMP],
  ];
  for (const [name, ramp] of scales) {
    it(`${name}: adjacent steps differ by ΔE00 ≥ ${STEP} for normal, protan, deutan and tritan vision`, () => {
      const worst = leastDifference(ramp);
      expect(worst.delta, `${name}: steps ${worst.a}–${worst.b} for ${worst.vision}`).toBeGreaterThanOrEqual(STEP);
    });
  }

  it('scales are monotonic in lightness where they are sequential (so order reads without hue)', () => {
    const lightness = (c: string): number => difference(c, '#000000');
    for (const ramp of [VC_RAMP, UTILISATION_RAMP]) {
      const l = ramp.map(lightness);
      const rising = l[l.length - 1]! > l[0]!;
      for (let i = 1; i < l.length; i++) expect(rising ? l[i]! > l[i - 1]! : l[i]! < l[i - 1]!).toBe(true);
    }
  });

  it('V/C steps stand apart from the base map\'s orange, yellow and white roads', () => {
    for (const road of ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'] as const) {
      for (const c of VC_RAMP) for (const v of VISIONS) expect(difference(c, ROAD_COLORS[road]!, v), `${c} on ${road} for ${v}`).toBeGreaterThanOrEqual(STEP);
    }
  });

  it(`closed links differ from every V/C and change step, and from links not yet assigned (never shown with a scale), by ΔE00 ≥ ${APART}`, () => {
    for (const v of VISIONS) {
      for (const c of [...VC_RAMP, ...CHANGE_RAMP, NO_RESULT_CSS]) expect(difference(CLOSED_CSS, c, v), `${c} for ${v}`).toBeGreaterThanOrEqual(APART);
    }
  });

  it(`hydrogen sources and closed stations are told apart by everyone (ΔE00 ≥ ${APART} for every pair)`, () => {
    const worst = leastDifference([STATION_CLOSED, ...Object.values(SOURCE_COLORS)], 'all');
    expect(worst.delta, `colours ${worst.a} and ${worst.b} for ${worst.vision}`).toBeGreaterThanOrEqual(APART);
    for (const v of VISIONS) for (const c of UTILISATION_RAMP) expect(difference(STATION_CLOSED, c, v)).toBeGreaterThanOrEqual(APART);
    expect(utilisationColor(0.5, false)).toBe(STATION_CLOSED);
  });

  it(`heights from data and estimated heights differ by ΔE00 ≥ ${APART} for everyone`, () => {
    for (const v of VISIONS) expect(difference(BUILDING_COLOR, BUILDING_ESTIMATED_COLOR, v)).toBeGreaterThanOrEqual(APART);
  });
});

describe('colours follow better and worse', () => {
  const isWorse = (css: string): boolean => {
    const [r, , b] = parseCss(css);
    return r > b + 60; // PuOr's orange side
  };
  const isBetter = (css: string): boolean => {
    const [r, g, b] = parseCss(css);
    return b > g + 20 && b >= r; // PuOr's purple side
  };
  it('a speed drop is worse (orange); a speed rise better (purple)', () => {
    expect(WORSE_WHEN.speed).toBe('lower');
    expect(isWorse(changeColor(-12, 20, WORSE_WHEN.speed))).toBe(true);
    expect(isBetter(changeColor(12, 20, WORSE_WHEN.speed))).toBe(true);
  });
  it('more flow or a fuller road is worse; less is better', () => {
    for (const m of ['flow', 'vc'] as const) {
      expect(isWorse(changeColor(5, 10, WORSE_WHEN[m]))).toBe(true);
      expect(isBetter(changeColor(-5, 10, WORSE_WHEN[m]))).toBe(true);
    }
  });
  it('the change ramp runs from better (left) to worse (right), white in the middle', () => {
    expect(isBetter(CHANGE_RAMP[0]!)).toBe(true);
    expect(isWorse(CHANGE_RAMP[CHANGE_RAMP.length - 1]!)).toBe(true);
    const [r, g, b] = parseCss(CHANGE_RAMP[2]!);
    expect(Math.min(r, g, b)).toBeGreaterThan(220);
  });
  it('carbon: emitting (or more than before) is red, absorbing (or less) blue; ticks sit on their colours', () => {
    const [r1, , b1] = cssBytes(carbonColor(30, 100));
    const [r2, , b2] = cssBytes(carbonColor(-30, 100));
    expect(r1).toBeGreaterThan(b1);
    expect(b2).toBeGreaterThan(r2);
    // The legend's numbers are maxAbs × CARBON_STEPS: each colour is the map's colour of that value.
    CARBON_STEPS.forEach((s, i) => expect(carbonColor(s * 250, 250)).toBe(CARBON_RAMP[i]));
    VC_TICKS.forEach((v, i) => expect(vcColor(v)).toBe(VC_RAMP[i]));
  });
});

describe('closed links carry a cross', () => {
  it('a cross of two bars at the middle of the link, turned 45°, none for an open network', () => {
    // One link east along a bent line: (0,0) → (60,0) → (60,40); its middle is at (50, 0).
    const lines = { coords: [0, 0, 60, 0, 60, 40, 0, 100, 10, 100], offsets: [0, 3, 5] };
    const tri = closedMarks(lines, [0], 1);
    expect(tri.length).toBe(2 * 6 * 3);
    let cx = 0, cy = 0, x0 = Infinity, x1 = -Infinity;
    for (let i = 0; i < tri.length; i += 3) {
      cx += tri[i]!;
      cy += tri[i + 1]!;
      x0 = Math.min(x0, tri[i]!);
      x1 = Math.max(x1, tri[i]!);
      expect(tri[i + 2]).toBe(1);
    }
    expect(cx / 12).toBeCloseTo(50, 4);
    expect(cy / 12).toBeCloseTo(0, 4);
    // Arms at ±45°: the x extent is (arm + bar) · cos 45° either side.
    expect((x1 - x0) / 2).toBeCloseTo((CROSS_HALF_M + CROSS_BAR_HALF_M) * Math.SQRT1_2, 4);
    expect(closedMarks(lines, [], 1).length).toBe(0);
    expect(closedMarks(lines, [1], 1).length).toBe(36);
  });
});

// Keep the Vision type in use for readers of this file: the four visions checked.
const checked: readonly Vision[] = VISIONS;
void checked;
