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
