// Missive's binary protocol (docs/protocol-binary.md) for browsers, over ws/wss.
// A plain ES module: import { MissiveClient } from '/js/missive.js'. No dependencies.
// The codec (encode*/decodeFrame) needs only DataView and TextEncoder, so it runs anywhere.

export const FrameType = Object.freeze({
  CONNECT: 1, CONNECT_ACK: 2, PUBLISH: 3, PUB_ACK: 4, GROUP_PUBLISH: 5, GROUP_PUB_ACK: 6,
  PING: 7, PING_RESP: 8, DISCONNECT: 9, PUB_REFUSED: 10, GROUP_PART_PUBLISH: 11,
  GROUP_PART_PUB_ACK: 12, RICH_PUSH: 13,
});

/** CONNECT_ACK codes and what they mean to a person. */
export const ConnectCode = Object.freeze({
  0: 'accepted',
  1: 'already connected elsewhere (duplicate login)',
  3: 'wrong username or password',
  4: 'malformed login',
  5: 'authentication service unavailable',
  6: 'account disabled',
  7: 'server busy or unavailable, try again later',
});

/** PUB_REFUSED codes. An unknown code still means "not stored". */
export const RefusalCode = Object.freeze({
  1: 'unknown recipient',
  2: 'not a member of the group',
  3: 'unknown group',
  4: 'payload too large',
  5: 'not allowed',
  6: 'server error, not stored',
});

const MSG_ID_BYTES = 32;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** A refused login, a refused publish or a lost connection; code is the protocol's code when there is one. */
export class MissiveError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'MissiveError';
    this.code = code;
  }
}

/** A fresh MsgId: 32 lower-case hex digits, as the server makes them. */
export function newMsgId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function toBytes(payload) {
  if (typeof payload === 'string') return utf8Encoder.encode(payload);
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  throw new TypeError('payload must be a string, Uint8Array or ArrayBuffer');
}

function msgIdBytes(msgId) {
  const bytes = utf8Encoder.encode(msgId);
  if (bytes.length !== MSG_ID_BYTES) throw new RangeError(`MsgId must be ${MSG_ID_BYTES} bytes, got ${bytes.length}`);
  return bytes;
}

function checkId(value, what) {
  if (!Number.isInteger(value) || value < 1 || value > 0xffffffff) {
    throw new RangeError(`${what} must be 1 to 4294967295, got ${value}`);
  }
}

function checkShortLength(bytes, what) {
  if (bytes.length > 0xffff) throw new RangeError(`${what} is ${bytes.length} bytes, at most 65535`);
}

/** Builds a frame from parts: numbers are written as [value, size] pairs, byte arrays as they are. */
function frame(type, ...parts) {
  let length = 1;
  for (const p of parts) length += Array.isArray(p) ? p[1] : p.length;
  const buffer = new ArrayBuffer(length);
  const view = new DataView(buffer);
  const out = new Uint8Array(buffer);
  view.setUint8(0, type);
  let offset = 1;
  for (const p of parts) {
    if (Array.isArray(p)) {
      const [value, size] = p;
      if (size === 1) view.setUint8(offset, value);
      else if (size === 2) view.setUint16(offset, value);
      else view.setUint32(offset, value);
      offset += size;
    } else {
      out.set(p, offset);
      offset += p.length;
    }
  }
  return buffer;
}

/** Bytes with their 16-bit length in front, as the protocol writes texts and payloads. */
function withLength(bytes, what) {
  checkShortLength(bytes, what);
  return [[bytes.length, 2], bytes];
}

/** CONNECT; richPush sets Flags bit 0, which needs the Role byte before it. */
export function encodeConnect(username, password, { role, richPush = false } = {}) {
  const parts = [...withLength(utf8Encoder.encode(username), 'username'), ...withLength(utf8Encoder.encode(password), 'password')];
  if (role !== undefined || richPush) parts.push([role ?? 0, 1]);
  if (richPush) parts.push([0x01, 1]);
  return frame(FrameType.CONNECT, ...parts);
}

/** PUBLISH to one user. */
export function encodePublish(toUid, msgId, payload) {
  checkId(toUid, 'ToUid');
  return frame(FrameType.PUBLISH, [toUid, 4], msgIdBytes(msgId), ...withLength(toBytes(payload), 'payload'));
}

/** GROUP_PUBLISH to every member of a group. */
export function encodeGroupPublish(groupId, msgId, payload) {
  checkId(groupId, 'GroupId');
  return frame(FrameType.GROUP_PUBLISH, [groupId, 4], msgIdBytes(msgId), ...withLength(toBytes(payload), 'payload'));
}

