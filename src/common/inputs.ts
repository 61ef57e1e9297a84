/**
 * The form controls of the views: native, labelled elements (the label is
 * the accessible name), so every control works from the keyboard and with
 * screen readers, and the views never draw their own widgets.
 */
import { h } from './dom';

/** What every control has: a class for styles and tests, an accessible name. */
export interface IControlOptions {
  /** The element's class (the UI tests select some controls by it). */
  className?: string;
  /** The accessible name (`aria-label`). */
  label: string;
}

/** A checkbox; `onChange` gets its new state. */
export function checkbox(
  options: IControlOptions & {
    checked: boolean;
    onChange?: (checked: boolean) => void;
    /** More attributes, e.g. `data-*` for tests. */
    attrs?: Record<string, string>;
  }
): HTMLInputElement {
  const input = h('input', {
    className: options.className,
    attrs: { type: 'checkbox', 'aria-label': options.label, ...options.attrs }
  });
  input.checked = options.checked;
  const onChange = options.onChange;
  if (onChange) {
    input.addEventListener('change', () => onChange(input.checked));
  }
  return input;
}

/** The bounds and step of a slider or number field. */
export interface IRangeOptions extends IControlOptions {
  min: number;
  max: number;
  step: number;
}

/** A range slider; `onInput` gets its value while it moves. */
export function slider(
  options: IRangeOptions & {
    value: number;
    onInput: (value: number) => void;
  }
): HTMLInputElement {
  const input = Private.rangedInput('range', options);
  input.value = String(options.value);
  input.addEventListener('input', () => options.onInput(Number(input.value)));
  // The keys that move a range are the slider's: JupyterLab's shortcuts
  // (which listen on the document) must not see them and take them over.
  input.addEventListener('keydown', event => {
    if (Private.RANGE_KEYS.has(event.key)) {
      event.stopPropagation();
    }
  });
  return input;
}

/** A drop-down of `[value, text]` choices; `onChange` gets the value chosen. */
export function select<T extends string>(
  options: IControlOptions & {
    choices: ReadonlyArray<readonly [T, string]>;
    value: T;
    onChange: (value: T) => void;
  }
): HTMLSelectElement {
  const element = h(
    'select',
    { className: options.className, attrs: { 'aria-label': options.label } },
    options.choices.map(([value, text]) =>
      h('option', { text, attrs: { value } })
    )
  );
  element.value = options.value;
  element.addEventListener('change', () =>
    options.onChange(element.value as T)
  );
  return element;
}

/**
 * A number field whose value counts once committed (on change or Enter),
 * not on each keystroke; empty or non-numeric text is ignored.
 */
export function numberInput(
  options: IRangeOptions & { onCommit: (value: number) => void }
): HTMLInputElement {
  const input = Private.rangedInput('number', options);
  const commit = (): void => {
    const value = Number(input.value);
    if (input.value !== '' && Number.isFinite(value)) {
      options.onCommit(value);
    }
  };
  input.addEventListener('change', commit);
  input.addEventListener('keydown', event => {
    if (event.key === 'Enter') {
      commit();
    }
  });
  return input;
}

/** A control with its visible caption before it. */
export function labelled(text: string, control: HTMLElement): HTMLElement {
  return h('label', { className: 'jp-chexmask-control' }, [
    h('span', { text }),
    control
  ]);
}

namespace Private {
  /** The keys a native range slider moves with. */
  export const RANGE_KEYS: ReadonlySet<string> = new Set([
    'ArrowLeft',
    'ArrowRight',
    'ArrowUp',
    'ArrowDown',
    'Home',
    'End',
    'PageUp',
    'PageDown'
  ]);

  /** An input with bounds and a step: a slider or a number field. */
  export function rangedInput(
    type: 'range' | 'number',
    options: IRangeOptions
  ): HTMLInputElement {
    return h('input', {
      className: options.className,
      attrs: {
        type,
        min: String(options.min),
        max: String(options.max),
        step: String(options.step),
        'aria-label': options.label
      }
    });
  }
}

/** A drop-down of `[value, text]` choices with its visible caption, named by it. */
export function labelledSelect<T extends string>(
  label: string,
  choices: ReadonlyArray<readonly [T, string]>,
  value: T,
  onChange: (value: T) => void
): HTMLElement {
  return labelled(label, select({ label, choices, value, onChange }));
}
