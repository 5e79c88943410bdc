import {createServer, type IncomingHttpHeaders} from 'node:http'
import net, {type AddressInfo} from 'node:net'

/** One request the proxy received: a CONNECT (`target` is host:port) or a forwarded request (`target` is a URL). */
export interface ProxyRecord {
  method: string
  target: string
  headers: IncomingHttpHeaders
}

/** A CONNECT proxy on 127.0.0.1 that records what it saw; with `auth`, it wants that Basic user:password. */
export interface TestProxy {
  url: string
  records: ProxyRecord[]
  /** Every byte the proxy read from clients outside tunnels (request lines and headers), as text. */
  seen(): string
  close(): Promise<void>
}

/**
 * Starts a real CONNECT proxy: it answers 407 without the expected Proxy-Authorization, else opens a TCP tunnel to
 * the target. A request that is not CONNECT gets 405: ddcli must never send the API request itself to the proxy.
 */
export async function startProxy(auth?: {user: string, password: string}): Promise<TestProxy> {
  const records: ProxyRecord[] = []
  const sockets = new Set<net.Socket>()
  const expected = auth ? `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` : undefined
  const server = createServer((req, res) => {
    records.push({method: req.method ?? '', target: req.url ?? '', headers: req.headers})
    res.writeHead(405, {'content-type': 'text/plain'}).end('test proxy: only CONNECT is served')
  })
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  server.on('connect', (req, client: net.Socket, head: Buffer) => {
    records.push({method: req.method ?? '', target: req.url ?? '', headers: req.headers})
    if (expected && req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
      return
    }
    const [host, port] = splitTarget(req.url ?? '')
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.once('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}@` : ''
  let closed: Promise<void> | undefined
  return {
    url: `http://${credentials}127.0.0.1:${port}`,
    records,
    seen: () => records.map((r) => `${r.method} ${r.target}\n${Object.entries(r.headers).map(([k, v]) => `${k}: ${String(v)}`).join('\n')}`).join('\n\n'),
    close() {
      closed ??= new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
      return closed
    },
  }
}

function splitTarget(target: string): [string, string] {
  const at = target.lastIndexOf(':')
  return [target.slice(0, at).replace(/^\[|\]$/g, ''), target.slice(at + 1)]
}
