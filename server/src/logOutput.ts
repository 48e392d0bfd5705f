/**
 * Where the server's log lines go: a file descriptor (standard output) written without
 * ever blocking the process or holding up its exit. pino's own destination flushes
 * synchronously when the process exits and retries every failed write, so with a pipe
 * whose reader has gone (EPIPE) or stopped reading (full pipe) `process.exit` never
 * returned and shutdown hung with the data directory still locked (issue 13, item 7).
 * Here writes are asynchronous, a broken output is dropped for good, a stalled one
 * drops lines beyond a bounded buffer, and exit waits for pending lines only briefly.
 */
import { write as fsWrite } from "node:fs";
import { Writable } from "node:stream";

export interface LogOutput {
  /** The stream to hand to pino (or pino-pretty). */
  stream: Writable;
  /** Resolves once every accepted line is written, the output broke, or `timeoutMs` passed. */
  settle(timeoutMs: number): Promise<void>;
}

/** Lines held while the reader is slow; beyond this they are dropped rather than piled up in memory. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
/** A pipe that is full (EAGAIN) is tried again after this pause. */
const RETRY_MS = 50;

export function openLogOutput(fd: number, maxPendingBytes = MAX_PENDING_BYTES): LogOutput {
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let writing = false;
  let broken = false;
  const waiters: (() => void)[] = [];

  const idle = () => broken || (!writing && pending.length === 0);
  const wakeWaiters = () => {
    if (!idle()) return;
    for (const wake of waiters.splice(0)) wake();
  };

  function pump() {
    if (writing || broken || pending.length === 0) return wakeWaiters();
    writing = true;
    const chunk = pending[0]!;
    fsWrite(fd, chunk, 0, chunk.length, null, (error, written) => {
      writing = false;
      if (error && (error.code === "EAGAIN" || error.code === "EBUSY")) {
        setTimeout(pump, RETRY_MS).unref();
        return;
      }
      if (error) {
        // The reader is gone (EPIPE) or the descriptor unusable: stop logging, never throw or retry.
        broken = true;
        pending.length = 0;
        pendingBytes = 0;
        return wakeWaiters();
      }
      pendingBytes -= written;
      if (written < chunk.length) pending[0] = chunk.subarray(written);
      else pending.shift();
      pump();
    });
  }

  const stream = new Writable({
    decodeStrings: true,
    write(chunk: Buffer, _encoding, done) {
      // Accepted at once, so the stream's own buffer never grows behind a stalled reader.
      if (!broken && pendingBytes + chunk.length <= maxPendingBytes) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        pump();
      }
      done();
    },
  });

  return {
    stream,
    settle(timeoutMs) {
      if (idle()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
