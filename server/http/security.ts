/**
 * Who the server talks to, and the headers every answer carries.
 *
 * - Origins: the API, the matchmaker and the WebSocket answer the server's own pages (same host) and clients
 *   that send no Origin at all (the SDK in Node, curl); a browser page of another origin is refused, unless
 *   it is listed in ALLOWED_ORIGINS (the development case: vite's dev server with `?server=`). Colyseus
 *   sets its CORS headers on every HTTP answer by itself, echoing any Origin with credentials: its two
 *   hooks (DEFAULT_CORS_HEADERS, getCorsHeaders) are replaced here, so only a listed origin is allowed.
 * - Headers: helmet, with a Content-Security-Policy the built pages satisfy (Vite modules and module
 *   workers from the same origin, Phaser's canvas textures from data: and blob: URLs, WebSockets to the
 *   same host or to a listed origin), no framing, nosniff, no referrer. Plain HTTP on a classroom's LAN is the normal case, so
 *   there is no upgrade-insecure-requests and no HSTS (a TLS proxy in front may add it).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { matchMaker } from "@colyseus/core";
import helmet from "helmet";

/** ALLOWED_ORIGINS="http://localhost:5173 http://192.168.1.20:5173" (spaces or commas). */
export function allowedOriginsFrom(value: string | undefined): readonly string[] {
  return (value ?? "")
    .split(/[\s,]+/)
    .map((o) => o.replace(/\/+$/, ""))
    .filter((o) => /^https?:\/\/[^/\s]+$/.test(o));
}

export type OriginVerdict = "none" | "same" | "allowed" | "foreign";

/** What an Origin header is to this server: absent, its own page, a listed page, or someone else's. */
export function originVerdict(
  origin: string | null | undefined,
  host: string | null | undefined,
  allowed: readonly string[],
): OriginVerdict {
  if (!origin) return "none";
  if (allowed.includes(origin)) return "allowed";
  try {
    return host && new URL(origin).host === host ? "same" : "foreign";
  } catch {
    return "foreign";
  }
}

const ALLOWANCE = {
  "Access-Control-Allow-Headers": "Origin, X-Requested-With, Content-Type, Accept, Authorization",
  "Access-Control-Allow-Methods": "GET,HEAD,POST",
  "Access-Control-Allow-Credentials": "true",
  "Access-Control-Max-Age": "600",
  Vary: "Origin",
} as const;

/** Colyseus's CORS hooks, narrowed: an allowance only for a listed origin, nothing for anyone else. */
export function restrictColyseusCors(allowed: readonly string[]): void {
  // Its defaults allow every origin with credentials; emptied, so getCorsHeaders below says it all.
  const defaults = matchMaker.controller.DEFAULT_CORS_HEADERS;
  for (const key of Object.keys(defaults)) Reflect.deleteProperty(defaults, key);
  matchMaker.controller.getCorsHeaders = (headers: Headers): Record<string, string> => {
    const origin = headers.get("origin");
    return origin && allowed.includes(origin)
      ? { ...ALLOWANCE, "Access-Control-Allow-Origin": origin }
      : { Vary: "Origin" };
  };
}

const sameHostSockets = (req: IncomingMessage): string => {
  const host = req.headers.host ?? "";
  return /^[\w.:[\]-]+$/.test(host) ? `ws://${host} wss://${host}` : "";
};

/**
 * The WebSocket addresses of the listed origins: on one machine's cluster each process serves pages and
 * sockets at its own origin, and a page from one connects to the process that holds its room.
 */
export function socketsOf(allowed: readonly string[]): string[] {
  return allowed.map((origin) => origin.replace(/^http/, "ws"));
}

/** helmet's headers, set on a plain Node response (so the matchmaker's answers carry them too). */
export function securityHeaders(
  allowed: readonly string[] = [],
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "base-uri": ["'none'"],
        "connect-src": ["'self'", (req) => sameHostSockets(req), ...socketsOf(allowed)],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "data:", "blob:"],
        "object-src": ["'none'"],
        "script-src": ["'self'"],
        "script-src-attr": ["'none'"],
        "style-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
      },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
  });
}
