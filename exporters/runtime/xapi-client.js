/* A small xAPI 1.0.3 client for the cmi5 and xAPI trackers: statements sent one request after another
 * (so the LRS stores them in the order they happened), State API documents, and the app's activities. */
(function () {
  "use strict";

  const VERSION = "1.0.3";
  const INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction";
  let lastTime = 0;

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /* A timestamp that never goes backwards or repeats, so statements sort in the order they were made. */
  function timestamp() {
    lastTime = Math.max(Date.now(), lastTime + 1);
    return new Date(lastTime).toISOString();
  }

  function duration(seconds) {
    const total = Math.max(0, Math.round(seconds * 100)) / 100;
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const rest = Math.round((total % 60) * 100) / 100;
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + rest + "S";
  }

  function client(endpoint, authorization) {
    const base = endpoint.endsWith("/") ? endpoint : endpoint + "/";
    const headers = { Authorization: authorization, "X-Experience-API-Version": VERSION };
    const pending = [];
    let sending = null;
    let leaving = false;
    const saving = {};
    const waiting = {};
    // The ETag of each document we read or wrote: a string, null when the document does not exist yet,
    // undefined when unknown. Every PUT carries the matching precondition (If-Match / If-None-Match: *),
    // as strict record stores require.
    const etags = {};

    function post(batch, keepalive) {
      return fetch(base + "statements", {
        method: "POST", keepalive, headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify(batch),
      }).then((response) => {
        if (!response.ok) throw new Error(`LRS answered ${response.status} to statements`);
      });
    }

    function pump() {
      if (sending || !pending.length) return sending || Promise.resolve();
      const batch = pending.splice(0, pending.length);
      sending = post(batch, true).catch((error) => console.warn("elearn:", error)).finally(() => {
        sending = null;
      }).then(pump);
      return sending;
    }

    /* The page is going away: nothing chained after a response will run any more, so whatever is
     * queued goes out now, in one keepalive request, without waiting for the one in flight. */
    function dispatchNow() {
      if (!pending.length) return sending || Promise.resolve();
      const batch = pending.splice(0, pending.length);
      const last = post(batch, true).catch((error) => console.warn("elearn:", error));
      return Promise.all([sending, last]);
    }

    function documentUrl(resource, params) {
      const query = new URLSearchParams();
      Object.entries(params).forEach(([name, value]) => {
        if (value === undefined || value === null || value === "") return;
        query.set(name, typeof value === "object" ? JSON.stringify(value) : value);
      });
      return base + resource + "?" + query.toString();
    }

    function stateUrl(params) {
      return documentUrl("activities/state", params);
    }

    async function getDocument(url, what) {
      const response = await fetch(url, { headers });
      if (response.status === 404) {
        etags[url] = null;
        return null;
      }
      if (!response.ok) throw new Error(`LRS answered ${response.status} to ${what}`);
      etags[url] = response.headers.get("ETag") || undefined;
      return response.json();
    }

    function precondition(url) {
      const etag = etags[url];
      if (etag === null) return { "If-None-Match": "*" };
      return etag ? { "If-Match": etag } : {};
    }

    /* Learn the current ETag of a document before writing it, unless we already know it. */
    async function knownEtag(url) {
      if (etags[url] !== undefined) return;
      const response = await fetch(url, { method: "HEAD", headers });
      etags[url] = response.status === 404 ? null : response.headers.get("ETag") || undefined;
    }

    async function putDocument(url, text, retry = true) {
      await knownEtag(url);
      const response = await fetch(url, {
        method: "PUT", keepalive: true, body: text,
        headers: { ...headers, "Content-Type": "application/json", ...precondition(url) },
      });
      if (response.status === 412 && retry) { // changed elsewhere since we read it: read again, then write
        delete etags[url];
        return putDocument(url, text, false);
      }
      if (!response.ok) throw new Error(`LRS answered ${response.status} to a document PUT`);
      etags[url] = response.headers.get("ETag") || undefined;
      return undefined;
    }

    return {
      /* Queue statements; they go out in order, one request at a time. */
      send(...statements) {
        pending.push(...statements);
        return leaving ? dispatchNow() : pump();
      },
      /* Wait for everything queued (or hand it to the browser when the page is going away). */
      flush() {
        return leaving ? dispatchNow() : pump();
      },
      /* From now on the page is unloading: send at once what would otherwise wait its turn. */
      leave() {
        leaving = true;
      },
      getState(params) {
        return getDocument(stateUrl(params), `state ${params.stateId}`);
      },
      getAgentProfile(agent, profileId) {
        return getDocument(documentUrl("agents/profile", { agent, profileId }), `agent profile ${profileId}`);
      },
      /* Save a state document. Saves go one at a time and only the newest waiting one is sent, so an
       * older document can never overwrite a newer one. */
      putState(params, document) {
        const url = stateUrl(params);
        const body = JSON.stringify(document);
        if (saving[url]) {
          waiting[url] = body;
          return saving[url];
        }
        const save = (text) => putDocument(url, text).catch((error) => console.warn("elearn:", error)).then(() => {
          const next = waiting[url];
          delete waiting[url];
          return next === undefined ? undefined : save(next);
        });
        saving[url] = save(body).finally(() => {
          delete saving[url];
        });
        return saving[url];
      },
    };
  }

  function languageMap(text) {
    return { "en-US": text };
  }

  /* The question as the app describes it: a cmi.interaction with its correct responses and components. */
  function questionActivity(question) {
    const definition = { type: INTERACTION, name: languageMap(question.stem), interactionType: question.interactionType };
    if (question.correctPatterns.length) definition.correctResponsesPattern = question.correctPatterns;
    Object.entries(question.components || {}).forEach(([name, items]) => {
      definition[name] = items.map((item) => ({ id: item.id, description: item.description }));
    });
    return { objectType: "Activity", id: question.iri, definition };
  }

  function activity(id, type, name) {
    return { objectType: "Activity", id, definition: { type, name: languageMap(name) } };
  }

  function verb(name) {
    return { id: "http://adlnet.gov/expapi/verbs/" + name, display: { "en-US": name } };
  }

  window.ElearnXapi = { uuid, timestamp, duration, client, questionActivity, activity, verb, languageMap };
})();
