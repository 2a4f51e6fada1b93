/* A minimal LMS for tests: scorm-again provides the SCORM API, the SCO runs in a frame.
 * Query: ?version=12|2004&launch=PATH. window.__initialCmi (set by the test before load) resumes a session;
 * window.__lmsSettings overrides scorm-again's settings (mastery_override: the LMS applies the mastery score). */
(function () {
  "use strict";
  const params = new URLSearchParams(location.search);
  const version = params.get("version");
  const settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5, ...(window.__lmsSettings || {}) };
  const api = version === "12" ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  if (window.__initialCmi) api.loadFromJSON(window.__initialCmi, "");
  window.lmsCalls = [];
  ["LMSInitialize", "LMSFinish", "LMSCommit", "Initialize", "Terminate", "Commit"].forEach((name) => {
    if (typeof api[name] !== "function") return;
    const original = api[name].bind(api);
    api[name] = (...args) => {
      window.lmsCalls.push(name);
      return original(...args);
    };
  });
  if (version === "12") window.API = api;
  else window.API_1484_11 = api;
  window.lmsSets = [];
  ["LMSSetValue", "SetValue"].forEach((name) => {
    if (typeof api[name] !== "function") return;
    const original = api[name].bind(api);
    api[name] = (element, value) => {
      window.lmsSets.push([element, value]);
      return original(element, value);
    };
  });
  window.lmsCmi = () => JSON.parse(JSON.stringify(api.renderCMIToJSONObject()));
  window.lmsErrors = [];
  if (params.get("window")) window.open(params.get("launch"), "sco");  // the LMS opens a new window
  else document.getElementById("sco").src = params.get("launch");
})();
