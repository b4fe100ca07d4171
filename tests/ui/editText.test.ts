// Scenario edits in words: codes named in the interface language, links by their street when they have one.
import { describe, expect, it } from 'vitest';
import type { ScenarioEdit } from '../../src/core/scenario/index.ts';
import { editText } from '../../src/ui/editText.ts';

const close: ScenarioEdit = { id: 'traffic.closed:12', domain: 'traffic', kind: 'closeLink', params: { link: 12 } };
const fleet: ScenarioEdit = { id: 'fleet:car_bev', domain: 'fleet', kind: 'fleetShare', params: { cls: 'car_bev', percent: 30 } };
const green: ScenarioEdit = { id: 'carbon.green:0', domain: 'carbon', kind: 'greenArea', params: { n: 1, cover: 'park', points: 6 } };

describe('scenario edits in words', () => {
  it('names a closed link by its street when it has one, by its number alone otherwise', () => {
    expect(editText('en', close, (l) => (l === 12 ? 'Avenue de Fontvieille' : ''))).toBe('Link 12 (Avenue de Fontvieille) closed');
    expect(editText('en', close, () => '')).toBe('Link 12 closed');
    expect(editText('ko', close, () => '여의대로')).toBe('링크 12 (여의대로) 통제');
  });

  it('gives vehicle classes and land covers their names in the interface language', () => {
    expect(editText('en', fleet)).toBe('Fleet: battery-electric cars 30 %');
    expect(editText('ko', fleet)).toBe('차량 구성: 전기 승용차 30%');
    expect(editText('en', green)).toBe('New green area 1 (Park, 6 points)');
  });
});