/** PUB_ACK of a received push. */
export function encodePubAck(msgId) {
  return frame(FrameType.PUB_ACK, msgIdBytes(msgId));
}

/** PING, PING_RESP or DISCONNECT: one byte. */
export function encodeBare(type) {
  if (![FrameType.PING, FrameType.PING_RESP, FrameType.DISCONNECT].includes(type)) {
    throw new RangeError(`frame type ${type} has a body`);
  }
  return frame(type);
}

/** Reads a server frame strictly: wrong lengths, trailing bytes or bad UTF-8 throw a MissiveError. */
class FrameReader {
  constructor(buffer) {
    this.bytes = new Uint8Array(buffer);
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    this.offset = 1;
  }

  need(n, what) {
    if (this.offset + n > this.bytes.length) {
      throw new MissiveError(`malformed frame: ${what} needs ${n} bytes, ${this.bytes.length - this.offset} left`);
    }
  }

  u8(what) { this.need(1, what); return this.view.getUint8(this.offset++); }

  u16(what) { this.need(2, what); const v = this.view.getUint16(this.offset); this.offset += 2; return v; }

  u32(what) { this.need(4, what); const v = this.view.getUint32(this.offset); this.offset += 4; return v; }

  u64(what) { this.need(8, what); const v = this.view.getBigUint64(this.offset); this.offset += 8; return v; }

  raw(n, what) { this.need(n, what); const v = this.bytes.slice(this.offset, this.offset + n); this.offset += n; return v; }

  text(bytes, what) {
    try {
      return utf8Decoder.decode(bytes);
    } catch {
      throw new MissiveError(`malformed frame: ${what} is not UTF-8`);
    }
  }

  msgId() { return this.text(this.raw(MSG_ID_BYTES, 'MsgId'), 'MsgId'); }

  payload() { return this.raw(this.u16('PayloadLen'), 'Payload'); }

  end(name) {
    if (this.offset !== this.bytes.length) {
      throw new MissiveError(`malformed frame: ${this.bytes.length - this.offset} bytes after the end of ${name}`);
    }
  }
}

/**
 * Decodes one frame the server sends. Answers an object with a `type` name and the frame's fields:
 * connack {code}, push {msgId, payload}, richPush {msgId, from, groupId, seq (BigInt), time (ms), payload},
 * pubAck / groupPubAck / groupPartPubAck {msgId}, refused {msgId, code, reason}, ping, pingResp, disconnect.
 */
export function decodeFrame(buffer) {
  const r = new FrameReader(buffer);
  if (r.bytes.length === 0) throw new MissiveError('malformed frame: empty');
  const type = r.bytes[0];
  let decoded;
  switch (type) {
    case FrameType.CONNECT_ACK:
      decoded = { type: 'connack', code: r.u8('Code') };
      break;
    case FrameType.PUBLISH:
      decoded = { type: 'push', msgId: r.msgId(), payload: r.payload() };
      break;
    case FrameType.RICH_PUSH: {
      const msgId = r.msgId();
      const from = r.u32('From');
      const groupId = r.u32('GroupId');
      const seq = r.u64('Seq');
      const time = Number(r.u64('Time'));
      decoded = { type: 'richPush', msgId, from, groupId, seq, time, payload: r.payload() };
      break;
    }
    case FrameType.PUB_ACK:
      decoded = { type: 'pubAck', msgId: r.msgId() };
      break;
    case FrameType.GROUP_PUB_ACK:
      decoded = { type: 'groupPubAck', msgId: r.msgId() };
      break;
    case FrameType.GROUP_PART_PUB_ACK:
      decoded = { type: 'groupPartPubAck', msgId: r.msgId() };
      break;
    case FrameType.PUB_REFUSED: {
      const msgId = r.msgId();
      const code = r.u8('Code');
      decoded = { type: 'refused', msgId, code, reason: r.text(r.raw(r.u16('ReasonLen'), 'Reason'), 'Reason') };
      break;
    }
    case FrameType.PING:
      decoded = { type: 'ping' };
      break;
    case FrameType.PING_RESP:
      decoded = { type: 'pingResp' };
      break;
    case FrameType.DISCONNECT:
      decoded = { type: 'disconnect' };
      break;
    default:
      throw new MissiveError(`malformed frame: type 0x${type.toString(16).padStart(2, '0')} is not sent by servers`);
  }
  r.end(decoded.type);
  return decoded;
}

/** The MsgIds seen most recently, at most `limit`: resent pushes are acknowledged but shown once. */
class RecentIds {
  constructor(limit) {
    this.limit = limit;
    this.ids = new Set();
  }

