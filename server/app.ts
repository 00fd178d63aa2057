/**
 * The server in one function: the SQLite store, the Colyseus server with the WebSocket transport and the
 * exam rooms, and the HTTP API on the same port. Started by `npm start` and by the tests, each on its port.
 * Every HTTP request comes in through the front door (headers, origins, body caps: http/frontDoor.ts);
 * every error answers a sentence and logs one line (http/errors.ts).
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { matchMaker, Server } from "@colyseus/core";
import { Encoder } from "@colyseus/schema";
import { WebSocketTransport } from "@colyseus/ws-transport";
import type express from "express";
import { joinCluster } from "./cluster/cluster.ts";
import { sharedLimits } from "./cluster/sharedLimits.ts";
import { stampClientAddresses, trustFrom } from "./http/clientAddress.ts";
import { CREATIONS_IN_ALL, type CreationLimits, memoryCreationLimits } from "./http/creationLimits.ts";
import { colyseusLogger, errorPage, notFound } from "./http/errors.ts";
import { guardDoor } from "./http/frontDoor.ts";
import { allowedOriginsFrom, originVerdict, restrictColyseusCors } from "./http/security.ts";
import { sessionsApi } from "./http/sessionsApi.ts";
import { limitSocketTimes, SOCKET_TIMEOUTS } from "./http/socketTimeouts.ts";
import { examRoom } from "./rooms/ExamRoom.ts";
import { createJoinLimits, type JoinLimits, memoryJoinLimitStores } from "./rooms/joinLimits.ts";
import { createRoomLoader } from "./rooms/roomLoader.ts";
import { soleProcess, Writers } from "./rooms/writers.ts";
import { openStore } from "./store/openStore.ts";
import type { SessionStore } from "./store/store.ts";

export interface AppOptions {
  readonly port: number;
  readonly host: string;
  /** The SQLite file's folder: the store when there is no `databaseUrl`. */
  readonly dataDir: string;
  /** The shared event log of a cluster in PostgreSQL (DATABASE_URL), instead of the SQLite file. */
  readonly databaseUrl?: string;
  /** Seconds a dropped student's seat is kept (at least 60 in a classroom). */
  readonly reconnectSeconds?: number;
  /** Seconds a room with nobody in it stays loaded (its session resumes from the log on the next join). */
  readonly idleSeconds?: number;
  /** Joins per browser key and per address (the load test passes roomier ones; a cluster, shared stores). */
  readonly joinLimits?: JoinLimits;
  readonly log?: (message: string, data?: Record<string, unknown>) => void;
  readonly now?: () => number;
  /** Extra routes (the client pages, later). */
  readonly routes?: (app: express.Application) => void;
  /**
   * Where phones reach this server (the QR code's address), e.g. http://192.168.1.20:2567, given the port
   * it listens on; by default the origin the projector page was opened at.
   */
  readonly joinOrigin?: (port: number) => string | null;
  /** Session creation limits (by default in memory: 30 per address and 120 in all per 10 min, 200 live). */
  readonly creation?: CreationLimits;
  /**
   * The numbers a load test from one machine lifts (SEATS_PER_ADDRESS, SESSIONS_PER_ADDRESS), for the
   * limits the app makes itself: in memory, or shared through Redis in a cluster.
   */
  readonly lifted?: { readonly addressSeats?: number; readonly sessionsPerAddress?: number };
  /**
   * Pages of other origins that may use the API, the matchmaker and the WebSocket (the development case:
   * vite's dev server); by default ALLOWED_ORIGINS from the environment, space- or comma-separated.
   */
  readonly allowedOrigins?: readonly string[];
  /**
   * One process of a cluster (REDIS_URL and PUBLIC_ADDRESS): shared matchmaking and room listings through
   * Redis; sessions move to a live process when theirs dies. Without it, the process is alone.
   */
  readonly cluster?: { readonly redisUrl: string; readonly publicAddress: string };
  /**
   * Proxies whose X-Forwarded-For names the client (a cluster's front): by default TRUST_PROXY from the
   * environment, and none without it (http/clientAddress.ts).
   */
  readonly trustProxy?: string;
}

export interface App {
  readonly port: number;
  readonly store: SessionStore;
  /** Live sessions this start brought back from their logs, and those too old to resume. */
  readonly resumed: readonly string[];
  readonly expired: readonly string[];
  close(): Promise<void>;
}

/** After a restart every student has this long to come back into its seat. */
const RESTORE_GRACE_SECONDS = 300;
/** A room nobody has been in for this long is unloaded; its session stays live and resumes on the next join. */
const IDLE_ROOM_SECONDS = 1800;
/** Join options are a code, a name, a token and a key: a few hundred bytes. */
const MATCHMAKE_BODY_BYTES = 8 * 1024;
/** A session's configuration, or a teacher's list of up to 500 tokens. */
const API_BODY_BYTES = 64 * 1024;

