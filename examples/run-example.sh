#!/usr/bin/env bash
# The main job on the bundled example: validate, synthesize, and run the pipeline locally.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
EX=examples/prospecting
prospect() { node bin/prospect.js "$@"; }

echo "== validate"
prospect validate "$EX"
prospect validate "$EX" --env prod
echo "== lineage (mermaid)"
prospect graph "$EX"
echo "== synth (Terraform JSON under cdktf.out/stacks/<env>/)"
prospect synth "$EX" --env dev --out cdktf.out
prospect synth "$EX" --env prod --out cdktf.out
echo "== local pipeline: sample partner files, then ingest, segment, export (runtime: local)"
node dist/examples/generate-partner-files.js --local "$EX" --env local --quiet
prospect run "$EX" --env local
prospect audience preview golf-enthusiasts-30-55 "$EX" --env local --sample 5
