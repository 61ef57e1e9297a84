/**
 * @jest-environment jsdom
 */
/**
 * The uncertainty layer of a CheXmask-U row in the real row view: each
 * landmark's colour is the viridis colour of its (σx + σy) / 2 on a scale
 * from 0 to a round number of pixels, with the colour bar, the toggles and
 * the hover readout. Rows are shared rows with synthetic σ
 * (core/__tests__/chexmask-u.ts), or the small synthetic row.
 */
// First: the harness defines the globals Lumino needs when it is imported.
import {
  createView,
  disposeView,
  IViewUnderTest,
  renderPayload
} from '../../__tests__/view-harness';
import { interpolateViridis, scaleLinear } from 'd3';
import { parseRow } from '../../core';
import { chexmaskURow, syntheticSigma } from '../../core/__tests__/chexmask-u';
import {
  describeWithData,
  readOracleFolder
} from '../../core/__tests__/shared-data';
import { rowPayload, smallRow } from '../../__tests__/valid-payloads';
import { hoverReadout } from '../hover';
import { rowSigmaScale, sigmaNodes } from '../uncertainty';

/** The colour the test expects for σ `s` when the largest landmark σ is `largest`. */
function expectedColor(s: number, largest: number): string {
  const top = scaleLinear().domain([0, largest]).nice().domain()[1];
  return interpolateViridis(s / top);
}

/** A CheXmask-U version of the small synthetic row. */
function smallURow(seed: number): Record<string, unknown> {
  return chexmaskURow(smallRow(), seed);
}

async function render(row: Record<string, unknown>): Promise<IViewUnderTest> {
  const under = createView('row');
  const outcome = await renderPayload(under, rowPayload(row));
  expect(outcome.state).toBe('painted');
  return under;
}

function nodes(under: IViewUnderTest): SVGCircleElement[] {
  return Array.from(
    under.view.node.querySelectorAll<SVGCircleElement>(
      'circle.jp-chexmask-sigma-node'
    )
  );
}

function layer(under: IViewUnderTest): SVGGElement {
  return under.view.node.querySelector<SVGGElement>(
    'g.jp-chexmask-uncertainty'
  )!;
}

function click(under: IViewUnderTest, className: string): void {
  const box = under.view.node.querySelector<HTMLInputElement>(
    `input.${className}`
  )!;
  box.click();
}

describe('the uncertainty layer of a CheXmask-U row', () => {
  it('colours every landmark by its mean σ on the viridis scale', async () => {
    const under = await render(smallURow(4));
    const sigma = syntheticSigma(4);
    const means = sigma.map(([x, y]) => (x + y) / 2);
    const largest = Math.max(...means);
    const drawn = nodes(under);
    expect(drawn).toHaveLength(120);
    for (const node of drawn) {
      const i = Number(node.getAttribute('data-index'));
      expect(node.getAttribute('fill')).toBe(expectedColor(means[i], largest));
    }
    // Not one colour for all: the σ spread over the scale.
    expect(
      new Set(drawn.map(n => n.getAttribute('fill'))).size
    ).toBeGreaterThan(50);
    const bar = under.view.node.querySelector('svg.jp-chexmask-color-bar')!;
    expect(Number(bar.getAttribute('data-max'))).toBe(
      scaleLinear().domain([0, largest]).nice().domain()[1]
    );
    expect(bar.textContent).toMatch(/0px/);
    const title = under.view.node.querySelector('.jp-chexmask-sigma-title');
    expect(title?.textContent).toBe(
      `Landmark σ, (σx + σy) / 2: mean ${(means.reduce((a, b) => a + b, 0) / 120).toFixed(2)} px`
    );
    disposeView(under);
  });

  it('is on by default, hides with its toggle, and draws 1σ ellipses on demand', async () => {
    const under = await render(smallURow(1));
    expect(layer(under).style.display).toBe('');
    expect(layer(under).classList).toContain('jp-chexmask-no-ellipses');
    click(under, 'jp-chexmask-show-ellipses');
    expect(layer(under).classList).not.toContain('jp-chexmask-no-ellipses');
    const ellipse = under.view.node.querySelector(
      'ellipse.jp-chexmask-sigma-ellipse[data-index="7"]'
    )!;
    const [sx, sy] = syntheticSigma(1)[7];
    expect(Number(ellipse.getAttribute('rx'))).toBe(sx);
    expect(Number(ellipse.getAttribute('ry'))).toBe(sy);
    click(under, 'jp-chexmask-show-uncertainty');
    expect(layer(under).style.display).toBe('none');
    // The alt text says the mean σ whatever is shown.
    const alt = (under.view as unknown as { altText(): string }).altText();
    expect(alt).toMatch(/; landmark σ mean \d+\.\d\d px\.$/);
    disposeView(under);
  });

  it('hides an organ’s nodes with its mask', async () => {
    const under = await render(smallURow(2));
    const heart = under.view.node.querySelector<HTMLInputElement>(
      'input.jp-chexmask-organ-toggle[data-organ="heart"]'
    )!;
    heart.click();
    const group = layer(under).querySelector<SVGGElement>(
      'g[data-organ="heart"]'
    )!;
    expect(group.style.display).toBe('none');
    disposeView(under);
  });

  it('is absent from a plain CheXmask row', async () => {
    const under = await render(smallRow());
    expect(nodes(under)).toHaveLength(0);
    expect(
      under.view.node.querySelector('.jp-chexmask-show-uncertainty')
    ).toBeNull();
    expect(under.view.node.querySelector('.jp-chexmask-color-bar')).toBeNull();
    disposeView(under);
  });
});

describe('the hover readout of a CheXmask-U row', () => {
  it('gives the nearest node’s index, organ, σx and σy', () => {
    const row = parseRow(smallURow(3));
    const none = new Int32Array(0);
    const scene = {
      row,
      runs: { rightLung: none, leftLung: none, heart: none },
      visible: { rightLung: true, leftLung: true, heart: true },
      showLandmarks: false,
      showUncertainty: true
    };
    const [x, y] = row.landmarks![100];
    const text = hoverReadout(scene, x + 0.5, y + 0.5, 0.1)!;
    const near = Number(/landmark (\d+) /.exec(text)![1]);
    const [sx, sy] = syntheticSigma(3)[near];
    expect(text).toContain(
      ` · landmark ${near} (Heart #${near - 94}) σx ${sx.toFixed(2)} px, σy ${sy.toFixed(2)} px`
    );
    // Without the layer (and landmarks off) there is no landmark readout.
    expect(
      hoverReadout({ ...scene, showUncertainty: false }, x + 0.5, y + 0.5, 0.1)
    ).not.toContain('landmark');
  });
});

describeWithData('σ colours of the shared rows as CheXmask-U rows', () => {
  it('equal the scale’s colour of each node’s mean σ', () => {
    let seed = 0;
    let checked = 0;
    for (const file of readOracleFolder('chexmask-preprocessed')) {
      for (const record of file.records.slice(0, 5)) {
        const row = parseRow(chexmaskURow(record, seed));
        const sigma = syntheticSigma(seed++);
        const means = sigma.map(([x, y]) => (x + y) / 2);
        const largest = Math.max(...means);
        for (const node of sigmaNodes(
          row.landmarks!,
          row.sigma!,
          rowSigmaScale(row.sigma!)
        )) {
          expect(node.color).toBe(expectedColor(means[node.index], largest));
          expect([node.x, node.y]).toEqual(row.landmarks![node.index]);
          checked++;
        }
      }
    }
    expect(checked).toBe(6 * 5 * 120);
  });
});
