import { once } from "node:events";
import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP proxy in front of a database, for tests that must take it away without stopping the
 * shared server: `cut()` is PostgreSQL stopped (connections dropped, new ones refused),
 * `blackhole()` a network that swallows packets (connections accepted, nothing answered),
 * `restore()` it back on the same port.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  let mode: "open" | "blackhole" = "open";
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const onConnection = (client: Socket) => {
    track(client);
    if (mode === "blackhole") return; // held open, never answered
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  };
  let server: Server | undefined;
  const listen = async (port: number) => {
    server = createServer(onConnection);
    server.listen(port, "127.0.0.1");
    await once(server, "listening");
    return (server.address() as { port: number }).port;
  };
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  const port = await listen(0);
  return {
    port,
    async cut() {
      const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
      dropAll();
      await closed;
    },
    async blackhole() {
      if (!server) await listen(port);
      mode = "blackhole";
      dropAll();
    },
    async restore() {
      mode = "open";
      dropAll();
      if (!server) await listen(port);
    },
    async close() {
      dropAll();
      if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
    },
  };
}
