/**
 * One load balancer's HTTP front on 127.0.0.1 (an ephemeral port). Every connection and
 * every request asks `answer()` what the ALB would do right now; a `reset` answer destroys
 * the socket, which a client sees as ECONNRESET (on AWS: nothing listening yet).
 * The server is unref'd so a forgotten one never keeps Node alive.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo, Socket } from 'net';
import { albErrorPage, dbConnectionErrorPage, wordpressPage } from './pages';
import type { SiteAnswer } from './site-answer';

export class AlbServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly siteName: string,
    private readonly answer: () => SiteAnswer,
  ) {
    this.server = createServer((req, res) => {
      const decision = this.answer();
      if (decision.kind === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      const body =
        decision.status === 200
          ? wordpressPage(this.siteName)
          : decision.status === 500
            ? dbConnectionErrorPage()
            : albErrorPage(decision.status);
      const send = () => {
        res.writeHead(decision.status, {
          'content-type': 'text/html; charset=UTF-8',
          server: decision.from === 'alb' ? 'awselb/2.0' : 'Apache/2.4.62 ()',
        });
        res.end(body);
      };
      if (decision.delayMs <= 0) return send();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        send();
      }, decision.delayMs);
      this.timers.add(timer);
    });
    this.server.on('connection', (socket: Socket) => {
      if (this.answer().kind === 'reset') {
        socket.resetAndDestroy(); // RST, as a closed port answers: clients fail at once
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1:0 and resolves with the port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.unref();
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
