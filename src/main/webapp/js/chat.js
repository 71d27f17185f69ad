// The demo chat page (/): log in over REST, talk over the binary protocol, read history over REST.
import { MissiveClient } from './missive.js';
import { RestSession, query } from './rest.js';
import { onLoginSubmit } from './login-form.js';

const HISTORY_PAGE = 30;
/** The sender of back ends' and administrators' messages (docs/protocol-binary.md). */
const SYSTEM_UID = 1;
const $ = (id) => document.getElementById(id);

let session = null;
let client = null;
/** Conversations by key: "g:<groupId>" or "u:<peer uid>". */
const conversations = new Map();
let current = null;

function setConnection(state, text) {
  const badge = $('connection');
  badge.dataset.state = state;
  badge.textContent = text;
}

/** The binary protocol's address on this page's server: wss on an https page, ws otherwise. */
function webSocketUrl() {
  return location.protocol === 'https:' ? `wss://${location.host}/wss` : `ws://${location.host}/ws`;
}

function conversation(kind, id) {
  const key = `${kind}:${id}`;
  let c = conversations.get(key);
  if (!c) {
    c = { key, kind, id, title: kind === 'g' ? `group ${id}` : `user ${id}`, entries: [], ids: new Set(),
      oldestSeq: null, hasMore: false, loaded: false, unread: 0 };
    conversations.set(key, c);
    renderConversationList();
  }
  return c;
}

function historyPath(c) {
  return c.kind === 'g'
    ? `/api/conversations/groups/${c.id}/messages`
    : `/api/conversations/users/${session.uid}/${c.id}/messages`;
}

/** An entry of the message list: who, what, when, and the state of one's own sends. */
function entry(msgId, from, text, timeMs, state) {
  return { msgId, from, text, timeMs, state };
}

function fromHistory(record) {
  const text = record.MsgType === 'text' ? record.Payload : `[${record.MsgType} message]`;
  return entry(record.MsgId, Number(record.From), text, record.TimeCreate * 1000, 'stored');
}

async function loadHistory(c, older) {
  const params = { limit: HISTORY_PAGE, before: older ? c.oldestSeq : undefined };
  const page = await session.call('GET', historyPath(c) + query(params));
  const records = page.messages.filter((m) => !c.ids.has(m.MsgId));
  records.forEach((m) => c.ids.add(m.MsgId));
  c.entries = records.map(fromHistory).concat(c.entries);
  if (page.messages.length > 0) c.oldestSeq = page.messages[0].SeqId;
  c.hasMore = page.hasMore;
  c.loaded = true;
}

function add(c, e) {
  if (c.ids.has(e.msgId)) return;
  c.ids.add(e.msgId);
  c.entries.push(e);
  if (c === current) renderMessages(); else { c.unread += 1; renderConversationList(); }
}

function renderConversationList() {
  const list = $('conversation-list');
  list.replaceChildren(...[...conversations.values()].map((c) => {
    const li = document.createElement('li');
    li.dataset.key = c.key;
    li.textContent = c.title;
    if (c.unread > 0) {
      const badge = document.createElement('span');
      badge.className = 'unread';
      badge.textContent = c.unread;
      li.append(' ', badge);
    }
    li.classList.toggle('selected', c === current);
    li.tabIndex = 0;
    li.onclick = () => select(c);
    li.onkeydown = (event) => { if (event.key === 'Enter') select(c); };
    return li;
  }));
}

function renderMessages() {
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...current.entries.map((e) => {
    const li = document.createElement('li');
    li.dataset.msgId = e.msgId;
    li.className = e.from === session.uid ? 'mine' : 'theirs';
    const meta = document.createElement('span');
    meta.className = 'meta';
    const who = e.from === session.uid ? 'me' : e.from === SYSTEM_UID ? 'system' : `user ${e.from}`;
    meta.textContent = `${who} · ${e.timeMs ? new Date(e.timeMs).toLocaleTimeString() : ''}${e.state === 'stored' ? '' : ` · ${e.state}`}`;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = e.text;
    li.append(meta, text);
    return li;
  }));
  $('older').hidden = !current.hasMore;
  if (atBottom) list.scrollTop = list.scrollHeight;
}

async function select(c) {
  current = c;
  c.unread = 0;
  $('conversation-title').textContent = c.title;
  $('composer').hidden = false;
  $('send-error').textContent = '';
  renderConversationList();
  renderMessages();
  if (!c.loaded) {
    try {
      await loadHistory(c, false);
    } catch (e) {
      $('send-error').textContent = `history: ${e.message}`;
    }
    if (current === c) renderMessages();
  }
  $('messages').scrollTop = $('messages').scrollHeight;
  $('composer').elements.text.focus();
}

async function send(text) {
  const c = current;
  const mine = entry(null, session.uid, text, Date.now(), 'sending');
  c.entries.push(mine);
  renderMessages();
  try {
    const sent = c.kind === 'g' ? client.sendToGroup(c.id, text) : client.sendToUser(c.id, text);
    mine.msgId = await sent;
    c.ids.add(mine.msgId);
    mine.state = 'stored';
  } catch (e) {
    mine.state = 'not sent';
    $('send-error').textContent = e.message;
  }
  if (current === c) renderMessages();
}

function describeDisconnect(d) {
  if (d.willReconnect) return `disconnected: ${d.reason}; reconnecting in ${Math.round(d.retryInMs / 1000)} s`;
  return `disconnected: ${d.reason}`;
}

function connectClient(username, password) {
  client = new MissiveClient({ url: webSocketUrl(), username, password });
  client.addEventListener('connecting', (e) => setConnection('connecting', e.detail.attempt > 1 ? 'reconnecting…' : 'connecting…'));
  client.addEventListener('connected', () => setConnection('connected', 'connected'));
  client.addEventListener('refused', (e) => setConnection('refused', `login refused: ${e.detail.message}`));
  client.addEventListener('disconnected', (e) => setConnection(e.detail.willReconnect ? 'connecting' : 'disconnected', describeDisconnect(e.detail)));
  client.addEventListener('message', (e) => {
    const m = e.detail;
    const c = m.groupId ? conversation('g', m.groupId) : conversation('u', m.from);
    add(c, entry(m.msgId, m.from, m.text ?? `[${m.payload.length} bytes]`, m.time ?? Date.now(), 'stored'));
  });
  return client.connect();
}

async function start(username, password) {
  session = await RestSession.open(username, password);
  $('who').textContent = `${session.grant.username} (uid ${session.uid})`;
  const groups = await session.call('GET', `/api/users/${session.uid}/groups`);
  for (const g of groups.groups) conversation('g', g.id).title = `# ${g.name}`;
  renderConversationList();
  $('login').hidden = true;
  $('chat').hidden = false;
  $('logout').hidden = false;
  await connectClient(username, password);
}

onLoginSubmit($('login'), start);

$('new-peer').addEventListener('submit', (event) => {
  event.preventDefault();
  const uid = Number(event.target.elements.uid.value);
  event.target.reset();
  if (uid !== session.uid) select(conversation('u', uid));
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = event.target.elements.text;
  if (input.value.trim()) send(input.value);
  input.value = '';
});

$('older').addEventListener('click', async () => {
  const c = current;
  const list = $('messages');
  const fromBottom = list.scrollHeight - list.scrollTop;
  await loadHistory(c, true);
  if (current === c) {
    renderMessages();
    list.scrollTop = list.scrollHeight - fromBottom;
  }
});

$('logout').addEventListener('click', () => {
  client?.close();
  location.reload();
});
