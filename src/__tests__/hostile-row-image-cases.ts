/**
 * Test helper: the row overlay's hostile x-ray fields (`image`), part of
 * {@link ROW_CASES} in hostile-row-cases.ts.
 */
import { PNG } from 'pngjs';
import {
  deeplyNested,
  errorCase,
  IHostileCase,
  paintedCase
} from './hostile-cases';
import { image } from './hostile-row-payloads';

/** A blank PNG file of that size, in base64. */
function pngBase64(width: number, height: number): string {
  return PNG.sync.write(new PNG({ width, height })).toString('base64');
}

/** The x-ray field: only real PNG or JPEG files at their own size. */
export const IMAGE_CASES: IHostileCase[] = [
  paintedCase(
    'a real 1×1 PNG',
    image({ mimeType: 'image/png', data: pngBase64(1, 1), width: 1, height: 1 })
  ),
  errorCase(
    'GIF data declared as PNG',
    image({
      mimeType: 'image/png',
      data: 'R0lGODlhAQABAAAAACw=',
      width: 1,
      height: 1
    }),
    'image.data',
    /not a real PNG file/
  ),
  errorCase(
    'markup declared as PNG',
    image({
      mimeType: 'image/png',
      data: btoa('<script>alert(1)</script>xx'),
      width: 1,
      height: 1
    }),
    'image.data',
    /not a real PNG file/
  ),
  errorCase(
    'a PNG declared as JPEG',
    image({
      mimeType: 'image/jpeg',
      data: pngBase64(1, 1),
      width: 1,
      height: 1
    }),
    'image.data',
    /not a real JPEG file/
  ),
  errorCase(
    'an SVG with a script',
    image({
      mimeType: 'image/svg+xml',
      data: btoa('<svg onload="alert(1)"/>'),
      width: 1,
      height: 1
    }),
    'image.mimeType',
    /image\/png/
  ),
  errorCase(
    'a data: URL instead of an image object',
    image('data:image/png;base64,' + pngBase64(1, 1)),
    'image',
    /got a string/
  ),
  errorCase(
    'image data that is not base64',
    image({ mimeType: 'image/png', data: '!!!!', width: 1, height: 1 }),
    'image.data',
    /not valid base64/
  ),
  errorCase(
    'image data missing',
    image({ mimeType: 'image/png', width: 1, height: 1 }),
    'image.data',
    /base64 string/
  ),
  errorCase(
    'a 1×1 PNG declared 16384×16384',
    image({
      mimeType: 'image/png',
      data: pngBase64(1, 1),
      width: 16384,
      height: 16384
    }),
    'image.width',
    /PNG file is 1×1/
  ),
  errorCase(
    'image width NaN',
    image({
      mimeType: 'image/png',
      data: pngBase64(1, 1),
      width: NaN,
      height: 1
    }),
    'image.width',
    /got NaN/
  ),
  errorCase(
    'image height nested 10⁵ levels',
    image({
      mimeType: 'image/png',
      data: pngBase64(1, 1),
      width: 1,
      height: deeplyNested(100_000)
    }),
    'image.height'
  ),
  paintedCase(
    'a PNG cut short is drawn without its x-ray, with a warning',
    image({
      mimeType: 'image/png',
      data: pngBase64(2, 2).slice(0, 48),
      width: 2,
      height: 2
    }),
    { warning: /x-ray could not be decoded/ }
  )
];
