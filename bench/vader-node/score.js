// Scores ground-truth corpora (id<TAB>human mean<TAB>text) with the npm vader-sentiment port and prints
// one JSON object: per corpus the compound scores in file order and the wall time of each timed run.
// usage: node score.js <runs> <corpus file>...
'use strict';
const fs = require('fs');
const path = require('path');
const vader = require('vader-sentiment');

const runs = Math.max(1, parseInt(process.argv[2], 10) || 5);
const files = process.argv.slice(3);

function readTexts(file) {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(l => l.length > 0).map(line => {
    const parts = line.split('\t');
    return { id: parts[0], text: parts.slice(2).join('\t') };
  });
}

const corpora = [];
for (const file of files) {
  const docs = readTexts(file);
  const scoreAll = () => docs.map(d => vader.SentimentIntensityAnalyzer.polarity_scores(d.text).compound);
  const compounds = scoreAll(); // warm-up run; its scores are the ones reported
  const millis = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    scoreAll();
    millis.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  corpora.push({ name: path.basename(file), documents: docs.length, ids: docs.map(d => d.id), compounds, millis });
}
process.stdout.write(JSON.stringify({ package: 'vader-sentiment', version: require('vader-sentiment/package.json').version, node: process.version, corpora }));
