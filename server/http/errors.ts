/**
 * Errors never show their insides. An address that cannot be read (`/join/%`, `/class/%E0%A4%A`) or any
 * failure in a route answers a sentence (JSON on the API, plain text on a page) and logs one line; express's
 * own error page would print the stack and the file paths. Colyseus's logger is replaced by one that writes
 * each message as one line, with a stack cut to its first line: a refused join or a message that fails its
 * schema is one line with its reason, not a multi-line stack.
 */
import type { NextFunction, Request, Response } from "express";

type Log = (message: string, data?: Record<string, unknown>) => void;

/** The first line of what Colyseus wants to print (an Error's stack is its message and its frames). */
function firstLine(value: unknown): string {
  const text = value instanceof Error ? `${value.name}: ${value.message}` : String(value);
  return text.split("\n")[0].slice(0, 300);
}

/** Colyseus's `logger` option: errors and warnings as one line each, its debug chatter dropped. */
export function colyseusLogger(log: Log) {
  const line =
    (level: string) =>
    (...args: unknown[]): void => {
      log("colyseus", { level, said: args.map(firstLine).join(" ") });
    };
  const quiet = (): void => {};
  return { error: line("error"), warn: line("warn"), info: line("info"), debug: quiet, trace: quiet };
}

const wantsJson = (req: Request): boolean => req.originalUrl.startsWith("/api/");

/** After every route: a sentence for an address nothing answers. */
export function notFound(req: Request, res: Response): void {
  if (wantsJson(req)) res.status(404).json({ error: "No such API route." });
  else res.status(404).type("text/plain").send("Group Exam: there is no page at this address.");
}

/** After every route: one log line, and a sentence for the person (never the error itself). */
export function errorPage(log: Log) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const status =
      typeof error === "object" && error !== null && "status" in error && typeof error.status === "number"
        ? error.status
        : 500;
    const client = status >= 400 && status < 500;
    log(client ? "refused a request" : "a request failed", {
      status,
      path: req.path.slice(0, 200),
      reason: firstLine(error),
    });
    const sentence = client
      ? "That address or request could not be read. Check the link, or ask your teacher for the code."
      : "Something went wrong on the server.";
    if (res.headersSent) return;
    if (wantsJson(req)) res.status(client ? status : 500).json({ error: sentence });
    else
      res
        .status(client ? status : 500)
        .type("text/plain")
        .send(`Group Exam: ${sentence}`);
  };
}
