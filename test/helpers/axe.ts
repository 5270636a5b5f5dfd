// axe-core run in a page: asserts no WCAG 2.1 A/AA violation, naming each rule and its elements.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type * as Axe from 'axe-core';

const AXE = 'node_modules/axe-core/axe.min.js';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function assertNoViolations(page: Page, what: string) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof Axe };
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, TAGS);
  const report = violations.map((v) => `  ${v.id} (${v.impact}): ${v.targets.join(' | ')}`).join('\n');
  assert.equal(violations.length, 0, `axe found on ${what}:\n${report}`);
}
