import { describe, expect, it } from 'vitest';
import {
  BPR_B,
  BPR_POWER,
  CONNECTOR_CAPACITY,
  CONNECTOR_CLASS,
  ROAD_CLASS_DEFAULTS,
  buildRoadNetwork,
  carRoadClass,
  stronglyConnectedComponents,
} from '../../../../src/core/traffic/osm/index.ts';
import { FRAME, expectCsrConsistent, linkList, road } from './helpers.ts';

const cls = (key: string): number => carRoadClass(key);
const PRIMARY = ROAD_CLASS_DEFAULTS[cls('primary')]!;
const RESIDENTIAL = ROAD_CLASS_DEFAULTS[cls('residential')]!;

describe('nodes and links', () => {
  it('a T-junction splits the through way into two links per direction', () => {
    const r = buildRoadNetwork(
      [road([[0, 0], [100, 0], [200, 0]], { highway: 'residential' }), road([[100, 0], [100, 100]], { highway: 'residential' })],
      { frame: FRAME },
    );
    expect(r.stats.roadNodes).toBe(4);
    expect(r.network.numLinks).toBe(6);
    expect(linkList(r.network, r.nodeXY)).toEqual([
      '0,0>100,0', '100,0>0,0', '100,0>100,100', '100,0>200,0', '100,100>100,0', '200,0>100,0',
    ]);
    for (let a = 0; a < 6; a++) expect(r.network.length[a]).toBeCloseTo(100, 6);
    expect(Array.from(r.sourceFeature)).toEqual([0, 0, 0, 0, 1, 1]);
    expectCsrConsistent(r.network);
  });

  it('a vertex shared by two ways becomes a node; a vertex of one way only does not', () => {
    const cross = buildRoadNetwork(
      [road([[0, 0], [50, 0], [100, 0]], { highway: 'residential' }), road([[50, -50], [50, 0], [50, 50]], { highway: 'residential' })],
      { frame: FRAME },
    );
    expect(cross.stats.roadNodes).toBe(5);
    expect(cross.network.numLinks).toBe(8);

    const bend = buildRoadNetwork([road([[0, 0], [50, 10], [100, 0]], { highway: 'residential' })], { frame: FRAME });
    expect(bend.stats.roadNodes).toBe(2);
    expect(bend.network.numLinks).toBe(2);
    expect(bend.network.length[0]).toBeCloseTo(2 * Math.hypot(50, 10), 6);
    // The polyline keeps the bend, in the link's direction.
    const { coords, offsets } = bend.geometry;
    expect(offsets[1]! - offsets[0]!).toBe(3);
    expect(coords[2]).toBeCloseTo(50, 3);
    expect(coords[3]).toBeCloseTo(10, 3);
    const back = offsets[1]!;
    expect(coords[2 * back]).toBeCloseTo(100, 3);
    expect(coords[2 * back + 4]).toBeCloseTo(0, 3);
  });

  it('a MultiLineString splits where its parts meet other ways', () => {
    const multi = {
      type: 'Feature',
      properties: { highway: 'tertiary' },
      geometry: {
        type: 'MultiLineString',
        coordinates: [
          (road([[0, 0], [100, 0]], {}) as { geometry: { coordinates: number[][] } }).geometry.coordinates,
          (road([[100, 0], [100, 100]], {}) as { geometry: { coordinates: number[][] } }).geometry.coordinates,
        ],
      },
    };
    const r = buildRoadNetwork([multi], { frame: FRAME });
    expect(r.stats.roadNodes).toBe(3);
    expect(r.network.numLinks).toBe(4);
  });
});

