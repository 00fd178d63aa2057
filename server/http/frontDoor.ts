/**
 * The one way into the HTTP server, ahead of Colyseus's matchmaker and of express: security headers on
 * every answer, foreign pages refused on the API and the matchmaker, and a cap on every request body.
 *
 * Why here and not in express: Colyseus 0.18 answers `/matchmake/...` itself (router/index.ts binds a
 * `request` listener that reads the whole body through better-call's getRequest, with no limit) before
 * express ever sees the request. So the door takes the HTTP server's request listeners and calls them only
 * once a request is admitted. A body is read here, counting bytes as they arrive (a declared length over
 * the cap is refused before a byte is read; a chunked body is refused at the first byte past it), and
 * handed on as `req.body`, which both better-call (getRequest uses a pre-read body) and express's body
 * parser (it skips a request already read) take as it is.
 */
import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import { originVerdict, securityHeaders } from "./security.ts";

export interface DoorOptions {
  /** Bytes a body may have on the matchmaker (join options: a code, a name, a token, a key). */
  readonly matchmakeBodyBytes: number;
  /** Bytes a body may have anywhere else (a session's configuration, a teacher's list of tokens). */
  readonly bodyBytes: number;
  readonly allowedOrigins: readonly string[];
  readonly log: (message: string, data?: Record<string, unknown>) => void;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;
type ReadRequest = IncomingMessage & { body?: unknown };

const pathOf = (url: string | undefined): string => (url ?? "/").split("?")[0];

/** The API and the matchmaker are for this server's own pages (and for clients that are not pages). */
const guarded = (path: string): boolean => path.startsWith("/api/") || path.startsWith("/matchmake/");

function answer(res: ServerResponse, status: number, error: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", connection: "close" });
  res.end(JSON.stringify({ error }));
}

/**
 * Refuses a request whose body is still arriving: the answer goes out first, the rest of the body is read
 * and dropped (closing at once could reset the connection before the sender reads the answer), and a
 * sender that keeps on sending is cut off after two seconds.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  answer(res, status, error);
  req.removeAllListeners("data");
  req.resume();
  setTimeout(() => req.socket.destroy(), 2000).unref();
}

export function guardDoor(server: HttpServer, options: DoorOptions): void {
  const inner = server.listeners("request") as Listener[];
  server.removeAllListeners("request");
  const pass: Listener = (req, res) => {
    for (const listener of inner) listener.call(server, req, res);
  };
  const headers = securityHeaders(options.allowedOrigins);

  const admit: Listener = (req, res) => {
    const path = pathOf(req.url);
    const address = req.socket.remoteAddress ?? "unknown";
    if (
      guarded(path) &&
      originVerdict(req.headers.origin, req.headers.host, options.allowedOrigins) === "foreign"
    ) {
      options.log("refused a request from another site's page", {
        address,
        origin: req.headers.origin,
        path,
      });
      return answer(res, 403, "This server answers only its own pages.");
    }
    const method = req.method ?? "GET";
    if (method === "GET" || method === "HEAD") return pass(req, res);
    const limit = path.startsWith("/matchmake/") ? options.matchmakeBodyBytes : options.bodyBytes;
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    const tooLarge = `That request's body is too large (at most ${limit} bytes here).`;
    if (declared > limit) {
      options.log("refused a request body", { address, path, reason: "too large", bytes: declared });
      return refuseBody(req, res, 413, tooLarge);
    }
    if (declared === 0 || (Number.isNaN(declared) && !req.headers["transfer-encoding"]))
      return pass(req, res);

    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        options.log("refused a request body", { address, path, reason: "too large", bytes: size });
        chunks.length = 0;
        refuseBody(req, res, 413, tooLarge);
      }
    });
    req.on("end", () => {
      if (size > limit) return;
      const raw = Buffer.concat(chunks).toString("utf8");
      const read: ReadRequest = req;
      if ((req.headers["content-type"] ?? "").includes("application/json")) {
        try {
          read.body = raw ? JSON.parse(raw) : {};
        } catch {
          options.log("refused a request body", { address, path, reason: "not JSON" });
          return answer(res, 400, "That request was not understood: its body is not valid JSON.");
        }
      } else read.body = raw;
      pass(req, res);
    });
    req.on("error", () => req.socket.destroy());
  };

  server.on("request", (req, res) => headers(req, res, () => admit(req, res)));
}
