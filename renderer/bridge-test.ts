/**
 * "Test connection": main asks the bridge in the saved settings with the kept token and answers
 * one line per check (reachable, authenticated, clock, callbacks), each said in words and
 * marked by a glyph as well as a colour.
 */
import type { BridgeCheckName, BridgeTest, TedeeTrayApi } from '../preload/contract.ts';
import { button, h, markBusy } from './dom.ts';
import { icon } from './icons.ts';
import type { IconName } from './icons.ts';
import { invokeSafely } from './invoke-safely.ts';

const CHECK_LABELS: Readonly<Record<BridgeCheckName, string>> = {
  reachable: 'Reachable',
  authenticated: 'Token accepted',
  clock: 'Clock',
  callbacks: 'Callbacks',
};

type Outcome = BridgeTest['checks'][number]['outcome'];

const OUTCOMES: Readonly<Record<Outcome, { words: string; glyph: IconName; tone: string }>> = {
  ok: { words: 'works', glyph: 'check', tone: 'ok' },
  failed: { words: 'problem', glyph: 'attention', tone: 'alert' },
  unknown: { words: 'not known', glyph: 'info', tone: 'muted' },
};

export function createBridgeTest(api: TedeeTrayApi): HTMLElement {
  const results = h('ul', { class: 'bridge-checks', id: 'bridge-checks', 'aria-live': 'polite' });
  const error = h('p', {
    class: 'inline-error',
    role: 'alert',
    hidden: true,
    id: 'bridge-test-error',
  });
  const run = button('Test connection', () => void test(), { id: 'bridge-test' });

  async function test(): Promise<void> {
    if (run.hasAttribute('aria-disabled')) return;
    markBusy(run, true);
    run.textContent = 'Testing…';
    const answer = await invokeSafely(() => api.testBridge());
    markBusy(run, false);
    run.textContent = 'Test connection';
    error.hidden = answer.ok;
    error.textContent = answer.ok ? '' : answer.error;
    results.replaceChildren(...(answer.ok ? answer.data.checks.map(checkLine) : []));
  }

  return h(
    'div',
    { class: 'bridge-test' },
    h('div', { class: 'form-actions' }, run),
    error,
    results,
  );
}

function checkLine(check: BridgeTest['checks'][number]): HTMLElement {
  const look = OUTCOMES[check.outcome];
  return h(
    'li',
    {
      class: `bridge-check tone-${look.tone}`,
      'data-check': check.name,
      'data-outcome': check.outcome,
    },
    icon(look.glyph, 'icon icon-small'),
    h('span', {}, h('strong', {}, `${CHECK_LABELS[check.name]}: ${look.words}. `), check.detail),
  );
}
