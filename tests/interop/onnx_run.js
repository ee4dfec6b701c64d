// Runs an ONNX file with ONNX Runtime (the npm package onnxruntime-node, CPU,
// 2 threads) on a raw float32 batch and writes the logits as raw float32;
// prints the output shapes and the model's metadata keys as JSON.
// Usage: node onnx_run.js MODEL.onnx INPUT.bin N SIZE OUTPUT.bin
const ort = require('onnxruntime-node');
const fs = require('fs');

(async () => {
  const [model, input, n, size, output] = process.argv.slice(2);
  const session = await ort.InferenceSession.create(model, {intraOpNumThreads: 2, interOpNumThreads: 1});
  const bytes = fs.readFileSync(input);
  const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const images = new ort.Tensor('float32', data, [Number(n), 3, Number(size), Number(size)]);
  const out = await session.run({images});
  fs.writeFileSync(output, Buffer.from(out.logits.data.buffer, out.logits.data.byteOffset, out.logits.data.byteLength));
  console.log(JSON.stringify({logits: out.logits.dims, scores: out.scores.dims, inputs: session.inputNames,
                              outputs: session.outputNames}));
})().catch((e) => {
  console.error(`onnx_run.js: ${e.message}`);
  process.exit(1);
});
