/**
 * A scenario in a link: its JSON deflated (fflate) and written in base64url, for the URL fragment
 * (`#s=…`: never sent to a server). Links over MAX_LINK_CHARS are refused; the file is the way then.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { type ParsedScenario, parseScenario } from './migrate.ts';
import { canonicalJson } from './hash.ts';
import { scenarioIssue } from './issues.ts';
import type { Scenario } from './schema.ts';

/** Longest fragment a share link may carry (well under every browser's URL limit, and short enough to paste). */
export const MAX_LINK_CHARS = 4000;
export const SHARE_PREFIX = 's=';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The fragment (without '#') that carries the scenario. */
export function encodeShareFragment(s: Scenario): string {
  return SHARE_PREFIX + toBase64Url(deflateSync(strToU8(canonicalJson(s)), { level: 9 }));
}

/** Reads a fragment from `encodeShareFragment` (with or without '#'); a damaged one gives an issue at '$'. */
export function decodeShareFragment(fragment: string): ParsedScenario {
  const body = fragment.replace(/^#/, '');
  if (!body.startsWith(SHARE_PREFIX)) return { ok: false, issues: [scenarioIssue('$', 'noShare')] };
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(inflateSync(fromBase64Url(body.slice(SHARE_PREFIX.length)))));
  } catch (err) {
    return { ok: false, issues: [scenarioIssue('$', 'badShare', { detail: err instanceof Error ? err.message : String(err) })] };
  }
  return parseScenario(json);
}
