// Published models from the Hugging Face Hub, against a Hub the test starts on
// loopback (tests/interop/hub_server.py: a real HTTP server on 127.0.0.1 with
// its "CDN" on 127.0.0.2): the cache in huggingface_hub's layout, resumes,
// refusals, offline use, a cache Python made, and a published model made a run
// that tags an image, from core and from `aia get-model`.

#include <torch/torch.h>  // torch before Qt: Qt's `slots` macro breaks LibTorch's headers

#include "loopback_hub.h"

#include "aia/annotate/annotator.h"
#include "aia/annotate/published_model.h"
#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "aia/io/checkpoint.h"
#include "aia/io/hub.h"
#include "aia/model/registry.h"
#include "aia/run/run_folder.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

namespace fs = std::filesystem;

namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

class TestHub : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void init();
  void downloadsIntoThePythonLayout();
  void secondCallUsesTheCache();
  void resumesAfterADroppedConnection();
  void startsOverWhenRangeIsIgnored();
  void refusesACorruptedBlob();
  void namesTheHubsRefusals();
  void stallsTimeOut();
  void offlineAndUnreachable();
  void reusesACacheLaidOutByHuggingfaceHub();
  void twoDownloadersWriteOneBlob();
  void cancelKeepsThePart();
  void publishedModelBecomesATagger();
  void cliGetsAModel();
  void cleanupTestCase();

 private:
  nlohmann::json stats() { return m_server->stats(); }
  void control(const std::string& query) { QVERIFY(m_server->control(query)); }
  aia::HubOptions options() {
    aia::HubOptions o;
    o.endpoint = m_hub;
    o.cache_dir = m_cache;
    o.token = "not-for-the-cdn";
    return o;
  }
  aia::HubFile model_file() { return aia::parse_hub_repo("aia-test/nano", "model.safetensors"); }

  QTemporaryDir m_dir;
  std::unique_ptr<aia::test::LoopbackHub> m_server;
  std::string m_root, m_cache, m_hub, m_commit, m_sha256;
  std::int64_t m_size = 0;
};

void TestHub::initTestCase() {
  // The repo: a 3-class tresnet_nano in timm's names, and timm's config.json with label_names.
  m_root = m_dir.filePath(QStringLiteral("hub")).toStdString();
  aia::test::make_nano_repo(m_root);
  const fs::path repo = fs::path(m_root) / "aia-test" / "nano";
  m_sha256 = aia::sha256_of_file((repo / "model.safetensors").string());
  m_size = static_cast<std::int64_t>(fs::file_size(repo / "model.safetensors"));
  QVERIFY2(m_size > 100000, "a file large enough to drop halfway");
  m_commit = QCryptographicHash::hash("aia-test/nano", QCryptographicHash::Sha1).toHex().toStdString();

  m_server = std::make_unique<aia::test::LoopbackHub>(m_root);
  m_hub = m_server->endpoint();
}

void TestHub::init() {
  control("reset=1");
  m_cache = m_dir.filePath(QStringLiteral("cache-%1").arg(QTest::currentTestFunction())).toStdString();
}

void TestHub::downloadsIntoThePythonLayout() {
  std::vector<aia::HubProgress> seen;
  const auto r = aia::hub_download(model_file(), options(), [&](const aia::HubProgress& p) {
    seen.push_back(p);
    return true;
  });
  QCOMPARE(r.commit, m_commit);
  QCOMPARE(r.etag, m_sha256);
  QCOMPARE(r.size, m_size);
  QVERIFY(!r.from_cache);
  const fs::path repo = fs::path(m_cache) / "models--aia-test--nano";
  QCOMPARE(r.path, (repo / "snapshots" / m_commit / "model.safetensors").string());
  // huggingface_hub's layout: the blob by etag, the ref, the snapshot a relative link.
  QVERIFY(fs::is_regular_file(repo / "blobs" / m_sha256));
  QCOMPARE(aia::read_file((repo / "refs" / "main").string()), m_commit);
  QVERIFY(fs::is_symlink(r.path));
  QCOMPARE(fs::read_symlink(r.path).string(), "../../blobs/" + m_sha256);
  QCOMPARE(aia::sha256_of_file(r.path), m_sha256);
  QVERIFY(!fs::exists(repo / "blobs" / (m_sha256 + ".aia-incomplete")));
  // Progress with the total, ending at the whole file.
  QVERIFY(!seen.empty());
  QCOMPARE(seen.back().total, m_size);
  QCOMPARE(seen.back().done, m_size);
  // The token went to the Hub, never across the redirect to the CDN.
  const auto s = stats();
  QCOMPARE(s["cdn_gets"].get<int>(), 1);
  QCOMPARE(s["cdn_auth"].get<int>(), 0);
  // A regular file's etag is its git blob sha1, checked the same way.
  const auto c = aia::hub_download(aia::parse_hub_repo("aia-test/nano", "config.json"), options());
  QCOMPARE(c.etag, aia::git_sha1_of_file(c.path));
}

