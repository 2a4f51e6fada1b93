/* Suspend data: the learner's place and progress as compact JSON that always fits the LMS's limit.
 * When it would not fit, detail is dropped, most expendable first (the responses of the attempt in
 * progress, then the attempt itself, then the visited pages); a string is never cut, so what is saved
 * always parses. */
(function () {
  "use strict";

  const VERSION = 1;

  function withoutResponses(state) {
    if (!state.q) return state;
    const { r, ...attempt } = state.q;
    return { ...state, q: attempt };
  }

  function withoutAttempt(state) {
    const { q, ...rest } = state;
    return rest;
  }

  function withoutVisits(state) {
    const { p, ...rest } = state;
    return rest;
  }

  const DEGRADE = [(s) => s, withoutResponses, withoutAttempt, withoutVisits];

  /* Return the longest-detail encoding of `state` that fits in `limit` characters. */
  function encode(state, limit) {
    let current = { v: VERSION, ...state };
    for (const step of DEGRADE) {
      current = step(current);
      const text = JSON.stringify(current);
      if (text.length <= limit) return text;
    }
    return JSON.stringify({ v: VERSION, l: state.l || 0 }).slice(0, limit);
  }

  /* Return the saved state, or null for empty, foreign or damaged suspend data. */
  function decode(text) {
    if (!text) return null;
    try {
      const state = JSON.parse(text);
      return state && state.v === VERSION ? state : null;
    } catch (error) {
      return null;
    }
  }

  /* Pages visited as a string of 0/1, one character per page. */
  function visitsToString(visited) {
    return visited.map((seen) => (seen ? "1" : "0")).join("");
  }

  function visitsFromString(text, count) {
    return Array.from({ length: count }, (_, index) => (text || "").charAt(index) === "1");
  }

  window.ElearnSuspend = { encode, decode, visitsToString, visitsFromString };
})();
