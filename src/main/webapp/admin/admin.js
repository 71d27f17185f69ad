// The admin console (/admin). Nothing is shown before /api/admin/status has answered 200 to the
// logged-in user's token: the server decides who is an admin (403 otherwise).
import { RestSession, ApiError, query } from '/js/rest.js';
import { onLoginSubmit } from '/js/login-form.js';
import { drawLineChart } from './charts.js';

const POLL_MS = 3000;
const HISTORY_SAMPLES = 100;
const PAGE_SIZE = 20;
const PROTOCOL_COLORS = ['#2f6fdf', '#1f8a4c', '#b7791f', '#8e44ad', '#c0392b', '#16a085'];
const $ = (id) => document.getElementById(id);

let session = null;
let pollTimer = null;
const samples = { times: [], total: [], byProtocol: new Map(), rateIn: [], rateOut: [] };

function text(value) {
  return value === undefined || value === null ? '' : String(value);
}

function button(label, className, action) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.className = className;
  b.onclick = action;
  return b;
}

function showError(e) {
  $('console-error').textContent = e ? `${e.message}` : '';
  if (e instanceof ApiError && (e.status === 401 || e.status === 403)) logout('Your session is no longer an admin session; log in again.');
}

/**
 * A searchable table of a paged admin list ({total, offset, limit, items}) in the section
 * #tab-<name>: a search form (#<name>-filter: a text field q, the extra fields, a button), the
 * table (#<name>-table) and a pager. `load(offset, limit, fields)` fetches a page; `fields` are the
 * form's elements.
 */
function pagedTable(name, placeholder, columns, load, extraFields = []) {
  let offset = 0;
  const form = document.createElement('form');
  form.className = 'toolbar';
  form.id = `${name}-filter`;
  const q = Object.assign(document.createElement('input'), { name: 'q', placeholder });
  const search = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Search' });
  form.append(q, ...extraFields, search);
  const table = document.createElement('table');
  const head = document.createElement('tr');
  head.append(...columns.map((c) => Object.assign(document.createElement('th'), { textContent: c.title })));
  table.createTHead().append(head);
  const body = table.createTBody();
  const status = document.createElement('span');
  status.className = 'muted';
  const previous = button('Previous', 'secondary', () => { offset = Math.max(0, offset - PAGE_SIZE); refresh(); });
  const next = button('Next', 'secondary', () => { offset += PAGE_SIZE; refresh(); });
  const pager = document.createElement('div');
  pager.className = 'pager';
  pager.append(previous, next, status);
  const container = document.createElement('div');
  container.id = `${name}-table`;
  container.append(table, pager);
  $(`tab-${name}`).prepend(form, container);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    refresh();
  });

  let latest = 0;
  async function refresh() {
    // answers may come back out of order (a tab opened, then a search): only the last one is drawn
    const request = ++latest;
    try {
      const page = await load(offset, PAGE_SIZE, form.elements);
      if (request !== latest) return;
      body.replaceChildren(...page.items.map((item) => {
        const row = document.createElement('tr');
        row.dataset.id = item.id ?? item.uid;
        row.append(...columns.map((c) => {
          const cell = document.createElement('td');
          const value = c.value(item);
          if (value instanceof Node) cell.append(value); else cell.textContent = text(value);
          return cell;
        }));
        return row;
      }));
      status.textContent = page.total === 0 ? 'none' : `${page.offset + 1}–${page.offset + page.items.length} of ${page.total}`;
      previous.disabled = offset === 0;
      next.disabled = offset + page.items.length >= page.total;
      showError(null);
    } catch (e) {
      showError(e);
    }
  }

  return { refresh };
}

function formatDuration(seconds) {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : `${m}m ${Math.floor(seconds % 60)}s`;
}

function mebibytes(bytes) {
  return (bytes / 1048576).toFixed(0);
}

function tile(label, value) {
  const t = document.createElement('div');
  t.className = 'tile card';
  t.dataset.tile = label;
  const v = Object.assign(document.createElement('div'), { className: 'value', textContent: value });
  const l = Object.assign(document.createElement('div'), { className: 'label', textContent: label });
  t.append(v, l);
  return t;
}

function record(status) {
  samples.times.push(Date.now());
  samples.total.push(status.connections.total);
  const byProtocol = status.connections.byProtocol ?? {};
  for (const name of Object.keys(byProtocol)) {
    if (!samples.byProtocol.has(name)) samples.byProtocol.set(name, samples.times.slice(0, -1).map(() => 0));
  }
  for (const [name, values] of samples.byProtocol) values.push(byProtocol[name] ?? 0);
  samples.rateIn.push(status.messagesPerSecond.in);
  samples.rateOut.push(status.messagesPerSecond.out);
  if (samples.times.length > HISTORY_SAMPLES) {
    for (const list of [samples.times, samples.total, samples.rateIn, samples.rateOut, ...samples.byProtocol.values()]) list.shift();
  }
}

