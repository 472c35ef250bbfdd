import { Readable } from 'node:stream';
import type { ViewedCustomer } from '@unicart/core';
import type { ErrorResponse } from '../errors';

/** What an export stream needs besides its customers. */
export interface NdjsonExportOptions {
  /** True once the client went away: a failure after that is the abort itself, and nobody reads. */
  readonly clientGone: () => boolean;
  /** The last line of a stream that fails after its first byte (the status is already sent). */
  readonly describeFailure: (error: unknown) => ErrorResponse;
}

/** Lines are gathered into chunks of about this size: a write per customer costs more than its JSON. */
const chunkBytes = 16 * 1024;

const notYet = Symbol('notYet');

/**
 * Settles on the next turn of the event loop, shared by every caller of the same turn: customers of
 * one upstream page arrive within a turn, so losing a race against it means waiting for I/O.
 */
function createTurnMarker(): () => Promise<typeof notYet> {
  let turn: Promise<typeof notYet> | undefined;
  return () => {
    turn ??= new Promise((resolve) =>
      setImmediate(() => {
        turn = undefined;
        resolve(notYet);
      }),
    );
    return turn;
  };
}

/**
 * Serialises customers as NDJSON into a byte stream that pulls the next customer only when the
 * consumer wants more, so a paused or slow client stops the upstream reads instead of filling
 * memory. `first` was read beforehand, so a failure of the very first read can still answer with its
 * own status; a later failure (the platform, the deadline, a shutdown) ends the stream with one
 * complete `{"error":{...}}` line after the last complete customer line.
 */
export function createNdjsonExport(
  first: IteratorResult<ViewedCustomer, void>,
  rest: AsyncIterator<ViewedCustomer, void>,
  options: NdjsonExportOptions,
): Readable {
  const nextTurn = createTurnMarker();
  // Lines are encoded straight into the chunk that goes to the socket: no string built from the
  // lines and copied again into bytes, which was most of the export's own garbage (bench/README.md).
  let chunk = Buffer.allocUnsafe(chunkBytes);
  let used = 0;
  /** Appends one line; a chunk full before it is returned, to be sent first. */
  function append(line: string): Buffer | undefined {
    const length = Buffer.byteLength(line) + 1;
    let full: Buffer | undefined;
    if (used + length > chunk.length) {
      full = used > 0 ? chunk.subarray(0, used) : undefined;
      chunk = Buffer.allocUnsafe(Math.max(chunkBytes, length));
      used = 0;
    }
    used += chunk.write(line, used);
    chunk[used] = 0x0a;
    used += 1;
    return full;
  }
  /** The bytes gathered so far, handed over; the next lines go to a fresh chunk. */
  function take(): Buffer {
    const taken = chunk.subarray(0, used);
    chunk = Buffer.allocUnsafe(chunkBytes);
    used = 0;
    return taken;
  }
  async function* chunks(): AsyncGenerator<Buffer, void, undefined> {
    let next = first;
    try {
      while (next.done !== true) {
        const full = append(JSON.stringify(next.value));
        if (full !== undefined) yield full;
        const reading = rest.next();
        // Handled below after a yield; a client gone meanwhile never resumes this generator.
        reading.catch(() => undefined);
        // Lines already read go out before waiting on the platform, not after its next page.
        const settled = used === 0 ? await reading : await Promise.race([reading, nextTurn()]);
        if (settled === notYet) {
          yield take();
          next = await reading;
        } else next = settled;
      }
    } catch (error) {
      if (options.clientGone()) return;
      const full = append(JSON.stringify(options.describeFailure(error)));
      if (full !== undefined) yield full;
    }
    if (used > 0) yield take();
  }
  // One chunk buffered ahead at most: the pull from `rest` is what the socket's pace governs.
  return Readable.from(chunks(), { objectMode: false, highWaterMark: chunkBytes });
}
