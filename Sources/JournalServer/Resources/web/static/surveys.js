// The survey form builder (survey_new.mustache): "add a question" copies the last question's
// fieldset, empty, with its fields renumbered. Without scripts the page offers blank slots.
'use strict';
(function () {
  var button = document.getElementById('add-question');
  var list = document.getElementById('survey-questions');
  if (!button || !list) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    var slots = list.querySelectorAll('.survey-question-slot');
    var last = slots[slots.length - 1];
    var next = Number(last.dataset.slot) + 1;
    var copy = last.cloneNode(true);
    copy.dataset.slot = String(next);
    copy.querySelector('.slot-number').textContent = String(next + 1);
    copy.querySelectorAll('[name]').forEach(function (field) {
      field.name = field.name.replace(/^q\d+\./, 'q' + next + '.');
      if (field.type === 'checkbox') field.checked = false;
      else if (field.tagName === 'SELECT') field.selectedIndex = 0;
      else field.value = '';
    });
    list.appendChild(copy);
    copy.querySelector('input[name$=".text"]').focus();
  });
})();
