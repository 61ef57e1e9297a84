/**
 * Test helper: values nested deeper than the stack, as a hostile payload
 * can be. Whatever reads untrusted values (error messages, payload checks,
 * views) must describe them without recursing.
 */

/** Values nested `levels` deep: arrays, objects, or both in turn. */
export function deeplyNested(
  levels: number,
  kind: 'array' | 'object' | 'mixed' = 'mixed'
): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) {
    const array = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    value = array ? [value] : { nested: value };
  }
  return value;
}
