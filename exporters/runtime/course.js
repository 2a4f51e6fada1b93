/* The course menu: pass the launch parameters on to each module, naming the module as the activity. */
(function () {
  "use strict";
  const params = new URLSearchParams(window.location.search);
  document.querySelectorAll("a[data-activity-id]").forEach((link) => {
    const forwarded = new URLSearchParams(params);
    forwarded.set("activity_id", link.dataset.activityId);
    link.href = link.getAttribute("href") + "?" + forwarded.toString();
  });
})();
