/**
 * @jest-environment jsdom
 */
/**
 * The compare view in jsdom (no worker: it paints on this thread): the
 * agreement map's canvas holds each class's colour at the mask opacity;
 * modes show and hide the layers; blend and swipe set opacity and clip
 * without painting; organ toggles repaint; the kernel's table is shown and
 * checked by the browser's core; the picture is the opaque map over grey.
 */
import { installBrowserStubs } from '../../__tests__/browser-stubs';
import { comparePayload } from '../../__tests__/valid-payloads';
import {
  createView,
  disposeView,
  IViewUnderTest,
  renderPayload,
  settle
} from '../../__tests__/view-harness';
import { AGREEMENT_COLORS, AgreementClass } from '../agreement-colors';
import { CompareView } from '../view';

installBrowserStubs();

/** RGBA of one pixel of a canvas of the view. */
function pixel(view: HTMLElement, selector: string, i: number): number[] {
  const canvas = view.querySelector<HTMLCanvasElement>(selector)!;
  const data = canvas
    .getContext('2d')!
    .getImageData(i % canvas.width, Math.floor(i / canvas.width), 1, 1).data;
  return Array.from(data);
}

/** What the small payload's pixels are (see `comparePayload`). */
const PIXELS: Record<AgreementClass, number> = {
  // Right lung: A "18 3 …" (pixels 17–19), B "19 3 …" (18–20).
  both: 18,
  onlyA: 17,
  onlyB: 20
};

describe('the compare view', () => {
  let under: IViewUnderTest;
  let node: HTMLElement;

  beforeEach(async () => {
    under = createView('compare');
    const outcome = await renderPayload(under, comparePayload());
    expect(outcome.state).toBe('painted');
    node = under.view.node;
  });

  afterEach(() => disposeView(under));

  it('paints the agreement map in the class colours at the mask opacity', () => {
    expect(node.dataset.mode).toBe('agreement');
    const alpha = Math.round(under.settings.current.opacity * 255);
    for (const [kind, i] of Object.entries(PIXELS)) {
      expect(pixel(node, '.jp-chexmask-agreement-map', i)).toEqual([
        ...AGREEMENT_COLORS[kind as AgreementClass].rgb,
        alpha
      ]);
    }
    expect(pixel(node, '.jp-chexmask-agreement-map', 0)).toEqual([0, 0, 0, 0]);
    // Named in the legend.
    expect(node.textContent).toContain('only in CheXmask (vermillion)');
    expect(node.textContent).toContain('only in model (blue)');
    expect(node.textContent).toContain('in both CheXmask and model (yellow)');
  });

  it('shows A, B, both outlined, blend and swipe', () => {
    const mode = node.querySelector<HTMLSelectElement>(
      '.jp-chexmask-compare-mode'
    )!;
    const layer = (name: string) =>
      node.querySelector<HTMLCanvasElement>(`.jp-chexmask-${name}`)!;
    const choose = (value: string) => {
      mode.value = value;
      mode.dispatchEvent(new Event('change'));
    };
    choose('a');
    expect([layer('layer-a').hidden, layer('layer-b').hidden]).toEqual([
      false,
      true
    ]);
    expect(layer('agreement-map').hidden).toBe(true);
    // A alone in the organ colours: only A's pixel 17 is painted, B's 20 not.
    expect(pixel(node, '.jp-chexmask-layer-a', 17)[3]).toBeGreaterThan(0);
    expect(pixel(node, '.jp-chexmask-layer-a', 20)[3]).toBe(0);
    choose('outlines');
    expect([layer('layer-a').hidden, layer('layer-b').hidden]).toEqual([
      false,
      false
    ]);
    expect(pixel(node, '.jp-chexmask-layer-b', 20)).toEqual([
      ...AGREEMENT_COLORS.onlyB.rgb,
      255
    ]);
    choose('blend');
    const blend = node.querySelector<HTMLInputElement>('.jp-chexmask-blend')!;
    expect(blend.disabled).toBe(false);
    blend.value = '0.25';
    blend.dispatchEvent(new Event('input'));
    expect(layer('layer-a').style.opacity).toBe('0.75');
    expect(layer('layer-b').style.opacity).toBe('0.25');
    choose('swipe');
    const swipe = node.querySelector<HTMLInputElement>('.jp-chexmask-swipe')!;
    expect(swipe.disabled).toBe(false);
    swipe.value = '0.3';
    swipe.dispatchEvent(new Event('input'));
    expect(layer('layer-a').style.clipPath).toBe('inset(0 70.00% 0 0)');
    expect(layer('layer-b').style.clipPath).toBe('inset(0 0 0 30.00%)');
    expect(
      node.querySelector<HTMLElement>('.jp-chexmask-swipe-divider')!.hidden
    ).toBe(false);
    expect(layer('layer-a').style.opacity).toBe('');
  });

  it('hides an organ from the map when toggled off', () => {
    const toggle = node.querySelector<HTMLInputElement>(
      '.jp-chexmask-organ-toggle[data-organ="rightLung"]'
    )!;
    toggle.checked = false;
    toggle.dispatchEvent(new Event('change'));
    expect(pixel(node, '.jp-chexmask-agreement-map', PIXELS.both)).toEqual([
      0, 0, 0, 0
    ]);
  });

  it('shows the kernel’s table, checked by the browser’s core, "—" with reasons', async () => {
    await settle();
    expect(node.dataset.measured).toBe('agrees');
    const heart = node.querySelector('tr[data-organ="heart"]')!;
    const hd = heart.querySelector('td[data-metric="hd"]')!;
    expect(hd.textContent).toBe('—');
    expect(node.textContent).toContain(
      "Heart: HD, HD95 and ASSD are undefined, model's mask is empty."
    );
    const dice = node.querySelector(
      'tr[data-organ="rightLung"] td[data-metric="dice"]'
    )!;
    expect(Number(dice.getAttribute('data-value'))).toBe(
      (comparePayload().table as Array<{ dice: number }>)[0].dice
    );
    expect(
      node.querySelector('.jp-chexmask-compare-check')!.textContent
    ).toMatch(/all equal the kernel’s/);
  });

  it('draws the picture as the opaque map over grey', async () => {
    const view = under.view as CompareView;
    const canvas = (await (
      view as unknown as { picture(): Promise<HTMLCanvasElement> }
    ).picture())!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, 16, 16).data;
    const at = (i: number) => Array.from(data.slice(4 * i, 4 * i + 4));
    for (const [kind, i] of Object.entries(PIXELS)) {
      expect(at(i)).toEqual([
        ...AGREEMENT_COLORS[kind as AgreementClass].rgb,
        255
      ]);
    }
    expect(at(0)).toEqual([0x77, 0x77, 0x77, 255]);
  });
});
