// scanctl workstation: keyboard shortcuts (Alt+Shift+letter), the help overlay, the session
// warning and focus after "weiter". Every page works without this script.
(function () {
  "use strict";
  var storageKey = "scanctl.tastenkuerzel.aus";
  var status = document.getElementById("meldung");

  function announce(text) {
    if (!status) return;
    status.textContent = "";
    var p = document.createElement("p");
    p.textContent = text;
    status.appendChild(p);
  }

  function shortcutsOff() {
    try { return window.localStorage.getItem(storageKey) === "1"; } catch (e) { return false; }
  }

  // Elements that declare a shortcut: data-kuerzel="A" (letter) and a label for the help.
  function shortcutElements() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-kuerzel]"));
  }

  var help = document.getElementById("hilfe");
  var helpList = document.getElementById("hilfe-liste");
  var lastFocus = null;

  function fillHelp() {
    if (!helpList || helpList.dataset.gefuellt) return;
    shortcutElements().forEach(function (element) {
      var dt = document.createElement("dt");
      ["Alt", "Umschalt", element.dataset.kuerzel].forEach(function (key, index) {
        if (index) dt.appendChild(document.createTextNode("+"));
        var kbd = document.createElement("kbd");
        kbd.textContent = key;
        dt.appendChild(kbd);
      });
      var dd = document.createElement("dd");
      dd.textContent = element.dataset.kuerzelText || element.textContent.trim() || element.getAttribute("aria-label") || "";
      helpList.appendChild(dt);
      helpList.appendChild(dd);
    });
    helpList.dataset.gefuellt = "1";
  }

  function openHelp() {
    if (!help) return;
    fillHelp();
    lastFocus = document.activeElement;
    help.hidden = false;
    var box = document.getElementById("tastenkuerzel-aus");
    if (box) { box.checked = shortcutsOff(); box.focus(); }
  }

  function closeHelp() {
    if (!help || help.hidden) return;
    help.hidden = true;
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }

  var openButton = document.getElementById("hilfe-oeffnen");
  if (openButton) openButton.addEventListener("click", openHelp);
  var closeButton = document.getElementById("hilfe-schliessen");
  if (closeButton) closeButton.addEventListener("click", closeHelp);
  var offBox = document.getElementById("tastenkuerzel-aus");
  if (offBox) offBox.addEventListener("change", function () {
    try { window.localStorage.setItem(storageKey, offBox.checked ? "1" : "0"); } catch (e) { /* private mode */ }
    announce(offBox.checked ? "Tastenkürzel sind ausgeschaltet." : "Tastenkürzel sind eingeschaltet.");
  });

  // Tab stays inside the open help dialog (aria-modal), Escape closes it.
  function trapFocus(event) {
    var focusable = Array.prototype.slice.call(help.querySelectorAll("button, input, a[href], [tabindex]:not([tabindex='-1'])"))
      .filter(function (element) { return !element.disabled; });
    if (!focusable.length) return;
    var first = focusable[0], last = focusable[focusable.length - 1];
    if (!help.contains(document.activeElement)) { event.preventDefault(); first.focus(); return; }
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeHelp(); return; }
    if (event.key === "Tab" && help && !help.hidden) { trapFocus(event); return; }
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    var letter = (event.code || "").replace(/^Key/, "").toUpperCase();
    if (letter.length !== 1) return;
    if (letter === "H") { event.preventDefault(); if (help && !help.hidden) closeHelp(); else openHelp(); return; }
    if (shortcutsOff()) return;
    var target = shortcutElements().filter(function (element) {
      return element.dataset.kuerzel.toUpperCase() === letter && !element.disabled && element.offsetParent !== null;
    })[0];
    if (!target) return;
    event.preventDefault();
    var tag = target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") target.focus();
    else target.click();
  });

  // Focus the new page's heading after a "weiter" or a search, so screen readers start there.
  if (/[?&]fokus=titel\b/.test(window.location.search) || document.body.dataset.fokus === "titel") {
    var heading = document.getElementById("seitentitel");
    if (heading) heading.focus();
  }

  // "Alle auswählen" for the Prüfliste's selection (without the script: tick them one by one).
  var all = document.getElementById("alle-waehlen");
  if (all) {
    all.hidden = false;
    all.addEventListener("click", function () {
      var boxes = Array.prototype.slice.call(document.querySelectorAll("#pruefliste input[name=dokument]"));
      var tick = boxes.some(function (box) { return !box.checked; });
      boxes.forEach(function (box) { box.checked = tick; });
      announce(tick ? boxes.length + " Dokumente ausgewählt." : "Auswahl aufgehoben.");
    });
  }

  // A message the server put on the page is announced once the page has loaded: a live region's
  // content present at load is not read out.
  // The text stays visible meanwhile; putting it in again is the change screen readers announce.
  if (status && status.textContent.trim()) {
    var text = status.textContent.trim();
    window.setTimeout(function () { if (status.textContent.trim() === text) announce(text); }, 250);
  }

  // Idle timeout (WCAG 2.2.1): warn before the session ends, with a button that extends it.
  var csrfField = document.querySelector("input[name=csrf]");
  var warning = null;
  function scheduleWarning(seconds) {
    if (!(seconds > 0)) return;
    var lead = Math.min(120, Math.floor(seconds / 2));
    if (warning) window.clearTimeout(warning);
    warning = window.setTimeout(function () { warn(lead); }, (seconds - lead) * 1000);
  }
  function warn(lead) {
    if (!status) return;
    var minutes = Math.max(1, Math.round(lead / 60));
    announce("Ihre Sitzung endet in etwa " + (minutes === 1 ? "einer Minute" : minutes + " Minuten") + " ohne Aktivität.");
    if (!csrfField || !window.fetch) return;
    var button = document.createElement("button");
    button.type = "button";
    button.id = "sitzung-verlaengern";
    button.addEventListener("click", function () {
      var body = new URLSearchParams();
      body.set("csrf", csrfField.value);
      window.fetch("/sitzung", { method: "POST", body: body, credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }).then(function (answer) {
        announce("Ihre Sitzung wurde verlängert.");
        scheduleWarning(answer.sekunden);
      }).catch(function () {
        announce("Die Sitzung konnte nicht verlängert werden. Bitte melden Sie sich erneut an.");
      });
    });
    // Not focused: that would take the keyboard from a reason being typed. Alt+Umschalt+V reaches it.
    button.dataset.kuerzel = "V";
    button.textContent = "Angemeldet bleiben (Alt+Umschalt+V)";
    status.appendChild(button);
  }
  scheduleWarning(parseInt(document.body.dataset.sitzungSekunden || "", 10));
})();
