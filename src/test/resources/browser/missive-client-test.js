// MissiveClient of /js/missive.js against a scripted server: a stand-in WebSocket class that
// records what the client sends and delivers what the test says the server sends. BrowserIT runs
// clientTests(module) inside Chromium; every broken expectation is one line of the answer.
async function clientTests(m) {
  const failures = [];
  const MSG_ID = '550e8400e29b41d4a716446655440000';
  const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const check = (name, condition, detail) => { if (!condition) failures.push(`${name}${detail === undefined ? '' : `: ${detail}`}`); };

  /** A WebSocket class whose instances the test plays the server of. */
  function scriptedServer() {
    const sockets = [];
    class ScriptedSocket {
      static OPEN = 1;

      constructor(url) {
        this.url = url;
        this.sent = [];
        this.readyState = 0;
        sockets.push(this);
        setTimeout(() => { this.readyState = 1; this.onopen?.(); }, 0);
      }

      send(buffer) { this.sent.push(new Uint8Array(buffer)); }

      close(code = 1000, reason = '') {
        if (this.readyState === 3) return;
        this.readyState = 3;
        setTimeout(() => this.onclose?.({ code, reason }), 0);
      }

      /** The server sends a frame. */
      frame(...bytes) { this.onmessage({ data: new Uint8Array(bytes.flat()).buffer }); }

      /** The server closes the connection. */
      closedByServer(code, reason) { this.readyState = 3; this.onclose({ code, reason }); }

      sentTypes() { return this.sent.map((f) => f[0]); }
    }
    return { ScriptedSocket, sockets };
  }

  const idBytes = Array.from(new TextEncoder().encode(MSG_ID));
  const events = (client) => {
    const seen = [];
    for (const name of ['connecting', 'connected', 'message', 'refused', 'disconnected']) {
      client.addEventListener(name, (e) => seen.push({ name, detail: e.detail }));
    }
    return seen;
  };
  const named = (seen, name) => seen.filter((e) => e.name === name);
  const newClient = (server, options = {}) => new m.MissiveClient({
    url: 'wss://test/wss', username: 'test', password: '123456', WebSocket: server.ScriptedSocket,
    reconnectInitialMs: 20, reconnectMaxMs: 40, ...options,
  });

  /** Connects the client and accepts its login. */
  const loggedIn = async (client, server) => {
    const connected = client.connect();
    await tick();
    server.sockets[server.sockets.length - 1].frame(0x02, 0x00);
    await connected;
  };

  // login, pushes acknowledged and shown once, pings answered, publishes settled by the server's answer
  {
    const server = scriptedServer();
    const client = newClient(server);
    const seen = events(client);
    const connected = client.connect();
    await tick();
    const socket = server.sockets[0];
    check('CONNECT first, with the rich-push flag', hex(socket.sent[0]) === '01 00 04 74 65 73 74 00 06 31 32 33 34 35 36 00 01', hex(socket.sent[0]));
    socket.frame(0x02, 0x00);
    await connected;
    check('connected event', named(seen, 'connected').length === 1);

    const push = [0x0d, ...idBytes, 0, 0, 9, 0x29, 0, 0, 4, 0xd2, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 1, 0x8b, 0xcf, 0xe5, 0x68, 0x7b, 0, 2, 0x68, 0x69];
    socket.frame(push);
    socket.frame(push);
    const acks = socket.sent.filter((f) => f[0] === 4);
    check('every copy of a push acknowledged', acks.length === 2 && hex(acks[0]) === hex([4, ...idBytes]), acks.map(hex).join(' | '));
    const messages = named(seen, 'message');
    check('a resent push shown once', messages.length === 1, messages.length);
    check('message fields', messages[0] && messages[0].detail.text === 'hi' && messages[0].detail.from === 2345
      && messages[0].detail.groupId === 1234 && messages[0].detail.time === 1700000000123, JSON.stringify(messages[0]?.detail, (k, v) => (typeof v === 'bigint' ? String(v) : v)));

    socket.frame(0x07);
    check('PING answered with PING_RESP', socket.sent[socket.sent.length - 1][0] === 8);

    const toUser = client.sendToUser(1234, 'hello');
    const toGroup = client.sendToGroup(1234, 'hello');
    const [publish, groupPublish] = socket.sent.slice(-2);
    const idOf = (f) => new TextDecoder().decode(f.slice(5, 37));
    check('PUBLISH sent with a 32-hex-digit MsgId', publish[0] === 3 && /^[0-9a-f]{32}$/.test(idOf(publish)), hex(publish));
    socket.frame(0x04, ...new TextEncoder().encode(idOf(publish)));
    check('PUB_ACK resolves with the MsgId', (await toUser) === idOf(publish));
    const reason = Array.from(new TextEncoder().encode('not in group 1234'));
    socket.frame(0x0a, ...new TextEncoder().encode(idOf(groupPublish)), 2, 0, reason.length, ...reason);
    try {
      await toGroup;
      failures.push('PUB_REFUSED did not reject');
    } catch (e) {
      check('PUB_REFUSED rejects with its code and reason', e.code === 2 && e.message.includes('not a member of the group') && e.message.includes('not in group 1234'), e.message);
    }
    client.close();
    check('close() says DISCONNECT', socket.sent[socket.sent.length - 1][0] === 9);
  }

  // a lost connection: reconnects, and sends again, with the same MsgId, what was not acknowledged
  {
    const server = scriptedServer();
    const client = newClient(server);
    const seen = events(client);
    await loggedIn(client, server);
    const sent = client.sendToUser(77, 'again');
    const first = server.sockets[0].sent[server.sockets[0].sent.length - 1];
    server.sockets[0].closedByServer(1006, '');
    const lost = named(seen, 'disconnected')[0]?.detail;
    check('a lost connection is reconnected', lost && lost.willReconnect && lost.retryInMs >= 10 && lost.retryInMs <= 20, JSON.stringify(lost));
    await tick(60);
    check('a second connection opened', server.sockets.length === 2, server.sockets.length);
    const second = server.sockets[1];
    second.frame(0x02, 0x00);
    const resent = second.sent[second.sent.length - 1];
    check('the unacknowledged publish sent again with the same MsgId', hex(resent) === hex(first), `${hex(resent)} vs ${hex(first)}`);
    second.frame(0x04, ...first.slice(5, 37));
    check('and then acknowledged', /^[0-9a-f]{32}$/.test(await sent));
    check('connected event says reconnected', named(seen, 'connected')[1]?.detail.reconnected === true);

    // a kick: DISCONNECT, then the close with the administrator's reason; no reconnect
    second.frame(0x09);
    second.closedByServer(1008, 'removed by an administrator');
    const kicked = named(seen, 'disconnected')[1]?.detail;
    check('a kick is reported with its reason', kicked && kicked.reason === 'removed by an administrator' && kicked.byServer && !kicked.willReconnect, JSON.stringify(kicked));
    await tick(80);
    check('no reconnect after a kick', server.sockets.length === 2, server.sockets.length);
  }

  // a server shutting down (DISCONNECT, close 1001): the client comes back
  {
    const server = scriptedServer();
    const client = newClient(server);
    await loggedIn(client, server);
    server.sockets[0].frame(0x09);
    server.sockets[0].closedByServer(1001, 'the server is shutting down');
    await tick(60);
    check('reconnect after the server went away', server.sockets.length === 2, server.sockets.length);
    client.close();
  }

  // a refused login: the promise rejects with the code, a refused event, no reconnect
  for (const [code, text] of [[1, 'duplicate login'], [3, 'wrong username or password'], [6, 'account disabled'], [9, 'code 9']]) {
    const server = scriptedServer();
    const client = newClient(server);
    const seen = events(client);
    const connected = client.connect();
    await tick();
    server.sockets[0].frame(0x02, code);
    try {
      await connected;
      failures.push(`CONNECT_ACK ${code} did not reject`);
    } catch (e) {
      check(`CONNECT_ACK ${code} rejects with its meaning`, e.code === code && e.message.includes(text), e.message);
    }
    check(`CONNECT_ACK ${code}: refused event`, named(seen, 'refused')[0]?.detail.code === code);
    await tick(80);
    check(`CONNECT_ACK ${code}: no reconnect`, server.sockets.length === 1, server.sockets.length);
  }

  // a silent server: the client pings it, and drops the connection when the ping goes unanswered
  {
    const server = scriptedServer();
    const client = newClient(server, { keepaliveMs: 30, pingTimeoutMs: 30 });
    const seen = events(client);
    await loggedIn(client, server);
    await tick(45);
    check('PING after keepaliveMs of silence', server.sockets[0].sentTypes().includes(7), server.sockets[0].sentTypes());
    await tick(60);
    const dropped = named(seen, 'disconnected')[0]?.detail;
    check('an unanswered ping drops the connection', dropped && dropped.reason === 'no answer to ping' && dropped.willReconnect, JSON.stringify(dropped));
    client.close();
  }

  // a malformed frame from the server closes the connection with 1002
  {
    const server = scriptedServer();
    const client = newClient(server);
    const seen = events(client);
    await loggedIn(client, server);
    server.sockets[0].frame(0x07, 0x00);
    await tick();
    const closed = named(seen, 'disconnected')[0]?.detail;
    check('malformed frame closes with 1002', closed && closed.closeCode === 1002 && closed.reason.includes('after the end of ping'), JSON.stringify(closed));
    client.close();
  }
  return failures;
}
