import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { cronPattern, cronScheduleProblem, shortestCronInterval } from '../../../ingest/index.ts';

/** A small deterministic generator (mulberry32), so the sampled expressions are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fields = [
  { min: 0, max: 59, maxStep: 60 },
  { min: 0, max: 59, maxStep: 60 },
  { min: 0, max: 23, maxStep: 24 },
  { min: 1, max: 31, maxStep: 31 },
  { min: 1, max: 12, maxStep: 12 },
  { min: 0, max: 7, maxStep: 7 },
];

interface Drawn {
  text: string;
  /** Numbers in range, ranges ordered, steps allowed: what the documented syntax promises to accept. */
  valid: boolean;
}

function drawItem(next: () => number, field: (typeof fields)[number]): Drawn {
  const number = () => Math.floor(next() * (field.max - field.min + 5)) + field.min - 2;
  const step = () => Math.floor(next() * (field.maxStep + 3)) - 1;
  const inRange = (value: number) => value >= field.min && value <= field.max;
  const stepOk = (value: number) => value >= 1 && value <= field.maxStep;
  const kind = Math.floor(next() * 5);
  if (kind === 0) return { text: '*', valid: true };
  if (kind === 1) {
    const s = step();
    return { text: `*/${s}`, valid: stepOk(s) };
  }
  if (kind === 2) {
    const n = number();
    return { text: String(n), valid: inRange(n) };
  }
  const from = number();
  const to = number();
  const range = `${from}-${to}`;
  const rangeOk = inRange(from) && inRange(to) && from <= to;
  if (kind === 3) return { text: range, valid: rangeOk };
  const s = step();
  return { text: `${range}/${s}`, valid: rangeOk && stepOk(s) };
}

function drawCron(next: () => number): Drawn {
  const withSeconds = next() < 0.4;
  const parts: Drawn[] = [];
  for (const [index, field] of fields.entries()) {
    if (index === 0 && !withSeconds) continue;
    const items = Array.from({ length: next() < 0.7 ? 1 : 2 }, () => drawItem(next, field));
    parts.push({ text: items.map((item) => item.text).join(','), valid: items.every((item) => item.valid) });
  }
  return { text: parts.map((part) => part.text).join(' '), valid: parts.every((part) => part.valid) };
}

function croner(cron: string): boolean {
  try {
    new Cron(cron, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

describe('the cron syntax schedules accept', () => {
  const loose = new RegExp(cronPattern({ fixedSecond: false }));
  const fixed = new RegExp(cronPattern({ fixedSecond: true }));

  it('matches exactly the well-formed expressions, and croner accepts everything it matches', () => {
    const next = random(20261201);
    let matched = 0;
    for (let index = 0; index < 4000; index++) {
      const drawn = drawCron(next);
      expect(loose.test(drawn.text), drawn.text).toBe(drawn.valid);
      if (drawn.valid) {
        matched += 1;
        expect(croner(drawn.text), drawn.text).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(200);
  });

  it('refuses names, extensions, stray spaces and leading zeros it does not document', () => {
    for (const cron of [
      '0 0 * * MON',
      '0 0 L * *',
      '0 0 ? * *',
      ' 0 3 * * *',
      '0  3 * * *',
      '05 3 * * *',
      '0 3 * * *\n',
    ]) {
      expect(loose.test(cron), JSON.stringify(cron)).toBe(false);
    }
    expect(loose.test('0 3 * * 1-5')).toBe(true);
  });

  it('with a minimum of a minute, a 6-field expression names one second', () => {
    expect(fixed.test('0 */5 * * * *')).toBe(true);
    expect(fixed.test('* * * * * *')).toBe(false);
    expect(fixed.test('*/30 * * * * *')).toBe(false);
    expect(fixed.test('*/10 * * * *')).toBe(true);
  });

  it('measures the shortest interval and names the reason for a refusal', () => {
    const from = new Date('2026-03-02T00:00:00Z');
    expect(shortestCronInterval('* * * * * *', undefined, from)).toBe(1);
    expect(shortestCronInterval('*/5 * * * *', undefined, from)).toBe(300);
    expect(shortestCronInterval('0,1 * * * *', undefined, from)).toBe(60);
    expect(cronScheduleProblem('* * * * * *', undefined, 60)).toMatch(
      /more than once a minute; .* at least 60 s apart/,
    );
    expect(cronScheduleProblem('*/2 * * * *', undefined, 300)).toBe(
      "cron '*/2 * * * *' would run every 120 s; schedules must be at least 300 s apart",
    );
    expect(cronScheduleProblem('*/2 * * * * *', undefined, 1)).toBeUndefined();
    expect(cronScheduleProblem('0 3 * * 1-5', 'Europe/Berlin', 3600)).toBeUndefined();
    expect(cronScheduleProblem('61 * * * *', undefined, 60)).toMatch(/invalid cron expression/);
  });
});
