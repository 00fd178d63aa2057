/**
 * The built client pages (dist/client, made by `npm run build`): `/` and `/join/CODE` the join page,
 * `/student` a student's page, `/demo` the bot-only demo, `/class/CODE` the projector, `/teacher` the
 * teacher's dashboard. Until the pages are built, `/` says how.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import express from "express";

const PAGES: Record<string, string> = {
  "/": "index.html",
  "/join/:code": "index.html",
  "/student": "student.html",
  "/demo": "demo.html",
  "/class/:code": "projector.html",
  "/teacher": "teacher.html",
};

export function servePages(app: express.Application, dir: string): void {
  if (!existsSync(join(dir, "index.html"))) {
    app.get("/", (_req, res) => {
      res
        .type("text/plain")
        .send("Group Exam: the pages are not built yet. Run `npm run build`, then reload.");
    });
    return;
  }
  for (const [route, file] of Object.entries(PAGES))
    app.get(route, (_req, res) => {
      res.sendFile(join(dir, file));
    });
  // Hashed file names never change: cache them; the pages themselves are served fresh.
  app.use("/assets", express.static(join(dir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(dir, { index: false }));
}