  /** True the first time an id is added. */
  add(id) {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    // a Set iterates in insertion order, so the first one is the oldest
    if (this.ids.size > this.limit) this.ids.delete(this.ids.values().next().value);
    return true;
  }
}

const CLOSE_GOING_AWAY = 1001;

/**
 * A connection to Missive that stays up: it logs in, acknowledges and de-duplicates pushes, answers
 * and sends pings, and reconnects with exponential backoff and jitter. It does not reconnect after a
 * refused login or after the server ended the session with DISCONNECT (a kick, a newer login), except
 * when the server was shutting down (close code 1001).
 *
 * Events (CustomEvent, data in `detail`):
 *  - connecting {attempt}
 *  - connected {reconnected}
 *  - message {msgId, from, groupId, seq, time, payload (Uint8Array), text (string or null)}
 *  - refused {code, message}: the login was refused; the client stops
 *  - disconnected {reason, closeCode, byServer, willReconnect, retryInMs}
 */
export class MissiveClient extends EventTarget {
  /**
   * @param {object} options url (ws:// or wss://), username, password, richPush (default true: the
   *   sender and group of each message), keepaliveMs (25000), pingTimeoutMs (10000),
   *   reconnectInitialMs (1000), reconnectMaxMs (30000), dedupLimit (2000), WebSocket (the class
   *   to connect with: the browser's own by default; another runtime's, or a test's)
   */
  constructor(options) {
    super();
    this.options = {
      richPush: true, keepaliveMs: 25000, pingTimeoutMs: 10000, reconnectInitialMs: 1000,
      reconnectMaxMs: 30000, dedupLimit: 2000, WebSocket: globalThis.WebSocket, ...options,
    };
    this.state = 'idle';
    this.socket = null;
    this.seen = new RecentIds(this.options.dedupLimit);
    // publishes awaiting PUB_ACK, by MsgId; sent again with the same MsgId after a reconnect
    this.unacknowledged = new Map();
    this.attempt = 0;
    this.stopped = false;
    this.everConnected = false;
    this.timers = { keepalive: null, pingDeadline: null, reconnect: null };
  }

  /** Connects; resolves when the login is accepted, rejects with a MissiveError when the first attempt fails. */
  connect() {
    this.stopped = false;
    return new Promise((resolve, reject) => {
      this.firstAttempt = { resolve, reject };
      this.open();
    });
  }

  /** Sends a message to a user; resolves with its MsgId once the server has stored it. */
  sendToUser(uid, payload) {
    return this.publish((msgId) => encodePublish(uid, msgId, payload));
  }

  /** Sends a message to a group's members; resolves with its MsgId once the server has stored it. */
  sendToGroup(groupId, payload) {
    return this.publish((msgId) => encodeGroupPublish(groupId, msgId, payload));
  }

  /** Says DISCONNECT and closes for good. */
  close() {
    this.stopped = true;
    clearTimeout(this.timers.reconnect);
    if (this.socket && this.socket.readyState === this.options.WebSocket.OPEN) this.socket.send(encodeBare(FrameType.DISCONNECT));
    if (this.socket) this.socket.close(1000, 'closed by the client');
    this.failUnacknowledged('the client was closed');
  }

  publish(build) {
    const msgId = newMsgId();
    const encoded = build(msgId);
    return new Promise((resolve, reject) => {
      if (this.stopped) {
        reject(new MissiveError('the client is closed'));
        return;
      }
      this.unacknowledged.set(msgId, { frame: encoded, resolve, reject });
      if (this.state === 'connected') this.socket.send(encoded);
    });
  }

  open() {
    this.attempt += 1;
    this.state = 'connecting';
    this.serverSaidDisconnect = false;
    this.refused = false;
    this.dispatch('connecting', { attempt: this.attempt });
    const socket = new this.options.WebSocket(this.options.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      socket.send(encodeConnect(this.options.username, this.options.password, { richPush: this.options.richPush }));
    };
    socket.onmessage = (event) => this.receive(socket, event.data);
    socket.onclose = (event) => this.closed(socket, event);
  }

