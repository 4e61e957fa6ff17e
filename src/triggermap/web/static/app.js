/* triggermap: the body map, the sliders and the session's timers. Every page works without
   this file: the map is shown only when it runs (the list of places is the form's real field),
   the slider's number is also read out by the browser, and without timers each exercise is
   ticked by hand. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  /* ------------------------------------------------------------ the body map */

  function boxes(region) {
    return document.querySelectorAll('input[data-region-box="' + region + '"]');
  }

  /* drawn: the person's side a region is painted on ("left", "right"; "" for both) */
  function sync(region, checked, drawn) {
    boxes(region).forEach(function (input) { input.checked = checked; });
    document.querySelectorAll('[data-region="' + region + '"]').forEach(function (el) {
      el.setAttribute("aria-checked", checked ? "true" : "false");
    });
    document.querySelectorAll('[data-region-context="' + region + '"]').forEach(function (el) {
      el.classList.toggle("is-selected", checked);
    });
    drawSide(region, checked ? (drawn || "") : "");
    summarise();
  }

  function drawSide(region, side) {
    var shapes = '[data-region="' + region + '"], [data-region-context="' + region + '"]';
    document.querySelectorAll(shapes).forEach(function (el) {
      if (side) { el.setAttribute("data-drawn-side", side); }
      else { el.removeAttribute("data-drawn-side"); }
    });
  }

  function drawnSide(region) {
    var el = document.querySelector('[data-region="' + region + '"]');
    return el ? el.getAttribute("data-drawn-side") || "" : "";
  }

  /* The side question answered (left or right): every region chosen is painted on that side;
     both (or not known): on both. */
  function answeredSide(input) {
    var side = input.value === "left" || input.value === "right" ? input.value : "";
    document.querySelectorAll("input[data-region-box]:checked").forEach(function (box) {
      drawSide(box.value, side);
    });
  }

  function summarise() {
    var out = document.querySelector("[data-bodymap-chosen]");
    if (!out) { return; }
    var names = [];
    document.querySelectorAll("input[data-region-box]:checked").forEach(function (input) {
      var label = input.closest("label");
      names.push(label ? label.textContent.trim() : input.value);
    });
    out.textContent = names.length ? "You chose: " + names.join(", ") + "." : "No places chosen yet.";
  }

  /* A click on one half of a region (side: the person's side of the path clicked) marks that
     half; a click on a marked half unmarks it; the region stays chosen while a half is marked.
     Keys, and a path in the middle, mark or unmark the whole region. */
  function toggle(control, side) {
    var region = control.getAttribute("data-region");
    var first = boxes(region)[0];
    if (!first) { return; }
    var half = side === "left" || side === "right" ? side : "";
    var other = half === "left" ? "right" : "left";
    var drawn = drawnSide(region);
    if (!first.checked) { sync(region, true, half || answered()); return; }
    if (!half || drawn === half) { sync(region, false); return; }
    sync(region, true, drawn === other ? "" : other);
  }

  function answered() {
    var side = document.querySelector('input[name="side"]:checked');
    return side && (side.value === "left" || side.value === "right") ? side.value : "";
  }

  function showLabel(control, shown) {
    var region = control.getAttribute("data-region");
    var svg = control.ownerSVGElement;
    var label = svg && svg.querySelector('[data-label-for="' + region + '"]');
    if (label) { label.classList.toggle("is-shown", shown); }
  }

  function showView(button) {
    var map = button.closest("[data-bodymap]");
    var view = button.getAttribute("data-show-view");
    map.querySelectorAll("[data-show-view]").forEach(function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
    });
    map.querySelectorAll("[data-view]").forEach(function (v) {
      v.classList.toggle("is-current", v.getAttribute("data-view") === view);
    });
  }

  function control(target) {
    return target && target.closest ? target.closest('[data-region][role="checkbox"]') : null;
  }

  /* ------------------------------------------------------------ the session's timers */

  function clockWords(seconds) {
    if (seconds >= 60) {
      var rest = seconds % 60;
      return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
    }
    return seconds + " s";
  }

  function Player(exercise) {
    this.exercise = exercise;
    this.steps = Array.prototype.slice.call(exercise.querySelectorAll("[data-actions] li"));
    this.label = exercise.querySelector("[data-timer-label]");
    this.clock = exercise.querySelector("[data-timer-clock]");
    this.start = exercise.querySelector("[data-timer-start]");
    this.pause = exercise.querySelector("[data-timer-pause]");
    this.next = exercise.querySelector("[data-timer-next]");
    this.skip = exercise.querySelector("[data-timer-skip]");
    this.done = exercise.querySelector("[data-done]");
    this.index = -1;
    this.left = 0;
    this.running = false;
    this.ticking = null;
  }

  Player.prototype.begin = function () {
    document.querySelectorAll("[data-exercise].is-current").forEach(function (other) {
      if (other !== this.exercise && other.player) { other.player.hold(); }
    }, this);
    this.exercise.classList.add("is-current");
    this.start.hidden = true;
    this.go(0);
  };

  Player.prototype.go = function (index) {
    this.stopClock();
    if (this.index >= 0 && this.steps[this.index]) {
      this.steps[this.index].classList.remove("is-current");
      this.steps[this.index].classList.add("is-done");
    }
    this.index = index;
    var step = this.steps[index];
    if (!step) { this.finish("Done: well done."); return; }
    step.classList.add("is-current");
    var seconds = parseInt(step.getAttribute("data-seconds"), 10);
    this.label.textContent = step.textContent.replace(/\s*\([^)]*\)\s*$/, "");
    if (seconds > 0) {
      this.left = seconds;
      this.clock.textContent = clockWords(seconds);
      this.pause.hidden = false;
      this.pause.textContent = "Pause";
      this.next.hidden = true;
      this.run();
    } else {
      this.clock.textContent = "–";
      this.pause.hidden = true;
      this.next.hidden = false;
      this.next.focus();
    }
  };

  Player.prototype.run = function () {
    var player = this;
    var due = Date.now() + 1000;
    this.running = true;
    this.ticking = window.setInterval(function () {
      if (Date.now() < due) { return; }
      due += 1000;
      player.left -= 1;
      player.clock.textContent = clockWords(Math.max(player.left, 0));
      if (player.left <= 0) { player.go(player.index + 1); }
    }, 200);
  };

  Player.prototype.stopClock = function () {
    if (this.ticking !== null) { window.clearInterval(this.ticking); }
    this.ticking = null;
    this.running = false;
  };

  Player.prototype.hold = function () {
    if (this.running) { this.stopClock(); this.pause.textContent = "Resume"; }
  };

  Player.prototype.toggle = function () {
    if (this.running) { this.hold(); } else { this.pause.textContent = "Pause"; this.run(); }
  };

  Player.prototype.finish = function (words) {
    this.stopClock();
    this.exercise.classList.remove("is-current");
    this.label.textContent = words;
    this.clock.textContent = "–";
    [this.pause, this.next, this.skip].forEach(function (b) { b.hidden = true; });
    this.start.hidden = false;
    this.start.firstChild.textContent = "Start again";
    var finished = words.indexOf("Done") === 0;
    this.exercise.classList.toggle("is-done", finished);
    if (this.done) { this.done.checked = finished || this.done.checked; }
    var after = this.exercise.nextElementSibling;
    while (after && !after.matches("[data-exercise], .session-end")) {
      after = after.nextElementSibling;
    }
    var target = after && after.querySelector("[data-timer-start], input, button");
    if (target) { target.focus(); }
  };

  Player.prototype.skipIt = function () {
    this.steps.forEach(function (s) { s.classList.remove("is-current", "is-done"); });
    this.index = -1;
    if (this.done) { this.done.checked = false; }
    this.finish("Skipped.");
  };

  function playerOf(target) {
    var exercise = target.closest("[data-exercise]");
    if (!exercise) { return null; }
    if (!exercise.player) { exercise.player = new Player(exercise); }
    return exercise.player;
  }

  function timerButton(target) {
    var button = target.closest && target.closest("[data-timer-start], [data-timer-pause], [data-timer-next], [data-timer-skip]");
    if (!button) { return false; }
    var player = playerOf(button);
    if (!player) { return false; }
    if (button.hasAttribute("data-timer-start")) {
      player.steps.forEach(function (s) { s.classList.remove("is-current", "is-done"); });
      player.index = -1;
      player.begin();
    } else if (button.hasAttribute("data-timer-pause")) {
      player.toggle();
    } else if (button.hasAttribute("data-timer-next")) {
      player.go(player.index + 1);
    } else {
      player.skipIt();
    }
    return true;
  }

  /* ------------------------------------------------------------ events */

  document.addEventListener("click", function (event) {
    var region = control(event.target);
    if (region) {
      var path = event.target.closest && event.target.closest("path[data-side]");
      toggle(region, path ? path.getAttribute("data-side") : "");
      return;
    }
    if (timerButton(event.target)) { return; }
    var tab = event.target.closest && event.target.closest("[data-show-view]");
    if (tab) { showView(tab); }
  });
  document.addEventListener("keydown", function (event) {
    var region = control(event.target);
    if (region && (event.key === " " || event.key === "Enter")) {
      event.preventDefault();
      toggle(region);
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[data-region-box]")) {
      sync(event.target.value, event.target.checked, answered());
    } else if (event.target.matches && event.target.matches('input[name="side"]')) {
      answeredSide(event.target);
    }
  });
  ["focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var region = control(event.target);
      if (region) { showLabel(region, true); }
    });
  });
  ["focusout", "mouseout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var region = control(event.target);
      if (region) { showLabel(region, false); }
    });
  });
  /* A rating is given deliberately: an unset slider has no name (so nothing is posted and
     the server asks for it) until the person moves it, presses on it or uses its keys. */
  var SLIDER_KEYS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End",
    "PageUp", "PageDown"];
  function setSlider(slider) {
    if (!slider.matches || !slider.matches("input[type=range][data-slider-words]")) { return; }
    if (!slider.name && slider.dataset.sliderName) {
      slider.name = slider.dataset.sliderName;
      slider.removeAttribute("data-slider-unset");
    }
    var out = document.querySelector('[data-slider-output="' + slider.id + '"]');
    if (out) { out.textContent = slider.value; }
  }
  document.addEventListener("input", function (event) { setSlider(event.target); });
  document.addEventListener("pointerdown", function (event) { setSlider(event.target); });
  document.addEventListener("keydown", function (event) {
    if (SLIDER_KEYS.indexOf(event.key) >= 0) { setSlider(event.target); }
  });
  /* ------------------------------------------------------------ a live results panel */

  /* A form with data-live posts itself, as it stands, to that address on every change and puts
     the answer in place of its panel (data-live-target). It posts only there: never to a
     button's formaction, so a click on "Save" submits the form once, the browser's own way. */
  var liveTimers = new WeakMap();
  function refreshLive(form) {
    var target = document.getElementById(form.getAttribute("data-live-target"));
    if (!target) { return; }
    window.fetch(form.getAttribute("data-live"), {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin"
    }).then(function (response) {
      return response.ok || response.status === 422 ? response.text() : null;
    }).then(function (text) {
      var now = document.getElementById(form.getAttribute("data-live-target"));
      if (text && now) {
        now.outerHTML = text;
        liveErrors(form, document.getElementById(form.getAttribute("data-live-target")));
      }
    }).catch(function () { /* the panel stays as it was; the form still works */ });
  }

  /* The live answer names each field it left out (data-live-error-for), with the line a save
     would give: that line goes beside its field; a field now answered without an error loses
     its old line (a field still empty keeps "answer ..." until the form is sent). */
  function liveErrors(form, panel) {
    if (!panel) { return; }
    var wrong = {};
    panel.querySelectorAll("[data-live-error-for]").forEach(function (item) {
      wrong[item.getAttribute("data-live-error-for")] = item;
    });
    var values = new FormData(form);
    form.querySelectorAll(".error-message[data-error-field]").forEach(function (message) {
      var name = message.getAttribute("data-error-field");
      var given = values.getAll(name).some(function (v) { return v !== ""; });
      if (!wrong[name] && (given || message.hasAttribute("data-live-error"))) {
        var group = message.closest(".form-group--error");
        if (group) { group.classList.remove("form-group--error"); }
        form.querySelectorAll('[aria-describedby~="' + message.id + '"]').forEach(function (el) {
          var rest = el.getAttribute("aria-describedby").split(" ").filter(function (id) {
            return id && id !== message.id;
          });
          if (rest.length) { el.setAttribute("aria-describedby", rest.join(" ")); }
          else { el.removeAttribute("aria-describedby"); }
        });
        message.remove();
      }
    });
    Object.keys(wrong).forEach(function (name) {
      var item = wrong[name];
      var id = item.getAttribute("data-live-error-id");
      var group = document.getElementById("field-" + id);
      if (!group || !form.contains(group)) { return; }
      var message = group.querySelector('.error-message[data-error-field="' + name + '"]');
      if (!message) {
        message = document.createElement("p");
        message.className = "error-message";
        message.id = "error-" + id;
        message.setAttribute("data-error-field", name);
        message.setAttribute("data-live-error", "");
        var before = group.querySelector(
          ".js-only, input:not([type=hidden]), select, textarea, .radios, .checkboxes");
        (before ? before.parentNode : group).insertBefore(message, before);
        var control = group.querySelector("input:not([type=hidden]), select, textarea");
        var fieldset = group.querySelector("fieldset");
        var described = fieldset || control;
        if (described) {
          var ids = (described.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
          if (ids.indexOf(message.id) < 0) { ids.push(message.id); }
          described.setAttribute("aria-describedby", ids.join(" "));
        }
      }
      group.classList.add("form-group--error");
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = "Error:";
      message.replaceChildren(hidden, " " + item.getAttribute("data-live-error-rest"));
    });
  }
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-live]");
    if (!form) { return; }
    window.clearTimeout(liveTimers.get(form));
    liveTimers.set(form, window.setTimeout(function () { refreshLive(form); }, 100));
  });
  /* A refused form (or an error page) answers at the address it was posted to; in history
     that entry is a post, which Back or Reload would send again. Each form remembers the page
     it was sent from, and a page answering a post (data-answers-post) takes that page's
     address in the history: Back and Reload get that page, never send the form again. */
  var FORM_PAGE = "triggermap-form-page";
  document.addEventListener("submit", function () {
    try { window.sessionStorage.setItem(FORM_PAGE, location.pathname + location.search); }
    catch (e) { /* no storage: Back may offer to send the form again, as without this file */ }
  });
  function forgetThePost() {
    if (!document.body.hasAttribute("data-answers-post") || !window.history.replaceState) {
      return;
    }
    var page = null;
    try { page = window.sessionStorage.getItem(FORM_PAGE); } catch (e) { return; }
    if (page && page.charAt(0) === "/" && page.charAt(1) !== "/") {
      window.history.replaceState(null, "", page);
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    forgetThePost();
    document.querySelectorAll("details[data-region-list]").forEach(function (details) {
      details.removeAttribute("open");
    });
    var side = document.querySelector('input[name="side"]:checked');
    if (side) { answeredSide(side); }
  });
}());
