import neo4j from 'neo4j-driver';

/**
 * Neo4j property values as JSON, without loss: strings, booleans, floats and lists of them are plain JSON;
 * everything JSON cannot tell apart (integers from floats, NaN, bytes, temporal and spatial values) is a
 * one-key object tagged with `$`. Property values are never maps in Neo4j, so any object is a tag.
 */
export type EncodedValue = null | boolean | number | string | EncodedValue[] | { [tag: string]: unknown };

/** A value in a backup that no Neo4j property can hold. */
export class BackupValueError extends Error {}

const text = (value: unknown) => String(value);
const int = (value: unknown) => neo4j.int(String(value));

/** Driver value (read with lossless integers) → JSON. */
export function encodeValue(value: unknown): EncodedValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $float: String(value) };
  if (neo4j.isInt(value)) return { $int: value.toString() };
  if (value instanceof Int8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (neo4j.isDateTime(value)) {
    const v = value;
    return {
      $datetime: [v.year, v.month, v.day, v.hour, v.minute, v.second, v.nanosecond]
        .map(text)
        .concat([
          v.timeZoneOffsetSeconds === undefined ? '' : text(v.timeZoneOffsetSeconds),
          v.timeZoneId ?? '',
        ]),
    };
  }
  if (neo4j.isLocalDateTime(value)) {
    const v = value;
    return { $localdatetime: [v.year, v.month, v.day, v.hour, v.minute, v.second, v.nanosecond].map(text) };
  }
  if (neo4j.isDate(value)) return { $date: [value.year, value.month, value.day].map(text) };
  if (neo4j.isTime(value)) {
    const v = value;
    return { $time: [v.hour, v.minute, v.second, v.nanosecond, v.timeZoneOffsetSeconds].map(text) };
  }
  if (neo4j.isLocalTime(value)) {
    return { $localtime: [value.hour, value.minute, value.second, value.nanosecond].map(text) };
  }
  if (neo4j.isDuration(value)) {
    return { $duration: [value.months, value.days, value.seconds, value.nanoseconds].map(text) };
  }
  if (neo4j.isPoint(value)) {
    const coordinates = value.z === undefined ? [value.x, value.y] : [value.x, value.y, value.z];
    return { $point: [text(value.srid), ...coordinates] };
  }
  throw new BackupValueError(
    `cannot encode a property value of type ${Object.prototype.toString.call(value)}`,
  );
}

function parts(tagged: Record<string, unknown>, tag: string, length: number): unknown[] {
  const value = tagged[tag];
  if (!Array.isArray(value) || value.length < length) throw new BackupValueError(`malformed ${tag} value`);
  return value;
}

/** JSON (as `encodeValue` wrote it) → a driver value to pass as a query parameter. */
export function decodeValue(encoded: unknown): unknown {
  if (encoded === null || typeof encoded === 'string' || typeof encoded === 'boolean') return encoded;
  if (typeof encoded === 'number') return encoded;
  if (Array.isArray(encoded)) return encoded.map(decodeValue);
  if (typeof encoded !== 'object') throw new BackupValueError(`unexpected value ${String(encoded)}`);
  const tagged = encoded as Record<string, unknown>;
  const [tag, ...others] = Object.keys(tagged);
  if (tag === undefined || others.length > 0) throw new BackupValueError('malformed tagged value');
  switch (tag) {
    case '$int':
      if (typeof tagged.$int !== 'string' || !/^-?\d+$/.test(tagged.$int))
        throw new BackupValueError('malformed $int value');
      return neo4j.int(tagged.$int);
    case '$float':
      return Number(tagged.$float);
    case '$bytes':
      return new Int8Array(Buffer.from(String(tagged.$bytes), 'base64'));
    case '$datetime': {
      const [y, mo, d, h, mi, s, ns, offset, zone] = parts(tagged, tag, 9);
      return new neo4j.types.DateTime(
        int(y),
        int(mo),
        int(d),
        int(h),
        int(mi),
        int(s),
        int(ns),
        offset === '' ? undefined : int(offset),
        zone === '' ? undefined : String(zone),
      );
    }
    case '$localdatetime': {
      const [y, mo, d, h, mi, s, ns] = parts(tagged, tag, 7);
      return new neo4j.types.LocalDateTime(int(y), int(mo), int(d), int(h), int(mi), int(s), int(ns));
    }
    case '$date': {
      const [y, mo, d] = parts(tagged, tag, 3);
      return new neo4j.types.Date(int(y), int(mo), int(d));
    }
    case '$time': {
      const [h, mi, s, ns, offset] = parts(tagged, tag, 5);
      return new neo4j.types.Time(int(h), int(mi), int(s), int(ns), int(offset));
    }
    case '$localtime': {
      const [h, mi, s, ns] = parts(tagged, tag, 4);
      return new neo4j.types.LocalTime(int(h), int(mi), int(s), int(ns));
    }
    case '$duration': {
      const [months, days, seconds, nanoseconds] = parts(tagged, tag, 4);
      return new neo4j.types.Duration(int(months), int(days), int(seconds), int(nanoseconds));
    }
    case '$point': {
      const [srid, x, y, z] = parts(tagged, tag, 3);
      return new neo4j.types.Point(int(srid), Number(x), Number(y), z === undefined ? undefined : Number(z));
    }
    default:
      throw new BackupValueError(`unknown value tag ${tag}`);
  }
}

/** Every property of a node or relationship, encoded. */
export function encodeProperties(properties: Record<string, unknown>): Record<string, EncodedValue> {
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, encodeValue(value)]));
}

/** Every property, decoded; throws BackupValueError on anything `encodeProperties` cannot have written. */
export function decodeProperties(encoded: unknown): Record<string, unknown> {
  if (encoded === null || typeof encoded !== 'object' || Array.isArray(encoded))
    throw new BackupValueError('properties must be an object');
  return Object.fromEntries(
    Object.entries(encoded as Record<string, unknown>).map(([key, value]) => [key, decodeValue(value)]),
  );
}
