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

/** A WebSocket handshake with a chosen Origin (a browser always sends one): the status it gets. */
function upgrade(server: Server, origin: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(`${server.http}/`, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-key": Buffer.alloc(16, 1).toString("base64"),
        "sec-websocket-version": "13",
        origin,
      },
    });
    req.on("response", (res) => done(res.statusCode ?? 0));
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      done(res.statusCode ?? 0);
    });
    req.on("error", fail);
    req.end();
  });
}

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

describe("the HTTP surface", () => {
  let server: Server;
  let created: { id: string; code: string; roomId: string; teacherToken: string };
  beforeAll(async () => {
    server = await start();
    const made = await post(`${server.http}/api/sessions`, { body: JSON.stringify(config) });
    created = JSON.parse(made.body);
  });
  afterAll(async () => {
    await server.close();
  });

  it("refuses 50 MB bodies streamed to the matchmaker and to the API with 413, and the server's memory stays put", async () => {
    const before = await rss(server);
    const declared = await post(`${server.http}/matchmake/joinById/${created.roomId}`, { bytes: 50 * MB });
    const chunkedJoin = await post(`${server.http}/matchmake/joinById/${created.roomId}`, {
      bytes: 50 * MB,
      chunked: true,
    });
    const chunkedApi = await post(`${server.http}/api/sessions`, { bytes: 50 * MB, chunked: true });
    const declaredApi = await post(`${server.http}/api/sessions`, { bytes: 50 * MB });
    const after = await rss(server);
    process.stdout.write(
      `figure: RSS ${(before / MB).toFixed(0)} MB before four 50 MB bodies, ${(after / MB).toFixed(0)} MB after\n`,
    );
    for (const answer of [declared, chunkedJoin, chunkedApi, declaredApi]) {
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error).toMatch(/body is too large/);
    }
    expect(after - before).toBeLessThan(30 * MB);
    expect(server.logs.filter((l) => l.message === "refused a request body")).toHaveLength(4);
    // The matchmaker still takes an honest join afterwards.
    const room = await new Client(`ws://127.0.0.1:${server.app.port}`).joinById(created.roomId, {
      role: "student",
      protocol: PROTOCOL_VERSION,
      code: created.code,
      nickname: "ana",
      clientKey: "key-ana-00000",
    });
    await room.leave();
  });

  it("gives pages of another origin no CORS allowance and refuses them on the API, the matchmaker and the WebSocket", async () => {
    const foreign = { origin: "https://evil.example" };
    const api = await fetch(`${server.http}/api/join-origin`, { headers: foreign });
    expect(api.status).toBe(403);
    expect(api.headers.get("access-control-allow-origin")).toBeNull();
    expect(api.headers.get("access-control-allow-credentials")).toBeNull();
    const preflight = await fetch(`${server.http}/matchmake/joinById/${created.roomId}`, {
      method: "OPTIONS",
      headers: { ...foreign, "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const join = await post(`${server.http}/matchmake/joinById/${created.roomId}`, {
      body: "{}",
      headers: foreign,
    });
    expect(join.status).toBe(403);
    expect(join.headers["access-control-allow-origin"]).toBeUndefined();
    const create = await post(`${server.http}/api/sessions`, {
      body: JSON.stringify(config),
      headers: foreign,
    });
    expect(create.status).toBe(403);
    expect(await upgrade(server, foreign.origin)).toBe(403);
    expect(await upgrade(server, server.http)).toBe(101);

    // Its own pages and a listed development origin keep working.
    const own = await fetch(`${server.http}/api/join-origin`, { headers: { origin: server.http } });
    expect(own.status).toBe(200);
    expect(own.headers.get("access-control-allow-origin")).toBeNull();
    const dev = await fetch(`${server.http}/api/join-origin`, {
      headers: { origin: "http://localhost:5173" },
    });
    expect(dev.status).toBe(200);
    expect(dev.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
  });
  it("sends the security headers on every page, API answer and matchmaker answer, and no X-Powered-By", async () => {
    const paths = ["/", `/join/${created.code}`, "/student", "/teacher", `/class/${created.code}`, "/demo"];
    const answers = [
      ...(await Promise.all(paths.map((p) => fetch(`${server.http}${p}`)))),
      await fetch(`${server.http}/api/join-origin`),
      await fetch(`${server.http}/api/no-such-route`),
      await fetch(`${server.http}/matchmake/joinById/${created.roomId}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ role: "admin" }),
      }),
    ];
    for (const res of answers) {
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-powered-by")).toBeNull();
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    }
    expect(answers.slice(0, paths.length).map((r) => r.status)).toEqual(paths.map(() => 200));
  });

  it("answers addresses that cannot be decoded with a sentence and one log line, never a stack trace", async () => {
    for (const path of ["/join/%", "/class/%E0%A4%A", "/api/join/%", "/api/sessions/%E0%A4%A/events"]) {
      const logged = server.logs.length;
      const res = await fetch(`${server.http}${path}`);
      const text = await res.text();
      expect(res.status).toBe(400);
      expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d|\.js:\d|<pre>/);
      expect(text).toMatch(/could not be read|not understood/);
      const lines = server.logs.slice(logged);
      expect(lines).toHaveLength(1);
      expect(String(lines[0].data?.reason ?? "")).not.toMatch(/\n/);
    }
  });

  it("logs a join that a room refuses in single lines, with no stack", async () => {
    const logged = server.logs.length;
    await expect(
      new Client(`ws://127.0.0.1:${server.app.port}`).joinById(created.roomId, { role: "admin" }),
    ).rejects.toMatchObject({ code: 400 });
    const lines = server.logs.slice(logged);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.stringify(line)).not.toMatch(/\\n\s+at /);
  });

  it("logs a frame Colyseus cannot decode as one line, where Colyseus would print a stack", async () => {
    const room = await new Client(`ws://127.0.0.1:${server.app.port}`).joinById(created.roomId, {
      role: "student",
      protocol: PROTOCOL_VERSION,
      code: created.code,
      nickname: "ben",
      clientKey: "key-ben-00000",
    });
    const left = new Promise<number>((done) => room.onLeave((code: number) => done(code)));
    // ROOM_DATA (13), the type "submit" as a short string, then a MessagePack map that ends too soon.
    const frame = [13, 0xa0 | 6, ...Buffer.from("submit"), 0xde, 0x00];
    room.connection.send(new Uint8Array(frame));
    expect(await left).toBe(4002);
    const said = server.logs.filter((l) => l.message === "colyseus");
    expect(said.length).toBeGreaterThan(0);
    for (const line of said) {
      expect(line.data?.level).toBe("error");
      expect(String(line.data?.said)).not.toMatch(/\n/);
    }
  });

  it("requires `Authorization: Bearer TOKEN` on the teacher's routes: a bare token is refused, with one log line", async () => {
    const read = (authorization?: string) =>
      fetch(`${server.http}/api/sessions/${created.id}`, {
        headers: authorization ? { authorization } : {},
      });
    expect((await read(`Bearer ${created.teacherToken}`)).status).toBe(200);
    for (const [authorization, reason] of [
      [created.teacherToken, "Authorization is not `Bearer TOKEN`"],
      [`bearer${created.teacherToken}`, "Authorization is not `Bearer TOKEN`"],
      [undefined, "no Authorization header"],
      ["Bearer not-the-token", "not this session's teacher token"],
    ] as const) {
      const logged = server.logs.length;
      const res = await read(authorization);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: string }).error).toMatch(/Bearer/);
      const lines = server.logs.slice(logged);
      expect(lines).toEqual([
        { message: "refused a teacher's request", data: expect.objectContaining({ reason }) },
      ]);
    }
  });
});
