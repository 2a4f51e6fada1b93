/* cmi5 tracker: the launch parameters, one auth-token fetch, LMS.LaunchData, and the cmi5 statements
 * (initialized, answered, completed, passed or failed, terminated) built on the LMS's context template. */
(function () {
  "use strict";

  const Xapi = window.ElearnXapi;
  const CMI5 = "https://w3id.org/xapi/cmi5/context/";
  const CATEGORY = { id: CMI5 + "categories/cmi5" };
  const MOVE_ON = { id: CMI5 + "categories/moveon" };
  const MASTERY = CMI5 + "extensions/masteryscore";
  const STATE_ID = "https://elearn.example/xapi/state/package-progress";
  const PREFERENCES = "cmi5LearnerPreferences";

  function readLaunch() {
    const params = new URLSearchParams(window.location.search);
    const names = ["endpoint", "fetch", "actor", "registration", "activityId"];
    if (!names.every((name) => params.get(name))) return null;
    return { endpoint: params.get("endpoint"), fetch: params.get("fetch"), actor: JSON.parse(params.get("actor")),
      registration: params.get("registration"), activityId: params.get("activityId") };
  }

  async function fetchToken(url) {
    const response = await fetch(url, { method: "POST" });
    const body = await response.json();
    if (!response.ok || !body["auth-token"]) throw new Error("cmi5 fetch URL refused: " + JSON.stringify(body));
    return body["auth-token"];
  }

  function create(pkg) {
    let launch = null;
    let lrs = null;
    let launchData = {};
    let sent = {};
    let startedAt = Date.now();
    let failure = null; // the last failed result of this session, sent when the session ends

    function context(isCmi5Defined, extra) {
      const template = JSON.parse(JSON.stringify(launchData.contextTemplate || {}));
      const activities = template.contextActivities || {};
      if (isCmi5Defined) activities.category = [...(activities.category || []), CATEGORY, ...(extra || [])];
      return { ...template, contextActivities: activities, registration: launch.registration };
    }

    function statement(verbName, object, result, ctx) {
      const built = { id: Xapi.uuid(), timestamp: Xapi.timestamp(), actor: launch.actor, verb: Xapi.verb(verbName),
        object, context: ctx };
      if (result) built.result = result;
      return built;
    }

    function auStatement(verbName, result, extraCategories) {
      const ctx = context(true, extraCategories);
      if ((verbName === "passed" || verbName === "failed") && launchData.masteryScore !== undefined) {
        ctx.extensions = { ...(ctx.extensions || {}), [MASTERY]: launchData.masteryScore };
      }
      return statement(verbName, { objectType: "Activity", id: launch.activityId }, result, ctx);
    }

    function sessionDuration() {
      return Xapi.duration((Date.now() - startedAt) / 1000);
    }

    function stateParams(stateId) {
      return { stateId, activityId: launch.activityId, agent: launch.actor, registration: launch.registration };
    }

    function isNormal() {
      return (launchData.launchMode || "Normal") === "Normal";
    }

    function judge(event) {
      const mastery = launchData.masteryScore ?? pkg.masteryScore;
      return mastery == null ? event.passed : event.scaled >= mastery - 1e-9;
    }

    /* One of passed/failed per session, and never failed after passed: a pass is sent at once, a failure
     * waits for the end of the session, in case a retry in the same session passes. */
    function judgement(event, passed) {
      // cmi5 wants integers for raw, min and max (9.5.1): the score is reported in percent, as in SCORM.
      const score = { scaled: Math.round(event.scaled * 10000) / 10000, raw: Math.round(event.scaled * 100),
        min: 0, max: 100 };
      return auStatement(passed ? "passed" : "failed", { success: passed, score, duration: sessionDuration() },
        [MOVE_ON]);
    }

    function sendResult(event) {
      if (sent.passed) return;
      if (judge(event)) {
        sent.passed = true;
        failure = null;
        lrs.send(judgement(event, true));
      } else {
        failure = event;
      }
    }

    function sendCompletion(summary) {
      if (sent.completed || !summary.completed) return;
      sent.completed = true;
      lrs.send(auStatement("completed", { completion: true, duration: sessionDuration() }, [MOVE_ON]));
      // A module without a quiz has nothing to pass: when the LMS asks for a pass, completion earns it.
      const needsPass = ["Passed", "CompletedAndPassed"].includes(launchData.moveOn);
      if (!pkg.quiz && needsPass && !sent.passed) {
        sent.passed = true;
        lrs.send(auStatement("passed", { success: true, duration: sessionDuration() }, [MOVE_ON]));
      }
    }

    function answered(event) {
      const ctx = context(false);
      // The AU is the question's parent, added to the template's parents, never replacing them.
      const parents = ctx.contextActivities.parent || [];
      if (!parents.some((activity) => activity.id === launch.activityId)) {
        ctx.contextActivities.parent = [...parents, { objectType: "Activity", id: launch.activityId }];
      }
      const result = { response: event.formatted, duration: Xapi.duration(event.latencySeconds) };
      if (event.result !== "neutral") result.success = event.result === "correct";
      lrs.send(statement("answered", Xapi.questionActivity(event.question), result, ctx));
    }

    /* Progress is kept for Normal launches only: what a learner does in Browse or Review mode must not
     * carry into the next Normal launch (a quiz passed while browsing would leave the AU unsatisfiable). */
    function saveState(summary) {
      if (!isNormal()) return;
      lrs.putState(stateParams(STATE_ID), { suspendData: summary.suspendData(pkg.suspendDataLimit), sent });
    }

    return {
      hasExit: true,
      async start() {
        launch = readLaunch();
        if (!launch) return undefined;
        const token = await fetchToken(launch.fetch);
        lrs = Xapi.client(launch.endpoint, "Basic " + token);
        launchData = (await lrs.getState(stateParams("LMS.LaunchData"))) || {};
        const saved = await lrs.getState(stateParams(STATE_ID)).catch(() => null);
        // cmi5 11: the AU reads the learner's preferences at startup (absent or unreadable: our defaults).
        const preferences = (await lrs.getAgentProfile(launch.actor, PREFERENCES).catch(() => null)) || {};
        sent = (saved && saved.sent) || {};
        startedAt = Date.now();
        lrs.send(auStatement("initialized"));
        return {
          state: saved ? window.ElearnSuspend.decode(saved.suspendData) : null,
          masteryScore: typeof launchData.masteryScore === "number" ? launchData.masteryScore : null,
          languages: String(preferences.languagePreference || "").split(",").map((tag) => tag.trim()).filter(Boolean),
          audio: ["on", "off"].includes(preferences.audioPreference) ? preferences.audioPreference : null,
        };
      },
      update(summary, event) {
        if (isNormal()) {
          if (event.kind === "answer") answered(event);
          if (event.kind === "result") sendResult(event);
          sendCompletion(summary);
        }
        saveState(summary);
      },
      flush(summary) {
        saveState(summary);
        lrs.flush();
      },
      finish(summary, leaving) {
        if (leaving) lrs.leave();
        saveState(summary);
        // The session's last statements go out together, so a window closed at once still sends both.
        const last = [];
        if (failure && !sent.passed && isNormal()) last.push(judgement(failure, false));
        last.push(auStatement("terminated", { duration: sessionDuration() }));
        lrs.send(...last);
        return lrs.flush().then(() => {
          if (launchData.returnURL && !leaving) window.location.assign(launchData.returnURL);
        });
      },
    };
  }

  window.ElearnTracker = { create };
})();
