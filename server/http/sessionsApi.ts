/**
 * The HTTP API (JSON): create a session (within the creation limits), find a session's room by its join
 * code, and, with the teacher's token (`Authorization: Bearer TOKEN`, nothing else), list one's sessions,
 * read one, read its event log, export it (per round and per student as CSV, the whole log as JSON) and
 * check its replay.
 * Every body is validated with the shared zod schemas; every error is JSON with a sentence in `error`, and
 * every refusal one log line with its reason.
 */
import { matchMaker, ServerError } from "@colyseus/core";
import express, { type Request, type Response } from "express";
import { isJoinCode, joinCodeFrom, normalizeJoinCode } from "../../shared/protocol/joinCode.ts";
import {
  type CreateSessionReply,
  type RoundRecord,
  SessionConfig,
  type SessionDetail,
  type SessionSummary,
} from "../../shared/protocol/session.ts";
import type { LoggedEvent } from "../../shared/session/events.ts";
import { roundsTable, studentsTable, toCsv } from "../../shared/session/exports.ts";
import { EngineVersionMismatch, replay } from "../../shared/session/replay.ts";
import { createdEvent, ReplayMismatch } from "../../shared/session/session.ts";
import type { RoomLoader } from "../rooms/roomLoader.ts";
import { CLAIMED_ELSEWHERE } from "../rooms/writers.ts";
import type { SessionRow, SessionStore } from "../store/store.ts";
import { hashToken, newId, newToken, randomU32s } from "../tokens.ts";
import { type CreationLimits, mayCreate } from "./creationLimits.ts";
import { createJoinLimiter, type JoinLimiter } from "./joinLimiter.ts";
import { sessionsList } from "./sessionsList.ts";

export interface ApiDeps {
  readonly store: SessionStore;
  readonly rooms: RoomLoader;
  readonly now: () => number;
  readonly log: (message: string, data?: Record<string, unknown>) => void;
  /** The origin students' phones reach the server at, when it is known better than the page's own. */
  readonly joinOrigin: () => string | null;
  /** How many sessions may be made (rate-limiter-flexible objects: memory now, Redis in a cluster). */
  readonly creation: CreationLimits;
  /** Rooms live on this process now (the cap on live sessions counts them). */
  readonly liveRooms: () => number;
  /** Who may look join codes up how often (memory by default; a cluster passes one kept in Redis). */
  readonly codeLimiter?: JoinLimiter;
}

/** The token of `Authorization: Bearer TOKEN`, or why there is none. */
function bearerToken(header: string | undefined): { token: string } | { reason: string } {
  if (!header) return { reason: "no Authorization header" };
  const match = /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(header.trim());
  return match ? { token: match[1] } : { reason: "Authorization is not `Bearer TOKEN`" };
}

const fail = (res: Response, status: number, error: string): void => {
  res.status(status).json({ error });
};

function records(events: readonly LoggedEvent[]): RoundRecord[] {
  const out: RoundRecord[] = [];
  for (const { event } of events) if (event.type === "closed") out.push(event.record);
  return out;
}

function summaryOf(row: SessionRow, events: readonly LoggedEvent[]): SessionSummary {
  const first = events[0]?.event;
  if (first?.type !== "created") throw new Error(`session ${row.id} has no creation event`);
  const results = records(events);
  return {
    id: row.id,
    code: "",
    createdAt: row.createdAt,
    status: row.status,
    config: first.config,
    rounds: results.length,
    students: events.filter((e) => e.event.type === "joined").length,
    lastScore: results.length ? results[results.length - 1].score : null,
  };
}

