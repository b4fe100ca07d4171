/**
 * The carbon family: the carbon spatial map CityTwin computes, and maps made elsewhere. Arrows point
 * down the list:
 *
 *  - `session/` one city's carbon map end to end: inputs from the city's layers and its traffic
 *               assignment, the model, a difference from the baseline, imported maps kept beside it.
 *  - `import/`  reading other people's carbon maps (GeoJSON polygons or points, CSV grids, any CRS) into
 *               cells with values.
 *  - `model/`   the model: building energy use × emission factors, road transport by vehicle class and
 *               speed (COPERT curves), green-area absorption, summed on a grid; `model/data/` holds the
 *               cited factor tables. The city profile (src/core/profile) chooses among them.
 */
export * as session from './session/index.ts';
export * as importing from './import/index.ts';
export * as model from './model/index.ts';