export function jsonLog(message: string, data?: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), message, ...data })}\n`);
}

export async function startApp(options: AppOptions): Promise<App> {
  const log = options.log ?? jsonLog;
  const now = options.now ?? Date.now;
  const store = await openStore({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    log: (line) => log(line),
  });
  const cluster = options.cluster && joinCluster({ ...options.cluster, log });
  const liveness = cluster?.liveness ?? soleProcess(() => matchMaker.processId);
  const writers = new Writers(store, liveness);
  const rooms = createRoomLoader({ store, liveness, now, log });
  // A cluster's limits hold across its processes (through Redis); a lone process counts in memory.
  const lifted = options.lifted ?? {};
  const creationNumbers = {
    perAddress: lifted.sessionsPerAddress,
    total: lifted.sessionsPerAddress && Math.max(CREATIONS_IN_ALL, lifted.sessionsPerAddress),
  };
  const shared =
    cluster &&
    sharedLimits(cluster.redis, { log, addressSeats: lifted.addressSeats, creation: creationNumbers });
  const creation = options.creation ?? shared?.creation ?? memoryCreationLimits(creationNumbers);
  const joinLimits =
    options.joinLimits ??
    shared?.joinLimits ??
    createJoinLimits(memoryJoinLimitStores({ addressSeats: lifted.addressSeats }));
  const allowedOrigins = options.allowedOrigins ?? allowedOriginsFrom(process.env.ALLOWED_ORIGINS);
  const trust = trustFrom(options.trustProxy ?? process.env.TRUST_PROXY);
  restrictColyseusCors(allowedOrigins);

  // The teacher's first full state holds the whole roster: room for 4,000 seats without regrowing.
  Encoder.BUFFER_SIZE = 512 * 1024;
  // Known once the port is: the API reads it on every request.
  let joinOrigin: string | null = null;
  const httpServer: HttpServer = createServer();
  const server = new Server({
    transport: new WebSocketTransport({
      server: httpServer,
      maxPayload: 8 * 1024,
      // A WebSocket is not bound by CORS: a page of another site is refused here.
      beforeUpgrade: (request) => {
        const verdict = originVerdict(
          request.headers.get("origin"),
          request.headers.get("host"),
          allowedOrigins,
        );
        if (verdict !== "foreign") return undefined;
        log("refused a WebSocket from another site's page", { origin: request.headers.get("origin") });
        return new Response("This server answers only its own pages.", { status: 403 });
      },
    }),
    greet: false,
    gracefullyShutdown: false,
    ...(cluster && {
      presence: cluster.presence,
      driver: cluster.driver,
      publicAddress: cluster.publicAddress,
      selectProcessIdToCreateRoom: cluster.selectProcessIdToCreateRoom,
    }),
    logger: colyseusLogger(log),
    express: (app) => {
      app.set("trust proxy", trust);
      app.disable("x-powered-by");
      app.use(
        "/api",
        sessionsApi({
          store,
          rooms,
          now,
          log,
          joinOrigin: () => joinOrigin,
          creation,
          codeLimiter: shared?.codeLimiter,
          liveRooms: () => matchMaker.stats.local.roomCount,
        }),
      );
      options.routes?.(app);
      app.use(notFound);
      app.use(errorPage(log));
    },
  });
  const reconnectSeconds = options.reconnectSeconds ?? 90;
  server.define(
    "exam",
    examRoom({
      store,
      writers,
      now,
      log,
      reconnectSeconds,
      rules: { graceMs: reconnectSeconds * 1000, restoreGraceMs: RESTORE_GRACE_SECONDS * 1000 },
      idleSeconds: options.idleSeconds ?? IDLE_ROOM_SECONDS,
      joinLimits,
    }),
  );
  // Every socket gets clocks: a request's headers and a WebSocket frame must arrive whole within seconds.
  limitSocketTimes(httpServer, { ...SOCKET_TIMEOUTS, log });
  // Clients may join a room they were told about and reconnect; rooms are made only by the HTTP API.
  matchMaker.controller.exposedMethods = ["joinById", "reconnect"];
  await server.listen(options.port, options.host);
  cluster?.watch();
  // After listen: Colyseus has bound its matchmaker to the HTTP server, and the door goes in front of it.
  guardDoor(httpServer, {
    matchmakeBodyBytes: MATCHMAKE_BODY_BYTES,
    bodyBytes: API_BODY_BYTES,
    allowedOrigins,
    log,
  });
  // After the door (which takes over the request listeners): the first thing every request meets.
  stampClientAddresses(httpServer, trust);
  const port = (httpServer.address() as AddressInfo).port;
  joinOrigin = options.joinOrigin?.(port) ?? null;
  const started = now();
  const { resumed, expired } = await rooms.resumeAll();
  if (resumed.length || expired.length)
    log("live sessions brought back from their logs", { resumed, expired, ms: now() - started });
  return {
    port,
    store,
    resumed,
    expired,
    async close() {
      await server.gracefullyShutdown(false);
      await cluster?.close();
      await store.close();
    },
  };
}
