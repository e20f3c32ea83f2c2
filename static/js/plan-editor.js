// The plan editor: show the definition of the CFIR construct chosen in a determinant form, and show only the
// framework field an outcome's kind needs. Everything works without this script; it only adds convenience.
(function () {
  "use strict";

  document.querySelectorAll("select[data-construct-select]").forEach(function (select) {
    var target = document.getElementById(select.getAttribute("data-definition-target") || "construct-definition");
    if (!target) return;
    function update() {
      var option = select.options[select.selectedIndex];
      var definition = option ? option.getAttribute("data-definition") : "";
      target.textContent = "";
      if (!definition) return;
      var name = document.createElement("strong");
      name.textContent = option.textContent.trim() + ": ";
      target.appendChild(name);
      target.appendChild(document.createTextNode(definition));
    }
    select.addEventListener("change", update);
  });

  document.querySelectorAll("[data-outcome-form]").forEach(function (form) {
    var kinds = form.querySelectorAll("input[name='kind']");
    var proctor = form.querySelector("[data-outcome-field='implementation_outcome']");
    var reaim = form.querySelector("[data-outcome-field='reaim_dimension']");
    if (!kinds.length || !proctor || !reaim) return;
    function update() {
      var chosen = form.querySelector("input[name='kind']:checked");
      var kind = chosen ? chosen.value : "";
      // Hide (not disable) so that a value typed before switching is still sent and the server can say why.
      proctor.hidden = kind !== "implementation" && !proctor.querySelector(".is-invalid");
      reaim.hidden = kind !== "reaim" && !reaim.querySelector(".is-invalid");
    }
    kinds.forEach(function (input) {
      input.addEventListener("change", update);
    });
    update();
  });
})();
