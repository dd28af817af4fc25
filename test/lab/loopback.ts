// What every lab server needs: listen on an ephemeral port of 127.0.0.1 only, and close without
// waiting on connections that were left hanging on purpose (stalls, tunnels) — server.close()
// alone would wait for them forever.

import type { AddressInfo, Server, Socket } from 'node:net';

/** Listens on 127.0.0.1:<ephemeral> and tracks connections; resolves with the port and a close(). */
export async function listenOnLoopback(server: Server): Promise<{ port: number; close: () => Promise<void> }> {
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    // A peer that resets its side must not crash the test process with an unhandled 'error'.
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of open) socket.destroy();
    });
    return closing;
  };
  return { port: (server.address() as AddressInfo).port, close };
}
