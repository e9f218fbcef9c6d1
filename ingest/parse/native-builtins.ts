/**
 * Keeps the JavaScript built-ins native around a library that polyfills them.
 *
 * pdf.js's legacy build, which pdf-parse loads on Node, bundles core-js polyfills. On Node 20's V8 they
 * do not only add what is missing (`Promise.withResolvers`, the new `Set` methods…): they also
 * *replace* built-ins that V8 has but that core-js's feature tests fail on edge cases, among them
 * `Array.prototype.push` (an array with a non-writable length, or 2^32 elements). The replacement is a
 * JavaScript function about four times slower than V8's own push, and it is global: once a PDF had been
 * parsed (or the parser only loaded), every `push` of the process paid for it, in extraction, in the
 * Neo4j driver, in the API. Putting the native built-ins back loses only those edge cases; what the
 * library added where Node has nothing stays, since it may need it.
 */

/** A property of a built-in as it was: where it lives, its key and its descriptor. */
interface SavedProperty {
  owner: object;
  name: string;
  key: PropertyKey;
  descriptor: PropertyDescriptor;
}

/** A record of the built-ins' own properties at one moment. */
export type BuiltinsSnapshot = readonly SavedProperty[];

// Node defines many globals (DOMException, AbortSignal…) as lazy accessors that turn into values on
// first use, so `globalThis` itself is left out; pdf.js replaces none of them on Node 20.
const typedArray = Object.getPrototypeOf(Uint8Array) as { name: string; prototype: object };
const constructors: readonly { name: string; prototype: object }[] = [
  Array,
  ArrayBuffer,
  BigInt,
  DataView,
  Date,
  Error,
  Function,
  Map,
  Number,
  Object,
  Promise,
  RegExp,
  Set,
  String,
  Symbol,
  typedArray,
  Uint8Array,
  WeakMap,
  WeakSet,
];
const builtins: readonly [string, object][] = [
  ...constructors.flatMap((builtin): [string, object][] => [
    [builtin.name, builtin],
    [`${builtin.name}.prototype`, builtin.prototype],
  ]),
  ['JSON', JSON],
  ['Math', Math],
  ['Reflect', Reflect],
];

/** The own properties of the built-in constructors, prototypes and namespaces, as they are now. */
export function snapshotBuiltins(): BuiltinsSnapshot {
  const saved: SavedProperty[] = [];
  for (const [ownerName, owner] of builtins) {
    for (const key of Reflect.ownKeys(owner)) {
      const descriptor = Object.getOwnPropertyDescriptor(owner, key);
      if (descriptor) saved.push({ owner, name: `${ownerName}.${String(key)}`, key, descriptor });
    }
  }
  return saved;
}

function unchanged(before: PropertyDescriptor, now: PropertyDescriptor | undefined): boolean {
  if (!now) return false;
  if ('value' in before) return 'value' in now && Object.is(before.value, now.value);
  return now.get === before.get && now.set === before.set;
}

/**
 * Puts back every property of the snapshot that was since replaced or removed; properties added since
 * are left alone. Returns the names of those put back (e.g. `Array.prototype.push`).
 */
export function restoreBuiltins(snapshot: BuiltinsSnapshot): string[] {
  const restored: string[] = [];
  for (const { owner, name, key, descriptor } of snapshot) {
    if (unchanged(descriptor, Object.getOwnPropertyDescriptor(owner, key))) continue;
    try {
      Object.defineProperty(owner, key, descriptor);
      restored.push(name);
    } catch {
      // A property made non-configurable cannot be put back; it keeps working, only more slowly.
    }
  }
  return restored;
}

// Taken once, before the first call runs any polyfilling library: concurrent calls must all restore
// the same, native state, not one a polyfill already changed.
let baseline: BuiltinsSnapshot | undefined;

/**
 * Runs work that loads or uses a polyfilling library (pdf.js loads its worker module on the first
 * document) and then puts the native built-ins back.
 */
export async function withNativeBuiltins<T>(work: () => Promise<T>): Promise<T> {
  baseline ??= snapshotBuiltins();
  try {
    return await work();
  } finally {
    restoreBuiltins(baseline);
  }
}
