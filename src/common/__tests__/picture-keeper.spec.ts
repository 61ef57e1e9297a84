/**
 * @jest-environment jsdom
 *
 * The picture a view leaves in its output: kept as the kernel's while the
 * view shows the kernel's state, else encoded when idle and written when the
 * document's save starts (or at once outside a document).
 */
// Before Lumino: it subclasses DragEvent, which jsdom lacks.
import '../../__tests__/browser-stubs';
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Signal } from '@lumino/signaling';
import { Panel, Widget } from '@lumino/widgets';
import { IComposedPicture, PictureKeeper } from '../picture-keeper';
import { documentOf } from '../saving-document';

const PNG = 'iVBORw0KGgoAAAANSUhEUg';
const MIME = 'application/vnd.chexmask.test+json';

/** An output model counting its writes. */
function outputModel(
  kernelPicture: boolean | string
): IRenderMime.IMimeModel & {
  writes: number;
} {
  const metadata: Record<string, unknown> =
    typeof kernelPicture === 'string'
      ? { 'image/png': { key: kernelPicture } }
      : {};
  const model = {
    trusted: true,
    data: {
      [MIME]: { version: 1 },
      ...(kernelPicture ? { 'image/png': 'kernel' } : {})
    } as IRenderMime.IMimeModel['data'],
    metadata: metadata as IRenderMime.IMimeModel['metadata'],
    writes: 0,
    setData(options: IRenderMime.IMimeModel.ISetDataOptions): void {
      model.writes++;
      model.data = options.data ?? model.data;
      model.metadata = options.metadata ?? model.metadata;
    }
  };
  return model;
}

/** A notebook panel as a renderer sees it: an ancestor with a context. */
class FakeDocument extends Panel {
  readonly context = {
    saveState: new Signal<this, string>(this),
    model: { dirty: false }
  };
  save(): void {
    this.context.saveState.emit('started');
    this.context.model.dirty = false;
    this.context.saveState.emit('completed');
  }
}

/** A view: its state is a string; its picture's key is the state. */
class FakeView {
  readonly widget = new Widget();
  state = 'first';
  defaults = true;
  composed = 0;
  encoded = 0;
  /** What encoding waits for (a slow encoder). */
  encoding: Promise<void> = Promise.resolve();
  readonly keeper: PictureKeeper;

  constructor(public model: ReturnType<typeof outputModel>) {
    this.keeper = new PictureKeeper(
      {
        widget: this.widget,
        model: () => this.model,
        stateKey: () => this.state,
        defaultSettings: () => this.defaults,
        compose: async (): Promise<IComposedPicture> => {
          this.composed++;
          const canvas = document.createElement('canvas');
          canvas.width = 4;
          canvas.height = 3;
          return {
            canvas,
            key: `key of ${this.state}`,
            alt: `picture of ${this.state}`,
            stillWanted: () => true
          };
        }
      },
      async () => {
        this.encoded++;
        await this.encoding;
        return PNG;
      }
    );
  }

  /** Painted, and the after-paint work done. */
  paint(): void {
    this.keeper.painted();
    this.keeper.settled();
  }

  get picture(): string | undefined {
    return this.widget.node.dataset.picture;
  }
}

/** Let the idle queue (timers in jsdom) and the checks after it run. */
async function idle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise(resolve => setTimeout(resolve, 0));
  }
}

function inDocument(kernelPicture: boolean | string = true): {
  view: FakeView;
  doc: FakeDocument;
} {
  const doc = new FakeDocument();
  const view = new FakeView(outputModel(kernelPicture));
  doc.addWidget(view.widget);
  return { view, doc };
}

describe('documentOf', () => {
  it('finds the context on an ancestor, through parents without one', () => {
    const { view, doc } = inDocument();
    const between = new Panel();
    doc.addWidget(between);
    between.addWidget(view.widget);
    expect(documentOf(view.widget)).toBe(doc.context);
  });

  it('is null outside a document', () => {
    const panel = new Panel();
    const widget = new Widget();
    panel.addWidget(widget);
    expect(documentOf(widget)).toBeNull();
  });
});

