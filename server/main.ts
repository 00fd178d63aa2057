/**
 * `npm start`: the exam server on all interfaces (phones in the classroom must reach the teacher's laptop),
 * printing the addresses to open. PORT, HOST and DATA_DIR change the defaults (2567, 0.0.0.0, ./data);
 * PUBLIC_URL is the address students join at (the QR code), by default the first LAN address.
 * A cluster: REDIS_URL (shared matchmaking, listings and rate limits), DATABASE_URL (the shared event log in
 * PostgreSQL) and PUBLIC_ADDRESS (where pages reach this process's WebSockets; see cluster/cluster.ts).
 * What an operator can fix (a data folder that cannot be written, a port in use) is one line on stderr and
 * a non-zero exit, never a stack trace.
 */
import { networkInterfaces } from "node:os";
import { resolve } from "node:path";
import { type App, startApp } from "./app.ts";
import { publicAddressFrom } from "./cluster/cluster.ts";
import { freePort } from "./cluster/freePort.ts";
import { servePages } from "./http/pages.ts";
import { checkDataDir, DATABASE_FILE } from "./store/dataDir.ts";

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((a) => (a && a.family === "IPv4" && !a.internal ? [a.address] : []));
}

const port = Number(process.env.PORT ?? 2567);
const host = process.env.HOST ?? "0.0.0.0";
const dataDir = resolve(process.env.DATA_DIR ?? "data");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`PORT must be a port number, not "${process.env.PORT}"\n`);
  process.exit(2);
}

/** One line for the operator, and out. */
function refuse(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const redisUrl = process.env.REDIS_URL || undefined;
// Processes that share matchmaking must share their sessions too, or a room would open where its log is not.
if (redisUrl && !databaseUrl)
  refuse("REDIS_URL makes this process one of a cluster, whose sessions are shared: set DATABASE_URL too.");
// The SQLite file is the store only without DATABASE_URL; then its folder must take writes.
if (!databaseUrl) {
  const unwritable = checkDataDir(dataDir);
  if (unwritable) refuse(unwritable);
}

const pagesDir = resolve(import.meta.dirname, "..", "dist", "client");
const lan = host === "0.0.0.0" ? lanAddresses() : [host];
// Phones cannot reach "localhost": the QR code carries the first LAN address unless PUBLIC_URL says better.
const publicUrl = process.env.PUBLIC_URL?.replace(/\/+$/, "");
const joinOriginAt = (listening: number): string | null =>
  publicUrl ?? (lan[0] ? `http://${lan[0]}:${listening}` : null);
/**
 * A load test from one machine is one address: SEATS_PER_ADDRESS (new seats per address per 10 s, default 60)
 * and SESSIONS_PER_ADDRESS (per 10 minutes, default 30) lift the limits a classroom never meets.
 */
function limitFrom(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) refuse(`${name} must be a whole number of at least 1, not "${raw}".`);
  return n;
}
const seatsPerAddress = limitFrom("SEATS_PER_ADDRESS");
const sessionsPerAddress = limitFrom("SESSIONS_PER_ADDRESS");

// A cluster's processes announce their address before they listen: a port of 0 is chosen here first.
const listenPort = redisUrl && port === 0 ? await freePort(host) : port;
const cluster = redisUrl
  ? { redisUrl, publicAddress: publicAddressFrom(process.env, { host, port: listenPort }, lan[0]) }
  : undefined;

// Behind a front (PUBLIC_ADDRESS with a path), phones must be sent to the front, not to this process.
if (cluster?.publicAddress.includes("/") && !publicUrl)
  process.stderr.write(
    "PUBLIC_URL is not set: the QR code will carry this process's own address, not the front's. Set PUBLIC_URL to the front's address.\n",
  );

let app: App;
try {
  app = await startApp({
    port: listenPort,
    host,
    dataDir,
    databaseUrl,
    cluster,
    joinOrigin: joinOriginAt,
    routes: (express) => servePages(express, pagesDir),
    lifted: { addressSeats: seatsPerAddress, sessionsPerAddress },
  });
} catch (error) {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  // A database that is not one (a stray file of that name) or that another server holds open.
  if (code === "ERR_SQLITE_ERROR")
    refuse(`Group Exam cannot open its database ${resolve(dataDir, DATABASE_FILE)}: ${message}.`);
  if (code === "EADDRINUSE")
    refuse(`Port ${port} on ${host} is in use (another Group Exam?): stop it, or choose another with PORT.`);
  throw error;
}
const local = `http://${host === "0.0.0.0" ? "localhost" : host}:${app.port}`;
process.stdout.write(
  [
    `Group Exam is running (${databaseUrl ? "sessions in PostgreSQL" : `data in ${dataDir}`}${cluster ? `; one process of a cluster, reached at ${cluster.publicAddress}` : ""}).`,
    `  Teacher's dashboard (create a session, then open its projector view): ${local}/teacher`,
    `  Students join at: ${joinOriginAt(app.port) ?? local}/`,
    `  Bot-only demo in the browser, no server needed: ${local}/demo`,
    `  API: POST ${local}/api/sessions creates a session (see the README).`,
    "",
  ].join("\n"),
);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await app.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
