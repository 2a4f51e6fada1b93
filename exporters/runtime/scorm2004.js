/* SCORM 2004 4th Edition tracker: completion and success apart, scaled scores, progress, interactions
 * with their correct responses, and one objective per competency. */
(function () {
  "use strict";

  const Scorm = window.ElearnScorm;
  const NAMES = { init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue",
    commit: "Commit", error: "GetLastError" };
  const DESCRIPTION_LIMIT = 250;
  const RESULTS = { wrong: "incorrect" }; // 2004's vocabulary; 1.2 says "wrong"
  // The longest responses the data model guarantees to keep (RTE 4.2.9: fill-in 250, long-fill-in 4000).
  const RESPONSE_LIMITS = { "fill-in": 250, "long-fill-in": 4000 };
  // The correct-response patterns an LMS must keep for a fill-in (RTE 4.2.9.1: at least 5).
  const FILL_IN_PATTERNS = 5;

  /* The patterns to report: for fill-ins the first accepted answers, in the author's order (the first
   * is the model answer), skipping those that only differ in case when case does not matter. */
  function correctPatterns(question) {
    const patterns = question.correctPatterns;
    if (question.interactionType !== "fill-in") return patterns;
    const seen = new Set();
    return patterns.filter((pattern) => {
      const key = pattern.startsWith("{case_matters=false}") ? pattern.toLowerCase() : pattern;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).slice(0, FILL_IN_PATTERNS);
  }

  /* The LMS's passing score (cmi.scaled_passing_score, -1..1; unset when the LMS has none), or null.
   * Our scores are never negative, so a negative passing score means any score passes. */
  function passingScore(lms) {
    const text = lms.get("cmi.scaled_passing_score");
    const value = text === null || text.trim() === "" ? NaN : Number(text);
    return Number.isFinite(value) && value >= -1 && value <= 1 ? Math.max(0, value) : null;
  }

  function create(pkg) {
    let lms = null;
    let interactionChildren = [];
    let interactionIndex = 0;

    function writeInteraction(event) {
      if (!interactionChildren.length) return;
      const question = event.question;
      const prefix = `cmi.interactions.${interactionIndex}.`;
      const has = (child) => interactionChildren.includes(child);
      lms.set(prefix + "id", question.id);
      if (has("type")) lms.set(prefix + "type", question.interactionType);
      if (has("description")) lms.set(prefix + "description", question.stem.slice(0, DESCRIPTION_LIMIT));
      if (has("objectives")) {
        question.competencies.forEach((c, i) => lms.set(`${prefix}objectives.${i}.id`, `competency-${c.id}`));
      }
      if (has("timestamp")) lms.set(prefix + "timestamp", Scorm.timestamp(event.timestamp));
      if (has("correct_responses")) {
        correctPatterns(question).forEach((p, i) => lms.set(`${prefix}correct_responses.${i}.pattern`, p));
      }
      if (has("weighting")) lms.set(prefix + "weighting", question.points);
      if (has("learner_response")) {
        const limit = RESPONSE_LIMITS[question.interactionType];
        lms.set(prefix + "learner_response", limit ? event.formatted.slice(0, limit) : event.formatted);
      }
      if (has("result")) lms.set(prefix + "result", RESULTS[event.result] || event.result);
      if (has("latency")) lms.set(prefix + "latency", Scorm.duration(event.latencySeconds));
      interactionIndex += 1;
    }

    function writeObjectives(event) {
      event.competencies.forEach((competency) => {
        if (competency.scaled === null) return;
        const index = Scorm.objectiveIndex(lms, competency.objectiveId);
        if (index === null) return;
        const prefix = `cmi.objectives.${index}.`;
        lms.set(prefix + "score.scaled", Math.round(competency.scaled * 10000) / 10000);
        lms.set(prefix + "success_status", competency.passed ? "passed" : "failed");
        lms.set(prefix + "completion_status", "completed");
      });
    }

    function writeState(summary) {
      lms.set("cmi.location", summary.page);
      lms.set("cmi.suspend_data", summary.suspendData(pkg.suspendDataLimit));
      lms.set("cmi.progress_measure", Math.round(summary.progress * 1000) / 1000);
      lms.set("cmi.completion_status", summary.completed ? "completed" : "incomplete");
      if (pkg.quiz) lms.set("cmi.success_status", summary.status || "unknown");
      else if (summary.completed) lms.set("cmi.success_status", "passed");
      if (summary.scaled !== null) {
        lms.set("cmi.score.scaled", Math.round(summary.scaled * 10000) / 10000);
        lms.set("cmi.score.min", 0);
        lms.set("cmi.score.max", 100);
        lms.set("cmi.score.raw", Math.round(summary.scaled * 10000) / 100);
      }
    }

    return {
      start() {
        const api = Scorm.find("API_1484_11");
        if (!api) return Promise.resolve(undefined);
        lms = Scorm.connect(api, NAMES, 403);
        if (String(lms.call("init", "").result) !== "true") return Promise.resolve(undefined);
        const children = lms.get("cmi.interactions._children");
        interactionChildren = children ? children.split(",").map((s) => s.trim()) : [];
        interactionIndex = lms.count("cmi.interactions") || 0;
        const fresh = lms.get("cmi.entry") === "ab-initio";
        const saved = fresh ? null : window.ElearnSuspend.decode(lms.get("cmi.suspend_data"));
        return Promise.resolve({ state: saved, masteryScore: passingScore(lms) });
      },
      update(summary, event) {
        if (event.kind === "answer") writeInteraction(event);
        if (event.kind === "result") writeObjectives(event);
        writeState(summary);
        lms.call("commit", "");
      },
      flush(summary) {
        writeState(summary);
        lms.call("commit", "");
      },
      finish(summary) {
        writeState(summary);
        lms.set("cmi.session_time", Scorm.duration(summary.sessionSeconds));
        lms.set("cmi.exit", summary.completed ? "normal" : "suspend");
        lms.call("commit", "");
        lms.call("finish", "");
      },
      get errors() {
        return lms ? lms.errors : [];
      },
    };
  }

  window.ElearnTracker = { create, correctPatterns };
})();
