// aia-check: proves the engine on whatever device the linked LibTorch offers,
// with LibTorch alone (no Qt, OpenCV or JSON library), so that it builds on a
// GPU server against the LibTorch inside PyTorch's wheel. bench/gpu_check.sh
// builds and runs it; on CPU it runs as a test with small sizes.
//
//   1. parity: TResNet-M with the fixture's hash-rule weights on the device,
//      logits against shared/fixtures/tresnet_m within 1e-3 + 1e-4 |ref|
//      (TF32 off for this part: it is float32 arithmetic that is compared);
//   2. train: optimiser steps of a backbone at --size with --batch images, in
//      float32 and with bfloat16 autocast, in --memory-format, the loss read
//      every --check-every steps: images/s between one synchronisation before
//      the timed steps and one after, peak device memory, and that the loss
//      of a repeated batch falls;
//   3. thresholds: MCC-grid, exact MCC and exact F1 thresholds from tensors on
//      the device equal, bit for bit, the CPU implementation's.
//
// Exit status 0 when every check passes, 1 when one fails, 2 on bad usage.

#include "aia/catalogue/catalogue.h"
#include "aia/metrics/metrics.h"
#include "aia/metrics/thresholds.h"
#include "aia/metrics/thresholds_tensor.h"
#include "aia/model/registry.h"
#include "aia/model/tresnet.h"
#include "aia/runtime/compute.h"
#include "aia/runtime/compute_format.h"
#include "aia/runtime/runtime.h"
#include "aia/training/train_step.h"
#include "fixture_model.h"

#include <torch/cuda.h>
#include <torch/torch.h>
#include <torch/version.h>
#ifdef AIA_WITH_CUDA_STATS
#include <c10/cuda/CUDACachingAllocator.h>
#endif

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string fixtures;  // shared/fixtures/tresnet_m; empty: skip parity
  std::string device = "auto";
  std::string backbone = "tresnet_m";
  int size = 448;
  int batch = 32;
  int steps = 6;   // timed steps per precision
  int warmup = 2;  // untimed steps first (cuDNN autotuning, allocator warm-up)
  int labels = 260;
  int threads = 0;
  int threshold_images = 4000;
  std::string report;
  int check_every = 0;                 // the NaN guard's window; 0: the trainer's default (default_loss_check_every)
  std::string memory_format = "nchw";  // or channels-last
};

// One line of the report: what was checked and what came out.
struct Line {
  std::string key, value;
};

std::vector<Line> report;
bool failed = false;

void note(const std::string& key, const std::string& value) {
  report.push_back({key, value});
  std::cout << std::left << std::setw(34) << key << value << std::endl;
}

void verdict(const std::string& key, bool ok, const std::string& detail) {
  note(key, std::string(ok ? "PASS" : "FAIL") + " (" + detail + ")");
  if (!ok) failed = true;
}

std::string fmt(double v, int precision = 4) {
  std::ostringstream o;
  o << std::setprecision(precision) << v;
  return o.str();
}

void synchronize(const torch::Device& device) {
  if (device.is_cuda()) torch::cuda::synchronize(device.index() < 0 ? -1 : device.index());
}

void reset_peak_memory(const torch::Device& device) {
#ifdef AIA_WITH_CUDA_STATS
  if (device.is_cuda()) c10::cuda::CUDACachingAllocator::resetPeakStats(device.index() < 0 ? 0 : device.index());
#else
  (void)device;
#endif
}

// Peak bytes the caching allocator handed out since the last reset; -1 when unknown.
double peak_memory_gib(const torch::Device& device) {
#ifdef AIA_WITH_CUDA_STATS
  if (device.is_cuda()) {
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(device.index() < 0 ? 0 : device.index());
    return static_cast<double>(stats.allocated_bytes[0].peak) / (1024.0 * 1024.0 * 1024.0);
  }
#else
  (void)device;
#endif
  return -1;
}

// The fixture's "values": [[...], [...]] as floats: the one array this file holds numbers in.
std::vector<float> read_fixture_values(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::size_t at = text.find("\"values\"");
  if (at == std::string::npos) throw std::runtime_error(path + ": no \"values\" array");
  at = text.find('[', at);
  std::vector<float> values;
  int depth = 0;
  for (std::size_t i = at; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '[')
      ++depth;
    else if (c == ']') {
      if (--depth == 0) break;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      char* end = nullptr;
      values.push_back(std::strtof(text.c_str() + i, &end));
      i = static_cast<std::size_t>(end - text.c_str()) - 1;
    }
  }
  return values;
}