function renderDashboard(status) {
  const c = status.connections;
  const clientTypes = c.byClientType ?? {};
  $('tiles').replaceChildren(
    tile('uptime', formatDuration(status.uptimeSeconds)),
    tile('connections', text(c.total)),
    tile('normal / subscriber / publisher / both', `${text(clientTypes.normal)} / ${text(clientTypes.subscriber)} / ${text(clientTypes.publisher)} / ${text(clientTypes.both)}`),
    tile('messages/s in / out', `${status.messagesPerSecond.in.toFixed(1)} / ${status.messagesPerSecond.out.toFixed(1)}`),
    tile('total in / out', `${text(status.totals.in)} / ${text(status.totals.out)}`),
    tile('acknowledged / resent / expired', `${text(status.totals.acknowledged)} / ${text(status.totals.resent)} / ${text(status.totals.expired)}`),
    tile('pending backlog', text(status.pendingBacklog)),
    tile('database', status.databasePool.up ? `up, ${status.databasePool.pingMillis.toFixed(1)} ms` : 'down'),
    tile('heap used / max, MiB', `${mebibytes(status.jvm.heapUsedBytes)} / ${mebibytes(status.jvm.heapMaxBytes)}`),
  );
  const protocolSeries = [...samples.byProtocol].map(([name, values], i) => (
    { label: name, color: PROTOCOL_COLORS[(i + 1) % PROTOCOL_COLORS.length], values }));
  drawLineChart($('chart-connections'), $('legend-connections'), samples.times,
    [...protocolSeries, { label: 'total', color: '#1d232b', dashed: true, values: samples.total }]);
  drawLineChart($('chart-rate'), $('legend-rate'), samples.times, [
    { label: 'out', color: PROTOCOL_COLORS[1], values: samples.rateOut },
    { label: 'in', color: PROTOCOL_COLORS[0], dashed: true, values: samples.rateIn },
  ]);
  for (const name of Object.keys(c.byProtocol ?? {})) {
    if (![...protocolChoice.options].some((o) => o.value === name)) protocolChoice.add(new Option(name, name));
  }
  renderNodes(status.cluster);
}

// Every node of a cluster, with its load; the clients tab can list and kick another node's connections.
function renderNodes(cluster) {
  $('cluster-nodes').hidden = !cluster?.enabled;
  if (!cluster?.enabled) return;
  const head = document.createElement('tr');
  head.append(...['node', 'ready', 'connections', 'messages/s', 'CPU', 'listeners']
    .map((title) => Object.assign(document.createElement('th'), { textContent: title })));
  const rows = cluster.nodes.map((n) => {
    const row = document.createElement('tr');
    row.append(...[n.id + (n.id === cluster.thisNode ? ' (this node)' : ''), n.ready ? 'yes' : 'no', text(n.connections),
      n.messagesPerSecond.toFixed(1), n.cpuLoad < 0 ? '' : `${Math.round(n.cpuLoad * 100)} %`,
      Object.entries(n.listeners).map(([name, address]) => `${name} ${address}`).join(', ')]
      .map((value) => Object.assign(document.createElement('td'), { textContent: value })));
    return row;
  });
  $('nodes').replaceChildren(head, ...rows);
  for (const n of cluster.nodes) {
    if (![...nodeChoice.options].some((o) => o.value === n.id)) nodeChoice.add(new Option(`node ${n.id}`, n.id));
  }
}

async function poll() {
  try {
    const status = await session.call('GET', '/api/admin/status');
    record(status);
    renderDashboard(status);
    showError(null);
  } catch (e) {
    showError(e);
  }
  if (session) pollTimer = setTimeout(poll, POLL_MS);
}

const protocolChoice = Object.assign(document.createElement('select'), { name: 'protocol' });
protocolChoice.add(new Option('every protocol', ''));
const nodeChoice = Object.assign(document.createElement('select'), { name: 'node' });
nodeChoice.add(new Option('this node', ''));

const clients = pagedTable('clients', 'user, address…', [
  { title: 'user', value: (c) => (c.name ? `${c.name} (${c.uid})` : text(c.uid)) },
  { title: 'kind', value: (c) => c.kind },
  { title: 'protocol', value: (c) => c.protocol },
  { title: 'client type', value: (c) => c.clientType },
  { title: 'address', value: (c) => c.remoteAddress },
  { title: 'connected since', value: (c) => new Date(c.connectedAt).toLocaleString() },
  { title: 'in / out', value: (c) => `${c.messagesIn} / ${c.messagesOut}` },
  { title: '', value: (c) => button('Kick', 'danger kick', () => kick(c)) },
], (offset, limit, f) => session.call('GET', `/api/admin/connections${query({ offset, limit, q: f.q.value, protocol: f.protocol.value, node: f.node.value })}`),
[protocolChoice, nodeChoice]);

