/**
 * The settings' defaults are written twice, in `schema/settings/plugin.json` (which
 * JupyterLab shows and fills in) and in `DEFAULT_SETTINGS` (what the views
 * fall back to): they must not drift apart.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  DEFAULT_SETTINGS,
  isDefaultSettings,
  normalizeSettings
} from '../settings';

interface ISchemaProperty {
  default?: unknown;
  properties?: Record<string, ISchemaProperty>;
}

const schema = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '..', '..', 'schema', 'settings', 'plugin.json'),
    'utf8'
  )
) as { properties: Record<string, ISchemaProperty> };

describe('settings defaults', () => {
  it('are the schema defaults, setting by setting', () => {
    const defaults = Object.fromEntries(
      Object.entries(schema.properties).map(([key, p]) => [key, p.default])
    );
    expect(defaults).toEqual(DEFAULT_SETTINGS);
  });

  it("are each organ colour's own default in the schema too", () => {
    const colors = schema.properties.colors.properties ?? {};
    expect(
      Object.fromEntries(
        Object.entries(colors).map(([key, p]) => [key, p.default])
      )
    ).toEqual(DEFAULT_SETTINGS.colors);
  });

  it('fill an empty composite', () => {
    expect(normalizeSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('replace colours that are not text with the defaults', () => {
    const settings = normalizeSettings({
      colors: { rightLung: 3, leftLung: '#000000' }
    });
    expect(settings.colors).toEqual({
      ...DEFAULT_SETTINGS.colors,
      leftLung: '#000000'
    });
  });
});

describe('isDefaultSettings', () => {
  it('is true of the defaults and of what an empty composite normalizes to', () => {
    expect(isDefaultSettings(DEFAULT_SETTINGS)).toBe(true);
    expect(isDefaultSettings(normalizeSettings({}))).toBe(true);
  });

  it.each([
    ['a colour', { colors: { ...DEFAULT_SETTINGS.colors, heart: '#000000' } }],
    ['the opacity', { opacity: 0.9 }],
    ['the draw mode', { drawMode: 'outline' }],
    ['the landmarks', { showLandmarks: true }],
    ['the RCA threshold', { rcaThreshold: 0.5 }]
  ])('is false when %s differs', (_, patch) => {
    expect(
      isDefaultSettings(normalizeSettings({ ...DEFAULT_SETTINGS, ...patch }))
    ).toBe(false);
  });
});
