/**
 * Joins that no one can block or flood, over real HTTP on loopback (127.0.0.1 is one classroom router,
 * 127.0.0.2 another): students who mistype behind one address never lock their class out, while a script
 * guessing codes gets a few dozen answers a minute and nothing more; and sockets that begin a request or a
 * WebSocket frame and never finish it are closed, while those that finish theirs stay.
 */
import { createServer, request } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { Client, type Room } from "@colyseus/sdk";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { afterEach, describe, expect, it } from "vitest";
import { MISSES_PER_MINUTE } from "../../server/http/joinLimiter.ts";
import { frameTracker, limitSocketTimes } from "../../server/http/socketTimeouts.ts";
import { ADDRESS_SEATS, KEY_JOINS } from "../../server/rooms/joinLimits.ts";
import { JOIN_CODE_ALPHABET } from "../../shared/protocol/joinCode.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { type Created, createSession, sleep, startTestServer, type TestServer } from "./harness.ts";

interface Reply {
  readonly status: number;
  readonly retryAfter: string | undefined;
  readonly body: { roomId?: string; error?: string };
}

/** POST /api/sessions from a chosen loopback address: a teacher on another network. */
function createFrom(server: TestServer, body: unknown, from: string): Promise<{ code: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.http}/api/sessions`,
      { method: "POST", localAddress: from, agent: false, headers: { "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve(JSON.parse(text)));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

/** GET /api/join/CODE from a chosen loopback address. */
function lookUp(server: TestServer, code: string, from = "127.0.0.1"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.http}/api/join/${encodeURIComponent(code)}`,
      { localAddress: from, agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers["retry-after"],
            body: JSON.parse(text),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** The code with one character changed: what a student who mistypes sends. */
function mistyped(code: string, i: number): string {
  const at = i % code.length;
  const wrong = JOIN_CODE_ALPHABET[(JOIN_CODE_ALPHABET.indexOf(code[at]) + 1 + (i % 7)) % 25];
  return code.slice(0, at) + wrong + code.slice(at + 1);
}

/** Codes no live session has: a script walking the code space. */
function guesses(count: number, avoid: string): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    let n = i * 7919 + 12345;
    let code = "";
    for (let k = 0; k < 6; k++) {
      code += JOIN_CODE_ALPHABET[n % 25];
      n = Math.floor(n / 25);
    }
    if (code !== avoid) out.push(code);
  }
  return out;
}

const config = { exam: "independent", scheme: { name: "global" }, maxStudents: 40 } as const;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function classroom(): Promise<{ server: TestServer; created: Created }> {
  server = await startTestServer();
  return { server, created: await createSession(server, config) };
}

