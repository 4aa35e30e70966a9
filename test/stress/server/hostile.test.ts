import { describeHostileDocuments, MiB, seedsRepeatedTo } from '../../server/hostile-documents';

describeHostileDocuments([
  { name: 'a 100 MiB transcript', boundMs: 60_000, make: () => seedsRepeatedTo(100 * MiB) },
  { name: 'a single 20 MiB line', boundMs: 20_000, make: () => `[A]: ${'x你😀 '.repeat((20 * MiB) / 6)}` },
  {
    name: '1,000,000 one-line turns',
    boundMs: 120_000,
    make: () => Array.from({ length: 1_000_000 }, (_, i) => `[S${i % 7}]: line ${i}`).join('\n'),
  },
  { name: 'a document of 10 MiB of \\r alone', boundMs: 20_000, make: () => '\r'.repeat(10 * MiB) },
]);
