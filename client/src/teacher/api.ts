/**
 * The HTTP API as the dashboard uses it: every reply is checked before it is trusted, and every failure
 * becomes a sentence for the page (never a thrown error), so a bad or missing reply cannot break the page.
 */
import { z } from "zod";
import {
  CreateSessionReply,
  SchemeConfig,
  SESSION_STATUSES,
  SessionConfig,
} from "../../../shared/protocol/session.ts";
import type { LoggedEvent } from "../../../shared/session/events.ts";
import { serverOrigin } from "../join/handover.ts";

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string; readonly status: number };

/** How the API says what went wrong. */
const ErrorReply = z.object({ error: z.string() });

const OFFLINE = "The server cannot be reached: check the connection and try again.";

const CreatedReply = CreateSessionReply.extend({ roomId: z.string() });
export type CreatedReply = z.infer<typeof CreatedReply>;

const Round = z.object({
  round: z.number(),
  scheme: SchemeConfig,
  score: z.number(),
  classError: z.number(),
  twinScheme: SchemeConfig,
  twinScore: z.number(),
  students: z.number(),
  bots: z.number(),
});

const Detail = z.object({
  id: z.string(),
  code: z.string(),
  createdAt: z.number(),
  status: z.enum(SESSION_STATUSES),
  config: SessionConfig,
  rounds: z.number(),
  students: z.number(),
  lastScore: z.number().nullable(),
  results: z.array(Round),
});
export type Detail = z.infer<typeof Detail>;

// The fold checks every event in depth (and throws on nonsense); here only the envelope is checked.
const Logged = z.array(
  z.object({ seq: z.number(), at: z.number(), event: z.object({ type: z.string() }).loose() }),
);

async function call(path: string, init: RequestInit = {}): Promise<Result<unknown>> {
  let res: Response;
  try {
    res = await fetch(`${serverOrigin()}${path}`, init);
  } catch {
    return { ok: false, error: OFFLINE, status: 0 };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, value: body };
  const said = ErrorReply.safeParse(body);
  return {
    ok: false,
    status: res.status,
    error: said.success ? said.data.error : `The server answered ${res.status} ${res.statusText}.`,
  };
}

function checked<T>(result: Result<unknown>, schema: z.ZodType<T>, what: string): Result<T> {
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, status: 200, error: `The server's reply about ${what} was not understood.` };
}

const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });

export async function createSession(config: SessionConfig): Promise<Result<CreatedReply>> {
  const result = await call("/api/sessions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(config),
  });
  return checked(result, CreatedReply, "the new session");
}

/** Where students' phones reach the server; the page's own origin when the server does not say. */
export async function joinOrigin(): Promise<string> {
  const result = checked(await call("/api/join-origin"), z.object({ joinOrigin: z.string().nullable() }), "");
  const given = result.ok ? result.value.joinOrigin : null;
  return given && /^https?:\/\/[^/\s]+$/.test(given) ? given : location.origin;
}

/** The live room of a join code (410: the session has ended). */
export async function findRoom(code: string): Promise<Result<{ roomId: string }>> {
  return checked(
    await call(`/api/join/${encodeURIComponent(code)}`),
    z.object({ roomId: z.string() }),
    "the room",
  );
}

const Summary = Detail.omit({ results: true });
export type Summary = z.infer<typeof Summary>;
const SummaryPage = z.object({ sessions: z.array(Summary), next: z.string().nullable() });

/**
 * The summaries of the sessions whose teacher tokens this browser keeps, newest first, a page at a time
 * (`after`: the previous page's `next`). One request for the whole list, and no session's log is read.
 */
export async function listSessions(
  teacherTokens: readonly string[],
  page: { readonly limit?: number; readonly after?: string } = {},
): Promise<Result<z.infer<typeof SummaryPage>>> {
  const query = new URLSearchParams({ limit: String(page.limit ?? 100) });
  if (page.after) query.set("after", page.after);
  const result = await call(`/api/sessions/list?${query}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ teacherTokens }),
  });
  return checked(result, SummaryPage, "your sessions");
}

export async function sessionDetail(id: string, token: string): Promise<Result<Detail>> {
  return checked(await call(`/api/sessions/${encodeURIComponent(id)}`, bearer(token)), Detail, "the session");
}

export async function sessionEvents(id: string, token: string): Promise<Result<LoggedEvent[]>> {
  const result = checked(
    await call(`/api/sessions/${encodeURIComponent(id)}/events`, bearer(token)),
    Logged,
    "the log",
  );
  return result.ok ? { ok: true, value: result.value as unknown as LoggedEvent[] } : result;
}

export interface Download {
  readonly blob: Blob;
  readonly fileName: string;
}

/** The file name from a Content-Disposition header, or the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const quoted = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? "");
  const name = quoted ? decodeURIComponent(quoted[1]).trim() : "";
  return /^[\w.-]{1,128}$/.test(name) ? name : fallback;
}

/** The exports: per round ("csv"), per student and round ("students"), and the whole session ("json"). */
export type ExportKind = "csv" | "students" | "json";

const EXPORT_PATHS: Record<ExportKind, { readonly path: string; readonly name: (id: string) => string }> = {
  csv: { path: "export.csv", name: (id) => `group-exam-${id}.csv` },
  students: { path: "students.csv", name: (id) => `group-exam-${id}-students.csv` },
  json: { path: "export.json", name: (id) => `group-exam-${id}.json` },
};

/** An export, fetched with the teacher's token (a plain link could not carry it). */
export async function exportFile(id: string, token: string, kind: ExportKind): Promise<Result<Download>> {
  const { path, name } = EXPORT_PATHS[kind];
  let res: Response;
  try {
    res = await fetch(`${serverOrigin()}/api/sessions/${encodeURIComponent(id)}/${path}`, bearer(token));
  } catch {
    return { ok: false, error: OFFLINE, status: 0 };
  }
  if (!res.ok) {
    // The server says why in JSON (a log that does not replay, say); a route it lacks says nothing useful.
    const said = ErrorReply.safeParse(await res.json().catch(() => null));
    return {
      ok: false,
      status: res.status,
      error: said.success && res.status !== 404 ? said.data.error : `The export failed (${res.status}).`,
    };
  }
  const blob = await res.blob();
  return {
    ok: true,
    value: { blob, fileName: fileNameOf(res.headers.get("content-disposition"), name(id)) },
  };
}
