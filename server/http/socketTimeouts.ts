/**
 * Sockets that never finish what they started: an HTTP request whose headers never end, and a WebSocket
 * frame that is begun and never completed. Node closes the first only after `headersTimeout` plus its
 * 30-second check; `ws` waits for the rest of a frame forever, and only Colyseus's ping (which a client
 * stuck in the middle of a frame cannot answer) ends it, and only while pings are on. Each costs the server a
 * socket and its buffers, so a script can hold many. Here each socket gets a clock of its own:
 *
 * - from its opening to the end of its first request's headers (the upgrade request, for a WebSocket);
 * - after the upgrade, from the first byte of a frame to its last: the frames are followed byte by byte
 *   (RFC 6455 §5.2: two bytes, an extended length, a mask, the payload), so a socket that is between frames
 *   has no clock running, however long it stays quiet, and one that drips a frame a byte at a time does.
 *
 * It listens beside the transport on the HTTP server, never instead of it: the frames are read from the
 * socket's `data` events only once `ws` has its own listener there, so no byte is ever taken from it.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";

export interface SocketTimeouts {
  /** From a socket's opening to the end of its first request's headers (as Node counts `headersTimeout`). */
  readonly headersMs: number;
  /** From the first byte of a WebSocket frame to its last. */
  readonly frameMs: number;
  readonly log?: (message: string, data?: Record<string, unknown>) => void;
}

/** A phone on a poor network sends a whole message (at most 8 KB, most under 1 KB) well within these. */
export const SOCKET_TIMEOUTS: SocketTimeouts = { headersMs: 10_000, frameMs: 10_000 };

/** Follows a stream of WebSocket frames; `feed` says whether the stream now stands between two frames. */
export function frameTracker(): { feed(chunk: Uint8Array): boolean } {
  const header: number[] = [];
  let needed = 2;
  let payload = 0;
  return {
    feed(chunk) {
      let i = 0;
      while (i < chunk.length) {
        if (payload > 0) {
          const take = Math.min(payload, chunk.length - i);
          payload -= take;
          i += take;
          continue;
        }
        header.push(chunk[i++]);
        if (header.length === 2) {
          const len7 = header[1] & 0x7f;
          needed = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (header[1] & 0x80 ? 4 : 0);
        }
        if (header.length < needed) continue;
        const len7 = header[1] & 0x7f;
        if (len7 < 126) payload = len7;
        else if (len7 === 126) payload = (header[2] << 8) | header[3];
        // 64-bit lengths: ws refuses anything past maxPayload long before these bytes would arrive.
        else payload = header.slice(2, 10).reduce((n, b) => n * 256 + b, 0);
        header.length = 0;
        needed = 2;
      }
      return payload === 0 && header.length === 0;
    },
  };
}

function destroyAfter(socket: Duplex, ms: number, why: () => void): { clear(): void } {
  const timer = setTimeout(() => {
    why();
    socket.destroy();
  }, ms);
  timer.unref();
  return { clear: () => clearTimeout(timer) };
}

/** Follows an upgraded socket's frames once `ws` reads it: before that, a listener would take its bytes. */
function watchFrames(socket: Duplex, t: SocketTimeouts, address: string | undefined): void {
  const tracker = frameTracker();
  let clock: { clear(): void } | null = null;
  const follow = () => {
    socket.on("data", (chunk: Buffer) => {
      if (tracker.feed(chunk)) {
        clock?.clear();
        clock = null;
      } else if (!clock)
        clock = destroyAfter(socket, t.frameMs, () =>
          t.log?.("closed a WebSocket that never finished its frame", { address, ms: t.frameMs }),
        );
    });
    socket.once("close", () => clock?.clear());
  };
  if (socket.listenerCount("data") > 0) {
    follow();
    return;
  }
  // The transport upgrades later (after an asynchronous check): follow as its listener goes on, in the same
  // tick, so that both see every byte from the first (the socket flows only from the next tick).
  const waiting = (event: string | symbol) => {
    if (event !== "data") return;
    socket.removeListener("newListener", waiting);
    follow();
  };
  socket.on("newListener", waiting);
}

/** Gives every socket of this server its clocks. Call it once, before the server listens. */
export function limitSocketTimes(server: Server, t: SocketTimeouts = SOCKET_TIMEOUTS): void {
  // Node's own limit for later requests on a kept-alive socket; checked every 30 s.
  server.headersTimeout = Math.min(server.headersTimeout, t.headersMs);
  const firstHeaders = new WeakMap<Duplex, { clear(): void }>();
  server.on("connection", (socket: Duplex) => {
    const clock = destroyAfter(socket, t.headersMs, () =>
      t.log?.("closed a connection that never finished its request's headers", { ms: t.headersMs }),
    );
    firstHeaders.set(socket, clock);
    socket.once("close", clock.clear);
  });
  const headersDone = (req: IncomingMessage) => firstHeaders.get(req.socket)?.clear();
  server.on("request", headersDone);
  server.on("upgrade", (req: IncomingMessage, socket: Duplex) => {
    headersDone(req);
    watchFrames(socket, t, req.socket.remoteAddress);
  });
}
