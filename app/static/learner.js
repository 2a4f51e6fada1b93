// Progressive enhancement of the quiz form. Without JavaScript the form shows every question, saves and
// submits. With it: every answer is saved as it is given; on a phone the quiz shows one question per
// screen with a navigator and a review screen; ordering steps move with buttons (ordering.js);
// a countdown shows the time left, and a second click on submit is ignored.
(function () {
  "use strict";

  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  var token = tokenMeta ? tokenMeta.getAttribute("content") : "";
  var form = document.querySelector("form.quiz");
  var status = document.querySelector(".save-status");

  function announce(text) {
    if (status) { status.textContent = text; }
  }

  function fieldsOf(fieldset) {
    var data = new URLSearchParams();
    fieldset.querySelectorAll("input, select, textarea").forEach(function (input) {
      if (!input.name || input.disabled) { return; }
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
      data.append(input.name, input.value);
    });
    return data;
  }

  // --- The navigator and the review list follow what is answered -------------------------------------

  function hasAnswer(fieldset) {
    var given = false;
    fieldset.querySelectorAll("input, select, textarea").forEach(function (input) {
      if (!input.name || input.type === "hidden") { return; }
      if (input.type === "radio" || input.type === "checkbox") { given = given || input.checked; }
      else { given = given || input.value.trim() !== ""; }
    });
    return given;
  }

  function markAnswered(fieldset, isAnswered) {
    var id = fieldset.id;
    var state = isAnswered ? "answered" : "open";
    fieldset.classList.remove("has-error");
    var link = form.querySelector('.quiz-nav-item[data-nav="' + id + '"]');
    if (link) {
      link.classList.remove("is-open", "is-answered", "is-problem");
      link.classList.add("is-" + state);
      var hidden = link.querySelector("[data-nav-state]");
      if (hidden) { hidden.textContent = isAnswered ? ", answered" : ", not answered"; }
    }
    var item = form.querySelector('[data-review-item="' + fieldset.getAttribute("data-question") + '"]');
    if (item) {
      item.className = "is-" + state;
      item.querySelector("[data-review-state]").textContent = isAnswered ? "Answered" : "Not answered";
    }
    countAnswered();
  }

  function countAnswered() {
    var total = form.querySelectorAll("fieldset[data-question]").length;
    var done = form.querySelectorAll(".quiz-nav-item.is-answered").length;
    var count = form.querySelector("[data-review-count]");
    if (count) {
      count.textContent = done + " of " + total + " questions answered." +
        (done < total ? " A question left unanswered scores no points." : "");
    }
    return [done, total];
  }

  // --- Autosave -------------------------------------------------------------------------------------

  function save(fieldset) {
    var note = fieldset.querySelector("[data-saved-note]");
    var label = "Question " + fieldset.getAttribute("data-number");
    if (note) { note.textContent = "Saving…"; }
    return fetch(fieldset.getAttribute("data-save-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "Accept": "application/json" },
      body: fieldsOf(fieldset)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) { throw new Error(body.message || "not saved"); }
        if (note) { note.textContent = body.saved ? "Answer saved" : ""; }
        if (body.saved) {
          announce(label + ": answer saved");
          markAnswered(fieldset, hasAnswer(fieldset));
        }
      });
    }).catch(function () {
      if (note) { note.textContent = "Not saved yet: it is sent again when you submit."; }
      announce(label + ": answer not saved yet");
    });
  }

  // --- One question per screen on a phone -----------------------------------------------------------

  function paging() {
    var screens = Array.prototype.slice.call(form.querySelectorAll("[data-screen]"));
    var narrow = window.matchMedia("(max-width: 767.98px)");
    var position = form.querySelector("[data-quiz-position]");
    var current = null;

    function screenFor(id) {
      return screens.filter(function (s) { return s.id === id; })[0] || null;
    }

    // Coming back to an attempt opens it where the learner left off: the first question not answered.
    function firstOpen() {
      var open = form.querySelector(".quiz-nav-item.is-open[data-nav]");
      return screenFor(open ? open.getAttribute("data-nav") : "review");
    }

    function describe(screen) {
      var counts = countAnswered();
      if (screen.id === "review") { return "Review · " + counts[0] + " of " + counts[1] + " answered"; }
      return "Question " + screen.getAttribute("data-number") + " of " + counts[1];
    }

    function show(screen, moveFocus) {
      current = screen;
      form.querySelectorAll(".quiz-nav-item").forEach(function (link) {
        if (link.getAttribute("data-nav") === screen.id) { link.setAttribute("aria-current", "step"); }
        else { link.removeAttribute("aria-current"); }
      });
      if (!narrow.matches) {
        screens.forEach(function (s) { s.hidden = false; });
        if (position) { position.textContent = countAnswered()[0] + " of " + countAnswered()[1] + " answered"; }
        return;
      }
      screens.forEach(function (s) { s.hidden = s !== screen; });
      if (position) { position.textContent = describe(screen); }
      if (history.replaceState) { history.replaceState(null, "", "#" + screen.id); }
      if (moveFocus) {
        var target = screen.querySelector("legend, h2");
        window.scrollTo(0, 0);
        if (target) { target.focus({ preventScroll: true }); }
      }
    }

    function layout() {
      form.classList.toggle("is-paged", narrow.matches);
      form.querySelectorAll("[data-pager]").forEach(function (pager) { pager.hidden = !narrow.matches; });
      var problem = form.querySelector("fieldset.has-error");
      var start = current || screenFor(location.hash.slice(1)) || problem || firstOpen() || screens[0];
      show(start, false);
    }

    form.addEventListener("click", function (event) {
      var link = event.target.closest("[data-go], [data-nav]");
      if (!link || !narrow.matches) { return; }
      var screen = screenFor(link.getAttribute("data-go") || link.getAttribute("data-nav"));
      if (!screen) { return; }
      event.preventDefault();
      show(screen, true);
    });
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        var screen = link && screenFor(link.getAttribute("href").slice(1));
        if (!screen || !narrow.matches) { return; }
        event.preventDefault();
        show(screen, true);
      });
    }
    if (narrow.addEventListener) { narrow.addEventListener("change", layout); }
    layout();
  }

  if (form) {
    var timers = {};
    form.querySelectorAll("fieldset[data-save-url]").forEach(function (fieldset) {
      window.elearnOrdering.enhance(fieldset, function () { save(fieldset); });
      fieldset.addEventListener("change", function () { save(fieldset); });
      fieldset.addEventListener("input", function (event) {
        if (event.target.tagName !== "TEXTAREA" && event.target.type !== "text") { return; }
        var key = fieldset.getAttribute("data-question");
        clearTimeout(timers[key]);
        timers[key] = setTimeout(function () { save(fieldset); }, 800);
      });
    });
    paging();

    var summaryBox = document.querySelector("[data-error-summary]");
    if (summaryBox) { summaryBox.focus(); }

    var submitting = false;
    form.addEventListener("submit", function (event) {
      if (submitting) { event.preventDefault(); return; }
      submitting = true;
      var submitter = event.submitter;
      if (submitter && submitter.name) {
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = submitter.name;
        hidden.value = submitter.value;
        form.appendChild(hidden);
      }
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.setAttribute("aria-disabled", "true");
      });
      announce("Sending your answers…");
    });

    window.addEventListener("pagehide", function () {
      if (submitting || !navigator.sendBeacon) { return; }
      var data = new FormData();
      data.append("csrf_token", token);
      navigator.sendBeacon(form.getAttribute("data-leave-url"), data);
    });
  }

  var timer = document.querySelector(".timer[data-deadline]");
  if (timer) {
    var deadline = Date.parse(timer.getAttribute("data-deadline"));
    var tick = function () {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = String(left % 60).padStart(2, "0");
      timer.textContent = left > 0 ? "Time left: " + minutes + ":" + seconds : "Time is up: submit now";
      if (left > 0) { setTimeout(tick, 1000); }
    };
    tick();
  }
})();
