/**
 * Tag suggestions against the corpus manifest: how often lib/checks' suggestTags gives the artefact
 * type, phases and service areas the manifest's guesses map to. The manifest's free-text guesses
 * (artefact_type_guess, phase_guess, topic_guess) are mapped to the hub's vocabularies with the bulk
 * import's own mapping (lib/import/map-vocabulary.ts), exactly as `npm run import` records them.
 *
 *   npm run bench:suggest      (= npx tsx --conditions=react-server bench/suggest-tags.ts)
 *
 * Prints top-1 and top-3 accuracy for the artefact type, and micro-averaged precision and recall for
 * phases and for service areas, with every miss listed. Text comes from lib/extract, as the
 * extract-text job stores it. BENCH_SHOW=1 prints every document's suggestions with their evidence.
 * Never part of `npm test`.
 */
import { suggestTags, type TagSuggestions } from '@/lib/checks/tags/suggest-tags';
import { loadSuggestionVocabularies } from '@/lib/checks/testing/load-vocabularies';
import { readManifest } from '@/lib/import/manifest';
import { mapManifestRow } from '@/lib/import/map-vocabulary';
import { corpusDir, extractCorpus } from './lib/corpus';
import { machineLine, peakRssMb, rerunWith, saveResults } from './lib/report';

const rerunCommand = rerunWith('npx tsx --conditions=react-server bench/suggest-tags.ts');

interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

function tally(counts: Counts, expected: string[], suggested: string[]): void {
  for (const slug of suggested) {
    if (expected.includes(slug)) counts.truePositives++;
    else counts.falsePositives++;
  }
  for (const slug of expected) if (!suggested.includes(slug)) counts.falseNegatives++;
}

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);
const percent = (x: number) => (Number.isNaN(x) ? '  n/a' : `${(x * 100).toFixed(1).padStart(5)}%`);

async function main() {
  const vocabularies = loadSuggestionVocabularies();
  const manifest = await readManifest(corpusDir());
  const texts = new Map((await extractCorpus()).map((doc) => [doc.file, doc.text]));
  const started = performance.now();

  let top1 = 0;
  let top3 = 0;
  const phases: Counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  const topics: Counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  let documentsWithTopics = 0;
  let topicSuggestionsWhereNoneExpected = 0;
  const misses: string[] = [];
  const perDocument: { file: string; expected: object; suggested: TagSuggestions }[] = [];

  for (const row of manifest.rows) {
    const fields = mapManifestRow(row).fields as { artefactType: string; phases: string[]; topics: string[] };
    const suggested = suggestTags({ fileName: row.file, text: texts.get(row.file) ?? '' }, vocabularies);
    const types = suggested.artefactTypes.map((s) => s.slug);
    if (types[0] === fields.artefactType) top1++;
    if (types.slice(0, 3).includes(fields.artefactType)) top3++;
    else misses.push(`  type   ${row.file}: expected ${fields.artefactType}, suggested ${types.slice(0, 3).join(', ') || 'nothing'}`);
    const phaseSlugs = suggested.phases.map((s) => s.slug);
    tally(phases, fields.phases, phaseSlugs);
    const topicSlugs = suggested.topics.map((s) => s.slug);
    tally(topics, fields.topics, topicSlugs);
    if (fields.topics.length > 0) documentsWithTopics++;
    else if (topicSlugs.length > 0) topicSuggestionsWhereNoneExpected++;
    if (topicSlugs.join() !== fields.topics.join()) misses.push(`  topics ${row.file}: expected ${fields.topics.join(', ') || 'none'}, suggested ${topicSlugs.join(', ') || 'none'}`);
    perDocument.push({ file: row.file, expected: fields, suggested });
    if (process.env.BENCH_SHOW) {
      console.log(`${row.file}: type ${types.slice(0, 3).join(' > ')} (expected ${fields.artefactType}); phases ${phaseSlugs.join(',')} (${fields.phases.join(',')}); topics ${topicSlugs.join(',') || '-'} (${fields.topics.join(',') || '-'})`);
      for (const s of [...suggested.artefactTypes.slice(0, 1), ...suggested.phases, ...suggested.topics]) {
        console.log(`    ${s.slug} ${s.score}: ${s.evidence.map((e) => `${e.term} (${e.where} ×${e.count})`).join('; ')}`);
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const documents = manifest.rows.length;
  const phasePrecision = ratio(phases.truePositives, phases.truePositives + phases.falsePositives);
  const phaseRecall = ratio(phases.truePositives, phases.truePositives + phases.falseNegatives);
  const topicPrecision = ratio(topics.truePositives, topics.truePositives + topics.falsePositives);
  const topicRecall = ratio(topics.truePositives, topics.truePositives + topics.falseNegatives);

  console.log('');
  console.log(`Tag suggestions — ${machineLine()}`);
  console.log(`  ${documents} corpus documents (${corpusDir()}); expected tags: the manifest's guesses mapped by lib/import/map-vocabulary.ts`);
  console.log('');
  console.log(`  artefact type   top-1 ${percent(top1 / documents)}  (${top1}/${documents})   top-3 ${percent(top3 / documents)}  (${top3}/${documents})`);
  console.log(`  phases          precision ${percent(phasePrecision)}   recall ${percent(phaseRecall)}   (${phases.truePositives} right, ${phases.falsePositives} extra, ${phases.falseNegatives} missed)`);
  console.log(`  service areas   precision ${percent(topicPrecision)}   recall ${percent(topicRecall)}   (${topics.truePositives} right, ${topics.falsePositives} extra, ${topics.falseNegatives} missed; ${documentsWithTopics} documents have a service area, ${topicSuggestionsWhereNoneExpected} without one got a suggestion)`);
  console.log(`  time            ${(seconds * 1000 / documents).toFixed(1)} ms per document (suggestions only; text extracted beforehand), peak RSS ${peakRssMb().toFixed(0)} MB`);
  console.log('');
  console.log('  misses (type: not in the top 3; service areas: not exactly the expected set)');
  for (const miss of misses) console.log(miss);
  console.log('');
  console.log(`  rerun: ${rerunCommand}`);
  const file = await saveResults('suggest-tags', {
    command: rerunCommand,
    documents,
    artefactType: { top1: top1 / documents, top3: top3 / documents },
    phases: { precision: phasePrecision, recall: phaseRecall, ...phases },
    topics: { precision: topicPrecision, recall: topicRecall, ...topics },
    perDocument,
  });
  console.log(`  results: ${file}`);
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`[bench] rerun with: ${rerunCommand}`);
  process.exit(1);
});
