// Features dropped before geometry is built (ambiguous members, duplicate ids), and how they join a
// built layer's skipped list and stats.
import { type Problem, problem } from '../language/problem.ts';
import type { AmbiguousFeature } from '../geo/index.ts';
import type { IngestedLayer, RejectedFeature } from './types.ts';

/** Ambiguous features as rejected ones (their places in `features` hold null). */
export function rejectAmbiguous(list: readonly AmbiguousFeature[]): RejectedFeature[] {
  return list.map((a) => ({ index: a.index, code: 'ambiguous-member', message: a.message, detail: a.path, ...(a.line === undefined ? {} : { line: a.line }) }));
}

/**
 * Replaces every feature whose id an earlier feature already has by null (so it is not drawn and indices
 * stay the file's), listing it as 'duplicate-id' with the index of the first. Ids 1 and "1" differ.
 */
export function rejectDuplicateIds(features: unknown[], lines?: Uint32Array): RejectedFeature[] {
  const byText = new Map<string, number>();
  const byNumber = new Map<number, number>();
  const out: RejectedFeature[] = [];
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    if (f === null || typeof f !== 'object') continue;
    const id = (f as { id?: unknown }).id;
    let first: number | undefined;
    if (typeof id === 'string') {
      first = byText.get(id);
      if (first === undefined) byText.set(id, i);
    } else if (typeof id === 'number') {
      first = byNumber.get(id);
      if (first === undefined) byNumber.set(id, i);
    } else continue;
    if (first === undefined) continue;
    features[i] = null;
    const line = lines?.[i];
    out.push({
      index: i,
      id: String(id),
      code: 'duplicate-id',
      message: `duplicate id ${JSON.stringify(id).slice(0, 80)}: feature ${first} already has it (the first is kept, this one is skipped)`,
      detail: String(first),
      ...(line === undefined ? {} : { line }),
    });
  }
  return out;
}

export function withRejected(layer: IngestedLayer, rejected: RejectedFeature[], features: number, placeholders: boolean): IngestedLayer {
  rejected.sort((a, b) => a.index - b.index);
  const skipped = layer.data.skipped;
  if (placeholders && rejected.length > 0) {
    // The null placeholders of rejected features were skipped as 'not-a-feature': they are listed in `rejected` instead.
    const gone = new Set(rejected.map((r) => r.index));
    let k = 0;
    for (const s of skipped) if (!gone.has(s.index)) skipped[k++] = s;
    skipped.length = k;
  }
  const stats = { ...layer.stats, features, skipped: skipped.length + rejected.length };
  return { ...layer, stats, ...(rejected.length > 0 ? { rejected } : {}) };
}

/** The first feature a layer left out and why, as the end of a sentence ('' when none was). */
export function firstProblem(layer: IngestedLayer): Problem | '' {
  const r = layer.rejected?.[0];
  const s = layer.data.skipped[0];
  if (r && (!s || r.index <= s.index)) return problem('load.firstSkipped', { reason: r.message });
  return s ? problem('load.firstSkippedFeature', { index: s.index, reason: s.message }) : '';
}
