/**
 * Whether a scenario's edits fit a city: closed links, lane changes, zone factors and a retrofit district
 * point at things by index, valid for the network and districts built from the layers the scenario names.
 * Edits beyond what the city has are issues with their JSON paths (before anything runs).
 */
import { type ScenarioIssue, scenarioIssue } from './issues.ts';
import type { Scenario } from './schema.ts';

/** How many links, zones and districts the city has (null: not known, e.g. no traffic network). */
export interface CitySize {
  readonly links: number | null;
  readonly zones: number | null;
  readonly districts: number | null;
}

export function fitIssues(s: Scenario, city: CitySize): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const { links, zones, districts } = city;
  if (links !== null) {
    s.traffic.closedLinks.forEach((l, i) => {
      if (l >= links) issues.push(scenarioIssue(`$.traffic.closedLinks[${i}]`, 'noLink', { link: l, count: links }));
    });
    s.traffic.lanes.forEach((e, i) => {
      if (e.link >= links) issues.push(scenarioIssue(`$.traffic.lanes[${i}].link`, 'noLink', { link: e.link, count: links }));
    });
  }
  if (zones !== null) {
    s.traffic.zoneFactors.forEach((z, i) => {
      if (z.zone >= zones) issues.push(scenarioIssue(`$.traffic.zoneFactors[${i}].zone`, 'noZone', { zone: z.zone, count: zones }));
    });
  }
  const r = s.carbon.retrofit;
  if (r && districts !== null && r.district >= districts) {
    issues.push(scenarioIssue('$.carbon.retrofit.district', 'noDistrict', { district: r.district, count: districts }));
  }
  return issues;
}