void TestHub::secondCallUsesTheCache() {
  aia::hub_download(model_file(), options());
  const auto r = aia::hub_download(model_file(), options());
  QVERIFY(r.from_cache);
  QCOMPARE(stats()["cdn_gets"].get<int>(), 1);  // the second call asked the Hub (HEAD), fetched nothing
  // A pinned commit resolves the same.
  const auto pinned =
      aia::hub_download(aia::parse_hub_repo("aia-test/nano@" + m_commit, "model.safetensors"), options());
  QCOMPARE(pinned.path, r.path);
}

void TestHub::resumesAfterADroppedConnection() {
  control("drop=1");
  const std::string first = error_of([&] { aia::hub_download(model_file(), options()); });
  QVERIFY2(contains(first, "run it again to resume"), first.c_str());
  const fs::path partial = fs::path(m_cache) / "models--aia-test--nano" / "blobs" / (m_sha256 + ".aia-incomplete");
  QVERIFY(fs::exists(partial));
  const auto half = static_cast<std::int64_t>(fs::file_size(partial));
  QVERIFY2(half > 0 && half < m_size, qPrintable(QString::number(half)));
  const auto r = aia::hub_download(model_file(), options());
  QCOMPARE(aia::sha256_of_file(r.path), m_sha256);
  const auto ranges = stats()["cdn_ranges"];
  QCOMPARE(ranges.size(), std::size_t{1});
  QCOMPARE(ranges[0].get<std::string>(), "bytes=" + std::to_string(half) + "-");
}

void TestHub::startsOverWhenRangeIsIgnored() {
  control("drop=1");
  QVERIFY(!error_of([&] { aia::hub_download(model_file(), options()); }).empty());
  control("ignore_range=1");
  const auto r = aia::hub_download(model_file(), options());  // a 200 to the Range request: the part is dropped
  QCOMPARE(aia::sha256_of_file(r.path), m_sha256);
  QCOMPARE(static_cast<std::int64_t>(fs::file_size(r.path)), m_size);
}

void TestHub::refusesACorruptedBlob() {
  control("corrupt=1");
  const std::string m = error_of([&] { aia::hub_download(model_file(), options()); });
  QVERIFY2(contains(m, "its sha256 is") && contains(m, "nothing was kept in the cache"), m.c_str());
  const fs::path blobs = fs::path(m_cache) / "models--aia-test--nano" / "blobs";
  QVERIFY(fs::is_empty(blobs));  // neither the blob nor its part
  QVERIFY(!fs::exists(fs::path(m_cache) / "models--aia-test--nano" / "snapshots" / m_commit / "model.safetensors"));
}

void TestHub::namesTheHubsRefusals() {
  control("token=secret");
  std::string m = error_of([&] { aia::hub_download(model_file(), options()); });
  QVERIFY2(contains(m, "401") && contains(m, "HF_TOKEN"), m.c_str());
  auto with_token = options();
  with_token.token = "secret";
  QCOMPARE(aia::sha256_of_file(aia::hub_download(model_file(), with_token).path), m_sha256);
  // HF_TOKEN from the environment, as huggingface_hub reads it.
  auto from_env = options();
  from_env.token.clear();
  from_env.cache_dir = m_cache + "-env";
  qputenv("HF_TOKEN", "secret");
  const std::string with_env = error_of([&] { aia::hub_download(model_file(), from_env); });
  qunsetenv("HF_TOKEN");
  QVERIFY2(with_env.empty(), with_env.c_str());
  QCOMPARE(stats()["cdn_auth"].get<int>(), 0);  // and never to the CDN
  control("reset=1");
  m = error_of([&] { aia::hub_download(aia::parse_hub_repo("aia-test/missing", "model.safetensors"), options()); });
  QVERIFY2(contains(m, "aia-test/missing: no such model"), m.c_str());
  m = error_of([&] { aia::hub_download(aia::parse_hub_repo("aia-test/nano@v9", "model.safetensors"), options()); });
  QVERIFY2(contains(m, "aia-test/nano: no revision 'v9'"), m.c_str());
  m = error_of([&] { aia::hub_download(aia::parse_hub_repo("aia-test/nano", "weights.bin"), options()); });
  QVERIFY2(contains(m, "aia-test/nano@main: no file 'weights.bin'"), m.c_str());
  m = error_of([] { aia::parse_hub_repo("no-slash", "model.safetensors"); });
  QVERIFY2(contains(m, "ORG/NAME[@REVISION]"), m.c_str());
}

