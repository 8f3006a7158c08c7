// cehours review pages: keyboard shortcuts, scan zoom, field-box highlighting, upload progress,
// job polling. Plain script, no framework; every action also works as a plain form without it.
(function () {
  "use strict";
  var csrf = document.body.getAttribute("data-csrf") || "";
  var page = document.body.getAttribute("data-page");

  function typing(e) {
    var t = e.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }
  function onKey(handler) {
    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (typing(e)) { if (e.key === "Escape") e.target.blur(); return; }
      handler(e);
    });
  }
  function focusEl(id) {
    var el = document.getElementById(id);
    if (el) { el.scrollIntoView({ block: "center" }); el.focus(); if (el.select) el.select(); }
    return el;
  }

  document.querySelectorAll("[data-back]").forEach(function (a) {
    a.addEventListener("click", function (e) { if (history.length > 1) { e.preventDefault(); history.back(); } });
  });

  // ---- queue: j/k to move, Enter to open, "/" to filter by applicant ----
  if (page === "queue") {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#queue-table tbody tr[data-href]"));
    var sel = rows.length ? 0 : -1;
    function mark() {
      rows.forEach(function (r, i) { r.classList.toggle("sel", i === sel); });
      if (sel >= 0) rows[sel].scrollIntoView({ block: "nearest" });
    }
    mark();
    rows.forEach(function (r, i) {
      r.addEventListener("click", function (e) {
        if (e.target.closest("a")) return;
        sel = i; mark(); location.href = r.getAttribute("data-href");
      });
    });
    // j/k: the next / previous row that still needs a decision (every row, in a queue filtered
    // to a decided status); none left: say so and stay
    var skipDecided = document.getElementById("queue-table").hasAttribute("data-skip-decided");
    function step(by) {
      for (var i = sel + by; i >= 0 && i < rows.length; i += by) {
        if (!skipDecided || rows[i].hasAttribute("data-open")) { sel = i; mark(); return; }
      }
      if (skipDecided) { var note = document.getElementById("nav-note"); note.textContent = note.getAttribute("data-none-left"); note.hidden = false; }
    }
    onKey(function (e) {
      if (e.key === "j") { step(1); e.preventDefault(); }
      else if (e.key === "k") { step(-1); e.preventDefault(); }
      else if (e.key === "Enter" && sel >= 0) { location.href = rows[sel].getAttribute("data-href"); }
      else if (e.key === "/") { e.preventDefault(); focusEl("applicant-filter"); }
    });
  }

  // ---- item: zoom, boxes, shortcuts ----
  if (page === "item") {
    var zoom = 1;
    function setZoom(z, anchor) {
      zoom = Math.max(0.5, Math.min(5, z));
      if (zoom > 1.5) {  // zoomed in: the largest screen size (the 原图 link has the full one)
        document.querySelectorAll(".zoom-inner img[data-zoom-src]").forEach(function (img) {
          img.removeAttribute("srcset"); img.src = img.getAttribute("data-zoom-src"); img.removeAttribute("data-zoom-src");
        });
      }
      document.querySelectorAll(".zoom-inner").forEach(function (inner) {
        inner.style.width = (zoom * 100) + "%";
      });
      if (anchor) {
        var box = anchor.box;
        box.scrollLeft = anchor.fx * box.scrollWidth - box.clientWidth / 2;
        box.scrollTop = anchor.fy * box.scrollHeight - box.clientHeight / 2;
      }
    }
    document.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var k = b.getAttribute("data-zoom");
        setZoom(k === "in" ? zoom * 1.25 : k === "out" ? zoom / 1.25 : 1);
      });
    });
    // Click on the scan: zoom to 2.5x around the point clicked; click again to fit.
    document.querySelectorAll(".zoom-inner").forEach(function (inner) {
      inner.addEventListener("click", function (e) {
        var r = inner.getBoundingClientRect();
        var fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height;
        setZoom(zoom > 1 ? 1 : 2.5, { box: inner.parentElement, fx: fx, fy: fy });
      });
    });
    var showLines = document.getElementById("show-lines");
    if (showLines) showLines.addEventListener("change", function () {
      document.getElementById("scan").classList.toggle("lines-on", showLines.checked);
    });
    // A field row and its box on the scan light up together.
    function highlight(name, on, scroll) {
      var sel = '#fields-table tr[data-field="' + name + '"], .field-box[data-fields~="' + name + '"]';
      document.querySelectorAll(sel).forEach(function (el) {
        el.classList.toggle("hl", on);
        if (on && scroll && el.classList.contains("field-box")) el.scrollIntoView({ block: "center", inline: "center" });
      });
    }
    document.querySelectorAll("#fields-table tr[data-field]").forEach(function (tr) {
      var name = tr.getAttribute("data-field");
      tr.addEventListener("mouseenter", function () { highlight(name, true, false); });
      tr.addEventListener("mouseleave", function () { highlight(name, false); });
      tr.addEventListener("focusin", function () { highlight(name, true, true); });
      tr.addEventListener("focusout", function () { highlight(name, false); });
    });
    // ---- a field corrected in place: a key (1-9) or a click opens it, Enter saves ----
    var itemPath = location.pathname.replace(/\/$/, "");
    function openField(form) {
      if (!form) return false;
      document.querySelectorAll(".field-form.editing").forEach(function (f) { if (f !== form) closeField(f); });
      form.classList.add("editing");
      form.querySelector(".field-value").hidden = true;
      form.querySelector(".field-editor").hidden = false;
      var input = form.querySelector("[name^='field.']");
      input.focus(); if (input.select) input.select();
      highlight(form.getAttribute("data-field"), true, true);
      return true;
    }
    function closeField(form) {
      var value = form.querySelector(".field-value");
      form.classList.remove("editing");
      value.hidden = false;
      if (form.contains(document.activeElement)) value.focus();  // not left on a hidden input
      form.querySelector(".field-editor").hidden = true;
      highlight(form.getAttribute("data-field"), false);
    }
    function fieldForm(name) { return document.querySelector('.field-form[data-field="' + name + '"]'); }
    document.querySelectorAll(".field-form").forEach(function (form) {
      var input = form.querySelector("[name^='field.']"), out = form.querySelector(".field-preview");
      var timer = null, asked = 0;
      form.querySelector(".field-value").addEventListener("click", function () { openField(form); });
      // the hours by the rules for the value typed, shown before saving
      function preview() {
        var mine = ++asked, q = new URLSearchParams();
        q.set(input.name, input.value);
        fetch(itemPath + "/preview?" + q.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (d) { if (mine === asked) { out.textContent = d.ok ? d.text : d.detail; out.classList.toggle("err", !d.ok); } })
          .catch(function () { if (mine === asked) out.textContent = ""; });
      }
      input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(preview, 120); });
      input.addEventListener("change", preview);
      form.addEventListener("keydown", function (e) {
        if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); closeField(form); }
        else if (e.key === "Enter" && e.target.tagName === "SELECT") { e.preventDefault(); form.requestSubmit(); }
      });
      form.addEventListener("submit", function () {
        form.querySelectorAll("input, select").forEach(function (el) { el.readOnly = true; });
      });
    });
    document.querySelectorAll(".field-box").forEach(function (b) {
      // Clicking a box on the scan opens its (first) field for correction.
      b.addEventListener("click", function (e) {
        e.stopPropagation();
        var name = (b.getAttribute("data-fields") || "").split(" ")[0];
        if (!openField(fieldForm(name))) {
          var row = document.querySelector('#fields-table tr[data-field="' + name + '"]');
          var input = row && row.querySelector("input, select");
          if (input) { input.focus(); }
        }
      });
    });
    onKey(function (e) {
      var f;
      if (e.key === "c") { f = document.getElementById("confirm-form"); if (f) { e.preventDefault(); f.requestSubmit(); } }
      else if (e.key === "a") { e.preventDefault(); focusEl("adjust-hours") || focusEl("adjust-type"); }
      else if (e.key === "r") { e.preventDefault(); focusEl("reject-reason"); }
      else if (e.key === "j" || e.key === "k") {
        // the next / previous item that still needs a decision; none left: say so, stay here
        f = document.getElementById(e.key === "j" ? "next-item" : "prev-item");
        if (f) location.href = f.href;
        else { var note = document.getElementById("nav-note"); note.textContent = note.getAttribute("data-none-left"); note.hidden = false; }
      }
      else if (/^[1-9]$/.test(e.key)) { f = document.querySelector('.field-form[data-key="' + e.key + '"]'); if (openField(f)) e.preventDefault(); }
      else if (e.key === "Escape") { f = document.getElementById("back-to-queue"); if (f) location.href = f.href; }
      else if (e.key === "+" || e.key === "=") setZoom(zoom * 1.25);
      else if (e.key === "-") setZoom(zoom / 1.25);
      else if (e.key === "0") setZoom(1);
      else if (e.key === "b" && showLines) { showLines.checked = !showLines.checked; showLines.dispatchEvent(new Event("change")); }
    });
    // Forms are sent once: a double press must not post the same decision twice.
    document.querySelectorAll(".actions form").forEach(function (f) {
      f.addEventListener("submit", function () {
        f.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      });
    });
  }

  // ---- batches: upload with progress, then poll the job ----
  if (page === "batches") {
    var jobs = document.getElementById("jobs");
    var stateName = { queued: "排队中", running: "处理中", done: "已完成", failed: "失败" };
    var polling = false;
    function renderJobs(list) {
      var tbody = document.querySelector("#jobs-table tbody");
      var active = false, finishedNow = false;
      list.forEach(function (j) {
        var tr = tbody.querySelector('tr[data-job="' + j.id + '"]');
        if (!tr) {
          var empty = tbody.querySelector("tr.empty"); if (empty) empty.remove();
          tr = document.createElement("tr");
          tr.setAttribute("data-job", j.id);
          ["id", "batch", "user", "job-state", "progress", "job-msg"].forEach(function (c) {
            var td = document.createElement("td"); td.className = c; tr.appendChild(td);
          });
          tr.children[0].textContent = j.id; tr.children[1].textContent = j.batch; tr.children[2].textContent = j.user;
          tr.children[4].innerHTML = '<progress max="100"></progress> <span class="job-stage"></span>';
          tbody.insertBefore(tr, tbody.firstChild);
        }
        if (tr.getAttribute("data-state") && tr.getAttribute("data-state") !== j.state && (j.state === "done" || j.state === "failed")) finishedNow = true;
        tr.setAttribute("data-state", j.state);
        tr.querySelector(".job-state").textContent = j.state_zh || stateName[j.state] || j.state;
        tr.querySelector("progress").value = j.percent;
        tr.querySelector(".job-stage").textContent = (j.stage_zh || j.stage) + " " + j.done + "/" + j.total;
        tr.querySelector(".job-msg").textContent = j.error || j.message || "";
        if (j.state === "queued" || j.state === "running") active = true;
      });
      return { active: active, finishedNow: finishedNow };
    }
    var uploading = false;
    // Counts of batches being processed (also by `cehours process` elsewhere) update in place.
    function renderBatches(list) {
      var running = false, changed = false;
      list.forEach(function (b) {
        var tr = document.querySelector('#batches-table tr[data-batch="' + b.id + '"]');
        if (!tr) { changed = true; return; }
        if (tr.getAttribute("data-status") !== b.status) changed = true;
        if (b.status === "running") running = true;
        tr.querySelector(".batch-items").textContent = b.item_count;
        tr.querySelectorAll("td[data-count]").forEach(function (td) {
          var n = b.by_status[td.getAttribute("data-count")] || 0;
          var a = td.querySelector("a");
          if (a) a.textContent = n; else td.textContent = n;
        });
      });
      return { running: running, changed: changed };
    }
    function poll() {
      if (polling) return;
      polling = true;
      (function tick() {
        fetch(jobs.getAttribute("data-poll"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            var s = renderJobs(data.jobs || []);
            var b = renderBatches(data.batches || []);
            // a batch appeared or finished: reload for the full table (unless an upload is under way)
            if ((s.finishedNow || b.changed) && !uploading) { location.reload(); return; }
            if (s.active || b.running) setTimeout(tick, 1000); else polling = false;
          })
          .catch(function () { setTimeout(tick, 3000); });
      })();
    }
    if (jobs && jobs.hasAttribute("data-active")) poll();

    var form = document.getElementById("upload-form");
    if (form && window.FormData && window.XMLHttpRequest) {
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var bar = document.getElementById("upload-progress"), status = document.getElementById("upload-status");
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action);
        xhr.setRequestHeader("X-CSRF-Token", csrf);
        xhr.setRequestHeader("Accept", "application/json");
        bar.hidden = false; status.textContent = "正在上传…"; uploading = true;
        xhr.upload.onprogress = function (ev) { if (ev.lengthComputable) bar.value = 100 * ev.loaded / ev.total; };
        xhr.onload = function () {
          uploading = false;
          var data = {}; try { data = JSON.parse(xhr.responseText); } catch (err) { /* not JSON */ }
          if (xhr.status === 202) {
            status.textContent = "上传完成，后台处理中（任务 #" + data.id + "）";
            form.reset(); bar.hidden = true;
            renderJobs([data]); poll();
          } else {
            status.textContent = "上传失败：" + (data.detail || xhr.status);
            bar.hidden = true;
          }
        };
        xhr.onerror = function () { uploading = false; status.textContent = "上传失败：网络错误"; bar.hidden = true; };
        xhr.send(new FormData(form));
      });
    }
  }
})();