describe('one-way handling', () => {
  // A one-way triangle (a cycle, so it survives the strongly connected component filter).
  const tri: Array<[number, number]> = [[0, 0], [100, 0], [0, 100]];

  it('oneway=yes gives one link in drawing order', () => {
    const r = buildRoadNetwork(
      [
        road([tri[0]!, tri[1]!], { highway: 'residential', oneway: 'yes' }),
        road([tri[1]!, tri[2]!], { highway: 'residential', oneway: 'true' }),
        road([tri[2]!, tri[0]!], { highway: 'residential', oneway: '1' }),
      ],
      { frame: FRAME },
    );
    expect(linkList(r.network, r.nodeXY)).toEqual(['0,0>100,0', '0,100>0,0', '100,0>0,100']);
  });

  it('oneway=-1 reverses the link and its polyline', () => {
    const r = buildRoadNetwork(
      [
        road([tri[0]!, tri[1]!], { highway: 'residential', oneway: 'yes' }),
        road([tri[2]!, tri[1]!], { highway: 'residential', oneway: '-1' }),
        road([tri[0]!, tri[2]!], { highway: 'residential', oneway: 'reverse' }),
      ],
      { frame: FRAME },
    );
    expect(linkList(r.network, r.nodeXY)).toEqual(['0,0>100,0', '0,100>0,0', '100,0>0,100']);
    const a = Array.from(r.sourceFeature).indexOf(1);
    const { coords, offsets } = r.geometry;
    expect(coords[2 * offsets[a]!]).toBeCloseTo(100, 3); // starts at (100, 0)
    expect(coords[2 * offsets[a]! + 3]).toBeCloseTo(100, 3); // ends at (0, 100)
  });

  it('a roundabout ring is one-way and splits where roads join it', () => {
    const ring: Array<[number, number]> = [[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]];
    const r = buildRoadNetwork(
      [
        road(ring, { highway: 'primary', junction: 'roundabout' }),
        road([[100, 0], [200, 0]], { highway: 'residential' }),
        road([[0, 100], [-100, 100]], { highway: 'residential' }),
      ],
      { frame: FRAME },
    );
    const ringLinks = linkList(r.network, r.nodeXY).filter((s) => !s.includes('200') && !s.includes('-100'));
    expect(ringLinks).toEqual(['0,0>100,0', '0,100>0,0', '100,0>0,100']);
    expect(r.network.numLinks).toBe(3 + 4);
  });

  it('motorways are one-way unless oneway=no; oneway=no overrides a roundabout', () => {
    const oneway = buildRoadNetwork(
      [
        road([tri[0]!, tri[1]!], { highway: 'motorway' }),
        road([tri[1]!, tri[2]!], { highway: 'motorway_link' }),
        road([tri[2]!, tri[0]!], { highway: 'motorway' }),
      ],
      { frame: FRAME },
    );
    expect(oneway.network.numLinks).toBe(3);
    const twoWay = buildRoadNetwork([road([[0, 0], [100, 0]], { highway: 'motorway', oneway: 'no' })], { frame: FRAME });
    expect(twoWay.network.numLinks).toBe(2);
    const ring = buildRoadNetwork([road([[0, 0], [100, 0]], { highway: 'primary', junction: 'roundabout', oneway: 'no' })], { frame: FRAME });
    expect(ring.network.numLinks).toBe(2);
  });
});

describe('capacity, speed and free-flow time', () => {
  const one = (props: Record<string, unknown>) => buildRoadNetwork([road([[0, 0], [600, 0]], props)], { frame: FRAME });

  it('class defaults: MATSim lanes, speed, capacity per lane; BPR 0.15 / 4; fft in minutes', () => {
    const r = one({ highway: 'primary' });
    expect(r.network.capacity[0]).toBe(PRIMARY.lanesPerDirection * PRIMARY.laneCapacity);
    expect(r.network.speed[0]).toBe(80);
    expect(r.network.fft[0]).toBeCloseTo(600 / (80000 / 60), 9);
    expect(r.network.b[0]).toBe(BPR_B);
    expect(r.network.power[0]).toBe(BPR_POWER);
    expect(r.network.linkType[0]).toBe(cls('primary') + 1);
    expect(r.roadClass[0]).toBe(cls('primary'));
    expect(r.stats.lanesFallback + r.stats.maxspeedFallback).toBe(0);
  });

  it('two-way lanes are split between directions; lanes:forward/backward win', () => {
    const split = one({ highway: 'primary', lanes: '4' });
    expect(Array.from(split.network.capacity)).toEqual([3000, 3000]);
    const odd = one({ highway: 'residential', lanes: '1' });
    expect(Array.from(odd.lanes)).toEqual([1, 1]);
    const fb = one({ highway: 'primary', lanes: '3', 'lanes:forward': '2' });
    expect(Array.from(fb.lanes)).toEqual([2, 1]);
    const both = one({ highway: 'primary', 'lanes:forward': '1', 'lanes:backward': '2' });
    expect(Array.from(both.network.capacity)).toEqual([1500, 3000]);
  });

  it('maxspeed: km/h, "km/h", mph, implicit urban; urban limits × 0.9', () => {
    expect(one({ highway: 'primary', maxspeed: '70' }).network.speed[0]).toBe(70);
    expect(one({ highway: 'primary', maxspeed: '30' }).network.speed[0]).toBeCloseTo(27, 12);
    expect(one({ highway: 'primary', maxspeed: '50 km/h' }).network.speed[0]).toBeCloseTo(45, 12);
    expect(one({ highway: 'primary', maxspeed: '30 mph' }).network.speed[0]).toBeCloseTo(30 * 1.609344 * 0.9, 9);
    expect(one({ highway: 'primary', maxspeed: 'KR:urban' }).network.speed[0]).toBeCloseTo(45, 12);
    expect(one({ highway: 'primary', maxspeed: '30' }).network.fft[0]).toBeCloseTo(600 / (27000 / 60), 9);
    const unfactored = buildRoadNetwork([road([[0, 0], [600, 0]], { highway: 'primary', maxspeed: '30' })], { frame: FRAME, urbanSpeedFactor: 1 });
    expect(unfactored.network.speed[0]).toBe(30);
    const directional = one({ highway: 'primary', maxspeed: '70', 'maxspeed:backward': '90' });
    expect(Array.from(directional.network.speed)).toEqual([70, 90]);
  });

  it('unreadable lanes and maxspeed fall back to the class default and are counted', () => {
    const r = one({ highway: 'residential', lanes: 'many', maxspeed: 'fast' });
    expect(r.network.speed[0]).toBe(RESIDENTIAL.speedKmh);
    expect(r.network.capacity[0]).toBe(RESIDENTIAL.laneCapacity);
    expect(r.stats.lanesFallback).toBe(1);
    expect(r.stats.maxspeedFallback).toBe(1);
    const range = one({ highway: 'residential', lanes: '40', maxspeed: '900' });
    expect(range.network.speed[0]).toBe(RESIDENTIAL.speedKmh);
    expect(range.stats.lanesFallback).toBe(1);
  });

  it('a one-way road takes all its lanes in the direction of travel', () => {
    const r = buildRoadNetwork(
      [
        road([[0, 0], [100, 0]], { highway: 'primary', oneway: 'yes', lanes: '3' }),
        road([[100, 0], [0, 100]], { highway: 'primary', oneway: 'yes' }),
        road([[0, 100], [0, 0]], { highway: 'primary', oneway: 'yes' }),
      ],
      { frame: FRAME },
    );
    expect(Array.from(r.network.capacity)).toEqual([4500, 1500, 1500]);
  });
});

