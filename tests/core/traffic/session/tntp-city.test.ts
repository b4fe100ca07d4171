// A TNTP network opened in the viewer: drawn from its node coordinates, assigned with its own trip
// table — giving the collection's best-known Sioux Falls equilibrium — and refused with a clear message
// when it cannot be placed on the map.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrafficSession } from '../../../../src/core/traffic/session/index.ts';
import { buildTntpTraffic, readTntp, tntpFrame } from '../../../../src/core/traffic/session/openTntp.ts';

const read = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`tests/fixtures/tntp/${name}`)) });
const files = { net: read('SiouxFalls_net.tntp'), trips: read('SiouxFalls_trips.tntp'), nodes: read('SiouxFalls_node.tntp') };

describe('Sioux Falls as a city', () => {
  const read = readTntp(files);
  const city = buildTntpTraffic(read, tntpFrame(read));

  it('draws 76 links between its 24 nodes, with 24 zones and 360,600 trips', () => {
    expect(city.view.linkCount).toBe(76);
    expect(city.view.polylines.offsets.length).toBe(77);
    expect(city.view.zones.count).toBe(24);
    expect(city.view.totalDemand).toBe(360_600);
    // Link 1 runs from node 1 to node 2: its drawn ends are those nodes' positions in the frame.
    const [x1, y1, x2, y2] = Array.from(city.view.polylines.coords.slice(0, 4));
    // The drawn length in the local frame agrees with the great-circle length within 0.5 % (4.8 km link).
    expect(Math.abs(Math.hypot(x2! - x1!, y2! - y1!) / city.view.lengthM[0]! - 1)).toBeLessThan(0.005);
    expect(city.lonLatBounds[0]).toBeCloseTo(-96.7934, 3); // the westernmost node
  });

  it('assigns to the best-known equilibrium objective (4,231,335.287)', async () => {
    const session = new TrafficSession(city.network, city.view, city.demandFor);
    const result = await session.run({ demandScale: 1, edits: { closed: [], lanes: [] }, targetGap: 1e-8, maxIterations: 200 }, () => true);
    expect(result.stopReason).toBe('converged');
    expect(result.objective).toBeCloseTo(4_231_335.287, 2);
  });

  it('a zone factor scales the trips from and to the zone', async () => {
    const doubled = city.demandFor([{ zone: 0, factor: 2 }]);
    const base = city.demandFor(undefined);
    // Zone 1's own row and column double; 1→1 has no trips. Total grows by zone 1's production + attraction.
    expect(doubled.total - base.total).toBeCloseTo(city.view.zones.production[0]! + city.view.zones.attraction[0]!, 6);
  });
});

describe('files that cannot be drawn', () => {
  it('refuses node coordinates that are not lon/lat, saying so', () => {
    const feetText = 'Node\tX\tY\t;\n' + Array.from({ length: 24 }, (_, i) => `${i + 1}\t${500_000 + i * 1000}\t${4_000_000 + i * 500}\t;`).join('\n');
    const feet = { name: 'feet_node.tntp', bytes: new TextEncoder().encode(feetText) };
    expect(() => readTntp({ ...files, nodes: feet })).toThrow(
      'feet_node.tntp: node coordinates must be longitude/latitude (WGS84) to draw the network on the map; they range over x 500000…523000, y 4000000…4011500',
    );
  });

  it('places a network of 200,000 nodes (its extent by a loop, not spread into Math.min)', () => {
    const numNodes = 200_000;
    const header = `<NUMBER OF ZONES> 2\n<NUMBER OF NODES> ${numNodes}\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 2\n<END OF METADATA>\n`;
    const net = { name: 'big_net.tntp', bytes: new TextEncoder().encode(`${header}1 2 1000 1 1 0.15 4 0 0 1 ;\n2 1 1000 1 1 0.15 4 0 0 1 ;\n`) };
    const trips = { name: 'big_trips.tntp', bytes: new TextEncoder().encode('<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 10\n<END OF METADATA>\nOrigin 1\n2 : 10;\n') };
    const lines = ['Node\tX\tY\t;'];
    for (let i = 1; i <= numNodes; i++) lines.push(`${i}\t${(-96.8 + (i % 1000) * 1e-4).toFixed(4)}\t${(43.5 + Math.floor(i / 1000) * 1e-4).toFixed(4)}\t;`);
    const nodes = { name: 'big_node.tntp', bytes: new TextEncoder().encode(lines.join('\n')) };
    const bigRead = readTntp({ net, trips, nodes });
    const big = buildTntpTraffic(bigRead, tntpFrame(bigRead));
    expect(big.view.linkCount).toBe(2);
    expect(big.lonLatBounds).toEqual([-96.8, 43.5, -96.7001, 43.52]);
  });

  it('refuses a trip table from another network', () => {
    const braess = read('Braess_trips.tntp');
    expect(() => readTntp({ ...files, trips: braess })).toThrow(/Braess_trips.tntp: \d+ zones, but SiouxFalls_net.tntp has 24: the files are from different networks/);
  });
});
