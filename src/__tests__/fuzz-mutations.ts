/**
 * Test helper: mutations of valid payloads for fuzzing (field deletions,
 * type swaps, truncated or garbled RLE and landmark strings, numbers
 * replaced by NaN, Infinity or huge values), as fast-check arbitraries, and
 * applying them to a fresh copy of a base payload.
 */
import fc from 'fast-check';
import { jsonish, NASTY_NUMBERS, NASTY_STRINGS } from './fuzz-arbitraries';

/** What a mutation does at the place it picks. */
export type MutationKind =
  | 'delete'
  | 'replace'
  | 'swapType'
  | 'number'
  | 'truncate'
  | 'garble'
  | 'repeat';

/** One mutation: kind, where (an index into the candidate places), and with what. */
export interface IMutation {
  kind: MutationKind;
  /** Whether to pick among mask/landmark strings only (when there are any). */
  textOnly: boolean;
  place: number;
  position: number;
  value: unknown;
  number: number;
  garbage: string;
}

/** Arbitrary mutations; `keys` feeds replacement values' object keys. */
export function mutations(keys: readonly string[]): fc.Arbitrary<IMutation[]> {
  const mutation: fc.Arbitrary<IMutation> = fc.record({
    kind: fc.constantFrom<MutationKind>(
      'delete',
      'replace',
      'swapType',
      'number',
      'truncate',
      'garble',
      'repeat'
    ),
    textOnly: fc.boolean(),
    place: fc.nat(),
    position: fc.nat(),
    value: jsonish(keys),
    number: fc.constantFrom(...NASTY_NUMBERS),
    garbage: fc.oneof(
      fc.constantFrom(...NASTY_STRINGS),
      fc.string({ minLength: 1, maxLength: 4 })
    )
  });
  return fc.array(mutation, { minLength: 1, maxLength: 3 });
}

/** Keys whose values are the RLE and landmark strings. */
const TEXT_KEYS = new Set([
  'Right Lung',
  'Left Lung',
  'Heart',
  'Landmarks',
  'landmarks'
]);

type Container = Record<string, unknown> | unknown[];

/** A place in a payload: a key of a container. */
interface IPlace {
  parent: Container;
  key: string | number;
}

/** Every place in `root` (depth first), and those holding mask/landmark text. */
function places(root: Container): { all: IPlace[]; text: IPlace[] } {
  const all: IPlace[] = [];
  const text: IPlace[] = [];
  const visit = (container: Container): void => {
    const entries: Array<[string | number, unknown]> = Array.isArray(container)
      ? container.map((v, i) => [i, v])
      : Object.entries(container);
    for (const [key, value] of entries) {
      const place = { parent: container, key };
      all.push(place);
      if (typeof value === 'string' && TEXT_KEYS.has(String(key))) {
        text.push(place);
      }
      if (value !== null && typeof value === 'object') {
        visit(value as Container);
      }
    }
  };
  visit(root);
  return { all, text };
}

function read(place: IPlace): unknown {
  return (place.parent as Record<string | number, unknown>)[place.key];
}

function write(place: IPlace, value: unknown): void {
  (place.parent as Record<string | number, unknown>)[place.key] = value;
}

/** A deep copy of a JSON-ish value (NaN, Infinity and undefined kept). */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(copy);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      // As JSON.parse does: `__proto__` is an own key, not the prototype.
      Object.defineProperty(out, key, {
        value: copy(v),
        enumerable: true,
        writable: true,
        configurable: true
      });
    }
    return out;
  }
  return value;
}

/** A value of another type carrying the same content, where there is one. */
function swapType(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.trim() === '' ? [value] : Number(value);
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.length === 1 ? value[0] : { ...value };
  }
  if (value !== null && typeof value === 'object') {
    return [value];
  }
  return value === null ? 'null' : { value };
}

/**
 * Apply `changes` to a deep copy of `base` (JSON data) and return it. Places
 * are picked modulo their count, so every mutation applies somewhere.
 */
export function mutate(base: unknown, changes: IMutation[]): unknown {
  const root = { payload: JSON.parse(JSON.stringify(base)) as unknown };
  for (const m of changes) {
    const { all, text } = places(root);
    const pool = m.textOnly && text.length ? text : all;
    if (pool.length === 0) {
      continue; // the payload itself was deleted
    }
    const place = pool[m.place % pool.length];
    const current = read(place);
    switch (m.kind) {
      case 'delete':
        if (Array.isArray(place.parent)) {
          place.parent.splice(Number(place.key), 1);
        } else {
          delete place.parent[place.key as string];
        }
        break;
      case 'replace':
        // A copy: fast-check may hand the same value to later runs, and a
        // value written into the payload is mutated (and could end up
        // containing itself, which no JSON payload can).
        write(place, copy(m.value));
        break;
      case 'swapType':
        write(place, swapType(current));
        break;
      case 'number':
        write(place, m.number);
        break;
      case 'truncate':
        write(
          place,
          typeof current === 'string' || Array.isArray(current)
            ? current.slice(0, m.position % (current.length + 1))
            : copy(m.value)
        );
        break;
      case 'garble':
        if (typeof current === 'string') {
          const at = m.position % (current.length + 1);
          write(place, current.slice(0, at) + m.garbage + current.slice(at));
        } else {
          write(place, m.garbage);
        }
        break;
      case 'repeat':
        // Longer text, and runs that repeat (so no longer increase).
        write(
          place,
          typeof current === 'string'
            ? current + ' ' + current
            : Array.isArray(current)
              ? [...current, ...current]
              : m.number
        );
        break;
    }
  }
  return root.payload;
}
