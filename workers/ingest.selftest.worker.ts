// The ingest worker with the self-test calls (busy, crashLater) added: the same api as ingest.worker.ts plus
// workers/selfTest.ts. Only the test hooks start it (src/sim-client/selfTest.ts); the product never does.
import { expose } from 'comlink';
import { answerHeartbeats } from './heartbeat.ts';
import { sendProblems } from './problems.ts';
import { ingestApi } from './ingest.ts';
import { selfTestApi } from './selfTest.ts';

const api = { ...ingestApi, ...selfTestApi };

export type IngestSelfTestApi = typeof api;
answerHeartbeats();
sendProblems();
expose(api);
