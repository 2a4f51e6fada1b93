/* SCORM 1.2 tracker: cmi.core.*, interactions, objectives and suspend data for one SCO. */
(function () {
  "use strict";

  const Scorm = window.ElearnScorm;
  const NAMES = { init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue",
    commit: "LMSCommit", error: "LMSGetLastError" };
  const TYPES = { "long-fill-in": "fill-in" }; // 1.2 has no long-fill-in
  const STRING_LIMIT = 255;

  // Question types whose correct response needs every item: 1.2 writes such a pattern in braces, {a,b}.
  const ALL_ITEMS = new Set(["multiple", "matching"]);

  /* xAPI / SCORM 2004 response syntax -> SCORM 1.2 syntax. */
  function pattern12(type, pattern) {
    const plain = pattern.replace(/^(\{(case_matters|order_matters|lang)=[^}]*\})+/, "");
    if (type === "true-false") return plain === "true" ? "t" : "f";
    if (type === "numeric" && plain.includes("[:]")) {
      const [low, high] = plain.split("[:]").map(Number);
      return String(Math.round(((low + high) / 2) * 1e6) / 1e6);
    }
    return plain.split("[,]").join(",").split("[.]").join(".").slice(0, STRING_LIMIT);
  }

  /* A correct-response pattern in 1.2 syntax: braces when every item must be given (RTE 3.4.4.8). */
  function correctPattern12(question, type, pattern) {
    const plain = pattern12(type, pattern);
    return ALL_ITEMS.has(question.type) ? `{${plain}}`.slice(0, STRING_LIMIT) : plain;
  }

  /* The LMS's mastery score (cmi.student_data.mastery_score, 0-100) as a scaled score, or null. */
  function masteryScore(lms) {
    const text = lms.get("cmi.student_data.mastery_score");
    const value = text === null || text.trim() === "" ? NaN : Number(text);
    return Number.isFinite(value) && value >= 0 && value <= 100 ? value / 100 : null;
  }

  /* Whether the quiz's outcome is final: passed, or failed with no attempt left. */
  function isFinal(summary) {
    return summary.status === "passed" || (summary.status === "failed" && summary.attemptsLeft === 0);
  }

  function create(pkg) {
    let lms = null;
    let interactionChildren = [];
    let interactionIndex = 0;

    function status(summary) {
      const byCompletion = pkg.statusMode === "completed-incomplete";
      if (summary.status === "passed") return byCompletion ? "completed" : "passed";
      if (summary.status === "failed" && summary.attemptsLeft === 0 && !byCompletion) return "failed";
      if (!pkg.quiz && summary.completed) return "completed";
      return "incomplete"; // also after a failed attempt while retries remain
    }

    function writeInteraction(event) {
      if (!interactionChildren.length) return;
      const n = interactionIndex;
      const prefix = `cmi.interactions.${n}.`;
      const type = TYPES[event.question.interactionType] || event.question.interactionType;
      const has = (child) => interactionChildren.includes(child);
      lms.set(prefix + "id", event.question.id);
      if (has("objectives")) {
        event.question.competencies.forEach((c, i) => lms.set(`${prefix}objectives.${i}.id`, `competency-${c.id}`));
      }
      if (has("time")) lms.set(prefix + "time", Scorm.clock(event.timestamp));
      if (has("type")) lms.set(prefix + "type", type);
      if (has("correct_responses")) {
        event.question.correctPatterns.forEach((p, i) => {
          lms.set(`${prefix}correct_responses.${i}.pattern`, correctPattern12(event.question, type, p));
        });
      }
      if (has("weighting")) lms.set(prefix + "weighting", event.question.points);
      if (has("student_response")) lms.set(prefix + "student_response", pattern12(type, event.formatted));
      if (has("result")) lms.set(prefix + "result", event.result);
      if (has("latency")) lms.set(prefix + "latency", Scorm.timespan12(event.latencySeconds));
      interactionIndex += 1;
    }

    function writeObjectives(event) {
      event.competencies.forEach((competency) => {
        if (competency.scaled === null) return;
        const index = Scorm.objectiveIndex(lms, competency.objectiveId);
        if (index === null) return;
        const prefix = `cmi.objectives.${index}.`;
        lms.set(prefix + "score.min", 0);
        lms.set(prefix + "score.max", 100);
        lms.set(prefix + "score.raw", Math.round(competency.scaled * 10000) / 100);
        lms.set(prefix + "status", competency.passed ? "passed" : "failed");
      });
    }

    function writeState(summary) {
      lms.set("cmi.core.lesson_location", summary.page);
      lms.set("cmi.suspend_data", summary.suspendData(pkg.suspendDataLimit));
      lms.set("cmi.core.lesson_status", status(summary));
      // The score goes with a final outcome only. An LMS applying the 1.2 mastery-score rule turns
      // "incomplete" plus a score under the mastery score into "failed" and closes the attempt, which
      // would end a quiz that still has retries (see docs/exporting.md, "Reporting").
      if (summary.scaled !== null && (isFinal(summary) || !pkg.quiz)) {
        lms.set("cmi.core.score.min", 0);
        lms.set("cmi.core.score.max", 100);
        lms.set("cmi.core.score.raw", Math.round(summary.scaled * 10000) / 100);
      }
    }

    return {
      start() {
        const api = Scorm.find("API");
        if (!api) return Promise.resolve(undefined);
        lms = Scorm.connect(api, NAMES);
        if (String(lms.call("init", "").result) !== "true") return Promise.resolve(undefined);
        const children = lms.get("cmi.interactions._children");
        interactionChildren = children ? children.split(",").map((s) => s.trim()) : [];
        interactionIndex = lms.count("cmi.interactions") || 0;
        if (lms.get("cmi.core.lesson_status") === "not attempted") lms.set("cmi.core.lesson_status", "incomplete");
        const saved = window.ElearnSuspend.decode(lms.get("cmi.suspend_data"));
        return Promise.resolve({ state: saved, masteryScore: masteryScore(lms) });
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
        lms.set("cmi.core.session_time", Scorm.timespan12(summary.sessionSeconds));
        lms.set("cmi.core.exit", summary.completed ? "" : "suspend");
        lms.call("commit", "");
        lms.call("finish", "");
      },
      get errors() {
        return lms ? lms.errors : [];
      },
    };
  }

  window.ElearnTracker = { create, pattern12, correctPattern12 };
})();