void TestHub::stallsTimeOut() {
  control("stall=1");
  auto quick = options();
  quick.stall_timeout_s = 1;
  const std::string m = error_of([&] { aia::hub_download(model_file(), quick); });
  QVERIFY2(contains(m, "run it again to resume"), m.c_str());
  QCOMPARE(aia::sha256_of_file(aia::hub_download(model_file(), options()).path), m_sha256);  // and it resumes
}

void TestHub::offlineAndUnreachable() {
  auto offline = options();
  offline.offline = true;
  std::string m = error_of([&] { aia::hub_download(model_file(), offline); });
  QVERIFY2(contains(m, "offline (HF_HUB_OFFLINE)") &&
               contains(m, "aia-test/nano@main:model.safetensors is not in the cache"),
           m.c_str());
  const auto fetched = aia::hub_download(model_file(), options());
  const auto heads = stats()["hub_heads"].get<int>();
  const auto r = aia::hub_download(model_file(), offline);
  QVERIFY(r.offline && r.from_cache);
  QCOMPARE(r.path, fetched.path);
  QCOMPARE(stats()["hub_heads"].get<int>(), heads);  // offline asks nothing
  // HF_HUB_OFFLINE=1 in the environment does the same.
  qputenv("HF_HUB_OFFLINE", "1");
  QVERIFY(aia::hub_download(model_file(), options()).offline);
  qunsetenv("HF_HUB_OFFLINE");
  // A Hub that cannot be reached (nothing listens on port 1 of loopback): the cache answers, saying why.
  auto unreachable = options();
  unreachable.endpoint = "http://127.0.0.1:1";
  const auto cached = aia::hub_download(model_file(), unreachable);
  QVERIFY(cached.from_cache);
  QVERIFY2(contains(cached.note, "could not be reached"), cached.note.c_str());
  unreachable.cache_dir = m_cache + "-empty";
  m = error_of([&] { aia::hub_download(model_file(), unreachable); });
  QVERIFY2(contains(m, "could not be reached") && contains(m, "is not in the cache"), m.c_str());
}

void TestHub::reusesACacheLaidOutByHuggingfaceHub() {
  // huggingface_hub's own layout, made by hand as its file_download.py lays it out.
  const fs::path repo = fs::path(m_cache) / "models--aia-test--nano";
  fs::create_directories(repo / "blobs");
  fs::create_directories(repo / "refs");
  fs::create_directories(repo / "snapshots" / m_commit);
  fs::copy_file(fs::path(m_root) / "aia-test" / "nano" / "model.safetensors", repo / "blobs" / m_sha256);
  aia::write_file_atomically((repo / "refs" / "main").string(), m_commit);
  fs::create_symlink("../../blobs/" + m_sha256, repo / "snapshots" / m_commit / "model.safetensors");
  const auto r = aia::hub_download(model_file(), options());
  QVERIFY(r.from_cache);
  QCOMPARE(stats()["cdn_gets"].get<int>(), 0);
  auto offline = options();
  offline.offline = true;
  QCOMPARE(aia::hub_download(model_file(), offline).path, r.path);
  // And the other way: the cache folder comes from HF_HUB_CACHE, then HF_HOME/hub, as huggingface_hub's.
  qputenv("HF_HUB_CACHE", "/somewhere/hub-cache");
  QCOMPARE(aia::hub_cache_dir(), std::string("/somewhere/hub-cache"));
  qunsetenv("HF_HUB_CACHE");
  qputenv("HF_HOME", "/somewhere/hf");
  QCOMPARE(aia::hub_cache_dir(), std::string("/somewhere/hf/hub"));
  qunsetenv("HF_HOME");
}

void TestHub::twoDownloadersWriteOneBlob() {
  std::string a, b;
  std::thread one([&] { a = error_of([&] { aia::hub_download(model_file(), options()); }); });
  std::thread two([&] { b = error_of([&] { aia::hub_download(model_file(), options()); }); });
  one.join(), two.join();
  QVERIFY2(a.empty() && b.empty(), (a + b).c_str());
  QCOMPARE(stats()["cdn_gets"].get<int>(), 1);  // the second waited on the lock and found the blob
  QVERIFY(fs::exists(fs::path(m_cache) / ".locks" / "models--aia-test--nano" / (m_sha256 + ".lock")));
}

void TestHub::cancelKeepsThePart() {
  control("stall=1");  // slow enough to cancel midway
  bool asked = false;
  const std::string m = error_of([&] {
    aia::hub_download(model_file(), options(), [&](const aia::HubProgress& p) {
      if (p.done == 0) return true;
      asked = true;
      return false;
    });
  });
  QVERIFY(asked);
  QVERIFY2(contains(m, "cancelled"), m.c_str());
  QVERIFY(fs::exists(fs::path(m_cache) / "models--aia-test--nano" / "blobs" / (m_sha256 + ".aia-incomplete")));
}

