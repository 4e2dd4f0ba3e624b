import net from 'node:net';

/**
 * A TCP proxy in the test's own process, between the hub and a server it needs (Postgres here), that a
 * test can take down and bring back: a stand-in for that server restarting, without restarting the
 * real one (which other tests and engineers share).
 *
 * - `restart()` begins what a Postgres restart looks like from the hub: every open connection is cut,
 *   and new ones are refused (ECONNREFUSED) until `recover()`.
 * - `stopAnswering()` is a fail-over whose new address does not answer yet: open connections are cut,
 *   and new ones are accepted by nobody (the connection opens but no byte ever comes back), the case
 *   that hangs a client without a connection timeout.
 */
export interface TcpProxy {
  port: number;
  /** Connections the proxy has carried, for asserting that the hub opened new ones. */
  connectionsOpened(): number;
  restart(): Promise<void>;
  stopAnswering(): Promise<void>;
  recover(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let mode: 'up' | 'silent' = 'up';
  let opened = 0;

  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    if (mode === 'silent') return; // held open, never answered
    opened += 1;
    const upstream = net.connect(target);
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });

  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const cutEverything = () => {
    for (const socket of open) socket.destroy();
  };

  await listen();
  return {
    get port() {
      return port;
    },
    connectionsOpened: () => opened,
    async restart() {
      const closed = stopListening();
      cutEverything();
      await closed;
    },
    async stopAnswering() {
      mode = 'silent';
      cutEverything();
    },
    async recover() {
      mode = 'up';
      cutEverything(); // silent connections nobody answered
      if (!server.listening) await listen();
    },
    async close() {
      const closed = stopListening();
      cutEverything();
      await closed;
    },
  };
}