void check_parity(const Options& o, const torch::Device& device) {
  // Float32 arithmetic is what the fixture holds: no TF32 in this part.
  const bool cudnn_tf32 = at::globalContext().allowTF32CuDNN();
  const bool cublas_tf32 = at::globalContext().allowTF32CuBLAS();
  at::globalContext().setAllowTF32CuDNN(false);
  at::globalContext().setAllowTF32CuBLAS(false);
  aia::TResNetOptions to;
  to.num_classes = 1000;
  auto model = std::make_shared<aia::TResNetImpl>(to);
  aia::test::fill_fixture_weights(*model);
  model->eval();
  model->to(device);
  torch::NoGradGuard no_grad;
  for (int size : {64, 224}) {
    const auto expected = read_fixture_values(o.fixtures + "/expected_logits_" + std::to_string(size) + ".json");
    const auto logits = model->forward(aia::test::fixture_input(size).to(device)).cpu().contiguous();
    const float* got = logits.data_ptr<float>();
    const bool shape_ok = static_cast<std::size_t>(logits.numel()) == expected.size();
    double worst = 0, max_diff = 0;
    for (std::size_t i = 0; shape_ok && i < expected.size(); ++i) {
      const double d = std::abs(static_cast<double>(got[i]) - expected[i]);
      max_diff = std::max(max_diff, d);
      worst = std::max(worst, d / (1e-3 + 1e-4 * std::abs(static_cast<double>(expected[i]))));
    }
    verdict("parity " + std::to_string(size) + "x" + std::to_string(size), shape_ok && worst <= 1.0,
            "max |d| " + fmt(max_diff, 3) + ", worst " + fmt(worst, 3) + " of the tolerance");
  }
  at::globalContext().setAllowTF32CuDNN(cudnn_tf32);
  at::globalContext().setAllowTF32CuBLAS(cublas_tf32);
}

void check_training(const Options& o, const torch::Device& device, bool amp) {
  const std::string tag = amp ? "train bf16-amp" : "train fp32";
  const bool channels_last = o.memory_format == "channels-last";
  const int check_every = o.check_every > 0 ? o.check_every : aia::default_loss_check_every(device.str());
  torch::manual_seed(7);
  aia::Classifier model = aia::make_model(o.backbone, o.labels, 0.3);
  model->to(device);
  aia::apply_memory_format(*model, channels_last);
  // One batch of random images, trained on once per epoch: the engine's
  // tensor trainer, a constant learning rate, and the loss must fall.
  const torch::Tensor images = torch::randn({o.batch, 3, o.size, o.size}).to(device);
  const torch::Tensor targets = (torch::rand({o.batch, o.labels}) < 0.05).to(torch::kFloat32).to(device);
  auto options = [&](int epochs) {
    aia::TensorTrainOptions t;
    t.epochs = epochs;
    t.batch_size = o.batch;
    t.schedule.max_lr = 1e-4;
    t.schedule.pct_start = 0;  // no warm-up: the peak at once,
    t.schedule.final_div_factor = 1;
    t.schedule.div_factor = 1;  // and flat
    t.loss = aia::loss_preset("proposed");
    t.step.amp = amp;
    t.step.check_every = check_every;
    t.channels_last = channels_last;
    t.seed = 1000;
    return t;
  };
  // The warm-up steps (cuDNN's autotuning, the allocator's cache), then the
  // timed ones: one synchronisation before and one after, as a GPU runs.
  if (o.warmup > 0) aia::train_on_tensors(*model, images, targets, options(o.warmup));
  reset_peak_memory(device);
  synchronize(device);
  const auto start = Clock::now();
  const auto r = aia::train_on_tensors(*model, images, targets, options(o.steps));
  synchronize(device);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const auto& losses = r.epoch_loss;
  const bool complete = r.finite && losses.size() == static_cast<std::size_t>(o.steps);
  const double ips = complete && seconds > 0 ? o.steps * o.batch / seconds : 0;
  std::string trace;
  for (double l : losses) {
    if (!trace.empty()) trace += ' ';
    trace += fmt(l, 5);
  }
  verdict(tag + " loss falls", complete && losses.back() < losses.front(), "losses " + trace);
  note(tag + " images/s", fmt(ips, 4) + " (" + o.backbone + ", " + std::to_string(o.size) + " px, batch " +
                              std::to_string(o.batch) + ", " + o.memory_format + ", loss checked every " +
                              std::to_string(check_every) + " steps, " + std::to_string(o.steps) + " timed steps)");
  note(tag + " Corel-5k epoch s", fmt(4500.0 / ips, 4) + " (4500 training images at this rate)");
  const double peak = peak_memory_gib(device);
  note(tag + " peak memory GiB", peak >= 0 ? fmt(peak, 4) : std::string("n/a on ") + device.str());
}

