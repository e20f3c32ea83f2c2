// The proposal section editor: saves as you type, counts words, and handles two people saving at once.
//
// Without this script the page still works: "Save section" posts the form and the server answers
// with a page. With it, the same form is posted in the background (asking for JSON) 1.5 seconds
// after typing stops and when the box loses focus. If someone else saved the section meanwhile, the
// server refuses (409): autosaving stops and both texts are shown until the writer chooses. Nothing
// typed is ever thrown away by the script.
(function () {
  "use strict";

  var form = document.getElementById("section-form");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }

  var SAVE_DELAY = 1500;
  var ANNOUNCE_DELAY = 1000;
  var RETRY_DELAY = 5000;

  var field = form.querySelector("[name=text]");
  var baseInput = form.querySelector("[name=base_revision]");
  var csrfInput = form.querySelector("[name=csrfmiddlewaretoken]");
  var countEl = document.getElementById("text-count");
  var announceEl = document.getElementById("text-count-announce");
  var limitEl = document.getElementById("text-limit");
  var errorEl = document.getElementById("text-error");
  var statusEl = document.getElementById("save-status");
  var alertEl = document.getElementById("save-alert");
  var panel = document.getElementById("conflict");
  var panelMessage = document.getElementById("conflict-message");
  var panelLabel = document.getElementById("conflict-theirs-label");
  var panelText = document.getElementById("conflict-theirs");
  var panelChoices = document.getElementById("conflict-choices");
  var panelHelp = document.getElementById("conflict-choices-help");
  var keepButton = document.getElementById("conflict-keep");
  var useButton = document.getElementById("conflict-use");
  var closeButton = document.getElementById("conflict-close");

  var limit = form.dataset.limit ? parseInt(form.dataset.limit, 10) : null;
  var isShort = form.dataset.short === "true";
  // After a plain post that was refused (a conflict or an error), the text in the box is not saved.
  var lastSaved = form.dataset.unsaved === "true" ? null : field.value;
  var inConflict = form.dataset.conflict === "true";
  var theirRevision = inConflict ? panelText.dataset.revision : null;
  var stopped = false;
  var saveTimer = null;
  var announceTimer = null;
  var retryTimer = null;
  var queue = Promise.resolve(true);
  var pending = 0;

  Array.prototype.forEach.call(document.querySelectorAll(".js-only"), function (el) {
    el.hidden = false;
  });

  // Text as the server stores it, so that unchanged text is not sent again.
  function clean(text) {
    if (text === null) {
      return null;
    }
    text = text.replace(/\r\n?/g, "\n").trim();
    return isShort ? text.split(/\s+/).join(" ") : text;
  }

  function isDirty() {
    return clean(field.value) !== clean(lastSaved);
  }

  function wordCount(text) {
    var trimmed = text.trim();
    return trimmed ? trimmed.split(/\s+/).length : 0;
  }

  function wordsLabel(count) {
    return count + " word" + (count === 1 ? "" : "s");
  }

  function countText(words) {
    return wordsLabel(words) + (limit ? " of " + limit : "");
  }

  function limitText(words) {
    if (!limit || words <= limit) {
      return "";
    }
    return words + " words: " + (words - limit) + " over the limit of " + limit + ". Cut it before sending for review.";
  }

  function setLimitMessage(message) {
    // The message lives in an element the box is described by; empty, it describes nothing.
    limitEl.textContent = "";
    if (message) {
      var span = document.createElement("span");
      span.className = "limit-warning";
      span.textContent = message;
      limitEl.appendChild(span);
    }
  }

  function updateCount() {
    var words = wordCount(field.value);
    var over = limitText(words);
    countEl.textContent = countText(words);
    countEl.classList.toggle("text-danger", Boolean(over));
    countEl.classList.toggle("fw-bold", Boolean(over));
    setLimitMessage(over);
    return { words: words, over: over };
  }

  function announceCount() {
    // Screen readers hear the count once typing pauses, not at every key.
    var result = updateCount();
    announceEl.textContent = countText(result.words) + (result.over ? ". " + result.over : "");
  }

  function setStatus(message) {
    statusEl.textContent = message;
  }

  function alertNow(message) {
    alertEl.textContent = "";
    window.setTimeout(function () {
      alertEl.textContent = message;
    }, 50);
  }

  function setError(messages) {
    errorEl.textContent = "";
    if (messages && messages.length) {
      messages.forEach(function (message) {
        var span = document.createElement("span");
        span.className = "d-block";
        span.textContent = message;
        errorEl.appendChild(span);
      });
      field.setAttribute("aria-invalid", "true");
      field.classList.add("is-invalid");
    } else {
      field.removeAttribute("aria-invalid");
      field.classList.remove("is-invalid");
    }
  }

  function showConflict(data) {
    inConflict = true;
    theirRevision = String(data.revision);
    panelMessage.textContent = data.message;
    panelLabel.textContent = panelLabel.dataset.theirsLabel
      .replace("{author}", data.author)
      .replace("{when}", data.saved_at);
    panelText.value = data.text;
    panelText.dataset.revision = theirRevision;
    panelChoices.hidden = false;
    panelHelp.hidden = false;
    closeButton.hidden = true;
    panel.hidden = false;
    setStatus("Not saved: choose which text to keep.");
    alertNow("Not saved: this section was changed by someone else. Both texts are shown below the Save button: choose which to keep.");
  }

  function hideConflict() {
    inConflict = false;
    panel.hidden = true;
  }

  function post(text) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfInput.value);
    body.append("text", text);
    body.append("base_revision", baseInput.value);
    return fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfInput.value },
    });
  }

  function doSave(force) {
    if (stopped || (inConflict && !force)) {
      return Promise.resolve(false);
    }
    var text = field.value;
    if (!force && !isDirty()) {
      return Promise.resolve(true);
    }
    return post(text)
      .then(
        function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (type.indexOf("application/json") === -1) {
            // Usually the sign-in page, after the session ended.
            setStatus("Not saved.");
            alertNow(
              "Not saved: you may have been signed out. Copy your text somewhere safe, sign in again in a new tab, then press Save section."
            );
            return false;
          }
          return response.json().then(function (data) {
            if (response.ok) {
              baseInput.value = data.revision;
              lastSaved = text;
              setError(null);
              setStatus("Saved at " + data.saved_at);
              return true;
            }
            if (response.status === 409) {
              showConflict(data);
              return false;
            }
            if (response.status === 400) {
              var errors = (data.errors && (data.errors.text || data.errors.__all__)) || ["Check the text and try again."];
              setError(errors);
              setStatus("Not saved.");
              alertNow("Not saved: " + errors.join(" "));
              return false;
            }
            stopped = true;
            setStatus("Not saved.");
            alertNow("Not saved: " + (data.error || "something went wrong. Copy your text somewhere safe and reload the page."));
            return false;
          });
        },
        function () {
          setStatus("Not saved: no connection. Your text is still here; trying again in a few seconds.");
          window.clearTimeout(retryTimer);
          retryTimer = window.setTimeout(function () {
            saveNow(false);
          }, RETRY_DELAY);
          return false;
        }
      );
  }

  // Saves run one after another, so each is based on the revision the previous one returned.
  function saveNow(force) {
    window.clearTimeout(saveTimer);
    pending += 1;
    var run = queue.then(function () {
      return doSave(force);
    });
    queue = run.then(
      function () {
        pending -= 1;
      },
      function () {
        pending -= 1;
      }
    );
    return run;
  }

  field.addEventListener("input", function () {
    updateCount();
    window.clearTimeout(saveTimer);
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(announceCount, ANNOUNCE_DELAY);
    if (!inConflict) {
      saveTimer = window.setTimeout(function () {
        saveNow(false);
      }, SAVE_DELAY);
    }
  });

  field.addEventListener("blur", function () {
    if (!inConflict && isDirty()) {
      saveNow(false);
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var resolve = event.submitter ? event.submitter.value : "";
    if (resolve === "theirs") {
      useTheirs();
      return;
    }
    if (inConflict) {
      // Saving while both texts are shown is a deliberate choice to keep this one.
      keepMine();
      return;
    }
    saveNow(true).then(function (ok) {
      if (ok) {
        alertNow("Section saved.");
      }
    });
  });

  function keepMine() {
    if (theirRevision === null) {
      return;
    }
    baseInput.value = theirRevision;
    hideConflict();
    saveNow(true).then(function (ok) {
      if (ok) {
        alertNow("Your text is saved.");
        field.focus();
      }
    });
  }

  function useTheirs() {
    var mine = field.value;
    field.value = panelText.value;
    baseInput.value = theirRevision;
    lastSaved = panelText.value;
    inConflict = false;
    // Keep the writer's own words on screen to copy from: nothing typed is lost.
    panelLabel.textContent = panelLabel.dataset.yoursLabel;
    panelText.value = mine;
    panelMessage.textContent = "Their text is now in the box above, as saved. Your previous text is shown here until you close this box.";
    panelChoices.hidden = true;
    panelHelp.hidden = true;
    closeButton.hidden = false;
    updateCount();
    setStatus("Using their text");
    alertNow("Their text is now in the box. Your previous text is shown below the Save button to copy from.");
    field.focus();
  }

  keepButton.addEventListener("click", function (event) {
    event.preventDefault();
    keepMine();
  });
  useButton.addEventListener("click", function (event) {
    event.preventDefault();
    useTheirs();
  });
  closeButton.addEventListener("click", function () {
    panel.hidden = true;
    field.focus();
  });

  // Links to the next or previous section wait for the save, so the words are there when the writer comes back.
  Array.prototype.forEach.call(document.querySelectorAll("a[data-save-first]"), function (link) {
    link.addEventListener("click", function (event) {
      if (inConflict || (!isDirty() && pending === 0)) {
        return;
      }
      event.preventDefault();
      setStatus("Saving…");
      saveNow(false).then(function (ok) {
        if (ok) {
          window.location.href = link.href;
        }
      });
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (isDirty() || pending > 0) {
      if (!inConflict) {
        saveNow(false);
      }
      event.preventDefault();
      event.returnValue = "";
    }
  });

  updateCount();
})();
