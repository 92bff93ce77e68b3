// The bothooks inspector: deliveries arrive over server-sent events and are drawn with DOM methods only.
// Everything in a delivery comes from whoever sent the request, so it only ever reaches the page as
// textContent or an attribute value, never as markup.

const state = {
  /** @type {Map<number, any>} */
  deliveries: new Map(),
  selected: undefined,
  forwardTo: undefined,
  filter: { type: '', platform: '' },
};

const byId = (id) => document.getElementById(id);

/** An element with a class and text, nothing parsed. */
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function time(iso) {
  return typeof iso === 'string' ? iso.slice(11, 23) : '';
}

function verdictBadge(signature) {
  const badge = element('span', `badge verdict-${signature.verdict}`, signature.verdict);
  if (signature.message) badge.title = signature.message;
  return badge;
}

function answerText(answer) {
  return answer.detail ? `${answer.status} ${answer.detail}` : String(answer.status);
}

function matches(delivery) {
  const { type, platform } = state.filter;
  return (type === '' || delivery.type === type) && (platform === '' || delivery.platform === platform);
}

function row(delivery) {
  const tr = element('tr', 'delivery');
  tr.dataset.id = String(delivery.id);
  tr.tabIndex = 0;
  tr.append(
    element('td', 'time', time(delivery.receivedAt)),
    element('td', 'type', delivery.type ?? `${delivery.method} ${delivery.url}`),
    element('td', 'platform', delivery.platform ?? ''),
    element('td', 'text', delivery.text ?? ''),
  );
  const verdict = element('td', 'verdict');
  verdict.append(verdictBadge(delivery.signature));
  const answer = element(
    'td',
    `answer${delivery.answer.status >= 400 ? ' failed' : ''}`,
    String(delivery.answer.status),
  );
  tr.append(verdict, answer);
  if (delivery.id === state.selected) tr.classList.add('selected');
  tr.hidden = !matches(delivery);
  tr.addEventListener('click', () => select(delivery.id));
  tr.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') select(delivery.id);
  });
  return tr;
}

function renderCount() {
  const all = state.deliveries.size;
  const shown = [...state.deliveries.values()].filter(matches).length;
  byId('count').textContent =
    shown === all ? `${all} deliver${all === 1 ? 'y' : 'ies'}` : `${shown} of ${all} deliveries`;
  byId('empty').hidden = all > 0;
}

function addOption(select, value) {
  if ([...select.options].some((option) => option.value === value)) return;
  const option = element('option', '', value);
  option.value = value;
  select.append(option);
}

function rememberFilters(delivery) {
  if (delivery.type) addOption(byId('filter-type'), delivery.type);
  if (delivery.platform) addOption(byId('filter-platform'), delivery.platform);
}

function upsert(delivery) {
  const isNew = !state.deliveries.has(delivery.id);
  state.deliveries.set(delivery.id, delivery);
  rememberFilters(delivery);
  const fresh = row(delivery);
  const existing = byId('rows').querySelector(`tr[data-id="${delivery.id}"]`);
  if (existing) existing.replaceWith(fresh);
  else byId('rows').prepend(fresh);
  if (isNew && state.selected === undefined) select(delivery.id);
  else if (delivery.id === state.selected) renderDetail();
  renderCount();
}

function select(id) {
  state.selected = id;
  for (const tr of byId('rows').querySelectorAll('tr.delivery')) {
    tr.classList.toggle('selected', tr.dataset.id === String(id));
  }
  renderDetail();
}

function definitionText(id, text, className) {
  const node = byId(id);
  node.textContent = text;
  node.className = className ?? '';
}

function forwardItem(attempt) {
  const label = attempt.resend ? 'resent' : 'relayed';
  const outcome =
    attempt.status === undefined
      ? `failed: ${attempt.error?.message ?? 'no answer'} (${attempt.error?.code ?? ''})`
      : `${attempt.status} ${attempt.statusText ?? ''}`.trim();
  const item = element('li', attempt.status !== undefined && attempt.status < 300 ? 'ok' : 'failed');
  item.append(
    element('span', 'when', time(attempt.at)),
    element('span', 'label', `${label} to ${attempt.url}`),
    element('strong', 'result', outcome),
    element('span', 'latency', `${attempt.latencyMs} ms`),
  );
  if (attempt.bodyExcerpt) item.append(element('pre', 'excerpt', attempt.bodyExcerpt));
  return item;
}