void check_thresholds(const Options& o, const torch::Device& device) {
  torch::manual_seed(11);
  const std::int64_t n = o.threshold_images, labels = o.labels;
  // Float32 scores, as a model gives them, on a 1/1000 grid so that ties
  // occur; targets follow the scores loosely.
  const torch::Tensor scores = (torch::rand({n, labels}) * 1000).round() / 1000;
  const torch::Tensor targets = (torch::rand({n, labels}) < scores * 0.2).to(torch::kFloat32);
  const torch::Tensor s_host = scores.to(torch::kFloat64).contiguous(),
                      t_host = targets.to(torch::kFloat64).contiguous();
  const aia::LabelMatrix m(static_cast<std::size_t>(n), static_cast<std::size_t>(labels),
                           std::vector<double>(s_host.data_ptr<double>(), s_host.data_ptr<double>() + n * labels),
                           std::vector<double>(t_host.data_ptr<double>(), t_host.data_ptr<double>() + n * labels));
  for (auto method : {aia::ThresholdMethod::MccGrid, aia::ThresholdMethod::Mcc, aia::ThresholdMethod::F1}) {
    auto start = Clock::now();
    const auto reference = aia::choose_thresholds(m, method);
    const double cpu_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    const torch::Tensor s_dev = scores.to(device);
    start = Clock::now();
    const auto on_device = aia::choose_thresholds(s_dev, targets.to(device), method);
    const double dev_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    std::size_t differ = 0;
    for (std::size_t j = 0; j < reference.size(); ++j) differ += reference[j] != on_device[j];
    verdict("thresholds " + aia::to_string(method) + " " + device.str() + " == cpu", differ == 0,
            std::to_string(differ) + " of " + std::to_string(reference.size()) + " labels differ; " +
                std::to_string(n) + " images; cpu " + fmt(cpu_ms, 3) + " ms, tensors " + fmt(dev_ms, 3) + " ms");
  }
}

int usage(const std::string& problem) {
  std::cerr << "aia-check: " << problem << "\n"
            << "usage: aia-check [--fixtures DIR] [--device auto|cpu|cuda[:N]] [--backbone NAME] [--size PX]\n"
            << "                 [--batch N] [--steps N] [--warmup N] [--labels N] [--threads N]\n"
            << "                 [--threshold-images N] [--report FILE] [--check-every N]\n"
            << "                 [--memory-format nchw|channels-last]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage("option " + a + " needs a value");
    const std::string v = argv[++i];
    auto number = [&](int& out) {
      try {
        out = std::stoi(v);
      } catch (const std::exception&) {
        throw std::invalid_argument(a + " expects a number, got '" + v + "'");
      }
    };
    try {
      if (a == "--fixtures")
        o.fixtures = v;
      else if (a == "--device")
        o.device = v;
      else if (a == "--backbone")
        o.backbone = v;
      else if (a == "--size")
        number(o.size);
      else if (a == "--batch")
        number(o.batch);
      else if (a == "--steps")
        number(o.steps);
      else if (a == "--warmup")
        number(o.warmup);
      else if (a == "--labels")
        number(o.labels);
      else if (a == "--threads")
        number(o.threads);
      else if (a == "--threshold-images")
        number(o.threshold_images);
      else if (a == "--report")
        o.report = v;
      else if (a == "--check-every")
        number(o.check_every);
      else if (a == "--memory-format")
        o.memory_format = v;
      else
        return usage("unknown option " + a);
    } catch (const std::invalid_argument& e) {
      return usage(e.what());
    }
  }
  if (o.steps < 2 || o.batch < 1 || o.labels < 1) return usage("--steps must be >= 2, --batch and --labels >= 1");
  if (o.memory_format != "nchw" && o.memory_format != "channels-last")
    return usage("--memory-format is nchw or channels-last");
  try {
    aia::RuntimeOptions ro;
    ro.threads = o.threads;
    const auto info = aia::configure_runtime(ro);
    const torch::Device device(aia::resolve_device(o.device));
    note("libtorch", std::string(TORCH_VERSION) + (torch::cuda::is_available() ? ", CUDA available" : ", CPU only"));
    note("device", device.str() + "; " + aia::describe(info));
    if (device.is_cuda()) at::globalContext().setBenchmarkCuDNN(true);
    if (!o.fixtures.empty()) check_parity(o, device);
    check_training(o, device, false);
    check_training(o, device, true);
    check_thresholds(o, device);
  } catch (const c10::Error& e) {
    note("error", std::string("torch: ") + e.what_without_backtrace());
    failed = true;
  } catch (const std::exception& e) {
    note("error", e.what());
    failed = true;
  }
  if (!o.report.empty()) {
    std::ofstream out(o.report);
    for (const auto& line : report) out << line.key << '\t' << line.value << '\n';
  }
  std::cout << (failed ? "aia-check: FAILED" : "aia-check: all checks passed") << std::endl;
  return failed ? 1 : 0;
}
