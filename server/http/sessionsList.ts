/**
 * The teacher's list of sessions: `POST /api/sessions/list?limit=20&after=ID` with the teacher tokens this
 * browser keeps (`{"teacherTokens": [...]}`, in a body so they stay out of addresses and logs) answers the
 * summaries of those sessions only, newest first, a page at a time (`next` is the `after` of the next page).
 * Summaries come from the sessions' stored columns: no log is read. A token that matches nothing is
 * simply not listed, so the answer says nothing about other people's sessions.
 */
import express, { type Request, type Response } from "express";
import { z } from "zod";
import type { SessionSummary } from "../../shared/protocol/session.ts";
import type { SessionStore, SessionSummaryRow } from "../store/store.ts";
import { hashToken } from "../tokens.ts";

export const LIST_MAX_TOKENS = 500;
export const LIST_MAX_PAGE = 100;

const ListBody = z.object({
  teacherTokens: z.array(z.string().min(1).max(100)).min(1).max(LIST_MAX_TOKENS),
});
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LIST_MAX_PAGE).default(20),
  after: z.string().min(1).max(40).optional(),
});

export interface SessionList {
  readonly sessions: SessionSummary[];
  readonly next: string | null;
}

export const summaryOf = (row: SessionSummaryRow): SessionSummary => ({
  id: row.id,
  code: row.code,
  createdAt: row.createdAt,
  status: row.status,
  config: row.config,
  rounds: row.rounds,
  students: row.students,
  lastScore: row.lastScore,
});

export function sessionsList(deps: {
  readonly store: SessionStore;
  readonly log: (message: string, data?: Record<string, unknown>) => void;
}): express.Router {
  const router = express.Router();
  const refuse = (req: Request, res: Response, status: number, error: string, reason: string): void => {
    deps.log("refused a sessions list", { address: req.ip, reason });
    res.status(status).json({ error });
  };

  router.post("/sessions/list", async (req, res) => {
    const body = ListBody.safeParse(req.body);
    if (!body.success)
      return refuse(
        req,
        res,
        400,
        `Send the teacher tokens of your sessions as {"teacherTokens": [...]} (1 to ${LIST_MAX_TOKENS}).`,
        "no tokens",
      );
    const query = ListQuery.safeParse(req.query);
    if (!query.success)
      return refuse(
        req,
        res,
        400,
        `A page holds 1 to ${LIST_MAX_PAGE} sessions, after one of yours.`,
        "bad page",
      );
    const hashes = body.data.teacherTokens.map(hashToken);
    const page = await deps.store.summaries(hashes, query.data.limit, query.data.after);
    if (!page)
      return refuse(req, res, 400, "The page to continue after is not one of your sessions.", "bad after");
    const reply: SessionList = { sessions: page.rows.map(summaryOf), next: page.next };
    res.json(reply);
  });

  router.get("/sessions", (req, res) => {
    res.set("Allow", "POST");
    refuse(
      req,
      res,
      405,
      "The list of sessions is the teacher's: POST /api/sessions/list with your sessions' teacher tokens.",
      "GET without tokens",
    );
  });
  return router;
}