describe('filtering', () => {
  it('keeps car classes only and counts what it drops', () => {
    const r = buildRoadNetwork(
      [
        road([[0, 0], [100, 0]], { highway: 'residential' }),
        road([[0, 0], [0, 100]], { highway: 'footway' }),
        road([[0, 0], [0, -100]], { highway: 'steps' }),
        road([[0, 0], [0, -100]], { highway: 'footway' }),
        road([[100, 0], [200, 0]], { highway: 'service', access: 'no' }),
        road([[100, 0], [200, 0]], { highway: 'service', motor_vehicle: 'no' }),
        road([[100, 0], [100, 50]], { highway: 'service', access: 'private' }),
        road([[0, 0], [-100, 0]], { name: 'no highway tag' }),
        { type: 'Feature', properties: { highway: 'primary' }, geometry: { type: 'Point', coordinates: [7.42, 43.73] } },
      ],
      { frame: FRAME },
    );
    expect(r.stats.carFeatures).toBe(2);
    expect(r.stats.droppedByClass).toEqual({ footway: 2, steps: 1 });
    expect(Object.keys(r.stats.droppedByClass)).toEqual(['footway', 'steps']);
    expect(r.stats.droppedNoCars).toBe(2);
    expect(r.stats.droppedNoHighway).toBe(1);
    expect(r.stats.droppedBadGeometry).toBe(1);
    expect(r.skipped[0]).toMatchObject({ index: 8, code: 'wrong-geometry-type' });
    expect(r.network.numLinks).toBe(4);
  });

  it('keeps the largest strongly connected component (ties: the one with the first node)', () => {
    const r = buildRoadNetwork(
      [
        // A two-way square ring, split at (100, 100) where a one-way dead end leaves it…
        road([[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]], { highway: 'residential' }),
        road([[100, 100], [200, 200]], { highway: 'residential', oneway: 'yes' }),
        // …and a separate two-way street, as large a component as the square.
        road([[500, 500], [600, 500]], { highway: 'residential' }),
      ],
      { frame: FRAME },
    );
    expect(r.stats.nodesBeforeScc).toBe(5);
    expect(r.stats.linksBeforeScc).toBe(4 + 1 + 2);
    expect(r.stats.roadNodes).toBe(2);
    expect(r.stats.roadLinks).toBe(4);
    expect(r.stats.loopsDropped).toBe(0);
    expect(Array.from(new Set(r.sourceFeature))).toEqual([0]);
  });

  it('a closed way touching the network at one node only is a loop and is dropped', () => {
    const r = buildRoadNetwork(
      [
        road([[0, 0], [100, 0], [100, 100], [0, 0]], { highway: 'service' }),
        road([[0, 0], [-100, 0]], { highway: 'residential' }),
      ],
      { frame: FRAME },
    );
    expect(r.stats.loopsDropped).toBe(1);
    expect(r.stats.roadLinks).toBe(2);
    expect(r.stats.featuresWithoutLinks).toBe(1);
  });

  it('drops a dead-end one-way fragment (strongly connected component)', () => {
    const r = buildRoadNetwork(
      [
        road([[0, 0], [100, 0]], { highway: 'residential' }),
        road([[100, 0], [100, 100]], { highway: 'residential' }),
        road([[100, 100], [0, 0]], { highway: 'residential' }),
        road([[100, 100], [200, 200]], { highway: 'residential', oneway: 'yes' }),
        road([[500, 500], [600, 500]], { highway: 'residential' }),
      ],
      { frame: FRAME },
    );
    expect(r.stats.nodesBeforeScc).toBe(6);
    expect(r.stats.linksBeforeScc).toBe(6 + 1 + 2);
    expect(r.stats.roadNodes).toBe(3);
    expect(r.stats.roadLinks).toBe(6);
    expect(r.stats.sccDroppedNodes).toBe(3);
    expect(r.stats.sccDroppedLinks).toBe(3);
    expect(r.stats.featuresWithoutLinks).toBe(2);
    expect(Array.from(new Set(r.sourceFeature))).toEqual([0, 1, 2]);
  });

  it('Tarjan finds the components of a small graph', () => {
    // 0 <-> 1 -> 2 <-> 3, 4 alone
    const { comp, count } = stronglyConnectedComponents(5, Int32Array.from([0, 1, 1, 2, 3]), Int32Array.from([1, 0, 2, 3, 2]));
    expect(count).toBe(3);
    expect(comp[0]).toBe(comp[1]);
    expect(comp[2]).toBe(comp[3]);
    expect(comp[0]).not.toBe(comp[2]);
    expect(comp[4]).not.toBe(comp[0]);
    expect(comp[4]).not.toBe(comp[2]);
  });
});

