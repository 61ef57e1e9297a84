import { ISignal, Signal } from '@lumino/signaling';
import { OrganKey } from './core';

/** How masks are drawn. */
export type DrawMode = 'filled' | 'outline' | 'both';

/** The user settings of the extension (see `schema/settings/plugin.json`). */
export interface IChexmaskSettings {
  /** CSS colour per organ. */
  colors: Record<OrganKey, string>;
  /** Opacity of filled masks, 0–1. */
  opacity: number;
  /** Filled, outline or both. */
  drawMode: DrawMode;
  /** Whether landmarks are drawn. */
  showLandmarks: boolean;
  /** Rows with Dice RCA (Mean) below this are marked. */
  rcaThreshold: number;
}

/**
 * The defaults: red, blue and green as the CheXmask notebooks. The one place
 * in TypeScript that says them (views fall back to these colours when a
 * setting does not parse); `src/__tests__/settings.spec.ts` keeps them equal
 * to the defaults of `schema/settings/plugin.json`, which JupyterLab shows.
 */
export const DEFAULT_SETTINGS: IChexmaskSettings = Object.freeze({
  colors: Object.freeze({
    rightLung: '#e6194b',
    leftLung: '#1f6fe5',
    heart: '#2ca02c'
  }),
  opacity: 0.45,
  drawMode: 'filled',
  showLandmarks: false,
  rcaThreshold: 0.7
}) as IChexmaskSettings;

/**
 * The live settings shared by every view: views read `current` and listen to
 * `changed`, so editing a setting updates outputs already on screen.
 */
export class SettingsModel {
  private _current: IChexmaskSettings = DEFAULT_SETTINGS;
  private _changed = new Signal<this, IChexmaskSettings>(this);

  /** The settings now in force. */
  get current(): IChexmaskSettings {
    return this._current;
  }

  /** Emitted with the new settings after each change. */
  get changed(): ISignal<this, IChexmaskSettings> {
    return this._changed;
  }

  /** Replace the settings from a (partial, possibly invalid) composite. */
  update(composite: Partial<Record<keyof IChexmaskSettings, unknown>>): void {
    this._current = normalizeSettings(composite);
    this._changed.emit(this._current);
  }
}

/** Fill gaps and drop invalid values, falling back to the defaults. */
export function normalizeSettings(
  raw: Partial<Record<keyof IChexmaskSettings, unknown>>
): IChexmaskSettings {
  const d = DEFAULT_SETTINGS;
  const colors = (raw.colors ?? {}) as Partial<Record<OrganKey, unknown>>;
  const color = (key: OrganKey): string =>
    typeof colors[key] === 'string' ? (colors[key] as string) : d.colors[key];
  const unit = (v: unknown, fallback: number): number =>
    typeof v === 'number' && v >= 0 && v <= 1 ? v : fallback;
  return {
    colors: {
      rightLung: color('rightLung'),
      leftLung: color('leftLung'),
      heart: color('heart')
    },
    opacity: unit(raw.opacity, d.opacity),
    drawMode:
      raw.drawMode === 'outline' || raw.drawMode === 'both'
        ? raw.drawMode
        : 'filled',
    showLandmarks:
      typeof raw.showLandmarks === 'boolean'
        ? raw.showLandmarks
        : d.showLandmarks,
    rcaThreshold: unit(raw.rcaThreshold, d.rcaThreshold)
  };
}

/**
 * Whether `settings` are the defaults: the kernel draws its pictures with
 * them, so a view under other settings no longer shows the kernel's picture.
 */
export function isDefaultSettings(settings: IChexmaskSettings): boolean {
  return (
    JSON.stringify(normalizeSettings(settings)) ===
    JSON.stringify(normalizeSettings(DEFAULT_SETTINGS))
  );
}
