/* Scoring and response formatting of the package runtime.
 * The rules mirror the scoring of the `assessments` package (see docs/authoring.md, "Question types"):
 * every change there must be made here too; tests/exporters/test_runtime_scoring.py runs both on the
 * same cases. Responses are formatted in the xAPI / SCORM 2004 pattern syntax. */
(function () {
  "use strict";

  function normalize(text, question) {
    let value = String(text == null ? "" : text);
    if ((question.key.whitespace || "normalize") === "normalize") {
      value = value.trim().replace(/\s+/g, " ");
    }
    return value;
  }

  function isCaseSensitive(question) {
    return question.key.case === "sensitive";
  }

  function fillInCorrect(question, response) {
    const value = normalize(response, question);
    const sensitive = isCaseSensitive(question);
    const accepted = (question.key.answers || []).map((answer) => normalize(answer, question));
    if (accepted.some((answer) => (sensitive ? answer === value : answer.toLowerCase() === value.toLowerCase()))) {
      return true;
    }
    if (question.key.pattern) {
      const regex = new RegExp("^(?:" + question.key.pattern + ")$", sensitive ? "" : "i");
      return regex.test(value);
    }
    return false;
  }

  // A comma only groups thousands (12,500): "1,5" is not a number here, as on the server.
  const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

  function numericCorrect(question, response) {
    const trimmed = typeof response === "string" ? response.trim() : response;
    if (typeof trimmed === "string" && trimmed.includes(",") && !GROUPED.test(trimmed)) return false;
    const text = typeof trimmed === "string" ? trimmed.replace(/,/g, "") : trimmed;
    const value = Number(text);
    if (text === "" || text == null || typeof text === "boolean" || !Number.isFinite(value)) return false;
    const key = question.key;
    const tolerance = Number(key.tolerance || 0);
    const [low, high] = key.min !== undefined ? [key.min, key.max] : [key.answer - tolerance, key.answer + tolerance];
    return value >= low - 1e-9 && value <= high + 1e-9;
  }

  function share(right, wrong, total) {
    return total ? Math.max(0, (right - wrong) / total) : 0;
  }

  /* Each rule returns the share of the points earned (0..1) and whether the response is fully right. */
  const RULES = {
    single(question, response) {
      const choice = question.choices.find((c) => c.id === response);
      const right = Boolean(choice && choice.correct);
      return { share: right ? 1 : 0, correct: right };
    },
    multiple(question, response) {
      const picked = new Set(response || []);
      const correctIds = question.choices.filter((c) => c.correct).map((c) => c.id);
      const right = correctIds.filter((id) => picked.has(id)).length;
      const wrong = [...picked].filter((id) => !correctIds.includes(id)).length;
      const exact = right === correctIds.length && wrong === 0;
      if (exact) return { share: 1, correct: true };
      return { share: question.key.partial ? share(right, wrong, correctIds.length) : 0, correct: false };
    },
    "true-false"(question, response) {
      const right = response === Boolean(question.key.answer);
      return { share: right ? 1 : 0, correct: right };
    },
    "fill-in"(question, response) {
      const right = fillInCorrect(question, response);
      return { share: right ? 1 : 0, correct: right };
    },
    numeric(question, response) {
      const right = numericCorrect(question, response);
      return { share: right ? 1 : 0, correct: right };
    },
    matching(question, response) {
      const given = response || {};
      const right = question.choices.filter((c) => given[c.id] === c.match).length;
      if (right === question.choices.length) return { share: 1, correct: true };
      return { share: question.key.partial ? share(right, 0, question.choices.length) : 0, correct: false };
    },
    ordering(question, response) {
      const expected = question.choices.map((c) => c.id);
      const right = Array.isArray(response) && response.length === expected.length &&
        response.every((id, index) => id === expected[index]);
      return { share: right ? 1 : 0, correct: right };
    },
  };

  const UNSCORED = new Set(["likert", "essay"]);

  function isScored(question) {
    return !UNSCORED.has(question.type);
  }

  /* Return {earned, possible, result} for a response; result is correct | wrong | neutral.
   * Essays count for nothing here: an LMS has no mentor to grade them, so a package records the text as a
   * neutral interaction and leaves essays out of the score (the app keeps them pending instead). */
  function score(question, response) {
    if (!isScored(question)) return { earned: 0, possible: 0, result: "neutral" };
    const outcome = RULES[question.type](question, response);
    const earned = Math.round(question.points * outcome.share * 1e6) / 1e6;
    return { earned, possible: question.points, result: outcome.correct ? "correct" : "wrong" };
  }

  const FORMATS = {
    single: (q, r) => String(r || ""),
    multiple: (q, r) => (r || []).join("[,]"),
    "true-false": (q, r) => (r ? "true" : "false"),
    "fill-in": (q, r) => String(r == null ? "" : r),
    numeric: (q, r) => String(r == null ? "" : r),
    matching: (q, r) => Object.keys(r || {}).filter((id) => r[id]).map((id) => id + "[.]" + r[id]).join("[,]"),
    ordering: (q, r) => (r || []).join("[,]"),
    likert: (q, r) => String(r || ""),
    essay: (q, r) => String(r == null ? "" : r),
  };

  /* Return the response in the xAPI / SCORM 2004 response syntax. */
  function formatResponse(question, response) {
    return FORMATS[question.type](question, response);
  }

  /* Return a competency's scaled score over the answered questions (null when no question trains it). */
  function competencyScores(questions, results, competencies, threshold) {
    return competencies.map((competency) => {
      let earned = 0;
      let possible = 0;
      questions.forEach((question, index) => {
        const ref = question.competencies.find((c) => c.id === competency.id);
        const result = results[index] || { earned: 0 }; // unanswered (time ran out): nothing earned
        if (!ref || !isScored(question)) return;
        earned += result.earned * ref.weight;
        possible += question.points * ref.weight;
      });
      if (!possible) return { ...competency, scaled: null, passed: null };
      const scaled = earned / possible;
      return { ...competency, scaled, passed: scaled >= (competency.threshold ?? threshold) - 1e-9 };
    });
  }

  window.ElearnScoring = { score, formatResponse, isScored, competencyScores, normalize };
})();
