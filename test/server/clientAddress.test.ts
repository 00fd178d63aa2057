/**
 * The address every per-address limit counts is the socket's own, whatever a script writes in its
 * headers; only a proxy listed in TRUST_PROXY (a cluster's front) may name the client. Proved on a real
 * HTTP server over real sockets, for a plain request and for a WebSocket upgrade (where joins are counted).
 */
import { createServer, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { stampClientAddresses, trustFrom } from "../../server/http/clientAddress.ts";

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A server that records the X-Real-IP its own listeners see, for requests and upgrades. */
async function recorder(trustProxy: string | undefined) {
  const seen: { kind: string; address: string | undefined }[] = [];
  const server = createServer((req, res) => {
    seen.push({ kind: "request", address: header(req) });
    res.end("ok");
  });
  server.on("upgrade", (req, socket) => {
    seen.push({ kind: "upgrade", address: header(req) });
    socket.end("HTTP/1.1 400 Bad Request\r\n\r\n");
  });
  stampClientAddresses(server, trustFrom(trustProxy));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { seen, port };
}

const header = (req: IncomingMessage): string | undefined => {
  const value = req.headers["x-real-ip"];
  return Array.isArray(value) ? value[0] : value;
};

/** Sends raw HTTP (so any header can be forged) and waits for the answer. */
function send(port: number, lines: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(`${lines.join("\r\n")}\r\n\r\n`));
    socket.on("data", () => socket.end());
    socket.on("close", () => done());
    socket.on("error", fail);
  });
}

const forged = ["X-Forwarded-For: 203.0.113.7", "X-Real-IP: 198.51.100.9", "X-Client-IP: 192.0.2.1"];

describe("the client address a limit counts", () => {
  it("is the socket's own when a script forges X-Forwarded-For, X-Real-IP and X-Client-IP, on requests and upgrades", async () => {
    const { seen, port } = await recorder(undefined);
    await send(port, ["GET /api/status HTTP/1.1", "Host: x", "Connection: close", ...forged]);
    await send(port, [
      "GET /abc/room HTTP/1.1",
      "Host: x",
      "Upgrade: websocket",
      "Connection: Upgrade",
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
      "Sec-WebSocket-Version: 13",
      ...forged,
    ]);
    expect(seen).toEqual([
      { kind: "request", address: "127.0.0.1" },
      { kind: "upgrade", address: "127.0.0.1" },
    ]);
  });

  it("is the client a trusted front names, and the front itself when the front names nobody", async () => {
    const { seen, port } = await recorder("loopback");
    await send(port, ["GET / HTTP/1.1", "Host: x", "Connection: close", "X-Forwarded-For: 203.0.113.7"]);
    await send(port, ["GET / HTTP/1.1", "Host: x", "Connection: close"]);
    // A client that forged its own header behind the front: the front appends the real one, which counts.
    await send(port, [
      "GET / HTTP/1.1",
      "Host: x",
      "Connection: close",
      "X-Forwarded-For: 10.9.9.9, 203.0.113.8",
    ]);
    expect(seen.map((s) => s.address)).toEqual(["203.0.113.7", "127.0.0.1", "203.0.113.8"]);
  });
});
