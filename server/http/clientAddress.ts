/**
 * Whose request this is: the address every per-address limit counts (join limits, wrong codes, new
 * sessions). Colyseus takes a join's address from X-Real-IP or X-Forwarded-For whenever a request carries
 * one, so any script could name itself a new address per join; and its matchmaker sees no socket address
 * at all without those headers, so every join would count as one "unknown" address. Here each request and
 * each WebSocket upgrade is stamped, before Colyseus or Express reads it, with the one address we trust:
 * the socket's own, or, only when that socket is a proxy listed in TRUST_PROXY (the front of a cluster),
 * the client the proxy names in X-Forwarded-For. proxy-addr is Express's own reading of that header.
 */
import type { Server as HttpServer, IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

export type Trust = (address: string, hop: number) => boolean;

/** TRUST_PROXY="loopback" or "10.0.0.2, 10.0.0.3" or "uniquelocal" (proxy-addr's names and subnets); none by default. */
export function trustFrom(value: string | undefined): Trust {
  const list = (value ?? "")
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);
  return list.length ? proxyaddr.compile(list) : () => false;
}

/** The request's client address as trusted here (the socket's when no trusted proxy is in between). */
export function clientAddress(req: IncomingMessage, trust: Trust): string {
  // proxyaddr throws on a socket that closed before it was read: such a request has no address to count.
  if (!req.socket.remoteAddress) return "unknown";
  return proxyaddr(req, trust);
}

/** Stamps X-Real-IP on every request and upgrade before anything else reads it (see the docblock). */
export function stampClientAddresses(server: HttpServer, trust: Trust): void {
  const stamp = (req: IncomingMessage): void => {
    req.headers["x-real-ip"] = clientAddress(req, trust);
  };
  server.prependListener("request", stamp);
  server.prependListener("upgrade", stamp);
}
