/**
 * The front of a cluster: one address for every page, in front of the processes, as Colyseus documents
 * (https://docs.colyseus.io/deployment/scalability). Pages, the API and the matchmaker go to any live
 * process (a dead one is skipped: `proxy_next_upstream`); each process's WebSockets go to it by its own path,
 * `/node-N/`, which is what its PUBLIC_ADDRESS says (`front-host/node-N`). So no sticky sessions: a page
 * asks any process where its room is, and the answer names the process that holds it.
 *
 * `npm run front -- --listen 8080 127.0.0.1:2567 127.0.0.1:2568` prints the nginx site for that cluster;
 * the cluster tests start Debian's nginx with the same site, so what the README shows is what is tested.
 * Each process is listed by name: a path never chooses a port, so the front reaches nothing but the cluster.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface FrontProcess {
  /** The path the front gives it, `node-1`, and so its PUBLIC_ADDRESS: `<front host>/node-1`. */
  readonly name: string;
  /** host:port where the front reaches it. */
  readonly address: string;
}

/** The processes of a cluster, named node-1, node-2, … in the order given. */
export const frontProcesses = (addresses: readonly string[]): FrontProcess[] =>
  addresses.map((address, i) => ({ name: `node-${i + 1}`, address }));

const PROXIED = `proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;`;

/** The nginx `upstream` and `server` blocks of a front on `listen` (a port, or address:port). */
export function nginxSite(listen: string, processes: readonly FrontProcess[]): string {
  const upstream = processes.map((p) => `  server ${p.address} max_fails=1 fail_timeout=5s;`).join("\n");
  const sockets = processes
    .map(
      (p) => `    # ${p.name}: PUBLIC_ADDRESS=<this front's host>/${p.name}
    location /${p.name}/ {
      proxy_pass http://${p.address}/;
      ${PROXIED}
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_read_timeout 1h;
    }`,
    )
    .join("\n");
  return `upstream group_exam {
${upstream}
}

server {
    listen ${listen};
    client_max_body_size 64k;
    # Pages, the API and the matchmaker: any live process; a refused connection or a 502/503 tries the next.
    location / {
      proxy_pass http://group_exam;
      ${PROXIED}
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
    }
${sockets}
}
`;
}

/** Debian's nginx, or null. */
export function nginxBinary(): string | null {
  for (const path of ["/usr/sbin/nginx", "/usr/bin/nginx"])
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not there: the next place.
    }
  return null;
}

export interface RunningFront {
  readonly url: string;
  stop(): Promise<void>;
}

/** A throwaway nginx with this site, in the foreground of its own process group, in a temporary folder. */
export async function startFront(
  port: number,
  processes: readonly FrontProcess[],
): Promise<RunningFront | { skipped: string }> {
  const binary = nginxBinary();
  if (!binary) return { skipped: "nginx is not installed (Debian: apt-get install nginx-light)." };
  const dir = mkdtempSync(join(tmpdir(), "group-exam-front-"));
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${nginxSite(`127.0.0.1:${port}`, processes)}
}
`,
  );
  const child = spawn(binary, ["-c", conf, "-p", dir], { detached: true, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      process.kill(-(child.pid ?? 0), "SIGKILL");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let tries = 0; tries < 100; tries++) {
    if (child.exitCode !== null) break;
    try {
      await fetch(`${url}/api/status`);
      return { url, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  throw new Error(`nginx did not start on port ${port}`);
}

const isMain = process.argv[1] && import.meta.filename === process.argv[1];
if (isMain) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--listen");
  const listen = at >= 0 ? args.splice(at, 2)[1] : "80";
  if (!listen || args.length === 0) {
    process.stderr.write("usage: npm run front -- [--listen PORT] HOST:PORT HOST:PORT …\n");
    process.exit(2);
  }
  process.stdout.write(nginxSite(listen, frontProcesses(args)));
}