describe("wrong join codes", () => {
  it("30 students behind one address who each mistype still get in with the right code", async () => {
    const { server, created } = await classroom();
    const misses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => lookUp(server, mistyped(created.code, i))),
    );
    expect(misses.map((r) => r.status)).toEqual(Array(30).fill(404));
    const rights = await Promise.all(Array.from({ length: 30 }, () => lookUp(server, created.code)));
    expect(rights.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(rights.every((r) => r.body.roomId === created.roomId)).toBe(true);
  });

  it("a script trying 1,000 codes from one address gets a few dozen answers, and its class still gets in", async () => {
    const { server, created } = await classroom();
    // The first phone of the class finds the code; then a classmate's script guesses from the same router.
    expect((await lookUp(server, created.code)).status).toBe(200);
    const script = await Promise.all(guesses(1000, created.code).map((code) => lookUp(server, code)));
    const answered = script.filter((r) => r.status === 404).length;
    const slowed = script.filter((r) => r.status === 429);
    expect(answered).toBe(MISSES_PER_MINUTE);
    expect(slowed.length).toBe(1000 - MISSES_PER_MINUTE);
    expect(Number(slowed[0].retryAfter)).toBeGreaterThan(0);
    expect(Number(slowed[0].retryAfter)).toBeLessThanOrEqual(60);
    expect(slowed[0].body.error).toMatch(/^Too many wrong codes .* try again in \d+ s/);
    expect(server.logs.filter((l) => l.message.startsWith("join code lookup refused")).length).toBe(
      slowed.length,
    );
    // 30 students mistype on top of the script, and all of them get in with the right code.
    const late = await Promise.all(
      Array.from({ length: 30 }, (_, i) => lookUp(server, i % 2 ? mistyped(created.code, i) : created.code)),
    );
    expect(late.filter((_, i) => i % 2 === 0).every((r) => r.status === 200)).toBe(true);
    const rights = await Promise.all(Array.from({ length: 30 }, () => lookUp(server, created.code)));
    expect(rights.map((r) => r.status)).toEqual(Array(30).fill(200));
    // The script learns nothing more: a code it never found is refused whether it is right or not (a class
    // whose teacher created it from this router is known to the router from the start, so: another teacher).
    const other = await createFrom(server, config, "127.0.0.3");
    expect((await lookUp(server, other.code)).status).toBe(429);
    // Another router's class is untouched by this one's script.
    expect((await lookUp(server, other.code, "127.0.0.2")).status).toBe(200);
  });

  it("codes of the wrong shape are typos, not guesses: they cost the address nothing", async () => {
    const { server } = await classroom();
    const typos = await Promise.all(
      Array.from({ length: 100 }, (_, i) => lookUp(server, "AB".repeat(i % 4))),
    );
    expect(typos.every((r) => r.status === 404)).toBe(true);
    const fresh = await createSession(server, config);
    expect((await lookUp(server, fresh.code)).status).toBe(200);
    expect(server.logs.some((l) => l.message.startsWith("join code lookup refused"))).toBe(false);
  });
});

/** A masked WebSocket frame from a client (RFC 6455 §5.2), with a payload of `size` bytes. */
function clientFrame(opcode: number, size: number): Buffer {
  const head =
    size < 126 ? [0x80 | opcode, 0x80 | size] : [0x80 | opcode, 0x80 | 126, size >> 8, size & 0xff];
  return Buffer.concat([Buffer.from([...head, 1, 2, 3, 4]), Buffer.alloc(size, 7)]);
}

describe("following WebSocket frames", () => {
  it("stands between frames only after each frame's last byte, however the bytes are cut", () => {
    const stream = Buffer.concat([clientFrame(2, 5), clientFrame(2, 300), clientFrame(0xa, 0)]);
    const ends = new Set([11, 11 + 308, 11 + 308 + 6]);
    const tracker = frameTracker();
    for (let i = 0; i < stream.length; i++)
      expect(tracker.feed(stream.subarray(i, i + 1)), `after byte ${i + 1}`).toBe(ends.has(i + 1));
    const whole = frameTracker();
    expect(whole.feed(stream)).toBe(true);
    expect(whole.feed(clientFrame(2, 40).subarray(0, 20))).toBe(false);
  });
});

