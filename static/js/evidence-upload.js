// Refuse a too-large evidence file before it is sent, so the page (and what
// was typed in it) stays as it is. The server checks again regardless.
"use strict";
document.querySelectorAll("form.evidence-upload").forEach(function (form) {
  var maxBytes = Number(form.dataset.maxBytes);
  var input = form.querySelector('input[type="file"]');
  if (!input || !maxBytes) {
    return;
  }
  var note = document.createElement("p");
  note.className = "field-error errors";
  note.setAttribute("role", "alert");
  note.hidden = true;
  input.insertAdjacentElement("afterend", note);

  function tooLarge() {
    var file = input.files && input.files[0];
    // Leave room for the rest of the form in the request.
    if (file && file.size > maxBytes - 64 * 1024) {
      note.textContent = form.dataset.tooLarge.replace("{name}", file.name);
      note.hidden = false;
      return true;
    }
    note.hidden = true;
    return false;
  }
  input.addEventListener("change", tooLarge);
  form.addEventListener("submit", function (event) {
    if (tooLarge()) {
      event.preventDefault();
      input.focus();
    }
  });
});
