// Progressive enhancement of the quiz form: every answer is saved as it is given, a countdown shows the
// time left, and a second click on submit is ignored. Without JavaScript the form still saves and submits.
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

  function save(fieldset) {
    var note = fieldset.querySelector("[data-saved-note]");
    var number = fieldset.querySelector(".question-number");
    var label = number ? number.textContent.replace(/\.$/, "") : "Answer";
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
        if (body.saved) { announce(label + ": answer saved"); }
      });
    }).catch(function (error) {
      if (note) { note.textContent = "Not saved yet (" + error.message + "). It is sent again when you submit."; }
      announce(label + ": answer not saved yet");
    });
  }

  if (form) {
    var timers = {};
    form.querySelectorAll("fieldset[data-save-url]").forEach(function (fieldset) {
      fieldset.addEventListener("change", function () { save(fieldset); });
      fieldset.addEventListener("input", function (event) {
        if (event.target.tagName !== "TEXTAREA" && event.target.type !== "text") { return; }
        var key = fieldset.getAttribute("data-question");
        clearTimeout(timers[key]);
        timers[key] = setTimeout(function () { save(fieldset); }, 800);
      });
    });

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