describe("sockets that never finish", () => {
  const upgrade =
    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

  /** A raw socket that sends these pieces; resolves with what it got once it is open. */
  function rawSocket(port: number, pieces: readonly Buffer[]) {
    const socket = connect(port, "127.0.0.1");
    const state = { closed: false, got: "" };
    socket.on("data", (d: Buffer) => {
      state.got += d.toString("latin1");
    });
    socket.on("close", () => {
      state.closed = true;
    });
    socket.on("error", () => undefined);
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.once("connect", async () => {
      for (const piece of pieces) {
        socket.write(piece);
        await sleep(20);
      }
    });
    return { socket, state, closed };
  }

  for (const order of ["after", "before"] as const)
    it(`closes a WebSocket left in the middle of a frame, and keeps one that only sent whole frames (watch set ${order} the transport)`, async () => {
      const http = createServer();
      const logs: string[] = [];
      const times = { headersMs: 5_000, frameMs: 300, log: (m: string) => logs.push(m) };
      if (order === "before") limitSocketTimes(http, times);
      // The transport's own pings are off: only the frame clock can close the stuck socket.
      const transport = new WebSocketTransport({ server: http, pingInterval: 0 });
      if (order === "after") limitSocketTimes(http, times);
      await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
      const { port } = http.address() as AddressInfo;
      try {
        const whole = rawSocket(port, [Buffer.from(upgrade), clientFrame(0xa, 3)]);
        const stuck = rawSocket(port, [Buffer.from(upgrade), clientFrame(2, 100).subarray(0, 30)]);
        await stuck.closed;
        expect(stuck.state.got).toMatch(/^HTTP\/1\.1 101/);
        expect(whole.state.got).toMatch(/^HTTP\/1\.1 101/);
        expect(whole.state.closed).toBe(false);
        expect(logs).toEqual(["closed a WebSocket that never finished its frame"]);
        whole.socket.destroy();
      } finally {
        transport.shutdown();
      }
    });

  it("closes a connection whose request headers never end", async () => {
    const http = createServer((_req, res) => res.end("ok"));
    limitSocketTimes(http, { headersMs: 300, frameMs: 5_000 });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const { port } = http.address() as AddressInfo;
    try {
      const half = rawSocket(port, [Buffer.from(upgrade.slice(0, 40))]);
      const done = rawSocket(port, [Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n")]);
      await half.closed;
      expect(half.state.got).toBe("");
      expect(done.state.got).toMatch(/^HTTP\/1\.1 200/);
      done.socket.destroy();
    } finally {
      http.close();
    }
  });
});

describe("joins per browser key and per address", () => {
  const join = (server: TestServer, created: Created, nickname: string, clientKey: string) =>
    new Client(server.ws).joinById(created.roomId, {
      role: "student",
      protocol: PROTOCOL_VERSION,
      code: created.code,
      nickname,
      clientKey,
    });
  type Attempt = { readonly ok: true; readonly room: Room } | { readonly ok: false; readonly error: string };
  const attempt = async (joining: Promise<Room>): Promise<Attempt> => {
    try {
      return { ok: true, room: await joining };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
  const seatsTaken = async (server: TestServer, created: Created) =>
    new Set(
      (await server.app.store.events(created.id)).flatMap((e) =>
        e.event.type === "joined" ? [e.event.seat] : [],
      ),
    );

  it("a script with one browser key joining 200 times under 200 names holds one seat, and is refused after a few dozen tries", async () => {
    server = await startTestServer();
    const created = await createSession(server, { ...config, maxStudents: 200 });
    const attempts: Attempt[] = [];
    for (let i = 0; i < 200; i++)
      attempts.push(await attempt(join(server, created, `name${i}`, "one-key-0000")));
    const accepted = attempts.filter((a) => a.ok);
    const refused = attempts.flatMap((a) => (a.ok ? [] : [a.error]));
    expect(await seatsTaken(server, created)).toEqual(new Set([0]));
    expect(accepted.length).toBe(KEY_JOINS);
    expect(refused.length).toBe(200 - KEY_JOINS);
    expect(
      refused.every((e) => /^This browser has tried to join too often: try again in \d+ s\.$/.test(e)),
    ).toBe(true);
    expect(server.logs.filter((l) => l.message === "refused a join: too many joins").length).toBe(
      refused.length,
    );
    for (const a of accepted) a.room.leave();
  });

  it("a script with 200 random keys from one address takes one window's seats and waits, and a student whose key holds a seat comes back at once", async () => {
    server = await startTestServer();
    const created = await createSession(server, { ...config, maxStudents: 200 });
    const attempts = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        attempt(join(server as TestServer, created, `kim${i}`, `random-key-${i}-0000`)),
      ),
    );
    const refused = attempts.flatMap((a) => (a.ok ? [] : [a.error]));
    expect((await seatsTaken(server, created)).size).toBe(ADDRESS_SEATS);
    expect(refused.length).toBe(200 - ADDRESS_SEATS);
    expect(refused[0]).toMatch(
      /^Too many students are joining from this network at once: try again in \d+ s\.$/,
    );
    // A student whose key already holds a seat comes back at once: a reload costs the class nothing.
    const back = await attempt(join(server, created, "kim0", "random-key-0-0000"));
    expect(back.ok).toBe(true);
    for (const a of [...attempts, back]) if (a.ok) a.room.leave();
  });
});
