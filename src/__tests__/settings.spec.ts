/**
 * The settings' defaults are written twice, in `schema/settings/plugin.json` (which
 * JupyterLab shows and fills in) and in `DEFAULT_SETTINGS` (what the views
 * fall back to): they must not drift apart.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SETTINGS, normalizeSettings } from '../settings';

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
