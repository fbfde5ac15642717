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
      dt.innerHTML = "";
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

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeHelp(); return; }
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

  // Idle timeout: warn two minutes before the session ends (WCAG 2.2.1).
  var seconds = parseInt(document.body.dataset.sitzungSekunden || "", 10);
  if (seconds > 0) {
    var warnAt = Math.max(0, seconds - 120) * 1000;
    window.setTimeout(function () {
      announce("Ihre Sitzung endet in etwa zwei Minuten ohne Aktivität. Laden Sie die Seite neu, um angemeldet zu bleiben.");
    }, warnAt);
  }
})();
