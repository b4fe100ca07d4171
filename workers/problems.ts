// Errors a worker throws keep their `problem` (src/core/language/problem.ts) on the way to the page, so
// the viewer can say in its own language what is wrong with a file. comlink sends a thrown Error as its
// message, name and stack only; this wraps its 'throw' handler to add the problem, checked, and the
// page's unchanged handler copies it onto the Error it rebuilds. Each worker entry calls it once.
import { type TransferHandler, transferHandlers } from 'comlink';
import { problemOf } from '../src/core/language/problem.ts';

export function sendProblems(): void {
  const thrown = transferHandlers.get('throw');
  if (thrown === undefined) return;
  const withProblems: TransferHandler<unknown, unknown> = {
    canHandle: (value): value is unknown => thrown.canHandle(value),
    serialize(value) {
      const [wire, transferables] = thrown.serialize(value);
      const problem = problemOf((value as { value?: unknown }).value);
      const error = wire as { isError?: boolean; value?: Record<string, unknown> };
      if (problem !== undefined && error.isError === true && error.value !== undefined) error.value['problem'] = problem;
      return [wire, transferables];
    },
    deserialize: (wire) => thrown.deserialize(wire),
  };
  transferHandlers.set('throw', withProblems);
}
