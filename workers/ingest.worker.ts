// Ingest worker: a thin comlink adapter over src/core/ingest (ARCHITECTURE rule 4); the api is in ingest.ts.
// Streams GeoJSON from a URL or a dropped file's blob: URL, builds drawable layers, and hands them back by transfer.
import { expose } from 'comlink';
import { answerHeartbeats } from './heartbeat.ts';
import { sendProblems } from './problems.ts';
import { ingestApi } from './ingest.ts';

export type IngestApi = typeof ingestApi;
answerHeartbeats();
sendProblems();
expose(ingestApi);