async function kick(connection) {
  if (!confirm(`Disconnect ${connection.name ?? connection.uid} (${connection.protocol}, ${connection.remoteAddress})?`)) return;
  try {
    await session.call('DELETE', `/api/admin/connections/${encodeURIComponent(connection.id)}${query({ node: nodeChoice.value })}`);
  } catch (e) {
    showError(e);
  }
  clients.refresh();
}

const users = pagedTable('users', 'username', [
  { title: 'uid', value: (u) => u.uid },
  { title: 'username', value: (u) => u.username },
  { title: 'role', value: (u) => u.role },
  { title: 'online', value: (u) => (u.online ? 'online' : '') },
  { title: 'state', value: (u) => (u.disabled ? 'disabled' : 'enabled') },
  { title: '', value: (u) => button(u.disabled ? 'Enable' : 'Disable', u.disabled ? 'secondary' : 'danger', () => changeUser(u, 'disabled', { disabled: !u.disabled })) },
  { title: '', value: (u) => button(u.role === 'admin' ? 'Make user' : 'Make admin', 'secondary', () => changeUser(u, 'role', { role: u.role === 'admin' ? 'user' : 'admin' })) },
], (offset, limit, f) => session.call('GET', `/api/admin/users${query({ offset, limit, q: f.q.value })}`));

/** PUT /api/users/{uid}/{what} (disabled, role), then the list again. */
async function changeUser(user, what, body) {
  try {
    await session.call('PUT', `/api/users/${user.uid}/${what}`, body);
  } catch (e) {
    showError(e);
  }
  users.refresh();
}

const groups = pagedTable('groups', 'group name', [
  { title: 'id', value: (g) => g.id },
  { title: 'name', value: (g) => g.name },
  { title: 'members', value: (g) => g.memberCount },
  { title: '', value: (g) => button('Members', 'secondary', () => showMembers(g)) },
], (offset, limit, f) => session.call('GET', `/api/admin/groups${query({ offset, limit, q: f.q.value })}`));

async function showMembers(group) {
  try {
    const answer = await session.call('GET', `/api/groups/${group.id}/members`);
    const list = document.createElement('p');
    list.textContent = `Members of ${group.name}: ${answer.members.map((m) => m.uid).join(', ') || 'none'}`;
    $('group-members').replaceChildren(list);
  } catch (e) {
    showError(e);
  }
}

const tabRefresh = { dashboard: () => {}, clients: () => clients.refresh(), users: () => users.refresh(), groups: () => groups.refresh(), send: () => {} };

function selectTab(name) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const selected = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(selected));
    tab.classList.toggle('secondary', !selected);
    $(`tab-${tab.dataset.tab}`).hidden = !selected;
  }
  tabRefresh[name]();
}

function logout(message) {
  session = null;
  clearTimeout(pollTimer);
  $('console').hidden = true;
  $('logout').hidden = true;
  $('admin-who').textContent = '';
  $('login').hidden = false;
  $('login-error').textContent = message ?? '';
}

async function logIn(username, password) {
  const candidate = await RestSession.open(username, password);
  try {
    // the server alone knows who is an admin: its admin API answers 403 to everyone else
    await candidate.call('GET', '/api/admin/status');
  } catch (e) {
    if (e.status === 403) throw new Error(`${username} is not an admin.`);
    throw e;
  }
  session = candidate;
  $('login').hidden = true;
  $('console').hidden = false;
  $('logout').hidden = false;
  $('admin-who').textContent = `${session.grant.username} (admin)`;
  selectTab('dashboard');
  poll();
}

onLoginSubmit($('login'), logIn);
for (const tab of document.querySelectorAll('[role="tab"]')) tab.addEventListener('click', () => selectTab(tab.dataset.tab));
$('logout').addEventListener('click', () => logout());

$('send').addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = event.target.elements;
  const body = { [f.target.value]: Number(f.id.value), payload: f.payload.value, ttlSeconds: Number(f.ttlSeconds.value || 0) };
  if (f.from.value) body.from = Number(f.from.value);
  try {
    const answer = await session.call('POST', '/api/admin/inject', body);
    $('send-result').textContent = `Stored as ${answer.msgId} (seq ${answer.seq}); delivered now or when the recipient connects.`;
    f.payload.value = '';
  } catch (e) {
    $('send-result').textContent = `Not sent: ${e.message}`;
  }
});
