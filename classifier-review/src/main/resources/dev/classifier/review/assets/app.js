// The review page. Every piece of data (article text, labels, reasons, names) reaches the screen through
// textContent, never as HTML; the page runs no inline script and loads nothing but its own files.
'use strict';
(function () {
  const TEXT = window.REVIEW_TEXT;
  const $ = (id) => document.getElementById(id);
  const state = {
    token: null, session: null, lang: 'en', queue: [], seen: new Set(), current: null, chosen: null,
    undo: [], fetching: null, exhausted: false, skipped: 0, statsTimer: null
  };

  function t(key, values) {
    let s = (TEXT[state.lang] && TEXT[state.lang][key]) || TEXT.en[key] || key;
    for (const [k, v] of Object.entries(values || {})) s = s.split('{' + k + '}').join(String(v));
    return s;
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.title = t('title');
    if (state.session) $('reviewer').textContent = t('reviewer', { name: state.session.reviewer });
    if (state.current) render(state.current);
  }

  function readToken() {
    const match = /[#&]token=([A-Za-z0-9_-]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem('review-token', match[1]);
      history.replaceState(null, '', location.pathname);   // the token leaves the address bar and the history
    }
    return sessionStorage.getItem('review-token');
  }

  async function api(method, path, body) {
    const init = { method, headers: { 'X-Review-Token': state.token }, cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    return { status: response.status, json };
  }

  function setStatus(message, kind) {
    const el = $('status');
    el.textContent = message;
    el.className = kind || '';
  }

  function problem(message) {
    $('item').hidden = true;
    $('empty').hidden = true;
    $('problem').hidden = false;
    $('problem-text').textContent = message;
  }

  function percent(x) { return (x * 100).toFixed(0) + '%'; }

  function render(item) {
    $('problem').hidden = true;
    $('empty').hidden = true;
    $('item').hidden = false;
    $('item').dataset.itemId = item.id;
    $('why').textContent = t('why.' + item.why.code) + (item.why.detail ? ' · ' + item.why.detail : '');
    $('title').textContent = item.title;
    $('body').textContent = item.body;
    const p = item.prediction;
    $('predicted').textContent = p.label;
    $('confidence').textContent = p.confidence === null ? t('unknown') : p.confidence.toFixed(2);
    const list = $('scores');
    list.replaceChildren();
    state.session.labels.forEach((category, i) => {
      const li = document.createElement('li');
      li.dataset.label = category.label;
      li.title = category.description;
      if (category.label === p.label) li.classList.add('top');
      if (category.label === state.chosen) li.classList.add('chosen');
      const key = document.createElement('span');
      key.className = 'key';
      key.textContent = i < 9 ? String(i + 1) : '';
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = category.label;
      const bar = document.createElement('span');
      bar.className = 'bar';
      const fill = document.createElement('span');
      fill.className = 'fill';
      const score = p.scores[category.label];
      fill.style.width = ((score || 0) * 100).toFixed(1) + '%';   // CSSOM: allowed under style-src 'self'
      bar.appendChild(fill);
      const value = document.createElement('span');
      value.className = 'value';
      value.textContent = score === undefined ? '' : score.toFixed(2);
      li.append(key, name, bar, value);
      li.addEventListener('click', () => choose(category.label));
      list.appendChild(li);
    });
    const similar = $('similar');
    similar.replaceChildren();
    if (item.similar.length === 0) {
      const li = document.createElement('li');
      li.textContent = t('noSimilar');
      similar.appendChild(li);
    }
    for (const s of item.similar) {
      const li = document.createElement('li');
      const title = document.createElement('span');
      title.textContent = s.title + ' ';
      const move = document.createElement('span');
      move.className = 'move';
      move.textContent = s.from + ' → ' + s.to;
      li.append(title, move);
      if (s.reason) {
        const reason = document.createElement('span');
        reason.className = 'reason';
        reason.textContent = ' — ' + s.reason;
        li.appendChild(reason);
      }
      similar.appendChild(li);
    }
  }

  function showNext() {
    state.chosen = null;
    $('reason-box').hidden = true;
    $('reason').value = '';
    state.current = state.queue.shift() || null;
    if (state.current) {
      render(state.current);
    } else {
      $('item').hidden = true;
      $('empty').hidden = state.fetching !== null;
      delete $('item').dataset.itemId;
    }
    if (state.queue.length < 25 && !state.exhausted) fill();   // well ahead of a fast reviewer
  }

  function fill() {
    if (state.fetching) return state.fetching;
    const limit = Math.min(100, 50 + state.queue.length + state.skipped + (state.current ? 1 : 0));
    state.fetching = api('GET', '/api/items?limit=' + limit).then(({ status, json }) => {
      if (status !== 200) { problem(t('failed', { message: json && json.error ? json.error.message : status })); return; }
      let added = 0;
      for (const item of json.items) {
        if (!state.seen.has(item.articleId)) {
          state.seen.add(item.articleId);
          state.queue.push(item);
          added++;
        }
      }
      state.exhausted = added === 0;   // asked again only after a decision or an undo
    }).catch((e) => problem(t('failed', { message: e.message }))).finally(() => {
      state.fetching = null;
      if (!state.current && $('problem').hidden) showNext();
    });
    return state.fetching;
  }

  function choose(label) {
    if (!state.current) return;
    if (label === state.current.prediction.label) { decide(label, ''); return; }
    state.chosen = label;
    $('chosen').textContent = label;
    $('reason-box').hidden = false;
    render(state.current);
    $('reason').focus();
  }

  async function decide(label, reason) {
    const item = state.current;
    if (!item) return;
    state.exhausted = false;
    showNext();
    setStatus(t('saving'));
    try {
      const { status, json } = await api('POST', '/api/decisions', { item: item.id, label, reason });
      if (status === 201) {
        state.undo.push({ feedbackId: json.feedbackId, item });
        setStatus(t(json.correction ? 'savedCorrection' : 'saved') + ': ' + item.title, 'saved');
        refreshStats();
      } else if (status === 409 && json.error.code === 'taken') {
        setStatus(t('taken', { by: json.error.by, label: json.error.label }), 'error');
      } else {
        if (status >= 500) {   // not known to be saved: back on screen, to send again
          if (state.current) state.queue.unshift(state.current);
          state.current = item;
          render(item);
        }
        setStatus(t('failed', { message: json && json.error ? json.error.message : status }), 'error');
      }
    } catch (e) {
      setStatus(t('failed', { message: e.message }), 'error');
    }
  }

  async function undo() {
    const last = state.undo.pop();
    if (!last) { setStatus(t('nothingToUndo')); return; }
    const { status, json } = await api('POST', '/api/undo', { feedbackId: last.feedbackId });
    if (status === 200) {
      if (state.current) state.queue.unshift(state.current);
      state.current = json.item;
      state.chosen = null;
      $('reason-box').hidden = true;
      render(json.item);
      setStatus(t('undone') + ': ' + json.item.title, 'saved');
      refreshStats();
    } else {
      setStatus(t('failed', { message: json && json.error ? json.error.message : status }), 'error');
    }
  }

  async function refreshStats() {
    const { status, json } = await api('GET', '/api/stats');
    if (status !== 200) return;
    $('stats-today').textContent = String(json.reviewedToday);
    $('stats-accuracy').textContent = json.accuracy === null ? '–'
      : percent(json.accuracy) + ' (' + json.accepted + '/' + json.reviewed + ')';
    $('stats-pending').textContent = json.notInModel === null ? '?' : String(json.notInModel);
    $('last-check').textContent = json.last ? t('modelSays', { label: json.last.modelSays, model: json.last.model }) : '';
    clearTimeout(state.statsTimer);
    if (json.notInModel) state.statsTimer = setTimeout(refreshStats, 2000);   // until the model catches up
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof HTMLButtonElement) return;   // Enter on a button is the button's
    if (event.target === $('reason')) {
      if (event.key === 'Enter') { event.preventDefault(); decide(state.chosen, $('reason').value); }
      else if (event.key === 'Escape') { event.preventDefault(); state.chosen = null; $('reason-box').hidden = true; render(state.current); }
      return;
    }
    const key = event.key.toLowerCase();
    if (key === 'enter' || key === 'a') { event.preventDefault(); if (state.current) decide(state.current.prediction.label, ''); }
    else if (/^[1-9]$/.test(key)) {
      const category = state.session.labels[Number(key) - 1];
      if (category) { event.preventDefault(); choose(category.label); }
    } else if (key === 's') {
      event.preventDefault();
      if (state.current) { state.skipped++; setStatus(t('skipped') + ': ' + state.current.title); showNext(); }
    } else if (key === 'u') { event.preventDefault(); undo(); }
  }

  async function start() {
    const saved = localStorage.getItem('review-lang');
    state.lang = saved || (/^zh/i.test(navigator.language || '') ? 'zh' : 'en');
    $('lang').addEventListener('click', () => {
      state.lang = state.lang === 'zh' ? 'en' : 'zh';
      localStorage.setItem('review-lang', state.lang);
      applyLanguage();
      $('lang').blur();
    });
    applyLanguage();
    state.token = readToken();
    if (!state.token) { problem(t('noToken')); return; }
    const { status, json } = await api('GET', '/api/session');
    if (status !== 200) { problem(t('failed', { message: json && json.error ? json.error.message : status })); return; }
    state.session = json;
    applyLanguage();
    document.addEventListener('keydown', onKey);
    refreshStats();
    await fill();
  }

  start();
})();
