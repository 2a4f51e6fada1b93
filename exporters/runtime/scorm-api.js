/* Finding the LMS's SCORM API and talking to it safely.
 * Discovery is the algorithm of the SCORM run-time environment: walk up the parents of this window, then
 * those of the window that opened it, at most 500 steps each, skipping frames from another origin.
 * Elements an LMS does not support are tolerated: each call's error code is read and kept, never thrown. */
(function () {
  "use strict";

  const MAX_TRIES = 500;

  function lookIn(win, name) {
    try {
      return win[name] || null;
    } catch (error) {
      return null; // a frame from another origin
    }
  }

  function climb(start, name) {
    let win = start;
    for (let tries = 0; win && tries <= MAX_TRIES; tries += 1) {
      const api = lookIn(win, name);
      if (api) return api;
      let parent = null;
      try {
        parent = win.parent;
      } catch (error) {
        return null;
      }
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  }

  function find(name) {
    let api = climb(window, name);
    if (!api) {
      try {
        if (window.opener) api = climb(window.opener, name);
      } catch (error) {
        api = null;
      }
    }
    return api;
  }

  /* Wrap the API's calls (method names in `names`) with error bookkeeping. `unsetCode` is the code of
   * reading an element that has no value yet (SCORM 2004: 403), an expected answer, not an error. */
  function connect(api, names, unsetCode) {
    const errors = [];
    function lastError() {
      return Number(api[names.error]()) || 0;
    }
    return {
      errors,
      call(method, ...args) {
        const result = api[names[method]](...args);
        const code = lastError();
        if (code && !(method === "get" && code === unsetCode)) errors.push({ method, args, code });
        return { result, code };
      },
      get(element) {
        const { result, code } = this.call("get", element);
        return code ? null : String(result);
      },
      set(element, value) {
        return this.call("set", element, String(value)).code === 0;
      },
      supports(children, child) {
        const list = this.get(children);
        return list === null ? false : list.split(",").map((s) => s.trim()).includes(child);
      },
      count(element) {
        const value = this.get(element + "._count");
        return value === null ? null : Number(value) || 0;
      },
    };
  }

  function pad(value, width) {
    return String(value).padStart(width, "0");
  }

  /* SCORM 1.2 CMITimespan: HHHH:MM:SS.SS */
  function timespan12(seconds) {
    const total = Math.max(0, Math.round(seconds * 100)) / 100;
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const rest = (total % 60).toFixed(2);
    return `${pad(Math.min(hours, 9999), 4)}:${pad(minutes, 2)}:${pad(rest, 5)}`;
  }

  /* ISO 8601 duration (SCORM 2004 timeinterval, xAPI duration): PT1H2M3.45S */
  function duration(seconds) {
    const total = Math.max(0, Math.round(seconds * 100)) / 100;
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const rest = Math.round((total % 60) * 100) / 100;
    return "PT" + (hours ? hours + "H" : "") + (minutes ? minutes + "M" : "") + rest + "S";
  }

  /* SCORM 2004 time (second precision, no zone: the LMS's clock is the reference). */
  function timestamp(date) {
    return `${date.getFullYear()}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}T` +
      `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}`;
  }

  function clock(date) {
    return `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}`;
  }

  /* Index of the objective with `id`, appending it when the LMS has none yet. */
  function objectiveIndex(lms, id) {
    const count = lms.count("cmi.objectives");
    if (count === null) return null;
    for (let i = 0; i < count; i += 1) {
      if (lms.get(`cmi.objectives.${i}.id`) === id) return i;
    }
    return lms.set(`cmi.objectives.${count}.id`, id) ? count : null;
  }

  window.ElearnScorm = { find, connect, timespan12, duration, timestamp, clock, objectiveIndex };
})();
