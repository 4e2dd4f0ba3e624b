/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: every line must
 * be a HELP, a TYPE or a sample, every sample must belong to a family whose TYPE came first, and every
 * value must be a number Prometheus reads (including NaN and ±Inf). Throws naming the first bad line.
 * (No parser of the format is kept on npm by the Prometheus project itself; this is the spec's grammar.)
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const metricName = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const helpLine = new RegExp(`^# HELP (${metricName}) .*$`);
const typeLine = new RegExp(`^# TYPE (${metricName}) (counter|gauge|histogram|summary|untyped)$`);
const sampleLine = new RegExp(`^(${metricName})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;

export function parsePrometheusText(text: string): { samples: Sample[]; types: Map<string, string> } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const bad = (why: string) => new Error(`line ${index + 1} ${why}: ${line}`);
    if (line.startsWith('#')) {
      const type = typeLine.exec(line);
      if (type) types.set(type[1]!, type[2]!);
      else if (!helpLine.test(line)) throw bad('is neither a HELP nor a TYPE line');
      continue;
    }
    const sample = sampleLine.exec(line);
    if (!sample) throw bad('is not a sample');
    const [, name, labelText = '', valueText] = sample;
    const family = [name!, name!.replace(/_(bucket|sum|count|total|created)$/, '')].find((n) => types.has(n));
    if (!family) throw bad('has no TYPE before it');
    const value = floatValue(valueText!);
    if (value === undefined) throw bad('has a value that is not a number');
    samples.push({ name: name!, labels: parseLabels(labelText, bad), value });
  }
  return { samples, types };
}

/**
 * A value as Prometheus reads it (Go's ParseFloat): a decimal or exponent number, or NaN and ±Inf in
 * any letter case (prom-client writes NaN as "Nan").
 */
function floatValue(text: string): number | undefined {
  if (/^nan$/i.test(text)) return NaN;
  const infinity = /^([+-]?)inf(inity)?$/i.exec(text);
  if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : undefined;
}

function parseLabels(text: string, bad: (why: string) => Error): Record<string, string> {
  const labels: Record<string, string> = {};
  labelPair.lastIndex = 0;
  while (labelPair.lastIndex < text.length) {
    const pair = labelPair.exec(text);
    if (!pair) throw bad('has malformed labels');
    labels[pair[1]!] = pair[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
  }
  return labels;
}

/** The value of the one sample with this name and (at least) these labels; undefined when there is none. */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
