// A road link's street name from the roads layer (through the link's source feature), or '' when it has none.
import { propertyText, unpackProperties } from '../core/geo/index.ts';
import type { AppState } from '../store/index.ts';

export function linkName(s: Pick<AppState, 'traffic' | 'layers'>, link: number): string {
  const view = s.traffic.view;
  if (!view || link < 0 || link >= view.linkCount) return '';
  const roads = s.layers.find((l) => l.kind === 'roads');
  const source = view.sourceFeature[link]!;
  if (!roads?.data || source < 0 || source >= roads.data.data.features.count) return '';
  return propertyText(unpackProperties(roads.data.data.properties, source)['name']);
}
