/* triggermap: the body map and the pain slider. Every page works without this file: the map
   is shown only when it runs (the list of places is the form's real field), and the slider's
   number is also read out by the browser. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function box(region) {
    return document.querySelector('input[data-region-box="' + region + '"]');
  }

  function sync(region) {
    var input = box(region);
    if (!input) { return; }
    var checked = input.checked ? "true" : "false";
    document.querySelectorAll('[data-region="' + region + '"]').forEach(function (el) {
      el.setAttribute("aria-checked", checked);
    });
    document.querySelectorAll('[data-region-context="' + region + '"]').forEach(function (el) {
      el.classList.toggle("is-selected", input.checked);
    });
    summarise();
  }

  function summarise() {
    var out = document.querySelector("[data-bodymap-chosen]");
    if (!out) { return; }
    var names = [];
    document.querySelectorAll("input[data-region-box]:checked").forEach(function (input) {
      var label = document.querySelector('label[for="' + input.id + '"]');
      names.push(label ? label.textContent.trim() : input.value);
    });
    out.textContent = names.length ? "You chose: " + names.join(", ") + "." : "No places chosen yet.";
  }

  function toggle(control) {
    var input = box(control.getAttribute("data-region"));
    if (!input) { return; }
    input.checked = !input.checked;
    sync(input.value);
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

  document.addEventListener("click", function (event) {
    var region = control(event.target);
    if (region) { toggle(region); return; }
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
      sync(event.target.value);
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
  document.addEventListener("input", function (event) {
    var slider = event.target;
    if (slider.matches && slider.matches("input[type=range][data-slider-words]")) {
      var out = document.querySelector('[data-slider-output="' + slider.id + '"]');
      if (out) { out.textContent = slider.value; }
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("details[data-region-list]").forEach(function (details) {
      details.removeAttribute("open");
    });
  });
}());