describe('zones and connectors', () => {
  const streets = [
    road([[0, 0], [100, 0], [200, 0]], { highway: 'residential' }),
    road([[100, 0], [100, 100]], { highway: 'residential' }),
  ];

  it('zones are nodes 0..Z-1, joined both ways to their K nearest road nodes', () => {
    const r = buildRoadNetwork(streets, { frame: FRAME, zones: [10, 20, 190, -5] });
    const net = r.network;
    expect(net.numZones).toBe(2);
    expect(net.firstThruIndex).toBe(2);
    expect(net.numNodes).toBe(2 + 4);
    expect(r.stats.connectors).toBe(8);
    expect(net.numLinks).toBe(6 + 8);
    expect(Array.from(r.nodeXY.subarray(0, 4))).toEqual([10, 20, 190, -5]);
    const conn = linkList(net, r.nodeXY).filter((s) => s.startsWith('10,20') || s.endsWith('>10,20') || s.startsWith('190,-5') || s.endsWith('>190,-5'));
    expect(conn).toEqual(['0,0>10,20', '10,20>0,0', '10,20>100,0', '100,0>10,20', '100,0>190,-5', '190,-5>100,0', '190,-5>200,0', '200,0>190,-5']);
    for (let a = 6; a < net.numLinks; a++) {
      expect(r.isConnector[a]).toBe(1);
      expect(r.roadClass[a]).toBe(CONNECTOR_CLASS);
      expect(r.sourceFeature[a]).toBe(-1);
      expect(net.capacity[a]).toBe(CONNECTOR_CAPACITY);
      expect(net.fft[a]).toBeCloseTo(net.length[a]! / (30000 / 60), 12);
    }
    // Zone 0's nearest node is (0, 0) at √500 m, then (100, 0) at √8500 m.
    expect(net.length[6]).toBeCloseTo(Math.hypot(10, 20), 6);
    expect(net.length[8]).toBeCloseTo(Math.hypot(90, 20), 6);
    // Road links keep their indices whatever the zoning.
    const plain = buildRoadNetwork(streets, { frame: FRAME });
    expect(Array.from(r.network.from.subarray(0, 6))).toEqual(Array.from(plain.network.from.subarray(0, 6), (n) => n + 2));
    expectCsrConsistent(net);
  });

  it('K = 1 and a zone on top of a node (connector length floored at 1 m)', () => {
    const r = buildRoadNetwork(streets, { frame: FRAME, zones: [100, 0], connectorsPerZone: 1 });
    expect(r.stats.connectors).toBe(2);
    expect(r.network.length[6]).toBe(1);
    expect(r.network.to[6]).toBe(1 + 1); // zone 0 -> road node 1 = (100, 0)
  });

  it('connectors skip nodes that only motorways touch', () => {
    const r = buildRoadNetwork(
      [
        road([[0, 0], [1000, 0]], { highway: 'motorway', oneway: 'no' }),
        road([[1000, 0], [1000, 500]], { highway: 'residential' }),
      ],
      { frame: FRAME, zones: [0, 10], connectorsPerZone: 1 },
    );
    expect(r.nodeXY[2 * r.network.to[r.network.numLinks - 2]!]).toBeCloseTo(1000, 6);
  });
});
