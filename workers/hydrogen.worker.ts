// Hydrogen worker: a thin comlink adapter over src/core/hydrogen. Loads HiGHS' WebAssembly once (from
// the URL Vite gives the package's wasm file), then validates and solves supply models off the main thread.
import { expose } from 'comlink';
import { answerHeartbeats } from './heartbeat.ts';
import loadHighs from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import { type HighsLike, type HydrogenResult, type ModelOverrides, type ValidationResult, runHydrogen, validateModel } from '../src/core/hydrogen/index.ts';

let highs: Promise<HighsLike> | undefined;

function solver(): Promise<HighsLike> {
  highs ??= loadHighs({ locateFile: (file: string) => (file.endsWith('.wasm') ? highsWasmUrl : file) }).catch((error: unknown) => {
    highs = undefined; // try again on the next call
    throw error;
  });
  return highs;
}

const api = {
  /** Checks a model (parsed JSON) and returns every error with its JSON path. */
  async validate(json: unknown): Promise<ValidationResult> {
    return validateModel(json);
  },

  /**
   * Validates and solves a model with what-if overrides. Never rejects for a bad or infeasible model:
   * the result's status and message say what happened. Rejects only if the solver cannot be loaded.
   * The result is plain data (no typed arrays), so it is structured-cloned.
   */
  async solve(json: unknown, overrides: ModelOverrides = {}): Promise<HydrogenResult> {
    return runHydrogen(json, await solver(), overrides);
  },

  /** Loads the solver ahead of the first solve (optional). */
  async warmUp(): Promise<string> {
    await solver();
    return 'ready';
  },
};

export type HydrogenApi = typeof api;
answerHeartbeats();
expose(api);
