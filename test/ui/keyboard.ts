import type { Locator, Page } from 'playwright-core';

/** Whether the element is the one with keyboard focus. */
export const hasFocus = (target: Locator): Promise<boolean> => target.evaluate((element) => element === element.ownerDocument.activeElement);

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would; fails when it is
 * never reached, which is what a control left out of the focus order looks like.
 */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}): Promise<number> {
  const max = options.max ?? 80;
  for (let presses = 0; presses <= max; presses += 1) {
    if (await hasFocus(target)) return presses;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target.toString()} in ${max} presses`);
}

/** Replaces the text of the focused field by typing. */
export async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** The Tab stops after the focused element, by accessible name (what a screen reader announces). */
export async function nextStops(page: Page, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let index = 0; index < count; index += 1) {
    await page.keyboard.press('Tab');
    // The accessibility tree's own line for the element, such as `- textbox "Operación"`.
    const line = (await page.locator(':focus').ariaSnapshot()).split('\n')[0] ?? '';
    names.push(/"(.*)"/.exec(line)?.[1] ?? line);
  }
  return names;
}