function prettyBody(delivery) {
  if (delivery.event !== undefined) return JSON.stringify(delivery.event, null, 2);
  if (delivery.body === '') return '(empty)';
  return delivery.body + (delivery.bodyTruncated ? '\n… (cut: larger than the listener accepts)' : '');
}

function renderDetail() {
  const delivery = state.deliveries.get(state.selected);
  byId('detail').hidden = delivery === undefined;
  if (delivery === undefined) return;
  byId('detail-title').textContent = delivery.type ?? 'not a bothooks event';
  const context = [delivery.platform, delivery.conversation, delivery.user].filter(Boolean).join(' · ');
  byId('detail-request').textContent =
    `#${delivery.id}  ${delivery.method} ${delivery.url}${context ? `  ·  ${context}` : ''}`;

  const signature = delivery.signature;
  const reason = signature.message ? `: ${signature.code} (${signature.message})` : '';
  definitionText(
    'detail-signature',
    `${signature.verdict}${reason}`,
    `verdict-text verdict-${signature.verdict}`,
  );
  definitionText('detail-answer', answerText(delivery.answer), delivery.answer.status >= 400 ? 'failed' : '');
  definitionText('detail-webhook-id', delivery.webhookId ?? '(none)');

  const forwards = byId('detail-forwards');
  forwards.replaceChildren(...delivery.forwards.map(forwardItem));
  if (delivery.forwards.length === 0) forwards.append(element('li', 'none', 'not forwarded'));
  const resend = byId('resend');
  resend.disabled = state.forwardTo === undefined;
  resend.title = state.forwardTo === undefined ? 'start the listener with --forward-to URL to resend' : '';

  byId('body-title').textContent = delivery.method === 'GET' ? 'Query parameters' : 'Body';
  byId('detail-body').textContent = prettyBody(delivery);
  const headers = byId('detail-headers');
  headers.replaceChildren(
    ...delivery.headers.map(([name, value]) => {
      const tr = element('tr');
      tr.append(element('th', '', name), element('td', '', value));
      return tr;
    }),
  );
}

async function resendSelected() {
  const id = state.selected;
  if (id === undefined) return;
  const note = byId('resend-note');
  note.textContent = 'resending…';
  try {
    const response = await fetch(`/deliveries/${id}/resend`, { method: 'POST' });
    const result = await response.json();
    note.textContent = response.ok
      ? `resent: ${result.status ?? result.error?.message ?? ''}`
      : `could not resend: ${result.error}`;
  } catch (error) {
    note.textContent = `could not resend: ${error}`;
  }
}

function showInfo(info) {
  // A (re)connection sends everything the listener keeps, so start over from it.
  state.deliveries.clear();
  state.selected = undefined;
  byId('rows').replaceChildren();
  byId('detail').hidden = true;
  state.forwardTo = info.forwardTo;
  byId('listen-url').textContent = info.listenUrl;
  byId('secret').textContent = info.secret ? 'checked with --secret' : 'not checked (no --secret)';
  byId('forward-to').textContent = info.forwardTo ?? 'nowhere (no --forward-to)';
  byId('empty-command').textContent = `bothooks send ${info.listenUrl}`;
  for (const type of info.types) addOption(byId('filter-type'), type);
  for (const platform of info.platforms) addOption(byId('filter-platform'), platform);
  renderCount();
}

function connect() {
  const connection = byId('connection');
  const source = new EventSource('/events');
  source.addEventListener('open', () => {
    connection.dataset.state = 'live';
    connection.textContent = 'live';
  });
  source.addEventListener('error', () => {
    connection.dataset.state = 'offline';
    connection.textContent = 'listener stopped: reconnecting…';
  });
  source.addEventListener('info', (event) => showInfo(JSON.parse(event.data)));
  source.addEventListener('delivery', (event) => upsert(JSON.parse(event.data)));
  source.addEventListener('update', (event) => upsert(JSON.parse(event.data)));
}

function start() {
  byId('filters').addEventListener('change', () => {
    state.filter.type = byId('filter-type').value;
    state.filter.platform = byId('filter-platform').value;
    for (const tr of byId('rows').querySelectorAll('tr.delivery')) {
      tr.hidden = !matches(state.deliveries.get(Number(tr.dataset.id)));
    }
    renderCount();
  });
  byId('filters').addEventListener('submit', (event) => event.preventDefault());
  byId('resend').addEventListener('click', resendSelected);
  connect();
}

start();
