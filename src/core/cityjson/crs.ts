/**
 * CRS names as CityJSON writes them (`metadata.referenceSystem`) -> a supported horizontal CRS.
 *
 * CityJSON 1.0 writes an OGC URN ("urn:ogc:def:crs:EPSG::7415"), 1.1 and 2.0 an OGC URL
 * ("https://www.opengis.net/def/crs/EPSG/0/7415") (cityjson.org/specs, "Coordinate reference system").
 * Both usually name a 3D CRS: a compound one (horizontal + vertical, e.g. 7415 = RD New + NAP height)
 * or a geographic 3D one (4979); we read the horizontal part (src/core/crs HORIZONTAL_CRS_OF) and keep
 * heights as they are.
 */
import { type CrsCode, CrsError, crsFromName, horizontalCrs } from '../crs/index.ts';

/**
 * The supported horizontal CRS a CRS name stands for. Throws CrsError (naming the CRS and listing what
 * is supported) when it is neither a supported CRS nor a known 3D CRS built on one.
 */
export function horizontalCrsFromName(name: string): CrsCode {
  try {
    return crsFromName(name);
  } catch (err) {
    if (!(err instanceof CrsError) || err.code !== 'unsupported-crs') throw err;
    const m = /EPSG.*?(\d+)\/?$/i.exec(name.replace(/\s+/g, ''));
    const code = m ? horizontalCrs(Number(m[1])) : undefined;
    if (code === undefined) throw err;
    return code;
  }
}
