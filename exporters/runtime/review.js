/* What the learner sees after submitting a quiz, by the quiz's review policy (as in the app):
 * none: only that it was submitted; score: score and pass/fail; responses: plus their own responses and
 * whether each was right; answers: plus the correct answers and feedback once no attempt is left (with no
 * limit, never); answers-after-pass: responses until the quiz is passed, answers once it is;
 * answers-always: answers after every attempt. */
(function () {
  "use strict";

  const SHOWS = {
    none: { score: false, responses: false, answers: false },
    score: { score: true, responses: false, answers: false },
    responses: { score: true, responses: true, answers: false },
    answers: { score: true, responses: true, answers: true },
  };

  function policy(review, hasPassed, attemptsLeft) {
    if (review === "answers-always") return SHOWS.answers;
    if (review === "answers") return attemptsLeft === 0 ? SHOWS.answers : SHOWS.responses;
    if (review === "answers-after-pass") return hasPassed ? SHOWS.answers : SHOWS.responses;
    return SHOWS[review] || SHOWS.score;
  }

  function choiceText(list, id) {
    const found = list.find((c) => c.id === id);
    return found ? found.text : id;
  }

  function number(value) {
    return String(Math.round(value * 1e6) / 1e6);
  }

  const RESPONSE_TEXT = {
    single: (q, r) => choiceText(q.choices, r),
    likert: (q, r) => choiceText(q.choices, r),
    multiple: (q, r) => (r.length ? r.map((id) => choiceText(q.choices, id)).join("; ") : "(nothing picked)"),
    "true-false": (q, r) => (r ? "True" : "False"),
    "fill-in": (q, r) => String(r),
    numeric: (q, r) => String(r),
    essay: (q, r) => String(r),
    matching: (q, r) => q.choices.map((c) => `${c.text} → ${r[c.id] ? choiceText(q.targets, r[c.id]) : "(none)"}`).join("; "),
    ordering: (q, r) => r.map((id) => choiceText(q.choices, id)).join(" → "),
  };

  const ANSWER_TEXT = {
    single: (q) => q.choices.filter((c) => c.correct).map((c) => c.text).join("; "),
    multiple: (q) => q.choices.filter((c) => c.correct).map((c) => c.text).join("; "),
    "true-false": (q) => (q.key.answer ? "True" : "False"),
    "fill-in": (q) => (q.key.answers || []).join(" or ") || "an answer matching the expected pattern",
    numeric: (q) => (q.key.min !== undefined ? `${number(q.key.min)} to ${number(q.key.max)}`
      : number(q.key.answer) + (q.key.tolerance ? ` (± ${number(q.key.tolerance)})` : "")),
    matching: (q) => q.choices.map((c) => `${c.text} → ${choiceText(q.targets, c.match)}`).join("; "),
    ordering: (q) => q.choices.map((c) => c.text).join(" → "),
    likert: () => null,
    essay: () => null,
  };

  const VERDICT = { correct: "Right", wrong: "Not right", neutral: "Not scored" };

  /* Return review items: [{question, response, result, answer, feedback}] for what the policy allows. */
  function items(review, hasPassed, questions, responses, results, attemptsLeft) {
    const shows = policy(review, hasPassed, attemptsLeft);
    if (!shows.responses) return [];
    return questions.map((question, index) => {
      const response = responses[index];
      const result = results[index];
      const picked = [].concat(response == null ? [] : response).map((id) => question.choices.find((c) => c.id === id));
      const notes = shows.answers ? picked.filter((c) => c && c.feedback).map((c) => c.feedback) : [];
      return {
        question: question.stem,
        response: response == null ? (result ? "(not saved)" : "(not answered)") : RESPONSE_TEXT[question.type](question, response),
        verdict: result ? VERDICT[result.result] : "Not answered",
        answer: shows.answers ? ANSWER_TEXT[question.type](question) : null,
        feedback: shows.answers ? [...notes, question.feedback].filter(Boolean).join(" ") : "",
      };
    });
  }

  window.ElearnReview = { policy, items };
})();