void TestHub::publishedModelBecomesATagger() {
  aia::GetModelRequest request;
  request.model = "aia-test/nano";
  request.out_dir = m_dir.filePath(QStringLiteral("nano-run")).toStdString();
  request.hub = options();
  const auto s = aia::get_published_model(request);
  QCOMPARE(s.run.labels, std::size_t{3});
  QVERIFY2(contains(s.labels_from, "config.json's label_names of aia-test/nano"), s.labels_from.c_str());
  QVERIFY2(contains(s.thresholds, "uncalibrated") && contains(s.thresholds, "certified auto-accept"),
           s.thresholds.c_str());
  const aia::RunInfo info = aia::RunFolder(request.out_dir).read_info();
  QCOMPARE(info.vocabulary, (std::vector<std::string>{"cat", "dog", "bird"}));
  QCOMPARE(info.backbone, std::string("tresnet_nano"));
  QCOMPARE(info.image_size, 32);
  QVERIFY(info.thresholds_uncalibrated);
  QCOMPARE(info.source, "aia-test/nano@" + m_commit);
  // It tags an image at once.
  const std::string image = m_dir.filePath(QStringLiteral("photo.png")).toStdString();
  cv::Mat photo(40, 50, CV_8UC3);
  cv::randu(photo, 0, 255);
  QVERIFY(cv::imwrite(image, photo));
  aia::Annotator annotator(request.out_dir, "cpu");
  const auto results = annotator.annotate({image});
  QVERIFY2(results.at(0).ok, results.at(0).error.c_str());
  QCOMPARE(results[0].scores.size(), std::size_t{3});
  // No class names anywhere: said plainly, and no run is made.
  aia::GetModelRequest bare = request;
  bare.model = "aia-test/nano";
  bare.out_dir = m_dir.filePath(QStringLiteral("no-names")).toStdString();
  fs::rename(fs::path(m_root) / "aia-test" / "nano" / "config.json", fs::path(m_root) / "config.json.aside");
  bare.hub.cache_dir = m_cache + "-bare";
  bare.backbone = "tresnet_nano";
  const std::string m = error_of([&] { aia::get_published_model(bare); });
  fs::rename(fs::path(m_root) / "config.json.aside", fs::path(m_root) / "aia-test" / "nano" / "config.json");
  QVERIFY2(contains(m, "publishes no class names") && contains(m, "--labels"), m.c_str());
  QVERIFY(!fs::exists(bare.out_dir));
}

void TestHub::cliGetsAModel() {
  QProcess p;
  auto env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("HF_ENDPOINT"), QString::fromStdString(m_hub));
  env.insert(QStringLiteral("HF_HUB_CACHE"), QString::fromStdString(m_cache));
  p.setProcessEnvironment(env);
  const QString out = m_dir.filePath(QStringLiteral("cli-run"));
  p.start(QStringLiteral(AIA_CLI),
          {QStringLiteral("get-model"), QStringLiteral("aia-test/nano"), QStringLiteral("--out"), out});
  QVERIFY(p.waitForFinished(120000));
  const QString said = QString::fromUtf8(p.readAllStandardOutput()) + QString::fromUtf8(p.readAllStandardError());
  QVERIFY2(p.exitCode() == 0, qPrintable(said));
  QVERIFY2(said.contains(QStringLiteral("3 labels from config.json's label_names")), qPrintable(said));
  QVERIFY2(said.contains(QStringLiteral("thresholds uncalibrated")), qPrintable(said));
  QVERIFY(fs::is_regular_file(aia::RunFolder(out.toStdString()).info_path()));
  // Offline from the cache it just filled, into another run.
  env.insert(QStringLiteral("HF_HUB_OFFLINE"), QStringLiteral("1"));
  p.setProcessEnvironment(env);
  p.start(QStringLiteral(AIA_CLI), {QStringLiteral("get-model"), QStringLiteral("aia-test/nano"),
                                    QStringLiteral("--out"), m_dir.filePath(QStringLiteral("cli-run-offline"))});
  QVERIFY(p.waitForFinished(120000));
  const QString offline = QString::fromUtf8(p.readAllStandardOutput()) + QString::fromUtf8(p.readAllStandardError());
  QVERIFY2(p.exitCode() == 0 && offline.contains(QStringLiteral("from the cache")), qPrintable(offline));
}

void TestHub::cleanupTestCase() { m_server.reset(); }

QTEST_GUILESS_MAIN(TestHub)
#include "tst_hub.moc"
