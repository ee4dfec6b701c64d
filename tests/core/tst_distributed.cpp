// Data-parallel training over c10d/Gloo on loopback, driven through `aia train`
// as torchrun would launch it (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK,
// LOCAL_RANK): two ranks end with the weights of one process holding the
// whole batch, a run stopped on two ranks resumes on one to the same end, a
// rank that dies makes the other stop with a clear error in bounded time, and
// a rank left alone or a bad variable is a clear error too.

#include <torch/torch.h>

#include "aia/catalogue/catalogue.h"
#include "aia/distributed/collective.h"
#include "aia/errors.h"
#include "aia/experiment/experiment.h"
#include "aia/io/checkpoint.h"
#include "aia/model/registry.h"
#include "aia/run/run_folder.h"
#include "aia/training/train_step.h"
#include "test_support.h"
#include "tiny_dataset.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <signal.h>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <thread>

namespace {

// Float tolerance for weights (and Adam's moments) after 8 Adam steps at a
// peak learning rate of 2e-3: the ranks sum their halves of each gradient and
// of the batch statistics in another order than one process does. Measured:
// 1.8e-6; a rank training on the wrong images or BatchNorm statistics of half
// the batch moves weights by far more than 2e-5.
constexpr double kWeightTolerance = 2e-5;

int base_port() { return 29500 + static_cast<int>(::getpid() % 2000) * 4; }

struct Launch {
  std::unique_ptr<QProcess> process;
  QString output;
};

QStringList train_args(const QString& config, const QString& data, const QString& out, const QStringList& extra = {}) {
  return QStringList{"train", "--config",   config,      "--data", data,     "--out",
                     out,     "--no-flips", "--workers", "1",      "--loss", "proposed"} +
         extra;
}

std::unique_ptr<QProcess> start(const QStringList& args, int world, int rank, int port,
                                const std::map<QString, QString>& more = {}) {
  auto p = std::make_unique<QProcess>();
  auto env = QProcessEnvironment::systemEnvironment();
  env.insert("AIA_THREADS", "1");
  for (const char* name : {"WORLD_SIZE", "RANK", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"}) env.remove(name);
  if (world > 0) {
    env.insert("WORLD_SIZE", QString::number(world));
    env.insert("RANK", QString::number(rank));
    env.insert("LOCAL_RANK", QString::number(rank));
    env.insert("MASTER_ADDR", "127.0.0.1");
    env.insert("MASTER_PORT", QString::number(port));
  }
  for (const auto& [k, v] : more) env.insert(k, v);
  p->setProcessEnvironment(env);
  p->setProcessChannelMode(QProcess::MergedChannels);
  p->start(AIA_CLI, args);
  return p;
}

// Waits for a process; returns its exit code (-1 if it crashed or outlived `ms`).
int finish(QProcess& p, QString& output, int ms = 300000) {
  const bool done = p.waitForFinished(ms);
  output += QString::fromUtf8(p.readAll());
  if (!done) {
    p.kill();
    p.waitForFinished();
    return -1;
  }
  return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

std::map<std::string, torch::Tensor> tensors_of(const std::string& path) {
  std::map<std::string, torch::Tensor> out;
  for (auto& [k, v] : aia::read_safetensors(path)) out[k] = v;
  return out;
}

// Largest difference over the weights (and Adam's moments) of two checkpoints.
double max_difference(const std::string& a, const std::string& b, std::string* where) {
  const auto x = tensors_of(a), y = tensors_of(b);
  if (x.size() != y.size()) throw std::runtime_error("checkpoints hold different tensors: " + a + ", " + b);
  double worst = 0;
  for (const auto& [k, v] : x) {
    const auto it = y.find(k);
    if (it == y.end()) throw std::runtime_error(b + " lacks " + k);
    if (!v.is_floating_point()) {
      if (!torch::equal(v, it->second)) throw std::runtime_error(k + " differs");
      continue;
    }
    const double d = (v.to(torch::kFloat64) - it->second.to(torch::kFloat64)).abs().max().item<double>();
    if (d > worst) {
      worst = d;
      if (where) *where = k;
    }
  }
  return worst;
}

std::vector<aia::EpochReport> metrics_lines(const std::string& run) { return aia::RunFolder(run).read_metrics_log(); }

std::string last_checkpoint(const QString& run) {
  return aia::RunFolder(run.toStdString()).checkpoint_path(aia::Checkpoint::Last);
}

// Two hosts on one machine: two network namespaces joined by a veth pair,
// 10.200.<n>.1 and 10.200.<n>.2, made and removed by the test; traffic goes
// only between them. `error` says why they could not be made (not root, no
// CAP_NET_ADMIN, no `ip`).
struct TwoHosts {
  QString a, b, address_a, address_b, error;
  static QString ip(const QStringList& args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start("ip", args);
    if (!p.waitForStarted(5000)) return "cannot run ip (iproute2): " + p.errorString();
    p.waitForFinished(10000);
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0
               ? QString()
               : "ip " + args.join(' ') + ": " + QString::fromUtf8(p.readAll()).trimmed();
  }
  TwoHosts() {
    const QString id = QString::number(::getpid());
    a = "aia" + id + "a", b = "aia" + id + "b";
    const QString subnet = "10.200." + QString::number(::getpid() % 250);
    address_a = subnet + ".1", address_b = subnet + ".2";
    const QString va = "va" + id, vb = "vb" + id;
    const std::vector<QStringList> steps = {{"netns", "add", a},
                                            {"netns", "add", b},
                                            {"link", "add", va, "type", "veth", "peer", "name", vb},
                                            {"link", "set", va, "netns", a},
                                            {"link", "set", vb, "netns", b},
                                            {"-n", a, "addr", "add", address_a + "/24", "dev", va},
                                            {"-n", b, "addr", "add", address_b + "/24", "dev", vb},
                                            {"-n", a, "link", "set", va, "up"},
                                            {"-n", b, "link", "set", vb, "up"},
                                            {"-n", a, "link", "set", "lo", "up"},
                                            {"-n", b, "link", "set", "lo", "up"}};
    for (const auto& step : steps)
      if (error = ip(step); !error.isEmpty()) return;
  }
  ~TwoHosts() {  // the veth pair goes with its namespaces
    ip({"netns", "del", a});
    ip({"netns", "del", b});
  }
};

// `args` of aia as rank `rank` of 2 inside namespace `ns`, MASTER_ADDR the first host's address.
std::unique_ptr<QProcess> start_in(const QString& ns, const QString& master, const QStringList& args, int rank,
                                   int port, const std::map<QString, QString>& more = {}) {
  auto p = std::make_unique<QProcess>();
  auto env = QProcessEnvironment::systemEnvironment();
  env.insert("AIA_THREADS", "1");
  env.insert("WORLD_SIZE", "2");
  env.insert("RANK", QString::number(rank));
  env.insert("LOCAL_RANK", "0");  // each host's first process
  env.insert("MASTER_ADDR", master);
  env.insert("MASTER_PORT", QString::number(port));
  for (const auto& [k, v] : more) env.insert(k, v);
  p->setProcessEnvironment(env);
  p->setProcessChannelMode(QProcess::MergedChannels);
  p->start("ip", QStringList{"netns", "exec", ns, AIA_CLI} + args);
  return p;
}

}  // namespace

class TestDistributed : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void launchVariables();
  void tensorTrainerLearnsAndStops();
  void tensorTrainerOnTwoRanksEqualsOne();
  void twoRanksEqualOneProcess();
  void oneRankGroupEqualsOneProcess();
  void attentionHeadOnTwoRanksEqualsOne();
  void stoppedOnTwoRanksResumesOnOne();
  void launchedByTorchrun();
  void experimentOnTwoRanks();
  void deadRankStopsTheOther();
  void aloneRankTimesOut();
  void ranksThatDisagreeAreRefused();
  void twoHostsEqualOneProcess();
  void killedRankOnTwoHostsResumes();
  void experimentOnTwoHosts();
  void masterUnreachableOrPortTaken();
  void runFolderMustBeNamed();

 private:
  // `aia experiment` of two cells (bce, proposed) into `experiment`, the recipe of the tests.
  QStringList experiment_args(const QString& experiment) const {
    return {"experiment",   "--config", config_,    "--data",    data_, "--losses",
            "bce,proposed", "--out",    experiment, "--workers", "1",   "--no-flips"};
  }
  // Both ranks end well, each cell in a process group of its own, and every cell finished.
  void every_cell_finishes(QProcess& r0, QProcess& r1, const QString& experiment) {
    QString out0, out1;
    const int c0 = finish(r0, out0), c1 = finish(r1, out1);
    QVERIFY2(c0 == 0, qPrintable(out0));
    QVERIFY2(c1 == 0, qPrintable(out1));
    QCOMPARE(out1.count("all 2 ranks joined"), 2);
    for (const auto& cell : aia::ExperimentFolder(experiment.toStdString()).cells())
      QCOMPARE(cell.state, aia::CellState::Finished);
  }

  QTemporaryDir dir_;
  QString data_, config_, single_;
  int port_ = 0;
};

void TestDistributed::initTestCase() {
  if (!aia::collectives_available()) QSKIP("this build has no c10d (libgloo-dev missing at configure time)");
  QVERIFY(dir_.isValid());
  // oneDNN's AVX-512 convolutions pick their backward-weights algorithm by the
  // batch a process holds, so half a batch per rank sums its gradient in
  // another order than the whole batch: measured on an AVX512_FP16 Xeon, the
  // two ranks end 1.6e-4 from one process (Adam turns tiny gradients of
  // either sign into whole steps), 1.9e-6 with oneDNN held to AVX2. The
  // comparisons are of the data-parallel logic, so every process here (the
  // ranks inherit it) uses the kernels that agree across batch sizes; set
  // before the first convolution, which is when oneDNN reads it.
  qputenv("ONEDNN_MAX_CPU_ISA", "AVX2");
  data_ = dir_.filePath("tiny");
  aia::test::make_tiny_dataset(data_.toStdString(), 32, 12);
  config_ = dir_.filePath("train-config.json");
  // Dropout off: each rank draws its own masks, one process draws one for the whole batch.
  const nlohmann::json c = {{"model", {{"backbone", "tresnet_nano"}, {"head_dropout", 0.0}}},
                            {"data", {{"image_size", 32}}},
                            {"optim", {{"epochs", 2}, {"batch_size", 8}, {"learning_rate", 0.002}}},
                            {"run", {{"seed", 3}, {"device", "cpu"}}}};
  std::ofstream(config_.toStdString()) << c.dump();
  port_ = base_port();
  // The reference: one process, 2 epochs of 4 batches of 8 images.
  single_ = dir_.filePath("single");
  auto p = start(train_args(config_, data_, single_), 0, 0, 0);
  QString out;
  QCOMPARE(finish(*p, out), 0);
  QVERIFY2(std::filesystem::exists(last_checkpoint(single_)), qPrintable(out));
}

void TestDistributed::launchVariables() {
  auto with = [](const std::map<std::string, std::string>& vars, auto&& body) {
    for (const char* name : {"WORLD_SIZE", "RANK", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT", "AIA_DIST_TIMEOUT"})
      ::unsetenv(name);
    for (const auto& [k, v] : vars) ::setenv(k.c_str(), v.c_str(), 1);
    body();
    for (const auto& [k, v] : vars) ::unsetenv(k.c_str());
  };
  with({}, [] { QVERIFY(!aia::launch_info_from_environment().distributed()); });
  // torchrun --nproc_per_node=1 forms a group of one; WORLD_SIZE=1 alone is one plain process.
  with({{"WORLD_SIZE", "1"}}, [] { QVERIFY(!aia::launch_info_from_environment().distributed()); });
  with({{"WORLD_SIZE", "1"}, {"MASTER_PORT", "23456"}}, [] {
    const auto l = aia::launch_info_from_environment();
    QVERIFY(l.distributed() && l.group_of_one && l.world_size == 1);
  });
  with({{"WORLD_SIZE", "4"},
        {"RANK", "2"},
        {"LOCAL_RANK", "0"},
        {"MASTER_ADDR", "10.0.0.5"},
        {"MASTER_PORT", "23456"},
        {"AIA_DIST_TIMEOUT", "9"}},
       [] {
         const auto l = aia::launch_info_from_environment();
         QCOMPARE(l.world_size, 4);
         QCOMPARE(l.rank, 2);
         QCOMPARE(l.master_addr, std::string("10.0.0.5"));
         QCOMPARE(l.master_port, 23456);
         QCOMPARE(l.timeout.count(), 9L);
       });
  auto refused = [](const std::string& needle) {
    try {
      aia::launch_info_from_environment();
    } catch (const aia::ConfigError& e) {
      return std::string(e.what()).find(needle) != std::string::npos;
    }
    return false;
  };
  with({{"WORLD_SIZE", "2"}, {"RANK", "2"}, {"MASTER_PORT", "1"}}, [&] { QVERIFY(refused("RANK=2")); });
  with({{"WORLD_SIZE", "two"}}, [&] { QVERIFY(refused("WORLD_SIZE='two'")); });
  with({{"WORLD_SIZE", "2"}, {"RANK", "0"}}, [&] { QVERIFY(refused("MASTER_PORT is not set")); });
  with({{"WORLD_SIZE", "2"}, {"RANK", "0"}, {"MASTER_PORT", "70000"}},
       [&] { QVERIFY(refused("MASTER_PORT='70000'")); });
}

namespace {

// 48 random 32 x 32 images; label j: the mean of channel j % 3 in quadrant j is positive.
std::pair<torch::Tensor, torch::Tensor> toy_tensors() {
  torch::manual_seed(5);
  const auto x = torch::randn({48, 3, 32, 32});
  auto y = torch::zeros({48, 4});
  for (int j = 0; j < 4; ++j) {
    const auto q = x.index({torch::indexing::Slice(), j % 3, torch::indexing::Slice((j / 2) * 16, (j / 2) * 16 + 16),
                            torch::indexing::Slice((j % 2) * 16, (j % 2) * 16 + 16)});
    y.index_put_({torch::indexing::Slice(), j}, (q.mean({1, 2}) > 0).to(torch::kFloat32));
  }
  return {x, y};
}

aia::Classifier copy_of(const aia::Classifier& m) {
  auto c = aia::make_model("tresnet_nano", 4, 0.0);
  torch::NoGradGuard no_grad;
  auto to = c->named_parameters(), from = m->named_parameters();
  for (auto& p : to) p.value().copy_(*from.find(p.key()));
  auto tb = c->named_buffers(), fb = m->named_buffers();
  for (auto& b : tb) b.value().copy_(*fb.find(b.key()));
  return c;
}

aia::TensorTrainOptions toy_options() {
  aia::TensorTrainOptions o;
  o.epochs = 6;
  o.batch_size = 16;
  o.schedule.max_lr = 2e-3;
  o.loss = aia::loss_preset("bce");
  o.seed = 9;
  return o;
}

}  // namespace

void TestDistributed::tensorTrainerLearnsAndStops() {
  const auto [x, y] = toy_tensors();
  torch::manual_seed(1);
  auto model = aia::make_model("tresnet_nano", 4, 0.0);
  auto o = toy_options();
  o.epochs = 12;
  const auto r = aia::train_on_tensors(*model, x, y, o);
  QVERIFY(r.finite && !r.stopped);
  QCOMPARE(r.steps, 12L * 3);
  QCOMPARE(r.epoch_loss.size(), std::size_t(12));
  QVERIFY2(r.epoch_loss.back() < 0.6 * r.epoch_loss.front(),
           qPrintable(QString("loss %1 -> %2").arg(r.epoch_loss.front()).arg(r.epoch_loss.back())));
  // A stop asked for before step 4 lets that step finish (the ranks agree on it), then ends.
  long seen = 0;
  auto s = toy_options();
  s.on_step = [&](int, long step, double) { seen = step; };
  const auto stopped =
      aia::train_on_tensors(*copy_of(model), x, y, s, aia::single_process_collective(), [&] { return seen >= 3; });
  QVERIFY(stopped.stopped);
  QCOMPARE(stopped.steps, 4L);
  QVERIFY_THROWS_EXCEPTION(aia::ConfigError, aia::train_on_tensors(*model, x, y.narrow(0, 0, 5), o));
}

void TestDistributed::tensorTrainerOnTwoRanksEqualsOne() {
  // Two ranks as two threads of this process, over Gloo on loopback.
  const auto [x, y] = toy_tensors();
  torch::manual_seed(2);
  const auto reference = aia::make_model("tresnet_nano", 4, 0.0);
  auto single = copy_of(reference);
  const auto one = aia::train_on_tensors(*single, x, y, toy_options());
  std::vector<aia::Classifier> ranks{copy_of(reference), copy_of(reference)};
  std::vector<aia::TensorTrainResult> results(2);
  std::vector<std::string> errors(2);
  std::vector<std::thread> threads;
  for (int r = 0; r < 2; ++r)
    threads.emplace_back([&, r] {
      try {
        aia::LaunchInfo l;
        l.world_size = 2;
        l.rank = r;
        l.master_port = port_ + 5;
        l.timeout = std::chrono::seconds(60);
        results[static_cast<std::size_t>(r)] = aia::train_on_tensors(
            *ranks[static_cast<std::size_t>(r)], x, y, toy_options(), aia::make_collective(l, aia::Backend::Gloo));
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(r)] = e.what();
      }
    });
  for (auto& t : threads) t.join();
  QVERIFY2(errors[0].empty() && errors[1].empty(), (errors[0] + " / " + errors[1]).c_str());
  QCOMPARE(results[0].steps, one.steps);
  for (std::size_t e = 0; e < one.epoch_loss.size(); ++e) {
    QVERIFY(std::abs(results[0].epoch_loss[e] - one.epoch_loss[e]) < 1e-5);
    QCOMPARE(results[0].epoch_loss[e], results[1].epoch_loss[e]);  // every rank reports the same
  }
  double worst = 0;
  auto a = single->named_parameters();
  for (int r = 0; r < 2; ++r)
    for (auto& p : ranks[static_cast<std::size_t>(r)]->named_parameters())
      worst = std::max(worst, (p.value() - *a.find(p.key())).abs().max().item<double>());
  qInfo("tensor trainer, two thread ranks vs one: max |weight difference| %.3g", worst);
  QVERIFY(worst <= kWeightTolerance);
}

void TestDistributed::twoRanksEqualOneProcess() {
  const QString run = dir_.filePath("two");
  auto r0 = start(train_args(config_, data_, run), 2, 0, port_);
  auto r1 = start(train_args(config_, data_, run), 2, 1, port_);
  QString out0, out1;
  const int c0 = finish(*r0, out0), c1 = finish(*r1, out1);
  QVERIFY2(c0 == 0, qPrintable(out0));
  QVERIFY2(c1 == 0, qPrintable(out1));
  QVERIFY2(out0.contains("all 2 ranks joined"), qPrintable(out0));
  QVERIFY2(out1.contains("[rank 1]"), qPrintable(out1));

  std::string where;
  const double d = max_difference(last_checkpoint(single_), last_checkpoint(run), &where);
  qInfo("two ranks vs one process: max |difference| %.3g (%s)", d, where.c_str());
  QVERIFY2(d <= kWeightTolerance, qPrintable(QString("max difference %1 at %2").arg(d).arg(where.c_str())));

  // Metrics are reduced over the ranks: the same per-epoch figures as one process.
  const auto a = metrics_lines(single_.toStdString()), b = metrics_lines(run.toStdString());
  QCOMPARE(b.size(), a.size());
  for (std::size_t e = 0; e < a.size(); ++e) {
    QVERIFY(std::abs(a[e].train_loss - b[e].train_loss) < 1e-4);
    QVERIFY(std::abs(a[e].val_loss - b[e].val_loss) < 1e-4);
  }
  // Rank 0 alone wrote the outputs of the end of the run.
  const aia::RunFolder folder(run.toStdString());
  for (const auto& f : {folder.thresholds_path(aia::ThresholdMethod::MccGrid), folder.evaluation_path(),
                        folder.test_scores_path(), folder.checkpoint_path(aia::Checkpoint::Best)})
    QVERIFY2(std::filesystem::exists(f), f.c_str());
}

void TestDistributed::oneRankGroupEqualsOneProcess() {
  // torchrun --nproc_per_node=1 (WORLD_SIZE=1 with MASTER_PORT): a process group of one rank, with its backend
  // (Gloo here; NCCL on a GPU), SyncBatchNorm and the all-reduces, training to one process's weights.
  const QString run = dir_.filePath("one-rank");
  auto r0 = start(train_args(config_, data_, run), 1, 0, port_ + 17);
  QString out;
  QVERIFY2(finish(*r0, out) == 0, qPrintable(out));
  QVERIFY2(out.contains("rank 0 of 1: joining") && out.contains("over gloo"), qPrintable(out));
  QVERIFY2(out.contains("all 1 ranks train the same configuration"), qPrintable(out));
  std::string where;
  const double d = max_difference(last_checkpoint(single_), last_checkpoint(run), &where);
  qInfo("a group of one rank vs one process: max |difference| %.3g (%s)", d, where.c_str());
  QVERIFY2(d <= kWeightTolerance, qPrintable(QString("max difference %1 at %2").arg(d).arg(where.c_str())));
}

void TestDistributed::attentionHeadOnTwoRanksEqualsOne() {
  // The follow-up's head (its dropout off, as the GAP head's is above): the same weights on two ranks as in one
  // process, within the tolerance of the GAP head's test.
  const QString config = dir_.filePath("attention-config.json");
  const nlohmann::json c = {{"model",
                             {{"backbone", "tresnet_nano"},
                              {"head", "attention"},
                              {"attention_hidden", 32},
                              {"attention_heads", 4},
                              {"attention_feedforward", 64},
                              {"attention_dropout", 0.0}}},
                            {"data", {{"image_size", 32}}},
                            {"optim", {{"epochs", 2}, {"batch_size", 8}, {"learning_rate", 0.002}}},
                            {"run", {{"seed", 3}, {"device", "cpu"}}}};
  std::ofstream(config.toStdString()) << c.dump();
  const QString single = dir_.filePath("attention-single"), two = dir_.filePath("attention-two");
  auto p = start(train_args(config, data_, single), 0, 0, 0);
  QString out;
  QVERIFY2(finish(*p, out) == 0, qPrintable(out));
  const int port = port_ + 6;
  auto r0 = start(train_args(config, data_, two), 2, 0, port);
  auto r1 = start(train_args(config, data_, two), 2, 1, port);
  QString out0, out1;
  const int c0 = finish(*r0, out0), c1 = finish(*r1, out1);
  QVERIFY2(c0 == 0, qPrintable(out0));
  QVERIFY2(c1 == 0, qPrintable(out1));
  QCOMPARE(aia::RunFolder(two.toStdString()).read_info().head, std::string("attention"));
  std::string where;
  const double d = max_difference(last_checkpoint(single), last_checkpoint(two), &where);
  qInfo("attention head, two ranks vs one process: max |difference| %.3g (%s)", d, where.c_str());
  QVERIFY2(d <= kWeightTolerance, qPrintable(QString("max difference %1 at %2").arg(d).arg(where.c_str())));
  QVERIFY(tensors_of(last_checkpoint(two)).count("head.transformer.decoder.layers.0.multihead_attn.in_proj_weight"));
}

void TestDistributed::stoppedOnTwoRanksResumesOnOne() {
  const QString run = dir_.filePath("resumed");
  // Stop after 5 steps (epoch 2, batch 2 of 4): the ranks agree at the next step and save.
  const QStringList args = train_args(config_, data_, run, {"--stop-after-steps", "5"});
  auto r0 = start(args, 2, 0, port_ + 1);
  auto r1 = start(args, 2, 1, port_ + 1);
  QString out0, out1;
  const int c0 = finish(*r0, out0), c1 = finish(*r1, out1);
  QVERIFY2(c0 == 130, qPrintable(out0));  // stopped, state saved
  QVERIFY2(c1 == 130, qPrintable(out1));
  QVERIFY2(out0.contains("resume with the run folder"), qPrintable(out0));

  // One process carries on from where two stopped.
  auto p = start({"train", "--resume", run}, 0, 0, 0);
  QString out;
  QVERIFY2(finish(*p, out) == 0, qPrintable(out));
  QVERIFY2(out.contains("resumed at epoch 2"), qPrintable(out));
  std::string where;
  const double d = max_difference(last_checkpoint(single_), last_checkpoint(run), &where);
  qInfo("stopped on two ranks, resumed on one vs one process: max |difference| %.3g (%s)", d, where.c_str());
  QVERIFY2(d <= kWeightTolerance, qPrintable(QString("max difference %1 at %2").arg(d).arg(where.c_str())));
}

void TestDistributed::launchedByTorchrun() {
  // PyTorch's own launcher (python3-torch), static rendezvous: its agent
  // serves the store and the ranks join it as clients.
  QProcess probe;
  probe.start(AIA_PYTHON3, {"-c", "import torch.distributed.run"});
  if (!probe.waitForFinished(60000) || probe.exitCode() != 0) QSKIP("python3-torch's torchrun is not installed");
  const QString run = dir_.filePath("torchrun");
  // --redirects/--tee 2: Debian's torch 1.13 on Python 3.11 cannot parse the default 0.
  const QStringList args = QStringList{"-m",
                                       "torch.distributed.run",
                                       "--nnodes",
                                       "1",
                                       "--nproc_per_node",
                                       "2",
                                       "--master_addr",
                                       "127.0.0.1",
                                       "--master_port",
                                       QString::number(port_ + 4),
                                       "--redirects",
                                       "2",
                                       "--tee",
                                       "2",
                                       "--no_python",
                                       AIA_CLI} +
                           train_args(config_, data_, run);
  QProcess p;
  auto env = QProcessEnvironment::systemEnvironment();
  env.insert("AIA_THREADS", "1");
  p.setProcessEnvironment(env);
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(AIA_PYTHON3, args);
  QString out;
  QVERIFY2(finish(p, out) == 0, qPrintable(out));
  QVERIFY2(out.contains("[rank 1] all 2 ranks joined"), qPrintable(out));
  std::string where;
  const double d = max_difference(last_checkpoint(single_), last_checkpoint(run), &where);
  QVERIFY2(d <= kWeightTolerance, qPrintable(QString("max difference %1 at %2").arg(d).arg(where.c_str())));
}

void TestDistributed::experimentOnTwoRanks() {
  // Two cells, one after another, each in a process group of its own
  // (MASTER_PORT + n): no rank meets the previous cell's group being torn down.
  const QString experiment = dir_.filePath("experiment");
  auto r0 = start(experiment_args(experiment), 2, 0, port_ + 5);
  auto r1 = start(experiment_args(experiment), 2, 1, port_ + 5);
  every_cell_finishes(*r0, *r1, experiment);
}

void TestDistributed::deadRankStopsTheOther() {
  const QString run = dir_.filePath("dead");
  const QStringList args = train_args(config_, data_, run, {"--epochs", "400"});
  const std::map<QString, QString> timeout{{"AIA_DIST_TIMEOUT", "30"}};
  auto r0 = start(args, 2, 0, port_ + 2, timeout);
  auto r1 = start(args, 2, 1, port_ + 2, timeout);
  // Let rank 1 join and train a little, then kill it without warning.
  QString out1;
  QElapsedTimer waited;
  waited.start();
  while (!out1.contains("all 2 ranks joined") && waited.elapsed() < 120000) {
    r1->waitForReadyRead(200);
    out1 += QString::fromUtf8(r1->readAll());
  }
  QVERIFY2(out1.contains("all 2 ranks joined"), qPrintable(out1));
  QTest::qWait(1500);
  r1->kill();
  r1->waitForFinished();

  QElapsedTimer stopped;
  stopped.start();
  QString out0;
  const int code = finish(*r0, out0, 60000);
  qInfo("rank 0 stopped %.1f s after rank 1 was killed (exit %d): %s", stopped.elapsed() / 1000.0, code,
        qPrintable(out0.section('\n', -2, -2)));
  QVERIFY2(code != -1, "rank 0 still ran 60 s after its peer died");
  QVERIFY2(code != 0 && code != 130, qPrintable(out0));
  QVERIFY2(out0.contains("training failed") && out0.contains("rank 0 of 2"), qPrintable(out0));
}

void TestDistributed::aloneRankTimesOut() {
  const QString run = dir_.filePath("alone");
  auto r0 = start(train_args(config_, data_, run), 2, 0, port_ + 3, {{"AIA_DIST_TIMEOUT", "3"}});
  QString out;
  const int code = finish(*r0, out, 60000);
  QVERIFY2(code != -1, "a rank whose peer never came still waited after 60 s");
  QVERIFY2(code != 0, qPrintable(out));
  QVERIFY2(out.contains("cannot meet the other ranks at 127.0.0.1"), qPrintable(out));
  // Nothing half-made: its log says what happened, no configuration or checkpoint claims a run.
  const aia::RunFolder left(run.toStdString());
  QVERIFY(!std::filesystem::exists(left.config_path()));
  QVERIFY(!std::filesystem::exists(left.checkpoint_path(aia::Checkpoint::Last)));
}

void TestDistributed::ranksThatDisagreeAreRefused() {
  // Each rank may have its own copy of the dataset (another path), but not another dataset or recipe: compared by
  // fingerprint after joining, before any step, and refused on every rank naming the first difference.
  const QString copy = dir_.filePath("tiny-copy");
  std::filesystem::copy(data_.toStdString(), copy.toStdString(), std::filesystem::copy_options::recursive);
  const QString other = dir_.filePath("tiny-other");
  aia::test::make_tiny_dataset(other.toStdString(), 32, 10);
  // Two different weight files to start from (another seed), each host with its own path.
  const QString weights0 = dir_.filePath("start-0.safetensors"), weights1 = dir_.filePath("start-1.safetensors");
  for (const auto& [seed, path] : {std::pair{1, weights0}, std::pair{2, weights1}}) {
    torch::manual_seed(static_cast<std::uint64_t>(seed));
    aia::export_weights(*aia::make_model("tresnet_nano", 4, 0.0), path.toStdString(), aia::WeightFormat::Safetensors);
  }
  struct Case {
    QString data1;
    QStringList extra0, extra1;
    QString field;
  };
  const std::vector<Case> cases = {
      {copy, {}, {"--image-size", "64"}, "data.image_size"},
      {other, {}, {}, "dataset.test"},  // 10 test images instead of 12
      {copy, {}, {"--learning-rate", "0.01"}, "optim.learning_rate"},
      {copy, {"--pretrained", weights0}, {"--pretrained", weights1}, "model.pretrained (the file's content)"}};
  int port = port_ + 7;
  for (const auto& c : cases) {
    const QString run = dir_.filePath("disagree"), run1 = dir_.filePath("disagree-1");
    const std::map<QString, QString> bounded{{"AIA_DIST_TIMEOUT", "60"}};
    auto r0 = start(train_args(config_, data_, run) + c.extra0, 2, 0, port, bounded);
    auto r1 = start(train_args(config_, c.data1, run1) + c.extra1, 2, 1, port, bounded);
    ++port;
    QString out0, out1;
    const int c0 = finish(*r0, out0, 120000), c1 = finish(*r1, out1, 120000);
    QVERIFY2(c0 != 0 && c0 != -1 && c1 != 0 && c1 != -1, qPrintable(out0 + out1));
    for (const QString& out : {out0, out1}) QVERIFY2(out.contains("the ranks disagree on " + c.field), qPrintable(out));
    QVERIFY2(!out0.contains("epoch 1"), qPrintable(out0));  // nothing trained
    QVERIFY(!std::filesystem::exists(last_checkpoint(run)));
  }
  // A copy of the same dataset under another path is the same dataset.
  const QString run = dir_.filePath("agree"), run1 = dir_.filePath("agree-1");
  auto r0 = start(train_args(config_, data_, run, {"--epochs", "1"}), 2, 0, port);
  auto r1 = start(train_args(config_, copy, run1, {"--epochs", "1"}), 2, 1, port);
  QString out0, out1;
  QVERIFY2(finish(*r0, out0) == 0, qPrintable(out0));
  QVERIFY2(finish(*r1, out1) == 0, qPrintable(out1));
  QVERIFY2(out0.contains("train the same configuration on the same dataset"), qPrintable(out0));
  // Only rank 0 writes: rank 1's own view of the run folder (another host's disk) holds nothing.
  QVERIFY2(!std::filesystem::exists(run1.toStdString()) || std::filesystem::is_empty(run1.toStdString()),
           qPrintable(run1));
}

void TestDistributed::twoHostsEqualOneProcess() {
  // One rank in each of two network namespaces: MASTER_ADDR is the first's veth address, not loopback, and each
  // rank writes its run folder on "its own disk" (rank 1's view is another folder): only rank 0 writes.
  const TwoHosts hosts;
  if (!hosts.error.isEmpty()) QSKIP(qPrintable("network namespaces cannot be made here: " + hosts.error));
  const QString run = dir_.filePath("two-hosts"), view1 = dir_.filePath("two-hosts-rank1");
  const std::map<QString, QString> bounded{{"AIA_DIST_TIMEOUT", "60"}};
  auto r0 = start_in(hosts.a, hosts.address_a, train_args(config_, data_, run), 0, port_ + 10, bounded);
  auto r1 = start_in(hosts.b, hosts.address_a, train_args(config_, data_, view1), 1, port_ + 10, bounded);
  QString out0, out1;
  const int c0 = finish(*r0, out0), c1 = finish(*r1, out1);
  QVERIFY2(c0 == 0, qPrintable(out0));
  QVERIFY2(c1 == 0, qPrintable(out1));
  QVERIFY2(out1.contains("joining at " + hosts.address_a), qPrintable(out1));
  std::string where;
  const double d = max_difference(last_checkpoint(single_), last_checkpoint(run), &where);
  qInfo("two hosts (network namespaces) vs one process: max |difference| %.3g (%s)", d, where.c_str());
  QVERIFY2(d <= kWeightTolerance, qPrintable(QString("max difference %1 at %2").arg(d).arg(where.c_str())));
  QVERIFY2(!std::filesystem::exists(view1.toStdString()) || std::filesystem::is_empty(view1.toStdString()),
           "rank 1 wrote into its own view of the run folder");
  QVERIFY(std::filesystem::exists(aia::RunFolder(run.toStdString()).evaluation_path()));
}

void TestDistributed::killedRankOnTwoHostsResumes() {
  // Rank 1's host dies (SIGKILL) mid-run: rank 0 stops within the timeout naming the lost rank, the run folder
  // (here on a disk both hosts see) stays resumable, and --resume on both hosts reaches the weights of an
  // uninterrupted two-host run.
  const TwoHosts hosts;
  if (!hosts.error.isEmpty()) QSKIP(qPrintable("network namespaces cannot be made here: " + hosts.error));
  const std::map<QString, QString> bounded{{"AIA_DIST_TIMEOUT", "30"}};
  const QStringList longer{"--epochs", "8"};
  const QString whole = dir_.filePath("hosts-whole"), killed = dir_.filePath("hosts-killed");
  {
    auto r0 = start_in(hosts.a, hosts.address_a, train_args(config_, data_, whole, longer), 0, port_ + 11, bounded);
    auto r1 = start_in(hosts.b, hosts.address_a, train_args(config_, data_, whole, longer), 1, port_ + 11, bounded);
    QString out0, out1;
    QVERIFY2(finish(*r0, out0) == 0, qPrintable(out0));
    QVERIFY2(finish(*r1, out1) == 0, qPrintable(out1));
  }
  auto r0 = start_in(hosts.a, hosts.address_a, train_args(config_, data_, killed, longer), 0, port_ + 12, bounded);
  auto r1 = start_in(hosts.b, hosts.address_a, train_args(config_, data_, killed, longer), 1, port_ + 12, bounded);
  QString out0, out1;
  QElapsedTimer waited;
  waited.start();
  while (!out0.contains("epoch 2:") && waited.elapsed() < 120000) {
    r0->waitForReadyRead(100);
    out0 += QString::fromUtf8(r0->readAll());
  }
  QVERIFY2(out0.contains("epoch 2:"), qPrintable(out0));
  ::kill(static_cast<pid_t>(r1->processId()), SIGKILL);  // `ip netns exec` execs aia: this is rank 1 itself
  r1->waitForFinished();
  QElapsedTimer stopped;
  stopped.start();
  const int code = finish(*r0, out0, 60000);
  qInfo("rank 0 stopped %.1f s after rank 1 was killed", stopped.elapsed() / 1000.0);
  QVERIFY2(code != 0 && code != -1, qPrintable(out0));
  QVERIFY2(out0.contains("lost rank 1") && out0.contains("--resume"), qPrintable(out0));
  QVERIFY2(!out0.contains("epoch 8:"), "the run finished before rank 1 was killed");
  QVERIFY(std::filesystem::exists(last_checkpoint(killed)));
  // Resumed on both hosts: the same weights as the uninterrupted run.
  const QStringList resume{"train", "--resume", killed, "--workers", "1"};
  auto s0 = start_in(hosts.a, hosts.address_a, resume, 0, port_ + 13, bounded);
  auto s1 = start_in(hosts.b, hosts.address_a, resume, 1, port_ + 13, bounded);
  QString again0, again1;
  QVERIFY2(finish(*s0, again0) == 0, qPrintable(again0));
  QVERIFY2(finish(*s1, again1) == 0, qPrintable(again1));
  std::string where;
  const double d = max_difference(last_checkpoint(whole), last_checkpoint(killed), &where);
  qInfo("killed on two hosts and resumed vs uninterrupted: max |difference| %.3g (%s)", d, where.c_str());
  QVERIFY2(d <= kWeightTolerance, qPrintable(QString("max difference %1 at %2").arg(d).arg(where.c_str())));
}

void TestDistributed::experimentOnTwoHosts() {
  // Two cells across the two namespaces, each cell a process group of its own (MASTER_PORT + n); the experiment
  // folder is on a disk both see (the runner reads its cells there).
  const TwoHosts hosts;
  if (!hosts.error.isEmpty()) QSKIP(qPrintable("network namespaces cannot be made here: " + hosts.error));
  const QString experiment = dir_.filePath("experiment-hosts");
  const std::map<QString, QString> bounded{{"AIA_DIST_TIMEOUT", "60"}};
  auto r0 = start_in(hosts.a, hosts.address_a, experiment_args(experiment), 0, port_ + 16, bounded);
  auto r1 = start_in(hosts.b, hosts.address_a, experiment_args(experiment), 1, port_ + 16, bounded);
  every_cell_finishes(*r0, *r1, experiment);
}

void TestDistributed::masterUnreachableOrPortTaken() {
  // A MASTER_ADDR where nothing answers (the other namespace, with no rank 0 there): a clear message within the
  // timeout, and no run folder.
  const TwoHosts hosts;
  if (!hosts.error.isEmpty()) QSKIP(qPrintable("network namespaces cannot be made here: " + hosts.error));
  const QString run = dir_.filePath("unreachable");
  QElapsedTimer took;
  took.start();
  auto r1 =
      start_in(hosts.b, hosts.address_a, train_args(config_, data_, run), 1, port_ + 14, {{"AIA_DIST_TIMEOUT", "3"}});
  QString out;
  const int code = finish(*r1, out, 60000);
  qInfo("a rank whose master does not answer gave up after %.1f s (timeout 3 s)", took.elapsed() / 1000.0);
  QVERIFY2(code != 0 && code != -1, qPrintable(out));
  QVERIFY2(out.contains("cannot meet the other ranks at " + hosts.address_a), qPrintable(out));
  QVERIFY(!std::filesystem::exists(run.toStdString()));
  // MASTER_PORT taken on rank 0's host (here by a rank 0 still waiting for its peer): said at once.
  const QString first = dir_.filePath("port-holder"), second = dir_.filePath("port-taken");
  auto holder = start(train_args(config_, data_, first), 2, 0, port_ + 15, {{"AIA_DIST_TIMEOUT", "20"}});
  QString held;
  while (!held.contains("joining at") && holder->waitForReadyRead(10000)) held += QString::fromUtf8(holder->readAll());
  QTest::qWait(500);
  auto taken = start(train_args(config_, data_, second), 2, 0, port_ + 15, {{"AIA_DIST_TIMEOUT", "20"}});
  QString said;
  QVERIFY2(finish(*taken, said, 15000) > 0, qPrintable(said));
  QVERIFY2(said.contains("is taken by another program or run"), qPrintable(said));
  holder->kill();
  holder->waitForFinished();
  // Rank 0's folder holds its log (what happened), no configuration and no checkpoint: nothing half-made.
  const aia::RunFolder refused(second.toStdString());
  QVERIFY(!std::filesystem::exists(refused.config_path()));
  QVERIFY(!std::filesystem::exists(refused.checkpoint_path(aia::Checkpoint::Last)));
}

void TestDistributed::runFolderMustBeNamed() {
  // Without --out every rank would stamp its own folder name.
  auto r0 = start({"train", "--config", config_, "--data", data_}, 2, 0, port_ + 3);
  QString out;
  QVERIFY2(finish(*r0, out, 60000) == 1, qPrintable(out));
  QVERIFY2(out.contains("needs its run folder named"), qPrintable(out));
}

QTEST_GUILESS_MAIN(TestDistributed)
#include "tst_distributed.moc"
