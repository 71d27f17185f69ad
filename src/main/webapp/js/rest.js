// Missive's REST API (docs/rest.md) with an end user's or an admin's bearer token, for the chat
// page and the admin console. Access tokens live 15 minutes and have no refresh, so a session keeps
// the password in memory and logs in again once when a call answers 401.

/** An HTTP error with the API's {"code","message"} body. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

async function errorOf(response) {
  let code = `http_${response.status}`;
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    code = body.code ?? code;
    message = body.message ?? message;
  } catch {
    // not the API's JSON error (a proxy's page, an empty body): the status says enough
  }
  return new ApiError(response.status, code, message);
}

/** POST /api/auth/login: {accessToken, uid, username, expiresAt, ...}; a wrong login throws ApiError 401. */
export async function login(username, password) {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw await errorOf(response);
  return response.json();
}

/** A logged-in user's calls to the API. */
export class RestSession {
  static async open(username, password) {
    return new RestSession(username, password, await login(username, password));
  }

  constructor(username, password, grant) {
    this.username = username;
    this.password = password;
    this.grant = grant;
  }

  get uid() {
    return this.grant.uid;
  }

  /** Calls the API; answers the parsed JSON body, or null for 204. Throws ApiError. */
  async call(method, path, body) {
    let response = await this.send(method, path, body);
    if (response.status === 401) {
      this.grant = await login(this.username, this.password);
      response = await this.send(method, path, body);
    }
    if (!response.ok) throw await errorOf(response);
    return response.status === 204 ? null : response.json();
  }

  send(method, path, body) {
    const headers = { Authorization: `Bearer ${this.grant.accessToken}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }
}

/** Query string of the defined values only. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
