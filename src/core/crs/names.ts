/**
 * CRS names as files write them -> a supported EPSG code.
 *
 * Reads the legacy GeoJSON `crs.properties.name` forms (GeoJSON 2008 §3.1; OGC URNs, OGC 07-092r3;
 * OGC http URIs, OGC 09-048r5) and short forms:
 *   "EPSG:5186", "EPSG::5186", "5186", "urn:ogc:def:crs:EPSG::5186", "urn:ogc:def:crs:EPSG:6.6:5186",
 *   "http://www.opengis.net/def/crs/EPSG/0/5186", "http://www.opengis.net/gml/srs/epsg.xml#5186",
 *   "urn:ogc:def:crs:OGC:1.3:CRS84", "OGC:CRS84", "CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84".
 * CRS84 and EPSG:4326 both map to 4326, read as longitude, latitude.
 */
import { type Problem, problem, problemMessage } from '../language/problem.ts';
import { CRS_CODES, type CrsCode, isCrsCode } from './definitions.ts';

export type CrsErrorCode = 'unsupported-crs' | 'unreadable-crs-name' | 'empty-sample' | 'no-candidate' | 'swapped-axes';

export class CrsError extends Error {
  /** What is wrong, in either language; `message` is its English text. */
  readonly problem: Problem;

  constructor(readonly code: CrsErrorCode, p: Problem) {
    super(problemMessage(p));
    this.name = 'CrsError';
    this.problem = p;
  }
}

/** Retired codes that name Web Mercator (900913: the old "Google" code; 3785: deprecated by EPSG for 3857). */
const EPSG_ALIASES = new Map<string, CrsCode>([
  ['900913', 3857],
  ['3785', 3857],
]);
/** ESRI's code for Web Mercator, found in files exported from ArcGIS. */
const ESRI_ALIASES = new Map<string, CrsCode>([['102100', 3857]]);

const SUPPORTED = CRS_CODES.map((c) => `EPSG:${c}`).join(', ');

function shown(name: string): string {
  const s = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return JSON.stringify(s);
}

function split(name: string): { authority: string; code: string } | undefined {
  let m = /^urn:ogc:def:crs:([a-z]+):([^:]*):([^:]+)$/i.exec(name);
  if (m) return { authority: m[1]!, code: m[3]! };
  m = /^https?:\/\/www\.opengis\.net\/def\/crs\/([a-z]+)\/([^/]*)\/([^/]+?)\/?$/i.exec(name);
  if (m) return { authority: m[1]!, code: m[3]! };
  m = /^https?:\/\/www\.opengis\.net\/gml\/srs\/epsg\.xml#(\d+)$/i.exec(name);
  if (m) return { authority: 'EPSG', code: m[1]! };
  m = /^([a-z]+)::?([a-z0-9]+)$/i.exec(name);
  if (m) return { authority: m[1]!, code: m[2]! };
  if (/^\d+$/.test(name)) return { authority: 'EPSG', code: name };
  if (/^CRS84$/i.test(name)) return { authority: 'OGC', code: 'CRS84' };
  return undefined;
}

/** The supported code a CRS name means; throws CrsError naming the CRS when it is not supported. */
export function crsFromName(name: string): CrsCode {
  const compact = name.replace(/\s+/g, '');
  const parts = split(compact);
  if (!parts) {
    throw new CrsError('unreadable-crs-name', problem('load.crsUnreadable', { name: shown(name) }));
  }
  const authority = parts.authority.toUpperCase();
  const code = parts.code.toUpperCase();
  if (authority === 'EPSG' && /^\d+$/.test(code)) {
    const n = Number(code);
    const alias = EPSG_ALIASES.get(code);
    if (alias !== undefined) return alias;
    if (isCrsCode(n)) return n;
  }
  if (authority === 'OGC' && code === 'CRS84') return 4326;
  if (authority === 'ESRI') {
    const alias = ESRI_ALIASES.get(code);
    if (alias !== undefined) return alias;
  }
  throw new CrsError('unsupported-crs', problem('load.crsUnsupported', { name: shown(name), code: `${authority}:${code}`, supported: SUPPORTED }));
}
