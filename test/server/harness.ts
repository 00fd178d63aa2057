/**
 * A real server on a free loopback port with its own data folder, and real @colyseus/sdk clients:
 * what the integration tests stand on. A data folder the harness made goes when its server closes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Room } from "@colyseus/sdk";
import { afterAll, beforeAll } from "vitest";
import { type App, startApp } from "../../server/app.ts";
import { bytesReceived, MeteredClient } from "../../server/cli/meteredClient.ts";
import { servePages } from "../../server/http/pages.ts";
import type { FeedbackMessage, RejectedMessage, YouMessage } from "../../shared/protocol/messages.ts";
import type { CreateSessionReply, SessionConfigInput } from "../../shared/protocol/session.ts";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";

export interface TestServer {
  readonly app: App;
  readonly http: string;
  readonly ws: string;
  readonly dataDir: string;
  readonly logs: { message: string; data?: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startTestServer(
  options: {
    reconnectSeconds?: number;
    dataDir?: string;
    pagesDir?: string;
    idleSeconds?: number;
    now?: () => number;
  } = {},
): Promise<TestServer> {
  // A folder the test handed in is the test's to remove (it may start a second server on it).
  const own = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "group-exam-test-"));
  const removeOwn = () => {
    if (own) rmSync(dataDir, { recursive: true, force: true });
  };
  const logs: TestServer["logs"] = [];
  const pagesDir = options.pagesDir;
  let app: App;
  try {
    app = await startApp({
      port: 0,
      host: "127.0.0.1",
      dataDir,
      reconnectSeconds: options.reconnectSeconds ?? 60,
      idleSeconds: options.idleSeconds,
      now: options.now,
      log: (message, data) => logs.push({ message, data }),
      routes: pagesDir ? (app) => servePages(app, pagesDir) : undefined,
    });
  } catch (error) {
    removeOwn();
    throw error;
  }
  return {
    app,
    http: `http://127.0.0.1:${app.port}`,
    ws: `ws://127.0.0.1:${app.port}`,
    dataDir,
    logs,
    close: async () => {
      try {
        await app.close();
      } finally {
        removeOwn();
      }
    },
  };
}

/** One server for a test file: started before its tests, closed after them. */
export function useTestServer(
  options: { reconnectSeconds?: number; pagesDir?: string } = {},
): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("the test server is not started yet");
    return server;
  };
}

export type Created = CreateSessionReply & { roomId: string };

/** Where a server answers: a test server, or `npm start` in a process of its own. */
export type Reachable = Pick<TestServer, "http" | "ws">;

export async function createSession(server: Reachable, config: SessionConfigInput): Promise<Created> {
  const res = await fetch(`${server.http}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(config),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Created;
}

export async function api<T>(
  server: Reachable,
  path: string,
  token?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.http}/api${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as T,
  };
}

/** A client that remembers every message it got, and counts the bytes it received. */
export interface Participant {
  readonly room: Room;
  readonly you: YouMessage[];
  readonly feedback: FeedbackMessage[];
  readonly rejected: RejectedMessage[];
  readonly other: { type: string; message: unknown }[];
  bytes(): number;
}

function participant(room: Room): Participant {
  const p: Participant = {
    room,
    you: [],
    feedback: [],
    rejected: [],
    other: [],
    bytes: () => bytesReceived(room),
  };
  room.onMessage("you", (m: YouMessage) => p.you.push(m));
  room.onMessage("feedback", (m: FeedbackMessage) => p.feedback.push(m));
  room.onMessage("rejected", (m: RejectedMessage) => p.rejected.push(m));
  room.onMessage("*", (type: string | number, message: unknown) =>
    p.other.push({ type: String(type), message }),
  );
  room.reconnection.minUptime = 0;
  return p;
}

export async function joinStudent(
  server: Reachable,
  created: Created,
  nickname: string,
  clientKey = `key-${nickname}-0000`,
  options: { keepFrames?: boolean } = {},
) {
  const client = new MeteredClient(server.ws);
  client.keepFrames = options.keepFrames ?? false;
  const room = await client.joinById(created.roomId, {
    role: "student",
    protocol: PROTOCOL_VERSION,
    code: created.code,
    nickname,
    clientKey,
  });
  return participant(room);
}

export async function joinStaff(
  server: Reachable,
  created: Created,
  role: "teacher" | "projector" = "teacher",
) {
  const room = await new MeteredClient(server.ws).joinById(created.roomId, {
    role,
    protocol: PROTOCOL_VERSION,
    token: role === "teacher" ? created.teacherToken : created.projectorToken,
  });
  return participant(room);
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
