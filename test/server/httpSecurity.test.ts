/**
 * What anyone on the network can do to the server over HTTP, tried for real on loopback: a burst of
 * session creations from one address and from several, a cap on live sessions, 50 MB bodies sent as
 * streams to the matchmaker and the API (with the server's memory before and after), pages of another
 * origin, the security headers of every page and API answer, addresses that cannot be decoded, and teacher
 * routes without `Bearer`. Each refusal is a sentence for the client and one log line for the operator.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, startApp } from "../../server/app.ts";
import { memoryCreationLimits } from "../../server/http/creationLimits.ts";
import { servePages } from "../../server/http/pages.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";

interface Server {
  readonly app: App;
  readonly http: string;
  readonly logs: { message: string; data?: Record<string, unknown> }[];
  close(): Promise<void>;
}

const PAGES = resolve(import.meta.dirname, "..", "..", "dist", "client");

async function start(options: Partial<Parameters<typeof startApp>[0]> = {}): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), "group-exam-http-"));
  const logs: Server["logs"] = [];
  const app = await startApp({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    log: (message, data) => logs.push({ message, data }),
    routes: (express) => servePages(express, PAGES),
    allowedOrigins: ["http://localhost:5173"],
    ...options,
  });
  return {
    app,
    http: `http://127.0.0.1:${app.port}`,
    logs,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const config = {
  exam: "independent",
  scheme: { name: "global" },
  maxStudents: 10,
  bots: 2,
  roundSeconds: 60,
} as const;

interface Sent {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * A POST over node:http, from a chosen loopback address, with a body of `bytes` sent as a stream of 64 KB
 * chunks (with or without a declared length). It resolves with the answer as soon as one comes, even while
 * the body is still going out: a server that refuses early should be heard.
 */
function post(
  url: string,
  options: {
    body?: string;
    bytes?: number;
    chunked?: boolean;
    from?: string;
    headers?: Record<string, string>;
  },
): Promise<Sent> {
  return new Promise((done, fail) => {
    const bytes = options.bytes ?? Buffer.byteLength(options.body ?? "");
    const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
    if (!options.chunked) headers["content-length"] = String(bytes);
    const req = request(
      url,
      { method: "POST", headers, localAddress: options.from ?? "127.0.0.1" },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          body += c;
        });
        res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", fail);
      },
    );
    req.on("error", (e) => fail(e));
    if (options.body !== undefined) return req.end(options.body);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once("drain", pump);
      }
      req.end();
    };
    // Once the server has answered, the rest of the body is not needed (and a closed socket is expected).
    req.on("response", () => {
      sent = bytes;
      req.removeAllListeners("error");
      req.on("error", () => {});
    });
    pump();
  });
}

const rss = async (server: Server): Promise<number> =>
  ((await (await fetch(`${server.http}/api/status`)).json()) as { rssBytes: number }).rssBytes;

const MB = 1024 * 1024;

describe("session creation limits", () => {
  it("lets a 200-request burst from one address create 30 sessions and refuses the rest with 429 and a wait", async () => {
    const server = await start();
    try {
      const answers = await Promise.all(
        Array.from({ length: 200 }, () =>
          post(`${server.http}/api/sessions`, { body: JSON.stringify(config) }),
        ),
      );
      const created = answers.filter((a) => a.status === 201).length;
      const refused = answers.filter((a) => a.status === 429);
      process.stdout.write(`figure: a 200-request burst from one address created ${created} sessions\n`);
      expect(created).toBe(30);
      expect(refused).toHaveLength(170);
      expect(Number(refused[0].headers["retry-after"])).toBeGreaterThan(0);
      expect(JSON.parse(refused[0].body).error).toMatch(/Too many new sessions from here/);
      expect(server.logs.filter((l) => l.message === "refused to create a session")).toHaveLength(170);
    } finally {
      await server.close();
    }
  });

  it("counts all addresses together: 5 per address and 8 in all let three addresses make 8", async () => {
    const server = await start({ creation: memoryCreationLimits({ perAddress: 5, total: 8 }) });
    try {
      const from = async (address: string, n: number) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++)
          out.push(
            (await post(`${server.http}/api/sessions`, { body: JSON.stringify(config), from: address }))
              .status,
          );
        return out;
      };
      expect(await from("127.0.0.1", 6)).toEqual([201, 201, 201, 201, 201, 429]);
      expect(await from("127.0.0.2", 4)).toEqual([201, 201, 201, 429]);
      const last = await post(`${server.http}/api/sessions`, {
        body: JSON.stringify(config),
        from: "127.0.0.3",
      });
      expect(last.status).toBe(429);
      expect(JSON.parse(last.body).error).toMatch(/as fast as it can/);
    } finally {
      await server.close();
    }
  });

  it("refuses a session beyond the cap on live rooms with a 503 sentence", async () => {
    const server = await start({ creation: memoryCreationLimits({ maxLiveRooms: 2 }) });
    try {
      const statuses: number[] = [];
      let said = "";
      for (let i = 0; i < 3; i++) {
        const a = await post(`${server.http}/api/sessions`, { body: JSON.stringify(config) });
        statuses.push(a.status);
        said = JSON.parse(a.body).error ?? "";
      }
      expect(statuses).toEqual([201, 201, 503]);
      expect(said).toMatch(/already runs 2 classes, as many as it takes/);
    } finally {
      await server.close();
    }
  });
});
