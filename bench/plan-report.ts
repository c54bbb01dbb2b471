// Benchmark: parse and render a 2,000-resource plan (mixed actions, nested attributes, sensitive
// values). Prints the median of several runs per format against the target of 1 s.
// Run: npm run build && node dist/bench/plan-report.js [resources] [runs]

import { parsePlan } from '../review/plan';
import { renderJson, renderMarkdown, renderText } from '../review/render';
import { syntheticPlan } from '../test/review/synthetic-plan';

const TARGET_MS = 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const resources = Number(process.argv[2] ?? 2000);
  const runs = Number(process.argv[3] ?? 7);
  const text = JSON.stringify(syntheticPlan({ resources }), null, 2);
  console.log(`plan-report bench: ${resources} resources, ${(text.length / 1e6).toFixed(1)} MB of plan JSON, median of ${runs} runs`);
  const renderers = { markdown: (r: ReturnType<typeof parsePlan>) => renderMarkdown(r), json: renderJson, text: renderText };
  let worst = 0;
  for (const [format, render] of Object.entries(renderers)) {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      const out = render(parsePlan(text, 'bench.json'));
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      size = out.length;
    }
    const m = median(times);
    worst = Math.max(worst, m);
    console.log(`  ${format.padEnd(8)} parse+render ${m.toFixed(1).padStart(7)} ms  (output ${size.toLocaleString('en-US')} chars)`);
  }
  console.log(`  target   < ${TARGET_MS} ms: ${worst < TARGET_MS ? 'met' : 'MISSED'} (slowest median ${worst.toFixed(1)} ms)`);
}

main();