describe('PictureKeeper', () => {
  it('keeps the kernel picture while the view shows its first state under the default settings', async () => {
    const { view, doc } = inDocument();
    view.paint();
    await idle();
    expect(view.picture).toBe('kernel');
    expect(view.composed).toBe(0);
    doc.save();
    expect(view.model.writes).toBe(0);
    expect(view.model.data['image/png']).toBe('kernel');
  });

  it('encodes a changed view when idle, marks the document changed, writes at the save', async () => {
    const { view, doc } = inDocument();
    view.paint();
    await idle();
    view.state = 'organ hidden';
    view.keeper.changed();
    await idle();
    expect(view.picture).toBe('pending');
    expect(view.encoded).toBe(1);
    expect(view.model.writes).toBe(0);
    expect(doc.context.model.dirty).toBe(true);

    doc.save();
    expect(view.model.writes).toBe(1);
    expect(view.picture).toBe('written');
    expect(view.model.data['image/png']).toBe(PNG);
    expect(String(view.model.data['text/html'])).toBe(
      `<img alt="picture of organ hidden" src="data:image/png;base64,${PNG}">`
    );
    expect(view.model.metadata['image/png']).toEqual({
      alt: 'picture of organ hidden',
      key: 'key of organ hidden',
      width: 4,
      height: 3
    });
    expect(view.keeper.pending).toBeNull();

    // Nothing changed since: the next save writes nothing.
    view.keeper.changed();
    await idle();
    doc.save();
    expect(view.model.writes).toBe(1);
    expect(view.encoded).toBe(1);
  });

  it('counts a change made before the after-paint work ends', async () => {
    const { view, doc } = inDocument();
    view.keeper.painted();
    view.state = 'changed at once';
    view.keeper.changed();
    view.keeper.settled();
    await idle();
    expect(view.picture).toBe('pending');
    doc.save();
    expect(view.model.metadata['image/png']).toMatchObject({
      key: 'key of changed at once'
    });
  });

  it('writes the first state again once its kernel picture was replaced', async () => {
    const { view, doc } = inDocument();
    view.paint();
    view.state = 'other';
    view.keeper.changed();
    await idle();
    doc.save();
    view.state = 'first';
    view.keeper.changed();
    await idle();
    expect(view.picture).toBe('pending');
    doc.save();
    expect(view.model.writes).toBe(2);
    expect(view.model.metadata['image/png']).toMatchObject({
      key: 'key of first'
    });
  });

  it('drops the pending picture when the view goes back to the kernel picture', async () => {
    const { view, doc } = inDocument();
    view.paint();
    view.state = 'other';
    view.keeper.changed();
    await idle();
    expect(view.picture).toBe('pending');
    view.state = 'first';
    view.keeper.changed();
    await idle();
    expect(view.picture).toBe('kernel');
    doc.save();
    expect(view.model.writes).toBe(0);
  });

  it.each([
    ['no kernel picture', false, true],
    ['other settings', true, false]
  ])(
    'with %s, the first state is written at the save',
    async (_, kernel, defaults) => {
      const { view, doc } = inDocument(kernel);
      view.defaults = defaults;
      view.paint();
      await idle();
      expect(view.picture).toBe('pending');
      doc.save();
      expect(view.model.writes).toBe(1);
      expect(view.model.data['image/png']).toBe(PNG);
    }
  );

  it('leaves a current browser picture as it is', async () => {
    const { view, doc } = inDocument('key of first');
    view.paint();
    await idle();
    expect(view.picture).toBe('current');
    expect(view.encoded).toBe(0);
    doc.save();
    expect(view.model.writes).toBe(0);
  });

  it('writes at once outside a document', async () => {
    const view = new FakeView(outputModel(true));
    view.paint();
    view.state = 'other';
    view.keeper.changed();
    await idle();
    expect(view.picture).toBe('written');
    expect(view.model.writes).toBe(1);
  });

  it('asks for another save when a picture is encoded during one', async () => {
    const { view, doc } = inDocument();
    view.paint();
    view.state = 'other';
    view.keeper.changed();
    await idle();
    // The save starts before the check (nothing pending yet)...
    doc.context.saveState.emit('started');
    view.state = 'third';
    view.keeper.changed();
    await idle();
    // ...and completes after the new picture is pending.
    doc.context.model.dirty = false;
    doc.context.saveState.emit('completed');
    expect(doc.context.model.dirty).toBe(true);
    expect(view.picture).toBe('pending');
  });

  it('says "checking" from a change until it is decided, so "pending" is the picture of the last change', async () => {
    const { view, doc } = inDocument();
    view.paint();
    await idle();
    let release = (): void => undefined;
    view.encoding = new Promise(resolve => (release = resolve));
    view.state = 'pinned';
    view.keeper.changed();
    expect(view.picture).toBe('checking');
    await idle();
    expect(view.picture).toBe('checking'); // still encoding
    // A save meanwhile has nothing ready to write.
    doc.save();
    expect(view.model.writes).toBe(0);
    view.state = 'pinned, a group hidden';
    view.keeper.changed();
    release();
    await idle();
    expect(view.picture).toBe('pending');
    doc.save();
    expect(view.model.metadata['image/png']).toMatchObject({
      key: 'key of pinned, a group hidden'
    });
    expect(view.picture).toBe('written');
    // A change that changes nothing says what was decided again.
    view.keeper.changed();
    expect(view.picture).toBe('checking');
    await idle();
    expect(view.picture).toBe('written');
  });

  it('forgets the pending picture and the document with a new payload', async () => {
    const { view, doc } = inDocument();
    view.paint();
    view.state = 'other';
    view.keeper.changed();
    await idle();
    view.keeper.reset();
    expect(view.picture).toBeUndefined();
    doc.save();
    expect(view.model.writes).toBe(0);
  });
});
