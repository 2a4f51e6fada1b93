// Shared behaviour of every page (loaded by base.html; no inline script, the CSP forbids it).
(() => {
  "use strict";

  // <time datetime="…"> written in UTC on the server becomes the reader's own local time.
  const formats = {
    date: { day: "numeric", month: "short", year: "numeric" },
    datetime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
  };
  const localise = () => {
    for (const element of document.querySelectorAll("time[datetime][data-style]")) {
      const moment = new Date(element.getAttribute("datetime"));
      if (Number.isNaN(moment.getTime())) continue;
      const options = formats[element.dataset.style] || formats.datetime;
      element.textContent = new Intl.DateTimeFormat(undefined, options).format(moment);
      element.title = moment.toISOString().replace("T", " ").slice(0, 16) + " UTC";
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", localise);
  else localise();
})();
