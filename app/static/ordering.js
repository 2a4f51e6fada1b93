// The ordering widget, the same in quizzes and knowledge checks. Without JavaScript each step has a select
// of positions (learner/questions/ordering.html), which works everywhere. With it the steps become a list
// moved with ↑ and ↓ buttons (touch and keyboard); the hidden selects follow every move, so the form sends
// exactly the fields it sends without JavaScript. learner.js enhances a quiz's questions (each move saves),
// checks.js a knowledge check's.
(function () {
  "use strict";

  function selectOf(box, step) {
    return box.querySelector('[data-step="' + step + '"] select');
  }

  // Turn the ordering in ``container`` into a list; ``onMove`` is called after every move.
  function enhance(container, onMove) {
    var box = container.querySelector("[data-ordering]");
    if (!box || box.querySelector(".order-list")) { return; }
    var steps = Array.prototype.slice.call(box.querySelectorAll("[data-step]"));
    var placed = steps.every(function (step) { return step.querySelector("select").value !== ""; });
    if (placed) {
      steps.sort(function (a, b) {
        return Number(a.querySelector("select").value) - Number(b.querySelector("select").value);
      });
    }
    var list = document.createElement("ol");
    list.className = "order-list";
    steps.forEach(function (step) {
      var text = step.querySelector("label").textContent;
      var item = document.createElement("li");
      item.className = "order-step";
      item.setAttribute("data-step", step.getAttribute("data-step"));
      var span = document.createElement("span");
      span.className = "order-text";
      span.textContent = text;
      item.appendChild(span);
      [["up", "Move up", "↑"], ["down", "Move down", "↓"]].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "order-move";
        button.setAttribute("data-move", spec[0]);
        button.setAttribute("aria-label", spec[1] + ": " + text);
        button.textContent = spec[2];
        item.appendChild(button);
      });
      list.appendChild(item);
      step.hidden = true;
    });
    box.appendChild(list);
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    box.appendChild(status);
    var hint = container.querySelector("[data-ordering-hint]");
    if (hint) {
      hint.textContent = "Put the steps in order, first at the top: move a step with its ↑ and ↓ buttons." +
        (placed ? "" : " They start in no particular order.");
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-move]");
      if (!button) { return; }
      var item = button.closest("li");
      var up = button.getAttribute("data-move") === "up";
      var other = up ? item.previousElementSibling : item.nextElementSibling;
      if (!other) { return; }
      list.insertBefore(item, up ? other : other.nextElementSibling);
      button.focus();
      var items = Array.prototype.slice.call(list.children);
      items.forEach(function (li, index) {
        selectOf(box, li.getAttribute("data-step")).value = String(index + 1);
      });
      status.textContent = "Moved to position " + (items.indexOf(item) + 1) + " of " + items.length;
      if (onMove) { onMove(); }
    });
  }

  window.elearnOrdering = { enhance: enhance };
  // A form with nothing else to enhance (a drill's question) asks for it with data-ordering-form.
  document.querySelectorAll("form[data-ordering-form]").forEach(function (form) { enhance(form); });
})();
