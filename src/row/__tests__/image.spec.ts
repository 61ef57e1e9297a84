/**
 * The embedded x-ray check: only real PNG or JPEG files, and only at the
 * size their own header says (the view allocates the declared size before
 * the browser decodes anything).
 */
import { PNG } from 'pngjs';
import { parseEmbeddedImage } from '../image';
import { formatError } from '../../__tests__/format-error';
import { describeWithData, readShared } from '../../core/__tests__/shared-data';

function pngBase64(width: number, height: number): string {
  const png = new PNG({ width, height });
  return PNG.sync.write(png).toString('base64');
}

/** A JPEG header: SOI, an APP0 segment of `app` bytes, fill bytes, SOF0, SOS. */
function jpegBase64(width: number, height: number, app = 14): string {
  const bytes = [0xff, 0xd8];
  bytes.push(0xff, 0xe0, (app + 2) >> 8, (app + 2) & 0xff);
  bytes.push(...new Array<number>(app).fill(0x4a));
  bytes.push(0xff, 0xff); // fill bytes before a marker are allowed
  bytes.push(0xff, 0xc0, 0, 11, 8, height >> 8, height & 0xff);
  bytes.push(width >> 8, width & 0xff, 1, 1, 0x11, 0);
  bytes.push(0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0xff, 0xd9);
  return Buffer.from(bytes).toString('base64');
}

describe('embedded images', () => {
  it('accepts a PNG and a JPEG at their own size', () => {
    expect(
      parseEmbeddedImage({
        mimeType: 'image/png',
        data: pngBase64(3, 5),
        width: 3,
        height: 5
      })
    ).toMatchObject({ width: 3, height: 5 });
    for (const app of [0, 1, 2, 14, 1000, 65533]) {
      expect(
        parseEmbeddedImage({
          mimeType: 'image/jpeg',
          data: jpegBase64(786, 899, app),
          width: 786,
          height: 899
        })
      ).toMatchObject({ width: 786, height: 899 });
    }
  });

  it('refuses a declared size other than the file’s', () => {
    // 100 bytes of PNG must not make the view allocate a gigabyte.
    const error = formatError(() =>
      parseEmbeddedImage({
        mimeType: 'image/png',
        data: pngBase64(1, 1),
        width: 16384,
        height: 16384
      })
    );
    expect(error.field).toBe('image.width');
    expect(error.message).toMatch(/says 16384×16384 .* PNG file is 1×1/);
    expect(
      formatError(() =>
        parseEmbeddedImage({
          mimeType: 'image/jpeg',
          data: jpegBase64(10, 20),
          width: 10,
          height: 21
        })
      ).field
    ).toBe('image.height');
  });

  it.each([
    [
      'a GIF declared as PNG',
      'image/png',
      'R0lGODlhAQABAAAAACw=',
      'image.data',
      /not a real PNG/
    ],
    [
      'a PNG declared as JPEG',
      'image/jpeg',
      pngBase64(1, 1),
      'image.data',
      /not a real JPEG/
    ],
    [
      'an SVG',
      'image/svg+xml',
      btoa('<svg onload="alert(1)"/>'),
      'image.mimeType',
      /image\/png/
    ],
    [
      'a PNG signature and no IHDR',
      'image/png',
      btoa('\x89PNG\r\n\x1a\n' + 'x'.repeat(40)),
      'image.data',
      /no IHDR header/
    ],
    [
      'a JPEG with no frame before its scan',
      'image/jpeg',
      btoa('\xff\xd8\xff\xda\x00\x02\xff\xd9'),
      'image.data',
      /no frame header/
    ],
    [
      'a truncated JPEG',
      'image/jpeg',
      btoa('\xff\xd8\xff\xe0\x00\x10JF'),
      'image.data',
      /no frame header/
    ],
    [
      'a data: URL',
      'image/png',
      'data:image/png;base64,' + pngBase64(1, 1),
      'image.data',
      /not valid base64/
    ]
  ])('refuses %s', (_name, mimeType, data, field, message) => {
    const error = formatError(() =>
      parseEmbeddedImage({ mimeType, data, width: 1, height: 1 })
    );
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('words a nested or huge size without overflowing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) {
      deep = [deep];
    }
    const error = formatError(() =>
      parseEmbeddedImage({
        mimeType: 'image/png',
        data: pngBase64(1, 1),
        width: deep,
        height: 1
      })
    );
    expect(error.message).toMatch(/got an array/);
  });
});

describeWithData('the real x-ray of the shared example', () => {
  it('reads its JPEG frame size', () => {
    const data = readShared(
      'original-resolution-example/utils_example1.jpg'
    ).toString('base64');
    expect(
      parseEmbeddedImage({
        mimeType: 'image/jpeg',
        data,
        width: 786,
        height: 899
      })
    ).toMatchObject({ width: 786, height: 899 });
    expect(
      formatError(() =>
        parseEmbeddedImage({
          mimeType: 'image/jpeg',
          data,
          width: 899,
          height: 786
        })
      ).field
    ).toBe('image.width');
  });
});
