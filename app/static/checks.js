// Knowledge checks in the module player: each check moves to the place its author gave it in the page, and
// is answered in place, its result announced in the check's live region (an answer it cannot take: the
// message at the question). An ordering becomes a list moved with buttons (ordering.js). Without
// JavaScript the checks follow the page and each answer reloads the page with its feedback.
(function () {
  "use strict";

  var VERDICTS = { "true": ["Correct.", "good"], "false": ["Not quite.", "bad"], "null": ["Answer saved.", ""] };

  function paragraph(text, className) {
    var p = document.createElement("p");
    p.textContent = text;
    if (className) { p.className = className; }
    return p;
  }

  function show(region, body) {
    var verdict = VERDICTS[String(body.correct)] || VERDICTS["null"];
    region.textContent = "";
    region.appendChild(paragraph(verdict[0], "verdict " + verdict[1]));
    (body.feedback || []).forEach(function (text) { region.appendChild(paragraph(text, "feedback")); });
  }

  // An answer the check cannot take: the message at the question, as the page without JavaScript shows it.
  function mark(form, message) {
    var fieldset = form.querySelector("fieldset.question");
    var id = "check-error-" + form.dataset.check;
    var shown = document.getElementById(id);
    if (shown) { shown.remove(); }
    fieldset.classList.toggle("has-error", Boolean(message));
    if (!message) { fieldset.removeAttribute("aria-describedby"); return; }
    var p = paragraph(message, "error-message");
    p.id = id;
    p.setAttribute("role", "alert");
    fieldset.querySelector(".stem").after(p);
    fieldset.setAttribute("aria-describedby", id);
  }

  function answer(form) {
    var region = form.querySelector("[data-check-result]");
    var button = form.querySelector("button[type=submit]");
    button.setAttribute("aria-disabled", "true");
    return fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      body: new URLSearchParams(new FormData(form))
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.status === 422 && body.message) {
          region.textContent = "";
          mark(form, body.message);
          return;
        }
        if (!response.ok) { throw new Error(body.message || "the answer was not checked"); }
        mark(form, null);
        show(region, body);
      });
    }).catch(function (error) {
      region.textContent = "";
      region.appendChild(paragraph("Not checked: " + error.message, "verdict bad"));
    }).then(function () {
      button.removeAttribute("aria-disabled");
    });
  }

  var section = document.querySelector(".knowledge-checks");
  if (!section) { return; }
  section.querySelectorAll("form.check-form").forEach(function (form) {
    var place = document.querySelector('.page-body .knowledge-check[data-check-id="' + CSS.escape(form.dataset.check) + '"]');
    if (place) { place.appendChild(form); }
    if (window.elearnOrdering) { window.elearnOrdering.enhance(form); }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.querySelector("button[aria-disabled=true]")) { return; }
      answer(form);
    });
  });
  if (!section.querySelector("form.check-form")) { section.hidden = true; }
})();
