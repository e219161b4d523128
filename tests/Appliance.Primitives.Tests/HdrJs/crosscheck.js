// Drives hdr-histogram-js (the pinned reference implementation) for HdrJsCrossCheckTests.
// stdin: a JSON array of requests; stdout: a JSON array of results, one per request.
//   { op: "record", lowest, highest, digits, values: [..], ticks, ratio, percentiles: [..] }
//   { op: "decode", base64, ticks, ratio, percentiles: [..] }
// Each result describes the js histogram: its .hgrm text, its own base64 encoding, layout, counts
// (non-zero [index, count] pairs) and getValueAtPercentile for each requested percentile.
"use strict";
const fs = require("fs");
const hdr = require("hdr-histogram-js");

function describe(h, request) {
  const counts = [];
  for (let i = 0; i < h.countsArrayLength; i++) {
    const c = h.getCountAtIndex(i);
    if (c !== 0) counts.push([i, c]);
  }
  return {
    hgrm: h.outputPercentileDistribution(request.ticks, request.ratio),
    base64: hdr.encodeIntoCompressedBase64(h),
    totalCount: h.totalCount,
    countsArrayLength: h.countsArrayLength,
    bucketCount: h.bucketCount,
    subBucketCount: h.subBucketCount,
    unitMagnitude: h.unitMagnitude,
    maxValue: h.maxValue,
    counts,
    percentiles: (request.percentiles || []).map((p) => h.getValueAtPercentile(p)),
  };
}

function run(request) {
  if (request.op === "record") {
    const h = hdr.build({
      bitBucketSize: 64,
      autoResize: false,
      lowestDiscernibleValue: request.lowest,
      highestTrackableValue: request.highest,
      numberOfSignificantValueDigits: request.digits,
    });
    for (const v of request.values) h.recordValue(v);
    return describe(h, request);
  }
  if (request.op === "decode") {
    return describe(hdr.decodeFromCompressedBase64(request.base64, 64), request);
  }
  throw new Error("unknown op " + request.op);
}

const requests = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(requests.map(run)));
