// The journal grid (journal_grid.mustache): keyboard entry of marks and absence codes, saved
// through the JSON API when a cell is left. No libraries; the page's texts come from data-*.
'use strict';
(function () {
  var table = document.getElementById('journal-grid');
  if (!table) return;
  var config = table.dataset;
  var csrfMeta = document.querySelector('meta[name="csrf"]');
  var csrf = csrfMeta ? csrfMeta.content : '';
  var statusLine = document.getElementById('grid-status');
  var codes = words(config.codes);
  var absentCodes = words(config.absentCodes);
  var scale = words(config.scale);
  var debtSign = '\u2022';
  var body = table.tBodies[0];
  var columns = Array.prototype.filter.call(table.tHead.rows[0].cells, function (th) {
    return th.classList.contains('col');
  }).map(function (th) {
    return { th: th, lesson: th.dataset.lesson || null, work: th.dataset.work || null, date: th.dataset.date };
  });
  // What is saved: marks by "work:student", absence codes and their versions by
  // "lesson:student" (no code: present, version 0).
  var marks = {};
  var absences = {};
  var absenceVersions = {};
  var queue = Promise.resolve();
  var pending = 0;

  function words(text) {
    return (text || '').split(/\s+/).filter(Boolean);
  }

  function position(input) {
    var td = input.parentNode;
    return { row: td.parentNode.sectionRowIndex, col: td.cellIndex - 1 };
  }

  function inputAt(row, col) {
    var tr = body.rows[row];
    if (!tr || col < 0 || col >= columns.length) return null;
    return tr.cells[col + 1].querySelector('input');
  }

  function studentOf(row) {
    return body.rows[row].dataset.student;
  }

  Array.prototype.forEach.call(body.rows, function (tr, row) {
    columns.forEach(function (column, col) {
      var input = inputAt(row, col);
      // Set here rather than on each of the page's inputs: the grid's HTML stays small.
      input.setAttribute('autocapitalize', 'characters');
      input.setAttribute('enterkeyhint', 'next');
      input.spellcheck = false;
      if (input.dataset.marks) marks[column.work + ':' + tr.dataset.student] = JSON.parse(input.dataset.marks);
      if (input.dataset.absence) {
        absences[column.lesson + ':' + tr.dataset.student] = input.dataset.absence;
        absenceVersions[column.lesson + ':' + tr.dataset.student] = Number(input.dataset.absenceVersion || 0);
      }
    });
  });

  // The text of a cell from what is saved: the absence code, then the marks.
  function render(input) {
    var at = position(input);
    var column = columns[at.col];
    var student = studentOf(at.row);
    var parts = [];
    var code = column.lesson ? absences[column.lesson + ':' + student] : null;
    if (code) parts.push(code);
    (column.work ? marks[column.work + ':' + student] || [] : []).forEach(function (mark) {
      parts.push(mark.value == null ? debtSign : mark.value);
    });
    return parts.join(' ');
  }

  function markAbsent(input) {
    var at = position(input);
    var column = columns[at.col];
    var code = column.lesson ? absences[column.lesson + ':' + studentOf(at.row)] : null;
    input.parentNode.classList.toggle('absent', !!code && absentCodes.indexOf(code) >= 0);
  }

  // A mark as the scale writes it, whatever case it was typed in.
  function canonicalMark(token) {
    var upper = token.toUpperCase();
    for (var i = 0; i < scale.length; i++) {
      if (scale[i].toUpperCase() === upper) return scale[i];
    }
    return token;
  }

  // An absence code as the rules write it, whatever case it was typed in; or null.
  function canonicalCode(token) {
    var upper = token.toUpperCase();
    for (var i = 0; i < codes.length; i++) {
      if (codes[i].toUpperCase() === upper) return codes[i];
    }
    return null;
  }

  function parse(typed) {
    var result = { code: null, values: [] };
    words(typed.replace(/[,;]/g, ' ')).forEach(function (token) {
      var code = canonicalCode(token);
      if (code) result.code = code;
      else result.values.push(canonicalMark(token));
    });
    return result;
  }

  function canonicalText(typed) {
    var parsed = parse(typed);
    return (parsed.code ? [parsed.code] : []).concat(parsed.values).join(' ');
  }

  function api(method, url, payload) {
    var options = {
      method: method,
      credentials: 'same-origin',
      keepalive: true,
      headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
    };
    if (payload !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(payload);
    }
    return fetch(url, options).then(
      function (response) {
        return response.text().then(function (text) {
          var json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch (ignored) {
            json = null;
          }
          if (!response.ok) {
            var error = new Error(json && json.detail ? json.detail : response.status + ' ' + response.statusText);
            error.status = response.status;
            error.problem = json;
            throw error;
          }
          return json;
        });
      },
      function () {
        throw new Error(config.network);
      }
    );
  }

  // The column's work, created (of the default type) with the first mark of a lesson without one.
  function ensureWork(column) {
    if (column.work) return Promise.resolve(column.work);
    if (!column.creating) {
      column.creating = api('POST', '/api/v1/assignments/' + config.assignment + '/works', {
        lessonID: Number(column.lesson),
        workType: config.defaultType,
      }).then(
        function (work) {
          column.work = String(work.id);
          column.th.dataset.work = column.work;
          var type = column.th.querySelector('.type');
          if (type) type.textContent = config.defaultAbbreviation;
          var weight = document.createElement('span');
          weight.className = 'weight';
          weight.textContent = '\u00d7' + config.defaultWeight;
          column.th.appendChild(weight);
          return column.work;
        },
        function (error) {
          column.creating = null;
          throw error;
        }
      );
    }
    return column.creating;
  }

  // Brings what is saved to what was typed: the absence, then the marks kept, changed,
  // deleted and added. Each step updates what is saved as soon as the server accepts it.
  function apply(input, typed) {
    var at = position(input);
    var column = columns[at.col];
    var student = studentOf(at.row);
    var wanted = parse(typed);
    if (wanted.values.length > 0 && scale.length === 0) return Promise.reject(new Error(config.noMarks));
    // A debt (shown as the debt sign) is given through the API with its due date, not typed:
    // the sign may stay where it is, and no more of them may be typed.
    var savedDebts = column.work
      ? (marks[column.work + ':' + student] || []).filter(function (mark) {
          return mark.value == null;
        }).length
      : 0;
    var typedDebts = wanted.values.filter(function (value) {
      return value === debtSign;
    }).length;
    var unknown = wanted.values.filter(function (value) {
      return (value === debtSign && typedDebts > savedDebts) || (value !== debtSign && scale.indexOf(value) < 0);
    });
    if (unknown.length > 0) {
      var message = config.invalid
        .replace('{value}', unknown[0])
        .replace('{marks}', scale.join(', '))
        .replace('{codes}', codes.join(', '));
      return Promise.reject(new Error(message));
    }
    if (wanted.code && !column.lesson) return Promise.reject(new Error(config.noLesson));
    var steps = Promise.resolve();
    var marksChanged = false;
    if (column.lesson) {
      var absenceKey = column.lesson + ':' + student;
      if ((absences[absenceKey] || null) !== wanted.code) {
        steps = steps.then(function () {
          var url = '/api/v1/lessons/' + column.lesson + '/attendance/' + student;
          var version = absenceVersions[absenceKey] || 0;
          return api('PUT', url, { code: wanted.code, version: version }).then(
            function (record) {
              rememberAbsence(absenceKey, record);
            },
            function (error) {
              // Changed by someone else since the page was drawn: show what it is now; typing
              // the value again replaces it, knowingly.
              if (error.status !== 409 || !error.problem || !error.problem.current) throw error;
              var current = JSON.parse(error.problem.current);
              rememberAbsence(absenceKey, current.code ? current : null, current.version);
              throw new Error(config.attendanceChanged.replace('{code}', current.code || config.present));
            }
          );
        });
      }
    }
    return steps
      .then(function () {
        if (!column.work && wanted.values.length === 0) return;
        return ensureWork(column).then(function (work) {
          var key = work + ':' + student;
          var saved = (marks[key] || []).slice();
          var adding = [];
          wanted.values.forEach(function (value) {
            var same = saved.findIndex(function (mark) {
              return (mark.value == null ? debtSign : mark.value) === value;
            });
            if (same >= 0) saved.splice(same, 1);
            else adding.push(value);
          });
          var chain = Promise.resolve();
          saved.forEach(function (mark, index) {
            marksChanged = true;
            chain = chain.then(function () {
              if (index < adding.length) {
                return api('PATCH', '/api/v1/marks/' + mark.id, {
                  version: mark.version,
                  value: adding[index],
                  comment: mark.comment,
                  isDebt: false,
                }).then(function (changed) {
                  replace(key, mark.id, changed);
                });
              }
              return api('DELETE', '/api/v1/marks/' + mark.id + '?version=' + mark.version).then(function () {
                replace(key, mark.id, null);
              });
            });
          });
          adding.slice(saved.length).forEach(function (value) {
            marksChanged = true;
            chain = chain.then(function () {
              return api('POST', '/api/v1/marks', {
                workID: Number(work),
                studentID: Number(student),
                value: value,
                isDebt: false,
              }).then(function (mark) {
                marks[key] = (marks[key] || []).concat([entry(mark)]);
              });
            });
          });
          return chain;
        });
      })
      .then(function () {
        return marksChanged;
      });
  }

  function rememberAbsence(key, record, version) {
    if (record && record.code) {
      absences[key] = record.code;
      absenceVersions[key] = record.version;
    } else {
      delete absences[key];
      absenceVersions[key] = version || 0;
    }
  }

  function entry(mark) {
    return { id: mark.id, version: mark.version, value: mark.value, comment: mark.comment, debt: mark.isDebt };
  }

  function replace(key, id, mark) {
    marks[key] = (marks[key] || [])
      .map(function (saved) {
        return saved.id === id ? (mark ? entry(mark) : null) : saved;
      })
      .filter(Boolean);
  }

  function setState(input, state) {
    var td = input.parentNode;
    ['saving', 'saved', 'failed'].forEach(function (name) {
      td.classList.toggle(name, name === state);
    });
  }

  function describe(input) {
    var at = position(input);
    return body.rows[at.row].dataset.name + ', ' + columns[at.col].date;
  }

  function say(text, failed) {
    statusLine.textContent = text;
    statusLine.classList.toggle('failed', !!failed);
  }

  // Saves a cell whose text differs from what is saved; saves run one after another.
  function save(input) {
    var typed = input.value;
    if (canonicalText(typed) === render(input)) {
      if (input.parentNode.classList.contains('failed')) setState(input, '');
      return;
    }
    // Enter saves and then leaving the cell would again: one save of a value is enough.
    if (input.dataset.queued === typed) return;
    input.dataset.queued = typed;
    pending++;
    setState(input, 'saving');
    say(config.saving + ' ' + describe(input));
    queue = queue
      .then(function () {
        return apply(input, typed);
      })
      .then(
        function (marksChanged) {
          setState(input, 'saved');
          if (document.activeElement !== input || input.value === typed) input.value = render(input);
          refreshLesson(input);
          say(config.saved + ': ' + describe(input));
          if (marksChanged) refreshStanding(body.rows[position(input).row]);
        },
        function (error) {
          setState(input, 'failed');
          say(config.failed + ': ' + describe(input) + ' \u2014 ' + error.message, true);
        }
      )
      .then(function () {
        if (input.dataset.queued === typed) delete input.dataset.queued;
        pending--;
      });
  }

  // The other columns of the same lesson show the same absence code.
  function refreshLesson(input) {
    var at = position(input);
    var lesson = columns[at.col].lesson;
    columns.forEach(function (column, col) {
      var other = inputAt(at.row, col);
      if (column.lesson !== lesson || !lesson) return;
      markAbsent(other);
      if (other === input || other.parentNode.classList.contains('failed') || other === document.activeElement) return;
      other.value = render(other);
    });
  }

  function explanation(student) {
    return api(
      'GET',
      '/api/v1/students/' + student + '/subjects/' + config.subject + '/explanation?period=' +
        encodeURIComponent(config.period)
    );
  }

  function number(value) {
    return value == null ? '\u2014' : String(Math.round(value * 100) / 100);
  }

  function refreshStanding(tr) {
    explanation(tr.dataset.student).then(
      function (row) {
        var standing = row.standing;
        if (!standing) return;
        tr.querySelector('.average').textContent = number(standing.weighted.average);
        tr.querySelector('.recommended strong').textContent = standing.recommended || '\u2014';
        tr.querySelector('.forecast').textContent = standing.forecast || '\u2014';
      },
      function () {}
    );
  }

  function shortDate(text) {
    var parts = String(text).split('-');
    return parts.length === 3 ? parts[2] + '.' + parts[1] : text;
  }

  function explain(button) {
    var panel = document.getElementById('explanation');
    var list = document.getElementById('explanation-marks');
    var summary = document.getElementById('explanation-summary');
    explanation(button.dataset.student).then(
      function (row) {
        document.getElementById('explanation-title').textContent = button.dataset.name;
        list.textContent = '';
        var standing = row.standing;
        var explained = standing ? standing.weighted.marks : [];
        explained.forEach(function (mark) {
          var tr = document.createElement('tr');
          if (!mark.counted) tr.className = 'not-counted';
          [
            shortDate(mark.date),
            mark.value == null ? debtSign : mark.value,
            mark.workTypeTitle,
            number(mark.weight),
            mark.counted ? '\u2713' : mark.note || '',
          ].forEach(function (text) {
            var td = document.createElement('td');
            td.textContent = text;
            tr.appendChild(td);
          });
          list.appendChild(tr);
        });
        summary.textContent = explained.length === 0
          ? summary.dataset.none
          : summary.dataset.average + ': ' + number(standing.weighted.average) + '. ' +
            summary.dataset.recommended + ': ' + (standing.recommended || '\u2014') + '. ' +
            summary.dataset.forecast + ': ' + (standing.forecast || '\u2014') + '. ' + (standing.rule || '');
        panel.hidden = false;
        panel.focus();
        panel.scrollIntoView({ block: 'nearest' });
      },
      function (error) {
        say(error.message, true);
      }
    );
  }

  // The next enabled cell from `at` in the direction (rows, cols), or null at the edge.
  function step(at, rows, cols) {
    var row = at.row + rows;
    var col = at.col + cols;
    for (var input = inputAt(row, col); input; input = inputAt((row += rows), (col += cols))) {
      if (!input.disabled) return input;
    }
    return null;
  }

  // After the last student, Enter goes on to the first student of the next column.
  function topOfNext(at) {
    for (var col = at.col + 1; col < columns.length; col++) {
      var input = step({ row: -1, col: col }, 1, 0);
      if (input) return input;
    }
    return null;
  }

  // The history of the cell last entered: its marks and its attendance, for whoever may read it.
  var cellHistory = document.getElementById('cell-history');
  table.addEventListener('focusin', function (event) {
    var input = event.target;
    if (!cellHistory || input.tagName !== 'INPUT' || !body.contains(input)) return;
    var at = position(input);
    var column = columns[at.col];
    var tr = body.rows[at.row];
    if (!column || !tr) return;
    var url = cellHistory.dataset.base + '&studentID=' + tr.dataset.student;
    if (column.lesson) url += '&lessonID=' + column.lesson;
    if (column.work) url += '&workID=' + column.work;
    cellHistory.href = url;
    cellHistory.textContent = cellHistory.dataset.label + ': ' + tr.dataset.name + ', ' + column.date;
    cellHistory.hidden = false;
  });

  table.addEventListener('keydown', function (event) {
    var input = event.target;
    if (input.tagName !== 'INPUT' || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    var at = position(input);
    var target;
    switch (event.key) {
      case 'ArrowLeft':
        target = step(at, 0, -1);
        break;
      case 'ArrowRight':
        target = step(at, 0, 1);
        break;
      case 'ArrowUp':
        target = step(at, -1, 0);
        break;
      case 'ArrowDown':
        target = step(at, 1, 0);
        break;
      case 'Enter':
        save(input);
        target = event.shiftKey ? step(at, -1, 0) : step(at, 1, 0) || topOfNext(at);
        break;
      case 'Escape':
        input.value = render(input);
        setState(input, '');
        input.select();
        event.preventDefault();
        return;
      default:
        return;
    }
    if (event.shiftKey && event.key !== 'Enter') return;
    event.preventDefault();
    if (target) {
      target.focus();
      target.select();
    }
  });

  table.addEventListener('change', function (event) {
    if (event.target.tagName === 'INPUT') save(event.target);
  });

  table.addEventListener('click', function (event) {
    var button = event.target.closest('.explain-button');
    if (button) explain(button);
  });

  window.addEventListener('beforeunload', function (event) {
    if (pending > 0) {
      say(config.pending, true);
      event.preventDefault();
      event.returnValue = '';
    }
  });

  // Show the latest lessons: scroll so that the column of today (or the last one before it)
  // ends at the right edge.
  var wrap = document.getElementById('grid-wrap');
  var last = table.tHead.querySelector('th[data-latest]');
  if (wrap && last) wrap.scrollLeft = Math.max(0, last.offsetLeft + last.offsetWidth - wrap.clientWidth);
})();
