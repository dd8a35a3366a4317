// Renders the reprobuild report from the JSON the tool embedded in the page, with Chart.js (inlined above).
// Everything the page needs is in the file: no network, no fonts, no other scripts. When rendering ends, the
// <html> element carries data-reprobuild-status ("rendered" or "failed"), data-charts (charts drawn) and
// data-errors (script errors seen), which is what the end-to-end test reads from the DOM.
(function () {
  'use strict';

  var errors = [];
  function recordError(message) {
    errors.push(String(message));
    var list = document.getElementById('reprobuild-errors');
    if (list) {
      list.hidden = false;
      var item = document.createElement('li');
      item.textContent = String(message);
      list.appendChild(item);
    }
    document.documentElement.setAttribute('data-errors', String(errors.length));
  }
  window.addEventListener('error', function (e) { recordError(e.message || 'script error'); });
  window.addEventListener('unhandledrejection', function (e) { recordError(e.reason || 'unhandled rejection'); });
  var consoleError = console.error;
  console.error = function () {
    recordError(Array.prototype.join.call(arguments, ' '));
    consoleError.apply(console, arguments);
  };

  var palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
  var chartsDrawn = 0;

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === 'text') { node.textContent = attributes[key]; } else { node.setAttribute(key, attributes[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function fmt(value) {
    if (value === null || value === undefined) { return '–'; }
    if (typeof value !== 'number') { return String(value); }
    if (!isFinite(value)) { return String(value); }
    return Number(value.toPrecision(6)).toString();
  }

  function table(headers, rows, numeric) {
    var head = el('tr', {}, headers.map(function (h) { return el('th', { text: h }); }));
    var body = rows.map(function (row) {
      return el('tr', {}, row.map(function (cell, i) {
        var td = el('td', { text: fmt(cell) });
        if (numeric && numeric.indexOf(i) >= 0) { td.className = 'num'; }
        return td;
      }));
    });
    return el('table', {}, [el('thead', {}, [head]), el('tbody', {}, body)]);
  }

  // A chart in a fixed-size box; counted as drawn only when Chart.js laid it out.
  function chart(parent, title, config, wide, height) {
    var box = el('figure', { class: wide ? 'chart wide' : 'chart' }, [el('figcaption', { text: title })]);
    var canvas = el('canvas', { role: 'img', 'aria-label': title });
    var canvasBox = el('div', { class: 'canvas-box' }, [canvas]);
    if (height) { canvasBox.style.height = height + 'px'; }
    box.appendChild(canvasBox);
    parent.appendChild(box);
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
    var instance = new Chart(canvas, config);
    if (instance.chartArea && instance.chartArea.right > instance.chartArea.left) { chartsDrawn++; }
    return instance;
  }

  function xy(xs, ys) { return xs.map(function (x, i) { return { x: x, y: ys[i] }; }); }

  function linearAxes(xTitle, yTitle, extra) {
    return Object.assign({
      x: { type: 'linear', title: { display: true, text: xTitle } },
      y: { type: 'linear', title: { display: true, text: yTitle } }
    }, extra || {});
  }

  function curveChart(parent, title, curves, pick, xTitle, yTitle, diagonal) {
    var datasets = curves.map(function (c, i) {
      return { label: c['class'], data: xy(pick(c).x, pick(c).y), showLine: true, pointRadius: 0, borderWidth: 2, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length] };
    });
    if (diagonal) {
      datasets.push({ label: 'chance', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], showLine: true, pointRadius: 0, borderDash: [4, 4], borderColor: '#9ca3af', backgroundColor: '#9ca3af' });
    }
    chart(parent, title, { type: 'scatter', data: { datasets: datasets }, options: { scales: linearAxes(xTitle, yTitle, { x: { type: 'linear', min: 0, max: 1, title: { display: true, text: xTitle } }, y: { type: 'linear', min: 0, max: 1, title: { display: true, text: yTitle } } }) } });
  }

  function confusionMatrix(parent, evaluation) {
    var classes = evaluation.classes;
    var matrix = evaluation.confusionMatrix;
    var max = Math.max.apply(null, matrix.map(function (r) { return Math.max.apply(null, r); }).concat([1]));
    var header = el('tr', {}, [el('th', { text: 'actual \\ predicted' })].concat(classes.map(function (c) { return el('th', { text: c }); })));
    var rows = matrix.map(function (row, r) {
      return el('tr', {}, [el('th', { text: classes[r] })].concat(row.map(function (count, c) {
        var cell = el('td', { class: 'num cm', text: String(count) });
        var strength = count / max;
        cell.style.background = (r === c ? 'rgba(37,99,235,' : 'rgba(220,38,38,') + (0.1 + 0.8 * strength).toFixed(3) + ')';
        if (strength > 0.55) { cell.style.color = '#fff'; }
        return cell;
      })));
    });
    parent.appendChild(el('figure', { class: 'chart matrix' }, [
      el('figcaption', { text: 'Confusion matrix (' + evaluation.rows + ' rows)' }),
      el('table', { class: 'confusion' }, [el('thead', {}, [header]), el('tbody', {}, rows)])
    ]));
  }

  function regressionCharts(parent, evaluation) {
    var points = evaluation.points;
    var all = points.actual.concat(points.predicted);
    var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all);
    var sampled = points.total > points.actual.length ? ' (' + points.actual.length + ' of ' + points.total + ' rows)' : ' (' + points.total + ' rows)';
    chart(parent, 'Predicted vs actual' + sampled, {
      type: 'scatter',
      data: { datasets: [
        { label: 'rows', data: xy(points.actual, points.predicted), pointRadius: 3, backgroundColor: 'rgba(37,99,235,0.6)' },
        { label: 'perfect', data: [{ x: lo, y: lo }, { x: hi, y: hi }], showLine: true, pointRadius: 0, borderDash: [4, 4], borderColor: '#9ca3af' }
      ] },
      options: { scales: linearAxes('actual', 'predicted') }
    });
    var residuals = points.actual.map(function (a, i) { return a - points.predicted[i]; });
    chart(parent, 'Residuals (actual − predicted)' + sampled, {
      type: 'scatter',
      data: { datasets: [
        { label: 'rows', data: xy(points.predicted, residuals), pointRadius: 3, backgroundColor: 'rgba(220,38,38,0.6)' },
        { label: 'zero', data: [{ x: Math.min.apply(null, points.predicted), y: 0 }, { x: Math.max.apply(null, points.predicted), y: 0 }], showLine: true, pointRadius: 0, borderDash: [4, 4], borderColor: '#9ca3af' }
      ] },
      options: { scales: linearAxes('predicted', 'residual') }
    });
  }

  function importanceChart(parent, importance) {
    var label = importance.kind === 'gain' ? 'gain' : importance.kind;
    chart(parent, 'Feature importance (' + label + ', top ' + importance.features.length + ' of ' + importance.total + ')', {
      type: 'bar',
      data: { labels: importance.features, datasets: [{ label: label, data: importance.weights, backgroundColor: importance.weights.map(function (w) { return w < 0 ? 'rgba(220,38,38,0.7)' : 'rgba(37,99,235,0.7)'; }) }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { y: { ticks: { autoSkip: false } } } }
    }, true, Math.max(160, 22 * importance.features.length + 60));
  }

  function experimentsTable(model) {
    var parameterNames = [];
    model.runs.forEach(function (run) {
      Object.keys(run.parameters || {}).forEach(function (p) { if (parameterNames.indexOf(p) < 0) { parameterNames.push(p); } });
    });
    parameterNames.sort();
    var headers = ['Run', 'Started (UTC)', 'Trainer', 'Seed'].concat(parameterNames, model.headline, ['Model sha256', 'Duration (s)', 'Commit']);
    var rows = model.runs.map(function (run) {
      return [run.reference, run.startedAt.replace('T', ' ').substring(0, 19), run.trainer, run.seed]
        .concat(parameterNames.map(function (p) { return (run.parameters || {})[p]; }))
        .concat(model.headline.map(function (m) { return (run.metrics || {})[m]; }))
        .concat([run.sha256.substring(0, 8), run.durationSeconds, run.gitCommit ? run.gitCommit.substring(0, 8) : '–']);
    });
    var numeric = [];
    for (var i = 4 + parameterNames.length; i < 4 + parameterNames.length + model.headline.length; i++) { numeric.push(i); }
    return table(headers, rows, numeric);
  }

  function historyCharts(parent, model) {
    var labels = model.runs.map(function (run) { return run.reference; });
    model.headline.forEach(function (metric, i) {
      chart(parent, metric + ' across runs', {
        type: 'line',
        data: { labels: labels, datasets: [{ label: metric, data: model.runs.map(function (run) { return (run.metrics || {})[metric]; }), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], pointRadius: 4, spanGaps: true }] },
        options: { plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: 'run (oldest → latest)' } } } }
      });
    });
  }

  // Sections are attached before their charts are made: Chart.js sizes a chart from its place in the page.
  function modelSection(main, model) {
    var section = el('section', { class: 'model', id: 'model-' + model.name });
    main.appendChild(section);
    var status = model.stale ? el('span', { class: 'badge stale', text: 'stale' }) : el('span', { class: 'badge ok', text: 'up to date' });
    section.appendChild(el('h2', {}, [document.createTextNode(model.name + ' '), status]));
    section.appendChild(el('p', { class: 'meta', text: model.task + ' with ' + model.trainer + (model.sha256 ? ' · model sha256 ' + model.sha256.substring(0, 12) : '') }));
    if (model.stale && model.reasons.length) {
      section.appendChild(el('ul', { class: 'reasons' }, model.reasons.map(function (r) { return el('li', { text: r }); })));
    }

    section.appendChild(el('h3', { text: 'Experiments (' + model.runs.length + ' runs)' }));
    if (model.runs.length) {
      section.appendChild(experimentsTable(model));
      var history = el('div', { class: 'charts' });
      section.appendChild(history);
      historyCharts(history, model);
    } else {
      section.appendChild(el('p', { class: 'note', text: 'No run records for this model yet: each build that trains it adds one.' }));
    }

    section.appendChild(el('h3', { text: 'Evaluation' }));
    var evaluation = model.evaluation;
    if (!evaluation) {
      section.appendChild(el('p', { class: 'note', text: 'No evaluation data: build the project with this version of ReproBuild to get the plots.' }));
      return section;
    }
    section.appendChild(el('p', { class: 'meta', text: 'On ' + evaluation.rows + ' held-out rows (' + evaluation.evaluatedOn + ').' }));
    if (model.metrics) {
      section.appendChild(table(['Metric', 'Value'], Object.keys(model.metrics).map(function (m) { return [m, model.metrics[m]]; }), [1]));
    }
    var plots = el('div', { class: 'charts' });
    section.appendChild(plots);
    if (evaluation.curves && evaluation.curves.length) {
      curveChart(plots, 'ROC curve', evaluation.curves, function (c) { return c.roc; }, 'false positive rate', 'true positive rate', true);
      curveChart(plots, 'Precision-recall curve', evaluation.curves, function (c) { return c.precisionRecall; }, 'recall', 'precision', false);
    }
    if (evaluation.confusionMatrix) { confusionMatrix(plots, evaluation); }
    if (evaluation.points) { regressionCharts(plots, evaluation); }
    if (evaluation.featureImportance && evaluation.featureImportance.features.length) {
      importanceChart(plots, evaluation.featureImportance);
    } else {
      plots.appendChild(el('p', { class: 'note', text: 'The ' + model.trainer + ' trainer gives no feature weights.' }));
    }
    return section;
  }

  function datasetSection(main, dataset) {
    var section = el('section', { class: 'dataset', id: 'dataset-' + dataset.name });
    main.appendChild(section);
    var status = dataset.stale ? el('span', { class: 'badge stale', text: 'stale' }) : el('span', { class: 'badge ok', text: 'up to date' });
    section.appendChild(el('h2', {}, [document.createTextNode('Dataset ' + dataset.name + ' '), status]));
    var report = dataset.report;
    if (!report) {
      section.appendChild(el('p', { class: 'note', text: 'No profile yet: build the project to inspect this dataset.' }));
      return section;
    }
    var findings = Object.keys(report.findings || {});
    section.appendChild(el('p', { class: 'meta', text: report.rows + ' rows · sha256 ' + report.sha256.substring(0, 12) + ' · ' +
      (report.valid ? 'valid' : 'invalid: ' + findings.map(function (f) { return f + ' × ' + report.findings[f]; }).join(', ')) }));
    var columns = report.columns || [];
    section.appendChild(table(['Column', 'Type', 'Values', 'Missing', 'Distinct', 'Min', 'Max', 'Mean', 'Std dev'], columns.map(function (c) {
      var p = c.profile || {};
      return [c.name, c.type, p.values, p.missing, (p.distinctCapped ? '≥' : '') + fmt(p.distinct), p.minimum, p.maximum, p.mean, p.standardDeviation];
    }), [2, 3, 4, 5, 6, 7, 8]));
    var grid = el('div', { class: 'charts small' });
    section.appendChild(grid);
    columns.filter(function (c) { return c.profile && c.profile.histogram; }).forEach(function (c) {
      var p = c.profile, width = (p.maximum - p.minimum) / p.histogram.length;
      var labels = p.histogram.map(function (_, i) { return fmt(p.minimum + width * i); });
      chart(grid, c.name, {
        type: 'bar',
        data: { labels: labels, datasets: [{ label: c.name, data: p.histogram, backgroundColor: 'rgba(37,99,235,0.6)', barPercentage: 1, categoryPercentage: 1 }] },
        options: { plugins: { legend: { display: false } }, scales: { x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 4 } } } }
      });
    });
    return section;
  }

  // Current data against the training data: the verdicts, then per compared column both distributions over the same bins.
  function driftSection(main, report) {
    var section = el('section', { class: 'drift', id: 'drift-' + report.model + '-' + report.source });
    main.appendChild(section);
    var verdict = report.datasetDrift ? el('span', { class: 'badge stale', text: 'dataset drift' }) : el('span', { class: 'badge ok', text: 'no dataset drift' });
    section.appendChild(el('h2', {}, [document.createTextNode('Drift: ' + report.model + ' on ' + report.source + ' '), verdict]));
    section.appendChild(el('p', { class: 'meta', text: report.driftedColumns + ' of ' + report.comparedColumns + ' columns drifted (share ' + fmt(report.driftShare) +
      '; the dataset drifts at ' + fmt(report.maxDriftShare) + ') · ' + report.rows + ' rows' }));
    section.appendChild(table(['Column', 'Kind', 'Method', 'Statistic', 'Threshold', 'Drift', 'Reference values', 'Current values'], report.columns.map(function (c) {
      return [c.column, c.kind, c.method, c.method ? c.statistic + ' ' + fmt(c.score) : null, c.threshold,
        c.method ? (c.drifted ? 'drift' : 'no') : 'not compared: ' + c.notCompared, c.referenceCount, c.currentCount];
    }), [4, 6, 7]));
    var grid = el('div', { class: 'charts' });
    section.appendChild(grid);
    report.columns.filter(function (c) { return c.method && c.histogram.bins.length > 0; }).forEach(function (c) {
      var relation = c.statistic === 'p-value' ? (c.drifted ? ' ≤ ' : ' > ') : (c.drifted ? ' ≥ ' : ' < ');
      chart(grid, c.column + ': ' + c.method + ' ' + fmt(c.score) + relation + fmt(c.threshold) + (c.drifted ? ' (drift)' : ''), {
        type: 'bar',
        data: {
          labels: c.histogram.bins,
          datasets: [
            { label: 'reference (training)', data: c.histogram.reference, backgroundColor: 'rgba(37,99,235,0.6)' },
            { label: 'current', data: c.histogram.current, backgroundColor: c.drifted ? 'rgba(220,38,38,0.6)' : 'rgba(22,163,74,0.6)' }
          ]
        },
        options: { scales: { x: { ticks: { maxRotation: 45, autoSkip: true } }, y: { title: { display: true, text: 'share of values' }, beginAtZero: true } } }
      });
    });
    return section;
  }

  function render() {
    var data = JSON.parse(document.getElementById('reprobuild-data').textContent);
    var main = document.getElementById('reprobuild-report');
    var summary = table(['Model', 'Task', 'Trainer', 'Status', 'Runs'].concat(['Headline metrics']), data.models.map(function (m) {
      return [m.name, m.task, m.trainer, m.stale ? 'stale' : 'up to date', m.runs.length,
        m.headline.map(function (h) { return h + ' ' + fmt((m.metrics || {})[h]); }).join(', ')];
    }), [4]);
    main.appendChild(el('section', { class: 'summary' }, [el('h2', { text: 'Models' }), summary]));
    data.models.forEach(function (m) { modelSection(main, m); });
    data.datasets.forEach(function (d) { datasetSection(main, d); });
    (data.drift || []).forEach(function (r) { driftSection(main, r); });
    return data;
  }

  function start() {
    var html = document.documentElement;
    try {
      if (typeof Chart === 'undefined') { throw new Error('Chart.js did not load'); }
      render();
      html.setAttribute('data-reprobuild-status', errors.length ? 'failed' : 'rendered');
    } catch (e) {
      recordError(e && e.stack ? e.stack : e);
      html.setAttribute('data-reprobuild-status', 'failed');
    }
    html.setAttribute('data-charts', String(chartsDrawn));
    html.setAttribute('data-errors', String(errors.length));
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
