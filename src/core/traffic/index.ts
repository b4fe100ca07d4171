/**
 * The traffic family: from OpenStreetMap roads to assigned flows on screen. Arrows point down the list
 * (a folder imports only those below it):
 *
 *  - `session/` one city's traffic model end to end: build the network and trips from the city's layers
 *               (or open TNTP files), assign, compare with a baseline, close links. What the worker runs.
 *  - `demand/`  trips: zones from buildings (ITE vehicle-trip rates or Korean person-trip rates), gravity
 *               distribution, external cordon zones with commuter and through trips.
 *  - `osm/`     OpenStreetMap ways → a directed road network: road classes, tags (lanes, maxspeed,
 *               oneway), capacities and free-flow times, zone connectors, strongly connected parts.
 *  - `viz/`     drawing data for results: link ribbons, a picking index, vehicles along flows (typed
 *               arrays; the scene makes GPU buffers of them).
 *  - `assign/`  the solver: user-equilibrium assignment (Algorithm B, Frank-Wolfe), BPR costs, shortest
 *               paths, and the TNTP file format. Knows nothing about maps.
 *
 * Import from the subfolder that holds a thing; the namespaces below are for reading the family at once.
 */
export * as session from './session/index.ts';
export * as demand from './demand/index.ts';
export * as osm from './osm/index.ts';
export * as viz from './viz/index.ts';
export * as assign from './assign/index.ts';