export function sessionsApi(deps: ApiDeps): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: "64kb" }));
  const limiter = deps.codeLimiter ?? createJoinLimiter();

  /** The teacher's session, or a reply saying why not. */
  const teacherSession = async (req: Request, res: Response): Promise<SessionRow | null> => {
    const row = await deps.store.session(String(req.params.id));
    const bearer = bearerToken(req.get("authorization"));
    const reason =
      "reason" in bearer
        ? bearer.reason
        : !row
          ? "no such session"
          : hashToken(bearer.token) !== row.teacherTokenHash
            ? "not this session's teacher token"
            : null;
    if (!row || reason) {
      deps.log("refused a teacher's request", { address: req.ip, path: req.path.slice(0, 80), reason });
      fail(
        res,
        404,
        "No session of yours has that id (send `Authorization: Bearer` and the teacher's token).",
      );
      return null;
    }
    return row;
  };

  router.post("/sessions", async (req, res) => {
    const address = req.ip ?? "unknown";
    const verdict = await mayCreate(deps.creation, address, deps.liveRooms());
    if (!verdict.ok) {
      deps.log("refused to create a session", { address, status: verdict.status, reason: verdict.error });
      res.set("Retry-After", String(verdict.retryAfter));
      return fail(res, verdict.status, verdict.error);
    }
    const parsed = SessionConfig.safeParse(req.body);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
      return fail(res, 400, `That session configuration is not valid: ${why}`);
    }
    const config = parsed.data;
    const seed = config.seed ?? randomU32s(1)[0];
    let code = joinCodeFrom(randomU32s(6));
    while (await deps.store.sessionByCode(code)) code = joinCodeFrom(randomU32s(6));
    const id = newId();
    const teacherToken = newToken();
    const projectorToken = newToken();
    await deps.store.createSession(
      {
        id,
        code,
        createdAt: deps.now(),
        teacherTokenHash: hashToken(teacherToken),
        projectorTokenHash: hashToken(projectorToken),
      },
      createdEvent(config, seed, code),
    );
    const room = await matchMaker.createRoom("exam", { sessionId: id });
    deps.log("session created", { id, code, exam: config.exam, scheme: config.scheme.name });
    // The teacher's own network knows the code from now: a script guessing from it can never hold it off.
    await limiter.hit(req.ip ?? "unknown", code, { wait: 0, took: false });
    const reply: CreateSessionReply & { roomId: string } = {
      id,
      code,
      seed,
      teacherToken,
      projectorToken,
      roomId: room.roomId,
    };
    res.status(201).json(reply);
  });

  router.get("/join/:code", async (req, res) => {
    const address = req.ip ?? "unknown";
    const code = normalizeJoinCode(String(req.params.code).slice(0, 32));
    // A code of the wrong shape is a typo, not a guess: it costs the address nothing (see joinLimiter.ts).
    if (!isJoinCode(code)) return fail(res, 404, "No session has that code. Check it with your teacher.");
    const claim = await limiter.claim(address, code);
    if (claim.wait > 0) {
      deps.log("join code lookup refused: too many wrong codes from one address", {
        address,
        retryAfter: claim.wait,
      });
      res.set("Retry-After", String(claim.wait));
      return fail(
        res,
        429,
        `Too many wrong codes were typed from this network: check the code with your teacher and try again in ${claim.wait} s.`,
      );
    }
    const row = await deps.store.sessionByCode(code);
    let roomId: string | null = null;
    if (row)
      try {
        roomId = await deps.rooms.roomFor(row);
      } catch (error) {
        // In a cluster, another process is opening the room this very moment: the page asks again at once.
        const elsewhere = error instanceof ServerError && error.code === CLAIMED_ELSEWHERE;
        deps.log(
          elsewhere
            ? "a live session's room is being brought back by another process"
            : "a live session's room could not be brought back",
          { session: row.id, error: String(error) },
        );
        await limiter.hit(address, code, claim);
        res.set("Retry-After", elsewhere ? "1" : "5");
        return fail(res, 503, "The class server cannot open this session right now: trying again shortly.");
      }
    if (!row || !roomId) {
      // A code that was right once is no guess: say the session is over and do not count it as a miss.
      const past = await deps.store.latestByCode(code);
      if (past) {
        await limiter.hit(address, code, claim);
        return fail(res, 410, "That session has ended. Ask your teacher for the new code.");
      }
      deps.log("wrong join code", { address });
      return fail(res, 404, "No session has that code. Check it with your teacher.");
    }
    await limiter.hit(address, code, claim);
    res.json({ roomId, code });
  });

  /** Where students join from: the projector's QR code and join URL use it. */
  router.get("/join-origin", (_req, res) => {
    res.json({ joinOrigin: deps.joinOrigin() });
  });

  /** The server's own load, for the load test and for operators. */
  router.get("/status", (_req, res) => {
    const cpu = process.cpuUsage();
    res.json({
      uptimeSeconds: process.uptime(),
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      rssBytes: process.memoryUsage().rss,
      heapUsedBytes: process.memoryUsage().heapUsed,
      // This process's rooms (in a cluster, each process answers for its own).
      rooms: deps.liveRooms(),
    });
  });

  router.use(sessionsList(deps));

  router.get("/sessions/:id", async (req, res) => {
    const row = await teacherSession(req, res);
    if (!row) return;
    const events = await deps.store.events(row.id);
    const detail: SessionDetail = { ...summaryOf(row, events), code: row.code, results: records(events) };
    res.json(detail);
  });

  router.get("/sessions/:id/events", async (req, res) => {
    const row = await teacherSession(req, res);
    if (row) res.json(await deps.store.events(row.id));
  });

  router.get("/sessions/:id/export.csv", async (req, res) => {
    const row = await teacherSession(req, res);
    if (!row) return;
    res
      .type("text/csv")
      .attachment(`group-exam-${row.id}.csv`)
      .send(toCsv(roundsTable(records(await deps.store.events(row.id)))));
  });

  /** Each seat's level and feedback in every round: a fold of the log, so it needs a log that replays. */
  router.get("/sessions/:id/students.csv", async (req, res) => {
    const row = await teacherSession(req, res);
    if (!row) return;
    try {
      const table = studentsTable((await deps.store.events(row.id)).map((e) => e.event));
      res.type("text/csv").attachment(`group-exam-${row.id}-students.csv`).send(toCsv(table));
    } catch (e) {
      if (e instanceof ReplayMismatch || e instanceof EngineVersionMismatch)
        return fail(res, 409, `The per-student table cannot be made: ${e.message}.`);
      throw e;
    }
  });

  router.get("/sessions/:id/export.json", async (req, res) => {
    const row = await teacherSession(req, res);
    if (!row) return;
    const events = await deps.store.events(row.id);
    res
      .attachment(`group-exam-${row.id}.json`)
      .json({ session: { ...summaryOf(row, events), code: row.code }, results: records(events), events });
  });

  /** Re-runs the engine over the log and compares every round with the stored one. */
  router.get("/sessions/:id/replay", async (req, res) => {
    const row = await teacherSession(req, res);
    if (!row) return;
    try {
      const state = replay((await deps.store.events(row.id)).map((e) => e.event));
      res.json({ ok: true, rounds: state.results.length });
    } catch (e) {
      if (e instanceof ReplayMismatch) return res.json({ ok: false, round: e.round, error: e.message });
      if (e instanceof EngineVersionMismatch) return res.json({ ok: false, round: 0, error: e.message });
      throw e;
    }
  });

  router.use((_req: Request, res: Response) => fail(res, 404, "No such API route."));
  // Malformed JSON and oversized bodies get a JSON error too, never an HTML page or a crash.
  router.use(
    (
      error: { status?: number; message?: string },
      _req: Request,
      res: Response,
      _next: express.NextFunction,
    ) => {
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
      deps.log(status === 500 ? "API error" : "refused an API request", {
        status,
        reason: String(error.message).split("\n")[0].slice(0, 200),
      });
      fail(
        res,
        status,
        status === 500
          ? "Something went wrong on the server."
          : "That request was not understood: check its address and its body.",
      );
    },
  );
  return router;
}
