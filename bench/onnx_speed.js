// Images per second of ONNX Runtime (onnxruntime-node, CPU) on an ONNX file:
// a batch of BATCH random images at SIZE, THREADS intra-op threads, one
// warm-up run, then runs for at least 10 seconds. Prints the number.
//   NODE_PATH=... node onnx_speed.js MODEL.onnx SIZE BATCH THREADS
const ort = require('onnxruntime-node');

(async () => {
  const [model, size, batch, threads] = process.argv.slice(2).map((v, i) => (i ? Number(v) : v));
  const session = await ort.InferenceSession.create(model, {intraOpNumThreads: threads, interOpNumThreads: 1,
                                                            graphOptimizationLevel: 'all'});
  const data = Float32Array.from({length: batch * 3 * size * size}, () => Math.random() * 2 - 1);
  const images = new ort.Tensor('float32', data, [batch, 3, size, size]);
  await session.run({images});
  let done = 0;
  const start = process.hrtime.bigint();
  let seconds = 0;
  while (seconds < 10) {
    await session.run({images});
    done += batch;
    seconds = Number(process.hrtime.bigint() - start) / 1e9;
  }
  console.log((done / seconds).toFixed(2));
})().catch((e) => {
  console.error(`onnx_speed.js: ${e.message}`);
  process.exit(1);
});
