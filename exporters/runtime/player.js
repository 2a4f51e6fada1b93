/* The package player: shows the module's pages and quiz and tells the tracker what happened.
 * A tracker (scorm12.js, scorm2004.js, cmi5.js, xapi.js) defines window.ElearnTracker; without an LMS
 * the player runs as a standalone preview that records nothing. */
(function () {
  "use strict";

  const pkg = window.ELEARN_PACKAGE;
  const Scoring = window.ElearnScoring;
  const Suspend = window.ElearnSuspend;
  const module = pkg.module;
  const quiz = pkg.quiz;
  const root = document.getElementById("player");

  const state = {
    page: 0,
    visited: module.pages.map(() => false),
    attemptsUsed: 0,
    best: null, // best scaled score so far
    status: null, // "passed" | "failed" | null
    attempt: null, // {questions: [index], results: [{earned, possible, result}], responses: [...]}
    startedAt: Date.now(),
  };
  let tracker = null;
  let questionShownAt = Date.now();
  let finished = false;

  /* --- state <-> suspend data ------------------------------------------------------------------ */

  function snapshot() {
    const saved = { l: state.page, p: Suspend.visitsToString(state.visited), a: state.attemptsUsed };
    if (state.best !== null) saved.b = Math.round(state.best * 10000) / 10000;
    if (state.status) saved.s = state.status;
    if (state.attempt) {
      saved.q = {
        t: state.attempt.startedAt,
        d: state.attempt.questions,
        e: state.attempt.results.map((r) => [r.earned, r.result.charAt(0)]),
        r: state.attempt.responses,
      };
    }
    return saved;
  }

  function restore(saved) {
    if (!saved) return;
    state.page = Math.min(Math.max(Number(saved.l) || 0, 0), module.pages.length);
    if (saved.p) state.visited = Suspend.visitsFromString(saved.p, module.pages.length);
    state.attemptsUsed = saved.a || 0;
    state.best = saved.b ?? null;
    state.status = saved.s || null;
    if (saved.q && quiz) {
      const results = (saved.q.e || []).map(([earned, code], index) => ({
        earned,
        possible: quiz.questions[saved.q.d[index]].points,
        result: { c: "correct", w: "wrong", n: "neutral" }[code] || "neutral",
      }));
      state.attempt = { questions: saved.q.d, results, responses: saved.q.r || results.map(() => null),
        startedAt: saved.q.t || Date.now() };
    }
  }

  function suspendData(limit) {
    return Suspend.encode(snapshot(), limit || pkg.suspendDataLimit);
  }

  /* --- what the trackers report ---------------------------------------------------------------- */

  function attemptsLeft() {
    if (!quiz || !quiz.attempts) return Infinity;
    return Math.max(0, quiz.attempts - state.attemptsUsed);
  }

  function pagesDone() {
    return state.visited.every(Boolean);
  }

  function isCompleted() {
    if (!pagesDone()) return false;
    if (!quiz) return true;
    if (state.status === "passed") return true;
    if (!state.status) return false;
    return !module.requiresQuizPass || attemptsLeft() === 0;
  }

  function progress() {
    const steps = module.pages.length + (quiz ? 1 : 0);
    const done = state.visited.filter(Boolean).length + (quiz && state.status === "passed" ? 1 : 0);
    return isCompleted() ? 1 : Math.min(done / steps, 0.99);
  }

  function summary() {
    return {
      page: state.page,
      pageCount: module.pages.length,
      progress: progress(),
      completed: isCompleted(),
      status: state.status,
      scaled: state.best,
      attemptsLeft: attemptsLeft(),
      sessionSeconds: (Date.now() - state.startedAt) / 1000,
      suspendData,
    };
  }

  function report(event) {
    if (tracker && !finished) tracker.update(summary(), event || { kind: "state" });
  }

  /* --- rendering helpers ----------------------------------------------------------------------- */

  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === false || value == null) return;
      if (name === "html") element.innerHTML = value;
      else if (name === "text") element.textContent = value;
      else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? "" : value);
    });
    children.flat().forEach((c) => element.append(c));
    return element;
  }

  function show(...children) {
    root.replaceChildren(el("p", { class: "module-title", text: module.title }), ...children);
    if (tracker && tracker.hasExit && !finished) {
      root.append(el("p", { class: "exit" }, el("button", { type: "button", id: "exit", onclick: exit }, "Exit")));
    }
    if (tracker && tracker.isPreview) {
      root.prepend(el("p", { class: "preview-banner", role: "status",
        text: "Preview: no LMS found, results are not recorded." }));
    }
    root.focus();
  }

  function shuffled(items, keepPinned) {
    const result = items.slice();
    const movable = result.map((item, index) => index).filter((i) => !(keepPinned && result[i].pinned));
    for (let i = movable.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      const [a, b] = [movable[i], movable[j]];
      [result[a], result[b]] = [result[b], result[a]];
    }
    return result;
  }

  /* --- pages ----------------------------------------------------------------------------------- */

  function showPage(index) {
    state.page = index;
    state.visited[index] = true;
    const page = module.pages[index];
    const isLast = index === module.pages.length - 1;
    const nav = el("nav", { class: "pager", "aria-label": "Pages" },
      el("button", { type: "button", id: "prev", disabled: index === 0, onclick: () => showPage(index - 1) },
        "Previous"),
      el("span", { class: "page-count", text: `Page ${index + 1} of ${module.pages.length}` }),
      el("button", { type: "button", id: "next", onclick: () => (isLast ? afterPages() : showPage(index + 1)) },
        isLast ? (quiz ? "Go to the quiz" : "Finish") : "Next"));
    show(el("article", { class: "page" }, el("h1", { text: page.title }), el("div", { html: page.html })), nav);
    fillKnowledgeChecks();
    report({ kind: "page", index });
  }

  function afterPages() {
    state.page = module.pages.length;
    if (quiz) showQuizIntro();
    else showDone();
  }

  function showDone() {
    report({ kind: "completed" });
    show(el("h1", { text: "Module complete" }),
      el("p", { text: "You have finished this module. You can close this window." }),
      el("button", { type: "button", id: "review", onclick: () => showPage(0) }, "Review the pages"));
  }

  /* --- quiz ------------------------------------------------------------------------------------ */

  function drawQuestions() {
    const pooled = new Set(quiz.pools.flatMap((pool) => pool.questionIds));
    const chosen = new Set(quiz.questions.filter((q) => !pooled.has(q.id)).map((q) => q.id));
    quiz.pools.forEach((pool) => shuffled(pool.questionIds, false).slice(0, pool.draw).forEach((id) => chosen.add(id)));
    let indices = quiz.questions.map((q, i) => i).filter((i) => chosen.has(quiz.questions[i].id));
    if (quiz.shuffleQuestions) indices = shuffled(indices, false);
    return indices;
  }

  function showQuizIntro() {
    report({ kind: "page", index: module.pages.length });
    if (state.attempt) return showQuestion();
    const left = attemptsLeft();
    const parts = [el("h1", { text: quiz.title }),
      el("p", { text: `Pass mark: ${quiz.passMark}%.` + (left === Infinity ? "" : ` Attempts left: ${left}.`) })];
    if (state.status) parts.push(el("p", { class: "last-result", text: resultText() }));
    if (left > 0 && state.status !== "passed") {
      parts.push(el("button", { type: "button", id: "start-quiz", onclick: startAttempt },
        state.attemptsUsed ? "Try again" : "Start the quiz"));
    }
    show(...parts);
  }

  function startAttempt() {
    state.attempt = { questions: drawQuestions(), results: [], responses: [], startedAt: Date.now() };
    report({ kind: "attempt-started", attempt: state.attemptsUsed + 1 });
    showQuestion();
  }

  function currentQuestion() {
    const position = state.attempt.results.length;
    return { position, question: quiz.questions[state.attempt.questions[position]] };
  }

  function choiceInputs(question, inputType) {
    const choices = quiz.shuffleChoices ? shuffled(question.choices, true) : question.choices;
    return el("fieldset", { class: "choices" }, el("legend", { class: "visually-hidden", text: "Your answer" }),
      choices.map((choice) => el("label", { class: "choice" },
        el("input", { type: inputType, name: "response", value: choice.id }),
        el("span", { html: choice.html }))));
  }

  const INPUTS = {
    single: (q) => choiceInputs(q, "radio"),
    multiple: (q) => choiceInputs(q, "checkbox"),
    likert: (q) => choiceInputs(q, "radio"),
    "true-false": () => el("fieldset", { class: "choices" },
      el("legend", { class: "visually-hidden", text: "Your answer" }),
      ["true", "false"].map((value) => el("label", { class: "choice" },
        el("input", { type: "radio", name: "response", value }), el("span", { text: value === "true" ? "True" : "False" })))),
    "fill-in": () => el("label", {}, "Your answer ", el("input", { type: "text", name: "response", autocomplete: "off" })),
    numeric: () => el("label", {}, "Your answer ", el("input", { type: "text", inputmode: "decimal", name: "response" })),
    essay: () => el("label", {}, "Your answer ", el("textarea", { name: "response", rows: "8" })),
    matching: (q) => el("div", { class: "matching" }, q.choices.map((left) => el("label", { class: "pair" },
      el("span", { html: left.html }),
      el("select", { name: "match", "data-left": left.id },
        el("option", { value: "", text: "Choose…" }),
        q.targets.map((target) => el("option", { value: target.id, text: target.text })))))),
    ordering: (q) => el("div", { class: "ordering" }, shuffled(q.choices, false).map((step) => el("label", { class: "step" },
      el("select", { name: "position", "data-step": step.id },
        el("option", { value: "", text: "Position…" }),
        q.choices.map((_, i) => el("option", { value: String(i + 1), text: String(i + 1) }))),
      el("span", { html: step.html })))),
  };

  const READERS = {
    single: (form) => (form.querySelector("input[name=response]:checked") || {}).value || null,
    likert: (form) => (form.querySelector("input[name=response]:checked") || {}).value || null,
    multiple: (form) => [...form.querySelectorAll("input[name=response]:checked")].map((i) => i.value).sort(),
    "true-false": (form) => {
      const picked = form.querySelector("input[name=response]:checked");
      return picked ? picked.value === "true" : null;
    },
    "fill-in": (form) => form.elements.response.value,
    numeric: (form) => form.elements.response.value.trim(),
    essay: (form) => form.elements.response.value,
    matching: (form) => Object.fromEntries([...form.querySelectorAll("select[name=match]")]
      .map((s) => [s.dataset.left, s.value]).filter(([, v]) => v)),
    ordering: (form) => [...form.querySelectorAll("select[name=position]")]
      .map((s) => [Number(s.value) || Infinity, s.dataset.step]).sort((a, b) => a[0] - b[0]).map(([, id]) => id),
  };

  function isAnswered(question, response) {
    if (question.type === "multiple") return Array.isArray(response);
    return !(response === null || response === "" || (Array.isArray(response) && !response.length));
  }

  /* A question's form; `onResponse` gets the learner's response once there is one. */
  function questionForm(question, attributes, buttonLabel, onResponse) {
    const form = el("form", { "data-question-id": question.id, "data-question-type": question.type, ...attributes },
      el("div", { class: "stem", html: question.stemHtml }),
      INPUTS[question.type](question),
      el("p", { class: "form-error", role: "alert" }),
      el("button", { type: "submit", class: "submit" }, buttonLabel));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const response = READERS[question.type](form);
      if (!isAnswered(question, response)) {
        form.querySelector(".form-error").textContent = "Please answer before submitting.";
        return;
      }
      onResponse(response, form);
    });
    return form;
  }

  /* Milliseconds left in a timed attempt (Infinity when the quiz has no time limit). The deadline is
   * wall-clock time, so closing the window does not stop the clock, as in the app. */
  function timeLeft() {
    if (!quiz.timeLimitMinutes || !state.attempt) return Infinity;
    return state.attempt.startedAt + quiz.timeLimitMinutes * 60000 - Date.now();
  }

  function clockText(ms) {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }

  let timer = null;

  function watchTheClock(display) {
    clearInterval(timer);
    if (timeLeft() === Infinity) return;
    const tick = () => {
      const left = timeLeft();
      display.textContent = `Time left: ${clockText(left)}`;
      if (left <= 0 && state.attempt) {
        clearInterval(timer);
        finishAttempt(true);
      }
    };
    tick();
    timer = setInterval(tick, 1000);
  }

  function showQuestion() {
    const { position, question } = currentQuestion();
    if (!question || timeLeft() <= 0) return finishAttempt(Boolean(question));
    const form = questionForm(question, { class: "question" }, "Submit answer", (response) => answer(question, response));
    form.querySelector("button.submit").id = "submit-answer";
    const clock = el("p", { class: "time-left", role: "timer", "aria-live": "off" });
    show(el("p", { class: "question-count", text: `Question ${position + 1} of ${state.attempt.questions.length}` }),
      clock, form);
    watchTheClock(clock);
    questionShownAt = Date.now();
  }

  function checkFeedback(question, response, outcome) {
    const picked = [].concat(response).map((id) => question.choices.find((c) => c.id === id)).filter(Boolean);
    const notes = picked.map((c) => c.feedback).filter(Boolean);
    const verdict = { correct: "Correct.", wrong: "Not quite.", neutral: "Thank you." }[outcome.result];
    return [verdict, ...notes, question.feedback || ""].filter(Boolean).join(" ");
  }

  /* Knowledge checks inside a page: practice, checked here and reported nowhere. */
  function fillKnowledgeChecks() {
    root.querySelectorAll(".knowledge-check[data-check-id]").forEach((slot) => {
      const check = (module.checks || []).find((q) => q.id === slot.dataset.checkId);
      if (!check) return;
      const feedback = el("p", { class: "check-feedback", role: "status" });
      slot.replaceChildren(el("p", { class: "check-label", text: "Check your understanding" }),
        questionForm(check, { class: "check" }, "Check my answer", (response) => {
          feedback.textContent = checkFeedback(check, response, Scoring.score(check, response));
        }), feedback);
    });
  }

  function answer(question, response) {
    const outcome = Scoring.score(question, response);
    state.attempt.results.push(outcome);
    state.attempt.responses.push(response);
    report({
      kind: "answer", question, response, formatted: Scoring.formatResponse(question, response),
      result: outcome.result, earned: outcome.earned, latencySeconds: (Date.now() - questionShownAt) / 1000,
      timestamp: new Date(), attempt: state.attemptsUsed + 1,
    });
    showQuestion();
  }

  /* Score the attempt; questions left unanswered (time ran out) count for nothing. */
  function finishAttempt(timedOut) {
    clearInterval(timer);
    const questions = state.attempt.questions.map((i) => quiz.questions[i]);
    const results = state.attempt.results;
    const raw = results.reduce((sum, r) => sum + r.earned, 0);
    const max = questions.filter(Scoring.isScored).reduce((sum, q) => sum + q.points, 0);
    const scaled = max ? raw / max : 1;
    const passed = Math.round(scaled * 1000000) / 10000 >= quiz.passMark;
    state.attemptsUsed += 1;
    // The attempt that counts follows the quiz's grading policy, as in the app: highest or last.
    const counts = quiz.grading === "last" || state.best === null || scaled >= state.best;
    if (counts) {
      state.best = scaled;
      state.status = passed ? "passed" : "failed";
    }
    const review = window.ElearnReview.items(quiz.review, state.status === "passed", questions,
      state.attempt.responses, results, attemptsLeft());
    state.attempt = null;
    const competencies = Scoring.competencyScores(questions, results, pkg.competencies, pkg.masteryScore);
    report({ kind: "result", raw, max, scaled, passed, attempt: state.attemptsUsed, competencies });
    showResult(scaled, passed, timedOut, review);
  }

  function resultText() {
    if (!window.ElearnReview.policy(quiz.review, state.status === "passed", attemptsLeft()).score) return "Your last attempt was submitted.";
    return `Your best score: ${Math.round((state.best || 0) * 100)}% (${state.status}).`;
  }

  function reviewList(items) {
    return el("ol", { class: "review" }, items.map((item) => el("li", {},
      el("p", { class: "review-question", text: item.question }),
      el("p", { class: "review-response", text: `Your answer: ${item.response} (${item.verdict})` }),
      item.answer ? el("p", { class: "review-answer", text: `Correct answer: ${item.answer}` }) : "",
      item.feedback ? el("p", { class: "review-feedback", text: item.feedback }) : "")));
  }

  function showResult(scaled, passed, timedOut, review) {
    const shows = window.ElearnReview.policy(quiz.review, state.status === "passed", attemptsLeft());
    const heading = shows.score ? (passed ? "Quiz passed" : "Quiz not passed") : "Quiz submitted";
    const parts = [el("h1", { text: heading }),
      timedOut ? el("p", { class: "timed-out", text: "Time ran out: unanswered questions score nothing." }) : "",
      shows.score ? el("p", { class: "score",
        text: `Your score: ${Math.round(scaled * 100)}% (pass mark ${quiz.passMark}%).` }) : ""];
    if (!passed && attemptsLeft() > 0) {
      parts.push(el("button", { type: "button", id: "retry", onclick: startAttempt }, "Try again"));
    }
    if (isCompleted()) parts.push(el("p", { text: "You have finished this module. You can close this window." }));
    if (review.length) parts.push(el("h2", { text: "Your answers" }), reviewList(review));
    parts.push(el("button", { type: "button", id: "review", onclick: () => showPage(0) }, "Review the pages"));
    show(...parts);
  }

  /* --- lifecycle ------------------------------------------------------------------------------- */

  function resumeView() {
    if (state.page >= module.pages.length) return quiz ? showQuizIntro() : showDone();
    return showPage(state.page);
  }

  function end() {
    if (finished || !tracker) return undefined;
    finished = true;
    return tracker.finish(summary());
  }

  /* The learner leaves on purpose (cmi5 and xAPI launches have no LMS frame to close). */
  function exit() {
    const ending = end();
    show(el("h1", { text: "Session ended" }), el("p", { text: "Your progress is saved. You can close this window." }));
    return ending;
  }

  function previewTracker() {
    return { isPreview: true, start: () => Promise.resolve(null), update() {}, finish() {} };
  }

  async function start() {
    const candidate = window.ElearnTracker ? window.ElearnTracker.create(pkg) : null;
    let saved = null;
    try {
      saved = candidate ? await candidate.start() : undefined;
    } catch (error) {
      console.warn("elearn: the LMS connection failed, running as a preview", error);
      saved = undefined;
    }
    tracker = saved === undefined ? previewTracker() : candidate;
    restore(saved && saved.state);
    window.addEventListener("pagehide", end);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && !finished && tracker.flush) tracker.flush(summary());
    });
    resumeView();
  }

  window.ElearnPlayer = { state, summary, end, lmsErrors: () => (tracker && tracker.errors) || [] };
  start();
})();
