/**
 * How long a page lets the SDK retry its own connection before it finds its room anew. The SDK retries the
 * same process's address (backing off from 0.2 s to 5 s, 15 times: about a minute); that is right for a
 * blip, and wrong when the process is gone and a cluster has moved the room to another one, which only a
 * fresh lookup finds. Three tries take about 1.4 s; then the page's own way back takes over (its token through
 * the matchmaker, then its key through the code's lookup), for as long as the seat is kept.
 */
import type { Room } from "@colyseus/sdk";

export const SDK_RECONNECT_TRIES = 3;

export function tuneReconnection(room: Room): void {
  // The SDK refuses to auto-reconnect in a room's first 5 s; a network can drop that early too.
  room.reconnection.minUptime = 0;
  room.reconnection.maxRetries = SDK_RECONNECT_TRIES;
}
