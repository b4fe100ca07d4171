// The road network's assumptions list: every class default used, the BPR curve, speed rules and the
// zone connectors, each with its source.
import { type Assumption, BPR_B, BPR_POWER, BPR_SOURCE, CONNECTOR_SOURCE, ROAD_CLASS_DEFAULTS, URBAN_IMPLICIT_KMH, URBAN_SPEED_LIMIT_KMH, URBAN_SPEED_SOURCE } from './defaults.ts';
import { untaggedSpeedKmh } from './classify.ts';

/** The assumptions behind a network built with these settings (`classUsed`: the classes its ways use). */
export function roadAssumptions(
  classUsed: Uint8Array,
  o: {
    urbanFactor: number;
    connectorsPerZone: number;
    connectorSpeed: number;
    connectorCapacity: number;
    zones: boolean;
    speedLimits?: Readonly<Record<string, number>>;
    speedLimitsSource?: string;
  },
): Assumption[] {
  const list: Assumption[] = [];
  ROAD_CLASS_DEFAULTS.forEach((c, i) => {
    if (classUsed[i] !== 1) return;
    list.push({ key: `lanes.${c.key}`, value: c.lanesPerDirection, unit: 'lanes per direction', source: c.source });
    const speed = untaggedSpeedKmh(i, o.urbanFactor, o.speedLimits);
    const limit = o.speedLimits?.[c.key];
    list.push({
      key: `speed.${c.key}`,
      value: +speed.toFixed(2),
      unit: 'km/h (untagged)',
      source:
        limit === undefined || speed === c.speedKmh
          ? `${c.source}${limit !== undefined ? `; under the legal limit ${limit} km/h (${o.speedLimitsSource})` : ''}`
          : `legal limit ${limit} km/h${limit < URBAN_SPEED_LIMIT_KMH ? ` x ${o.urbanFactor}` : ''} (${o.speedLimitsSource}), below the class default ${c.speedKmh} km/h (${c.source})`,
    });
    list.push({ key: `laneCapacity.${c.key}`, value: c.laneCapacity, unit: 'veh/h/lane', source: c.source });
    if (c.oneway) list.push({ key: `oneway.${c.key}`, value: 'yes unless oneway=no', source: c.source });
  });
  list.push(
    { key: 'bpr.b', value: BPR_B, source: BPR_SOURCE },
    { key: 'bpr.power', value: BPR_POWER, source: BPR_SOURCE },
    { key: 'speed.urbanFactor', value: o.urbanFactor, unit: `× tagged maxspeed below ${URBAN_SPEED_LIMIT_KMH} km/h`, source: URBAN_SPEED_SOURCE },
    {
      key: 'speed.implicitUrban',
      value: URBAN_IMPLICIT_KMH,
      unit: 'km/h for maxspeed=XX:urban',
      source: 'Urban default limit in KR (도로교통법 시행규칙 제19조, "안전속도 5030", 2021), FR, MC, DE, IT (OSM wiki "Default speed limits")',
    },
    {
      key: 'lanes.twoWaySplit',
      value: 'lanes:forward/backward, else lanes/2 (min 1) per direction',
      source: 'CityTwin assumption (OSM wiki Key:lanes: lanes counts both directions)',
    },
    { key: 'fft', value: 'length / speed', unit: 'minutes', source: 'Definition' },
  );
  if (o.zones) {
    list.push(
      { key: 'connector.perZone', value: o.connectorsPerZone, unit: 'nearest road nodes', source: 'CityTwin assumption' },
      { key: 'connector.speed', value: o.connectorSpeed, unit: 'km/h', source: CONNECTOR_SOURCE },
      { key: 'connector.capacity', value: o.connectorCapacity, unit: 'veh/h', source: CONNECTOR_SOURCE },
    );
  }
  return list;
}
