import { describe, expect, it } from 'vitest';
import { Direction, carsAllowed, directionOf, parseLanes, parseMaxspeed } from '../../../../src/core/traffic/osm/index.ts';

describe('maxspeed', () => {
  it('reads km/h, units, mph, lists and implicit urban / zone values', () => {
    expect(parseMaxspeed('50')).toBe(50);
    expect(parseMaxspeed(50)).toBe(50);
    expect(parseMaxspeed('50 km/h')).toBe(50);
    expect(parseMaxspeed('50kmh')).toBe(50);
    expect(parseMaxspeed(' 30 MPH ')).toBeCloseTo(48.28032, 9);
    expect(parseMaxspeed('50;30')).toBe(50);
    expect(parseMaxspeed('KR:urban')).toBe(50);
    expect(parseMaxspeed('FR:urban')).toBe(50);
    expect(parseMaxspeed('DE:zone:30')).toBe(30);
    expect(parseMaxspeed('DE:zone30')).toBe(30);
  });

  it('returns undefined for values it cannot turn into a number', () => {
    for (const v of ['none', 'signals', 'walk', 'KR:rural', 'FR:motorway', 'fast', '', '0', '-20', '900', 'NaN', null, undefined, {}, Infinity]) {
      expect(parseMaxspeed(v)).toBeUndefined();
    }
  });
});

describe('lanes', () => {
  it('reads counts 1..16, the first of a list', () => {
    expect(parseLanes('2')).toBe(2);
    expect(parseLanes(3)).toBe(3);
    expect(parseLanes('2;3')).toBe(2);
    expect(parseLanes(' 4 ')).toBe(4);
    for (const v of ['0', '-1', '17', 'two', '', null, undefined]) expect(parseLanes(v)).toBeUndefined();
  });
});

describe('direction and access', () => {
  it('oneway values, roundabouts and one-way classes', () => {
    expect(directionOf({ oneway: 'yes' }, false)).toBe(Direction.Forward);
    expect(directionOf({ oneway: 'true' }, false)).toBe(Direction.Forward);
    expect(directionOf({ oneway: '1' }, false)).toBe(Direction.Forward);
    expect(directionOf({ oneway: '-1' }, false)).toBe(Direction.Backward);
    expect(directionOf({ oneway: 'reverse' }, false)).toBe(Direction.Backward);
    expect(directionOf({}, false)).toBe(Direction.Both);
    expect(directionOf({ junction: 'roundabout' }, false)).toBe(Direction.Forward);
    expect(directionOf({ junction: 'circular' }, false)).toBe(Direction.Forward);
    expect(directionOf({}, true)).toBe(Direction.Forward);
    expect(directionOf({ oneway: 'no' }, true)).toBe(Direction.Both);
    expect(directionOf({ oneway: 'reversible' }, false)).toBe(Direction.Both);
  });

  it('cars are kept unless a tag closes the way to them', () => {
    expect(carsAllowed({})).toBe(true);
    expect(carsAllowed({ access: 'private' })).toBe(true);
    expect(carsAllowed({ access: 'no' })).toBe(false);
    expect(carsAllowed({ access: 'no', motor_vehicle: 'yes' })).toBe(true);
    expect(carsAllowed({ motor_vehicle: 'no' })).toBe(false);
    expect(carsAllowed({ motorcar: 'no', access: 'yes' })).toBe(false);
  });
});