  receive(socket, data) {
    if (socket !== this.socket) return;
    if (!(data instanceof ArrayBuffer)) {
      socket.close(1003, 'text messages are not part of the protocol');
      return;
    }
    let f;
    try {
      f = decodeFrame(data);
    } catch (e) {
      socket.close(1002, e.message.slice(0, 120));
      return;
    }
    this.armKeepalive();
    switch (f.type) {
      case 'connack':
        this.loginAnswered(socket, f.code);
        break;
      case 'push':
        this.delivered({ msgId: f.msgId, from: null, groupId: null, seq: null, time: null, payload: f.payload });
        break;
      case 'richPush':
        this.delivered({ msgId: f.msgId, from: f.from, groupId: f.groupId || null, seq: f.seq, time: f.time, payload: f.payload });
        break;
      case 'pubAck':
      case 'groupPubAck':
      case 'groupPartPubAck':
        this.settle(f.msgId, (p) => p.resolve(f.msgId));
        break;
      case 'refused':
        this.settle(f.msgId, (p) => p.reject(new MissiveError(
          `refused: ${RefusalCode[f.code] ?? 'not stored'}${f.reason ? ` (${f.reason})` : ''}`, f.code)));
        break;
      case 'ping':
        socket.send(encodeBare(FrameType.PING_RESP));
        break;
      case 'pingResp':
        break;
      case 'disconnect':
        this.serverSaidDisconnect = true;
        break;
    }
  }

  loginAnswered(socket, code) {
    if (code !== 0) {
      this.refused = true;
      const message = ConnectCode[code] ?? `login refused with code ${code}`;
      this.stopped = true;
      this.dispatch('refused', { code, message });
      this.settleFirstAttempt(new MissiveError(message, code));
      socket.close(1000, 'login refused');
      return;
    }
    const reconnected = this.everConnected;
    this.state = 'connected';
    this.everConnected = true;
    this.attempt = 0;
    this.armKeepalive();
    this.dispatch('connected', { reconnected });
    this.settleFirstAttempt(null);
    for (const pending of this.unacknowledged.values()) socket.send(pending.frame);
  }

  delivered(message) {
    // every copy is acknowledged, so that the server stops resending it; only the first is shown
    this.socket.send(encodePubAck(message.msgId));
    if (!this.seen.add(message.msgId)) return;
    let text = null;
    try {
      text = utf8Decoder.decode(message.payload);
    } catch {
      // binary payloads have no text
    }
    this.dispatch('message', { ...message, text });
  }

  settle(msgId, action) {
    const pending = this.unacknowledged.get(msgId);
    if (!pending) return;
    this.unacknowledged.delete(msgId);
    action(pending);
  }

  settleFirstAttempt(error) {
    if (!this.firstAttempt) return;
    const { resolve, reject } = this.firstAttempt;
    this.firstAttempt = null;
    if (error) reject(error); else resolve();
  }

  armKeepalive() {
    clearTimeout(this.timers.keepalive);
    clearTimeout(this.timers.pingDeadline);
    if (this.state !== 'connected') return;
    this.timers.keepalive = setTimeout(() => {
      if (this.state !== 'connected') return;
      this.socket.send(encodeBare(FrameType.PING));
      // a connection that answers nothing is dead even if the browser has not noticed yet
      this.timers.pingDeadline = setTimeout(() => this.socket.close(4000, 'no answer to ping'), this.options.pingTimeoutMs);
    }, this.options.keepaliveMs);
  }

  closed(socket, event) {
    if (socket !== this.socket) return;
    clearTimeout(this.timers.keepalive);
    clearTimeout(this.timers.pingDeadline);
    const wasConnected = this.state === 'connected';
    this.state = 'disconnected';
    if (this.refused) return;
    const byServer = this.serverSaidDisconnect;
    if (byServer && event.code !== CLOSE_GOING_AWAY) this.stopped = true;
    let reason = event.reason || (byServer ? 'disconnected by the server' : `connection closed (code ${event.code})`);
    if (!wasConnected && !this.everConnected) {
      reason = `could not connect to ${this.options.url}${event.reason ? `: ${event.reason}` : ''}`;
      this.stopped = true;
      this.settleFirstAttempt(new MissiveError(reason));
    }
    const willReconnect = !this.stopped;
    const retryInMs = willReconnect ? this.backoff() : null;
    if (!willReconnect) this.failUnacknowledged(reason);
    this.dispatch('disconnected', { reason, closeCode: event.code, byServer, willReconnect, retryInMs });
    if (willReconnect) this.timers.reconnect = setTimeout(() => this.open(), retryInMs);
  }

  /** Exponential backoff with jitter: half the delay fixed, half random, so clients do not return in step. */
  backoff() {
    const ceiling = Math.min(this.options.reconnectMaxMs, this.options.reconnectInitialMs * 2 ** this.attempt);
    return Math.round(ceiling / 2 + Math.random() * ceiling / 2);
  }

  failUnacknowledged(reason) {
    for (const pending of this.unacknowledged.values()) {
      pending.reject(new MissiveError(`not acknowledged: ${reason}`));
    }
    this.unacknowledged.clear();
  }

  dispatch(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }
}
