// A small renderer of the server's OpenAPI document: every path and method with its summary,
// description, security, parameters, request body and answers, and the schemas they refer to.
// Hand-written so that the page needs nothing from outside the WAR.
(function () {
  'use strict';
  var root = document.getElementById('api');

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function schemaName(schema) {
    if (!schema) { return ''; }
    if (schema.$ref) { return schema.$ref.replace('#/components/schemas/', ''); }
    if (schema.type === 'array') { return schemaName(schema.items) + '[]'; }
    return schema.type || '';
  }

  function table(headers, rows) {
    var head = el('tr', {}, headers.map(function (h) { return el('th', {}, [h]); }));
    return el('table', {}, [head].concat(rows.map(function (r) {
      return el('tr', {}, r.map(function (c) { return el('td', {}, [String(c)]); }));
    })));
  }

  function operation(doc, path, method, op) {
    var body = [];
    if (op.description) { body.push(el('p', {}, [op.description])); }
    if (op.security) {
      body.push(el('p', {}, ['Credentials: ' + op.security.map(function (s) {
        return Object.keys(s).join(' + ');
      }).join(' or ')]));
    }
    if (op.parameters && op.parameters.length) {
      body.push(table(['parameter', 'in', 'type', 'description'], op.parameters.map(function (p) {
        return [p.name + (p.required ? ' *' : ''), p['in'], schemaName(p.schema), p.description || ''];
      })));
    }
    if (op.requestBody && op.requestBody.content) {
      body.push(el('p', {}, ['Body: ' + Object.keys(op.requestBody.content).map(function (t) {
        return t + ' ' + schemaName(op.requestBody.content[t].schema);
      }).join(', ')]));
    }
    var responses = op.responses || {};
    var shared = (doc.components && doc.components.responses) || {};
    body.push(table(['status', 'meaning', 'body'], Object.keys(responses).sort().map(function (code) {
      var r = responses[code];
      // the shared error answers are declared once in components/responses and referred to
      if (r.$ref) { r = shared[r.$ref.replace('#/components/responses/', '')] || r; }
      var content = r.content ? Object.keys(r.content).map(function (t) {
        return schemaName(r.content[t].schema);
      }).join(', ') : '';
      return [code, r.description || '', content];
    })));
    var summary = el('summary', {}, [el('span', {'class': 'method ' + method.toUpperCase()}, [method.toUpperCase()]),
      el('span', {'class': 'path'}, [path]), ' \u2014 ' + (op.summary || '')]);
    return el('details', {'class': 'op'}, [summary].concat(body));
  }

  function render(doc) {
    root.innerHTML = '';
    if (doc.info && doc.info.description) { root.appendChild(el('p', {}, [doc.info.description])); }
    var byTag = {};
    Object.keys(doc.paths || {}).sort().forEach(function (path) {
      var item = doc.paths[path];
      ['get', 'post', 'put', 'delete', 'patch'].forEach(function (m) {
        if (!item[m]) { return; }
        var tag = (item[m].tags || ['other'])[0];
        (byTag[tag] = byTag[tag] || []).push(operation(doc, path, m, item[m]));
      });
    });
    Object.keys(byTag).sort().forEach(function (tag) {
      root.appendChild(el('h2', {}, [tag]));
      byTag[tag].forEach(function (op) { root.appendChild(op); });
    });
    var schemas = (doc.components && doc.components.schemas) || {};
    root.appendChild(el('h2', {}, ['schemas']));
    Object.keys(schemas).sort().forEach(function (name) {
      root.appendChild(el('details', {'class': 'op'}, [el('summary', {}, [name]),
        el('pre', {}, [JSON.stringify(schemas[name], null, 2)])]));
    });
  }

  fetch('/openapi?format=JSON', {headers: {'Accept': 'application/json'}})
    .then(function (r) {
      if (!r.ok) { throw new Error('/openapi answered ' + r.status); }
      return r.json();
    })
    .then(render)
    .catch(function (e) {
      root.innerHTML = '';
      root.appendChild(el('p', {'class': 'error'}, ['Could not load the OpenAPI document: ' + e.message]));
    });
}());
