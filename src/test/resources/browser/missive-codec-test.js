// The codec of /js/missive.js against the byte examples of docs/protocol-binary.md.
// BrowserIT runs codecTests(module) inside Chromium; every mismatch is one line of the answer.
async function codecTests(m) {
  const failures = [];
  const MSG_ID = '550e8400e29b41d4a716446655440000';
  const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const bytes = (spaced) => new Uint8Array(spaced.trim().split(/\s+/).map((h) => parseInt(h, 16))).buffer;
  const MSG_ID_HEX = hex(new TextEncoder().encode(MSG_ID));
  const HELLO = '68 65 6c 6c 6f 20 77 6f 72 6c 64';
  const expectBytes = (name, actual, expected) => {
    const want = expected.trim().replace(/\s+/g, ' ');
    if (hex(actual) !== want) failures.push(`${name}: got ${hex(actual)}, want ${want}`);
  };
  const expectEqual = (name, actual, expected) => {
    const a = JSON.stringify(actual, (k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? hex(v) : v));
    const e = JSON.stringify(expected, (k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    if (a !== e) failures.push(`${name}: got ${a}, want ${e}`);
  };
  const expectThrows = (name, action, fragment) => {
    try {
      action();
      failures.push(`${name}: did not throw`);
    } catch (e) {
      if (!String(e.message).includes(fragment)) failures.push(`${name}: threw "${e.message}", want "${fragment}"`);
    }
  };

  // encoders, the seed examples
  expectBytes('CONNECT role 1', m.encodeConnect('test', '123456', { role: 1 }),
    '01 00 04 74 65 73 74 00 06 31 32 33 34 35 36 01');
  expectBytes('CONNECT without role', m.encodeConnect('test', '123456'),
    '01 00 04 74 65 73 74 00 06 31 32 33 34 35 36');
  expectBytes('CONNECT role 1 rich push', m.encodeConnect('test', '123456', { role: 1, richPush: true }),
    '01 00 04 74 65 73 74 00 06 31 32 33 34 35 36 01 01');
  expectBytes('CONNECT rich push without role', m.encodeConnect('test', '123456', { richPush: true }),
    '01 00 04 74 65 73 74 00 06 31 32 33 34 35 36 00 01');
  expectBytes('PUBLISH', m.encodePublish(1234, MSG_ID, 'hello world'), `03 00 00 04 d2 ${MSG_ID_HEX} 00 0b ${HELLO}`);
  expectBytes('GROUP_PUBLISH', m.encodeGroupPublish(1234, MSG_ID, 'hello world'), `05 00 00 04 d2 ${MSG_ID_HEX} 00 0b ${HELLO}`);
  expectBytes('PUBLISH of bytes', m.encodePublish(4294967295, MSG_ID, new Uint8Array([0, 255])), `03 ff ff ff ff ${MSG_ID_HEX} 00 02 00 ff`);
  expectBytes('PUB_ACK', m.encodePubAck(MSG_ID), `04 ${MSG_ID_HEX}`);
  expectBytes('PING', m.encodeBare(m.FrameType.PING), '07');
  expectBytes('PING_RESP', m.encodeBare(m.FrameType.PING_RESP), '08');
  expectBytes('DISCONNECT', m.encodeBare(m.FrameType.DISCONNECT), '09');
  expectThrows('uid 0', () => m.encodePublish(0, MSG_ID, 'x'), 'ToUid must be 1 to 4294967295');
  expectThrows('short MsgId', () => m.encodePublish(1, 'abc', 'x'), 'MsgId must be 32 bytes');
  expectThrows('payload over 65535', () => m.encodeGroupPublish(1, MSG_ID, new Uint8Array(65536)), 'payload is 65536 bytes');

  // decoders
  expectEqual('CONNECT_ACK', m.decodeFrame(bytes('02 00')), { type: 'connack', code: 0 });
  expectEqual('CONNECT_ACK 6', m.decodeFrame(bytes('02 06')), { type: 'connack', code: 6 });
  expectEqual('push', m.decodeFrame(bytes(`03 ${MSG_ID_HEX} 00 0b ${HELLO}`)),
    { type: 'push', msgId: MSG_ID, payload: HELLO });
  expectEqual('RICH_PUSH', m.decodeFrame(bytes(`0d ${MSG_ID_HEX} 00 00 09 29 00 00 04 d2 01 02 03 04 05 06 07 08 00 00 01 8b cf e5 68 7b 00 0b ${HELLO}`)),
    { type: 'richPush', msgId: MSG_ID, from: 2345, groupId: 1234, seq: 0x0102030405060708n, time: 1700000000123, payload: HELLO });
  expectEqual('PUB_ACK', m.decodeFrame(bytes(`04 ${MSG_ID_HEX}`)), { type: 'pubAck', msgId: MSG_ID });
  expectEqual('GROUP_PUB_ACK', m.decodeFrame(bytes(`06 ${MSG_ID_HEX}`)), { type: 'groupPubAck', msgId: MSG_ID });
  expectEqual('GROUP_PART_PUB_ACK', m.decodeFrame(bytes(`0c ${MSG_ID_HEX}`)), { type: 'groupPartPubAck', msgId: MSG_ID });
  expectEqual('PUB_REFUSED', m.decodeFrame(bytes(`0a ${MSG_ID_HEX} 02 00 11 6e 6f 74 20 69 6e 20 67 72 6f 75 70 20 31 32 33 34`)),
    { type: 'refused', msgId: MSG_ID, code: 2, reason: 'not in group 1234' });
  expectEqual('PING', m.decodeFrame(bytes('07')), { type: 'ping' });
  expectEqual('PING_RESP', m.decodeFrame(bytes('08')), { type: 'pingResp' });
  expectEqual('DISCONNECT', m.decodeFrame(bytes('09')), { type: 'disconnect' });
  expectThrows('push cut short', () => m.decodeFrame(bytes(`03 ${MSG_ID_HEX} 00 0b 68 65`)), 'Payload needs 11 bytes, 2 left');
  expectThrows('trailing byte', () => m.decodeFrame(bytes('07 00')), '1 bytes after the end of ping');
  expectThrows('client-only type', () => m.decodeFrame(bytes('01 00 00 00 00')), 'type 0x01 is not sent by servers');
  expectThrows('reason not UTF-8', () => m.decodeFrame(bytes(`0a ${MSG_ID_HEX} 02 00 01 ff`)), 'Reason is not UTF-8');
  expectThrows('empty frame', () => m.decodeFrame(new ArrayBuffer(0)), 'empty');

  // round trip of a server push through a fresh id
  const id = m.newMsgId();
  if (!/^[0-9a-f]{32}$/.test(id)) failures.push(`newMsgId: ${id} is not 32 lower-case hex digits`);
  return failures;
}
